package org.snn4j.layer;

/**
 * The weight math of a learning rule for one synapse: given the current weight and the two neurons it
 * connects, the new weight. A {@link PlasticLayer} walks its own topology and calls this once per
 * synapse, so any rule works on any plastic layer.
 */
@FunctionalInterface
public interface SynapseKernel {
    /**
     * @param w    the current weight
     * @param pre  the pre-synaptic (input) neuron's flat index, or -1 for a synapse from padding (an input
     *             that never exists and never fires)
     * @param post the post-synaptic (output) neuron's flat index
     * @return the new weight
     */
    float newWeight(float w, int pre, int post);
}
