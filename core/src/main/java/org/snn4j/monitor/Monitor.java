package org.snn4j.monitor;

import org.snn4j.Spikes;
import org.snn4j.layer.Layer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;

/**
 * Something that watches one layer of a simulation: attached with
 * {@code Simulation.attach(layerName, monitor)}, called after that layer's step (after competition) and
 * at the start and end of each presentation. Monitors record only when attached; a simulation with no
 * monitors pays nothing. Monitors belong to one simulation and are not thread-safe.
 */
public interface Monitor {
    /**
     * Called after the layer's step and its competition.
     *
     * @param layer the watched layer
     * @param state its state; monitors may bring lazy state up to date ({@code NeuronModel.advanceTo}) but
     *              must not otherwise modify it
     * @param out   the layer's output spikes of this step; not modified
     * @param ctx   the current step; not modified
     */
    void onStep(Layer layer, LayerState state, Spikes out, StepContext ctx);

    /** Called before the first step of presentation number {@code presentation} (from 0). */
    default void onPresentationStart(int presentation, int steps) {
    }

    /** Called after the last step (and the layers' {@code finish}) of a presentation. */
    default void onPresentationEnd(int presentation) {
    }
}
