package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;

/** The engine's SRM neuron against the kernel sums written out (SLAYER's definition), and its kernels. */
class SrmTest {

    @Test
    void kernelsAreSlayersAlphaFunctions() {
        SrmParameters p = SrmParameters.slayerNmnist();
        SrmKernels k = new SrmKernels(p, 1f);
        assertThat(k.pspKernel(0)).isZero();
        assertThat(k.pspKernel(10)).isCloseTo(1.0, within(1e-12));       // peak 1 at tauSr
        assertThat(k.pspKernel(5)).isCloseTo(0.5 * Math.exp(0.5), within(1e-12));
        assertThat(k.refractoryKernel(1)).isCloseTo(-2 * 10.0, within(1e-9)); // -scaleRef theta at tauRef
        assertThat(k.pspDecay()).isEqualTo((float) Math.exp(-0.1));
    }

    /** One neuron fed random inputs: u[t] equals the two kernel sums over the past inputs and spikes. */
    @Test
    void potentialIsTheSumOfKernelResponses() {
        SrmParameters p = new SrmParameters(3f, 4f, 2f, 1.5f);
        float dt = 0.5f;
        Srm model = new Srm(p, dt);
        SrmKernels k = model.kernels();
        int n = 3;
        int steps = 200;
        NeuronState s = new NeuronState(n, model.stateVariables());
        model.initialise(s);
        SplittableRandom rng = new SplittableRandom(1);
        float[][] x = new float[steps][n];
        int[][] spike = new int[steps][n];
        int total = 0;
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                x[t][i] = rng.nextDouble() < 0.3 ? (float) (rng.nextDouble() * 2) : 0f;
            }
            Spikes out = new Spikes(n);
            model.step(s, x[t], null, dt, t, out);
            for (int j = 0; j < out.count(); j++) {
                spike[t][out.get(j)] = 1;
                total++;
            }
            for (int i = 0; i < n; i++) {
                double u = 0;
                for (int lag = 1; lag <= t; lag++) {
                    u += k.pspKernel(lag) * x[t - lag][i] + k.refractoryKernel(lag) * spike[t - lag][i];
                }
                assertThat((double) s.get(Srm.U)[i]).as("neuron %d step %d", i, t).isCloseTo(u, within(2e-4));
                assertThat(spike[t][i] == 1).as("neuron %d step %d", i, t).isEqualTo(s.get(Srm.U)[i] >= p.theta());
            }
        }
        assertThat(total).as("spikes").isGreaterThan(10);
    }

    /** Its kernels are sampled at its own step: binding it to another (a network's build) is refused. */
    @Test
    void refusesAnotherStepWhenBound() {
        Srm model = new Srm(SrmParameters.slayerNmnist(), 1f);
        assertThat(model.bind(1f)).isSameAs(model);
        assertThatThrownBy(() -> model.bind(0.5f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Srm dtMs is 1.0 (its kernels are sampled at that step), the network steps 0.5 ms");
    }

    /** A current I adds I dt to every step's input; a threshold offset raises the threshold neuron by neuron. */
    @Test
    void currentAndThresholdOffsetEnterAsDocumented() {
        SrmParameters p = new SrmParameters(2f, 3f, 1.5f, 0.5f);
        float dt = 0.5f;
        Srm a = new Srm(p, dt);
        Srm b = new Srm(p, dt);
        NeuronState sa = new NeuronState(3, a.stateVariables());
        NeuronState sb = new NeuronState(3, b.stateVariables());
        a.initialise(sa);
        b.initialise(sb);
        sa.thresholdOffset()[2] = 100f;
        sb.thresholdOffset()[2] = 100f;
        float[] cur = {0.8f, 2.4f, 2.4f};
        float[] in = {0.1f, 0f, 0f};
        float[] inPlusCurrent = new float[3];
        for (int i = 0; i < 3; i++) {
            inPlusCurrent[i] = in[i] + cur[i] * dt;
        }
        int[] spikes = new int[3];
        for (int t = 0; t < 60; t++) {
            Spikes oa = new Spikes(3);
            Spikes ob = new Spikes(3);
            a.step(sa, in, cur, dt, t, oa);
            b.step(sb, inPlusCurrent, null, dt, t, ob);
            assertThat(oa.toSortedArray()).isEqualTo(ob.toSortedArray());
            for (int k = 0; k < oa.count(); k++) {
                spikes[oa.get(k)]++;
            }
            assertThat(sa.lastUpdateStep()).containsOnly(t);
        }
        for (var v : a.stateVariables()) {
            assertThat(sa.get(v)).as("%s", v).containsExactly(sb.get(v));
        }
        assertThat(in).as("the caller's input is not changed").containsExactly(0.1f, 0f, 0f);
        assertThat(spikes[1]).as("neuron 1 fires").isPositive();
        assertThat(spikes[2]).as("the offset keeps neuron 2 silent").isZero();
        assertThat(sa.lastSpikeStep()[2]).isEqualTo(-1);
        assertThat(sa.lastSpikeStep()[1]).isBetween(0, 59);
        assertThat(a.toString()).isEqualTo("Srm" + p + "@0.5ms");
        assertThat(a.parameters()).isEqualTo(p);
    }

    @Test
    void kernelGainsAndRefusals() {
        SrmParameters p = new SrmParameters(2f, 3f, 1.5f, 0.5f);
        SrmKernels k = new SrmKernels(p, 0.5f);
        float r = (float) Math.exp(-0.5f / 3f);
        float rr = (float) Math.exp(-0.5f / 1.5f);
        assertThat(k.pspDecay()).isEqualTo(r);
        assertThat(k.refractoryDecay()).isEqualTo(rr);
        assertThat(k.pspGain()).isEqualTo((float) (Math.E * 0.5 / 3.0) * r);
        assertThat(k.refractoryGain()).isEqualTo((float) (-0.5 * 2.0 * Math.E * 0.5 / 1.5) * rr);
        assertThat(k.refractoryInput(2f, 1f)).isEqualTo(rr * 2f + 1f);
        assertThat(k.refractoryInput(2f, 0f)).isEqualTo(rr * 2f);
        assertThat(k.dtMs()).isEqualTo(0.5f);
        assertThat(k.parameters()).isEqualTo(p);
        assertThat(k.refractoryKernel(3)).isCloseTo(-0.5 * 2 * 1.0 * Math.exp(0), within(1e-9));
        assertThat(k.toString()).isEqualTo("SrmKernels[" + p + ", dt 0.5 ms]");
        // potentials at an offset: only the slice moves
        float[] y = {0f, 0f};
        float[] i = {1f, 2f};
        float[] yr = {0f, 0f};
        float[] ir = {1f, 0f};
        float[] x = {9f, 0.5f, 0.25f};
        float[] u = new float[4];
        k.potentials(y, i, yr, ir, x, 1, u, 2, 2);
        assertThat(y).containsExactly(k.pspGain() * 1f, k.pspGain() * 2f);
        assertThat(i).containsExactly(r * 1f + 0.5f, r * 2f + 0.25f);
        assertThat(yr).containsExactly(k.refractoryGain(), 0f);
        assertThat(u).containsExactly(0f, 0f, k.pspGain() + k.refractoryGain(), k.pspGain() * 2f);
        assertThatThrownBy(() -> new SrmKernels(p, 0f)).hasMessage("dtMs must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> new SrmKernels(p, Float.POSITIVE_INFINITY)).hasMessageStartingWith("dtMs must be");
        assertThatThrownBy(() -> new SrmParameters(0f, 1f, 1f, 1f)).hasMessage("theta must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> new SrmParameters(Float.POSITIVE_INFINITY, 1f, 1f, 1f))
                .hasMessageStartingWith("theta");
        assertThatThrownBy(() -> new SrmParameters(1f, 0f, 1f, 1f)).hasMessage("tauSrMs must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> new SrmParameters(1f, Float.NaN, 1f, 1f)).hasMessageStartingWith("tauSrMs");
        assertThatThrownBy(() -> new SrmParameters(1f, Float.POSITIVE_INFINITY, 1f, 1f)).hasMessageStartingWith("tauSrMs");
        assertThatThrownBy(() -> new SrmParameters(1f, 1f, -1f, 1f))
                .hasMessage("tauRefMs must be finite and > 0, got -1.0");
        assertThatThrownBy(() -> new SrmParameters(1f, 1f, Float.POSITIVE_INFINITY, 1f)).hasMessageStartingWith("tauRefMs");
        assertThatThrownBy(() -> new SrmParameters(1f, 1f, 1f, -0.1f))
                .hasMessage("scaleRef must be finite and >= 0, got -0.1");
        assertThatThrownBy(() -> new SrmParameters(1f, 1f, 1f, Float.POSITIVE_INFINITY)).hasMessageStartingWith("scaleRef");
        assertThat(new SrmParameters(1f, 1f, 1f, 0f).scaleRef()).isZero();
    }
}
