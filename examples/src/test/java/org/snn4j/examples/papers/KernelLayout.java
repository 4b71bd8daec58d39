package org.snn4j.examples.papers;

/**
 * Index math between the conventional {@code [outC][inC][k][k]} (OIHW) weight order and the
 * {@code [inC][k][k][outC]} order the fast convolution stages keep internally (output channel innermost,
 * for the scatter loop). Shared by {@link SpikingConv} and {@link DecisionConv}.
 */
final class KernelLayout {
    private KernelLayout() {
    }

    /** Index of {@code W[o][c][ky][kx]} in the internal {@code [inC][k][k][outC]} array. */
    static int index(int o, int c, int ky, int kx, int k, int outC) {
        return ((c * k + ky) * k + kx) * outC + o;
    }

    /** The internal weights {@code w} in OIHW order (a new array). @param w not modified */
    static float[] toOihw(float[] w, int inC, int k, int outC) {
        float[] out = new float[w.length];
        int n = 0;
        for (int o = 0; o < outC; o++) {
            for (int c = 0; c < inC; c++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        out[n++] = w[index(o, c, ky, kx, k, outC)];
                    }
                }
            }
        }
        return out;
    }

    /** Copies {@code oihw} (same length as {@code w}, checked by the caller) into {@code w}. @param w modified */
    static void fromOihw(float[] oihw, float[] w, int inC, int k, int outC) {
        int n = 0;
        for (int o = 0; o < outC; o++) {
            for (int c = 0; c < inC; c++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        w[index(o, c, ky, kx, k, outC)] = oihw[n++];
                    }
                }
            }
        }
    }
}
