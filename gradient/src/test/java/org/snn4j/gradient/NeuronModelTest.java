package org.snn4j.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.snn4j.neuron.ResetMode;
import org.snn4j.neuron.SrmParameters;

/** Forward dynamics against analytic kernels and hand-stepped values. */
class NeuronModelTest {

    static float[] run(SurrogateNeuron m, float[] in, int steps, int n, float[] saved) {
        NeuronTrace tr = m.newTrace(steps, n);
        float[] out = new float[steps * n];
        for (int t = 0; t < steps; t++) {
            m.forwardStep(t, n, in, out, tr);
        }
        System.arraycopy(tr.saved(0), 0, saved, 0, saved.length);
        return out;
    }

    @Test
    void srmPspIsTheAlphaKernel() {
        SrmParameters p = new SrmParameters(100f, 10f, 1f, 2f);
        Srm srm = Srm.slayer(p, 1f, 1f, 1f);
        int steps = 120;
        float[] in = new float[steps];
        in[0] = 1f;
        float[] u = new float[steps];
        run(srm, in, steps, 1, u);
        for (int k = 0; k < steps; k++) {
            double expected = (k / 10.0) * Math.exp(1 - k / 10.0);   // eps(t) = t/tauSr e^(1 - t/tauSr)
            assertThat((double) u[k]).as("u[%d]", k).isCloseTo(expected, offset(2e-5));
        }
        assertThat(u[10]).isCloseTo(1f, offset(1e-5f));
    }

    @Test
    void srmRefractoryFollowsEachSpike() {
        // a strong input at step 0 makes the neuron fire when the PSP crosses theta; afterwards
        // u = psp + nu(t - tSpike) with nu(t) = -scaleRef theta (t/tauRef) e^(1 - t/tauRef), summed over the spikes
        SrmParameters p = new SrmParameters(10f, 10f, 1f, 2f);
        Srm srm = Srm.slayer(p, 1f, 1f, 1f);
        int steps = 60;
        float[] in = new float[steps];
        in[0] = 30f;
        float[] u = new float[steps];
        float[] s = run(srm, in, steps, 1, u);
        int spikes = 0;
        for (int t = 0; t < steps; t++) {
            double expected = 30 * (t / 10.0) * Math.exp(1 - t / 10.0);
            for (int k = 0; k < t; k++) {
                if (s[k] == 1f) {
                    double d = t - k;
                    expected += -2 * 10 * d * Math.exp(1 - d);
                }
            }
            assertThat((double) u[t]).as("u[%d]", t).isCloseTo(expected, offset(1e-3));
            assertThat(s[t]).isEqualTo(u[t] >= 10f ? 1f : 0f);
            spikes += (int) s[t];
        }
        assertThat(spikes).isGreaterThan(1);
    }

    @Test
    void lifStepsByHand() {
        CubaLif lif = CubaLif.of(CubaLifParameters.lif(0.5f, 1f, ResetMode.SUBTRACT), new Surrogate.FastSigmoid(1f));
        float[] v = new float[4];
        float[] s = run(lif, new float[] {0.6f, 0.6f, 0f, 0f}, 4, 1, v);
        // v0 = 0.6; v1 = 0.3 + 0.6 = 0.9; v2 = 0.45; v3 = 0.225
        assertThat(v).containsExactly(new float[] {0.6f, 0.9f, 0.45f, 0.225f}, offset(1e-6f));
        float[] s2 = run(lif, new float[] {1.5f, 0f, 0f, 0f}, 4, 1, v);
        // fires at 0, keeps 0.5, then 0.25, 0.125
        assertThat(s2).containsExactly(1f, 0f, 0f, 0f);
        assertThat(v).containsExactly(new float[] {1.5f, 0.25f, 0.125f, 0.0625f}, offset(1e-6f));
        assertThat(s).containsExactly(0f, 0f, 0f, 0f);
    }

    @Test
    void cubaCurrentIntegrates() {
        CubaLif m = CubaLif.of(new CubaLifParameters(0.5f, 0f, 100f, ResetMode.TO_VALUE),
                new Surrogate.FastSigmoid(1f));
        float[] v = new float[3];
        run(m, new float[] {1f, 0f, 0f}, 3, 1, v);
        // i = 1, 0.5, 0.25; v accumulates (no voltage decay): 1, 1.5, 1.75
        assertThat(v).containsExactly(new float[] {1f, 1.5f, 1.75f}, offset(1e-6f));
    }

    @Test
    void surrogatesSmoothStepsHaveTheirDerivatives() {
        Surrogate[] all = {Surrogate.slayer(1f, 1f, 10f), new Surrogate.FastSigmoid(3f), new Surrogate.Arctan(2f)};
        for (Surrogate sg : all) {
            for (float x = -3f; x <= 3f; x += 0.37f) {
                double fd = (sg.smooth(x + 1e-3f) - sg.smooth(x - 1e-3f)) / 2e-3;
                assertThat(fd).as(sg + " at " + x).isCloseTo(sg.derivative(x), offset(2e-3 + 1e-2 * Math.abs(fd)));
            }
        }
        assertThat(Surrogate.slayer(1f, 1f, 10f).derivative(0f)).isCloseTo(0.1f, offset(1e-7f));
        assertThatThrownBy(() -> Surrogate.slayer(0f, 1f, 10f)).hasMessageContaining("tauRho must be > 0, got 0.0");
        assertThatThrownBy(() -> new SrmParameters(10f, -1f, 1f, 2f)).hasMessageContaining("tauSrMs");
    }
}
