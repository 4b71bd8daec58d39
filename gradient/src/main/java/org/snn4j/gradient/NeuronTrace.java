package org.snn4j.gradient;

import org.snn4j.internal.Checks;

/**
 * What a {@link SurrogateNeuron} keeps for one sample: per-step saved values ({@code steps x n} each, time-major)
 * and per-neuron carries (state in the forward pass, adjoints in the backward pass). Not thread-safe.
 */
public final class NeuronTrace {
    private final float[][] saved;
    private final float[][] carry;

    /**
     * Allocates the buffers.
     *
     * @param steps   time steps, &gt;= 1
     * @param n       neurons, &gt;= 1
     * @param saved   number of saved per-step variables, &gt;= 0
     * @param carried number of carried variables, &gt;= 0
     */
    public NeuronTrace(int steps, int n, int saved, int carried) {
        if (steps < 1 || n < 1 || saved < 0 || carried < 0) {
            throw new IllegalArgumentException("need steps >= 1, n >= 1, saved >= 0, carried >= 0, got " + steps
                    + ", " + n + ", " + saved + ", " + carried);
        }
        this.saved = new float[saved][Checks.arraySize("NeuronTrace: steps x n", steps, n)];
        this.carry = new float[carried][n];
    }

    /** Saved variable {@code v} ({@code steps x n}, time-major); modified by the model. */
    public float[] saved(int v) {
        return saved[v];
    }

    /** Carried variable {@code v} ({@code n} values); modified by the model. */
    public float[] carry(int v) {
        return carry[v];
    }

    /** Sets every carry to 0 (the state at rest / no adjoint from the future). */
    public void clearCarries() {
        for (int v = 0; v < carry.length; v++) {
            java.util.Arrays.fill(carry[v], 0f);
        }
    }
}
