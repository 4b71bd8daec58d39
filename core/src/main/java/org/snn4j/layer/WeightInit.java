package org.snn4j.layer;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * How a layer's initial weights are drawn. Every random initialisation is seeded: either the record
 * carries a seed ({@link #fill(float[])} draws from {@code new SplittableRandom(seed)}), or the caller
 * passes its own generator ({@link #fill(float[], RandomGenerator)}). The same seed gives bit-identical
 * weights. Values are drawn in array order, so the result depends on the layer's documented layout.
 *
 * <p>Immutable and thread-safe (the records hold parameters only).
 */
public sealed interface WeightInit permits WeightInit.Constant, WeightInit.Uniform, WeightInit.Normal {

    /**
     * Fills {@code w} using the record's own seed.
     *
     * @param w modified: every entry is overwritten
     */
    void fill(float[] w);

    /**
     * Fills {@code w} drawing from {@code rng} (advanced by {@code w.length} draws; none for constants).
     *
     * @param w   modified: every entry is overwritten
     * @param rng modified (advanced)
     */
    void fill(float[] w, RandomGenerator rng);

    /** Every weight equal to {@code value}. */
    static WeightInit constant(float value) {
        return new Constant(value);
    }

    /** Uniform in {@code [lo, hi)}, seeded. */
    static WeightInit uniform(float lo, float hi, long seed) {
        return new Uniform(lo, hi, seed);
    }

    /** Normal {@code N(mean, std^2)} (not clipped), seeded; Mozafari et al. 2019 use {@code N(0.8, 0.05)}. */
    static WeightInit normal(float mean, float std, long seed) {
        return new Normal(mean, std, seed);
    }

    /**
     * A constant weight.
     *
     * @param value the weight (mV), finite
     */
    record Constant(float value) implements WeightInit {
        /** Checks that the value is finite. */
        public Constant {
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("value must be finite, got " + value);
            }
        }

        @Override
        public void fill(float[] w) {
            java.util.Arrays.fill(Objects.requireNonNull(w, "w"), value);
        }

        @Override
        public void fill(float[] w, RandomGenerator rng) {
            fill(w);
        }
    }

    /**
     * Uniform weights in {@code [lo, hi)}.
     *
     * @param lo   lower bound (mV), finite
     * @param hi   upper bound (mV), finite, {@code >= lo}
     * @param seed seed used by {@link #fill(float[])}
     */
    record Uniform(float lo, float hi, long seed) implements WeightInit {
        /** Checks the bounds. */
        public Uniform {
            if (!Float.isFinite(lo) || !Float.isFinite(hi)) {
                throw new IllegalArgumentException("lo and hi must be finite, got " + lo + " and " + hi);
            }
            if (hi < lo) {
                throw new IllegalArgumentException("hi must be >= lo = " + lo + ", got " + hi);
            }
        }

        @Override
        public void fill(float[] w) {
            fill(w, new SplittableRandom(seed));
        }

        @Override
        public void fill(float[] w, RandomGenerator rng) {
            Objects.requireNonNull(w, "w");
            Objects.requireNonNull(rng, "rng");
            float span = hi - lo;
            for (int i = 0; i < w.length; i++) {
                float v = lo + span * rng.nextFloat();
                w[i] = v < hi || span == 0f ? v : lo; // guard against rounding up to hi
            }
        }
    }

    /**
     * Normally distributed weights.
     *
     * @param mean mean (mV), finite
     * @param std  standard deviation (mV), finite and {@code >= 0}
     * @param seed seed used by {@link #fill(float[])}
     */
    record Normal(float mean, float std, long seed) implements WeightInit {
        /** Checks the parameters. */
        public Normal {
            if (!Float.isFinite(mean)) {
                throw new IllegalArgumentException("mean must be finite, got " + mean);
            }
            if (!(std >= 0f) || !Float.isFinite(std)) {
                throw new IllegalArgumentException("std must be finite and >= 0, got " + std);
            }
        }

        @Override
        public void fill(float[] w) {
            fill(w, new SplittableRandom(seed));
        }

        @Override
        public void fill(float[] w, RandomGenerator rng) {
            Objects.requireNonNull(w, "w");
            Objects.requireNonNull(rng, "rng");
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) rng.nextGaussian(mean, std);
            }
        }
    }
}
