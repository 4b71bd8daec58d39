package org.snn4j.layer;

/**
 * Index arithmetic shared by the convolution and pooling layers: which output rows (or columns) of a
 * sliding window of size {@code k}, stride {@code s} and zero padding {@code p} see input row {@code y}.
 * Output row {@code o} sees input rows {@code o*s - p .. o*s - p + k - 1}.
 */
final class Windows {
    private Windows() {
    }

    /** Output size {@code floor((n + 2p - k) / s) + 1}, or a value < 1 if the window does not fit. */
    static int outputSize(int n, int k, int s, int p) {
        long size = Math.floorDiv((long) n + 2L * p - k, (long) s) + 1;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, size));
    }

    /** The first output index whose window contains input {@code y} (may exceed {@code last}). */
    static int first(int y, int k, int s, int p) {
        int a = y + p - k + 1;
        int f = -Math.floorDiv(-a, s); // ceil(a / s)
        return Math.max(f, 0);
    }

    /** The last output index whose window contains input {@code y}, clipped to {@code outSize - 1}. */
    static int last(int y, int s, int p, int outSize) {
        return Math.min(Math.floorDiv(y + p, s), outSize - 1);
    }
}
