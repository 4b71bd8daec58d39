package org.snn4j.competition;

import org.snn4j.NeuronState;
import org.snn4j.layer.LayerState;

/** Shared helper: the membrane potential array (the model's first state variable) of a layer state. */
final class Potentials {
    private Potentials() {
    }

    /** Checks that the layer has neurons with a potential, without reading it. */
    static void check(LayerState state, String who) {
        NeuronState ns = state.neurons();
        if (ns == null || ns.variables().isEmpty()) {
            throw new IllegalArgumentException(who + " needs a layer with neurons, got a state with "
                    + (ns == null ? "no neurons" : "no state variables") + " (output " + state.outputShape() + ")");
        }
    }

    static float[] of(LayerState state, String who) {
        NeuronState ns = state.neurons();
        if (ns == null || ns.variables().isEmpty()) {
            throw new IllegalArgumentException(who + " needs a layer with neurons, got a state with "
                    + (ns == null ? "no neurons" : "no state variables") + " (output " + state.outputShape() + ")");
        }
        return ns.get(ns.variables().get(0));
    }
}
