package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;

/**
 * Lif (reset to a value, so both paths apply) with values worked out from the formula: a threshold offset on the
 * lazy path, the reset value on the clock path, the decay after a refractory period that began at step 0 (read by
 * {@code advanceTo}), and a model bound to its step called with another.
 */
class LifKnownValuesTest {
    // tau 10 ms, rest -65, reset -70, threshold -50, refractory 1 ms: 2 steps at 0.5 ms
    private static final LifParameters P = new LifParameters(10f, -65f, -70f, -50f, 1f, 1f, ResetMode.TO_VALUE);

    /** exp(-n dt / tau) at dt 0.5, as the decay table computes it. */
    private static float pow(int n) {
        return (float) Math.exp(-n * (0.5 / 10.0));
    }

    @Test
    void offsetsResetRefractoryDecayAndTheBoundStep() {
        Lif lif = new Lif(P);
        assertThat(lif.replayable()).isTrue();
        for (NeuronModel m : new NeuronModel[] {lif, lif.bind(0.5f)}) {
            float dtArg = m == lif ? 0.5f : 2f;        // a bound model steps at 0.5 ms whatever the argument
            for (boolean touched : new boolean[] {true, false}) {
                String what = (m == lif ? "unbound" : "bound") + (touched ? " touched" : " clock");
                NeuronState s = new NeuronState(4, m.stateVariables());
                m.initialise(s);
                s.thresholdOffset()[0] = 2f;            // theta -48: -65 + 16 = -49 does not fire
                Spikes out = new Spikes(4);
                float[] in = {16f, 20f, 0f, 20f};
                step(m, s, in, dtArg, 0, touched, new int[] {0, 1, 2, 3}, out);
                assertThat(out.count()).as(what).isEqualTo(2);
                assertThat(out.get(0)).as(what).isEqualTo(1);
                assertThat(out.get(1)).as(what).isEqualTo(3);
                float[] v = s.get(Lif.V);
                assertThat(v[0]).as(what).isEqualTo(-49f);
                assertThat(v[1]).as(what).isEqualTo(-70f);
                // step 2 is the last refractory step of neuron 3: its input is dropped (neuron 1 is not touched
                // again on the lazy path)
                out.clear();
                step(m, s, new float[] {0f, 0f, 0f, 30f}, dtArg, 2, touched, new int[] {0, 2, 3}, out);
                assertThat(out.count()).as(what).isZero();
                assertThat(v[3]).as(what).isEqualTo(-70f);
                // at step 10 neurons 1 and 3 have decayed for 8 steps (from the end of their refractory period at
                // step 2, also where neuron 1 was last updated at its spike at step 0)
                m.advanceTo(s, dtArg, 10);
                assertThat(v[1]).as(what).isEqualTo(-65f + (-70f + 65f) * pow(8));
                assertThat(v[3]).as(what).isEqualTo(-65f + (-70f + 65f) * pow(8));
                assertThat(v[2]).as(what).isEqualTo(-65f);
                // brought to the step it was last updated at, a potential far from rest stays bit for bit (-1.1 is
                // not -65 + (-1.1 + 65) in float)
                v[2] = -1.1f;
                m.advanceTo(s, dtArg, 10);
                assertThat(v[2]).as(what).isEqualTo(-1.1f);
            }
        }
    }

    private static void step(NeuronModel m, NeuronState s, float[] in, float dt, int t, boolean touched, int[] idx,
                             Spikes out) {
        if (touched) {
            m.stepTouched(s, in, idx, idx.length, dt, t, out);
        } else {
            m.step(s, in, null, dt, t, out);
        }
    }
}
