package org.snn4j.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The vector kernels must give bit-identical results to the scalar ones (same order of additions). */
class FloatKernelsTest {
    private final FloatKernels scalar = FloatKernels.scalar();
    private final FloatKernels vector = new VectorKernels();

    @Test
    void providerReturnsAnImplementation() {
        assertThat(FloatKernels.get()).isNotNull();
        assertThat(FloatKernels.get().name()).isNotBlank();
    }

    @Test
    void addToHandComputed() {
        float[] dst = {1f, 2f, 3f, 4f};
        scalar.addTo(dst, 1, new float[] {10f, 20f, 30f}, 1, 2);
        assertThat(dst).containsExactly(1f, 22f, 33f, 4f);
    }

    @Test
    void addRowsHandComputed() {
        float[] src = {1f, 2f, 3f, 10f, 20f, 30f, 100f, 200f, 300f};
        float[] dst = {0.5f, 0.5f, 0.5f};
        scalar.addRows(dst, 0, src, new int[] {0, 6}, 2, 3);
        assertThat(dst).containsExactly(101.5f, 202.5f, 303.5f);
    }

    @Property(tries = 200, seed = "42")
    void addToIsBitIdentical(@ForAll @IntRange(min = 0, max = 300) int len,
                             @ForAll @IntRange(min = 0, max = 7) int off, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] src = random(rng, len + off);
        float[] a = random(rng, len + off);
        float[] b = a.clone();
        scalar.addTo(a, off, src, off, len);
        vector.addTo(b, off, src, off, len);
        assertThat(b).isEqualTo(a);
    }

    @Property(tries = 200, seed = "42")
    void addRowsIsBitIdenticalAndInRowOrder(@ForAll @IntRange(min = 0, max = 300) int len,
                                            @ForAll @IntRange(min = 0, max = 40) int nRows,
                                            @ForAll @IntRange(min = 0, max = 5) int dstOff, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int stride = len + 3;
        float[] src = random(rng, 50 * stride + 3);
        int[] rows = new int[nRows];
        for (int r = 0; r < nRows; r++) {
            rows[r] = rng.nextInt(50) * stride + rng.nextInt(3);
        }
        float[] a = random(rng, len + dstOff);
        float[] b = a.clone();
        float[] naive = a.clone();
        for (int i = 0; i < len; i++) {
            float acc = naive[dstOff + i];
            for (int r = 0; r < nRows; r++) {
                acc += src[rows[r] + i];
            }
            naive[dstOff + i] = acc;
        }
        scalar.addRows(a, dstOff, src, rows, nRows, len);
        vector.addRows(b, dstOff, src, rows, nRows, len);
        assertThat(a).isEqualTo(naive);
        assertThat(b).isEqualTo(naive);
    }

    /**
     * {@code addRowsInOrder} against one plain addition per row, in order, from a non-zero start: bit-identical in
     * both implementations for every count of rows (the scalar one's passes of four, two and one) and every length
     * (vector tails), with rows repeated and in any order.
     */
    @Property(tries = 300, seed = "20261130")
    void addRowsInOrderIsOnePlainAdditionPerRowInOrder(@ForAll @IntRange(min = 0, max = 300) int len,
                                                       @ForAll @IntRange(min = 0, max = 23) int n,
                                                       @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] rows = new float[12][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = random(rng, len + rng.nextInt(3)); // rows may be longer than len
        }
        int from = rng.nextInt(3);
        int[] which = new int[from + n + 2];
        for (int r = 0; r < which.length; r++) {
            which[r] = rng.nextInt(rows.length);
        }
        float[] start = random(rng, len + 1);
        float[] naive = start.clone();
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < len; i++) {
                naive[i] += rows[which[from + r]][i];
            }
        }
        float[] a = start.clone();
        float[] b = start.clone();
        scalar.addRowsInOrder(a, rows, which, from, n, len);
        vector.addRowsInOrder(b, rows, which, from, n, len);
        assertThat(a).isEqualTo(naive);
        assertThat(b).isEqualTo(naive);
    }

    @Test
    void addRowsInOrderHandComputedRoundsEachAddition() {
        // 1e8 + 3 + 3 + 3 + 3 one at a time stays 1e8 (each +3 rounds away); summed first, 12 would count
        float[][] rows = {{3f}, {1e8f}};
        float[] dst = {0f};
        scalar.addRowsInOrder(dst, rows, new int[] {7, 1, 0, 0, 0, 0}, 1, 5, 1);
        assertThat(dst[0]).isEqualTo(1e8f);
        float[] v = {0f};
        vector.addRowsInOrder(v, rows, new int[] {7, 1, 0, 0, 0, 0}, 1, 5, 1);
        assertThat(v[0]).isEqualTo(1e8f);
    }

    /**
     * The threshold scan against a plain loop, over ranges of every alignment and length (tails shorter than a
     * vector), with crossings in the first lane, the last lane, the tail or nowhere, exact ties
     * ({@code v == base + off}), NaN potentials and offsets, and repeated scans from just after each hit.
     */
    @Property(tries = 300, seed = "14")
    void firstAtLeastMatchesAPlainScan(@ForAll @IntRange(min = 0, max = 70) int len,
                                       @ForAll @IntRange(min = 0, max = 9) int from, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = from + len;
        float[] v = random(rng, n);
        float[] off = new float[n];
        float base = 0.9f;
        for (int i = 0; i < n; i++) {
            off[i] = rng.nextInt(4) == 0 ? (float) (rng.nextDouble() * 0.2 - 0.1) : 0f;
            switch (rng.nextInt(30)) {
                case 0 -> v[i] = base + off[i]; // a tie fires
                case 1 -> v[i] = Float.NaN;
                case 2 -> off[i] = Float.NaN;
                case 3 -> v[i] = 2f;
                case 4 -> v[i] = Math.nextDown(base + off[i]);
                default -> { }
            }
        }
        for (int start = from; start <= n; start++) {
            int plain = n;
            for (int i = start; i < n; i++) {
                if (v[i] >= base + off[i]) {
                    plain = i;
                    break;
                }
            }
            assertThat(scalar.firstAtLeast(v, off, base, start, n)).as("scalar from %d", start).isEqualTo(plain);
            assertThat(vector.firstAtLeast(v, off, base, start, n)).as("vector from %d", start).isEqualTo(plain);
        }
    }

    /**
     * The scan without offsets against a plain loop and against the scan with all-zero offsets: every alignment and
     * length, ties, NaN and infinite potentials, thresholds of -0, +0, infinities and NaN, repeated scans.
     */
    @Property(tries = 300, seed = "15")
    void firstAtLeastWithoutOffsetsMatchesZeroOffsets(@ForAll @IntRange(min = 0, max = 70) int len,
                                                      @ForAll @IntRange(min = 0, max = 9) int from, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = from + len;
        float[] thresholds = {0.9f, -0f, 0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, -50f};
        float threshold = thresholds[rng.nextInt(thresholds.length)];
        float[] v = random(rng, n);
        float[] zero = new float[n];
        for (int i = 0; i < n; i++) {
            switch (rng.nextInt(30)) {
                case 0 -> v[i] = threshold; // a tie fires
                case 1 -> v[i] = Float.NaN;
                case 2 -> v[i] = Float.POSITIVE_INFINITY;
                case 3 -> v[i] = Float.NEGATIVE_INFINITY;
                case 4 -> v[i] = Math.nextDown(threshold);
                case 5 -> v[i] = -0f;
                case 6 -> v[i] = 0f;
                default -> { }
            }
        }
        for (int start = from; start <= n; start++) {
            int plain = n;
            for (int i = start; i < n; i++) {
                if (v[i] >= threshold) {
                    plain = i;
                    break;
                }
            }
            assertThat(scalar.firstAtLeast(v, threshold, start, n)).as("scalar from %d", start).isEqualTo(plain);
            assertThat(vector.firstAtLeast(v, threshold, start, n)).as("vector from %d", start).isEqualTo(plain);
            assertThat(scalar.firstAtLeast(v, zero, threshold, start, n)).as("zero offsets from %d", start)
                    .isEqualTo(plain);
        }
    }

    @Test
    void firstAtLeastWithoutOffsetsHandComputed() {
        float[] v = {-1f, Float.NaN, -0f, 2f};
        assertThat(scalar.firstAtLeast(v, 0f, 0, 4)).isEqualTo(2); // -0 >= +0
        assertThat(scalar.firstAtLeast(v, 3f, 0, 4)).isEqualTo(4);
        assertThat(scalar.firstAtLeast(v, 0f, 3, 4)).isEqualTo(3);
        assertThat(scalar.firstAtLeast(v, Float.NaN, 0, 4)).isEqualTo(4);
    }

    private static float[] random(SplittableRandom rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return a;
    }
}
