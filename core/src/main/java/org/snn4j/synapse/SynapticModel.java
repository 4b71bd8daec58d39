package org.snn4j.synapse;

import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.neuron.NeuronModel;

/**
 * A neuron model with an excitatory and an inhibitory synaptic variable that decay between spikes (rather
 * than delta jumps of the membrane). It is a {@link NeuronModel}, so it can sit in any layer: there the
 * step's summed input {@code input[i]} goes to the excitatory synapse if positive and to the inhibitory one
 * (with its magnitude for conductances, as is for currents) if negative. {@link PopulationLayer} keeps the
 * two receptors apart and calls {@link #stepRange} on a range of neurons per thread.
 *
 * <h2>Order within a step (Brian2's schedule)</h2>
 * Step {@code t} advances the state from {@code t dt} to {@code (t+1) dt}: first the arrivals of the step are
 * added to the synaptic variables, then the membrane and the synapses are integrated over {@code dt}, then
 * the threshold is tested and the neuron reset. A spike emitted at step {@code t} and delivered with the
 * minimum recurrent delay of one step is added at the start of step {@code t + 1}, which is what Brian2 does
 * with {@code on_pre} and no delay (the synaptic variable jumps after the update of the spike's step).
 *
 * <h2>Refractoriness (Brian2's rule)</h2>
 * With {@code r = round(refractoryMs / dt)} steps, a neuron that fired at step {@code ts} keeps its membrane
 * at the reset value during steps {@code ts+1 .. ts+r-1} and integrates again from step {@code ts+r}; its
 * synapses keep decaying and receiving input meanwhile.
 */
public interface SynapticModel extends NeuronModel {

    /**
     * Clock-driven step of neurons {@code [from, to)}: adds the arrivals, integrates one step, fires.
     *
     * @param s    modified at {@code [from, to)}: the state variables, {@code lastSpikeStep},
     *             {@code lastUpdateStep}
     * @param exc  excitatory arrivals of this step (mV for currents, leak-conductance units for conductances);
     *             read and then zeroed at {@code [from, to)}
     * @param inh  inhibitory arrivals, as {@code exc}; read and then zeroed at {@code [from, to)}
     * @param dtMs step length, ms
     * @param t    the step index, from 0
     * @param out  modified: the neurons of the range that fire are added, in increasing order
     */
    void stepRange(NeuronState s, float[] exc, float[] inh, int from, int to, float dtMs, int t, Spikes out);

    /** The number of whole steps {@code r} of the refractory rule, {@code round(refractoryMs / dtMs)}. */
    static int refractorySteps(float refractoryMs, float dtMs) {
        // Brian2's timestep(): the nearest step, with a small slack against float rounding
        return (int) Math.floor((double) refractoryMs / dtMs + 0.5);
    }
}
