package org.snn4j;

import java.util.Arrays;

/**
 * The steps at which neurons of one population are due to be processed without input: models that predict their
 * own next threshold crossing (a constant current drives the neuron, see {@code org.snn4j.neuron.BiasedIf}) book
 * each neuron at its predicted step, and at every step take the neurons due now, so neurons that neither receive
 * input nor fire cost nothing. Part of a {@link NeuronState} ({@link NeuronState#calendar()}).
 *
 * <p>A neuron has at most one valid booking: booking it again replaces the earlier one. Bookings sit in a ring of
 * {@value #RING} buckets by step; a booking more than {@value #RING} steps ahead stays in its bucket until its
 * step comes, and replaced bookings are dropped when their bucket is next visited. Cost: O(1) per booking, and
 * per step O(entries of the step's bucket).
 *
 * <p>Not thread-safe; owned by one simulation.
 */
public final class SpikeCalendar {
    /** Buckets of the ring (a power of two). */
    public static final int RING = 64;

    private final int[] due;          // booked step of each neuron, -1 if none
    private final int[][] bucket = new int[RING][];
    private final int[] bucketCount = new int[RING];
    private final int[] drained;
    private int[] carried;            // neurons re-based at the previous step: checked again at this one
    private int carriedCount;
    private int[] next;               // neurons re-based at this step
    private int nextCount;
    private boolean started;
    private boolean dense;
    private boolean endedDense;
    private final long[] orderBits;

    SpikeCalendar(int size) {
        due = new int[size];
        Arrays.fill(due, -1);
        for (int b = 0; b < RING; b++) {
            bucket[b] = new int[16];
        }
        drained = new int[size];
        carried = new int[size];
        next = new int[size];
        orderBits = new long[(size + 63) >>> 6];
    }

    /**
     * A bitmap of one bit per neuron, all zero, for models to sort a step's spikes by neuron (they must leave it all
     * zero again).
     */
    public long[] orderBits() {
        return orderBits;
    }

    /** Whether the model has booked the population in this presentation (set by {@link #start()}). */
    public boolean started() {
        return started;
    }

    /** Marks the calendar as filled for this presentation (models book every neuron once, then call this). */
    public void start() {
        started = true;
    }

    /**
     * Whether the population is in the dense mode: every neuron processed at every step, nothing booked or carried
     * (models switch to it when most neurons would be processed anyway; see {@link #goDense()}).
     */
    public boolean dense() {
        return dense;
    }

    /**
     * Enters the dense mode: cancels every booking and carried neuron (in O(size)) and sets {@link #dense()}. The
     * model then processes every neuron at every step until it calls {@link #leaveDense()}.
     */
    public void goDense() {
        Arrays.fill(due, -1);
        Arrays.fill(bucketCount, 0);
        carriedCount = 0;
        nextCount = 0;
        dense = true;
    }

    /** Leaves the dense mode; the model books or {@link #carry carries} every neuron in the same step. */
    public void leaveDense() {
        dense = false;
    }

    /** The booked step of neuron {@code i}, or -1 if none (not checked). */
    public int due(int i) {
        return due[i];
    }

    /**
     * Books neuron {@code i} at {@code step} (replacing its earlier booking), or cancels its booking if
     * {@code step < 0}. Not checked beyond the array bounds.
     */
    public void book(int i, int step) {
        due[i] = step;
        if (step < 0) {
            return;
        }
        int b = step & (RING - 1);
        int n = bucketCount[b];
        int[] a = bucket[b];
        if (n == a.length) {
            a = Arrays.copyOf(a, 2 * n);
            bucket[b] = a;
        }
        a[n] = i;
        bucketCount[b] = n + 1;
    }

    /**
     * Takes the neurons booked at step {@code t}: cancels their bookings and returns how many there are; they are
     * in {@link #drained()}{@code [0, count)}, each once, in booking order. Earlier steps must have been taken
     * already (bookings of a step that was skipped are dropped).
     */
    public int take(int t) {
        int b = t & (RING - 1);
        int[] a = bucket[b];
        int n = bucketCount[b];
        int kept = 0;
        int count = 0;
        for (int k = 0; k < n; k++) {
            int i = a[k];
            int d = due[i];
            if (d == t) {
                drained[count++] = i;
                due[i] = -1;
            } else if (d > t && (d & (RING - 1)) == b) {
                a[kept++] = i;   // booked one or more turns of the ring ahead (a duplicate is dropped at its step)
            }
        }
        bucketCount[b] = kept;
        return count;
    }

    /** Live array of the neurons returned by the last {@link #take}. */
    public int[] drained() {
        return drained;
    }

    /**
     * Live array of the neurons handed on by {@link #carry} at the previous step ({@link #endStep()} made them
     * current): a neuron that received input is checked again at the next step instead of being booked,
     * and booked only once it goes quiet, so neurons active at every step cost no booking.
     */
    public int[] carried() {
        return carried;
    }

    /** How many neurons {@link #carried()} holds. */
    public int carriedCount() {
        return carriedCount;
    }

    /** Hands neuron {@code i} on to the next step (at most once per step; not checked). */
    public void carry(int i) {
        next[nextCount++] = i;
    }

    /** Ends a step: the neurons carried in this step become {@link #carried()}. */
    public void endStep() {
        int[] a = carried;
        carried = next;
        next = a;
        carriedCount = nextCount;
        nextCount = 0;
    }

    /** Cancels every booking and carried neuron and clears {@link #started()} and {@link #dense()}, in O(size). */
    public void clear() {
        Arrays.fill(due, -1);
        Arrays.fill(bucketCount, 0);
        carriedCount = 0;
        nextCount = 0;
        started = false;
        endedDense = dense;
        dense = false;
    }

    /**
     * Whether the population was in the dense mode when the calendar was last {@link #clear() cleared} (at the end
     * of the previous presentation): a hint for the mode to start the next one in.
     */
    public boolean endedDense() {
        return endedDense;
    }
}
