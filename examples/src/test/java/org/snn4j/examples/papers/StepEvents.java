package org.snn4j.examples.papers;

import java.util.Objects;
import org.snn4j.EventSource;
import org.snn4j.Spikes;

/**
 * A compact, immutable latency-coded presentation: for each step {@code t}, the neurons that fire for the
 * first time at {@code t} are {@code neurons[offsets[t] .. offsets[t+1])} (flat CHW indices, stored as
 * {@code short}, so populations up to 32,767 neurons). Each neuron appears at most once. About 2 bytes
 * per spike: the whole mnist10k training set's pool1 spikes fit in ~70 MB.
 *
 * <p>Immutable and thread-safe.
 *
 * @param size    the population size
 * @param offsets {@code steps + 1} non-decreasing offsets from 0 to {@code neurons.length}
 * @param neurons the spiking neurons, bucketed by step
 */
public record StepEvents(int size, int[] offsets, short[] neurons) {

    /** Checks sizes (not every entry: the producers in this package build them correctly). */
    public StepEvents {
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(neurons, "neurons");
        if (size < 0 || size > Short.MAX_VALUE + 1) {
            throw new IllegalArgumentException("size must be in [0, 32768], got " + size);
        }
        if (offsets.length < 1 || offsets[0] != 0 || offsets[offsets.length - 1] != neurons.length) {
            throw new IllegalArgumentException("offsets must run from 0 to neurons.length = " + neurons.length);
        }
    }

    /** The number of steps. */
    public int steps() {
        return offsets.length - 1;
    }

    /** The total number of spikes. */
    public int count() {
        return neurons.length;
    }

    /** The {@code k}-th spike's neuron (0 <= k < count()), as an int. */
    public int neuron(int k) {
        return neurons[k];
    }

    /**
     * Copies an {@link EventSource} (or any source emitting each neuron at most once) into this compact
     * form. A neuron emitted again at a later step is ignored (first spike only).
     *
     * @param src  not modified
     * @param work scratch set with capacity {@code src.size()}, cleared on return
     */
    public static StepEvents of(EventSource src, Spikes work) {
        int steps = src.steps();
        int[] offsets = new int[steps + 1];
        short[] buf = new short[src.eventCount()];
        boolean[] seen = new boolean[src.size()];
        int n = 0;
        for (int t = 0; t < steps; t++) {
            work.clear();
            src.emit(t, work);
            for (int k = 0; k < work.count(); k++) {
                int i = work.get(k);
                if (!seen[i]) {
                    seen[i] = true;
                    buf[n++] = (short) i;
                }
            }
            offsets[t + 1] = n;
        }
        work.clear();
        return new StepEvents(src.size(), offsets, n == buf.length ? buf : java.util.Arrays.copyOf(buf, n));
    }

    /**
     * Builds events from per-neuron first-spike steps.
     *
     * @param firstStep step of each neuron's first spike, or -1 if it never fires; not modified
     * @param steps     the number of steps; every entry must be below it
     */
    public static StepEvents ofFirstSteps(int[] firstStep, int steps) {
        int[] offsets = new int[steps + 1];
        int n = 0;
        for (int i = 0; i < firstStep.length; i++) {
            int t = firstStep[i];
            if (t >= 0) {
                if (t >= steps) {
                    throw new IllegalArgumentException("firstStep[" + i + "] must be < " + steps + ", got " + t);
                }
                offsets[t + 1]++;
                n++;
            }
        }
        for (int t = 0; t < steps; t++) {
            offsets[t + 1] += offsets[t];
        }
        int[] fill = java.util.Arrays.copyOf(offsets, steps);
        short[] neurons = new short[n];
        for (int i = 0; i < firstStep.length; i++) {
            int t = firstStep[i];
            if (t >= 0) {
                neurons[fill[t]++] = (short) i;
            }
        }
        return new StepEvents(firstStep.length, offsets, neurons);
    }
}
