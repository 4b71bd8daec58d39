package org.snn4j;

import java.util.Arrays;

/**
 * The set of neurons of one population that fired in one time step: a bitmap ({@link #fired()}) for
 * membership tests and a list of indices ({@link #indices()}, first {@link #count()} entries valid, in
 * the order they were added) so that only the neurons that fired are propagated.
 *
 * <p>Mutable and not thread-safe: one instance per population per {@code Simulation}. {@link #clear()}
 * costs O(count), not O(capacity). Even the reads {@link #fired()} and {@link #contains} may write: a set filled
 * by {@link EventSource#emit} writes its bitmap when it is first asked for. So threads that read one set at the
 * same time (say, the parts of a step split over threads) need it materialised before they start: call
 * {@link #fired()} once on the thread that hands the set over, as {@code Conv2dLayer}'s shared bulk pass does.
 */
public final class Spikes {
    private final boolean[] fired;
    private final int[] indices;
    private int count;
    /**
     * Whether the bitmap is behind the index list: {@link #addDistinct} into an empty set copies the indices only
     * (the bitmap, all false then, is written when first needed: {@link #syncBitmap}), so that a set that is only
     * iterated and cleared, as a layer's input buffer in inference, never touches the bitmap.
     */
    private boolean bitmapBehind;

    /** An empty set for a population of {@code capacity} neurons. */
    public Spikes(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        this.fired = new boolean[capacity];
        this.indices = new int[capacity];
    }

    /** The population size. */
    public int capacity() {
        return fired.length;
    }

    /** How many neurons fired. */
    public int count() {
        return count;
    }

    /** True if no neuron fired. */
    public boolean isEmpty() {
        return count == 0;
    }

    /**
     * Live bitmap, {@code fired()[i]} is true if neuron {@code i} fired. Read only: modify through
     * {@link #add(int)} and {@link #clear()}. Fetch it again after the set changed ({@link EventSource#emit} may
     * fill the index list first and the bitmap only when it is asked for).
     */
    public boolean[] fired() {
        syncBitmap();
        return fired;
    }

    /** Writes the bitmap entries of the indices {@link #addDistinct} copied (see {@link #bitmapBehind}). */
    private void syncBitmap() {
        if (bitmapBehind) {
            final boolean[] f = fired;
            final int[] ix = indices;
            for (int k = 0; k < count; k++) {
                f[ix[k]] = true;
            }
            bitmapBehind = false;
        }
    }

    /** Live index list; entries {@code [0, count())} are valid. Read only. */
    public int[] indices() {
        return indices;
    }

    /** The {@code k}-th neuron that fired, {@code 0 <= k < count()} (not checked). */
    public int get(int k) {
        return indices[k];
    }

    /** Whether neuron {@code i} fired (not checked). */
    public boolean contains(int i) {
        syncBitmap();
        return fired[i];
    }

    /**
     * Marks neuron {@code i} as fired; adding a neuron twice has no effect. The index is not checked
     * (this is called in step loops): an index outside {@code [0, capacity)} throws
     * {@link ArrayIndexOutOfBoundsException}.
     *
     * @return true if {@code i} was not already in the set
     */
    public boolean add(int i) {
        syncBitmap();
        if (fired[i]) {
            return false;
        }
        fired[i] = true;
        indices[count++] = i;
        return true;
    }

    /**
     * {@link #add(int) Adds} {@code src[from] .. src[to - 1]} in that order (duplicates have no effect), in
     * O(to - from). Indices are not checked beyond the array bounds.
     *
     * @param src neuron indices; not modified
     */
    public void addAll(int[] src, int from, int to) {
        syncBitmap();
        final boolean[] f = fired;
        final int[] ix = indices;
        int c = count;
        for (int k = from; k < to; k++) {
            int i = src[k];
            if (!f[i]) {
                f[i] = true;
                ix[c++] = i;
            }
        }
        count = c;
    }

    /**
     * {@link #addAll Adds} {@code src[from] .. src[to - 1]} to an EMPTY set, which the caller knows to be distinct
     * (not checked, as the emptiness: for {@link EventSource}, whose steps it checked when built): one copy of the
     * indices, no test per neuron; the bitmap is written only when something needs it ({@link #syncBitmap}), and a
     * {@link #clear()} before that has nothing to undo in it.
     */
    void addDistinct(int[] src, int from, int to) {
        int n = to - from;
        System.arraycopy(src, from, indices, 0, n);
        count = n;
        bitmapBehind = n > 0;
    }

    /**
     * Removes neuron {@code i} if present, in O(count) (used by competition to inhibit a spike).
     *
     * @return true if {@code i} was in the set
     */
    public boolean remove(int i) {
        syncBitmap();
        if (!fired[i]) {
            return false;
        }
        fired[i] = false;
        for (int k = 0; k < count; k++) {
            if (indices[k] == i) {
                System.arraycopy(indices, k + 1, indices, k, count - k - 1);
                count--;
                break;
            }
        }
        return true;
    }

    /**
     * Removes every neuron {@code i} with {@code step < inhibitedUntil[i]}, keeping the order of the
     * others, in O(count) (used by competition).
     *
     * @param inhibitedUntil per-neuron first step at which firing is allowed again; not modified
     * @return the number of spikes removed
     */
    public int removeInhibited(int[] inhibitedUntil, int step) {
        syncBitmap();
        int kept = 0;
        for (int k = 0; k < count; k++) {
            int i = indices[k];
            if (step < inhibitedUntil[i]) {
                fired[i] = false;
            } else {
                indices[kept++] = i;
            }
        }
        int removed = count - kept;
        count = kept;
        return removed;
    }

    /**
     * Removes every neuron, in O(count): entry by entry, or, from one sixteenth of the capacity on, by one fill of
     * the bitmap (contiguous stores, faster there than as many scattered ones: the vision demo's 838 of 8,192
     * inputs cleared in 0.9 instead of 2.1 us with their adds, loaded machine).
     */
    public void clear() {
        if (bitmapBehind) { // no bitmap entry was written
            bitmapBehind = false;
            count = 0;
            return;
        }
        final boolean[] f = fired;
        if (count >= f.length >>> 4) {
            Arrays.fill(f, false);
        } else {
            for (int k = 0; k < count; k++) {
                f[indices[k]] = false;
            }
        }
        count = 0;
    }

    /** Replaces the content by a copy of {@code other}, which must have the same capacity. */
    public void copyFrom(Spikes other) {
        if (other.capacity() != capacity()) {
            throw new IllegalArgumentException("capacity must be " + capacity() + ", got " + other.capacity());
        }
        clear();
        for (int k = 0; k < other.count; k++) {
            add(other.indices[k]);
        }
    }

    /** A sorted copy of the indices that fired (allocates; for tests and monitors). */
    public int[] toSortedArray() {
        int[] out = Arrays.copyOf(indices, count);
        Arrays.sort(out);
        return out;
    }

    @Override
    public String toString() {
        return "Spikes" + Arrays.toString(toSortedArray());
    }
}
