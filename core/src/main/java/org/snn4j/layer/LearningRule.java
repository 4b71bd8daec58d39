package org.snn4j.layer;

import java.util.List;
import org.snn4j.Spikes;
import org.snn4j.competition.Winner;

/**
 * A synaptic plasticity rule attached to one {@link PlasticLayer}. The rule owns only the weight math and
 * applies it through {@link PlasticLayer#updateReceptiveField}; it never switches on the layer type.
 *
 * <p>Rules may keep state (learning-rate schedules, traces): one rule instance per layer per network,
 * used by one learning simulation at a time (learning is sequential).
 */
public interface LearningRule {
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
     * Called once at the end of a learning presentation (winner-based rules such as binary STDP).
     *
     * @param reward +1 reward, -1 punishment, 0 unsupervised / neutral
     */
    default void afterSample(PlasticLayer layer, LayerState state, List<Winner> winners, float reward) {
    }

    /**
     * Whether this rule writes the layer's {@link org.snn4j.NeuronState#thresholdOffset() threshold offsets}
     * as state that must persist across presentations (homeostasis learned while training, such as an
     * adaptive threshold); if true the engine keeps the offsets when it resets the layer for a presentation,
     * also in presentations without learning. Default false.
     */
    default boolean keepsThresholdOffset() {
        return false;
    }

    /**
     * This rule, then {@code next}, on the same layer: both get every {@code afterStep} and
     * {@code afterSample} call, this one first; the pair keeps threshold offsets if either does.
     *
     * @param next the second rule
     * @return the combined rule
     */
    default LearningRule andThen(LearningRule next) {
        java.util.Objects.requireNonNull(next, "next");
        LearningRule first = this;
        return new LearningRule() {
            @Override
            public void afterStep(PlasticLayer layer, LayerState state, Spikes in, Spikes out, List<Winner> winners,
                                  StepContext ctx) {
                first.afterStep(layer, state, in, out, winners, ctx);
                next.afterStep(layer, state, in, out, winners, ctx);
            }

            @Override
            public void afterSample(PlasticLayer layer, LayerState state, List<Winner> winners, float reward) {
                first.afterSample(layer, state, winners, reward);
                next.afterSample(layer, state, winners, reward);
            }

            @Override
            public boolean keepsThresholdOffset() {
                return first.keepsThresholdOffset() || next.keepsThresholdOffset();
            }

            @Override
            public String toString() {
                return first + " then " + next;
            }
        };
    }
}
