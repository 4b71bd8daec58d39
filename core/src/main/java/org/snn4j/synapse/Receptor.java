package org.snn4j.synapse;

/** Which synaptic variable of the target neuron a {@link Projection} increments. */
public enum Receptor {
    /** The excitatory synapse ({@code I_e} of {@link ExpCurrentLif}, {@code g_e} of {@link ExpConductanceLif}). */
    EXCITATORY,
    /** The inhibitory synapse ({@code I_i} of {@link ExpCurrentLif}, {@code g_i} of {@link ExpConductanceLif}). */
    INHIBITORY
}
