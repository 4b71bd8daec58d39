package org.snn4j.layer;

import java.util.Objects;
import org.snn4j.CurrentSource;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.internal.Checks;
import org.snn4j.neuron.NeuronModel;

/**
 * A population driven by an external current ({@link CurrentSource}) and, optionally, one-to-one by the
 * previous population: input neuron {@code i} adds {@code inputWeightMv} to neuron {@code i}. Used for
 * f-I curves and single-neuron protocols run through the engine. Every neuron is stepped every step
 * (clock-driven), since the current changes the state of all of them.
 *
 * <p>Immutable; may be shared by simulations on several threads.
 */
public final class CurrentLayer implements Layer {
    private final String name;
    private final Shape shape;
    private final NeuronModel model;
    private final CurrentSource current;
    private final float inputWeightMv;

    /**
     * @param shape         input and output shape (one-to-one)
     * @param current       the current, of {@code shape.size()} neurons
     * @param inputWeightMv weight of the one-to-one input synapses, mV (0: input spikes are ignored)
     */
    public CurrentLayer(String name, Shape shape, NeuronModel model, CurrentSource current, float inputWeightMv) {
        this.name = Objects.requireNonNull(name, "name");
        this.shape = Objects.requireNonNull(shape, "shape");
        this.model = Objects.requireNonNull(model, "model");
        this.current = Objects.requireNonNull(current, "current");
        this.inputWeightMv = Checks.finite("inputWeightMv", inputWeightMv);
        if (current.size() != shape.size()) {
            throw new IllegalArgumentException("current must drive " + shape.size() + " neurons for layer " + name
                    + ", got " + current.size());
        }
    }

    /** A current-driven population that ignores input spikes. */
    public CurrentLayer(String name, Shape shape, NeuronModel model, CurrentSource current) {
        this(name, shape, model, current, 0f);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape inputShape() {
        return shape;
    }

    @Override
    public Shape outputShape() {
        return shape;
    }

    @Override
    public NeuronModel neuronModel() {
        return model;
    }

    /** The state: neurons, an input buffer and a current buffer. */
    static final class State extends LayerState {
        final float[] input;
        final float[] current;

        State(Shape shape, NeuronState neurons) {
            super(shape, shape, neurons);
            input = new float[shape.size()];
            current = new float[shape.size()];
        }
    }

    @Override
    public LayerState newState() {
        return new State(shape, new NeuronState(shape.size(), model.stateVariables()));
    }

    /**
     * Adds the one-to-one input, fills this step's current and steps every neuron.
     *
     * @param spikes input spikes; not modified
     * @param state  modified
     * @param out    modified: neurons that fire are added
     */
    @Override
    public void step(Spikes spikes, LayerState state, StepContext ctx, Spikes out) {
        final State s = (State) state;
        final int[] idx = spikes.indices();
        final int n = spikes.count();
        final int[] inStep = s.inputSpikeStep();
        final int t = ctx.step();
        final float w = inputWeightMv;
        for (int k = 0; k < n; k++) {
            inStep[idx[k]] = t;
            s.input[idx[k]] += w;
        }
        current.current(t, s.current);
        int before = out.count();
        NeuronModel m = s.steppedModel(model);
        m.step(s.neurons(), s.input, s.current, ctx.dtMs(), t, out);
        if (t == ctx.steps() - 1) {
            m.lastStep(s.neurons(), t, out);
        }
        for (int k = 0; k < n; k++) {
            s.input[idx[k]] = 0f;
        }
        s.count(out.count() - before, w != 0f ? n : 0);
    }

    @Override
    public String toString() {
        return "CurrentLayer[" + name + ", " + shape + ", " + model + ", " + current + "]";
    }
}
