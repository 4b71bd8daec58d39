package org.snn4j.examples.papers;

import java.util.Arrays;
import java.util.Objects;
import org.snn4j.Shape;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.FiringMode;

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
 * <p>The weights are those of a library {@link Conv2dLayer} ({@code [inC][k][k][outC]}); R-STDP
 * (Mozafari et al. 2018, doi:10.1109/TNNLS.2018.2826721) is applied by the library's
 * {@code org.snn4j.learning.RewardModulatedStdp} through {@link Conv2dLayer#updateReceptiveField}, after
 * which {@link #weightsChanged(int)} must be called (and {@link #refreshTotals()} before deciding on
 * mostly active inputs). Deciding is read-only and may run
 * on many threads, each with its own {@link Work}; learning must not overlap with deciding.
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
    final float[] w;
    /** Mirror of the weights, one row per kernel tap: {@code wr[(c * k + ky) * k + kx][o]}. */
    final float[][] wr;
    /** {@code [outH*outW][outC]}: sum of weights over the non-padding window of each output position. */
    final float[][] totals;
    private final boolean[] stale;
    private int staleCount;

    /** The library layer whose weights this stage reads. */
    private final Conv2dLayer layer;

    /**
     * A decision stage over a new {@link Conv2dLayer} named {@code "conv3"} with zero weights.
     */
    public DecisionConv(int inC, int inH, int inW, int pad, int k, int outC) {
        this(build(inC, inH, inW, pad, k, outC));
    }

    private static Conv2dLayer build(int inC, int inH, int inW, int pad, int k, int outC) {
        if (inC < 1 || inH < 1 || inW < 1 || k < 1 || outC < 1 || pad < 0
                || inH + 2 * pad - k + 1 < 1 || inW + 2 * pad - k + 1 < 1) {
            throw new IllegalArgumentException("invalid geometry: inC " + inC + ", in " + inH + "x" + inW
                    + ", pad " + pad + ", k " + k + ", outC " + outC);
        }
        return Conv2dLayer.builder("conv3", new Shape(inC, inH, inW), outC, k, k).padding(pad).decideAtLastStep()
                .build();
    }

    /**
     * A decision stage reading {@code layer.weights()}.
     *
     * @param layer a {@link FiringMode#DECIDE_AT_LAST_STEP} layer with stride 1, square kernel, equal padding
     */
    public DecisionConv(Conv2dLayer layer) {
        this.layer = Objects.requireNonNull(layer, "layer");
        if (layer.firingMode() != FiringMode.DECIDE_AT_LAST_STEP || layer.stride() != 1
                || layer.kernelHeight() != layer.kernelWidth() || layer.paddingH() != layer.paddingW()) {
            throw new IllegalArgumentException("layer " + layer.name() + " must be DECIDE_AT_LAST_STEP with stride 1,"
                    + " a square kernel and equal padding, got " + layer);
        }
        Shape in = layer.inputShape();
        this.inC = in.channels();
        this.inH = in.height();
        this.inW = in.width();
        this.pad = layer.paddingH();
        this.k = layer.kernelHeight();
        this.outC = layer.outChannels();
        this.outH = layer.outputShape().height();
        this.outW = layer.outputShape().width();
        this.w = layer.weights();
        this.wr = new float[inC * k * k][outC];
        this.totals = new float[outH * outW][outC];
        this.stale = new boolean[outC];
        for (int o = 0; o < outC; o++) {
            for (int t = 0; t < wr.length; t++) {
                wr[t][o] = w[t * outC + o];
            }
            updateTotals(o);
        }
    }

    /** The library layer (weights, geometry, {@code updateReceptiveField} for learning rules). */
    public Conv2dLayer layer() {
        return layer;
    }

    /**
     * Call after a learning rule changed the weights of feature map {@code map}: refreshes its row mirror
     * and marks its totals stale ({@link #refreshTotals()} recomputes them when a decision needs them).
     */
    public void weightsChanged(int map) {
        Objects.checkIndex(map, outC);
        for (int t = 0; t < wr.length; t++) {
            wr[t][map] = w[t * outC + map];
        }
        if (!stale[map]) {
            stale[map] = true;
            staleCount++;
        }
    }

    /**
     * Recomputes the totals of every map whose weights changed since the last refresh. Call from one thread
     * before deciding on several threads (a decision with most inputs active needs fresh totals).
     */
    public void refreshTotals() {
        if (staleCount == 0) {
            return;
        }
        for (int o = 0; o < outC; o++) {
            if (stale[o]) {
                updateTotals(o);
                stale[o] = false;
            }
        }
        staleCount = 0;
    }

    /** Whether {@link #decide} will start from the totals for this input (more than half active). */
    public boolean usesTotals(boolean[] active) {
        int n = inputSize();
        int nActive = 0;
        for (int i = 0; i < n; i++) {
            if (active[i]) {
                nActive++;
            }
        }
        return 2 * nActive > n;
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
            for (int t = 0; t < wr.length; t++) {
                wr[t][o] = w[t * outC + o];
            }
            updateTotals(o);
            stale[o] = false;
        }
        staleCount = 0;
    }

    /** Recomputes the totals of feature map {@code o} from the weights, in a fixed order. */
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
                totals[oy * outW + ox][o] = s;
            }
        }
    }

    /** Scratch buffers of one thread. */
    public static final class Work {
        final float[][] pot;
        final int[] chanList;

        Work(DecisionConv d) {
            pot = new float[d.outH * d.outW][d.outC];
            chanList = new int[d.inH * d.inW];
        }

        /** A copy of the final potentials of the last decision, {@code [outH*outW][outC]} flattened (HWC). */
        public float[] potentials() {
            int oc = pot[0].length;
            float[] flat = new float[pot.length * oc];
            for (int p = 0; p < pot.length; p++) {
                System.arraycopy(pot[p], 0, flat, p * oc, oc);
            }
            return flat;
        }

        /** The final potential of map {@code o} at output position {@code p} (row-major) of the last decision. */
        public float potential(int p, int o) {
            return pot[p][o];
        }
    }

    /** Allocates the scratch buffers of one thread. */
    public Work newWork() {
        return new Work(this);
    }

    /**
     * Computes the final potentials for the input spike map and returns the winner. Weight rows are
     * visited once each (input channel, then kernel tap) and added to every output position that needs
     * them; with more than half of the inputs active the pass starts from the totals and subtracts the
     * inactive inputs.
     *
     * @param active input map (CHW, {@link #inputSize()}), true = fired by the last step; not modified
     * @param ws     modified: {@link Work#potentials()}
     * @return the winner's CHW output index, or -1 if no potential is positive (silence)
     */
    public int decide(boolean[] active, Work ws) {
        final float[][] pot = ws.pot;
        final int oc = outC;
        final int hw = outH * outW;
        int n = inputSize();
        int nActive = 0;
        for (int i = 0; i < n; i++) {
            if (active[i]) {
                nActive++;
            }
        }
        boolean complement = 2 * nActive > n;
        if (complement && staleCount > 0) {
            throw new IllegalStateException("conv3 totals are stale after learning: call refreshTotals() first");
        }
        for (int p = 0; p < hw; p++) {
            if (complement) {
                System.arraycopy(totals[p], 0, pot[p], 0, oc);
            } else {
                Arrays.fill(pot[p], 0f);
            }
        }
        int ihw = inH * inW;
        int[] list = ws.chanList;
        for (int c = 0; c < inC; c++) {
            int m = 0;
            for (int q = 0; q < ihw; q++) {
                if (active[c * ihw + q] != complement) {
                    list[m++] = q;
                }
            }
            if (m == 0) {
                continue;
            }
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    float[] wv = wr[(c * k + ky) * k + kx];
                    for (int j = 0; j < m; j++) {
                        int q = list[j];
                        int oy = q / inW + pad - ky;
                        int ox = q % inW + pad - kx;
                        if (oy < 0 || oy >= outH || ox < 0 || ox >= outW) {
                            continue;
                        }
                        float[] pr = pot[oy * outW + ox];
                        if (complement) {
                            for (int o = 0; o < oc; o++) {
                                pr[o] -= wv[o];
                            }
                        } else {
                            for (int o = 0; o < oc; o++) {
                                pr[o] += wv[o];
                            }
                        }
                    }
                }
            }
        }
        int best = -1;
        float bestV = 0f;
        for (int o = 0; o < oc; o++) {
            for (int p = 0; p < hw; p++) {
                float v = pot[p][o];
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
}
