package org.snn4j.neuron;

import java.util.List;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.StateVar;

/**
 * The dynamics of one kind of neuron, applied to a whole population stored as a {@link NeuronState}
 * (one {@code float[]} per state variable). A model holds only its parameters (immutable, shareable
 * between simulations and threads); all mutable state lives in the {@code NeuronState}.
 *
 * <h2>Inputs</h2>
 * <ul>
 *   <li>{@code input[i]}: synaptic input arriving at neuron {@code i} in this step, the sum of the weights
 *       of the synapses whose pre-synaptic neuron fired, in mV, added to the membrane potential at once
 *       (delta synapse). Not modified.</li>
 *   <li>{@code current[i]}: an external current held constant over the step, in the model's current unit
 *       (for LIF {@code R*I} in mV; for Izhikevich the paper's dimensionless {@code I}). May be
 *       {@code null}, meaning zero. Not modified.</li>
 * </ul>
 * Every model compares the membrane potential with its threshold plus
 * {@link NeuronState#thresholdOffset()}{@code [i]}, so homeostasis works with any model. Homeostasis itself (what
 * writes the offsets, and whether they persist across presentations) is a competition's
 * ({@link org.snn4j.competition.ThresholdAdaptation}, {@link org.snn4j.competition.Competition#keepsThresholdOffset()}),
 * never the model's.
 *
 * <h2>Two paths</h2>
 * {@link #step} is the clock-driven path: every neuron is advanced by one step. It is always correct.
 * Models whose state evolves in closed form between inputs (perfect and leaky integrate-and-fire)
 * return true from {@link #closedForm()} and implement {@link #stepTouched}: only the neurons that
 * received input are advanced, each from {@link NeuronState#lastUpdateStep()} to the current step in one
 * exact update, so idle neurons cost nothing. The engine uses this path when the layer receives no
 * external current.
 *
 * <p>Lifecycle: {@link #stateVariables()} once, {@link #initialise} once per presentation (after the
 * state was cleared), then {@code step} or {@code stepTouched} once per time step {@code t = 0, 1, ...}.
 */
public interface NeuronModel {

    /** The state variables this model needs, in a fixed order; the first is the membrane potential. */
    List<StateVar> stateVariables();

    /**
     * Sets the initial value of every state variable (for example {@code v = vRest}). The state has just
     * been cleared: arrays are zero, {@code lastSpikeStep} is -1, {@code lastUpdateStep} is 0.
     *
     * @param s modified
     */
    void initialise(NeuronState s);

    /**
     * Clock-driven step: advances every neuron from step {@code t} to {@code t + 1}, adds
     * {@code input}, and adds the neurons that fire to {@code out} (and sets their
     * {@code lastSpikeStep} to {@code t}).
     *
     * @param s       modified
     * @param input   synaptic input of this step in mV, length {@code s.size()}; not modified
     * @param current external current, length {@code s.size()}, or null for none; not modified
     * @param dtMs    the step length in ms
     * @param t       the step index, from 0
     * @param out     modified: neurons that fire are added
     */
    void step(NeuronState s, float[] input, float[] current, float dtMs, int t, Spikes out);

    /**
     * Whether this model can be advanced lazily, only when a neuron receives input
     * ({@link #stepTouched}). Default false.
     */
    default boolean closedForm() {
        return false;
    }

    /**
     * Event-driven step for closed-form models: for each neuron {@code i = touched[k]}, {@code k < count}
     * only, advances its state exactly from {@code lastUpdateStep[i]} to step {@code t} with no input,
     * adds {@code input[i]}, sets {@code lastUpdateStep[i] = t}, and fires if it reaches its threshold.
     * Untouched neurons are not read or written.
     *
     * @throws UnsupportedOperationException if {@link #closedForm()} is false
     */
    default void stepTouched(NeuronState s, float[] input, int[] touched, int count, float dtMs, int t,
                             Spikes out) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is not closed-form");
    }

    /**
     * This model with the time step {@code dtMs} bound: the network calls it once per layer when it is built
     * ({@code Network.Builder.build()}), and the layer's state steps the bound model, which computed its decay
     * tables, integration coefficients and refractory step counts here instead of deriving them from {@code dtMs}
     * at every call. The engine then calls the bound model with this {@code dtMs} only (a bound model may ignore
     * the argument). A model refuses here, once, a step it cannot work with (the network adds the layer's name).
     * Wrappers bind what they wrap. The bound model has the same state variables and answers
     * {@link #closedForm()}, {@link #acceptsInhibition()} and {@link #replayable()} as this one, and steps
     * bit-identically to this model called with {@code dtMs} ({@code NeuronModelContract} checks it). Default:
     * this model (nothing to precompute).
     *
     * @param dtMs the network's step length, ms, &gt; 0
     * @throws IllegalArgumentException naming the parameter and its value if a parameter does not fit the step (for
     *                                  example a refractory period of more than {@code Integer.MAX_VALUE} steps)
     */
    default NeuronModel bind(float dtMs) {
        return this;
    }

    /**
     * Whether the spikes of a layer with this model are determined by the layer's input spikes, its weights and
     * this model's parameters alone: the same input gives the same spikes in every presentation. Then the engine
     * may replay a frozen layer's recorded output for a repeated source instead of running it again (the
     * frozen-layer cache of {@code Simulation}). A model that reads an input of its own which may change between
     * presentations (a current set per image, as {@link BiasedIf} takes from a {@link org.snn4j.CurrentSource}
     * that is not {@linkplain org.snn4j.CurrentSource#replayable() replayable}), draws random numbers, or carries
     * state from one presentation to the next must return false. Default false, so that a model that does not
     * say is never replayed; every deterministic model of the library returns true.
     */
    default boolean replayable() {
        return false;
    }

    /**
     * The spikes of the last step of a presentation: the layers of {@code org.snn4j.layer} call it at step
     * {@code ctx.steps() - 1}, after that
     * step's {@link #step} or {@link #stepTouched} and before competition. Models that fire only then
     * ({@link LastStepIf}) add their spikes here (and set {@code lastSpikeStep}); the default does nothing.
     *
     * @param s   modified
     * @param t   the last step
     * @param out modified: neurons that fire are added
     */
    default void lastStep(NeuronState s, int t, Spikes out) {
    }

    /**
     * Brings every neuron's state up to step {@code t} (for closed-form models, which advance lazily),
     * so that a monitor or a read-out sees current values. Clock-driven models do nothing.
     *
     * @param s modified
     */
    default void advanceTo(NeuronState s, float dtMs, int t) {
    }

    /**
     * The state after a presentation of {@code stepsRun} steps followed by {@code restSteps} steps without input,
     * re-based so that the next presentation starts at step 0 (spike and update steps of the last presentation
     * no longer count). The engine calls it instead of clearing and {@link #initialise initialising} the state
     * when the caller lets the network rest between presentations ({@code Simulation.rest}). The default is the
     * limit of a long rest: clear and initialise. Models whose state relaxes in closed form override it.
     * {@link NeuronState#thresholdOffset()} is the engine's to keep or clear.
     *
     * @param s         modified
     * @param dtMs      the step length, ms
     * @param stepsRun  steps run in the last presentation, &gt;= 0
     * @param restSteps steps of rest, &gt;= 0
     */
    default void rest(NeuronState s, float dtMs, int stepsRun, int restSteps) {
        s.clear();
        initialise(s);
    }

    /**
     * Whether this model applies {@link NeuronState#inhibition()}: the inhibitory spikes a competition such as
     * {@link org.snn4j.competition.LateralInhibition} counts for each neuron's next step, which the model applies in
     * that step (what one inhibitory spike does is its parameter) and then zeroes. The network refuses, at build,
     * a competition that sends inhibition to a layer whose model returns false (the default).
     */
    default boolean acceptsInhibition() {
        return false;
    }
}
