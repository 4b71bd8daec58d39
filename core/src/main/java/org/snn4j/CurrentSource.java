package org.snn4j;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * An external input current for a population, step by step: constant, or a function of time. Layers that
 * take a current (for example {@code org.snn4j.layer.CurrentLayer} or {@code SparseLayer.withCurrent})
 * call {@link #current} once per step and pass the array to the neuron model, whose javadoc gives the
 * current's unit (LIF: {@code R I} in mV with R = 1; perfect IF: mV/ms; Izhikevich: the paper's I).
 *
 * <p>Implementations should be immutable and thread-safe (the factories here are).
 */
public interface CurrentSource {
    /** The number of neurons driven. */
    int size();

    /**
     * Writes the current of every neuron at {@code step} into {@code out[0 .. size())}.
     *
     * @param step the step, from 0
     * @param out  modified: overwritten with this step's current
     */
    void current(int step, float[] out);

    /**
     * Whether every call of {@link #current} for a step writes the same currents, whenever and however often it
     * is called (the factories here: a constant, or a function of time only). The engine may then replay the
     * output of a frozen layer driven by this source ({@code Simulation}'s frozen-layer cache). Default false: a
     * source whose values are set per presentation (an image given as a current) must not claim it.
     */
    default boolean replayable() {
        return false;
    }

    /** The same current {@code value} for {@code size} neurons at every step. */
    static CurrentSource constant(int size, float value) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, got " + value);
        }
        return new CurrentSource() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public void current(int step, float[] out) {
                Arrays.fill(out, 0, size, value);
            }

            @Override
            public boolean replayable() {
                return true;
            }

            @Override
            public String toString() {
                return "constant(" + size + ", " + value + ")";
            }
        };
    }

    /** A constant current per neuron ({@code values} is copied): neuron {@code i} gets {@code values[i]}. */
    static CurrentSource constant(float[] values) {
        float[] v = Objects.requireNonNull(values, "values").clone();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("values[" + i + "] must be finite, got " + v[i]);
            }
        }
        return new CurrentSource() {
            @Override
            public int size() {
                return v.length;
            }

            @Override
            public void current(int step, float[] out) {
                System.arraycopy(v, 0, out, 0, v.length);
            }

            @Override
            public boolean replayable() {
                return true;
            }

            @Override
            public String toString() {
                return "constant(" + Arrays.toString(v) + ")";
            }
        };
    }

    /**
     * A current that depends on time only: every neuron gets {@code f(t)} at step {@code k}, with
     * {@code t = k * dt} in ms computed in double from the decimal value of {@code dtMs} (so 0.2f is used as
     * 0.2 and {@code t} at step 50 is exactly 10.0).
     *
     * @param f the current as a function of time in ms; called once per step
     */
    static CurrentSource ofTime(int size, float dtMs, DoubleUnaryOperator f) {
        float[] gains = new float[size];
        Arrays.fill(gains, 1f);
        return ofTime(gains, dtMs, f);
    }

    /**
     * Neuron {@code i} gets {@code gains[i] * f(t)} ({@code gains} is copied), {@code t} as in
     * {@link #ofTime(int, float, DoubleUnaryOperator)}.
     */
    static CurrentSource ofTime(float[] gains, float dtMs, DoubleUnaryOperator f) {
        float[] g = Objects.requireNonNull(gains, "gains").clone();
        Objects.requireNonNull(f, "f");
        if (!(dtMs > 0f) || !Float.isFinite(dtMs)) {
            throw new IllegalArgumentException("dtMs must be finite and > 0, got " + dtMs);
        }
        double dt = Double.parseDouble(Float.toString(dtMs));
        return new CurrentSource() {
            @Override
            public int size() {
                return g.length;
            }

            @Override
            public void current(int step, float[] out) {
                double value = f.applyAsDouble(step * dt);
                for (int i = 0; i < g.length; i++) {
                    out[i] = (float) (g[i] * value);
                }
            }

            @Override
            public boolean replayable() {
                return true;
            }

            @Override
            public String toString() {
                return "ofTime(" + g.length + " neurons, dt " + dtMs + ")";
            }
        };
    }
}
