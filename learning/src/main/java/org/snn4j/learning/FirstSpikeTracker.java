package org.snn4j.learning;

import java.util.Arrays;
import org.snn4j.Spikes;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;

/**
 * Per-presentation record of the first step at which each input neuron fired, kept by winner-based
 * rules from {@code afterStep} calls. {@link LayerState#inputSpikeStep()} holds the <em>last</em> spike
 * step; SpykeTorch's pairing uses the first one (its spike waves are cumulative), so a pre neuron that
 * fired before and after the post spike counts as causal. When no {@code afterStep} call was seen for
 * the current presentation (a rule driven by hand), the layer's last-spike steps are used instead;
 * they are the same whenever every input fires at most once (latency coding).
 *
 * <p>Not thread-safe; one per rule.
 */
final class FirstSpikeTracker {
    private int[] first = new int[0];
    private LayerState owner;
    private boolean active;

    /** Records the input spikes of one step (allocates only when the input size changes). */
    void record(LayerState state, Spikes in, StepContext ctx) {
        int n = state.inputShape().size();
        if (first.length != n) {
            first = new int[n];
            active = false;
        }
        int t = ctx.step();
        if (!active || t == 0 || owner != state) {
            Arrays.fill(first, -1);
            owner = state;
            active = true;
        }
        int[] idx = in.indices();
        int count = in.count();
        for (int k = 0; k < count; k++) {
            int i = idx[k];
            if (first[i] < 0) {
                first[i] = t;
            }
        }
    }

    /** The pre spike steps to pair with: first spikes if tracked for {@code state}, else last spikes. */
    int[] preSteps(LayerState state) {
        return active && owner == state && first.length == state.inputShape().size()
                ? first : state.inputSpikeStep();
    }

    /** Ends the presentation: the next {@link #record} starts afresh. */
    void endSample() {
        active = false;
    }
}
