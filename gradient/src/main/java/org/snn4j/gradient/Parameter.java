package org.snn4j.gradient;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A trainable array of a layer: its values, its gradient (written by the trainer for each mini-batch) and its shape
 * (for saving; the layer documents the layout). The arrays are shared with the layer, not copied. Not thread-safe.
 */
public final class Parameter {
    private final String name;
    private final int[] shape;
    private final float[] value;
    private final float[] grad;

    /**
     * Wraps a layer's array.
     *
     * @param name  unique within the network, e.g. {@code "fc1.weight"}
     * @param shape dimensions whose product is {@code value.length}
     * @param value the values; kept (not copied)
     */
    public Parameter(String name, int[] shape, float[] value) {
        this.name = Objects.requireNonNull(name, "name");
        this.shape = shape.clone();
        this.value = Objects.requireNonNull(value, "value");
        long n = 1;
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException(name + ": every dimension must be >= 1, got "
                        + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != value.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " holds " + n
                    + " values, the array has " + value.length);
        }
        this.grad = new float[value.length];
    }

    /**
     * The parameters of a layer with a weight array and an optional bias: {@code LAYER.weight} of shape
     * {@code weightShape}, then, if {@code bias} is not null, {@code LAYER.bias} of shape {@code {bias.length}}.
     */
    static List<Parameter> weightAndBias(String layer, int[] weightShape, float[] weight, float[] bias) {
        Parameter w = new Parameter(layer + ".weight", weightShape, weight);
        return bias == null ? List.of(w) : List.of(w, new Parameter(layer + ".bias", new int[] {bias.length}, bias));
    }

    /**
     * The bias gradient of a {@link #weightAndBias} list with entries {@code [o0, o1)} set to 0, or null if the
     * list has no bias.
     */
    static float[] clearedBiasGradient(List<Parameter> weightAndBias, int o0, int o1) {
        if (weightAndBias.size() < 2) {
            return null;
        }
        float[] g = weightAndBias.get(1).grad();
        Arrays.fill(g, o0, o1, 0f);
        return g;
    }

    /** The name. */
    public String name() {
        return name;
    }

    /** The dimensions (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** The values (the layer's own array); modified by the optimiser. */
    public float[] value() {
        return value;
    }

    /** The gradient of the last mini-batch's loss; modified by the trainer. */
    public float[] grad() {
        return grad;
    }

    /** Number of values. */
    public int size() {
        return value.length;
    }
}
