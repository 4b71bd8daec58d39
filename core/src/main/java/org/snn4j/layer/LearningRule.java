package org.snn4j.layer;

import java.util.List;
import org.snn4j.Spikes;
import org.snn4j.Winner;

/**
 * A synaptic plasticity rule attached to one {@link PlasticLayer}. The rule owns only the weight math and
 * applies it through {@link PlasticLayer#updateReceptiveField}; it never switches on the layer type.
 *
 * <h2>Lifecycle</h2>
 * In every presentation in which its layer learns, the engine calls, in this order:
 * {@link #onPresentationStart} once (after the layer's state was reset), {@link #beforeStep} before each step
 * (before the layer adds the step's input), {@link #afterStep} after each step run (after competition), {@link #onPresentationEnd} once after the last step run (also when the
 * presentation stopped early), and {@link #afterSample} once when the caller ends the sample with a
 * reward ({@code Simulation.learn}). A rule never infers where a presentation starts from step numbers.
 *
 * <p>Rules may keep state (learning-rate schedules, traces): one rule instance per layer per network,
 * used by one learning simulation at a time (learning is sequential).
 */
public interface LearningRule {
    /**
     * Called once before the first step of every presentation in which the layer learns. Rules with
     * per-presentation state (traces, first-spike records) clear it here. Default: nothing.
     *
     * @param state the layer's state, just reset; not modified
     */
    default void onPresentationStart(PlasticLayer layer, LayerState state, StepContext ctx) {
    }

    /**
     * Called before every step of a learning presentation, before the layer adds this step's input spikes to its
     * neurons: for rules whose update must act on the weights before this step's input uses them (for example
     * depression on a pre-synaptic spike applied before that spike's weight is delivered). Default: nothing.
     *
     * @param in the layer's input spikes of this step; not modified
     */
    default void beforeStep(PlasticLayer layer, LayerState state, Spikes in, StepContext ctx) {
    }

    /**
     * Called after every step of a learning presentation (online rules such as trace STDP).
     *
     * @param in      the layer's input spikes of this step; not modified
     * @param out     the layer's output spikes of this step, after competition; not modified
     * @param winners the winners so far in this presentation; not modified
     */
    default void afterStep(PlasticLayer layer, LayerState state, Spikes in, Spikes out, List<Winner> winners,
                           StepContext ctx) {
    }

    /**
     * Called once after the last step run of a learning presentation, before {@link #afterSample}.
     * Default: nothing.
     *
     * @param state   the layer's state; not modified
     * @param winners the winners of the presentation; not modified
     */
    default void onPresentationEnd(PlasticLayer layer, LayerState state, List<Winner> winners, StepContext ctx) {
    }

    /**
     * Called once at the end of a learning presentation (winner-based rules such as binary STDP).
     *
     * @param reward +1 reward, -1 punishment, 0 unsupervised / neutral
     */
    default void afterSample(PlasticLayer layer, LayerState state, List<Winner> winners, float reward) {
    }

    /**
     * Whether this rule's update depends only on the winners and on the input spikes up to each winner's
     * step, so that steps after the layer's competition has {@link
     * org.snn4j.competition.Competition#settled settled} cannot change it (binary and reward-modulated
     * STDP). The engine then ends such learning presentations at the step where the last winner appears
     * ({@link org.snn4j.network.StopCondition#auto()}). Default false (online rules need every step).
     */
    default boolean learnsFromWinnersOnly() {
        return false;
    }

    /**
     * Whether the update depends on spike times only through whether each input fired at or before the
     * winner's step (binary and reward-modulated STDP), not through the time differences. The engine may then
     * deliver a layer's whole input at the last step when the layer fires only there (a collapsed
     * presentation, the final-potential pass), which pairs every input as at-or-before, as the steps would.
     * Default false.
     */
    default boolean usesSpikeOrderOnly() {
        return false;
    }
}
