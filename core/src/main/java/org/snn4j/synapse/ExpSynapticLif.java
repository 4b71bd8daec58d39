package org.snn4j.synapse;

import java.util.Arrays;
import java.util.List;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.StateVar;

/**
 * The step skeleton shared by the leaky integrate-and-fire models with an excitatory and an inhibitory
 * exponential synaptic variable ({@link ExpCurrentLif}, {@link ExpConductanceLif}): the state layout
 * {@code V, x_exc, x_inh, refractory counter, integrating flag}, the sign split of a clock step's summed input,
 * and the order within a step of {@link SynapticModel}: count down the refractory periods, integrate (the
 * subclass), then the threshold pass of {@link Refractory}. Stateless here; subclasses hold immutable
 * parameters.
 */
abstract class ExpSynapticLif implements SynapticModel {
    private final StateVar v;
    private final StateVar exc;
    private final StateVar inh;
    private final float inhSign;

    /**
     * @param v       the membrane potential variable (first: the threshold pass reads it)
     * @param exc     the excitatory synaptic variable
     * @param inh     the inhibitory synaptic variable
     * @param inhSign 1 if a negative clock-step input is added to {@code inh} as it is, -1 if as its magnitude
     */
    ExpSynapticLif(StateVar v, StateVar exc, StateVar inh, float inhSign) {
        this.v = v;
        this.exc = exc;
        this.inh = inh;
        this.inhSign = inhSign;
    }

    /**
     * The state variable to which arrivals at {@code receptor} are added as they are (what
     * {@link #stepRange} does with its {@code exc} or {@code inh} argument), so that a layer can scatter a
     * step's arrivals straight into the state.
     */
    final StateVar receiving(Receptor receptor) {
        return receptor == Receptor.EXCITATORY ? exc : inh;
    }

    /** Resting potential, mV. */
    abstract float vRest();

    /** Threshold, mV. */
    abstract float vThreshold();

    /** Reset potential, mV. */
    abstract float vReset();

    /**
     * The integration of {@code [from, to)} over one step (refractory flags already set): adds and zeroes the
     * arrivals {@code excIn}, {@code inhIn} if not null (both null: the arrivals are already in the state),
     * advances {@code V} where {@code live} is 1 and decays the synaptic variables.
     *
     * @param current external current as {@code R I} in mV, or null
     * @return the refractory steps {@code r} for step length {@code dtMs}
     */
    abstract int integrate(float[] vs, float[] xe, float[] xi, float[] live, float[] excIn, float[] inhIn,
                           float[] current, int from, int to, float dtMs);

    @Override
    public List<StateVar> stateVariables() {
        return List.of(v, exc, inh, Refractory.COUNTER, Refractory.LIVE);
    }

    /** Sets {@code V = vRest}, both synaptic variables to zero and the neurons free to integrate. */
    @Override
    public void initialise(NeuronState s) {
        Arrays.fill(s.get(v), vRest());
        Arrays.fill(s.get(exc), 0f);
        Arrays.fill(s.get(inh), 0f);
        Refractory.initialise(s);
    }

    /**
     * Clock step of every neuron; the summed input goes to the excitatory variable if positive, to the
     * inhibitory one otherwise (see {@link SynapticModel}).
     *
     * @param input   synaptic input; not modified
     * @param current external current as {@code R I} in mV, or null; not modified
     */
    @Override
    public void step(NeuronState s, float[] input, float[] current, float dtMs, int t, Spikes out) {
        Arrivals.split(input, s.get(exc), s.get(inh), inhSign, s.size());
        update(s, null, null, current, 0, s.size(), dtMs, t, out, null);
    }

    /**
     * {@inheritDoc} Here {@code exc} and {@code inh} may both be null: the step's arrivals have already been
     * added to the synaptic variables ({@link #receiving}).
     */
    @Override
    public void stepRange(NeuronState s, float[] excIn, float[] inhIn, int from, int to, float dtMs, int t,
                          Spikes out) {
        update(s, excIn, inhIn, null, from, to, dtMs, t, out, null);
    }

    /**
     * {@link #stepRange} with a scratch array for the threshold pass ({@code capped}, at least {@code to} floats,
     * modified at {@code [from, to)}; see {@link Refractory#firstCrossing}): the same spikes and state.
     */
    final void stepRange(NeuronState s, float[] excIn, float[] inhIn, int from, int to, float dtMs, int t,
                         Spikes out, float[] capped) {
        update(s, excIn, inhIn, null, from, to, dtMs, t, out, capped);
    }

    private void update(NeuronState s, float[] excIn, float[] inhIn, float[] current, int from, int to, float dtMs,
                        int t, Spikes out, float[] capped) {
        final float[] counter = s.get(Refractory.COUNTER);
        final float[] live = s.get(Refractory.LIVE);
        Refractory.countDown(counter, live, from, to);
        int r = integrate(s.get(v), s.get(exc), s.get(inh), live, excIn, inhIn, current, from, to, dtMs);
        Refractory.fire(s, counter, live, vThreshold(), vReset(), r, from, to, t, out, capped);
    }
}
