package org.snn4j.neuron;

import org.snn4j.NeuronState;
import org.snn4j.Spikes;

/**
 * A closed-form model that takes its synaptic arrivals one at a time, as a layer scatters a spike along its
 * row, instead of from a summed per-step input ({@link NeuronModel#stepTouched}): no input array, no list of
 * touched neurons, no second pass over them. Layers with delta synapses ({@code SparseLayer}, and
 * {@code PopulationLayer} with undelayed input projections) take this path when the model is
 * {@linkplain #closedForm() closed-form}, no external current drives it and every weight is {@code >= 0}.
 *
 * <p>Each arrival of weight {@code w} at neuron {@code i} in step {@code t}: nothing if the neuron is
 * refractory (which includes having fired in step {@code t}); otherwise its state is advanced with no input
 * from {@link NeuronState#lastUpdateStep()} to {@code t} (no change for a further arrival in the same step),
 * {@code w} is added, {@code lastUpdateStep} becomes {@code t}, and the neuron fires (is reset,
 * {@code lastSpikeStep = t}, added to {@code out}) if it reached its threshold. With weights {@code >= 0} the
 * potential only rises within a step (float addition is monotone), so testing after each arrival fires the same
 * neurons as testing once after the step's last one: the result is that of adding the step's arrivals one by
 * one, in the order the layer delivers them, and then taking the threshold test once. The summed input of
 * {@code stepTouched} adds the same weights in the same order into a separate sum before adding it to the
 * potential, so the two paths differ only in float rounding (Brian2's {@code on_pre: v += w} adds one by one,
 * as here).
 */
public interface ArrivalDriven extends NeuronModel {

    /**
     * Delivers the arrivals {@code k = from .. to-1}: weight {@code w[k]} (mV) at neuron {@code targets[k]}, in
     * that order, in step {@code t} (see the class javadoc). Indices are not checked.
     *
     * @param s       modified at the targets: the state variables, {@code lastUpdateStep}, {@code lastSpikeStep}
     * @param targets target neuron of each arrival; not modified
     * @param w       weight of each arrival, mV, {@code >= 0}; not modified
     * @param out     modified: the neurons that fire, in the order they reach their threshold
     */
    void arrive(NeuronState s, int[] targets, float[] w, int from, int to, float dtMs, int t, Spikes out);

    /**
     * Whether every weight is {@code >= 0} (false for NaN), the condition on a layer's weights for this path.
     *
     * @param w not modified
     */
    static boolean nonNegative(float[] w) {
        for (float x : w) {
            if (!(x >= 0f)) {
                return false;
            }
        }
        return true;
    }
}
