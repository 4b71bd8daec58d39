package org.snn4j.layer;

import java.util.List;
import org.snn4j.StateVar;

/**
 * How the output neurons of a {@link Conv2dLayer} or {@link DenseLayer} turn potentials into spikes.
 */
public enum FiringMode {
    /**
     * A {@link org.snn4j.neuron.NeuronModel} advances the neurons (any model; event-driven for closed-form
     * models, clock-driven otherwise).
     */
    MODEL,
    /**
     * Built-in perfect integrate-and-fire with no leak and no reset that fires at most once per
     * presentation, at the first step where {@code v > threshold + thresholdOffset[i]} (strict, as
     * SpykeTorch's {@code sf.fire}). The potential keeps integrating after the spike. This is SpykeTorch's
     * semantics for latency-coded (cumulative) spike waves, with a fused scatter + threshold loop that
     * checks only the positions that received input.
     */
    FIRE_ONCE,
    /**
     * No threshold and no spikes during the presentation; the potentials (perfect integration of the
     * input) are made readable by {@link Layer#finish} (the last layer of Mozafari et al. 2019, whose
     * winner is the neuron with the highest final potential).
     */
    DECIDE_AT_LAST_STEP,
    /**
     * Like {@link #DECIDE_AT_LAST_STEP} (perfect integration, no spikes during the presentation), but at the
     * last step of the presentation every neuron whose potential is above the threshold
     * ({@code v > threshold + thresholdOffset[i]}, strict; threshold 0 for SpykeTorch's {@code sf.fire(pot)}
     * with no threshold) fires once, with its final potential written, so a
     * {@link org.snn4j.competition.Competition} such as {@code KWinnersTakeAll(1, 0)} can pick the winner
     * and a winner-based learning rule can pair it with the inputs (the decision layer of Mozafari et al.
     * 2019, doi:10.1016/j.patcog.2019.05.015, whose winner is the neuron with the highest final potential).
     */
    FIRE_AT_LAST_STEP;

    /** The membrane potential (mV) of the built-in modes {@link #FIRE_ONCE} and {@link #DECIDE_AT_LAST_STEP}. */
    public static final StateVar POTENTIAL = new StateVar("v", "mV");

    static List<StateVar> builtInVariables() {
        return List.of(POTENTIAL);
    }
}
