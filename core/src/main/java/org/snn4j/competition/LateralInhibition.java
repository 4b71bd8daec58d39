package org.snn4j.competition;

import java.util.List;
import org.snn4j.Winner;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;
import org.snn4j.neuron.NeuronModel;

/**
 * All-to-all lateral inhibition with a one-step delay: every spike of a layer's neuron {@code k} at step
 * {@code t} sends one inhibitory spike to every other neuron of the layer, arriving at step {@code t + 1}. It
 * stands for a population of inhibitory neurons, one per neuron of the layer, each excited strongly enough by
 * its partner to fire at once and inhibiting all the others (Diehl &amp; Cook 2015,
 * doi:10.3389/fncom.2015.00099), without simulating that population.
 *
 * <p>The inhibitory spikes are counted into the neurons' general inhibitory input
 * ({@link NeuronState#inhibition()}), which a model that accepts inhibition ({@link NeuronModel#acceptsInhibition()},
 * such as {@link org.snn4j.neuron.ConductanceLif}) applies at its next step and then zeroes; the strength of one
 * inhibitory spike is the model's parameter. The network refuses at build to attach it to a layer whose model does
 * not accept inhibition ({@link #sendsInhibition()}). After a step with {@code m > 0} spikes every neuron's count
 * grows by {@code m}, minus 1 for a neuron that fired itself. No spike is removed and no winner is selected. Cost:
 * O(neurons) per step with spikes, nothing otherwise.
 *
 * <p>Immutable and thread-safe (the counts are in the {@link LayerState}).
 */
public final class LateralInhibition implements Persistent, Competition {

    /** Inhibition of every other neuron of the layer, one step later. */
    public LateralInhibition() {
    }

    /** True: this competition writes {@link NeuronState#inhibition()}. */
    @Override
    public boolean sendsInhibition() {
        return true;
    }

    /**
     * Adds this step's spike count to every other neuron's inhibitory input.
     *
     * @param state   modified: {@code neurons().inhibition()}
     * @param fired   not modified
     * @param winners not modified
     * @throws IllegalArgumentException if the layer has no neurons
     */
    @Override
    public void apply(LayerState state, Spikes fired, StepContext ctx, List<Winner> winners) {
        int m = fired.count();
        if (m == 0) {
            return;
        }
        NeuronState ns = state.neurons();
        if (ns == null) {
            throw new IllegalArgumentException("LateralInhibition needs a layer with neurons, got output "
                    + state.outputShape() + " without");
        }
        float[] inh = ns.inhibition();
        float add = m;
        int n = inh.length;
        for (int i = 0; i < n; i++) {
            inh[i] += add;
        }
        int[] idx = fired.indices();
        for (int k = 0; k < m; k++) {
            inh[idx[k]] -= 1f;
        }
    }

    @Override
    public String toString() {
        return "LateralInhibition";
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return CompetitionCodecs.LATERAL_INHIBITION;
    }
}
