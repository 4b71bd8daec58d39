package org.snn4j.neuron;

import java.util.List;
import java.util.Objects;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;

/**
 * A neuron model driven, in addition to its synaptic input, by a constant external current per neuron: the
 * bias {@code b} of a dense or convolutional layer (a NIR {@code Affine} / {@code Conv2d} bias, or a converted
 * ANN's bias), added to the input current of the neuron that follows. Each step
 * it calls the wrapped model's {@link NeuronModel#step} with {@link #current()} as the external current, in
 * the wrapped model's current unit (for {@link org.snn4j.neuron.Lif}, {@code resistance * current} is in mV;
 * for {@link org.snn4j.neuron.PerfectIf}, mV/ms). Since the current drives every neuron, the model is stepped
 * clock-driven ({@link #closedForm()} is false): the cost is one update per neuron per step.
 *
 * <p>The current array is copied at construction and never modified; immutable and thread-safe (the wrapped
 * model must be too).
 */
public final class BiasCurrent implements Persistent, NeuronModel {
    private final NeuronModel model;
    private final float[] current;

    /**
     * @param model   the neuron model to drive
     * @param current the constant current of each neuron of the layer (its size is checked against the layer's
     *                population when stepped), in {@code model}'s current unit; copied, finite
     */
    public BiasCurrent(NeuronModel model, float[] current) {
        this.model = Objects.requireNonNull(model, "model");
        this.current = Objects.requireNonNull(current, "current").clone();
        if (model instanceof BiasCurrent) {
            throw new IllegalArgumentException("model is already a BiasCurrent; add the currents instead");
        }
        for (int i = 0; i < this.current.length; i++) {
            if (!Float.isFinite(this.current[i])) {
                throw new IllegalArgumentException("current[" + i + "] must be finite, got " + this.current[i]);
            }
        }
    }

    /** The wrapped model. */
    public NeuronModel model() {
        return model;
    }

    /** The constant current of each neuron (a copy). */
    public float[] current() {
        return current.clone();
    }

    @Override
    public List<StateVar> stateVariables() {
        return model.stateVariables();
    }

    @Override
    public void initialise(NeuronState s) {
        model.initialise(s);
    }

    /**
     * Steps the wrapped model with the constant current.
     *
     * @param external must be null (the layers that feed a model through {@code SynapticInput} pass none)
     * @throws IllegalArgumentException if the population size differs from the current's, or an external
     *                                  current is passed as well
     */
    @Override
    public void step(NeuronState s, float[] input, float[] external, float dtMs, int t, Spikes out) {
        if (s.size() != current.length || external != null) {
            throw new IllegalArgumentException(s.size() != current.length
                    ? "BiasCurrent has " + current.length + " currents for a population of " + s.size()
                    : "BiasCurrent cannot add a second external current");
        }
        model.step(s, input, current, dtMs, t, out);
    }

    /** This wrapper around the wrapped model bound to step {@code dtMs}. */
    @Override
    public NeuronModel bind(float dtMs) {
        return new BiasCurrent(model.bind(dtMs), current);
    }

    /** False: the constant current changes every neuron at every step. */
    @Override
    public boolean closedForm() {
        return false;
    }

    /** The wrapped model's answer (the currents are an immutable copy). */
    @Override
    public boolean replayable() {
        return model.replayable();
    }

    @Override
    public boolean acceptsInhibition() {
        return model.acceptsInhibition();
    }

    @Override
    public String toString() {
        return "BiasCurrent[" + model + ", " + current.length + " currents]";
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return NeuronCodecs.BIAS_CURRENT;
    }
}
