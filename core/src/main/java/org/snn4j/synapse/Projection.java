package org.snn4j.synapse;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.snn4j.internal.Checks;
import org.snn4j.internal.Csr;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;

/**
 * Fixed sparse synapses from a source population of {@code preSize} neurons to a target population of
 * {@code postSize}, all onto one {@link Receptor} and all with the same delay in whole steps. Stored as
 * compressed rows (CSR): the synapses of source neuron {@code pre} are {@code rowStart[pre] ..
 * rowStart[pre+1]-1}, each with a target and a weight, sorted by target within a row (so that a row splits
 * into contiguous pieces per range of targets, one per thread).
 *
 * <p>Immutable and thread-safe; arrays are copied in and never exposed.
 */
public final class Projection implements Persistent {
    private final int preSize;
    private final int postSize;
    private final int[] rowStart;
    private final int[] post;
    private final float[] weight;
    private final Receptor receptor;
    private final int delaySteps;
    // the weight of every synapse if they all have the same bits (and there is one at least), else NaN
    private final float uniformWeight;

    private Projection(int preSize, int postSize, int[] rowStart, int[] post, float[] weight, Receptor receptor,
                       int delaySteps) {
        this.preSize = preSize;
        this.postSize = postSize;
        this.rowStart = rowStart;
        this.post = post;
        this.weight = weight;
        this.receptor = receptor;
        this.delaySteps = delaySteps;
        this.uniformWeight = uniform(weight);
    }

    private static float uniform(float[] w) {
        if (w.length == 0) {
            return Float.NaN;
        }
        int bits = Float.floatToRawIntBits(w[0]);
        for (float x : w) {
            if (Float.floatToRawIntBits(x) != bits) {
                return Float.NaN;
            }
        }
        return w[0];
    }

    /**
     * Each (pre, post) pair connected independently with probability {@code p} (Brian2's
     * {@code connect(p=...)}, self-connections allowed), every synapse with weight {@code weight}. Drawn by
     * geometric skipping row by row, so the cost is proportional to the number of synapses; the same generator
     * state gives the same synapses.
     *
     * @param weight     weight of every synapse (mV for current synapses, leak-conductance units for
     *                   conductances), finite
     * @param delaySteps delay in whole steps, >= 0
     * @param rng        advanced
     */
    public static Projection random(int preSize, int postSize, double p, float weight, Receptor receptor,
                                    int delaySteps, RandomGenerator rng) {
        Checks.atLeast("preSize", preSize, 0);
        Checks.atLeast("postSize", postSize, 0);
        Checks.finite("weight", weight);
        Objects.requireNonNull(receptor, "receptor");
        Checks.atLeast("delaySteps", delaySteps, 0);
        Objects.requireNonNull(rng, "rng");
        Csr csr = Csr.random("projection", preSize, postSize, p, rng);
        float[] w = new float[csr.post().length];
        Arrays.fill(w, weight);
        return new Projection(preSize, postSize, csr.rowStart(), csr.post(), w, receptor, delaySteps);
    }

    /**
     * Explicit synapses in CSR form (copied; each row is then sorted by target, keeping the order of equal
     * targets).
     *
     * @param rowStart {@code preSize + 1} non-decreasing offsets from 0 to {@code post.length}
     * @param post     target of each synapse, in {@code [0, postSize)}
     * @param weight   weight of each synapse, finite; same length as {@code post}
     * @throws IllegalArgumentException naming the first bad entry
     */
    public static Projection fromCsr(int preSize, int postSize, int[] rowStart, int[] post, float[] weight,
                                     Receptor receptor, int delaySteps) {
        Checks.atLeast("preSize", preSize, 0);
        Checks.atLeast("postSize", postSize, 0);
        Objects.requireNonNull(receptor, "receptor");
        Checks.atLeast("delaySteps", delaySteps, 0);
        int[] rows = Objects.requireNonNull(rowStart, "rowStart").clone();
        int[] targets = Objects.requireNonNull(post, "post").clone();
        float[] w = Objects.requireNonNull(weight, "weight").clone();
        Csr.check("preSize", preSize, postSize, rows, targets, w);
        for (int i = 0; i < preSize; i++) {
            sortRow(targets, w, rows[i], rows[i + 1]);
        }
        return new Projection(preSize, postSize, rows, targets, w, receptor, delaySteps);
    }

    /** Stable insertion sort of one row by target (rows are short; already sorted rows cost one pass). */
    private static void sortRow(int[] t, float[] w, int from, int to) {
        for (int k = from + 1; k < to; k++) {
            int tk = t[k];
            float wk = w[k];
            int j = k - 1;
            while (j >= from && t[j] > tk) {
                t[j + 1] = t[j];
                w[j + 1] = w[j];
                j--;
            }
            t[j + 1] = tk;
            w[j + 1] = wk;
        }
    }

    /** A copy with the delay replaced (same synapses, shared storage). */
    public Projection withDelaySteps(int delaySteps) {
        Checks.atLeast("delaySteps", delaySteps, 0);
        return new Projection(preSize, postSize, rowStart, post, weight, receptor, delaySteps);
    }

    /** Size of the source population. */
    public int preSize() {
        return preSize;
    }

    /** Size of the target population. */
    public int postSize() {
        return postSize;
    }

    /** The receptor every synapse increments. */
    public Receptor receptor() {
        return receptor;
    }

    /** The delay of every synapse, in whole steps. */
    public int delaySteps() {
        return delaySteps;
    }

    /** Number of synapses. */
    public int synapseCount() {
        return post.length;
    }

    /** Number of synapses leaving source neuron {@code pre}. */
    public int outDegree(int pre) {
        return rowStart[pre + 1] - rowStart[pre];
    }

    /** A copy of the row offsets. */
    public int[] rowStart() {
        return rowStart.clone();
    }

    /** A copy of the targets. */
    public int[] targets() {
        return post.clone();
    }

    /** A copy of the weights. */
    public float[] weights() {
        return weight.clone();
    }

    // package-private live views for PopulationLayer (never modified there)
    int[] rowsLive() {
        return rowStart;
    }

    int[] postLive() {
        return post;
    }

    float[] weightLive() {
        return weight;
    }

    /**
     * The weight of every synapse when all have the same bits (the Brette networks: one weight per projection), so
     * that a scatter can add it without reading the weight array; NaN if they differ or there are none.
     */
    float uniformWeightLive() {
        return uniformWeight;
    }

    @Override
    public String toString() {
        return "Projection[" + preSize + " -> " + postSize + ", " + post.length + " synapses, " + receptor
                + ", delay " + delaySteps + " steps]";
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return SynapseCodecs.PROJECTION;
    }
}
