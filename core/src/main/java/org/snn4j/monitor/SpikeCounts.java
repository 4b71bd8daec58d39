package org.snn4j.monitor;

import java.util.Arrays;
import org.snn4j.Spikes;
import org.snn4j.layer.Layer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;

/**
 * Spike counts per neuron of one layer over the current (or last) presentation: cleared when a presentation
 * starts, one increment per output spike. What rate read-outs (labelling and classifying by the most active
 * neurons) and per-neuron post-processing need, without storing spike times.
 *
 * <p>Cost O(spikes) per step; allocates nothing after construction. Not thread-safe (one per simulation).
 */
public final class SpikeCounts implements Monitor {
    private final int[] counts;
    private long total;

    /**
     * @param size the layer's number of neurons, &gt;= 0
     */
    public SpikeCounts(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
        counts = new int[size];
    }

    /**
     * @throws IllegalArgumentException if {@code out} can hold more neurons than this monitor counts
     */
    @Override
    public void onStep(Layer layer, LayerState state, Spikes out, StepContext ctx) {
        if (out.capacity() > counts.length) {
            throw new IllegalArgumentException("SpikeCounts of " + counts.length + " neurons attached to layer "
                    + layer.name() + " with " + out.capacity());
        }
        int n = out.count();
        int[] idx = out.indices();
        for (int k = 0; k < n; k++) {
            counts[idx[k]]++;
        }
        total += n;
    }

    @Override
    public void onPresentationStart(int presentation, int steps) {
        Arrays.fill(counts, 0);
        total = 0;
    }

    /** Live array: spikes of each neuron in the current (or last) presentation; do not modify. */
    public int[] counts() {
        return counts;
    }

    /** A copy of {@link #counts()}. */
    public int[] copy() {
        return counts.clone();
    }

    /** Spikes of all neurons in the current (or last) presentation. */
    public long total() {
        return total;
    }
}
