package org.snn4j.gradient;

import java.util.SplittableRandom;

/**
 * Fills a new weight array. Deterministic for a given generator state.
 */
@FunctionalInterface
public interface Init {

    /**
     * Fills the weights.
     *
     * @param w      the weights; modified
     * @param fanIn  inputs per output
     * @param fanOut outputs per input
     * @param rng    the source of randomness; advanced
     */
    void fill(float[] w, int fanIn, int fanOut, SplittableRandom rng);

    /**
     * Uniform in {@code [-gain / sqrt(fanIn), gain / sqrt(fanIn))}: PyTorch's default for linear and convolution
     * layers with {@code gain = 1}; slayerPytorch multiplies it by its {@code weightScale} (10 for its dense layers).
     *
     * @param gain the bound times {@code sqrt(fanIn)}, &gt; 0
     * @return the initialiser
     */
    static Init uniform(float gain) {
        if (!(gain > 0f)) {
            throw new IllegalArgumentException("gain must be > 0, got " + gain);
        }
        return (w, fanIn, fanOut, rng) -> {
            double b = gain / Math.sqrt(fanIn);
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) ((rng.nextDouble() * 2 - 1) * b);
            }
        };
    }

    /**
     * Normal with mean 0 and standard deviation {@code gain / sqrt(fanIn)}.
     *
     * @param gain the standard deviation times {@code sqrt(fanIn)}, &gt; 0
     * @return the initialiser
     */
    static Init normal(float gain) {
        if (!(gain > 0f)) {
            throw new IllegalArgumentException("gain must be > 0, got " + gain);
        }
        return (w, fanIn, fanOut, rng) -> {
            double sd = gain / Math.sqrt(fanIn);
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (gaussian(rng) * sd);
            }
        };
    }

    /** A constant value (tests, biases). */
    static Init constant(float value) {
        return (w, fanIn, fanOut, rng) -> java.util.Arrays.fill(w, value);
    }

    private static double gaussian(SplittableRandom rng) {
        double u;
        double v;
        double s;
        do {
            u = rng.nextDouble() * 2 - 1;
            v = rng.nextDouble() * 2 - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
