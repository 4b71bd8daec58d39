package org.snn4j.learning;

import java.util.Arrays;
import org.snn4j.Spikes;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;

/**
 * Per-presentation record of the first step at which each input neuron fired, kept by winner-based
 * rules from {@code afterStep} calls. {@link LayerState#inputSpikeStep()} holds the <em>last</em> spike
 * step; SpykeTorch's pairing uses the first one (its spike waves are cumulative), so a pre neuron that
 * fired before and after the post spike counts as causal. The record starts with the rule's
 * {@code onPresentationStart} ({@link #start}); a rule driven by hand without it starts at its first
 * {@code afterStep}. When no step was recorded for the current presentation (a rule driven by hand with
 * {@code afterSample} only), the layer's last-spike steps are used instead; they are the same whenever every
 * input fires at most once (latency coding).
 *
 * <p>Not thread-safe; one per rule.
 */
final class FirstSpikeTracker {
    private int[] first = new int[0];
    /** The inputs whose entry of {@link #first} is set ({@code >= 0}), {@link #setCount} of them. */
    private int[] set = new int[0];
    private int setCount;
    private LayerState owner;
    private boolean active;

    /**
     * Starts a presentation of the layer whose state is {@code state} (allocates only on a size change; clears
     * only the entries the last presentation set).
     */
    void start(LayerState state) {
        int n = state.inputShape().size();
        if (first.length != n) {
            first = new int[n];
            set = new int[n];
            Arrays.fill(first, -1);
        } else {
            int[] f = first;
            int[] s = set;
            for (int k = 0; k < setCount; k++) {
                f[s[k]] = -1;
            }
        }
        setCount = 0;
        owner = state;
        active = true;
    }

    /** Records the input spikes of one step. */
    void record(LayerState state, Spikes in, StepContext ctx) {
        if (!active || owner != state) {
            start(state);
        }
        int t = ctx.step();
        int[] idx = in.indices();
        int count = in.count();
        for (int k = 0; k < count; k++) {
            int i = idx[k];
            if (first[i] < 0) {
                first[i] = t;
                set[setCount++] = i; // at most once per input between starts: the list never overflows
            }
        }
    }

    /** The pre spike steps to pair with: first spikes if tracked for {@code state}, else last spikes. */
    int[] preSteps(LayerState state) {
        return active && owner == state ? first : state.inputSpikeStep();
    }

    /** Ends the presentation: the next {@link #record} without {@link #start} starts afresh. */
    void endSample() {
        active = false;
    }
}
