package org.snn4j.nir;

import java.util.Arrays;
import java.util.Objects;

/**
 * One parameter of a NIR node: an n-dimensional array in row-major (C) order, as stored in the file, with
 * its element kind. Values are held as doubles (exact for float32, float64 and the int64 values NIR uses for
 * shapes, strides and paddings); a rank-0 array is a scalar. Immutable.
 *
 * @param shape   the dimensions ({@code int[0]} for a scalar); copied
 * @param values  the elements in row-major order, {@code product(shape)} of them; copied
 * @param integer whether the file stores integers (written as int64) rather than floats (written as float32)
 */
public record NirArray(int[] shape, double[] values, boolean integer) {

    /** Checks that the shape is non-negative and matches the number of values; copies both arrays. */
    public NirArray {
        shape = Objects.requireNonNull(shape, "shape").clone();
        values = Objects.requireNonNull(values, "values").clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape must be >= 0 in every dimension, got " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got "
                    + values.length);
        }
    }

    /** A float array of the given shape (stored as float32). */
    public static NirArray floats(int[] shape, double[] values) {
        return new NirArray(shape, values, false);
    }

    /** A one-dimensional float array. */
    public static NirArray floats(double... values) {
        return new NirArray(new int[] {values.length}, values, false);
    }

    /** A one-dimensional integer array (stored as int64). */
    public static NirArray ints(int... values) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i];
        }
        return new NirArray(new int[] {values.length}, v, true);
    }

    /** An integer scalar (rank 0, stored as int64). */
    public static NirArray intScalar(int value) {
        return new NirArray(new int[0], new double[] {value}, true);
    }

    /** The shape (a copy). */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The values (a copy). */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** Number of dimensions (0 for a scalar). */
    public int rank() {
        return shape.length;
    }

    /** Dimension {@code i}. */
    public int dim(int i) {
        return shape[Objects.checkIndex(i, shape.length)];
    }

    /** Number of elements. */
    public int size() {
        return values.length;
    }

    /** Element {@code i} in row-major order. */
    public double get(int i) {
        return values[Objects.checkIndex(i, values.length)];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NirArray && integer == ((NirArray) o).integer && Arrays.equals(shape, ((NirArray) o).shape)
                && Arrays.equals(values, ((NirArray) o).values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values) + (integer ? 1 : 0);
    }

    @Override
    public String toString() {
        return (integer ? "int" : "float") + Arrays.toString(shape)
                + (values.length <= 8 ? Arrays.toString(values) : "");
    }
}
