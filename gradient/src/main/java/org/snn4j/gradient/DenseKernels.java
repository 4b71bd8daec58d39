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

    /** Side of the square tiles of {@link #transpose}: a tile's rows and columns stay in cache. */
    private static final int TILE = 32;

    /**
     * {@code wt[o * nIn + i] = w[i * nOut + o]}, tile by tile (a plain loop writes one cache line per value).
     *
     * @param wt reused when long enough, else a new array is returned
     */
    static float[] transpose(float[] w, int nIn, int nOut, float[] wt) {
        float[] t = wt != null && wt.length >= w.length ? wt : new float[w.length];
        for (int i0 = 0; i0 < nIn; i0 += TILE) {
            int i1 = Math.min(nIn, i0 + TILE);
            for (int o0 = 0; o0 < nOut; o0 += TILE) {
                int o1 = Math.min(nOut, o0 + TILE);
                for (int o = o0; o < o1; o++) {
                    int tr = o * nIn;
                    for (int i = i0; i < i1; i++) {
                        t[tr + i] = w[i * nOut + o];
                    }
                }
            }
        }
        return t;
    }

    /**
     * {@code a[t * nOut + o] += sum_i x[t][i] w[i][o]} for every step, input by input: each weight row is read
     * from memory once per sample and added to every step in which its input is nonzero. Per output value the
     * additions come in ascending input order, as in {@link #addInput} step by step, so the sums are the same bit
     * for bit.
     *
     * @param lists the input's nonzero entries grouped by input ({@link InputLists#fill})
     */
    static void addInputAllSteps(InputLists lists, float[] w, int nOut, float[] a) {
        int[] start = lists.start;
        int[] step = lists.step;
        float[] value = lists.value;
        int n = lists.inputs;
        for (int i = 0; i < n; i++) {
            int e = start[i];
            int end = start[i + 1];
            int row = i * nOut;
            // two steps per pass: one load of the weight row per two additions
            for (; e + 2 <= end; e += 2) {
                int a0 = step[e] * nOut;
                int a1 = step[e + 1] * nOut;
                float v0 = value[e];
                float v1 = value[e + 1];
                for (int o = 0; o < nOut; o++) {
                    float wv = w[row + o];
                    a[a0 + o] += v0 * wv;
                    a[a1 + o] += v1 * wv;
                }
            }
            if (e < end) {
                int a0 = step[e] * nOut;
                float v0 = value[e];
                for (int o = 0; o < nOut; o++) {
                    a[a0 + o] += v0 * w[row + o];
                }
            }
        }
    }

    /**
     * Overwrites rows {@code [i0, i1)} of the weight gradient: {@code gw[i][o] = sum_s sum_t x_s[t][i] g_s[t][o]},
     * samples in order and steps ascending (the order of {@link #addWeightGradient} called sample by sample and
     * step by step, so the sums are the same bit for bit). Each row is summed in cache and written once.
     *
     * @param x     each sample's input (binary: only the spikes are visited; else the nonzero values)
     * @param g     each sample's output gradient, {@code g[s][t * nOut + o]}
     * @param count samples
     * @param gw    the weight gradient {@code [nIn][nOut]}; rows {@code [i0, i1)} are overwritten
     */
    static void weightGradientRows(Tensor[] x, float[][] g, int count, float[] gw, int nOut, int i0, int i1) {
        int rows = i1 - i0;
        int[] start = new int[rows + 1];
        int total = 0;
        for (int s = 0; s < count; s++) {
            total += countInRange(x[s], i0, i1, start);
        }
        for (int r = 0; r < rows; r++) {
            start[r + 1] += start[r];
        }
        int[] fill = new int[rows];
        int[] sample = new int[total];
        int[] gOff = new int[total];
        float[] value = new float[total];
        for (int s = 0; s < count; s++) {
            Tensor xs = x[s];
            int steps = xs.steps();
            if (xs.binary()) {
                int[] idx = xs.eventIndex();
                int[] st = xs.eventStart();
                for (int t = 0; t < steps; t++) {
                    for (int e = st[t]; e < st[t + 1]; e++) {
                        int i = idx[e];
                        if (i >= i0 && i < i1) {
                            int k = start[i - i0] + fill[i - i0]++;
                            sample[k] = s;
                            gOff[k] = t * nOut;
                            value[k] = 1f;
                        }
                    }
                }
            } else {
                float[] xd = xs.data();
                int nIn = xs.size();
                for (int t = 0; t < steps; t++) {
                    int xb = t * nIn;
                    for (int i = i0; i < i1; i++) {
                        float v = xd[xb + i];
                        if (v != 0f) {
                            int k = start[i - i0] + fill[i - i0]++;
                            sample[k] = s;
                            gOff[k] = t * nOut;
                            value[k] = v;
                        }
                    }
                }
            }
        }
        for (int i = i0; i < i1; i++) {
            int row = i * nOut;
            java.util.Arrays.fill(gw, row, row + nOut, 0f);
            int k = start[i - i0];
            int end = start[i - i0 + 1];
            // four entries per pass: one load and store of the row per four additions, in the same order
            for (; k + 4 <= end; k += 4) {
                float[] ga = g[sample[k]];
                float[] gb = g[sample[k + 1]];
                float[] gc = g[sample[k + 2]];
                float[] gd = g[sample[k + 3]];
                int oa = gOff[k];
                int ob = gOff[k + 1];
                int oc = gOff[k + 2];
                int od = gOff[k + 3];
                float va = value[k];
                float vb = value[k + 1];
                float vc = value[k + 2];
                float vd = value[k + 3];
                for (int o = 0; o < nOut; o++) {
                    float acc = gw[row + o] + va * ga[oa + o];
                    acc += vb * gb[ob + o];
                    acc += vc * gc[oc + o];
                    gw[row + o] = acc + vd * gd[od + o];
                }
            }
            for (; k < end; k++) {
                float[] gs = g[sample[k]];
                int go = gOff[k];
                float v = value[k];
                for (int o = 0; o < nOut; o++) {
                    gw[row + o] += v * gs[go + o];
                }
            }
        }
    }

    /** Adds to {@code count[i + 1 - i0]} the nonzero entries of each input {@code i} in {@code [i0, i1)}; returns all. */
    private static int countInRange(Tensor x, int i0, int i1, int[] count) {
        int total = 0;
        if (x.binary()) {
            int[] idx = x.eventIndex();
            int n = x.eventCount();
            for (int e = 0; e < n; e++) {
                int i = idx[e];
                if (i >= i0 && i < i1) {
                    count[i + 1 - i0]++;
                    total++;
                }
            }
        } else {
            float[] xd = x.data();
            int nIn = x.size();
            for (int t = 0; t < x.steps(); t++) {
                int xb = t * nIn;
                for (int i = i0; i < i1; i++) {
                    if (xd[xb + i] != 0f) {
                        count[i + 1 - i0]++;
                        total++;
                    }
                }
            }
        }
        return total;
    }

    /** Weight values per row partition of {@link #weightGradientRows} (about 1 MB of gradient). */
    private static final int ROW_PART_VALUES = 1 << 18;

    /** Row partitions of an {@code nIn x nOut} weight gradient. */
    static int rowPartitions(int nIn, int nOut) {
        long parts = ((long) nIn * nOut + ROW_PART_VALUES - 1) / ROW_PART_VALUES;
        return (int) Math.max(1, Math.min(nIn, parts));
    }

    /** First row of row partition {@code p} of {@code parts}. */
    static int partitionRow(int p, int parts, int nIn) {
        return (int) ((long) p * nIn / parts);
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
