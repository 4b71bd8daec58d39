package org.snn4j.competition;

import java.util.List;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;

/**
 * Sets the membrane potential of every neuron that fired in this step to {@code resetMv}: the reset of a
 * model that does not reset by itself ({@link org.snn4j.neuron.ResetMode#NONE}), placed after the
 * competitions that must read the peak potential, such as {@link TwoThresholdHomeostasis}
 * ({@code new WinnerTakeAll(0f, r).andThen(homeostasis).andThen(new ResetFired(0f))}, the vision demo's order).
 * Lazy models continue from the reset ({@code lastUpdateStep} is set to this step). Cost: O(spikes). Immutable
 * and thread-safe.
 *
 * @param resetMv the potential after a spike (mV), finite
 */
public record ResetFired(float resetMv) implements Persistent, Competition {

    /** Checks the parameter. */
    public ResetFired {
        if (!Float.isFinite(resetMv)) {
            throw new IllegalArgumentException("resetMv must be finite, got " + resetMv);
        }
    }

    /**
     * @param state   modified: potentials and {@code lastUpdateStep} of the neurons in {@code fired}
     * @param fired   not modified
     * @param winners not modified
     */
    @Override
    public void apply(LayerState state, Spikes fired, StepContext ctx, List<Winner> winners) {
        int n = fired.count();
        if (n == 0) {
            return;
        }
        float[] v = Potentials.of(state, "ResetFired");
        NeuronState ns = state.neurons();
        int[] upd = ns.lastUpdateStep();
        int[] idx = fired.indices();
        int t = ctx.step();
        for (int k = 0; k < n; k++) {
            int i = idx[k];
            v[i] = resetMv;
            upd[i] = t;
        }
    }

    /** Always settled: it selects no winners and writes nothing that outlives the presentation. */
    @Override
    public boolean settled(LayerState state, StepContext ctx, List<Winner> winners) {
        return true;
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return CompetitionCodecs.RESET_FIRED;
    }
}
