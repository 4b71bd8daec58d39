package org.snn4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The padded compressed rows of a pruned dense layer against plain loops over the surviving weights: bit-identical
 * sums (starting values {@code -0f}, {@code +0f} and others, rows in any order and repeated) for every head, the
 * synapse count, the padding's {@code -0f}, and the head chosen from row-length histograms.
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
        int[] outs = {1, 3, 4, 7, 8, 16, 33, 64};
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
                for (int head = -1; head <= 16; head += head < 0 ? 1 : 4) {
                    float[] copy = w.clone();
                    PaddedRows rows = new PaddedRows(copy, nIn, nOut, drop, head);
                    float[] acc = start.clone();
                    assertThat(rows.addRows(acc, idx, n)).as("events, head %d", head).isEqualTo(events);
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
                    if (head >= 0) {
                        assertThat(rows.head()).isEqualTo(head);
                    }
                    if (rows.head() > 0) {
                        assertThat(rows.slotCount()).isGreaterThanOrEqualTo(nIn * rows.head()).isEqualTo(
                                slotsOf(w, nIn, nOut, drop, rows.head()));
                    } else {
                        assertThat(rows.slotCount()).isEqualTo(kept);
                    }
                }
            }
        }
    }

    private static int slotsOf(float[] w, int nIn, int nOut, float drop, int head) {
        int total = 0;
        for (int i = 0; i < nIn; i++) {
            int len = 0;
            for (int j = 0; j < nOut; j++) {
                len += Math.abs(w[i * nOut + j]) > drop ? 1 : 0;
            }
            total += Math.max(head, (len + 3) / 4 * 4);
        }
        return total;
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
    }

    @Test
    void theHeadFollowsTheRowLengths() {
        // every row the same length: the plain loop's exit is predicted, padding would only add slots
        long[] same = new long[65];
        same[6] = 8192;
        assertThat(PaddedRows.chooseHead(same, 64)).isZero();
        // the vision demo's 64 outputs, 90 % pruned (row lengths 0..17, mean 6.4): plain rows
        long[] vision = new long[65];
        long[] counts = {11, 59, 219, 536, 907, 1297, 1424, 1270, 970, 692, 400, 233, 86, 54, 23, 8, 2, 1};
        System.arraycopy(counts, 0, vision, 0, counts.length);
        assertThat(PaddedRows.chooseHead(vision, 64)).isZero();
        // 95 % pruned (mean 3.2, Poisson-like): blocks of 4, most rows in one
        long[] ninetyFive = new long[65];
        long[] short95 = {334, 1068, 1709, 1823, 1458, 933, 498, 228, 91, 32, 10, 6, 2};
        System.arraycopy(short95, 0, ninetyFive, 0, short95.length);
        assertThat(PaddedRows.chooseHead(ninetyFive, 64)).isEqualTo(4);
        // the same spread around 12.4 (128 outputs, 90 % pruned): the blocks' trip counts vary as much, plain rows
        long[] longer = new long[129];
        System.arraycopy(counts, 0, longer, 6, counts.length);
        assertThat(PaddedRows.chooseHead(longer, 128)).isZero();
        // mostly empty rows with a few ones (very sparse): the short head of 4 beats a mispredicted exit per row
        long[] sparse = new long[65];
        sparse[0] = 3000;
        sparse[1] = 3000;
        sparse[2] = 1500;
        sparse[3] = 692;
        assertThat(PaddedRows.chooseHead(sparse, 64)).isEqualTo(4);
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
                .hasMessage("head must be a multiple of 4 (0 beyond 65,536 outputs), got 4");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new PaddedRows(new float[4], 2, 2, -1f)).hasMessage("dropBelow must be >= 0, got -1.0");
        assertThatThrownBy(() -> new PaddedRows(new float[4], 2, 2, Float.NaN))
                .hasMessage("dropBelow must be >= 0, got NaN");
        assertThatThrownBy(() -> new PaddedRows(new float[5], 2, 2, 0f))
                .hasMessage("weights must have nIn x nOut = 2 x 2 entries, got 5");
        assertThatThrownBy(() -> new PaddedRows(new float[4], 2, 2, 0f, 6))
                .hasMessage("head must be a multiple of 4 (0 beyond 65,536 outputs), got 6");
    }
}
