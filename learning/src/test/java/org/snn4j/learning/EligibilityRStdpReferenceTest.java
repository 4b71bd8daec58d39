package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.snn4j.Spikes;
import org.snn4j.layer.LayerState;
import org.snn4j.learning.EligibilityRStdp.Parameters;

/**
 * EligibilityRStdp against a plain double-precision loop written from its Javadoc: several inputs and
 * outputs, random spike trains, graded rewards (never exactly +-1), a learning rate other than 1, signed
 * bounds, and two presentations (the eligibility and the traces carry over; the second reward sees them).
 */
class EligibilityRStdpReferenceTest {

    @Property(tries = 60, seed = "170017")
    void matchesAPlainLoopOverTwoPresentations(@ForAll long seed,
                                               @ForAll @IntRange(min = 2, max = 5) int nPre,
                                               @ForAll @IntRange(min = 2, max = 4) int nPost) {
        SplittableRandom r = new SplittableRandom(seed);
        float dt = 0.5f;
        float tauP = 4f + (float) r.nextDouble(8);
        float tauM = 4f + (float) r.nextDouble(8);
        float tauE = 20f + (float) r.nextDouble(50);
        float aPlus = 0.2f + (float) r.nextDouble();
        float aMinus = -0.1f - (float) r.nextDouble();
        float lr = 0.05f + (float) r.nextDouble(0.3);
        WeightBounds bounds = new WeightBounds(-0.4f, 1.3f);
        EligibilityRStdp rule = new EligibilityRStdp(new Parameters(tauP, tauM, tauE, new StdpRates(aPlus, aMinus),
                lr, bounds));
        ToyDenseLayer layer = new ToyDenseLayer(nPre, nPost);
        double[][] w = new double[nPre][nPost];
        for (int i = 0; i < nPre; i++) {
            for (int j = 0; j < nPost; j++) {
                w[i][j] = r.nextDouble(0.1, 0.9);
                layer.set(i, j, (float) w[i][j]);
            }
        }
        int steps = 12;
        double[][] c = new double[nPre][nPost];
        double[] x = new double[nPre];
        double[] y = new double[nPost];
        boolean[] postFired = new boolean[nPost];
        LayerState state = layer.newState();
        for (int presentation = 0; presentation < 2; presentation++) {
            double reward = (r.nextBoolean() ? 1 : -1) * (0.2 + r.nextDouble(2.3));
            if (Math.abs(Math.abs(reward) - 1.0) < 1e-3) {
                reward = 1.7;
            }
            Spikes[] ins = Drive.random(r, nPre, steps, 0.3);
            Spikes[] outs = Drive.random(r, nPost, steps, 0.2);
            for (int t = 0; t < steps; t++) {
                for (int k = 0; k < ins[t].count(); k++) {
                    x[ins[t].get(k)] += 1;
                }
                for (int k = 0; k < ins[t].count(); k++) {
                    int i = ins[t].get(k);
                    for (int j = 0; j < nPost; j++) {
                        if (postFired[j]) {
                            c[i][j] += aMinus * y[j];
                        }
                    }
                }
                for (int k = 0; k < outs[t].count(); k++) {
                    int j = outs[t].get(k);
                    for (int i = 0; i < nPre; i++) {
                        c[i][j] += aPlus * x[i];
                    }
                }
                for (int k = 0; k < outs[t].count(); k++) {
                    y[outs[t].get(k)] += 1;
                    postFired[outs[t].get(k)] = true;
                }
                double dp = Math.exp(-dt / tauP);
                double dm = Math.exp(-dt / tauM);
                double de = Math.exp(-dt / tauE);
                for (int i = 0; i < nPre; i++) {
                    x[i] *= dp;
                    for (int j = 0; j < nPost; j++) {
                        c[i][j] *= de;
                    }
                }
                for (int j = 0; j < nPost; j++) {
                    y[j] *= dm;
                }
            }
            for (int i = 0; i < nPre; i++) {
                for (int j = 0; j < nPost; j++) {
                    w[i][j] = Math.max(-0.4, Math.min(1.3, w[i][j] + lr * reward * c[i][j]));
                }
            }
            Drive.present(rule, layer, state, ins, outs, (float) reward, dt);
            for (int i = 0; i < nPre; i++) {
                for (int j = 0; j < nPost; j++) {
                    assertThat((double) rule.eligibility(i, j)).as("eligibility %d -> %d after presentation %d",
                            i, j, presentation).isCloseTo(c[i][j], within(1e-4 * (1 + Math.abs(c[i][j]))));
                    assertThat((double) layer.get(i, j)).as("weight %d -> %d after presentation %d", i, j,
                            presentation).isCloseTo(w[i][j], within(1e-4));
                }
            }
        }
    }
}
