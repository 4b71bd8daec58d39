package org.snn4j.gradient;

import java.util.List;
import java.util.Objects;
import org.snn4j.Shape;

/**
 * Relabels a {@code C x H x W} step as a flat vector of {@code C H W} values (CHW order); values, spikes and their
 * event index are copied unchanged. No parameters.
 */
public final class Flatten implements Layer {
    private final String name;
    private final Shape in;

    /**
     * A flatten layer.
     *
     * @param name layer name
     * @param in   input shape
     */
    public Flatten(String name, Shape in) {
        this.name = Objects.requireNonNull(name, "name");
        this.in = Objects.requireNonNull(in, "in");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape inputShape() {
        return in;
    }

    @Override
    public Shape outputShape() {
        return Shape.flat(in.size());
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
    public void forward(Tensor x, Tensor out, Object scratch, Pass pass) {
        out.copyFrom(x);
    }

    @Override
    public void backward(Tensor x, Tensor out, Tensor gradOut, Tensor gradIn, Object scratch) {
        if (gradIn != null) {
            gradIn.copyFrom(gradOut);
        }
    }
}
