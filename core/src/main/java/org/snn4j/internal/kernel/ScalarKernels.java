package org.snn4j.internal.kernel;

/** Plain loops; the reference implementation and the fallback on every JDK. */
final class ScalarKernels implements FloatKernels {
    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public void addTo(float[] dst, int dstOff, float[] src, int srcOff, int len) {
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] += src[srcOff + i];
        }
    }

    @Override
    public void subFrom(float[] dst, int dstOff, float[] src, int srcOff, int len) {
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] -= src[srcOff + i];
        }
    }

    @Override
    public int firstAtLeast(float[] v, float[] off, float base, int from, int to) {
        for (int i = from; i < to; i++) {
            if (v[i] >= base + off[i]) {
                return i;
            }
        }
        return to;
    }

    @Override
    public int firstAtLeast(float[] v, float threshold, int from, int to) {
        for (int i = from; i < to; i++) {
            if (v[i] >= threshold) {
                return i;
            }
        }
        return to;
    }

    @Override
    public void addRowsInOrder(float[] dst, float[][] rows, int[] which, int from, int n, int len) {
        int r = 0;
        // four rows per pass: one load and store of dst per four rows; a + b + c is (a + b) + c in Java, so each
        // element still adds the rows one by one in order
        for (; r + 4 <= n; r += 4) {
            float[] a = rows[which[from + r]];
            float[] b = rows[which[from + r + 1]];
            float[] c = rows[which[from + r + 2]];
            float[] d = rows[which[from + r + 3]];
            for (int i = 0; i < len; i++) {
                dst[i] = dst[i] + a[i] + b[i] + c[i] + d[i];
            }
        }
        if (r + 2 <= n) {
            float[] a = rows[which[from + r]];
            float[] b = rows[which[from + r + 1]];
            for (int i = 0; i < len; i++) {
                dst[i] = dst[i] + a[i] + b[i];
            }
            r += 2;
        }
        if (r < n) {
            float[] a = rows[which[from + r]];
            for (int i = 0; i < len; i++) {
                dst[i] += a[i];
            }
        }
    }

    @Override
    public void addRows(float[] dst, int dstOff, float[] src, int[] rows, int nRows, int len) {
        if (nRows <= 4) {
            // Few rows (sparse input, e.g. rate-coded): one pass per row, which the JIT vectorises; each output
            // still adds the rows in order, so the sums are the same as below.
            for (int r = 0; r < nRows; r++) {
                int s = rows[r];
                for (int i = 0; i < len; i++) {
                    dst[dstOff + i] += src[s + i];
                }
            }
            return;
        }
        // Blocks of 8 outputs keep partial sums in locals; each output still adds rows in order.
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            int d = dstOff + i;
            float a0 = dst[d], a1 = dst[d + 1], a2 = dst[d + 2], a3 = dst[d + 3];
            float a4 = dst[d + 4], a5 = dst[d + 5], a6 = dst[d + 6], a7 = dst[d + 7];
            for (int r = 0; r < nRows; r++) {
                int s = rows[r] + i;
                a0 += src[s];
                a1 += src[s + 1];
                a2 += src[s + 2];
                a3 += src[s + 3];
                a4 += src[s + 4];
                a5 += src[s + 5];
                a6 += src[s + 6];
                a7 += src[s + 7];
            }
            dst[d] = a0;
            dst[d + 1] = a1;
            dst[d + 2] = a2;
            dst[d + 3] = a3;
            dst[d + 4] = a4;
            dst[d + 5] = a5;
            dst[d + 6] = a6;
            dst[d + 7] = a7;
        }
        for (; i < len; i++) {
            float a = dst[dstOff + i];
            for (int r = 0; r < nRows; r++) {
                a += src[rows[r] + i];
            }
            dst[dstOff + i] = a;
        }
    }

    /** 0.43 per float: blocks of 8 outputs in locals, 8 scalar adds per row and block. */
    @Override
    public double rowCost(int len) {
        return 0.43 * len;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
