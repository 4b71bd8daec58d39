package org.snn4j.learning;

import java.util.Objects;

/**
 * The rate read-out of unsupervised networks (labelling and classification, as in Diehl &amp; Cook 2015,
 * doi:10.3389/fncom.2015.00099): after training, every neuron is assigned the class for which its mean spike
 * count over the labelling samples of that class is highest; a sample is classified as the class whose assigned
 * neurons have the highest mean spike count. Counts per neuron and sample come for example from
 * {@link org.snn4j.monitor.SpikeCounts}.
 *
 * <p>Ties go to the lowest class. A neuron that never fired during labelling gets no class ({@code -1}). A
 * sample for which no assigned neuron fired gets no class ({@code -1}).
 *
 * <p>Stateless and thread-safe; inputs are not modified.
 */
public final class SpikeCountReadout {
    private SpikeCountReadout() {
    }

    /**
     * Assigns each neuron the class it responds to most.
     *
     * @param counts   {@code counts[sample][neuron]} spike counts; not modified
     * @param labels   {@code labels[sample]} in {@code [0, nClasses)}; not modified
     * @param nClasses number of classes, &gt; 0
     * @return {@code assignment[neuron]} in {@code [-1, nClasses)}
     */
    public static int[] assign(int[][] counts, int[] labels, int nClasses) {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(labels, "labels");
        if (nClasses <= 0) {
            throw new IllegalArgumentException("nClasses must be > 0, got " + nClasses);
        }
        if (counts.length != labels.length) {
            throw new IllegalArgumentException(
                    "counts has " + counts.length + " samples but labels has " + labels.length);
        }
        if (counts.length == 0) {
            throw new IllegalArgumentException("counts must hold at least one sample, got 0");
        }
        int n = counts[0].length;
        long[][] sums = new long[nClasses][n];
        int[] perClass = new int[nClasses];
        for (int d = 0; d < counts.length; d++) {
            int c = labels[d];
            if (c < 0 || c >= nClasses) {
                throw new IllegalArgumentException(
                        "labels[" + d + "] must be in [0, " + nClasses + "), got " + c);
            }
            if (counts[d].length != n) {
                throw new IllegalArgumentException(
                        "counts[" + d + "] must have length " + n + ", got " + counts[d].length);
            }
            perClass[c]++;
            long[] s = sums[c];
            int[] row = counts[d];
            for (int j = 0; j < n; j++) {
                s[j] += row[j];
            }
        }
        int[] assignment = new int[n];
        for (int j = 0; j < n; j++) {
            int best = -1;
            double bestRate = 0;
            for (int c = 0; c < nClasses; c++) {
                if (perClass[c] == 0) {
                    continue;
                }
                double rate = sums[c][j] / (double) perClass[c];
                if (rate > bestRate) {
                    bestRate = rate;
                    best = c;
                }
            }
            assignment[j] = best;
        }
        return assignment;
    }

    /**
     * Classifies one sample from its spike counts.
     *
     * @param counts     spike count per neuron; not modified
     * @param assignment class per neuron from {@link #assign}; not modified
     * @param nClasses   number of classes
     * @return the class whose assigned neurons fired most on average, or {@code -1} if none fired
     */
    public static int classify(int[] counts, int[] assignment, int nClasses) {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(assignment, "assignment");
        if (counts.length != assignment.length) {
            throw new IllegalArgumentException("counts has length " + counts.length + " but assignment has length "
                    + assignment.length);
        }
        long[] sum = new long[nClasses];
        int[] members = new int[nClasses];
        for (int j = 0; j < counts.length; j++) {
            int c = assignment[j];
            if (c >= 0) {
                sum[c] += counts[j];
                members[c]++;
            }
        }
        int best = -1;
        double bestRate = 0;
        for (int c = 0; c < nClasses; c++) {
            if (members[c] == 0) {
                continue;
            }
            double rate = sum[c] / (double) members[c];
            if (rate > bestRate) {
                bestRate = rate;
                best = c;
            }
        }
        return best;
    }
}
