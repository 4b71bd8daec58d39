package org.snn4j.internal;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Compressed-row (CSR) sparse connectivity shared by {@code SparseLayer} and {@code Projection}: the synapses
 * of source {@code i} are {@code rowStart[i] .. rowStart[i+1]-1}, each with a target {@code post[k]}.
 * Stateless. Internal: not part of the public API.
 *
 * @param rowStart {@code nIn + 1} offsets
 * @param post     the target of each synapse
 */
public record Csr(int[] rowStart, int[] post) {

    /**
     * Each (source, target) pair connected independently with probability {@code p}, drawn row by row by
     * geometric skipping (the cost is proportional to the number of synapses); targets ascend within a row.
     * The same generator state gives the same synapses.
     *
     * @param what names the connectivity in messages
     * @param rng  advanced
     * @throws IllegalArgumentException if {@code p} is not in [0, 1] or the sizes are too large
     */
    public static Csr random(String what, int nIn, int nOut, double p, RandomGenerator rng) {
        Checks.probability("p", p);
        int[] rows = new int[Checks.arraySizeSum(what + ": row starts nIn + 1", nIn, 1)];
        int cap = (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(16L, (long) (1.1 * p * nIn * nOut) + 16));
        int[] targets = new int[cap];
        int count = 0;
        double logq = Math.log1p(-p);
        for (int i = 0; i < nIn; i++) {
            rows[i] = count;
            if (p > 0.0) {
                int j = p >= 1.0 ? 0 : skip(rng, logq);
                while (j < nOut) {
                    if (count == targets.length) {
                        targets = Arrays.copyOf(targets, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * count));
                    }
                    targets[count++] = j;
                    j += 1 + (p >= 1.0 ? 0 : skip(rng, logq));
                }
            }
        }
        rows[nIn] = count;
        return new Csr(rows, Arrays.copyOf(targets, count));
    }

    /** Number of failures before the next success of a Bernoulli(p) sequence, {@code logq = ln(1 - p)}. */
    private static int skip(RandomGenerator rng, double logq) {
        double u = 1.0 - rng.nextDouble(); // (0, 1]
        double k = Math.floor(Math.log(u) / logq);
        return k >= Integer.MAX_VALUE ? Integer.MAX_VALUE - 1 : (int) k;
    }

    /**
     * Checks explicit connectivity: {@code rows} has {@code nIn + 1} non-decreasing offsets from 0 to
     * {@code post.length}, every target is in {@code [0, nOut)}, {@code weight} has one finite entry per
     * synapse. Not modified.
     *
     * @param inName how the caller names {@code nIn} in messages (for example {@code "in.size()"})
     * @throws IllegalArgumentException naming the first bad entry ({@code rowStart}, {@code post[k]},
     *                                  {@code weight[k]})
     */
    public static void check(String inName, int nIn, int nOut, int[] rows, int[] post, float[] weight) {
        if (rows.length != nIn + 1L) {
            throw new IllegalArgumentException("rowStart must have " + inName + " + 1 = " + (nIn + 1L)
                    + " entries, got " + rows.length);
        }
        if (weight.length != post.length) {
            throw new IllegalArgumentException("weight must have post.length = " + post.length
                    + " entries, got " + weight.length);
        }
        if (rows[0] != 0 || rows[rows.length - 1] != post.length) {
            throw new IllegalArgumentException("rowStart must run from 0 to post.length = " + post.length
                    + ", got " + rows[0] + " .. " + rows[rows.length - 1]);
        }
        for (int i = 1; i < rows.length; i++) {
            if (rows[i] < rows[i - 1]) {
                throw new IllegalArgumentException("rowStart must be non-decreasing, rowStart[" + i + "] = "
                        + rows[i] + " < " + rows[i - 1]);
            }
        }
        for (int k = 0; k < post.length; k++) {
            if (post[k] < 0 || post[k] >= nOut) {
                throw new IllegalArgumentException("post[" + k + "] must be in [0, " + nOut + "), got " + post[k]);
            }
            if (!Float.isFinite(weight[k])) {
                throw new IllegalArgumentException("weight[" + k + "] must be finite, got " + weight[k]);
            }
        }
    }
}
