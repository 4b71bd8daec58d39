package org.snn4j.gradient;

import java.util.List;
import java.util.Objects;
import org.snn4j.Shape;

/**
 * Non-spiking rectifier {@code y = max(0, x)} at every step: with it in place of a {@link SpikingLayer}, the same
 * synaptic layers form a plain (ANN) network, e.g. for ANN-to-SNN conversion. No parameters.
 */
public final class Relu implements Layer {
    private final String name;
    private final Shape shape;

    /**
     * A rectifier.
     *
     * @param name  layer name
     * @param shape input and output shape
     */
    public Relu(String name, Shape shape) {
        this.name = Objects.requireNonNull(name, "name");
        this.shape = Objects.requireNonNull(shape, "shape");
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
        return null;
    }

    @Override
    public void forward(Tensor in, Tensor out, Object scratch, Pass pass) {
        float[] x = in.data();
        float[] y = out.data();
        for (int k = 0; k < x.length; k++) {
            y[k] = x[k] > 0f ? x[k] : 0f;
        }
        out.markDense();
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, Object scratch) {
        if (gradIn == null) {
            return;
        }
        float[] x = in.data();
        float[] g = gradOut.data();
        float[] gx = gradIn.data();
        for (int k = 0; k < x.length; k++) {
            gx[k] = x[k] > 0f ? g[k] : 0f;
        }
        gradIn.markDense();
    }
}
