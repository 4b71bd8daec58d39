package org.snn4j.gradient;

/**
 * The arithmetic of an all-to-all weight matrix {@code w[i * nOut + o]} ([input][output]) on one step: one home
 * for {@link Dense} and {@link RecurrentSpiking}. A binary input adds one contiguous row per spike (event-driven);
 * a real input skips its zeros.
 */
final class DenseKernels {
    /** Output columns per gradient partition. */
    static final int BLOCK = 128;

    private DenseKernels() {
    }

    /** {@code a[aOff + o] += sum_i x[t][i] w[i][o]}. */
    static void addInput(Tensor x, int t, float[] w, int nOut, float[] a, int aOff) {
        if (x.binary()) {
            int[] idx = x.eventIndex();
            int[] start = x.eventStart();
            for (int e = start[t]; e < start[t + 1]; e++) {
                int row = idx[e] * nOut;
                for (int o = 0; o < nOut; o++) {
                    a[aOff + o] += w[row + o];
                }
            }
        } else {
            addDense(x.data(), t * x.size(), x.size(), w, nOut, a, aOff);
        }
    }

    /** {@code a[aOff + o] += sum_i x[xOff + i] w[i][o]}, skipping zero inputs. */
    static void addDense(float[] x, int xOff, int nIn, float[] w, int nOut, float[] a, int aOff) {
        for (int i = 0; i < nIn; i++) {
            float v = x[xOff + i];
            if (v != 0f) {
                int row = i * nOut;
                for (int o = 0; o < nOut; o++) {
                    a[aOff + o] += v * w[row + o];
                }
            }
        }
    }

    /** {@code gx[gxOff + i] += sum_o w[i][o] g[gOff + o]}. */
    static void addInputGradient(float[] w, int nIn, int nOut, float[] g, int gOff, float[] gx, int gxOff) {
        for (int i = 0; i < nIn; i++) {
            int row = i * nOut;
            float s = 0f;
            for (int o = 0; o < nOut; o++) {
                s += w[row + o] * g[gOff + o];
            }
            gx[gxOff + i] += s;
        }
    }

    /** {@code gw[i][o] += x[t][i] g[gOff + o]} for {@code o} in {@code [o0, o1)}. */
    static void addWeightGradient(Tensor x, int t, float[] g, int gOff, float[] gw, int nOut, int o0, int o1) {
        if (x.binary()) {
            int[] idx = x.eventIndex();
            int[] start = x.eventStart();
            for (int e = start[t]; e < start[t + 1]; e++) {
                int row = idx[e] * nOut;
                for (int o = o0; o < o1; o++) {
                    gw[row + o] += g[gOff + o];
                }
            }
        } else {
            float[] xd = x.data();
            int nIn = x.size();
            int xOff = t * nIn;
            for (int i = 0; i < nIn; i++) {
                float v = xd[xOff + i];
                if (v != 0f) {
                    int row = i * nOut;
                    for (int o = o0; o < o1; o++) {
                        gw[row + o] += v * g[gOff + o];
                    }
                }
            }
        }
    }

    /** Sets columns {@code [o0, o1)} of {@code gw} ({@code nIn} rows) to 0. */
    static void clearColumns(float[] gw, int nIn, int nOut, int o0, int o1) {
        for (int i = 0; i < nIn; i++) {
            int row = i * nOut;
            for (int o = o0; o < o1; o++) {
                gw[row + o] = 0f;
            }
        }
    }

    static int partitions(int nOut) {
        return (nOut + BLOCK - 1) / BLOCK;
    }
}
