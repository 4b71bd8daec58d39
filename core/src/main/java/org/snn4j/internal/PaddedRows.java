package org.snn4j.internal;

/**
 * The surviving weights of a pruned all-to-all layer in compressed rows by input, laid out so that adding a row
 * costs little beyond its synapses: row {@code i} is {@code rowStart[i] .. rowStart[i+1]}, its surviving synapses
 * first (targets ascending), then padding entries of weight {@code -0f}. With a head of {@code H > 0} slots every
 * row has at least {@code H} slots and a multiple of 4, and {@link #addRows} adds blocks of 4 with no per-synapse
 * loop exit: every row of up to {@code H} synapses takes the same number of blocks (the branch predictor learns
 * it) and only longer rows take a varying number. {@code H} is chosen when the rows are
 * built, from the histogram of row lengths ({@link #chooseHead}); {@code H = 0} is plain compressed rows.
 *
 * <p>Padding adds {@code -0f}, which changes no float ({@code x + (-0f) == x} bit for bit for every {@code x},
 * {@code -0f} and {@code +0f} included), to targets spread over the outputs ({@code (i + slot) mod nOut}). So every
 * output receives exactly the sums of plain compressed rows: its surviving weights in the order of the rows added,
 * which is the dense layer's order.
 *
 * <p>Targets are stored as unsigned 16-bit values up to 65,536 outputs (6 bytes per slot) and as int beyond (plain
 * compressed rows, no padding). Immutable. Internal: not part of the public API.
 */
public final class PaddedRows {
    private final int nOut;
    private final int head;
    private final int[] rowStart;
    private final int[] rowSynapses;
    private final char[] cols16;
    private final int[] cols;
    private final float[] vals;
    private final int synapses;

    /**
     * Keeps {@code |w[i * nOut + j]| > dropBelow} of a {@code [pre][post]} weight array and zeroes the rest in
     * {@code w}.
     *
     * @param w         {@code nIn * nOut} weights {@code [pre][post]}; modified: dropped weights are set to 0
     * @param dropBelow weights with {@code |w| <= dropBelow} are dropped, {@code >= 0}
     */
    public PaddedRows(float[] w, int nIn, int nOut, float dropBelow) {
        this(w, nIn, nOut, dropBelow, -1);
    }

    /** As {@link #PaddedRows(float[], int, int, float)} with the head {@code forcedHead} (-1: chosen; for tests). */
    PaddedRows(float[] w, int nIn, int nOut, float dropBelow, int forcedHead) {
        if (!(dropBelow >= 0f)) {
            throw new IllegalArgumentException("dropBelow must be >= 0, got " + dropBelow);
        }
        if (nIn < 0 || nOut < 1 || (long) nIn * nOut != w.length) {
            throw new IllegalArgumentException("weights must have nIn x nOut = " + nIn + " x " + nOut + " entries, got "
                    + w.length);
        }
        this.nOut = nOut;
        rowSynapses = new int[nIn];
        long[] histogram = new long[nOut + 1];
        int nnz = 0;
        for (int i = 0; i < nIn; i++) {
            int len = 0;
            for (int j = 0, k = i * nOut; j < nOut; j++, k++) {
                if (Math.abs(w[k]) > dropBelow) {
                    len++;
                } else {
                    w[k] = 0f;
                }
            }
            rowSynapses[i] = len;
            histogram[len]++;
            nnz += len;
        }
        synapses = nnz;
        boolean narrow = nOut <= 1 << 16;
        if (forcedHead >= 0 && (forcedHead % 4 != 0 || (!narrow && forcedHead > 0))) {
            throw new IllegalArgumentException("head must be a multiple of 4 (0 beyond 65,536 outputs), got "
                    + forcedHead);
        }
        head = !narrow ? 0 : forcedHead >= 0 ? forcedHead : chooseHead(histogram, nOut);
        rowStart = new int[Checks.arraySizeSum("rows nIn + 1", nIn, 1)];
        long total = 0;
        for (int i = 0; i < nIn; i++) {
            rowStart[i] = (int) total;
            total += slots(rowSynapses[i], head);
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("more than " + (Integer.MAX_VALUE - 8) + " synapse slots");
            }
        }
        rowStart[nIn] = (int) total;
        cols16 = narrow ? new char[(int) total] : null;
        cols = narrow ? null : new int[(int) total];
        vals = new float[(int) total];
        for (int i = 0; i < nIn; i++) {
            int s = rowStart[i];
            for (int j = 0, k = i * nOut; j < nOut; j++, k++) {
                if (w[k] != 0f) {
                    if (narrow) {
                        cols16[s] = (char) j;
                    } else {
                        cols[s] = j;
                    }
                    vals[s++] = w[k];
                }
            }
            for (int e = s - rowStart[i]; s < rowStart[i + 1]; s++, e++) { // padding (only when narrow)
                cols16[s] = (char) ((int) ((i + (long) e) % nOut));
                vals[s] = -0f;
            }
        }
    }

    /** Slots of a row of {@code len} synapses with a head of {@code h} (0: no padding). */
    static int slots(int len, int h) {
        return h == 0 ? len : Math.max(h, (len + 3) & ~3);
    }

    /**
     * The head, 0 or 4, with the least estimated cost of adding a row drawn uniformly from {@code histogram} (the
     * number of rows of each length): per row a fixed 2 units, 0.9 per synapse of a plain row or 1.5 per slot of a
     * padded one, and 12 times the chance that the row's varying trip count is not the most common one (a
     * mispredicted loop exit). The units are nanoseconds fitted to the vision demo's pruned layers (64 and 128
     * outputs, 90 % to 99 % pruned; 2-core AMD EPYC, JDK 17, loaded), a crude model: padded slots cost more in the
     * whole network than in a loop of row adds alone (1.2), as the larger rows compete for the caches with everything
     * else. Longer heads (8 to 16 slots) won in the loop alone but lost in the whole network (128 outputs, 90 %
     * pruned: plain rows 25.9 us per frame, a head of 8 30.9 us, of 12 35.6 us), so they are not offered; at 64
     * outputs and 90 % pruned (mean row 6.4) a head of 4 was as often slower as faster than plain rows, and the model
     * picks plain rows there.
     */
    static int chooseHead(long[] histogram, int nOut) {
        long rows = 0;
        for (long c : histogram) {
            rows += c;
        }
        if (rows == 0) {
            return 0;
        }
        int best = 0;
        double bestCost = Double.MAX_VALUE;
        for (int h = 0; h <= Math.min(MAX_HEAD, nOut); h += 4) {
            double slotCost = 0;
            long[] trips = new long[histogram.length];
            for (int len = 0; len < histogram.length; len++) {
                if (histogram[len] == 0) {
                    continue;
                }
                int s = slots(len, h);
                slotCost += histogram[len] * (h == 0 ? 0.9 * s : 1.5 * s);
                trips[h == 0 ? len : (s - h) / 4] += histogram[len];
            }
            long mode = 0;
            for (long t : trips) {
                mode = Math.max(mode, t);
            }
            double cost = 2.0 + slotCost / rows + 12.0 * (rows - mode) / rows;
            if (cost < bestCost) {
                bestCost = cost;
                best = h;
            }
        }
        return best;
    }

    /** The longest head {@link #chooseHead} offers. */
    static final int MAX_HEAD = 4;

    /** The number of surviving synapses (padding not counted). */
    public int synapseCount() {
        return synapses;
    }

    /** The head chosen ({@code 0}: plain compressed rows). */
    public int head() {
        return head;
    }

    /** The stored slots, padding included. */
    public int slotCount() {
        return vals.length;
    }

    /**
     * Adds the rows of inputs {@code idx[0 .. n)}, in that order, to {@code acc} ({@code nOut} entries or more).
     * Returns the number of surviving synapses added.
     */
    public long addRows(float[] acc, int[] idx, int n) {
        final int[] rs = rowStart;
        final float[] v = vals;
        long events = 0;
        if (head > 0) {
            final int[] len = rowSynapses;
            for (int k = 0; k < n; k++) { // a separate pass: the scatter loop runs fastest with nothing else in it
                events += len[idx[k]];
            }
            addPadded(acc, idx, n);
        } else if (cols16 != null) {
            final char[] c = cols16;
            for (int k = 0; k < n; k++) {
                int i = idx[k];
                int from = rs[i];
                int end = rs[i + 1];
                for (int e = from; e < end; e++) {
                    acc[c[e]] += v[e];
                }
                events += end - from;
            }
        } else {
            final int[] c = cols;
            for (int k = 0; k < n; k++) {
                int i = idx[k];
                int from = rs[i];
                int end = rs[i + 1];
                for (int e = from; e < end; e++) {
                    acc[c[e]] += v[e];
                }
                events += end - from;
            }
        }
        return events;
    }

    /**
     * The padded rows: blocks of 4 (every row has at least one), so a row of up to {@code head} synapses ends after
     * the same number of blocks as every other such row.
     */
    private void addPadded(float[] acc, int[] idx, int n) {
        final int[] rs = rowStart;
        final float[] v = vals;
        final char[] c = cols16;
        for (int k = 0; k < n; k++) {
            int i = idx[k];
            int b = rs[i];
            int end = rs[i + 1];
            do {
                acc[c[b]] += v[b];
                acc[c[b + 1]] += v[b + 1];
                acc[c[b + 2]] += v[b + 2];
                acc[c[b + 3]] += v[b + 3];
                b += 4;
            } while (b < end);
        }
    }

    @Override
    public String toString() {
        return "PaddedRows[" + synapses + " synapses, " + vals.length + " slots, head " + head + ", " + nOut
                + " outputs]";
    }
}
