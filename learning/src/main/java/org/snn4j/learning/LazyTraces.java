package org.snn4j.learning;

import java.util.Arrays;

/**
 * Exponentially decaying traces of a population, decayed lazily: each trace is stored with the step
 * at which its value holds, and read at step {@code t} as
 * {@code value * D[t - step]} with {@code D[k] = (float) exp(-k * dt / tau)} (computed in double, rounded
 * once; tabulated for small {@code k}). On a spike the trace becomes {@code x(t) + 1} (all-to-all) or
 * {@code 1} (nearest neighbour). Idle neurons cost nothing.
 *
 * <p>Not thread-safe.
 */
final class LazyTraces {
    private static final int TABLE = 256;
    private float[] value = new float[0];
    private int[] step = new int[0];
    private final float[] table = new float[TABLE];
    private double dtOverTau = Double.NaN;

    /** Sizes the arrays (allocating only when the size changes) and sets the decay per step. */
    void configure(int n, float dtMs, float tauMs) {
        if (value.length != n) {
            value = new float[n];
            step = new int[n];
        }
        double r = (double) dtMs / tauMs;
        if (r != dtOverTau) {
            dtOverTau = r;
            for (int k = 0; k < TABLE; k++) {
                table[k] = (float) StrictMath.exp(-k * r);
            }
        }
    }

    /** Zeroes every trace. */
    void clear() {
        Arrays.fill(value, 0f);
        Arrays.fill(step, 0);
    }

    /** {@code D[k] = (float) exp(-k dt / tau)}, {@code k >= 0}. */
    float decay(int k) {
        return k < TABLE ? table[k] : (float) StrictMath.exp(-k * dtOverTau);
    }

    /** The trace of neuron {@code i} at step {@code t >= step[i]}. */
    float at(int i, int t) {
        float v = value[i];
        return v == 0f ? 0f : v * decay(t - step[i]);
    }

    /** The stored values (live; for saving). */
    float[] values() {
        return value;
    }

    /** The steps at which the stored values hold (live; for saving). */
    int[] steps() {
        return step;
    }

    /** Neuron {@code i} spikes at step {@code t}. */
    void spike(int i, int t, boolean nearest) {
        value[i] = nearest ? 1f : at(i, t) + 1f;
        step[i] = t;
    }
}
