package org.snn4j.layer;

import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.neuron.NeuronModel;

/**
 * One stage of a network: synapses from an input population to an output population, and (unless it
 * is a pooling or padding stage) the output neurons. A layer owns its topology, its weights and its
 * parameters, and knows how to walk a receptive field; all mutable state is in the {@link LayerState}
 * it creates, so one layer (and its weights) can serve several simulations on several threads.
 *
 * <p>Lifecycle per presentation: the engine calls {@link LayerState#reset()}, then
 * {@link #step} for {@code t = 0, 1, ...} up to the last step run (the source's last step, or earlier when
 * the presentation's stop condition holds), then {@link #finish}.
 */
public interface Layer {
    /** A name unique within its network, used in messages and to attach competition and learning. */
    String name();

    /** The shape of the input population this layer expects; checked against the previous layer at build. */
    Shape inputShape();

    /** The shape of the population this layer produces (the next layer's input). */
    Shape outputShape();

    /** Allocates the mutable buffers of this layer for one simulation. */
    LayerState newState();

    /**
     * One time step: records the input spikes in {@code state.inputSpikeStep()}, propagates them through
     * the synapses, advances the neurons, and adds the neurons that fire to {@code out}.
     *
     * @param in    the input spikes of this step; not modified
     * @param state modified
     * @param ctx   the current step; not modified
     * @param out   modified: cleared by the engine before the call; output spikes are added
     */
    void step(Spikes in, LayerState state, StepContext ctx, Spikes out);

    /**
     * Called once after the last step run of a presentation ({@code ctx.step()} is that step; a
     * presentation may stop before {@code ctx.steps() - 1}). Layers that decide at the last step (no
     * threshold, output read from the final potentials) and lazy models bring their state up to date here.
     *
     * @param state modified
     */
    default void finish(LayerState state, StepContext ctx) {
    }

    /**
     * The model of this layer's output neurons, or null for layers without neurons (pooling, padding). The
     * engine uses it to clear and {@link NeuronModel#initialise initialise} the layer's
     * {@link LayerState#neurons()} before each presentation, and monitors to bring lazy state up to date.
     */
    default NeuronModel neuronModel() {
        return null;
    }

    /**
     * A counter that changes whenever anything this layer computes from may have changed (its weights), or
     * {@code -1} if the layer cannot tell, or its output depends on an input of its own that may change between
     * presentations (an external current that is not {@linkplain org.snn4j.CurrentSource#replayable() replayable}).
     * The engine reuses a layer's output for a repeated input only while the counter is unchanged and not
     * {@code -1}, and only if its neuron model is {@linkplain NeuronModel#replayable() replayable} too (the
     * frozen-layer cache of {@code Simulation}). Layers without weights return a constant {@code 0}. Default
     * {@code -1}.
     */
    default long weightVersion() {
        return -1L;
    }

    /**
     * Called by the engine after competition at the end of every step, with this layer's final output
     * spikes of the step. Layers with delayed (recurrent) connections record them here; if the engine does
     * not call it, such layers fall back to the spikes they emitted before competition. Default: nothing.
     *
     * @param out   the final output spikes of this step; not modified
     * @param state modified
     */
    default void endStep(Spikes out, LayerState state, StepContext ctx) {
    }
}
