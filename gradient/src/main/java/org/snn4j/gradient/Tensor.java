package org.snn4j.gradient;

import org.snn4j.internal.Checks;
import java.util.Arrays;
import java.util.Objects;
import org.snn4j.Shape;

/**
 * One sample's activity over time: {@code steps x shape.size()} floats, time-major ({@code data[t * size + i]}).
 *
 * <p>A tensor may be marked <em>binary</em> (only 0 and 1 values, i.e. spikes) with an index of its nonzero entries
 * per step ({@link #eventStart()}, {@link #eventIndex()}): layers fed by a binary tensor touch only the entries that
 * spiked. Whoever writes {@link #data()} must call {@link #indexBinary()} or {@link #markDense()} afterwards.
 *
 * <p>Not thread-safe; a tensor belongs to one sample being processed by one thread.
 */
public final class Tensor {
    private final int steps;
    private final Shape shape;
    private final int size;
    private final float[] data;
    private final int[] eventStart;
    private int[] eventIndex;
    private boolean binary;

    /**
     * A zero tensor.
     *
     * @param steps time steps, at least 1
     * @param shape per-step shape
     */
    public Tensor(int steps, Shape shape) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        this.shape = Objects.requireNonNull(shape, "shape");
        this.steps = steps;
        this.size = shape.size();
        this.data = new float[Checks.arraySize("tensor steps x shape size", steps, size)];
        this.eventStart = new int[Checks.arraySizeSum("tensor steps + 1", steps, 1)];
        this.eventIndex = new int[0];
    }

    /**
     * A binary spike tensor from events (a step and a flat index each); repeated events in one step count once.
     *
     * @param steps   time steps
     * @param shape   per-step shape
     * @param step    the step of each event, in {@code [0, steps)}; not modified
     * @param index   the flat CHW index of each event, in {@code [0, shape.size())}; not modified
     * @param count   number of events to read
     * @return a new binary tensor with its event index
     * @throws IllegalArgumentException if an event is out of range (naming the event number)
     */
    public static Tensor fromEvents(int steps, Shape shape, int[] step, int[] index, int count) {
        Tensor t = new Tensor(steps, shape);
        t.setEvents(step, index, count);
        return t;
    }

    /**
     * Overwrites this tensor with binary spikes from events (see {@link #fromEvents}); reuses the buffers.
     *
     * @param step  the step of each event; not modified
     * @param index the flat index of each event; not modified
     * @param count number of events
     */
    public void setEvents(int[] step, int[] index, int count) {
        if (count < 0 || count > step.length || count > index.length) {
            throw new IllegalArgumentException("count must be in [0, " + Math.min(step.length, index.length)
                    + "], got " + count);
        }
        clear();
        Arrays.fill(eventStart, 0);
        int distinct = 0;
        for (int e = 0; e < count; e++) {
            int s = step[e];
            int i = index[e];
            if (s < 0 || s >= steps) {
                throw new IllegalArgumentException("event " + e + ": step must be in [0, " + steps + "), got " + s);
            }
            if (i < 0 || i >= size) {
                throw new IllegalArgumentException("event " + e + ": index must be in [0, " + size + "), got " + i);
            }
            int k = s * size + i;
            if (data[k] == 0f) {
                data[k] = 1f;
                eventStart[s + 1]++;
                distinct++;
            }
        }
        for (int t = 0; t < steps; t++) {
            eventStart[t + 1] += eventStart[t];
        }
        if (eventIndex.length < distinct) {
            eventIndex = new int[Math.max(distinct, eventIndex.length * 2)];
        }
        int[] fill = new int[steps];
        for (int e = 0; e < count; e++) {
            int s = step[e];
            int k = s * size + index[e];
            if (data[k] == 1f) {
                data[k] = 2f;  // placed; set back to 1 below
                eventIndex[eventStart[s] + fill[s]++] = index[e];
            }
        }
        for (int t = 0; t < steps; t++) {
            int base = t * size;
            int lo = eventStart[t];
            int hi = eventStart[t + 1];
            if (hi - lo > 64) {                 // many events: a scan of the step is cheaper than sorting
                for (int k = lo; k < hi; k++) {
                    data[base + eventIndex[k]] = 1f;
                }
                int e = lo;
                for (int i = 0; i < size; i++) {
                    if (data[base + i] != 0f) {
                        eventIndex[e++] = i;
                    }
                }
                continue;
            }
            for (int k = lo; k < hi; k++) {
                data[base + eventIndex[k]] = 1f;
                int v = eventIndex[k];          // insertion sort: a step holds few events
                int j = k - 1;
                while (j >= lo && eventIndex[j] > v) {
                    eventIndex[j + 1] = eventIndex[j];
                    j--;
                }
                eventIndex[j + 1] = v;
            }
        }
        binary = true;
    }

    /**
     * Overwrites this tensor with binary spikes given as per-step lists (the layout of encoding's
     * {@code BinnedEvents}): the inputs that spike at step {@code t} are {@code inputs[offsets[t] .. offsets[t + 1])},
     * strictly increasing within a step.
     *
     * @param offsets {@code steps + 1} non-decreasing entries from 0; not modified
     * @param inputs  flat indices in {@code [0, size())}; not modified
     * @throws IllegalArgumentException if the lists do not fit this tensor (naming the first bad entry)
     */
    public void setSpikes(int[] offsets, int[] inputs) {
        if (offsets.length != steps + 1 || offsets[0] != 0 || offsets[steps] > inputs.length) {
            throw new IllegalArgumentException("offsets must have " + (steps + 1) + " entries from 0 to at most "
                    + inputs.length + ", got " + offsets.length + " entries");
        }
        // all offsets first: an entry above the last one would index past the buffer sized by the last
        for (int t = 0; t < steps; t++) {
            if (offsets[t + 1] < offsets[t]) {
                throw new IllegalArgumentException("offsets must be non-decreasing, offsets[" + (t + 1) + "] = "
                        + offsets[t + 1] + " < " + offsets[t]);
            }
        }
        clear();
        int n = offsets[steps];
        if (eventIndex.length < n) {
            eventIndex = new int[Math.max(n, eventIndex.length * 2)];
        }
        for (int t = 0; t < steps; t++) {
            int lo = offsets[t];
            int hi = offsets[t + 1];
            int base = t * size;
            int prev = -1;
            for (int k = lo; k < hi; k++) {
                int i = inputs[k];
                if (i <= prev || i >= size) {
                    clear();
                    throw new IllegalArgumentException("inputs[" + k + "] at step " + t + " must be in (" + prev
                            + ", " + size + "), got " + i);
                }
                prev = i;
                data[base + i] = 1f;
                eventIndex[k] = i;
            }
            eventStart[t] = lo;
        }
        eventStart[steps] = n;
        binary = true;
    }

    /**
     * Copies another tensor's values, binary flag and event index (the shapes may differ if the sizes agree).
     *
     * @param src the tensor to copy; not modified
     * @throws IllegalArgumentException if the steps or sizes differ
     */
    public void copyFrom(Tensor src) {
        if (src.steps != steps || src.size != size) {
            throw new IllegalArgumentException("cannot copy " + src.steps + " x " + src.size + " into " + steps
                    + " x " + size);
        }
        System.arraycopy(src.data, 0, data, 0, data.length);
        binary = src.binary;
        if (binary) {
            int n = src.eventStart[steps];
            if (eventIndex.length < n) {
                eventIndex = new int[n];
            }
            System.arraycopy(src.eventIndex, 0, eventIndex, 0, n);
            System.arraycopy(src.eventStart, 0, eventStart, 0, steps + 1);
        }
    }

    /** Number of time steps. */
    public int steps() {
        return steps;
    }

    /** Per-step shape. */
    public Shape shape() {
        return shape;
    }

    /** Values per step ({@code shape().size()}). */
    public int size() {
        return size;
    }

    /** The values, time-major; modified by whoever produces this tensor. */
    public float[] data() {
        return data;
    }

    /** Whether this tensor holds only 0/1 values and its event index is current. */
    public boolean binary() {
        return binary;
    }

    /**
     * Events per step: the nonzero entries of step {@code t} are {@code eventIndex()[eventStart()[t] ..
     * eventStart()[t + 1])}, ascending. Valid only while {@link #binary()}; not to be modified.
     */
    public int[] eventStart() {
        return eventStart;
    }

    /** Flat indices of the nonzero entries, grouped by step (see {@link #eventStart()}); not to be modified. */
    public int[] eventIndex() {
        return eventIndex;
    }

    /** Number of nonzero entries (valid while {@link #binary()}). */
    public int eventCount() {
        return eventStart[steps];
    }

    /** Marks the data as general real values (drops the event index). */
    public void markDense() {
        binary = false;
    }

    /**
     * Builds the event index from {@link #data()}, which must hold only 0 and 1 values (the caller guarantees it;
     * nonzero entries are indexed), and marks the tensor binary.
     */
    public void indexBinary() {
        int n = 0;
        for (int k = 0; k < data.length; k++) {
            if (data[k] != 0f) {
                n++;
            }
        }
        if (eventIndex.length < n) {
            eventIndex = new int[Math.max(n, eventIndex.length * 2)];
        }
        int e = 0;
        for (int t = 0; t < steps; t++) {
            eventStart[t] = e;
            int base = t * size;
            for (int i = 0; i < size; i++) {
                if (data[base + i] != 0f) {
                    eventIndex[e++] = i;
                }
            }
        }
        eventStart[steps] = e;
        binary = true;
    }

    /**
     * Sum over time of each entry within steps {@code [from, to)}.
     *
     * @param from first step
     * @param to   end step (exclusive)
     * @param out  receives {@code size()} sums; modified
     */
    public void sumOverTime(int from, int to, float[] out) {
        if (from < 0 || to > steps || from > to) {
            throw new IllegalArgumentException("window must satisfy 0 <= from <= to <= " + steps + ", got ["
                    + from + ", " + to + ")");
        }
        Arrays.fill(out, 0, size, 0f);
        for (int t = from; t < to; t++) {
            int base = t * size;
            for (int i = 0; i < size; i++) {
                out[i] += data[base + i];
            }
        }
    }

    /** Sets every value to 0 (only the indexed entries when binary) and marks the tensor dense. */
    public void clear() {
        if (binary) {
            for (int t = 0; t < steps; t++) {
                int base = t * size;
                for (int k = eventStart[t]; k < eventStart[t + 1]; k++) {
                    data[base + eventIndex[k]] = 0f;
                }
            }
        } else {
            Arrays.fill(data, 0f);
        }
        binary = false;
    }
}
