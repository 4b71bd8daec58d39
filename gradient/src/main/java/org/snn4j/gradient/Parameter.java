package org.snn4j.gradient;

import java.util.Arrays;
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
