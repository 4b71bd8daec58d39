package org.snn4j.gradient;

import java.util.List;
import java.util.Objects;
import org.snn4j.Shape;

/**
 * A population of spiking neurons: its input is the synaptic current of each neuron at each step (from
 * {@link Dense} or {@link Conv2d}), its output their spikes (a binary tensor with its event index, so the next
 * synaptic layer runs event-driven) or, in {@link ForwardMode#SMOOTH}, the smooth step. No parameters.
 */
public final class SpikingLayer implements Layer {
    private final String name;
    private final Shape shape;
    private final SurrogateNeuron neuron;

    /**
     * Neurons of one model.
     *
     * @param name   layer name
     * @param shape  shape of the population (input and output)
     * @param neuron the neuron model
     */
    public SpikingLayer(String name, Shape shape, SurrogateNeuron neuron) {
        this.name = Objects.requireNonNull(name, "name");
        this.shape = Objects.requireNonNull(shape, "shape");
        this.neuron = Objects.requireNonNull(neuron, "neuron");
    }

    /** The neuron model. */
    public SurrogateNeuron neuron() {
        return neuron;
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
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Object newScratch(int steps) {
        return neuron.newTrace(steps, shape.size());
    }

    @Override
    public void forward(Tensor in, Tensor out, Object scratch, Pass pass) {
        NeuronTrace tr = (NeuronTrace) scratch;
        int n = shape.size();
        float[] x = in.data();
        float[] s = out.data();
        int steps = in.steps();
        for (int t = 0; t < steps; t++) {
            neuron.forwardStep(t, n, x, s, tr);
        }
        if (neuron.forwardMode() == ForwardMode.SPIKES) {
            out.indexBinary();
        } else {
            out.markDense();
        }
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, Object scratch) {
        if (gradIn == null) {
            return;
        }
        NeuronTrace tr = (NeuronTrace) scratch;
        int n = shape.size();
        float[] s = out.data();
        float[] g = gradOut.data();
        float[] gx = gradIn.data();
        for (int t = in.steps() - 1; t >= 0; t--) {
            neuron.backwardStep(t, n, s, g, gx, tr);
        }
        gradIn.markDense();
    }
}
