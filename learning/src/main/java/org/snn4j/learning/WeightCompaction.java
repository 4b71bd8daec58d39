package org.snn4j.learning;

import java.util.Objects;
import org.snn4j.layer.PlasticLayer;

/**
 * Pruning and quantisation of trained weights, in place. STDP with a stabiliser drives most weights close
 * to the bounds (Kheradpisheh 2018), so after training a layer can be pruned (small weights set to 0, so
 * an inference engine may skip them) and quantised (the rest rounded to {@code 2^bits} levels, binary for
 * {@code bits = 1}) with little loss; the effect on accuracy is measured by the examples with the
 * returned statistics.
 *
 * <p>Works on any weight array (for a layer, {@link PlasticLayer#weights()}); the layout does not matter.
 * Stateless and thread-safe; the array must not be used by other threads meanwhile.
 */
public final class WeightCompaction {
    private WeightCompaction() {
    }

    /**
     * Uniform quantisation to {@code 2^bits} levels {@code lo + k * (hi - lo) / (2^bits - 1)},
     * {@code k = 0 .. 2^bits - 1}: a weight goes to the nearest level (ties upwards), weights outside
     * {@code [lo, hi]} to the end levels.
     *
     * @param bits   bits per weight, 1 to 16
     * @param bounds the range of the levels
     */
    public record Quantisation(int bits, WeightBounds bounds) {
        /** Checks the fields. */
        public Quantisation {
            if (bits < 1 || bits > 16) {
                throw new IllegalArgumentException("bits must be in [1, 16], got " + bits);
            }
            Objects.requireNonNull(bounds, "bounds");
        }

        /** Two levels, {@code lo} and {@code hi}. */
        public static Quantisation binary(WeightBounds bounds) {
            return new Quantisation(1, bounds);
        }

        /** The number of levels, {@code 2^bits}. */
        public int levels() {
            return 1 << bits;
        }

        /** The level nearest to {@code w}. */
        public float quantise(float w) {
            int top = levels() - 1;
            float lo = bounds.lo();
            double step = ((double) bounds.hi() - lo) / top;
            long k = Math.round((w - (double) lo) / step);
            k = Math.max(0, Math.min(top, k));
            return (float) (lo + k * step);
        }
    }

    /**
     * What a compaction did.
     *
     * @param total        number of weights
     * @param pruned       weights set to 0 by pruning (those with {@code |w| < threshold}, including any
     *                     that were already 0)
     * @param quantised    weights rounded to a level (the weights that were not pruned)
     * @param changed      weights whose value changed
     * @param maxAbsError  largest {@code |w_after - w_before|}
     * @param meanAbsError mean of {@code |w_after - w_before|} over all weights
     */
    public record Stats(int total, int pruned, int quantised, int changed, double maxAbsError,
                        double meanAbsError) {
        /** The fraction of weights that are 0 after pruning. */
        public double prunedFraction() {
            return total == 0 ? 0.0 : (double) pruned / total;
        }
    }

    /**
     * Sets every weight with {@code |w| < threshold} to 0. Modifies {@code weights}.
     *
     * @param threshold finite, {@code >= 0} (0 prunes nothing)
     * @return the number of weights that are now pruned ({@code |w| < threshold})
     */
    public static int prune(float[] weights, float threshold) {
        return compact(weights, threshold, null).pruned();
    }

    /**
     * Rounds every weight to the nearest level of {@code q}. Modifies {@code weights}.
     */
    public static Stats quantise(float[] weights, Quantisation q) {
        return compact(weights, 0f, Objects.requireNonNull(q, "q"));
    }

    /**
     * Prunes with {@code threshold}, then quantises the weights that were not pruned (pruned weights stay
     * exactly 0 even if 0 is not a level). Modifies {@code weights}.
     *
     * @param threshold finite, {@code >= 0}
     * @param q         the quantisation, or null for pruning only
     */
    public static Stats compact(float[] weights, float threshold, Quantisation q) {
        Objects.requireNonNull(weights, "weights");
        if (!(threshold >= 0f) || Float.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite and >= 0, got " + threshold);
        }
        int pruned = 0;
        int quantised = 0;
        int changed = 0;
        double maxErr = 0.0;
        double sumErr = 0.0;
        for (int i = 0; i < weights.length; i++) {
            float w = weights[i];
            float nw;
            if (Math.abs(w) < threshold) {
                nw = 0f;
                pruned++;
            } else if (q != null) {
                nw = q.quantise(w);
                quantised++;
            } else {
                nw = w;
            }
            if (nw != w) {
                changed++;
                double e = Math.abs((double) nw - w);
                sumErr += e;
                maxErr = Math.max(maxErr, e);
            }
            weights[i] = nw;
        }
        return new Stats(weights.length, pruned, quantised, changed, maxErr,
                weights.length == 0 ? 0.0 : sumErr / weights.length);
    }

    /** {@link #compact(float[], float, Quantisation)} on {@code layer.weights()}. */
    public static Stats compact(PlasticLayer layer, float threshold, Quantisation q) {
        return compact(Objects.requireNonNull(layer, "layer").weights(), threshold, q);
    }
}
