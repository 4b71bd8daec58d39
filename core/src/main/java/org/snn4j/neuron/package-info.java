/**
 * Neuron models: {@link org.snn4j.neuron.Lif leaky integrate-and-fire} (exact exponential integration),
 * {@link org.snn4j.neuron.PerfectIf perfect integrate-and-fire} (optionally fire-once, strict threshold, as in
 * latency-coded conv nets), {@link org.snn4j.neuron.Izhikevich Izhikevich 2003} (Euler or two half-steps,
 * seven presets), {@link org.snn4j.neuron.ConductanceLif conductance-based LIF} (delta conductances with reversal
 * potentials, Diehl &amp; Cook 2015). Every model adds the per-neuron threshold offset of homeostasis, which a
 * competition writes ({@link org.snn4j.competition.ThresholdAdaptation}).
 *
 * <p>A model holds only immutable parameters (a record checked in its compact constructor); the state of a
 * population is a {@link org.snn4j.NeuronState}. Closed-form models ({@code closedForm() == true}) are advanced
 * lazily, only when a neuron receives input; the others are stepped every step. Units: ms, mV; currents as each
 * model's javadoc says. To write a model, implement {@link org.snn4j.neuron.NeuronModel} in one class and test
 * it by extending {@code org.snn4j.testkit.NeuronModelContract} (core test-jar).
 */
package org.snn4j.neuron;
