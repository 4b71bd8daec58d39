package org.snn4j.layer;

/**
 * A layer whose weights can learn. The layer owns iteration over its synapses; a learning rule owns
 * only the math ({@link SynapseKernel}), so rules and layers combine freely.
 */
public interface PlasticLayer extends Layer {
    /**
     * The live weight array (shared by every simulation of the network), in the layout the layer
     * documents. Learning modifies it in place; do not modify it while other threads simulate.
     */
    float[] weights();

    /**
     * Applies {@code kernel} to every synapse onto output neuron {@code post}: for a dense layer the
     * column {@code post}; for a convolution the kernel of {@code post}'s channel, each weight paired with
     * the input neuron it sees at {@code post}'s position (pre = -1 in the padding).
     *
     * @param post  the output neuron's flat index
     * @param state the state of the presentation that caused the update; not modified
     */
    void updateReceptiveField(int post, LayerState state, SynapseKernel kernel);
}
