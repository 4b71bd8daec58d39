package org.snn4j.layer;

import java.nio.FloatBuffer;
import org.snn4j.Spikes;

/**
 * A layer whose weights can learn. The layer owns iteration over its synapses; a learning rule owns
 * only the math ({@link SynapseKernel}), so rules and layers combine freely.
 */
public interface PlasticLayer extends Layer {
    /**
     * The live weight array (shared by every simulation of the network), in the layout the layer
     * documents, to write: learning modifies it in place; do not modify it while other threads simulate.
     * Handing it out counts as a change of the weights ({@link #weightVersion()} changes); to read, use
     * {@link #weightsView()}.
     */
    float[] weights();

    /**
     * A read-only view of the live weights, in the same layout as {@link #weights()} (no copy: reads see later
     * changes; writes throw {@link java.nio.ReadOnlyBufferException}). Reading does not change
     * {@link #weightVersion()}. The default wraps {@link #weights()}; the library's layers override it.
     */
    default FloatBuffer weightsView() {
        return FloatBuffer.wrap(weights()).asReadOnlyBuffer();
    }

    /**
     * Applies {@code kernel} to every synapse onto output neuron {@code post}: for a dense layer the
     * column {@code post}; for a convolution the kernel of {@code post}'s channel, each weight paired with
     * the input neuron it sees at {@code post}'s position (pre = -1 in the padding).
     *
     * @param post  the output neuron's flat index
     * @param state the state of the presentation that caused the update; not modified
     */
    void updateReceptiveField(int post, LayerState state, SynapseKernel kernel);

    /**
     * Applies {@code kernel} to the synapses onto output neuron {@code post} whose input neuron is in
     * {@code pres}, and to no other synapse. Rules use it for updates triggered by input spikes (the
     * depression of trace STDP), where only the few synapses from this step's input spikes change.
     *
     * <p>The default walks the whole receptive field with {@link #updateReceptiveField} and skips synapses
     * whose input is not in {@code pres} (or is padding): correct for every layer, in O(receptive field).
     * Layers should override it with direct indexing, in O(pres.count()); the result must be the same
     * (each synapse is updated independently, so the order does not matter).
     *
     * @param post  the output neuron's flat index
     * @param pres  input neurons (for example this step's input spikes); not modified
     * @param state the state of the presentation that caused the update; not modified
     */
    default void updateSynapsesFrom(int post, Spikes pres, LayerState state, SynapseKernel kernel) {
        boolean[] mask = pres.fired();
        updateReceptiveField(post, state, (w, pre, p) -> pre >= 0 && mask[pre] ? kernel.newWeight(w, pre, p) : w);
    }
}
