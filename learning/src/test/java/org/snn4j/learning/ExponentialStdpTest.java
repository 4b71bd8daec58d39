package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;
import org.snn4j.Spikes;
import org.snn4j.layer.LearningRule;
import org.snn4j.learning.ExponentialStdp.Bounding;
import org.snn4j.learning.ExponentialStdp.Pairing;
import org.snn4j.learning.ExponentialStdp.Parameters;

class ExponentialStdpTest extends LearningRuleContract {

    @Override
    protected LearningRule create(float r1, float r2, WeightBounds bounds) {
        return new ExponentialStdp(new Parameters(5f, 8f, r1, r2, bounds, Pairing.ALL_TO_ALL,
                r1 > 0 ? Bounding.MULTIPLICATIVE : Bounding.ADDITIVE));
    }

    private static final double EPS = 1e-6;

    private static Parameters params(Pairing pairing, Bounding bounding) {
        return new Parameters(10f, 10f, 0.1f, 0.05f, WeightBounds.unit(), pairing, bounding);
    }

    /** One pre, one post, w = 0.5, dt = 1 ms; pre spikes at {@code preSteps}, post at {@code postSteps}. */
    private static float run(Parameters p, int[] preSteps, int[] postSteps) {
        ToyDenseLayer layer = new ToyDenseLayer(1, 1);
        layer.w[0] = 0.5f;
        Spikes[] in = Drive.none(1, 6);
        Spikes[] out = Drive.none(1, 6);
        for (int t : preSteps) {
            in[t].add(0);
        }
        for (int t : postSteps) {
            out[t].add(0);
        }
        Drive.present(new ExponentialStdp(p), layer, layer.newState(), in, out, 0f, 1f);
        return layer.w[0];
    }

    @Test
    void preBeforePostPotentiatesByTheDecayedPreTrace() {
        // 0.5 + 0.1 * exp(-2/10)
        assertThat((double) run(params(Pairing.ALL_TO_ALL, Bounding.ADDITIVE), new int[] {0}, new int[] {2}))
                .isCloseTo(0.5 + 0.1 * Math.exp(-0.2), within(EPS));
    }

    @Test
    void postBeforePreDepressesByTheDecayedPostTrace() {
        // 0.5 - 0.05 * exp(-3/10)
        assertThat((double) run(params(Pairing.ALL_TO_ALL, Bounding.ADDITIVE), new int[] {3}, new int[] {0}))
                .isCloseTo(0.5 - 0.05 * Math.exp(-0.3), within(EPS));
    }

    @Test
    void sameStepSpikesArePotentiationOnly() {
        assertThat(run(params(Pairing.ALL_TO_ALL, Bounding.ADDITIVE), new int[] {1}, new int[] {1}))
                .isCloseTo(0.6f, within(1e-7f));
    }

    @Test
    void noSpikesOrOnlyOneSideChangeNothing() {
        Parameters p = params(Pairing.ALL_TO_ALL, Bounding.ADDITIVE);
        assertThat(run(p, new int[0], new int[0])).isEqualTo(0.5f);
        assertThat(run(p, new int[] {0, 2}, new int[0])).isEqualTo(0.5f);
        assertThat(run(p, new int[0], new int[] {1, 3})).isEqualTo(0.5f);
    }

    @Test
    void allToAllSumsEarlierSpikesNearestKeepsTheLast() {
        assertThat((double) run(params(Pairing.ALL_TO_ALL, Bounding.ADDITIVE), new int[] {0, 1}, new int[] {2}))
                .isCloseTo(0.5 + 0.1 * (Math.exp(-0.2) + Math.exp(-0.1)), within(EPS));
        assertThat((double) run(params(Pairing.NEAREST, Bounding.ADDITIVE), new int[] {0, 1}, new int[] {2}))
                .isCloseTo(0.5 + 0.1 * Math.exp(-0.1), within(EPS));
    }

    @Test
    void multiplicativeBoundsScaleByTheDistanceToTheBound() {
        // LTP: 0.5 + 0.1 * e^-0.2 * (1 - 0.5); LTD: 0.5 - 0.05 * e^-0.3 * (0.5 - 0)
        assertThat((double) run(params(Pairing.ALL_TO_ALL, Bounding.MULTIPLICATIVE), new int[] {0}, new int[] {2}))
                .isCloseTo(0.5 + 0.05 * Math.exp(-0.2), within(EPS));
        assertThat((double) run(params(Pairing.ALL_TO_ALL, Bounding.MULTIPLICATIVE), new int[] {3}, new int[] {0}))
                .isCloseTo(0.5 - 0.025 * Math.exp(-0.3), within(EPS));
    }

    @Test
    void signedWeightsWithSoftBoundsMoveTowardsBothEnds() {
        Parameters p = new Parameters(10f, 10f, 0.5f, 0.5f, new WeightBounds(-1f, 1f), Pairing.ALL_TO_ALL,
                Bounding.MULTIPLICATIVE);
        // w = 0.5 -> LTP: 0.5 + 0.5 * 1 * (1 - 0.5) = 0.75 (same step)
        assertThat(run(p, new int[] {1}, new int[] {1})).isEqualTo(0.75f);
        // LTD right after: 0.5 - 0.5 * e^-0.1 * (0.5 + 1)
        assertThat((double) run(p, new int[] {2}, new int[] {1}))
                .isCloseTo(0.5 - 0.75 * Math.exp(-0.1), within(EPS));
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new Parameters(-2f, 1f, 0f, 0f, WeightBounds.unit(), Pairing.NEAREST,
                Bounding.ADDITIVE)).hasMessage("tauPlusMs must be finite and > 0, got -2.0");
        assertThatThrownBy(() -> new Parameters(2f, 1f, Float.POSITIVE_INFINITY, 0f, WeightBounds.unit(),
                Pairing.NEAREST, Bounding.ADDITIVE)).hasMessage("etaPlus must be finite, got Infinity");
    }

    /**
     * Independent reference: every step, every synapse of a dense [post][pre] matrix, traces decayed step by
     * step from their last spike with the same float decay factors.
     */
    @Property(tries = 40, seed = "31337")
    void equalsADenseEveryStepReference(@ForAll long seed, @ForAll boolean nearest, @ForAll boolean soft,
                                        @ForAll boolean direct,
                                        @ForAll @FloatRange(min = 0f, max = 0.2f) float etaPlus,
                                        @ForAll @FloatRange(min = 0f, max = 0.2f) float etaMinus) {
        SplittableRandom rng = new SplittableRandom(seed);
        int nPre = 6;
        int nPost = 4;
        int steps = 20;
        float dt = 0.5f;
        Parameters p = new Parameters(4f, 7f, etaPlus, etaMinus, WeightBounds.unit(),
                nearest ? Pairing.NEAREST : Pairing.ALL_TO_ALL, soft ? Bounding.MULTIPLICATIVE : Bounding.ADDITIVE);
        ToyDenseLayer layer = new ToyDenseLayer(nPre, nPost);
        layer.directSynapses = direct; // both the direct override and PlasticLayer's default walk
        float[][] ref = new float[nPost][nPre];
        for (int i = 0; i < nPre; i++) {
            for (int j = 0; j < nPost; j++) {
                float v = (float) rng.nextDouble();
                layer.set(i, j, v);
                ref[j][i] = v;
            }
        }
        Spikes[] in = Drive.random(rng, nPre, steps, 0.25);
        Spikes[] out = Drive.random(rng, nPost, steps, 0.15);
        ExponentialStdp rule = new ExponentialStdp(p);
        // two presentations: traces must restart
        for (int rep = 0; rep < 2; rep++) {
            Drive.present(rule, layer, layer.newState(), in, out, 0f, dt);
            reference(ref, p, in, out, dt);
        }
        for (int i = 0; i < nPre; i++) {
            for (int j = 0; j < nPost; j++) {
                assertThat(layer.get(i, j)).isEqualTo(ref[j][i]);
            }
        }
    }

    private static float decay(int k, float dt, float tau) {
        return (float) StrictMath.exp(-k * ((double) dt / tau));
    }

    static void reference(float[][] w, Parameters p, Spikes[] in, Spikes[] out, float dt) {
        int nPost = w.length;
        int nPre = w[0].length;
        float[] x = new float[nPre];
        int[] xs = new int[nPre];
        float[] y = new float[nPost];
        int[] ys = new int[nPost];
        boolean soft = p.bounding() == Bounding.MULTIPLICATIVE;
        boolean nearest = p.pairing() == Pairing.NEAREST;
        float lo = p.bounds().lo();
        float hi = p.bounds().hi();
        for (int t = 0; t < in.length; t++) {
            for (int i = 0; i < nPre; i++) {
                if (in[t].contains(i)) {
                    float cur = x[i] == 0f ? 0f : x[i] * decay(t - xs[i], dt, p.tauPlusMs());
                    x[i] = nearest ? 1f : cur + 1f;
                    xs[i] = t;
                }
            }
            for (int j = 0; j < nPost; j++) { // LTD: pre spikes now x earlier post spikes
                float yj = y[j] == 0f ? 0f : y[j] * decay(t - ys[j], dt, p.tauMinusMs());
                for (int i = 0; i < nPre; i++) {
                    if (in[t].contains(i) && y[j] != 0f) {
                        float v = w[j][i];
                        float dw = p.etaMinus() * yj;
                        v = soft ? v - dw * (v - lo) : v - dw;
                        w[j][i] = Math.max(lo, Math.min(hi, v));
                    }
                }
            }
            for (int j = 0; j < nPost; j++) { // LTP: post spikes now x pre traces (including now)
                for (int i = 0; i < nPre; i++) {
                    float xi = x[i] == 0f ? 0f : x[i] * decay(t - xs[i], dt, p.tauPlusMs());
                    if (out[t].contains(j) && xi != 0f) {
                        float v = w[j][i];
                        float dw = p.etaPlus() * xi;
                        v = soft ? v + dw * (hi - v) : v + dw;
                        w[j][i] = Math.max(lo, Math.min(hi, v));
                    }
                }
            }
            for (int j = 0; j < nPost; j++) {
                if (out[t].contains(j)) {
                    float cur = y[j] == 0f ? 0f : y[j] * decay(t - ys[j], dt, p.tauMinusMs());
                    y[j] = nearest ? 1f : cur + 1f;
                    ys[j] = t;
                }
            }
        }
    }

    @Test
    void tripletTermScalesPotentiationByTheSlowPostTraceBeforeTheSpike() {
        // pre at 0; post at 2 and 5; dt 1 ms, tauPlus 10, tauSlow 20, nearest pairing, no pair term
        Parameters triplet = new Parameters(10f, 10f, 0f, 0f, WeightBounds.unit(), Pairing.NEAREST,
                Bounding.ADDITIVE, 0.1f, 20f);
        // first post spike: slow trace 0 -> no change; second: 0.1 * z(5) * x(5), z(5) = exp(-3/20), x = exp(-5/10)
        assertThat((double) run(triplet, new int[] {0}, new int[] {2, 5}))
                .isCloseTo(0.5 + 0.1 * Math.exp(-0.15) * Math.exp(-0.5), within(EPS));
        assertThat(run(triplet, new int[] {0}, new int[] {2})).as("a single post spike").isEqualTo(0.5f);
        // pair and triplet terms together: (etaPlus + etaTriplet * z) * x
        Parameters both = new Parameters(10f, 10f, 0.1f, 0f, WeightBounds.unit(), Pairing.NEAREST,
                Bounding.ADDITIVE, 0.1f, 20f);
        assertThat((double) run(both, new int[] {0}, new int[] {2, 5})).isCloseTo(
                0.5 + 0.1 * Math.exp(-0.2) + (0.1 + 0.1 * Math.exp(-0.15)) * Math.exp(-0.5), within(EPS));
    }

    @Test
    void pairConstructorHasNoTripletTermAndBadTripletParametersAreNamed() {
        Parameters pair = params(Pairing.NEAREST, Bounding.ADDITIVE);
        assertThat(pair.etaTriplet()).isZero();
        assertThat(Parameters.diehlCook2015Triplet().etaTriplet()).isEqualTo(0.01f);
        assertThat(Parameters.diehlCook2015Triplet().tauSlowMs()).isEqualTo(40f);
        assertThatThrownBy(() -> new Parameters(1f, 1f, 0f, 0f, WeightBounds.unit(), Pairing.NEAREST,
                Bounding.ADDITIVE, Float.NaN, 1f)).hasMessage("etaTriplet must be finite, got NaN");
        assertThatThrownBy(() -> new Parameters(1f, 1f, 0f, 0f, WeightBounds.unit(), Pairing.NEAREST,
                Bounding.ADDITIVE, 0.1f, 0f)).hasMessage("tauSlowMs must be finite and > 0, got 0.0");
    }
}
