package org.snn4j.internal;

/**
 * The surviving weights of a pruned all-to-all layer in compressed rows by input, laid out so that adding a row
 * costs little beyond its synapses. Three layouts, chosen when the rows are built from the histogram of row lengths
 * ({@link #chooseHead}):
 * <ul>
 *   <li><b>plain</b> (head 0): row {@code i} is {@code rowStart[i] .. rowStart[i+1]}, its surviving synapses with
 *       targets ascending;</li>
 *   <li><b>blocks of 4</b> (head {@code H}, a multiple of 4): the same, each row padded to at least {@code H} slots
 *       and a multiple of 4, added in blocks of 4 with no per-synapse loop exit: every row of up to {@code H}
 *       synapses takes the same number of blocks (the branch predictor learns it);</li>
 *   <li><b>strided</b> (up to 128 outputs): the first {@value #STRIDE} slots of row {@code i} sit at the fixed place
 *       {@code i * 8} (no row-start load before them), described by one {@code long}: their 8 targets as 7-bit
 *       fields and the row's synapse count in the top byte; they are added with no branch, and only a row of more
 *       than 8 synapses goes on to its tail, {@code rowStart[i] .. rowStart[i+1]}, padded to blocks of 4.</li>
 * </ul>
 *
 * <p>Padding adds {@code -0f}, which changes no float ({@code x + (-0f) == x} bit for bit for every {@code x},
 * {@code -0f} and {@code +0f} included), to targets spread over the outputs ({@code (i + slot) mod nOut}). So every
 * output receives exactly the sums of plain compressed rows: its surviving weights in the order of the rows added,
 * which is the dense layer's order.
 *
 * <p>Targets are stored as 7-bit fields in the strided heads, as unsigned 16-bit values up to 65,536 outputs (6 bytes per
 * slot) and as int beyond (plain compressed rows, no padding). Immutable. Internal: not part of the public API.
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
     * Strided layout: for row {@code i}, the targets of its first {@value #STRIDE} slots (bits {@code 7s .. 7s+6} for
     * slot {@code s}) and its synapse count (bits 56 to 63).
     */
    private final long[] strideCols;
    /** Strided layout: the weights of row {@code i}'s first {@value #STRIDE} slots at {@code i * 8 ..}. */
    private final float[] strideVals;

    /** The slots at a fixed place per row in the strided layout. */
    static final int STRIDE = 8;
    /** The value of {@link #chooseHead} (and {@link #head()}) that stands for the strided layout. */
    static final int STRIDED = -STRIDE;
    /** The most outputs of the strided layout (targets in 7 bits). */
    static final int MAX_STRIDED_OUTPUTS = 128;

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

    /**
     * As {@link #PaddedRows(float[], int, int, float)} with the layout {@code forcedHead} (for tests): -1 chosen,
     * {@link #STRIDED}, or a head (0 or a multiple of 4).
     */
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
        if (forcedHead == STRIDED ? nOut > MAX_STRIDED_OUTPUTS
                : forcedHead < -1 || (forcedHead >= 0 && (forcedHead % 4 != 0 || (!narrow && forcedHead > 0)))) {
            throw new IllegalArgumentException("head must be -1, " + STRIDED + " (up to 128 outputs) or a multiple of 4"
                    + " (0 beyond 65,536 outputs), got " + forcedHead);
        }
        head = !narrow ? 0 : forcedHead != -1 ? forcedHead : chooseHead(histogram, nOut);
        strideCols = head == STRIDED ? new long[nIn] : null;
        strideVals = head == STRIDED ? new float[Checks.arraySize("strided heads nIn x 8", nIn, STRIDE)] : null;
        rowStart = new int[Checks.arraySizeSum("rows nIn + 1", nIn, 1)];
        long total = 0;
        for (int i = 0; i < nIn; i++) {
            rowStart[i] = (int) total;
            total += head == STRIDED ? tailSlots(rowSynapses[i]) : slots(rowSynapses[i], head);
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
            int e = 0; // slots of this row filled so far, the strided head's included
            long heads = 0;
            for (int j = 0, k = i * nOut; j < nOut; j++, k++) {
                if (w[k] != 0f) {
                    if (head == STRIDED && e < STRIDE) {
                        heads |= (long) j << (7 * e);
                        strideVals[i * STRIDE + e] = w[k];
                    } else if (narrow) {
                        cols16[s] = (char) j;
                        vals[s++] = w[k];
                    } else {
                        cols[s] = j;
                        vals[s++] = w[k];
                    }
                    e++;
                }
            }
            if (head == STRIDED) {
                for (; e < STRIDE; e++) { // padding of the strided head
                    heads |= (long) ((i + e) % nOut) << (7 * e);
                    strideVals[i * STRIDE + e] = -0f;
                }
                strideCols[i] = heads | (long) rowSynapses[i] << 56;
            }
            for (; s < rowStart[i + 1]; s++, e++) { // padding (only when narrow)
                cols16[s] = (char) ((int) ((i + (long) e) % nOut));
                vals[s] = -0f;
            }
        }
    }

    /** Slots in the strided layout's tail of a row of {@code len} synapses: those beyond 8, in blocks of 4. */
    static int tailSlots(int len) {
        return (Math.max(0, len - STRIDE) + 3) & ~3;
    }

    /** Slots of a row of {@code len} synapses with a head of {@code h} (0: no padding). */
    static int slots(int len, int h) {
        return h == 0 ? len : Math.max(h, (len + 3) & ~3);
    }

    /**
     * The layout with the least estimated cost of adding a row drawn uniformly from {@code histogram} (the number of
     * rows of each length): plain rows (0), blocks of 4 from a head of 4 (4), or, from 16 to 128 outputs, the strided
     * layout ({@link #STRIDED}; with fewer outputs its padding would hit the same few outputs over and over). Per row: plain and blocks of 4 a fixed 2 units, 0.9 per synapse of a plain row or 1.5
     * per slot of a padded one, and 12 times the chance that the row's varying trip count is not the most common one
     * (a mispredicted loop exit); strided 2.5 units plus 0.5 per head slot (8, added with no branch and no row-start
     * load before them), 12 times the chance that the row has a tail (more than 8 synapses) and 1.5 per tail slot.
     * The units are nanoseconds fitted to the vision demo's pruned layers (64 and 128 outputs, 90 % to 99 % pruned;
     * 2-core AMD EPYC, JDK 17, loaded), a crude model. Per row of the 64-output layer 90 % pruned (mean row 6.8 among
     * the inputs that fire): plain 16 ns, a head of 4 13 ns, strided 10 ns; 95 %: head of 4 8.4, strided 7.7 ns;
     * 98.5 %: 6.3 and 6.5 ns. Longer padded heads (8 to 16 slots after a row-start load) lost in the whole network
     * (128 outputs, 90 % pruned: plain rows 25.9 us per frame, a head of 8 30.9 us, of 12 35.6 us), so they are not
     * offered.
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
        if (nOut >= 16 && nOut <= MAX_STRIDED_OUTPUTS) {
            double tail = 0;
            long withTail = 0;
            for (int len = STRIDE + 1; len < histogram.length; len++) {
                tail += 1.5 * histogram[len] * tailSlots(len);
                withTail += histogram[len];
            }
            double cost = 2.5 + 0.5 * STRIDE + (12.0 * withTail + tail) / rows;
            if (cost < bestCost) {
                best = STRIDED;
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

    /** The layout chosen: {@code 0} plain compressed rows, {@link #STRIDED}, or the head of the blocks of 4. */
    public int head() {
        return head;
    }

    /** The stored slots, padding included. */
    public int slotCount() {
        return vals.length + (strideVals != null ? strideVals.length : 0);
    }

    /**
     * Adds the rows of inputs {@code idx[0 .. n)}, in that order, to {@code acc} ({@code nOut} entries or more).
     * Returns the number of surviving synapses added (no marks).
     */
    public long addRows(float[] acc, int[] idx, int n) {
        return addRows(acc, idx, n, null, 0);
    }

    /**
     * Adds the rows of inputs {@code idx[0 .. n)}, in that order, to {@code acc} ({@code nOut} entries or more), and
     * sets {@code mark[i] = step} for every input {@code i} among them (a layer's input spike steps; in the strided
     * layout in the same loop as the adds). Returns the number of surviving synapses added.
     *
     * @param mark {@code nIn} entries or more; modified; null for no marks
     */
    public long addRows(float[] acc, int[] idx, int n, int[] mark, int step) {
        if (head == STRIDED) {
            return addStrided(acc, idx, n, mark, step);
        }
        if (mark != null) {
            for (int k = 0; k < n; k++) {
                mark[idx[k]] = step;
            }
        }
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

    /**
     * The strided layout: each row's 8 head slots at {@code i * 8} with no branch, then, for a row of more than 8
     * synapses only, its tail in blocks of 4; marks each input. Returns the synapses added (the counts in the heads).
     */
    private long addStrided(float[] acc, int[] idx, int n, int[] mark, int step) {
        final long[] hc = strideCols;
        final float[] hv = strideVals;
        final int[] rs = rowStart;
        final char[] c = cols16;
        final float[] v = vals;
        long events = 0;
        final boolean marking = mark != null; // loop-invariant: the JIT unswitches the loop on it
        for (int k = 0; k < n; k++) {
            int i = idx[k];
            if (marking) {
                mark[i] = step;
            }
            long t = hc[i];
            int b = i * STRIDE;
            acc[(int) t & 0x7F] += hv[b];
            acc[(int) (t >>> 7) & 0x7F] += hv[b + 1];
            acc[(int) (t >>> 14) & 0x7F] += hv[b + 2];
            acc[(int) (t >>> 21) & 0x7F] += hv[b + 3];
            acc[(int) (t >>> 28) & 0x7F] += hv[b + 4];
            acc[(int) (t >>> 35) & 0x7F] += hv[b + 5];
            acc[(int) (t >>> 42) & 0x7F] += hv[b + 6];
            acc[(int) (t >>> 49) & 0x7F] += hv[b + 7];
            int len = (int) (t >>> 56);
            events += len;
            if (len > STRIDE) {
                for (int e = rs[i], end = rs[i + 1]; e < end; e += 4) {
                    acc[c[e]] += v[e];
                    acc[c[e + 1]] += v[e + 1];
                    acc[c[e + 2]] += v[e + 2];
                    acc[c[e + 3]] += v[e + 3];
                }
            }
        }
        return events;
    }

    @Override
    public String toString() {
        return "PaddedRows[" + synapses + " synapses, " + slotCount() + " slots, "
                + (head == STRIDED ? "strided" : "head " + head) + ", " + nOut
                + " outputs]";
    }
}
