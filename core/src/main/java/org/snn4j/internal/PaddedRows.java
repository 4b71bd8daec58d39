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
 *       than 8 synapses goes on to its tail: blocks of 4 slots from {@code tailBlock[i]}, each block's 4 targets as
 *       7-bit fields of one {@code int};</li>
 *   <li><b>strided with a block</b> (chosen for 16 to 64 outputs): the same, but every row adds one block of 4 with
 *       no branch (a row of at most 8 synapses one of {@value #DUMMY_BLOCKS} blocks of padding), so only rows of
 *       more than 12 synapses branch: for rows of mixed lengths around 8, where a row's tail is not predictable (a
 *       mispredicted branch costs about as much as 15 slots).</li>
 * </ul>
 *
 * <p>Padding adds {@code -0f}, which changes no float ({@code x + (-0f) == x} bit for bit for every {@code x},
 * {@code -0f} and {@code +0f} included), to targets spread over the outputs ({@code (i + slot) mod nOut}); in the two
 * strided layouts, below 128 outputs, to "sinks" instead: entries {@code nOut .. 127} of a 128-entry copy of the
 * accumulator that the adds work on (copied in and out per call), so padding never waits for a real output's add
 * (about 5-10 % of the adds' time on the vision demo's rows). So every output receives exactly the sums of plain
 * compressed rows: its surviving weights in the order of the rows added, which is the dense layer's order.
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
    /** The estimated cost of adding one of the rows in the chosen layout ({@link #rowCost()}). */
    private final double rowCost;
    /**
     * Strided layout: for row {@code i}, the targets of its first {@value #STRIDE} slots (bits {@code 7s .. 7s+6} for
     * slot {@code s}) and its synapse count (bits 56 to 63).
     */
    private final long[] strideCols;
    /** Strided layouts: the weights of row {@code i}'s first {@value #STRIDE} slots at {@code i * 8 ..}. */
    private final float[] strideVals;
    /** Strided layouts: the first block of row {@code i}'s tail (a padding block for a short row with a block). */
    private final int[] tailBlock;
    /** Strided layouts: the 4 targets of each block of 4 tail slots, 7 bits each. */
    private final int[] blockCols;
    /** Strided layouts: the weights of block {@code b} at {@code b * 4 ..}. */
    private final float[] blockVals;

    /** The slots at a fixed place per row in the strided layout. */
    static final int STRIDE = 8;
    /** The value of {@link #chooseHead} (and {@link #head()}) that stands for the strided layout. */
    static final int STRIDED = -STRIDE;
    /** The value of {@link #chooseHead} (and {@link #head()}) that stands for the strided layout with a block. */
    static final int STRIDED_BLOCK = -STRIDE - 4;
    /** The padding blocks of the strided layout with a block (spread over the sinks), blocks {@code 0 ..} of it. */
    static final int DUMMY_BLOCKS = 16;
    /** The entries of the accumulator copy of the strided layouts (7-bit targets; sinks from {@code nOut} on). */
    private static final int STRIDED_ACC = 128;
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
        if (forcedHead == STRIDED || forcedHead == STRIDED_BLOCK ? nOut > MAX_STRIDED_OUTPUTS
                : forcedHead < -1 || (forcedHead >= 0 && (forcedHead % 4 != 0 || (!narrow && forcedHead > 0)))) {
            throw new IllegalArgumentException("head must be -1, " + STRIDED + " or " + STRIDED_BLOCK
                    + " (up to 128 outputs) or a multiple of 4 (0 beyond 65,536 outputs), got " + forcedHead);
        }
        head = !narrow ? 0 : forcedHead != -1 ? forcedHead : chooseHead(histogram, nOut);
        rowCost = cost(histogram, nOut, head);
        if (head == STRIDED || head == STRIDED_BLOCK) {
            boolean always = head == STRIDED_BLOCK;
            strideCols = new long[nIn];
            strideVals = new float[Checks.arraySize("strided heads nIn x 8", nIn, STRIDE)];
            tailBlock = new int[nIn];
            long blocks = always ? DUMMY_BLOCKS : 0;
            for (int i = 0; i < nIn; i++) {
                tailBlock[i] = (int) blocks;
                blocks += tailSlots(rowSynapses[i]) / 4;
                if (blocks > Integer.MAX_VALUE / 4) {
                    throw new IllegalArgumentException("more than " + Integer.MAX_VALUE / 4 + " blocks of 4 slots");
                }
            }
            blockCols = new int[(int) blocks];
            blockVals = new float[(int) blocks * 4];
            if (always) {
                for (int b = 0; b < DUMMY_BLOCKS; b++) {
                    for (int e = 0; e < 4; e++) {
                        blockCols[b] |= padTarget(b * 4 + e, nOut) << (7 * e);
                        blockVals[b * 4 + e] = -0f;
                    }
                }
            }
            for (int i = 0; i < nIn; i++) {
                int e = 0; // slots of this row filled so far, head included
                long heads = 0;
                int t = tailBlock[i] * 4; // the next tail slot
                for (int j = 0, k = i * nOut; j < nOut; j++, k++) {
                    if (w[k] != 0f) {
                        if (e < STRIDE) {
                            heads |= (long) j << (7 * e);
                            strideVals[i * STRIDE + e] = w[k];
                        } else {
                            blockCols[t >> 2] |= j << (7 * (t & 3));
                            blockVals[t++] = w[k];
                        }
                        e++;
                    }
                }
                for (; e < STRIDE; e++) { // padding of the head
                    heads |= (long) padTarget(i * STRIDE + e, nOut) << (7 * e);
                    strideVals[i * STRIDE + e] = -0f;
                }
                strideCols[i] = heads | (long) rowSynapses[i] << 56;
                for (; (t & 3) != 0; t++) { // padding of the last tail block
                    blockCols[t >> 2] |= padTarget(t, nOut) << (7 * (t & 3));
                    blockVals[t] = -0f;
                }
                if (always && rowSynapses[i] <= STRIDE) {
                    tailBlock[i] = i % DUMMY_BLOCKS;
                }
            }
            rowStart = null;
            cols16 = null;
            cols = null;
            vals = null;
            return;
        }
        strideCols = null;
        strideVals = null;
        tailBlock = null;
        blockCols = null;
        blockVals = null;
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
            int e = 0; // slots of this row filled so far
            for (int j = 0, k = i * nOut; j < nOut; j++, k++) {
                if (w[k] != 0f) {
                    if (narrow) {
                        cols16[s] = (char) j;
                        vals[s++] = w[k];
                    } else {
                        cols[s] = j;
                        vals[s++] = w[k];
                    }
                    e++;
                }
            }
            for (; s < rowStart[i + 1]; s++, e++) { // padding (only when narrow)
                cols16[s] = (char) ((int) ((i + (long) e) % nOut));
                vals[s] = -0f;
            }
        }
    }

    /**
     * The target of padding slot {@code x} in the strided layouts: a sink {@code nOut .. 127} of the accumulator copy
     * below 128 outputs, else an output ({@code x mod nOut}).
     */
    private static int padTarget(int x, int nOut) {
        return nOut < STRIDED_ACC ? nOut + x % (STRIDED_ACC - nOut) : x % nOut;
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
     * load before them), 12 times the chance that the row has a tail (more than 8 synapses) and 1.5 per tail slot;
     * from 16 to 64 outputs (so 64 sinks or more) the strided layout with a block ({@link #STRIDED_BLOCK}): the
     * strided cost with 4 more slots at 0.5 and 1 for the block's place, but the chances and slots of tails beyond
     * 12 synapses (vision demo, 64 outputs 90 % pruned, 18 % of the rows longer than 8: strided 9.9 units, with a
     * block 9.7; measured on its rows and frames 8.5 against 7.5 us per frame).
     * The units are nanoseconds fitted to the vision demo's pruned layers (64 and 128 outputs, 90 % to 99 % pruned;
     * 2-core AMD EPYC, JDK 17, loaded), a crude model. Per row of the 64-output layer 90 % pruned (mean row 6.8 among
     * the inputs that fire): plain 16 ns, a head of 4 13 ns, strided 10 ns; 95 %: head of 4 8.4, strided 7.7 ns;
     * 98.5 %: 6.3 and 6.5 ns. Longer padded heads (8 to 16 slots after a row-start load) lost in the whole network
     * (128 outputs, 90 % pruned: plain rows 25.9 us per frame, a head of 8 30.9 us, of 12 35.6 us), so they are not
     * offered.
     */
    static int chooseHead(long[] histogram, int nOut) {
        int best = 0;
        double bestCost = Double.MAX_VALUE;
        for (int layout : offered(nOut)) {
            double cost = cost(histogram, nOut, layout);
            if (cost < bestCost) {
                bestCost = cost;
                best = layout;
            }
        }
        return best;
    }

    /** The layouts {@link #chooseHead} offers for {@code nOut} outputs, in its order of preference on a tie. */
    private static int[] offered(int nOut) {
        return nOut >= 16 && nOut <= STRIDED_ACC / 2 ? new int[] {0, MAX_HEAD, STRIDED, STRIDED_BLOCK}
                : nOut >= 16 && nOut <= MAX_STRIDED_OUTPUTS ? new int[] {0, MAX_HEAD, STRIDED}
                : nOut >= MAX_HEAD ? new int[] {0, MAX_HEAD} : new int[] {0};
    }

    /**
     * The estimated cost of adding a row drawn uniformly from {@code histogram} in {@code layout} (the units of
     * {@link #chooseHead}, about nanoseconds); 0 for no rows.
     */
    static double cost(long[] histogram, int nOut, int layout) {
        long rows = 0;
        for (long c : histogram) {
            rows += c;
        }
        if (rows == 0) {
            return 0;
        }
        if (layout == STRIDED || layout == STRIDED_BLOCK) {
            boolean block = layout == STRIDED_BLOCK;
            int from = block ? STRIDE + 5 : STRIDE + 1; // the shortest row that goes on to a loop
            double tail = 0;
            long withTail = 0;
            for (int len = from; len < histogram.length; len++) {
                tail += 1.5 * histogram[len] * (tailSlots(len) - (block ? 4 : 0));
                withTail += histogram[len];
            }
            return 2.5 + 0.5 * STRIDE + (block ? 0.5 * 4 + 1.0 : 0) + (12.0 * withTail + tail) / rows;
        }
        int h = layout;
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
        return 2.0 + slotCost / rows + 12.0 * (rows - mode) / rows;
    }

    /** The longest head {@link #chooseHead} offers. */
    static final int MAX_HEAD = 4;

    /**
     * The estimated time to add one of the rows (every row as likely), in nanoseconds of the machine the estimate was
     * fitted on (the units of {@link #chooseHead}); to compare with {@code FloatKernels.rowCost}.
     */
    public double rowCost() {
        return rowCost;
    }

    /** The number of surviving synapses of the rows of inputs {@code idx[0 .. n)}. */
    public long synapsesOf(int[] idx, int n) {
        final int[] len = rowSynapses;
        long events = 0;
        for (int k = 0; k < n; k++) {
            events += len[idx[k]];
        }
        return events;
    }

    /** The number of surviving synapses (padding not counted). */
    public int synapseCount() {
        return synapses;
    }

    /**
     * The layout chosen: {@code 0} plain compressed rows, {@link #STRIDED}, {@link #STRIDED_BLOCK}, or the head of the
     * blocks of 4.
     */
    public int head() {
        return head;
    }

    /** The stored slots, padding included. */
    public int slotCount() {
        return strideVals != null ? strideVals.length + blockVals.length : vals.length;
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
        if (head == STRIDED_BLOCK) {
            return addStridedBlock(acc, idx, n, mark, step);
        }
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
            events = synapsesOf(idx, n); // a separate pass: the scatter loop runs fastest with nothing else in it
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
     * synapses only, its tail in blocks of 4 from {@code tailBlock[i]}; marks each input. Works on a 128-entry copy of
     * the accumulator (the padding's sinks beyond {@code nOut}; its known length also drops the index checks of the
     * 7-bit targets). Returns the synapses added (the counts in the heads).
     *
     * <p>{@link #addStridedBlock} is the same loop for the other strided layout, written out apart on purpose: the
     * JIT compiles each method from its own branch profile, and with one loop for both layouts a JVM that had run
     * the other layout first (the plain strided rows of 64 / 95 % and 128 / 95 %) ran the vision demo's 64 / 90 %
     * pruned frames at 14.5-16.0 instead of 9.1-10.4 us.
     */
    private long addStrided(float[] acc, int[] idx, int n, int[] mark, int step) {
        if (n <= 0) {
            return 0;
        }
        final float[] a = new float[STRIDED_ACC];
        System.arraycopy(acc, 0, a, 0, nOut);
        final long[] hc = strideCols;
        final float[] hv = strideVals;
        final int[] tb = tailBlock;
        final int[] bc = blockCols;
        final float[] bv = blockVals;
        long events = 0;
        final boolean marking = mark != null; // loop-invariant: the JIT unswitches the loop on it
        for (int k = 0; k < n; k++) {
            int i = idx[k];
            if (marking) {
                mark[i] = step;
            }
            long t = hc[i];
            int b = i * STRIDE;
            a[(int) t & 0x7F] += hv[b];
            a[(int) (t >>> 7) & 0x7F] += hv[b + 1];
            a[(int) (t >>> 14) & 0x7F] += hv[b + 2];
            a[(int) (t >>> 21) & 0x7F] += hv[b + 3];
            a[(int) (t >>> 28) & 0x7F] += hv[b + 4];
            a[(int) (t >>> 35) & 0x7F] += hv[b + 5];
            a[(int) (t >>> 42) & 0x7F] += hv[b + 6];
            a[(int) (t >>> 49) & 0x7F] += hv[b + 7];
            int len = (int) (t >>> 56);
            events += len;
            if (len > STRIDE) {
                // the first block straight (a loop here costs the JIT's loop set-up on every row), then the rest
                int p = tb[i];
                int c = bc[p];
                int q = p * 4;
                a[c & 0x7F] += bv[q];
                a[(c >>> 7) & 0x7F] += bv[q + 1];
                a[(c >>> 14) & 0x7F] += bv[q + 2];
                a[(c >>> 21) & 0x7F] += bv[q + 3];
                if (len > STRIDE + 4) {
                    for (int end = p + tailSlots(len) / 4; ++p < end;) {
                        c = bc[p];
                        q = p * 4;
                        a[c & 0x7F] += bv[q];
                        a[(c >>> 7) & 0x7F] += bv[q + 1];
                        a[(c >>> 14) & 0x7F] += bv[q + 2];
                        a[(c >>> 21) & 0x7F] += bv[q + 3];
                    }
                }
            }
        }
        System.arraycopy(a, 0, acc, 0, nOut);
        return events;
    }

    /**
     * The strided layout with a block: as {@link #addStrided}, but every row adds one block of 4 from
     * {@code tailBlock[i]} with no branch (a row of at most 8 synapses a block of padding), and only a row of more
     * than 12 synapses goes on to its further blocks.
     */
    private long addStridedBlock(float[] acc, int[] idx, int n, int[] mark, int step) {
        if (n <= 0) {
            return 0;
        }
        final float[] a = new float[STRIDED_ACC];
        System.arraycopy(acc, 0, a, 0, nOut);
        final long[] hc = strideCols;
        final float[] hv = strideVals;
        final int[] tb = tailBlock;
        final int[] bc = blockCols;
        final float[] bv = blockVals;
        long events = 0;
        final boolean marking = mark != null; // loop-invariant: the JIT unswitches the loop on it
        for (int k = 0; k < n; k++) {
            int i = idx[k];
            if (marking) {
                mark[i] = step;
            }
            long t = hc[i];
            int b = i * STRIDE;
            a[(int) t & 0x7F] += hv[b];
            a[(int) (t >>> 7) & 0x7F] += hv[b + 1];
            a[(int) (t >>> 14) & 0x7F] += hv[b + 2];
            a[(int) (t >>> 21) & 0x7F] += hv[b + 3];
            a[(int) (t >>> 28) & 0x7F] += hv[b + 4];
            a[(int) (t >>> 35) & 0x7F] += hv[b + 5];
            a[(int) (t >>> 42) & 0x7F] += hv[b + 6];
            a[(int) (t >>> 49) & 0x7F] += hv[b + 7];
            int len = (int) (t >>> 56);
            events += len;
            // the first block straight (a loop here costs the JIT's loop set-up on every row), then the rest
            int p = tb[i];
            int c = bc[p];
            int q = p * 4;
            a[c & 0x7F] += bv[q];
            a[(c >>> 7) & 0x7F] += bv[q + 1];
            a[(c >>> 14) & 0x7F] += bv[q + 2];
            a[(c >>> 21) & 0x7F] += bv[q + 3];
            if (len > STRIDE + 4) {
                for (int end = p + tailSlots(len) / 4; ++p < end;) {
                    c = bc[p];
                    q = p * 4;
                    a[c & 0x7F] += bv[q];
                    a[(c >>> 7) & 0x7F] += bv[q + 1];
                    a[(c >>> 14) & 0x7F] += bv[q + 2];
                    a[(c >>> 21) & 0x7F] += bv[q + 3];
                }
            }
        }
        System.arraycopy(a, 0, acc, 0, nOut);
        return events;
    }

    @Override
    public String toString() {
        return "PaddedRows[" + synapses + " synapses, " + slotCount() + " slots, "
                + (head == STRIDED ? "strided" : head == STRIDED_BLOCK ? "strided with a block" : "head " + head)
                + ", " + nOut + " outputs]";
    }
}
