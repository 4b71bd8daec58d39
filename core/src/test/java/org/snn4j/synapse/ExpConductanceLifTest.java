package org.snn4j.synapse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.neuron.NeuronModel;
import org.snn4j.testkit.NeuronModelContract;

/**
 * The exponential conductance synapse onto a LIF: the contract, and both integration methods against a
 * double-precision RK4 reference at 1/1000 of the step: the error is small at dt 0.1 ms and halves with dt
 * (first order).
 */
class ExpConductanceLifTest extends NeuronModelContract {
    static final ConductanceParameters P = new ConductanceParameters(20f, 5f, 10f, -60f, -30f, -60f, 0f, -80f, 2f,
            ConductanceIntegration.FORWARD_EULER);

    @Override
    protected NeuronModel create() {
        return new ExpConductanceLif(P);
    }

    @Override
    protected float threshold() {
        return -30f;
    }

    @Override
    protected float maxInput() {
        return 4f;
    }

    /** RK4 in double of the ODE from V = -60, g_e = ge0, g_i = gi0; returns V at t = k * every ms. */
    static double[] reference(double ge0, double gi0, double every, int n) {
        double h = 1e-4;
        double[] y = {-60, ge0, gi0};
        double[] out = new double[n + 1];
        out[0] = y[0];
        int per = (int) Math.round(every / h);
        for (int k = 1; k <= n; k++) {
            for (int j = 0; j < per; j++) {
                double[] k1 = f(y);
                double[] k2 = f(add(y, k1, h / 2));
                double[] k3 = f(add(y, k2, h / 2));
                double[] k4 = f(add(y, k3, h));
                for (int c = 0; c < 3; c++) {
                    y[c] += h / 6 * (k1[c] + 2 * k2[c] + 2 * k3[c] + k4[c]);
                }
            }
            out[k] = y[0];
        }
        return out;
    }

    private static double[] f(double[] y) {
        return new double[] {(-60 - y[0] + y[1] * (0 - y[0]) + y[2] * (-80 - y[0])) / 20, -y[1] / 5, -y[2] / 10};
    }

    private static double[] add(double[] y, double[] k, double s) {
        return new double[] {y[0] + s * k[0], y[1] + s * k[1], y[2] + s * k[2]};
    }

    /** Largest |V - reference| over 40 ms (sampled every 0.2 ms) at step {@code dt}. */
    static double maxError(ConductanceIntegration method, float dt, double[] ref) {
        ExpConductanceLif m = new ExpConductanceLif(P.withIntegration(method));
        NeuronState s = new NeuronState(1, m.stateVariables());
        m.initialise(s);
        float[] e = {1.5f};
        float[] h = {0.8f};
        Spikes out = new Spikes(1);
        int per = Math.round(0.2f / dt);
        double worst = 0;
        for (int t = 0; t < 200 * per; t++) {
            m.stepRange(s, e, h, 0, 1, dt, t, out);
            if ((t + 1) % per == 0) {
                worst = Math.max(worst, Math.abs(s.get(ExpConductanceLif.V)[0] - ref[(t + 1) / per]));
            }
        }
        assertThat(out.count()).isZero();
        return worst;
    }

    @ParameterizedTest
    @EnumSource(ConductanceIntegration.class)
    void firstOrderAgainstAFineStepReference(ConductanceIntegration method) {
        double[] ref = reference(1.5, 0.8, 0.2, 200);
        // the trajectory moves by several mV: -60 -> about -46 -> back to rest
        assertThat(ref[15] - ref[0]).isGreaterThan(5);
        double e1 = maxError(method, 0.1f, ref);
        double e2 = maxError(method, 0.05f, ref);
        double e4 = maxError(method, 0.025f, ref);
        assertThat(e1).isLessThan(0.2).isGreaterThan(1e-3);
        assertThat(e1 / e2).isBetween(1.7, 2.3);
        assertThat(e2 / e4).isBetween(1.7, 2.3);
    }

    @Test
    void conductancesDecayByTheMethodsFactor() {
        for (ConductanceIntegration method : ConductanceIntegration.values()) {
            ExpConductanceLif m = new ExpConductanceLif(P.withIntegration(method));
            NeuronState s = new NeuronState(1, m.stateVariables());
            m.initialise(s);
            m.step(s, new float[] {2f}, null, 0.1f, 0, new Spikes(1));
            m.step(s, new float[] {-3f}, null, 0.1f, 1, new Spikes(1));
            boolean euler = method == ConductanceIntegration.FORWARD_EULER;
            float de = (float) (euler ? 1 - 0.1 / 5 : Math.exp(-0.1 / 5));
            float di = (float) (euler ? 1 - 0.1 / 10 : Math.exp(-0.1 / 10));
            assertThat(s.get(ExpConductanceLif.G_EXC)[0]).isEqualTo(2f * de * de);
            assertThat(s.get(ExpConductanceLif.G_INH)[0]).isEqualTo(3f * di);
        }
    }

    @Test
    void exponentialEulerNeverOvershootsTheReversalPotential() {
        // a huge excitatory conductance at dt 1 ms: forward Euler would overshoot, exponential Euler approaches E_e
        ConductanceParameters p = new ConductanceParameters(20f, 5f, 10f, -60f, 100f, -60f, 0f, -80f, 2f,
                ConductanceIntegration.EXPONENTIAL_EULER);
        ExpConductanceLif m = new ExpConductanceLif(p);
        NeuronState s = new NeuronState(1, m.stateVariables());
        m.initialise(s);
        float[] e = {500f};
        m.stepRange(s, e, new float[1], 0, 1, 1f, 0, new Spikes(1));
        float v = s.get(ExpConductanceLif.V)[0];
        assertThat(v).isLessThanOrEqualTo(0f).isGreaterThan(-1f);
    }

    @Test
    void badParametersAreNamed() {
        assertThatThrownBy(() -> new ConductanceParameters(20f, 5f, 0f, -60f, -50f, -60f, 0f, -80f, 5f,
                ConductanceIntegration.FORWARD_EULER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tauInhMs").hasMessageContaining("0.0");
        assertThatThrownBy(() -> new ConductanceParameters(20f, 5f, 10f, -60f, -50f, -60f, Float.NaN, -80f, 5f,
                ConductanceIntegration.FORWARD_EULER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eExc");
        assertThatThrownBy(() -> ConductanceParameters.brette2007().withIntegration(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("integration");
    }
}
