/**
 * Supervised training of spiking networks with surrogate gradients and backpropagation through time (BPTT).
 *
 * <p>Data layout: one sample's activity is a {@link org.snn4j.gradient.Tensor}, a flat {@code float[]} of
 * {@code steps x size} values, time-major ({@code data[t * size + i]}), the per-step features in CHW order
 * of a core {@link org.snn4j.Shape}. Spikes are 0/1 indicators; a tensor that holds only 0/1 values may carry
 * a per-step index of its nonzero entries, which layers fed by it use to touch only the inputs that spiked.
 *
 * <p>A {@link org.snn4j.gradient.SpikingNetwork} is a sequence of {@link org.snn4j.gradient.Layer}s (weights:
 * {@link org.snn4j.gradient.Dense}, {@link org.snn4j.gradient.RecurrentSpiking}, {@link org.snn4j.gradient.Conv2d};
 * neurons: {@link org.snn4j.gradient.SpikingLayer} with a {@link org.snn4j.gradient.SurrogateNeuron} such as
 * {@link org.snn4j.gradient.Srm} or {@link org.snn4j.gradient.CubaLif}). A {@link org.snn4j.gradient.Trainer}
 * trains it with a {@link org.snn4j.gradient.Loss} and an {@link org.snn4j.gradient.Optimiser} on mini-batches,
 * several samples in parallel, with results that do not depend on the number of threads.
 *
 * <p>Units: time in ms, the time step {@code dtMs}; potentials in the units of the threshold (SLAYER: mV-like).
 */
package org.snn4j.gradient;
