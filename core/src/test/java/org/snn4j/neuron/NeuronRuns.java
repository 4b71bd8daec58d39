package org.snn4j.neuron;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;

/** Test helper: drives one model directly (no engine) with a current and records spike steps. */
final class NeuronRuns {
    private NeuronRuns() {
    }

    /** Spike steps of each neuron under per-neuron constant currents, {@code steps} steps, clock path. */
    static int[][] spikeSteps(NeuronModel m, float[] currents, float dtMs, int steps) {
        return spikeSteps(m, currents.length, k -> 1.0, currents, dtMs, steps);
    }

    /** Spike steps with current {@code scale(step) * currents[i]}. */
    static int[][] spikeSteps(NeuronModel m, int n, IntToDoubleFunction scale, float[] currents, float dtMs,
                              int steps) {
        NeuronState s = new NeuronState(n, m.stateVariables());
        m.initialise(s);
        float[] in = new float[n];
        float[] cur = new float[n];
        Spikes out = new Spikes(n);
        int[][] sp = new int[n][16];
        int[] cnt = new int[n];
        for (int t = 0; t < steps; t++) {
            double f = scale.applyAsDouble(t);
            for (int i = 0; i < n; i++) {
                cur[i] = (float) (f * currents[i]);
            }
            out.clear();
            m.step(s, in, cur, dtMs, t, out);
            for (int k = 0; k < out.count(); k++) {
                int i = out.get(k);
                if (cnt[i] == sp[i].length) {
                    sp[i] = Arrays.copyOf(sp[i], 2 * cnt[i]);
                }
                sp[i][cnt[i]++] = t;
            }
        }
        int[][] res = new int[n][];
        for (int i = 0; i < n; i++) {
            res[i] = Arrays.copyOf(sp[i], cnt[i]);
        }
        return res;
    }
}
