/**
 * Monitors attached to one layer of a simulation: {@link org.snn4j.monitor.SpikeRaster} (every spike as
 * (presentation, step, neuron)), {@link org.snn4j.monitor.SpikeCounts} (spikes per neuron of the current
 * presentation) and {@link org.snn4j.monitor.StateTrace} (one state variable of chosen neurons
 * after every step). They record only when attached. The always-on counters (spikes and synaptic events per
 * layer) are on {@link org.snn4j.layer.LayerState} and {@code Simulation.spikeCount/synapticEvents}.
 */
package org.snn4j.monitor;
