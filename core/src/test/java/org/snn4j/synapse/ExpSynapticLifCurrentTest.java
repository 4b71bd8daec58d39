package org.snn4j.synapse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;

/**
 * The clock step with an external current of both exponential-synapse LIF models, with synaptic variables of both
 * signs, a resting potential and reversal potentials away from 0: {@link ExpCurrentLif} against the exact solution
 * of its linear equations (constant current), {@link ExpConductanceLif} against forward and exponential Euler
 * written out here; the resting and reset potentials; the step lengths forward Euler refuses, at their bounds; and
 * time constants a hair apart. Written after the 3453ed9 whole-core PIT run (issue 17): each test fails with one
 * or more of the mutants that survived there.
 */
class ExpSynapticLifCurrentTest {
    private static final float DT = 0.1f;

    /** Response of the membrane to a unit current of time constant tauX, without cancellation (expm1). */
    private static double k(double t, double tauM, double tauX) {
        double delta = (tauX - tauM) / (tauM * tauX); // 1/tauM - 1/tauX
        if (delta == 0) {
            return t / tauM * Math.exp(-t / tauM);
        }
        return Math.exp(-t / tauM) / tauM * Math.expm1(t * delta) / delta;
    }

    @Test
    void currentStepIsTheExactSolutionWithSynapticCurrents() {
        ExpCurrentParameters p = new ExpCurrentParameters(20f, 5f, 10f, -3f, 1000f, -7f, 0f);
        ExpCurrentLif m = new ExpCurrentLif(p).bind(DT);
        NeuronState s = new NeuronState(3, m.stateVariables());
        m.initialise(s);
        assertThat(s.get(ExpCurrentLif.V)).containsOnly(-3f);
        float[] w = {4f, -6f, 0f};
        float[] current = {2.5f, -1.5f, 0.75f};
        Spikes out = new Spikes(3);
        for (int step = 0; step < 12; step++) {
            m.step(s, step == 0 ? w : new float[3], current, DT, step, out);
            double t = (step + 1) * (double) DT;
            for (int i = 0; i < 3; i++) {
                double vInf = -3.0 + current[i];
                double ie = Math.max(w[i], 0);
                double ii = Math.min(w[i], 0);
                double v = vInf + (-3.0 - vInf) * Math.exp(-t / 20) + ie * k(t, 20, 5) + ii * k(t, 20, 10);
                assertThat((double) s.get(ExpCurrentLif.V)[i]).as("V %d at step %d", i, step)
                        .isCloseTo(v, within(2e-5));
                assertThat((double) s.get(ExpCurrentLif.I_EXC)[i]).isCloseTo(ie * Math.exp(-t / 5), within(1e-5));
                assertThat((double) s.get(ExpCurrentLif.I_INH)[i]).isCloseTo(ii * Math.exp(-t / 10), within(1e-5));
            }
        }
        assertThat(out.count()).isZero();
    }

    /** A neuron driven above threshold by its current fires and is set to the reset potential, not to rest or 0. */
    @Test
    void firingSetsTheResetPotential() {
        ExpCurrentLif cuba = new ExpCurrentLif(new ExpCurrentParameters(20f, 5f, 10f, -3f, 10f, -7f, 1f));
        ExpConductanceLif coba = new ExpConductanceLif(new ConductanceParameters(20f, 5f, 10f, -3f, 10f, -7f, 10f,
                -80f, 1f, ConductanceIntegration.FORWARD_EULER));
        for (SynapticModel m : new SynapticModel[] {cuba, coba}) {
            NeuronState s = new NeuronState(1, m.stateVariables());
            m.initialise(s);
            assertThat(s.get(s.variables().get(0))).containsExactly(-3f);
            Spikes out = new Spikes(1);
            int t = 0;
            while (out.count() == 0 && t < 2000) {
                m.step(s, new float[1], new float[] {40f}, DT, t++, out);
            }
            assertThat(out.count()).as("%s", m).isEqualTo(1);
            assertThat(s.get(s.variables().get(0))).as("%s", m).containsExactly(-7f);
            assertThat(m.replayable()).isTrue();
            assertThat(m.bind(DT).replayable()).isTrue();
        }
        assertThat(cuba.toString()).isEqualTo("ExpCurrentLif" + cuba.parameters());
        assertThat(coba.toString()).isEqualTo("ExpConductanceLif" + coba.parameters());
    }

    /**
     * Both integration methods, with an external current and without, both conductances, reversal potentials away
     * from 0.
     */
    @Test
    void conductanceStepWithCurrentFollowsItsMethod() {
        for (ConductanceIntegration method : ConductanceIntegration.values()) {
            ConductanceParameters p = new ConductanceParameters(20f, 5f, 10f, -60f, 1000f, -70f, 10f, -80f, 0f,
                    method);
            for (int variant = 0; variant < 3; variant++) {
                boolean bound = variant >= 1;
                ExpConductanceLif m = bound ? new ExpConductanceLif(p).bind(DT) : new ExpConductanceLif(p);
                NeuronState s = new NeuronState(3, m.stateVariables());
                m.initialise(s);
                float[] w = {0.3f, -0.5f, 0f};
                // variant 2: no external current (the loop without it)
                float[] current = variant == 2 ? null : new float[] {5f, -2f, 1f};
                double[] v = {-60, -60, -60};
                double[] ge = new double[3];
                double[] gi = new double[3];
                boolean euler = method == ConductanceIntegration.FORWARD_EULER;
                double hm = DT / 20.0;
                double de = euler ? 1 - DT / 5.0 : Math.exp(-DT / 5.0);
                double di = euler ? 1 - DT / 10.0 : Math.exp(-DT / 10.0);
                Spikes out = new Spikes(3);
                for (int step = 0; step < 10; step++) {
                    float[] in = step == 0 || step == 4 ? w : new float[3];
                    m.step(s, in, current, DT, step, out);
                    for (int i = 0; i < 3; i++) {
                        double a = ge[i] + Math.max(in[i], 0);
                        double b = gi[i] - Math.min(in[i], 0);
                        double rest = -60 + (current == null ? 0 : current[i]);
                        if (euler) {
                            v[i] += hm * (rest - v[i] + a * (10 - v[i]) + b * (-80 - v[i]));
                        } else {
                            double gt = 1 + a + b;
                            double vInf = (rest + a * 10 + b * -80) / gt;
                            v[i] = vInf + (v[i] - vInf) * Math.exp(-hm * gt);
                        }
                        ge[i] = a * de;
                        gi[i] = b * di;
                        String what = method + " variant " + variant + " neuron " + i + " step " + step;
                        assertThat((double) s.get(ExpConductanceLif.V)[i]).as(what).isCloseTo(v[i], within(1e-4));
                        assertThat((double) s.get(ExpConductanceLif.G_EXC)[i]).as(what).isCloseTo(ge[i], within(1e-6));
                        assertThat((double) s.get(ExpConductanceLif.G_INH)[i]).as(what).isCloseTo(gi[i], within(1e-6));
                    }
                }
                assertThat(out.count()).isZero();
            }
        }
    }

    /**
     * Forward Euler refuses a step longer than a conductance time constant (naming the one exceeded) or not shorter
     * than 2 tauM, and takes a step equal to a conductance time constant (decay factor 0).
     */
    @Test
    void forwardEulerStepBoundsAreExact() {
        ConductanceParameters excShort = new ConductanceParameters(20f, 0.5f, 2f, -60f, -50f, -60f, 0f, -80f, 0f,
                ConductanceIntegration.FORWARD_EULER);
        ExpConductanceLif m = new ExpConductanceLif(excShort);
        assertThat(m.bind(0.5f).parameters()).isEqualTo(excShort);
        assertThatThrownBy(() -> m.bind(0.6f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs dtMs <= tauExcMs").hasMessageContaining("got tauExcMs = 0.5, dtMs = 0.6");
        ConductanceParameters inhShort = new ConductanceParameters(20f, 2f, 0.5f, -60f, -50f, -60f, 0f, -80f, 0f,
                ConductanceIntegration.FORWARD_EULER);
        ExpConductanceLif n = new ExpConductanceLif(inhShort);
        assertThat(n.bind(0.5f).parameters()).isEqualTo(inhShort);
        assertThatThrownBy(() -> n.bind(0.6f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs dtMs <= tauInhMs").hasMessageContaining("got tauInhMs = 0.5, dtMs = 0.6");
        // dt equal to tauExcMs but above tauInhMs: the message names tauInhMs
        ConductanceParameters both = new ConductanceParameters(20f, 1f, 0.5f, -60f, -50f, -60f, 0f, -80f, 0f,
                ConductanceIntegration.FORWARD_EULER);
        assertThatThrownBy(() -> new ExpConductanceLif(both).bind(1f))
                .hasMessageContaining("got tauInhMs = 0.5, dtMs = 1.0");
        // the membrane bound: dt < 2 tauM, with long conductance time constants
        ConductanceParameters fastMembrane = new ConductanceParameters(1f, 50f, 50f, -60f, -50f, -60f, 0f, -80f, 0f,
                ConductanceIntegration.FORWARD_EULER);
        ExpConductanceLif f = new ExpConductanceLif(fastMembrane);
        assertThat(f.bind(1.99f).parameters()).isEqualTo(fastMembrane);
        assertThatThrownBy(() -> f.bind(2f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ExpConductanceLif forward Euler needs dtMs < 2 tauMs (the membrane step diverges beyond), "
                        + "got tauMs = 1.0, dtMs = 2.0");
        assertThatThrownBy(() -> f.bind(3f)).isInstanceOf(IllegalArgumentException.class);
        // exponential Euler takes any step
        ExpConductanceLif e = new ExpConductanceLif(fastMembrane.withIntegration(ConductanceIntegration.EXPONENTIAL_EULER));
        assertThat(e.bind(3f)).isNotNull();
    }

    /**
     * A synaptic time constant within a hair of the membrane's (here 5e-6 relative, tauM = 10 us, one step of
     * tauM): the post-synaptic potential is still the exact one, to float precision.
     */
    @Test
    void nearlyEqualTimeConstantsGiveTheExactResponse() {
        float tauM = 0.01f;
        float tauE = 0.01000005f;
        ExpCurrentLif m = new ExpCurrentLif(new ExpCurrentParameters(tauM, tauE, 10f, 0f, 1e6f, -1f, 0f));
        NeuronState s = new NeuronState(1, m.stateVariables());
        m.initialise(s);
        m.stepRange(s, new float[] {1000f}, new float[1], 0, 1, 0.01f, 0, new Spikes(1));
        double want = 1000 * k(0.01f, tauM, tauE);
        assertThat((double) s.get(ExpCurrentLif.V)[0]).isCloseTo(want, within(want * 3e-7));
    }
}
