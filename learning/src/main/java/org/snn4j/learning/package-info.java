/**
 * Synaptic learning rules for {@link org.snn4j.layer.PlasticLayer}s.
 *
 * <p>Every rule implements {@link org.snn4j.layer.LearningRule} and touches weights only through
 * {@link org.snn4j.layer.PlasticLayer#updateReceptiveField}: the layer walks its own topology (dense column,
 * convolution kernel at a position, padding) and the rule supplies the per-synapse math as a
 * {@link org.snn4j.layer.SynapseKernel}. No rule looks at the layer's type, so every rule works on every
 * plastic layer, including user-written ones.
 *
 * <ul>
 *   <li>{@link org.snn4j.learning.BinaryStdp}: the timing-sign STDP of Kheradpisheh 2018 / Mozafari 2019
 *       (as in SpykeTorch), per-feature-map rates, optional stabiliser, rate schedules.</li>
 *   <li>{@link org.snn4j.learning.RewardModulatedStdp}: reward applies STDP, punishment anti-STDP
 *       (Mozafari 2019), rates rescalable per batch.</li>
 *   <li>{@link org.snn4j.learning.WindowStdp}: fixed increase inside a learning window, fixed decrease
 *       elsewhere, with pre-synaptic reset.</li>
 *   <li>{@link org.snn4j.learning.ExponentialStdp}: pair-based trace STDP (all-to-all or nearest
 *       neighbour, additive or multiplicative bounds, optional triplet term), online every step.</li>
 *   <li>{@link org.snn4j.learning.EligibilityRStdp}: STDP into a decaying eligibility trace that a later
 *       reward writes into the weights (Izhikevich 2007).</li>
 *   <li>{@link org.snn4j.learning.WeightNormalisation} and {@link org.snn4j.learning.WeightCompaction}:
 *       utilities on trained weights (normalisation per post neuron; pruning and quantisation).</li>
 *   <li>{@link org.snn4j.learning.SpikeCountReadout}: the rate read-out of unsupervised networks (label each
 *       neuron by its mean response per class, classify by the assigned neurons).</li>
 * </ul>
 *
 * <p>Units: time in ms, weights in mV (the potential one pre-synaptic spike adds). Steps are integers
 * from 0 within a presentation. Rules keep per-simulation bookkeeping (traces, first-spike steps); a
 * rule instance serves one layer of one learning simulation at a time and is not thread-safe.
 */
package org.snn4j.learning;
