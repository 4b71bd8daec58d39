/**
 * Layers: synapses from an input population to an output population plus the output neurons
 * ({@link org.snn4j.layer.DenseLayer}, {@link org.snn4j.layer.Conv2dLayer}, {@link org.snn4j.layer.SparseLayer},
 * {@link org.snn4j.layer.CurrentLayer}) and neuron-less stages ({@link org.snn4j.layer.PoolingLayer},
 * {@link org.snn4j.layer.PaddingLayer}). A layer owns its topology, weights and parameters; all mutable state
 * of one simulation is in the {@link org.snn4j.layer.LayerState} it creates. Learning rules
 * ({@link org.snn4j.layer.LearningRule}) own only the weight math and apply it through
 * {@link org.snn4j.layer.PlasticLayer#updateReceptiveField}, so rules and layers combine freely; the engine tells
 * them when a presentation starts and ends. This package depends on {@code org.snn4j} and
 * {@code org.snn4j.neuron} only (competitions depend on it, not the reverse). Units: ms, mV.
 */
package org.snn4j.layer;
