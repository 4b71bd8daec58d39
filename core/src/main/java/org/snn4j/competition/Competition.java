package org.snn4j.competition;

import java.util.List;
import java.util.Objects;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;

/**
 * Competition between the output neurons of one layer, applied by the engine after every step of that
 * layer: it may inhibit (remove spikes from {@code fired}, change potentials) and may select winners,
 * which it appends to {@code winners} (the list is owned by the simulation and cleared for each
 * presentation, so earlier steps' winners are visible). Implementations hold parameters only; what they
 * mark during a presentation lives in the {@link LayerState}.
 *
 * <h2>Lifecycle</h2>
 * In every presentation in which the layer competes, the engine calls {@link #onPresentationStart} once
 * (after the layer's state was reset), then {@link #apply} after each step of the layer, then
 * {@link #onPresentationEnd} once after the last step run. A competition that writes state which must
 * outlive the presentation (homeostatic threshold offsets) declares it with
 * {@link #keepsThresholdOffset()}; everything else in the layer's neurons is cleared between
 * presentations.
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
     * Called once before the first step of every presentation in which the layer competes, after the
     * layer's state was reset. Default: nothing.
     *
     * @param state the layer's state; may be modified
     */
    default void onPresentationStart(LayerState state, StepContext ctx) {
    }

    /**
     * Called once after the last step run of every presentation in which the layer competed (also when
     * the presentation stopped early). Default: nothing.
     *
     * @param state   the layer's state; may be modified
     * @param winners the winners of the presentation; not modified
     */
    default void onPresentationEnd(LayerState state, StepContext ctx, List<Winner> winners) {
    }

    /**
     * Whether this competition writes {@link org.snn4j.NeuronState#thresholdOffset()} as state that
     * persists across presentations (homeostasis). If any component of a layer (its neuron model or its
     * competition) declares it, the engine keeps the offsets when it clears the neurons before a
     * presentation. Default false.
     */
    default boolean keepsThresholdOffset() {
        return false;
    }

    /**
     * Whether this competition writes the neurons' inhibitory input ({@link org.snn4j.NeuronState#inhibition()},
     * as {@link LateralInhibition} does); the network then requires a neuron model that
     * {@linkplain org.snn4j.neuron.NeuronModel#acceptsInhibition() accepts inhibition}. Default false.
     */
    default boolean sendsInhibition() {
        return false;
    }

    /**
     * Whether nothing this competition does in later steps of the current presentation can matter beyond
     * the spikes of this presentation: it can append no more winners, and writes no persistent state. The
     * engine uses it to end a learning presentation early (see
     * {@link org.snn4j.network.StopCondition#auto()}). Default false (never settled: always safe).
     *
     * @param state   the layer's state after the current step; not modified
     * @param ctx     the current step (the last step run)
     * @param winners the winners so far; not modified
     */
    default boolean settled(LayerState state, StepContext ctx, List<Winner> winners) {
        return false;
    }

    /**
     * This competition, then {@code next} on the spikes this one left (for example pointwise inhibition,
     * then k-winners-take-all, as in Mozafari et al. 2019). The chain forwards the lifecycle calls to
     * both, keeps threshold offsets if either does, and is settled when both are.
     */
    /** The competitions this one applies, in order: itself, or the parts of each side of {@link #andThen}. */
    default List<Competition> parts() {
        return List.of(this);
    }

    default Competition andThen(Competition next) {
        return new Chain(this, Objects.requireNonNull(next, "next"));
    }

    /**
     * {@code competition} applied only in presentations with learning on (for example homeostasis that
     * must not move thresholds while testing). In presentations without learning it does nothing and is
     * settled.
     */
    static Competition whileLearning(Competition competition) {
        return new WhileLearning(Objects.requireNonNull(competition, "competition"));
    }
}
