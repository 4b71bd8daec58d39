package org.snn4j.competition;

import java.util.List;
import org.snn4j.Spikes;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;

/**
 * Competition between the output neurons of one layer, applied by the engine after every step of that
 * layer: it may inhibit (remove spikes from {@code fired}, change potentials) and may select winners,
 * which it appends to {@code winners} (the list is owned by the simulation and cleared for each
 * presentation, so earlier steps' winners are visible). Implementations hold parameters only.
 */
public interface Competition {
    /**
     * @param state   the layer's state after its step; potentials may be modified
     * @param fired   the neurons that fired in this step; may be modified (inhibited spikes removed)
     * @param ctx     the current step
     * @param winners modified: winners selected in this step are appended
     */
    void apply(LayerState state, Spikes fired, StepContext ctx, List<Winner> winners);

    /**
     * This competition, then {@code next} on the spikes this one left (for example pointwise inhibition,
     * then k-winners-take-all, as in Mozafari et al. 2019).
     */
    default Competition andThen(Competition next) {
        java.util.Objects.requireNonNull(next, "next");
        Competition first = this;
        return (state, fired, ctx, winners) -> {
            first.apply(state, fired, ctx, winners);
            next.apply(state, fired, ctx, winners);
        };
    }
}
