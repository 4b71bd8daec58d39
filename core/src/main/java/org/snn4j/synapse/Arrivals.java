package org.snn4j.synapse;

/**
 * Moves a step's arrivals into a synaptic variable. A separate short loop per variable: the JIT compiler
 * (C2, JDK 17 to 25) unrolls and vectorises loops with small bodies only, so the models split their step
 * into a few short branch-free loops rather than one long one (measured: about 5x faster on 4,000 neurons).
 * Stateless.
 */
final class Arrivals {
    private Arrivals() {
    }

    /**
     * {@code g[i] += arrivals[i]; arrivals[i] = 0} for {@code i} in {@code [from, to)}.
     *
     * @param g        modified
     * @param arrivals read, then zeroed
     */
    static void add(float[] g, float[] arrivals, int from, int to) {
        for (int i = from; i < to; i++) {
            g[i] += arrivals[i];
            arrivals[i] = 0f;
        }
    }

    /**
     * Splits a clock step's summed input by sign for {@code i} in {@code [0, n)}: a positive {@code input[i]}
     * is added to {@code exc[i]}, any other to {@code inh[i]}, as it is ({@code inhSign = 1}, signed currents)
     * or as its magnitude ({@code inhSign = -1}, conductances). Multiplying by 1 or -1 is exact, so this is
     * bit-identical to adding {@code x} or subtracting it.
     *
     * @param input read only
     * @param exc   modified
     * @param inh   modified
     */
    static void split(float[] input, float[] exc, float[] inh, float inhSign, int n) {
        for (int i = 0; i < n; i++) {
            float x = input[i];
            if (x > 0f) {
                exc[i] += x;
            } else {
                inh[i] += inhSign * x;
            }
        }
    }
}
