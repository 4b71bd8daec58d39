package org.snn4j.monitor;

import org.snn4j.internal.Checks;
import java.util.Arrays;
import java.util.Objects;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.layer.Layer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;
import org.snn4j.neuron.NeuronModel;

/**
 * Records one state variable of chosen neurons of one layer after every step: sample {@code s} of
 * neuron {@code j} (the {@code j}-th of the chosen neurons) is {@link #value(int, int)}. For closed-form
 * (lazy) models the trace first brings the layer up to the current step with {@link NeuronModel#advanceTo},
 * so the values are those the clock path would show; this costs O(layer size) per step and, because the
 * decay is then applied in several pieces, may change the last float bits of later results. Obtain one
 * with {@code Simulation.recordState(layerName, variable, neurons...)}.
 *
 * <p>Not thread-safe; belongs to one simulation.
 */
public final class StateTrace implements Monitor {
    private final StateVar variable;
    private final int[] neurons;
    private float[] values;
    private int[] steps;
    private int samples;

    /**
     * @param variable the variable to record (declared by the layer's model)
     * @param neurons  the flat indices of the neurons to record (copied)
     */
    public StateTrace(StateVar variable, int... neurons) {
        this.variable = Objects.requireNonNull(variable, "variable");
        this.neurons = Objects.requireNonNull(neurons, "neurons").clone();
        this.values = new float[Math.max(1, Checks.arraySize("StateTrace buffer 256 x neurons", 256, this.neurons.length))];
        this.steps = new int[256];
    }

    /** The recorded variable. */
    public StateVar variable() {
        return variable;
    }

    /** A copy of the recorded neurons' indices. */
    public int[] neurons() {
        return neurons.clone();
    }

    @Override
    public void onStep(Layer layer, LayerState state, Spikes out, StepContext ctx) {
        NeuronState s = state.neurons();
        NeuronModel model = state.steppedModel(layer.neuronModel());
        if (s == null || model == null) {
            throw new IllegalStateException("layer " + layer.name() + " has no neurons to trace");
        }
        if (model.closedForm()) {
            model.advanceTo(s, ctx.dtMs(), ctx.step());
        }
        float[] x = s.get(variable);
        int m = neurons.length;
        if ((samples + 1) * m > values.length) {
            values = Arrays.copyOf(values, 2 * values.length);
        }
        if (samples == steps.length) {
            steps = Arrays.copyOf(steps, 2 * steps.length);
        }
        int base = samples * m;
        for (int j = 0; j < m; j++) {
            values[base + j] = x[neurons[j]];
        }
        steps[samples] = ctx.step();
        samples++;
    }

    /** Number of samples (steps) recorded. */
    public int samples() {
        return samples;
    }

    /** Sample {@code sample} of the {@code j}-th recorded neuron. */
    public float value(int sample, int j) {
        Objects.checkIndex(sample, samples);
        Objects.checkIndex(j, neurons.length);
        return values[sample * neurons.length + j];
    }

    /** The step at which sample {@code sample} was taken. */
    public int step(int sample) {
        return steps[Objects.checkIndex(sample, samples)];
    }

    /** The whole trace of the {@code j}-th recorded neuron (allocates). */
    public float[] trace(int j) {
        Objects.checkIndex(j, neurons.length);
        float[] r = new float[samples];
        for (int s = 0; s < samples; s++) {
            r[s] = values[s * neurons.length + j];
        }
        return r;
    }

    /** Forgets every sample. */
    public void clear() {
        samples = 0;
    }
}
