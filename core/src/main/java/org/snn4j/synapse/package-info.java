/**
 * Exponential synapses and the populations that use them: current-based ({@link org.snn4j.synapse.ExpCurrentLif})
 * and conductance-based ({@link org.snn4j.synapse.ExpConductanceLif}) integrate-and-fire neurons with separate
 * excitatory and inhibitory synapses, sparse {@link org.snn4j.synapse.Projection}s with whole-step delays, and
 * {@link org.snn4j.synapse.PopulationLayer}, a recurrent population that delivers spikes through a ring buffer
 * and can split its neurons over threads (the Brette et al. 2007 CUBA and COBA networks run on it).
 */
package org.snn4j.synapse;
