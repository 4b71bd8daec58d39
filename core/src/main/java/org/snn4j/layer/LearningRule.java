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
}
