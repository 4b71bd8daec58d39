package org.snn4j.neuron;

import java.util.Arrays;
import java.util.List;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;

/**
 * A perfect integrator with no threshold: {@code V <- V + I dt + input}, never fires. The decision layer of a
 * latency-coded network whose answer is the neuron with the highest final potential (read the potentials after
 * {@code Layer.finish}, for example through {@code LayerState.potential(i)}). {@code Conv2dLayer} and
 * {@code DenseLayer} run it in their own fused loops (no model call per step); every other layer runs it as a
 * model.
 *
 * <p>State: {@link #V} (mV). No parameters; thread-safe. All instances are equal.
 */
public final class Integrator implements Persistent, NeuronModel {
    /** Membrane potential, mV. */
    public static final StateVar V = new StateVar("v", "mV");

    /** A perfect integrator. */
    public Integrator() {
    }

    @Override
    public List<StateVar> stateVariables() {
        return List.of(V);
    }

    /** Sets {@code V = 0} and {@code lastUpdateStep = -1}. */
    @Override
    public void initialise(NeuronState s) {
        Arrays.fill(s.get(V), 0f);
        Arrays.fill(s.lastUpdateStep(), -1);
    }

    /** True: the spikes depend on the input and the parameters only. */
    @Override
    public boolean replayable() {
        return true;
    }

    @Override
    public boolean closedForm() {
        return true;
    }

    /**
     * Adds the input (and the current times {@code dt}) to every neuron; no spikes.
     *
     * @param s       modified: {@code V}, {@code lastUpdateStep}
     * @param input   synaptic jumps, mV; not modified
     * @param current external current, mV/ms, or null; not modified
     * @param out     not modified
     */
    @Override
    public void step(NeuronState s, float[] input, float[] current, float dtMs, int t, Spikes out) {
        integrate(s.get(V), s.lastUpdateStep(), s.size(), input, current, dtMs, t);
    }

    /** Adds the input of the touched neurons; identical to {@link #step} with no current. */
    @Override
    public void stepTouched(NeuronState s, float[] input, int[] touched, int count, float dtMs, int t,
                            Spikes out) {
        integrateTouched(s.get(V), s.lastUpdateStep(), input, touched, count, t);
    }

    /** Perfect integration of every neuron (the one home of the loop of this model and {@link LastStepIf}). */
    static void integrate(float[] v, int[] lastUpdate, int n, float[] input, float[] current, float dtMs, int t) {
        for (int i = 0; i < n; i++) {
            float vi = v[i];
            if (current != null) {
                vi += current[i] * dtMs;
            }
            v[i] = vi + input[i];
            lastUpdate[i] = t;
        }
    }

    /** Perfect integration of the touched neurons, no current. */
    static void integrateTouched(float[] v, int[] lastUpdate, float[] input, int[] touched, int count, int t) {
        for (int k = 0; k < count; k++) {
            int i = touched[k];
            v[i] += input[i];
            lastUpdate[i] = t;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Integrator;
    }

    @Override
    public int hashCode() {
        return Integrator.class.hashCode();
    }

    @Override
    public String toString() {
        return "Integrator";
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return NeuronCodecs.INTEGRATOR;
    }
}
