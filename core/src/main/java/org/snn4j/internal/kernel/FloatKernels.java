package org.snn4j.internal.kernel;

/**
 * The few float loops the event-driven layers spend their time in, behind one small interface so that a
 * Vector API implementation can replace the scalar one where the JDK makes it fast (DESIGN section 4).
 * Both implementations perform, for every output element, the same sequence of float additions in the
 * same order, so their results are bit-identical.
 *
 * <p>Get the implementation with {@link #get()}. Implementations are stateless and thread-safe. Arguments
 * are not checked (these are called in step loops); out-of-range offsets throw
 * {@link ArrayIndexOutOfBoundsException}.
 */
public interface FloatKernels {

    /**
     * {@code dst[dstOff + i] += src[srcOff + i]} for {@code 0 <= i < len} (scatter one weight row).
     *
     * @param dst modified
     * @param src not modified
     */
    void addTo(float[] dst, int dstOff, float[] src, int srcOff, int len);

    /**
     * {@code dst[dstOff + i] -= src[srcOff + i]} for {@code 0 <= i < len} (remove one weight row).
     *
     * @param dst modified
     * @param src not modified
     */
    void subFrom(float[] dst, int dstOff, float[] src, int srcOff, int len);

    /**
     * For {@code 0 <= i < len}: {@code dst[dstOff + i] += src[rows[0] + i] + src[rows[1] + i] + ... } over
     * {@code rows[0 .. nRows)}, the additions made in that order, starting from {@code dst[dstOff + i]}
     * (gather several weight rows into one output row, with the partial sums kept in registers).
     *
     * @param dst  modified
     * @param src  not modified
     * @param rows start offsets of the rows in {@code src}; not modified
     */
    void addRows(float[] dst, int dstOff, float[] src, int[] rows, int nRows, int len);

    /**
     * For {@code 0 <= i < len}: {@code dst[i] = dst[i] + rows[which[from]][i] + rows[which[from + 1]][i] + ...}
     * over {@code which[from .. from + n)}, the additions made in that order (the queued weight rows of one output
     * position added to its potential row at once). The float arrays are read from index 0, which lets the JIT
     * vectorise the scalar loops (with offsets it does not on JDK 17); the scalar implementation adds four rows
     * per pass, each element still one row at a time.
     *
     * @param dst   modified
     * @param rows  not modified; each at least {@code len} long
     * @param which the rows to add, in order, from {@code from}; not modified
     */
    void addRowsInOrder(float[] dst, float[][] rows, int[] which, int from, int n, int len);

    /**
     * The first {@code i} in {@code [from, to)} with {@code v[i] >= base + off[i]}, or {@code to} if there is none
     * (the threshold scan of a population: potentials against a base threshold plus per-neuron offsets). The
     * same comparison as the plain loop ({@code base + off[i]} rounded to float, false for NaN).
     *
     * @param v   not modified
     * @param off not modified
     */
    int firstAtLeast(float[] v, float[] off, float base, int from, int to);

    /**
     * The first {@code i} in {@code [from, to)} with {@code v[i] >= threshold}, or {@code to} if there is none: the
     * threshold scan when every offset is zero. The same result as {@link #firstAtLeast(float[], float[], float,
     * int, int)} with an all-zero {@code off} ({@code threshold + 0f} compares as {@code threshold}, also for
     * {@code -0f}), one load per neuron fewer.
     *
     * @param v not modified
     */
    int firstAtLeast(float[] v, float threshold, int from, int to);

    /**
     * The estimated time of adding one row of {@code len} floats in {@link #addRows} with many rows per call, in
     * nanoseconds of the machine the estimate was fitted on (2-core AMD EPYC, the vision demo's 838 rows per call of
     * 8,192 x 64 weights: scalar 27.5 ns per row of 64 on JDK 17, 256-bit vectors 8.4 ns on JDK 25): the units of
     * {@code PaddedRows.rowCost}, so that a compact layer adds its compressed rows only where that is estimated
     * faster than adding the dense rows.
     */
    double rowCost(int len);

    /** A short name for logs and benchmark output, such as {@code "scalar"} or {@code "vector-512"}. */
    String name();

    /** The implementation chosen at start-up; see {@link KernelProvider}. */
    static FloatKernels get() {
        return KernelProvider.INSTANCE;
    }

    /** The scalar implementation, which runs everywhere (for tests and comparisons). */
    static FloatKernels scalar() {
        return ScalarKernels.INSTANCE;
    }
}
