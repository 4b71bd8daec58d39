package org.snn4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The padded compressed rows of a pruned dense layer against plain loops over the surviving weights: bit-identical
 * sums (starting values {@code -0f}, {@code +0f} and others, rows in any order and repeated) for every head and the
 * strided layout, the synapse count, the padding's {@code -0f}, and the layout chosen from row-length histograms.
 */
class PaddedRowsTest {

    /** The reference: for each input in order, its weights above the threshold, added one by one. */
    private static long reference(float[] acc, float[] w, int nOut, float drop, int[] idx, int n) {
        long events = 0;
        for (int k = 0; k < n; k++) {
            int i = idx[k];
            for (int j = 0; j < nOut; j++) {
                float x = w[i * nOut + j];
                if (Math.abs(x) > drop) {
                    acc[j] += x;
                    events++;
                }
            }
        }
        return events;
    }

    @Test
    void everyHeadAddsExactlyTheSurvivingWeightsInRowOrder() {
        SplittableRandom r = new SplittableRandom(11);
        int[] outs = {1, 3, 4, 7, 8, 9, 16, 33, 64, 127, 128, 200};
        for (int nOut : outs) {
            for (int trial = 0; trial < 6; trial++) {
                int nIn = 1 + r.nextInt(40);
                float keep = (float) r.nextDouble(); // fraction of weights above the threshold, 0..1
                float[] w = new float[nIn * nOut];
                for (int k = 0; k < w.length; k++) {
                    boolean big = r.nextFloat() < keep;
                    float mag = big ? 0.5f + r.nextFloat() : 0.5f * r.nextFloat();
                    w[k] = r.nextBoolean() ? mag : -mag;
                }
                float drop = 0.5f;
                int n = r.nextInt(2 * nIn + 1);
                int[] idx = new int[n];
                for (int k = 0; k < n; k++) {
                    idx[k] = r.nextInt(nIn); // any order, repeats allowed
                }
                float[] start = new float[nOut];
                for (int j = 0; j < nOut; j++) {
                    int kind = r.nextInt(3);
                    start[j] = kind == 0 ? -0f : kind == 1 ? 0f : (float) r.nextGaussian();
                }
                float[] expected = start.clone();
                long events = reference(expected, w, nOut, drop, idx, n);
                for (int head : LAYOUTS) {
                    boolean strided = head == PaddedRows.STRIDED || head == PaddedRows.STRIDED_BLOCK;
                    if (strided && nOut > PaddedRows.MAX_STRIDED_OUTPUTS) {
                        continue;
                    }
                    float[] copy = w.clone();
                    PaddedRows rows = new PaddedRows(copy, nIn, nOut, drop, head);
                    float[] acc = start.clone();
                    int[] mark = new int[nIn];
                    java.util.Arrays.fill(mark, -1);
                    assertThat(rows.addRows(acc, idx, n, mark, 7)).as("events, head %d", head).isEqualTo(events);
                    boolean[] fired = new boolean[nIn];
                    for (int k = 0; k < n; k++) {
                        fired[idx[k]] = true;
                    }
                    for (int i = 0; i < nIn; i++) {
                        assertThat(mark[i]).as("mark of input %d, head %d", i, head).isEqualTo(fired[i] ? 7 : -1);
                    }
                    for (int j = 0; j < nOut; j++) {
                        assertThat(Float.floatToRawIntBits(acc[j])).as("output %d, nOut %d, head %d", j, nOut, head)
                                .isEqualTo(Float.floatToRawIntBits(expected[j]));
                    }
                    int kept = 0;
                    for (int k = 0; k < w.length; k++) {
                        boolean survives = Math.abs(w[k]) > drop;
                        kept += survives ? 1 : 0;
                        assertThat(copy[k]).isEqualTo(survives ? w[k] : 0f); // dropped weights zeroed in place
                    }
                    assertThat(rows.synapseCount()).isEqualTo(kept);
                    if (head != -1) {
                        assertThat(rows.head()).isEqualTo(head);
                    }
                    if (rows.head() == PaddedRows.STRIDED) {
                        assertThat(rows.slotCount()).isEqualTo(nIn * PaddedRows.STRIDE + tailSlotsOf(w, nIn, nOut, drop));
                    } else if (rows.head() == PaddedRows.STRIDED_BLOCK) {
                        assertThat(rows.slotCount()).isEqualTo(nIn * PaddedRows.STRIDE + 4 * PaddedRows.DUMMY_BLOCKS
                                + tailSlotsOf(w, nIn, nOut, drop));
                    } else if (rows.head() > 0) {
                        assertThat(rows.slotCount()).isGreaterThanOrEqualTo(nIn * rows.head()).isEqualTo(
                                slotsOf(w, nIn, nOut, drop, rows.head()));
                    } else {
                        assertThat(rows.slotCount()).isEqualTo(kept);
                    }
                }
            }
        }
    }

    /** Every layout: the two strided ones, the chosen one (-1), plain rows and heads of 4 to 16. */
    private static final int[] LAYOUTS = {PaddedRows.STRIDED_BLOCK, PaddedRows.STRIDED, -1, 0, 4, 8, 12, 16};

    /** Slots beyond the strided heads: each row's synapses past the 8th, in blocks of 4. */
    private static int tailSlotsOf(float[] w, int nIn, int nOut, float drop) {
        int total = 0;
        for (int len : rowLengths(w, nIn, nOut, drop)) {
            total += len > 8 ? (len - 8 + 3) / 4 * 4 : 0;
        }
        return total;
    }

    private static int slotsOf(float[] w, int nIn, int nOut, float drop, int head) {
        int total = 0;
        for (int len : rowLengths(w, nIn, nOut, drop)) {
            total += Math.max(head, (len + 3) / 4 * 4);
        }
        return total;
    }

    private static int[] rowLengths(float[] w, int nIn, int nOut, float drop) {
        int[] lengths = new int[nIn];
        for (int i = 0; i < nIn; i++) {
            for (int j = 0; j < nOut; j++) {
                lengths[i] += Math.abs(w[i * nOut + j]) > drop ? 1 : 0;
            }
        }
        return lengths;
    }

    /** A row with no survivor is all padding, which leaves {@code -0f} and every other value bit for bit alone. */
    @Test
    void paddingChangesNoValueNotEvenTheSignOfZero() {
        float[] w = {0.1f, 0.2f, 0.05f, 0.3f, 2f, 0f, 0f, 0f};
        PaddedRows rows = new PaddedRows(w, 2, 4, 0.5f, 8);
        assertThat(rows.slotCount()).isEqualTo(16);
        float[] acc = {-0f, 0f, -0f, Float.MIN_VALUE};
        assertThat(rows.addRows(acc, new int[] {0, 0}, 2)).isZero();
        assertThat(Float.floatToRawIntBits(acc[0])).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(Float.floatToRawIntBits(acc[1])).isEqualTo(Float.floatToRawIntBits(0f));
        assertThat(Float.floatToRawIntBits(acc[2])).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(acc[3]).isEqualTo(Float.MIN_VALUE);
        assertThat(rows.addRows(acc, new int[] {1}, 1)).isOne();
        assertThat(acc).containsExactly(2f, 0f, -0f, Float.MIN_VALUE);
        // the strided heads: 8 slots per row over 4 outputs, each output padded twice in an empty row
        PaddedRows strided = new PaddedRows(new float[] {0.1f, 0.2f, 0.05f, 0.3f, 2f, 0f, 0f, 0f}, 2, 4, 0.5f,
                PaddedRows.STRIDED);
        assertThat(strided.slotCount()).isEqualTo(16);
        float[] acc2 = {-0f, 0f, -0f, Float.MIN_VALUE};
        assertThat(strided.addRows(acc2, new int[] {0, 0}, 2)).isZero();
        assertThat(Float.floatToRawIntBits(acc2[0])).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(Float.floatToRawIntBits(acc2[1])).isEqualTo(Float.floatToRawIntBits(0f));
        assertThat(Float.floatToRawIntBits(acc2[2])).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(acc2[3]).isEqualTo(Float.MIN_VALUE);
        assertThat(strided.addRows(acc2, new int[] {1}, 1)).isOne();
        assertThat(acc2).containsExactly(2f, 0f, -0f, Float.MIN_VALUE);
    }

    /**
     * The strided layout with a block at 64 outputs: rows of every length around the head (8) and the block (12) and
     * beyond (13, 16, 17, 64), added in turn onto an accumulator longer than the outputs, whose extra entries stay
     * untouched (the padding goes to the sinks of the layout's own copy).
     */
    @Test
    void stridedRowsWithABlockAddEveryLengthAndLeaveTheRestAlone() {
        int nOut = 64;
        int[] lengths = {0, 1, 7, 8, 9, 12, 13, 16, 17, 64};
        float[] w = new float[lengths.length * nOut];
        for (int i = 0; i < lengths.length; i++) {
            for (int s = 0; s < lengths[i]; s++) {
                w[i * nOut + (s * 37 + i) % nOut] = 1f + i + s / 128f; // distinct targets, values exact in float
            }
        }
        PaddedRows rows = new PaddedRows(w.clone(), lengths.length, nOut, 0f, PaddedRows.STRIDED_BLOCK);
        assertThat(rows.head()).isEqualTo(PaddedRows.STRIDED_BLOCK);
        assertThat(rows.toString()).contains("strided with a block");
        int[] idx = {9, 0, 4, 5, 3, 6, 8, 1, 7, 2, 4};
        float[] acc = new float[nOut + 3];
        acc[nOut] = -0f;
        acc[nOut + 1] = 5f;
        float[] expected = acc.clone();
        long events = reference(expected, w, nOut, 0f, idx, idx.length);
        assertThat(rows.addRows(acc, idx, idx.length)).isEqualTo(events);
        for (int j = 0; j < acc.length; j++) {
            assertThat(Float.floatToRawIntBits(acc[j])).as("entry %d", j)
                    .isEqualTo(Float.floatToRawIntBits(expected[j]));
        }
        assertThat(rows.addRows(acc, idx, 0)).isZero();
    }

    /** A full row of 128 outputs: 8 head slots, 120 in the tail; the last output's 7 bits end below the count byte. */
    @Test
    void stridedRowsReachEveryOneOf128Outputs() {
        int nOut = 128;
        float[] w = new float[2 * nOut];
        for (int j = 0; j < nOut; j++) {
            w[j] = j + 1;
            w[nOut + nOut - 1 - j] = j < 9 ? 1000f + j : 0f; // row 1: outputs 127 .. 119, one past the head
        }
        PaddedRows rows = new PaddedRows(w.clone(), 2, nOut, 0f, PaddedRows.STRIDED);
        assertThat(rows.slotCount()).isEqualTo(2 * 8 + 120 + 4);
        float[] acc = new float[nOut];
        assertThat(rows.addRows(acc, new int[] {0, 1}, 2)).isEqualTo(nOut + 9);
        for (int j = 0; j < nOut; j++) {
            float expected = j + 1f + (j >= nOut - 9 ? 1000f + (nOut - 1 - j) : 0f);
            assertThat(acc[j]).as("output %d", j).isEqualTo(expected);
        }
        assertThatThrownBy(() -> new PaddedRows(new float[129], 1, 129, 0f, PaddedRows.STRIDED))
                .hasMessage("head must be -1, -8 or -12 (up to 128 outputs) or a multiple of 4 (0 beyond 65,536 outputs),"
                        + " got -8");
    }

    @Test
    void theHeadFollowsTheRowLengths() {
        // every row the same length 12: beyond 128 outputs plain rows (the loop's exit is predicted, padding would
        // only add slots); at 64 the strided layout with a block holds each row in 12 slots with no branch
        long[] same = new long[301];
        same[12] = 8192;
        assertThat(PaddedRows.chooseHead(same, 300)).isZero();
        assertThat(PaddedRows.chooseHead(java.util.Arrays.copyOf(same, 65), 64)).isEqualTo(PaddedRows.STRIDED_BLOCK);
        // the vision demo's 64 outputs, 90 % pruned (row lengths 0..17, mean 6.4): strided with a block, 98.9 % of
        // the rows within the 12 slots that take no data-dependent branch
        long[] vision = new long[65];
        long[] counts = {11, 59, 219, 536, 907, 1297, 1424, 1270, 970, 692, 400, 233, 86, 54, 23, 8, 2, 1};
        System.arraycopy(counts, 0, vision, 0, counts.length);
        assertThat(PaddedRows.chooseHead(vision, 64)).isEqualTo(PaddedRows.STRIDED_BLOCK);
        // the same at 128 outputs: no sinks for the padding block, strided
        long[] vision128 = new long[129];
        System.arraycopy(counts, 0, vision128, 0, counts.length);
        assertThat(PaddedRows.chooseHead(vision128, 128)).isEqualTo(PaddedRows.STRIDED);
        // the same beyond 128 outputs, where targets do not fit 7 bits: plain rows
        long[] visionWide = new long[301];
        System.arraycopy(counts, 0, visionWide, 0, counts.length);
        assertThat(PaddedRows.chooseHead(visionWide, 300)).isZero();
        // 95 % pruned (mean 3.2, Poisson-like): strided (almost no row has a tail)
        long[] ninetyFive = new long[65];
        long[] short95 = {334, 1068, 1709, 1823, 1458, 933, 498, 228, 91, 32, 10, 6, 2};
        System.arraycopy(short95, 0, ninetyFive, 0, short95.length);
        assertThat(PaddedRows.chooseHead(ninetyFive, 64)).isEqualTo(PaddedRows.STRIDED);
        // and beyond 128 outputs blocks of 4, most rows in one
        long[] ninetyFiveWide = new long[301];
        System.arraycopy(short95, 0, ninetyFiveWide, 0, short95.length);
        assertThat(PaddedRows.chooseHead(ninetyFiveWide, 300)).isEqualTo(4);
        // the vision spread around 18.4: nearly every row has a tail of varying length, plain rows
        long[] longer = new long[129];
        System.arraycopy(counts, 0, longer, 12, counts.length);
        assertThat(PaddedRows.chooseHead(longer, 128)).isZero();
        // mostly empty rows (99.9 % pruned): plain rows, whose exit is predicted for most
        long[] empty = new long[65];
        empty[0] = 8000;
        empty[1] = 192;
        assertThat(PaddedRows.chooseHead(empty, 64)).isZero();
        assertThat(PaddedRows.chooseHead(new long[4], 3)).isZero(); // no rows; fewer than 4 outputs: no head
        long[] three = new long[4];
        three[1] = 5;
        three[3] = 5;
        assertThat(PaddedRows.chooseHead(three, 3)).isZero();
    }

    @Test
    void beyond65536OutputsTargetsAreIntsWithoutPadding() {
        int nOut = (1 << 16) + 3;
        float[] w = new float[2 * nOut];
        w[nOut - 1] = 1f;
        w[nOut + nOut - 1] = 2f;
        w[nOut + 5] = 0.25f;
        PaddedRows rows = new PaddedRows(w, 2, nOut, 0.1f);
        assertThat(rows.head()).isZero();
        assertThat(rows.slotCount()).isEqualTo(3);
        float[] acc = new float[nOut];
        assertThat(rows.addRows(acc, new int[] {1, 0}, 2)).isEqualTo(3);
        assertThat(acc[nOut - 1]).isEqualTo(3f);
        assertThat(acc[5]).isEqualTo(0.25f);
        assertThatThrownBy(() -> new PaddedRows(new float[2 * nOut], 2, nOut, 0.1f, 4))
                .hasMessage("head must be -1, -8 or -12 (up to 128 outputs) or a multiple of 4 (0 beyond 65,536 outputs),"
                        + " got 4");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new PaddedRows(new float[4], 2, 2, -1f)).hasMessage("dropBelow must be >= 0, got -1.0");
        assertThatThrownBy(() -> new PaddedRows(new float[4], 2, 2, Float.NaN))
                .hasMessage("dropBelow must be >= 0, got NaN");
        assertThatThrownBy(() -> new PaddedRows(new float[5], 2, 2, 0f))
                .hasMessage("weights must have nIn x nOut = 2 x 2 entries, got 5");
        assertThatThrownBy(() -> new PaddedRows(new float[4], 2, 2, 0f, 6))
                .hasMessage("head must be -1, -8 or -12 (up to 128 outputs) or a multiple of 4 (0 beyond 65,536 outputs),"
                        + " got 6");
        assertThatThrownBy(() -> new PaddedRows(new float[4], 2, 2, 0f, -2))
                .hasMessage("head must be -1, -8 or -12 (up to 128 outputs) or a multiple of 4 (0 beyond 65,536 outputs),"
                        + " got -2");
    }
}
