package org.snn4j.examples.papers;

import java.util.Arrays;
import java.util.Objects;

/**
 * The decision layer of Mozafari et al. (2019), conv3: a convolution with no threshold whose neurons are
 * read once, at the last step (SpykeTorch's {@code fire(pot)} with no threshold). The winner is the
 * neuron with the largest final potential, among those with potential {@code > 0}; ties go to the lower
 * CHW index. Its feature map decides the class ({@code map / mapsPerClass}); no positive potential at all
 * means silence (counted as wrong).
 *
 * <p>Because the layer has no threshold and no leak, only the final input spike map matters, so a
 * presentation is one pass over a bitmap. The input is usually almost all active (~99 % for MNIST), so the
 * potentials start from per-position weight totals (sums over the non-padding window, kept up to date
 * after every weight change) and subtract the inactive inputs; when fewer than half the inputs are active
 * the active ones are added to zero instead. Both orders are fixed, so results are deterministic; they
 * differ from a naive sum only by float rounding.
 *
 * <p>R-STDP (Mozafari et al. 2018, doi:10.1109/TNNLS.2018.2826721; 2019, doi:10.1016/j.patcog.2019.05.015):
 * for the winner's receptive field, {@code w += aLtp} where the input fired (it fired before the decision,
 * at the last step) and {@code w += aLtd} elsewhere (including padding), no stabiliser, then clamp to
 * {@code [lo, hi]}. Reward uses (+0.004, -0.003), punishment the anti-STDP pair (-0.004, +0.0005), each
 * scaled by the caller.
 *
 * <p>Weights are {@code [inC][k][k][outC]} internally, exchanged as {@code [outC][inC][k][k]}.
 * Deciding is read-only and may run on many threads, each with its own {@link Work}; learning must not
 * overlap with deciding.
 */
public final class DecisionConv {
    final int inC;
    final int inH;
    final int inW;
    final int pad;
    final int k;
    final int outC;
    final int outH;
    final int outW;
    final float lo;
    final float hi;
    final float[] w;
    /** {@code [outH*outW][outC]}: sum of weights over the non-padding window of each output position. */
    final float[] totals;

    /**
     * @param lo lower weight bound (R-STDP clamps to [lo, hi])
     * @param hi upper weight bound, > lo
     */
    public DecisionConv(int inC, int inH, int inW, int pad, int k, int outC, float lo, float hi) {
        if (inC < 1 || inH < 1 || inW < 1 || k < 1 || outC < 1 || pad < 0) {
            throw new IllegalArgumentException("invalid geometry: inC " + inC + ", in " + inH + "x" + inW
                    + ", pad " + pad + ", k " + k + ", outC " + outC);
        }
        if (!(lo < hi)) {
            throw new IllegalArgumentException("lo must be < hi, got " + lo + " and " + hi);
        }
        this.inC = inC;
        this.inH = inH;
        this.inW = inW;
        this.pad = pad;
        this.k = k;
        this.outC = outC;
        this.outH = inH + 2 * pad - k + 1;
        this.outW = inW + 2 * pad - k + 1;
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("kernel " + k + " larger than the padded input");
        }
        this.lo = lo;
        this.hi = hi;
        this.w = new float[inC * k * k * outC];
        this.totals = new float[outH * outW * outC];
    }

    /** Input size {@code inC * inH * inW}. */
    public int inputSize() {
        return inC * inH * inW;
    }

    /** Output size {@code outC * outH * outW}. */
    public int outputSize() {
        return outC * outH * outW;
    }

    /** Number of weights. */
    public int weightCount() {
        return w.length;
    }

    private int wIndex(int o, int c, int ky, int kx) {
        return ((c * k + ky) * k + kx) * outC + o;
    }

    /** The weights in {@code [outC][inC][k][k]} order (a new array). */
    public float[] weightsOIHW() {
        float[] out = new float[w.length];
        int n = 0;
        for (int o = 0; o < outC; o++) {
            for (int c = 0; c < inC; c++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        out[n++] = w[wIndex(o, c, ky, kx)];
                    }
                }
            }
        }
        return out;
    }

    /** Sets the weights from {@code [outC][inC][k][k]} order and recomputes the totals. @param oihw not modified */
    public void setWeightsOIHW(float[] oihw) {
        Objects.requireNonNull(oihw, "oihw");
        if (oihw.length != w.length) {
            throw new IllegalArgumentException("weights must have " + w.length + " values, got " + oihw.length);
        }
        int n = 0;
        for (int o = 0; o < outC; o++) {
            for (int c = 0; c < inC; c++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        w[wIndex(o, c, ky, kx)] = oihw[n++];
                    }
                }
            }
        }
        for (int o = 0; o < outC; o++) {
            updateTotals(o);
        }
    }

    /** Recomputes the totals of feature map {@code o}, in a fixed order. */
    private void updateTotals(int o) {
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                float s = 0f;
                for (int c = 0; c < inC; c++) {
                    for (int ky = 0; ky < k; ky++) {
                        int iy = oy + ky - pad;
                        if (iy < 0 || iy >= inH) {
                            continue;
                        }
                        for (int kx = 0; kx < k; kx++) {
                            int ix = ox + kx - pad;
                            if (ix < 0 || ix >= inW) {
                                continue;
                            }
                            s += w[((c * k + ky) * k + kx) * outC + o];
                        }
                    }
                }
                totals[(oy * outW + ox) * outC + o] = s;
            }
        }
    }

    /** Scratch buffers of one thread. */
    public static final class Work {
        final float[] pot;

        Work(DecisionConv d) {
            pot = new float[d.outH * d.outW * d.outC];
        }

        /** The final potentials of the last decision, {@code [outH*outW][outC]} (HWC). */
        public float[] potentials() {
            return pot;
        }
    }

    /** Allocates the scratch buffers of one thread. */
    public Work newWork() {
        return new Work(this);
    }

    /**
     * Computes the final potentials for the input spike map and returns the winner.
     *
     * @param active input map (CHW, {@link #inputSize()}), true = fired by the last step; not modified
     * @param ws     modified: {@link Work#potentials()}
     * @return the winner's CHW output index, or -1 if no potential is positive (silence)
     */
    public int decide(boolean[] active, Work ws) {
        final float[] pot = ws.pot;
        final int oc = outC;
        int n = inputSize();
        int nActive = 0;
        for (int i = 0; i < n; i++) {
            if (active[i]) {
                nActive++;
            }
        }
        boolean complement = 2 * nActive > n;
        if (complement) {
            System.arraycopy(totals, 0, pot, 0, pot.length);
        } else {
            Arrays.fill(pot, 0f);
        }
        final float[] wt = w;
        for (int i = 0; i < n; i++) {
            if (active[i] == complement) {
                continue;
            }
            int c = i / (inH * inW);
            int rem = i - c * inH * inW;
            int iy = rem / inW;
            int ix = rem - iy * inW;
            for (int ky = 0; ky < k; ky++) {
                int oy = iy + pad - ky;
                if (oy < 0 || oy >= outH) {
                    continue;
                }
                for (int kx = 0; kx < k; kx++) {
                    int ox = ix + pad - kx;
                    if (ox < 0 || ox >= outW) {
                        continue;
                    }
                    int wb = ((c * k + ky) * k + kx) * oc;
                    int pb = (oy * outW + ox) * oc;
                    if (complement) {
                        for (int o = 0; o < oc; o++) {
                            pot[pb + o] -= wt[wb + o];
                        }
                    } else {
                        for (int o = 0; o < oc; o++) {
                            pot[pb + o] += wt[wb + o];
                        }
                    }
                }
            }
        }
        int best = -1;
        float bestV = 0f;
        int hw = outH * outW;
        for (int o = 0; o < oc; o++) {
            for (int p = 0; p < hw; p++) {
                float v = pot[p * oc + o];
                if (v > bestV) {
                    bestV = v;
                    best = o * hw + p;
                }
            }
        }
        return best;
    }

    /**
     * Reference decision by direct summation of the active inputs' weights, in CHW input order, for tests.
     *
     * @return the winner's CHW index or -1; {@code pot} (HWC, modified) holds the potentials
     */
    int decideDirect(boolean[] active, float[] pot) {
        Arrays.fill(pot, 0f);
        for (int o = 0; o < outC; o++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    float s = 0f;
                    for (int c = 0; c < inC; c++) {
                        for (int ky = 0; ky < k; ky++) {
                            int iy = oy + ky - pad;
                            for (int kx = 0; kx < k; kx++) {
                                int ix = ox + kx - pad;
                                if (iy >= 0 && iy < inH && ix >= 0 && ix < inW && active[(c * inH + iy) * inW + ix]) {
                                    s += w[wIndex(o, c, ky, kx)];
                                }
                            }
                        }
                    }
                    pot[(oy * outW + ox) * outC + o] = s;
                }
            }
        }
        int best = -1;
        float bestV = 0f;
        int hw = outH * outW;
        for (int o = 0; o < outC; o++) {
            for (int p = 0; p < hw; p++) {
                if (pot[p * outC + o] > bestV) {
                    bestV = pot[p * outC + o];
                    best = o * hw + p;
                }
            }
        }
        return best;
    }

    /**
     * R-STDP on the receptive field of output neuron {@code winner} (CHW): {@code w += aLtp} for inputs
     * that fired, {@code w += aLtd} for the others and for padding, clamped to {@code [lo, hi]}; then the
     * winner map's totals are recomputed.
     *
     * @param active the input map of the presentation that chose {@code winner}; not modified
     */
    public void learn(boolean[] active, int winner, float aLtp, float aLtd) {
        int hw = outH * outW;
        int o = winner / hw;
        int p = winner - o * hw;
        int y = p / outW;
        int x = p - y * outW;
        for (int c = 0; c < inC; c++) {
            for (int ky = 0; ky < k; ky++) {
                int iy = y + ky - pad;
                for (int kx = 0; kx < k; kx++) {
                    int ix = x + kx - pad;
                    boolean fired = iy >= 0 && iy < inH && ix >= 0 && ix < inW && active[(c * inH + iy) * inW + ix];
                    int wi = wIndex(o, c, ky, kx);
                    float v = w[wi] + (fired ? aLtp : aLtd);
                    w[wi] = v < lo ? lo : (v > hi ? hi : v);
                }
            }
        }
        updateTotals(o);
    }
}
