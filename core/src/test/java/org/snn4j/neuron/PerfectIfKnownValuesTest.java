package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;

/**
 * PerfectIf with numbers worked out by hand (multiples of 1/4, exact in float): every reset mode with a reset value
 * other than 0, a threshold reached exactly, the last refractory step, a current at dt 0.5, fire-once after a spike
 * at step 0, on both the clock-driven and the touched path, unbound and bound to its step (then called with another).
 */
class PerfectIfKnownValuesTest {
    /** Input per step (rows) and neuron (columns). */
    private static final float[][] IN = {
        {0.75f, 1.25f, 2f},
        {0.75f, 0f, 0f},
        {2f, 0f, 2f},
        {2f, 0f, 0f},
        {0.5f, 0f, 2f},
    };

    /** Runs the five steps; returns "step:neuron" spikes and writes the final V into {@code v}. */
    private static String run(NeuronModel m, float dtArg, boolean touched, float[] v) {
        NeuronState s = new NeuronState(3, m.stateVariables());
        m.initialise(s);
        StringBuilder spikes = new StringBuilder();
        for (int t = 0; t < IN.length; t++) {
            Spikes out = new Spikes(3);
            if (touched) {
                m.stepTouched(s, IN[t], new int[] {0, 1, 2}, 3, dtArg, t, out);
            } else {
                m.step(s, IN[t], null, dtArg, t, out);
            }
            for (int k = 0; k < out.count(); k++) {
                spikes.append(t).append(':').append(out.get(k)).append(' ');
            }
        }
        System.arraycopy(s.get(PerfectIf.V), 0, v, 0, 3);
        return spikes.toString().trim();
    }

    @Test
    void resetModesRefractoryStepsAndTheExactThreshold() {
        // threshold 1, reset value -0.25, refractory 1 ms = 2 steps at 0.5 ms, greater-or-equal.
        // Neuron 0: -0.25 + 0.75 = 0.5, + 0.75 = 1.25 at step 1: fires; steps 2 and 3 are refractory (3 - 1 = 2 is
        // the last), + 0.5 at step 4. Neuron 1: -0.25 + 1.25 = 1 exactly at step 0: fires (not with >). Neuron 2: fires
        // at step 0 (1.75) and again at step 4 (2 steps after the refractory period).
        // SUBTRACT (by 1.25): neuron 0 -> 0 -> 0.5; neuron 1 -> -0.25; neuron 2 -> 0.5, then 2.5 -> 1.25.
        // TO_VALUE: neuron 0 -> -0.25 -> 0.25; neuron 1 -> -0.25; neuron 2 -> -0.25 -> 1.75 -> -0.25.
        // NONE: neuron 0 stays 1.25, at step 4 1.75 fires again; neurons 1 and 2 keep 1 and 1.75 and fire again at
        // step 3, the first after their refractory period (then neuron 2 is refractory at step 4).
        ResetMode[] modes = {ResetMode.SUBTRACT, ResetMode.TO_VALUE, ResetMode.NONE};
        String[] spikes = {"0:1 0:2 1:0 4:2", "0:1 0:2 1:0 4:2", "0:1 0:2 1:0 3:1 3:2 4:0"};
        float[][] v = {{0.5f, -0.25f, 1.25f}, {0.25f, -0.25f, -0.25f}, {1.75f, 1f, 1.75f}};
        for (int k = 0; k < modes.length; k++) {
            PerfectIfParameters p = new PerfectIfParameters(1f, -0.25f, modes[k], 1f, false,
                    ThresholdComparison.GREATER_OR_EQUAL);
            PerfectIf m = new PerfectIf(p);
            for (boolean touched : new boolean[] {false, true}) {
                if (touched && !m.closedForm()) {
                    continue;       // only TO_VALUE resets below the threshold: the others are clock-driven
                }
                // unbound at 0.5 ms, and bound to 0.5 ms but called with 2 ms (1 refractory step if it were read)
                for (NeuronModel model : new NeuronModel[] {m, m.bind(0.5f)}) {
                    float[] got = new float[3];
                    String what = modes[k] + (touched ? " touched" : " clock") + (model == m ? "" : " bound");
                    assertThat(run(model, model == m ? 0.5f : 2f, touched, got)).as(what).isEqualTo(spikes[k]);
                    assertThat(got).as(what).containsExactly(v[k]);
                }
            }
        }
        // strictly greater: neuron 1's exact 1 does not fire
        PerfectIf gt = new PerfectIf(new PerfectIfParameters(1f, -0.25f, ResetMode.TO_VALUE, 1f, false,
                ThresholdComparison.GREATER));
        float[] got = new float[3];
        assertThat(run(gt, 0.5f, true, got)).isEqualTo("0:2 1:0 4:2");
        assertThat(got).containsExactly(0.25f, 1f, -0.25f);
        assertThat(gt.replayable()).isTrue();
        // a threshold offset on the touched path: 1 is below 1 + 0.5
        NeuronState s = new NeuronState(1, gt.stateVariables());
        gt.initialise(s);
        s.thresholdOffset()[0] = 0.5f;
        Spikes out = new Spikes(1);
        gt.stepTouched(s, new float[] {1.25f}, new int[] {0}, 1, 0.5f, 0, out);
        assertThat(out.count()).isZero();
        assertThat(s.get(PerfectIf.V)[0]).isEqualTo(1f);
    }

    @Test
    void fireOnceNeverFiresAgainAfterASpikeAtStepZero() {
        PerfectIf m = new PerfectIf(new PerfectIfParameters(1f, -0.25f, ResetMode.TO_VALUE, 0f, true,
                ThresholdComparison.GREATER));
        for (boolean touched : new boolean[] {false, true}) {
            float[] got = new float[3];
            // neuron 2 fires at step 0 and not at step 2 or 4; neuron 0 fires at step 1 only (1.75 at step 2 and more)
            assertThat(run(m, 0.5f, touched, got)).as("touched %s", touched).isEqualTo("0:2 1:0");
            assertThat(got).as("touched %s", touched).containsExactly(4.25f, 1f, 3.75f);
        }
    }

    @Test
    void currentAddsCurrentTimesTheStep() {
        // 0.5 mV/ms at 0.5 ms: +0.25 a step from -0.25: 1.0 at step 4 (fires with >=)
        PerfectIf m = new PerfectIf(new PerfectIfParameters(1f, -0.25f, ResetMode.TO_VALUE, 0f, false,
                ThresholdComparison.GREATER_OR_EQUAL));
        NeuronState s = new NeuronState(1, m.stateVariables());
        m.initialise(s);
        StringBuilder spikes = new StringBuilder();
        for (int t = 0; t < 6; t++) {
            Spikes out = new Spikes(1);
            m.step(s, new float[1], new float[] {0.5f}, 0.5f, t, out);
            if (out.count() > 0) {
                spikes.append(t).append(' ');
            }
        }
        assertThat(spikes.toString()).isEqualTo("4 ");
        assertThat(s.get(PerfectIf.V)[0]).isEqualTo(0f);     // -0.25 after step 4, + 0.25 at step 5
    }
}
