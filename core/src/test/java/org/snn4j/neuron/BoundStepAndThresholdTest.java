package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;

/**
 * A model bound to a step ({@link NeuronModel#bind}) steps at that step whatever the step argument says (the engine
 * binds once and then passes its step; the bound values must be the ones read), the threshold comparison at exact
 * equality (a potential equal to {@code threshold + offset}, built with Sterbenz-exact offsets), and the small
 * answers of the clock-driven models (replayable, initial base step, the bound step's limits).
 */
class BoundStepAndThresholdTest {

    /** Steps {@code m} {@code steps} times with input {@code in} at argument {@code dtArg}; returns V and the spikes. */
    private static float[] run(NeuronModel m, float dtArg, float[] in, int steps, StringBuilder spikes) {
        NeuronState s = new NeuronState(in.length, m.stateVariables());
        m.initialise(s);
        for (int t = 0; t < steps; t++) {
            Spikes out = new Spikes(in.length);
            m.step(s, in, null, dtArg, t, out);
            for (int k = 0; k < out.count(); k++) {
                spikes.append(t).append(':').append(out.get(k)).append(' ');
            }
        }
        return s.get(m.stateVariables().get(0)).clone();
    }

    private static void boundIgnoresTheArgument(NeuronModel m, float[] in, int steps) {
        StringBuilder unboundSpikes = new StringBuilder();
        StringBuilder boundSpikes = new StringBuilder();
        StringBuilder otherSpikes = new StringBuilder();
        float[] unbound = run(m, 0.5f, in, steps, unboundSpikes);
        float[] bound = run(m.bind(0.5f), 2f, in, steps, boundSpikes);
        float[] other = run(m, 2f, in, steps, otherSpikes);
        assertThat(bound).as("%s bound at 0.5 ms, called with 2 ms", m).containsExactly(unbound);
        assertThat(boundSpikes.toString()).isEqualTo(unboundSpikes.toString());
        assertThat(unboundSpikes.length()).as("%s spikes", m).isPositive();
        // the argument does matter to the unbound model, so the comparison above can fail
        assertThat(Arrays.equals(other, unbound)).as("%s at 2 ms differs", m).isFalse();
    }

    @Test
    void boundModelsStepAtTheirOwnStep() {
        ConductanceLif clif = new ConductanceLif(new ConductanceLifParameters(20f, -60f, -62f, -50f, 5f, -90f, 0.05f,
                0.01f, 1.5f, ThresholdComparison.GREATER));
        boundIgnoresTheArgument(clif, new float[] {0.4f, 0.9f, 0f}, 60);
        Izhikevich izh = new Izhikevich(IzhikevichParameters.regularSpiking(), IzhikevichIntegrator.TWO_HALF_STEPS,
                -65f, -13f);
        boundIgnoresTheArgument(izh, new float[] {0f, 3f, 6f}, 200);
        Izhikevich euler = new Izhikevich(IzhikevichParameters.regularSpiking(), IzhikevichIntegrator.EULER, -65f,
                -13f);
        boundIgnoresTheArgument(euler, new float[] {0f, 3f, 6f}, 200);
    }

    @Test
    void conductanceLifRestLeaksOnlyTheStepsOutsideTheRefractoryPeriod() {
        // tau 20 ms, dt 0.5 ms (d = exp(-1/40)), refractory 1.5 ms = 3 steps; a presentation of 10 steps (last step 9)
        // and a rest of 6 steps. Spike at step 8: refractory up to step 11, 2 rest steps, 4 free steps; spike at
        // step 9: up to step 12, 3 free; spike at step 4: over before the rest, 6 free; no spike: 6 free; with a rest
        // of 2 steps a spike at step 9 leaves no free step (V held)
        ConductanceLif m = new ConductanceLif(new ConductanceLifParameters(20f, -60f, -62f, -50f, 5f, -90f, 0.05f,
                0.01f, 1.5f, ThresholdComparison.GREATER));
        for (NeuronModel model : new NeuronModel[] {m, m.bind(0.5f)}) {
            float dtArg = model == m ? 0.5f : 3f;          // the bound model leaks at its own step
            NeuronState s = new NeuronState(5, m.stateVariables());
            m.initialise(s);
            float[] v = s.get(ConductanceLif.V);
            float[] v0 = {-52f, -53f, -54f, -55f, -56f};
            System.arraycopy(v0, 0, v, 0, 5);
            int[] ls = s.lastSpikeStep();
            ls[0] = 8;
            ls[1] = 9;
            ls[2] = 4;
            ls[3] = -1;
            ls[4] = 9;
            Arrays.fill(s.inhibition(), 3f);
            Arrays.fill(s.lastUpdateStep(), 9);
            NeuronState last = new NeuronState(1, m.stateVariables());
            last.get(ConductanceLif.V)[0] = -56f;
            last.lastSpikeStep()[0] = 9;
            model.rest(s, dtArg, 10, 6);
            model.rest(last, dtArg, 10, 2);
            double d = (float) Math.exp(-0.5 / 20.0);
            int[] free = {4, 3, 6, 6, 3};
            for (int i = 0; i < 5; i++) {
                float expected = -60f + (v0[i] + 60f) * (float) Math.pow(d, free[i]);
                assertThat(v[i]).as("neuron %d (%s)", i, model).isEqualTo(expected);
            }
            assertThat(last.get(ConductanceLif.V)[0]).isEqualTo(-56f);
            // a rest exactly as long as the refractory period left (3 steps): V held bit for bit (-1.1 is not
            // -60 + (-1.1 + 60) in float), and a spike at step 0 of a presentation of 2 steps: refractory up to
            // step 3, so 2 of the 3 rest steps are not free
            NeuronState held = new NeuronState(2, m.stateVariables());
            held.get(ConductanceLif.V)[0] = -1.1f;
            held.get(ConductanceLif.V)[1] = -52f;
            held.lastSpikeStep()[0] = 9;
            model.rest(held, dtArg, 10, 3);
            assertThat(held.get(ConductanceLif.V)[0]).isEqualTo(-1.1f);
            held.lastSpikeStep()[1] = 0;
            held.get(ConductanceLif.V)[0] = -52f;
            held.get(ConductanceLif.V)[1] = -52f;
            model.rest(held, dtArg, 2, 3);
            assertThat(held.get(ConductanceLif.V)[1]).isEqualTo(-60f + 8f * (float) Math.pow(d, 1));
            assertThat(held.get(ConductanceLif.V)[0]).isEqualTo(-60f + 8f * (float) Math.pow(d, 3));
            assertThat(s.inhibition()).containsOnly(0f);
            assertThat(s.lastSpikeStep()).containsOnly(-1);
            assertThat(s.lastUpdateStep()).containsOnly(0);
        }
    }

    @Test
    void wrappersAnswerReplayableAsWhatTheyWrapAndLastStepIfAddsTouchedInput() {
        PerfectIf pif = new PerfectIf(PerfectIfParameters.of(1f));
        assertThat(new BiasCurrent(pif, new float[] {0.5f}).replayable()).isTrue();
        BiasedIf perPresentation = new BiasedIf(PerfectIfParameters.of(1f), new org.snn4j.CurrentSource() {
            @Override
            public int size() {
                return 1;
            }

            @Override
            public void current(int step, float[] out) {
                out[0] = 0f;
            }
        }, true);
        assertThat(new BiasCurrent(perPresentation, new float[] {0.5f}).replayable()).isFalse();
        assertThat(new Integrator().replayable()).isTrue();
        assertThat(new LastStepIf(1f).replayable()).isTrue();
        Integrator integrator = new Integrator();
        assertThat(integrator.bind(0.5f)).as("nothing to precompute: the model itself").isSameAs(integrator);
        LastStepIf last = new LastStepIf(1f);
        NeuronState s = new NeuronState(3, last.stateVariables());
        last.initialise(s);
        last.stepTouched(s, new float[] {0.25f, 9f, 0.5f}, new int[] {2, 0}, 2, 1f, 4, new Spikes(3));
        last.stepTouched(s, new float[] {0.25f, 0f, 0f}, new int[] {0}, 1, 1f, 5, new Spikes(3));
        assertThat(s.get(last.stateVariables().get(0))).containsExactly(0.5f, 0f, 0.5f);
        assertThat(s.lastUpdateStep()[2]).isEqualTo(4);
        assertThat(s.lastUpdateStep()[0]).isEqualTo(5);
    }

    @Test
    void izhikevichRefusesAStepWhereTheEulerStepOfUDiverges() {
        // a = 0.5: a dt = 2 at dt = 4 (refused), 1.75 at 3.5 (accepted)
        IzhikevichParameters p = new IzhikevichParameters(0.5f, 0.2f, -65f, 8f);
        Izhikevich m = new Izhikevich(p, IzhikevichIntegrator.EULER, -65f, -13f);
        assertThatThrownBy(() -> m.bind(4f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Izhikevich a * dtMs must be < 2 (the Euler step of u diverges beyond), got a = 0.5, "
                        + "dtMs = 4.0");
        assertThat(m.bind(3.5f)).isInstanceOf(Izhikevich.class);
        assertThat(m.replayable()).isTrue();
        assertThat(m.bind(3.5f).replayable()).isTrue();
    }

    @Test
    void izhikevichFiresAtExactlyThePeakPlusOffset() {
        Izhikevich m = new Izhikevich(IzhikevichParameters.regularSpiking(), IzhikevichIntegrator.EULER, -65f,
                -13f);
        float[] in = {90f};
        // the potential of the first step with a large input and no spike (offset far above)
        NeuronState probe = new NeuronState(1, m.stateVariables());
        m.initialise(probe);
        probe.thresholdOffset()[0] = 1000f;
        m.step(probe, in, null, 0.5f, 0, new Spikes(1));
        float v = probe.get(Izhikevich.V)[0];
        assertThat(v).isBetween(15f, 60f);     // so v - 30 is exact and 30 + (v - 30) == v
        for (float delta : new float[] {0f, Math.ulp(v)}) {
            NeuronState s = new NeuronState(1, m.stateVariables());
            m.initialise(s);
            s.thresholdOffset()[0] = (v - 30f) + delta;
            Spikes out = new Spikes(1);
            m.step(s, in, null, 0.5f, 0, out);
            assertThat(out.count()).as("v %s against 30 + %s", v, s.thresholdOffset()[0]).isEqualTo(delta == 0f ? 1 : 0);
        }
    }

    @Test
    void srmFiresAtExactlyThetaPlusOffsetAndStartsWithNoUpdate() {
        SrmParameters p = new SrmParameters(3f, 4f, 2f, 1.5f);
        Srm m = new Srm(p, 0.5f);
        // the potential of step 1 after an input at step 0 (the kernel is 0 at lag 0)
        NeuronState probe = new NeuronState(1, m.stateVariables());
        m.initialise(probe);
        probe.thresholdOffset()[0] = 1000f;
        m.step(probe, new float[] {20f}, null, 0.5f, 0, new Spikes(1));
        m.step(probe, new float[1], null, 0.5f, 1, new Spikes(1));
        float u = probe.get(Srm.U)[0];
        float theta = p.theta();
        assertThat(u).isBetween(theta / 2, theta * 2);    // so u - theta is exact and theta + (u - theta) == u
        for (float delta : new float[] {0f, Math.ulp(u)}) {
            NeuronState s = new NeuronState(1, m.stateVariables());
            m.initialise(s);
            s.thresholdOffset()[0] = (u - theta) + delta;
            Spikes out = new Spikes(1);
            m.step(s, new float[] {20f}, null, 0.5f, 0, out);
            assertThat(out.count()).isZero();
            m.step(s, new float[1], null, 0.5f, 1, out);
            assertThat(out.count()).as("u %s against %s + %s", u, theta, s.thresholdOffset()[0])
                    .isEqualTo(delta == 0f ? 1 : 0);
        }
        // initialise: no update yet (-1), whatever the state held
        NeuronState dirty = new NeuronState(2, m.stateVariables());
        Arrays.fill(dirty.lastUpdateStep(), 7);
        m.initialise(dirty);
        assertThat(dirty.lastUpdateStep()).containsExactly(-1, -1);
        assertThat(m.replayable()).isTrue();
        assertThat(m.dtMs()).isEqualTo(0.5f);
        assertThat(new ConductanceLif(ConductanceLifParameters.diehlCook2015()).replayable()).isTrue();
    }
}
