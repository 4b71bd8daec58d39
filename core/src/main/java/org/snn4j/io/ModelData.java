package org.snn4j.io;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The content of a model file: named parameters (strings, integers or floating-point numbers) and named
 * float arrays, each with an integer shape. Insertion order is kept, so writing the same content gives the
 * same bytes. Any network can be stored this way: for example one array per layer's weights
 * ({@code "conv1.weights"}, shape {@code [30, 6, 5, 5]}) and parameters such as {@code "conv1.threshold"}.
 *
 * <p>Arrays are stored by reference: {@link #putArray} does not copy, and {@link #array} returns the
 * stored array. Not thread-safe while being filled; safe to read from several threads afterwards.
 */
public final class ModelData {

    /** A parameter value: exactly one of a string, a 64-bit integer or a double. */
    public sealed interface Value permits Text, Int, Real {
    }

    /** A string parameter. @param value never null */
    public record Text(String value) implements Value {
        /** Checks the value is not null. */
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /** An integer parameter. @param value the value */
    public record Int(long value) implements Value {
    }

    /** A floating-point parameter. @param value the value */
    public record Real(double value) implements Value {
    }

    /**
     * A named float array with its shape.
     *
     * @param shape the dimensions, each >= 0, whose product is {@code data.length}
     * @param data  the values, row-major (last dimension fastest)
     */
    public record Tensor(int[] shape, float[] data) {
        /** Checks that the shape matches the data length. */
        public Tensor {
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(data, "data");
            long n = 1;
            for (int k = 0; k < shape.length; k++) {
                if (shape[k] < 0) {
                    throw new IllegalArgumentException("shape[" + k + "] must be >= 0, got " + shape[k]);
                }
                n *= shape[k];
            }
            if (n != data.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                        + " values, but data has " + data.length);
            }
        }
    }

    private final Map<String, Value> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> arrays = new LinkedHashMap<>();

    /** An empty model. */
    public ModelData() {
    }

    private static void checkName(String what, String name) {
        Objects.requireNonNull(name, what);
        if (name.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }

    /** Sets a string parameter (replacing any earlier value). @return this */
    public ModelData putText(String key, String value) {
        checkName("key", key);
        parameters.put(key, new Text(value));
        return this;
    }

    /** Sets an integer parameter (replacing any earlier value). @return this */
    public ModelData putInt(String key, long value) {
        checkName("key", key);
        parameters.put(key, new Int(value));
        return this;
    }

    /** Sets a floating-point parameter (replacing any earlier value). @return this */
    public ModelData putReal(String key, double value) {
        checkName("key", key);
        parameters.put(key, new Real(value));
        return this;
    }

    /**
     * Stores a float array (not copied) under {@code name}, replacing any earlier one.
     *
     * @param shape dimensions whose product is {@code data.length}; copied
     * @param data  the values; kept by reference
     * @return this
     */
    public ModelData putArray(String name, int[] shape, float[] data) {
        checkName("name", name);
        arrays.put(name, new Tensor(shape.clone(), data));
        return this;
    }

    /** The parameter names, in insertion order (unmodifiable view). */
    public Set<String> parameterNames() {
        return Collections.unmodifiableSet(parameters.keySet());
    }

    /** The array names, in insertion order (unmodifiable view). */
    public Set<String> arrayNames() {
        return Collections.unmodifiableSet(arrays.keySet());
    }

    /** The parameters, in insertion order (unmodifiable view). */
    public Map<String, Value> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** The arrays, in insertion order (unmodifiable view). */
    public Map<String, Tensor> arrays() {
        return Collections.unmodifiableMap(arrays);
    }

    private Value require(String key) {
        Value v = parameters.get(key);
        if (v == null) {
            throw new IllegalArgumentException("model has no parameter '" + key + "'; it has " + parameters.keySet());
        }
        return v;
    }

    /** A string parameter. @throws IllegalArgumentException if missing or not a string */
    public String text(String key) {
        Value v = require(key);
        if (v instanceof Text t) {
            return t.value();
        }
        throw new IllegalArgumentException("parameter '" + key + "' must be a string, got " + v);
    }

    /** An integer parameter. @throws IllegalArgumentException if missing or not an integer */
    public long integer(String key) {
        Value v = require(key);
        if (v instanceof Int i) {
            return i.value();
        }
        throw new IllegalArgumentException("parameter '" + key + "' must be an integer, got " + v);
    }

    /** A number parameter (integer or floating point). @throws IllegalArgumentException if missing or text */
    public double real(String key) {
        Value v = require(key);
        if (v instanceof Real r) {
            return r.value();
        }
        if (v instanceof Int i) {
            return i.value();
        }
        throw new IllegalArgumentException("parameter '" + key + "' must be a number, got " + v);
    }

    /**
     * The array stored under {@code name} (the stored instance, not a copy), checked against an expected
     * shape.
     *
     * @param expectedShape the shape the caller needs
     * @throws IllegalArgumentException if missing or of another shape, naming both shapes
     */
    public float[] array(String name, int... expectedShape) {
        Tensor t = arrays.get(name);
        if (t == null) {
            throw new IllegalArgumentException("model has no array '" + name + "'; it has " + arrays.keySet());
        }
        if (!Arrays.equals(t.shape(), expectedShape)) {
            throw new IllegalArgumentException("array '" + name + "' must have shape " + Arrays.toString(expectedShape)
                    + ", got " + Arrays.toString(t.shape()));
        }
        return t.data();
    }

    /** The shape of array {@code name} (a copy). @throws IllegalArgumentException if missing */
    public int[] shape(String name) {
        Tensor t = arrays.get(name);
        if (t == null) {
            throw new IllegalArgumentException("model has no array '" + name + "'; it has " + arrays.keySet());
        }
        return t.shape().clone();
    }
}
