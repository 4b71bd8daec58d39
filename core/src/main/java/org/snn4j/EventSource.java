package org.snn4j;

import org.snn4j.internal.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link SpikeSource} from an explicit list of {@code (step, neuron)} events, stored bucketed per step
 * (compressed rows: {@code offsets[t] .. offsets[t+1]} index into {@code neurons}), never as a dense
 * {@code steps x size} tensor. Duplicate events within one step fire the neuron once. Immutable and
 * thread-safe.
 */
public final class EventSource implements SpikeSource {
    private final int steps;
    private final int size;
    private final int[] offsets;
    private final int[] neurons;
    private final float dtMs;
    /** Whether every step's neurons are strictly ascending (so distinct): then an empty set takes them unchecked. */
    private final boolean ascending;

    private EventSource(int steps, int size, int[] offsets, int[] neurons, float dtMs, boolean ascending) {
        this.steps = steps;
        this.size = size;
        this.offsets = offsets;
        this.neurons = neurons;
        this.dtMs = dtMs;
        this.ascending = ascending;
    }

    private EventSource(int steps, int size, int[] offsets, int[] neurons) {
        this(steps, size, offsets, neurons, Float.NaN, ascendingBuckets(offsets, neurons));
    }

    /** Whether {@code neurons[offsets[t] .. offsets[t + 1])} is strictly ascending for every step {@code t}. */
    private static boolean ascendingBuckets(int[] offsets, int[] neurons) {
        for (int t = 0; t + 1 < offsets.length; t++) {
            for (int k = offsets[t] + 1; k < offsets[t + 1]; k++) {
                if (neurons[k] <= neurons[k - 1]) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Builds a source from parallel arrays of events, in any order (the order within one step is kept).
     *
     * @param steps      number of steps, >= 0
     * @param size       number of neurons, >= 0
     * @param eventSteps step of each event, in {@code [0, steps)}; not modified
     * @param eventIndex neuron of each event, in {@code [0, size)}; not modified
     * @throws IllegalArgumentException naming the first event out of range
     */
    public static EventSource of(int steps, int size, int[] eventSteps, int[] eventIndex) {
        Objects.requireNonNull(eventSteps, "eventSteps");
        Objects.requireNonNull(eventIndex, "eventIndex");
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
        if (eventSteps.length != eventIndex.length) {
            throw new IllegalArgumentException("eventSteps and eventIndex must have the same length, got "
                    + eventSteps.length + " and " + eventIndex.length);
        }
        int n = eventSteps.length;
        int[] offsets = new int[Checks.arraySizeSum("steps + 1", steps, 1)];
        for (int k = 0; k < n; k++) {
            int t = eventSteps[k];
            if (t < 0 || t >= steps) {
                throw new IllegalArgumentException("event " + k + ": step must be in [0, " + steps + "), got " + t);
            }
            int i = eventIndex[k];
            if (i < 0 || i >= size) {
                throw new IllegalArgumentException("event " + k + ": neuron must be in [0, " + size + "), got " + i);
            }
            offsets[t + 1]++;
        }
        for (int t = 0; t < steps; t++) {
            offsets[t + 1] += offsets[t];
        }
        int[] fill = Arrays.copyOf(offsets, steps);
        int[] neurons = new int[n];
        for (int k = 0; k < n; k++) {
            neurons[fill[eventSteps[k]]++] = eventIndex[k];
        }
        return new EventSource(steps, size, offsets, neurons);
    }

    /**
     * Wraps already bucketed arrays without copying: {@code offsets} has {@code steps + 1} non-decreasing
     * entries from 0 to {@code neurons.length}. Both arrays are kept, so the caller must not modify them.
     */
    public static EventSource ofBuckets(int size, int[] offsets, int[] neurons) {
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(neurons, "neurons");
        if (offsets.length < 1 || offsets[0] != 0 || offsets[offsets.length - 1] != neurons.length) {
            throw new IllegalArgumentException("offsets must start at 0 and end at neurons.length = "
                    + neurons.length + ", got " + Arrays.toString(Arrays.copyOf(offsets, Math.min(8, offsets.length))));
        }
        for (int t = 1; t < offsets.length; t++) {
            if (offsets[t] < offsets[t - 1]) {
                throw new IllegalArgumentException("offsets must be non-decreasing, offsets[" + t + "] = "
                        + offsets[t] + " < " + offsets[t - 1]);
            }
        }
        for (int k = 0; k < neurons.length; k++) {
            if (neurons[k] < 0 || neurons[k] >= size) {
                throw new IllegalArgumentException("neurons[" + k + "] must be in [0, " + size + "), got " + neurons[k]);
            }
        }
        return new EventSource(offsets.length - 1, size, offsets, neurons);
    }

    /**
     * The same events, made for steps of {@code dtMs} ms (shares the arrays; see {@link SpikeSource#dtMs()}).
     *
     * @throws IllegalArgumentException if {@code dtMs} is not finite and > 0
     */
    public EventSource withDtMs(float dtMs) {
        if (!(dtMs > 0f) || !Float.isFinite(dtMs)) {
            throw new IllegalArgumentException("dtMs must be finite and > 0, got " + dtMs);
        }
        return new EventSource(steps, size, offsets, neurons, dtMs, ascending);
    }

    /** The step length this source was made for, or {@code NaN} for none ({@link #withDtMs}). */
    @Override
    public float dtMs() {
        return dtMs;
    }

    /** True: the events are immutable. */
    @Override
    public boolean replayable() {
        return true;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public int size() {
        return size;
    }

    /** Total number of events. */
    public int eventCount() {
        return neurons.length;
    }

    /** Number of events at {@code step}. */
    public int count(int step) {
        return offsets[step + 1] - offsets[step];
    }

    @Override
    public void emit(int step, Spikes out) {
        if (ascending && out.isEmpty()) {
            out.addDistinct(neurons, offsets[step], offsets[step + 1]);
        } else {
            out.addAll(neurons, offsets[step], offsets[step + 1]);
        }
    }
}
