package org.snn4j.encoding.aer;

import java.util.Arrays;
import java.util.Objects;
import org.snn4j.EventSource;
import org.snn4j.Shape;

/**
 * Binary spikes per time step, the input of a trainer: for each step {@code k} in {@code [0, steps)} the sorted,
 * distinct inputs that spiked, stored as compressed rows ({@code start(k) .. end(k)} index the spikes, read one
 * with {@link #input(int)}). Memory grows with the number of spikes, never with {@code steps x inputs}; a dense
 * {@code [step][input]} copy is available through {@link #toDense()} for code that wants one.
 *
 * <p>Input index on the {@link #shape()} {@code C x H x W}: {@code (c * H + y) * W + x}; for event cameras
 * {@code c = 0} is OFF and {@code c = 1} is ON ({@link PolarityMode#SPLIT}, as {@link EventBinning}). Made by
 * {@link EventBinning#binned}. Immutable and thread-safe.
 */
public final class BinnedEvents {
    private final Shape shape;
    private final int[] offsets;
    private final int[] inputs;
    /** The step length, ms, or NaN if unknown (made by {@link #of}). */
    private final float stepMs;

    /** Wraps checked arrays without copying (package-private: {@link EventBinning} builds them). */
    BinnedEvents(Shape shape, int[] offsets, int[] inputs, float stepMs) {
        this.shape = shape;
        this.offsets = offsets;
        this.inputs = inputs;
        this.stepMs = stepMs;
    }

    /**
     * Copies caller-made step lists, checking them.
     *
     * @param shape   input shape
     * @param offsets {@code steps + 1} non-decreasing entries from 0 to {@code inputs.length}; not modified
     * @param inputs  inputs per step, strictly increasing within a step and in {@code [0, shape.size())}; not
     *                modified
     * @throws IllegalArgumentException naming the first bad entry
     */
    public static BinnedEvents of(Shape shape, int[] offsets, int[] inputs) {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(inputs, "inputs");
        if (offsets.length < 1 || offsets[0] != 0 || offsets[offsets.length - 1] != inputs.length) {
            throw new IllegalArgumentException("offsets must have steps + 1 >= 1 entries from 0 to inputs.length = "
                    + inputs.length + ", got " + offsets.length + " entries");
        }
        int size = shape.size();
        for (int k = 0; k + 1 < offsets.length; k++) {
            if (offsets[k + 1] < offsets[k]) {
                throw new IllegalArgumentException("offsets must be non-decreasing, offsets[" + (k + 1) + "] = "
                        + offsets[k + 1] + " < " + offsets[k]);
            }
            for (int j = offsets[k]; j < offsets[k + 1]; j++) {
                if (inputs[j] < 0 || inputs[j] >= size) {
                    throw new IllegalArgumentException("inputs[" + j + "] must be in [0, " + size + "), got " + inputs[j]);
                }
                if (j > offsets[k] && inputs[j] <= inputs[j - 1]) {
                    throw new IllegalArgumentException("inputs of step " + k + " must be strictly increasing, got "
                            + inputs[j - 1] + " then " + inputs[j]);
                }
            }
        }
        return new BinnedEvents(shape, offsets.clone(), inputs.clone(), Float.NaN);
    }

    /**
     * The step length these bins were made for, ms ({@link EventBinning#binned}: its {@code stepUs / 1000}), or
     * {@code NaN} if unknown (lists made by {@link #of}).
     */
    public float stepMs() {
        return stepMs;
    }

    /** The input shape, {@code 2 x H x W} for split polarities. */
    public Shape shape() {
        return shape;
    }

    /** Number of inputs, {@code shape().size()} (2,312 for N-MNIST). */
    public int size() {
        return shape.size();
    }

    /** Number of time steps. */
    public int steps() {
        return offsets.length - 1;
    }

    /** Total number of spikes over all steps. */
    public int spikeCount() {
        return inputs.length;
    }

    /** Number of spikes at {@code step}. */
    public int count(int step) {
        Objects.checkIndex(step, steps());
        return offsets[step + 1] - offsets[step];
    }

    /** Index of the first spike of {@code step} (for {@link #input(int)}). */
    public int start(int step) {
        Objects.checkIndex(step, steps());
        return offsets[step];
    }

    /** One past the index of the last spike of {@code step}. */
    public int end(int step) {
        Objects.checkIndex(step, steps());
        return offsets[step + 1];
    }

    /** The input of spike {@code k}, {@code 0 <= k < spikeCount()}. */
    public int input(int k) {
        return inputs[k];
    }

    /** A copy of the inputs that spike at {@code step}, sorted. */
    public int[] inputs(int step) {
        return Arrays.copyOfRange(inputs, start(step), end(step));
    }

    /**
     * A copy of the step offsets, length {@code steps() + 1}: the spikes of step {@code t} are
     * {@code inputs()[offsets[t] .. offsets[t + 1])}.
     */
    public int[] offsets() {
        return offsets.clone();
    }

    /** A copy of every spike's input, step after step, sorted within a step (index it with {@link #offsets()}). */
    public int[] inputs() {
        return inputs.clone();
    }

    /** Spikes per input summed over all steps (length {@link #size()}). */
    public int[] countsPerInput() {
        int[] c = new int[size()];
        for (int k = 0; k < inputs.length; k++) {
            c[inputs[k]]++;
        }
        return c;
    }

    /** A dense copy: {@code out[step * size() + input] = 1} where a spike is, else 0. */
    public float[] toDense() {
        long n = (long) steps() * size();
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException(steps() + " steps x " + size() + " inputs is too large for one array");
        }
        float[] out = new float[(int) n];
        writeDense(out, 0);
        return out;
    }

    /**
     * Writes the spikes as ones into {@code out[offset + step * size() + input]}; other entries are not touched
     * (clear them first when reusing a buffer).
     *
     * @param out    modified
     * @param offset first index written to
     */
    public void writeDense(float[] out, int offset) {
        Objects.requireNonNull(out, "out");
        int size = size();
        int steps = steps();
        if (offset < 0 || offset + (long) steps * size > out.length) {
            throw new IndexOutOfBoundsException("out must hold " + ((long) steps * size) + " values from offset "
                    + offset + ", its length is " + out.length);
        }
        for (int k = 0; k < steps; k++) {
            int base = offset + k * size;
            for (int j = offsets[k]; j < offsets[k + 1]; j++) {
                out[base + inputs[j]] = 1f;
            }
        }
    }

    /**
     * The same spikes as a core {@link EventSource} for the event-driven engine (shares the arrays), made for steps
     * of {@link #stepMs()} when known ({@link EventSource#dtMs()}: a simulation with another step refuses it).
     */
    public EventSource toEventSource() {
        EventSource s = EventSource.ofBuckets(size(), offsets, inputs);
        return Float.isNaN(stepMs) ? s : s.withDtMs(stepMs);
    }

    /** A one-line summary. */
    @Override
    public String toString() {
        return "BinnedEvents[" + steps() + " steps x " + size() + " inputs, " + spikeCount() + " spikes]";
    }
}
