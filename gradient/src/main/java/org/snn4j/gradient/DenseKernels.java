package org.snn4j.gradient;

/**
 * The arithmetic of an all-to-all weight matrix {@code w[i * nOut + o]} ([input][output]) on one step: one home
 * for {@link Dense} and {@link RecurrentSpiking}. A binary input adds one contiguous row per spike (event-driven);
 * a real input skips its zeros.
 */
final class DenseKernels {
    /** Output columns per gradient partition. */
    static final int BLOCK = 256;

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

    /**
     * {@code gx[gxOff + i] += sum_o w[i][o] g[gOff + o]}, from the transposed weights {@code wt[o * nIn + i]}
     * (row by row: contiguous and vectorisable; outputs with a zero gradient are skipped).
     */
    static void addInputGradient(float[] wt, int nIn, int nOut, float[] g, int gOff, float[] gx, int gxOff) {
        for (int o = 0; o < nOut; o++) {
            float go = g[gOff + o];
            if (go != 0f) {
                int row = o * nIn;
                for (int i = 0; i < nIn; i++) {
                    gx[gxOff + i] += go * wt[row + i];
                }
            }
        }
    }

    /** Inputs per block of {@link #addInputGradientAllSteps}: a block of every step's gradient stays in cache. */
    private static final int INPUT_BLOCK = 4096;

    /**
     * {@link #addInputGradient} for every step {@code t < steps} ({@code g[t * nOut + o]}, {@code gx[t * nIn + i]}),
     * blocked so that each weight row is read once per block of inputs instead of once per step (the matrix does
     * not fit in cache, the gradients of a block of inputs over all steps do). Same sums in the same order as
     * calling {@link #addInputGradient} per step.
     */
    static void addInputGradientAllSteps(float[] wt, int nIn, int nOut, float[] g, float[] gx, int steps) {
        for (int i0 = 0; i0 < nIn; i0 += INPUT_BLOCK) {
            int i1 = Math.min(nIn, i0 + INPUT_BLOCK);
            int o = 0;
            // four outputs per pass: one load and store of gx per four multiply-adds
            for (; o + 4 <= nOut; o += 4) {
                int r0 = o * nIn;
                int r1 = r0 + nIn;
                int r2 = r1 + nIn;
                int r3 = r2 + nIn;
                for (int t = 0; t < steps; t++) {
                    int gb = t * nOut + o;
                    float g0 = g[gb];
                    float g1 = g[gb + 1];
                    float g2 = g[gb + 2];
                    float g3 = g[gb + 3];
                    if (g0 == 0f && g1 == 0f && g2 == 0f && g3 == 0f) {
                        continue;
                    }
                    int xb = t * nIn;
                    for (int i = i0; i < i1; i++) {
                        gx[xb + i] += g0 * wt[r0 + i] + g1 * wt[r1 + i] + g2 * wt[r2 + i] + g3 * wt[r3 + i];
                    }
                }
            }
            for (; o < nOut; o++) {
                int row = o * nIn;
                for (int t = 0; t < steps; t++) {
                    float go = g[t * nOut + o];
                    if (go != 0f) {
                        int xb = t * nIn;
                        for (int i = i0; i < i1; i++) {
                            gx[xb + i] += go * wt[row + i];
                        }
                    }
                }
            }
        }
    }

    static float[] transpose(float[] w, int nIn, int nOut, float[] wt) {
        float[] t = wt != null && wt.length >= w.length ? wt : new float[w.length];
        for (int i = 0; i < nIn; i++) {
            int row = i * nOut;
            for (int o = 0; o < nOut; o++) {
                t[o * nIn + i] = w[row + o];
            }
        }
        return t;
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
