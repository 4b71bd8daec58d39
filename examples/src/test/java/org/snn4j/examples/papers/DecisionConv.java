package org.snn4j.examples.papers;

import java.util.Arrays;
import java.util.Objects;
import org.snn4j.Shape;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.neuron.Integrator;

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
    /** Number of map slices: maps {@code [sliceLo[s], sliceLo[s+1])} can be computed by different threads. */
    static final int SLICES = 2;
    final int[] sliceLo;
    /** Mirror of the weights per slice, one row per kernel tap: {@code wr[s][(c * k + ky) * k + kx][o - sliceLo[s]]}. */
    final float[][][] wr;
    /** Per slice {@code [outH*outW][width]}: sum of weights over the non-padding window of each output position. */
    final float[][][] totals;
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
        return Conv2dLayer.builder("conv3", new Shape(inC, inH, inW), outC, k, k).padding(pad).neurons(new Integrator())
                .build();
    }

    /**
     * A decision stage reading {@code layer.weights()}.
     *
     * @param layer a layer with {@link Integrator} neurons, stride 1, square kernel, equal padding
     */
    public DecisionConv(Conv2dLayer layer) {
        this.layer = Objects.requireNonNull(layer, "layer");
        if (!(layer.neuronModel() instanceof Integrator) || layer.stride() != 1
                || layer.kernelHeight() != layer.kernelWidth() || layer.paddingH() != layer.paddingW()) {
            throw new IllegalArgumentException("layer " + layer.name() + " must have Integrator neurons with stride 1,"
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
        this.sliceLo = new int[SLICES + 1];
        this.wr = new float[SLICES][][];
        this.totals = new float[SLICES][][];
        for (int sl = 0; sl < SLICES; sl++) {
            sliceLo[sl + 1] = outC * (sl + 1) / SLICES;
            int width = sliceLo[sl + 1] - sliceLo[sl];
            wr[sl] = new float[inC * k * k][width];
            totals[sl] = new float[outH * outW][width];
        }
        this.stale = new boolean[outC];
        for (int o = 0; o < outC; o++) {
            mirror(o);
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
        mirror(map);
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
        return KernelLayout.index(o, c, ky, kx, k, outC);
    }

    /** The weights in {@code [outC][inC][k][k]} order (a new array). */
    public float[] weightsOIHW() {
        return KernelLayout.toOihw(w, inC, k, outC);
    }

    /** Sets the weights from {@code [outC][inC][k][k]} order and recomputes the totals. @param oihw not modified */
    public void setWeightsOIHW(float[] oihw) {
        Objects.requireNonNull(oihw, "oihw");
        if (oihw.length != w.length) {
            throw new IllegalArgumentException("weights must have " + w.length + " values, got " + oihw.length);
        }
        KernelLayout.fromOihw(oihw, w, inC, k, outC);
        for (int o = 0; o < outC; o++) {
            mirror(o);
            updateTotals(o);
            stale[o] = false;
        }
        staleCount = 0;
    }

    private int sliceOf(int o) {
        int sl = 0;
        while (o >= sliceLo[sl + 1]) {
            sl++;
        }
        return sl;
    }

    /** Copies map {@code o}'s weights into its slice's row mirror. */
    private void mirror(int o) {
        int sl = sliceOf(o);
        int j = o - sliceLo[sl];
        float[][] rows = wr[sl];
        for (int t = 0; t < rows.length; t++) {
            rows[t][j] = w[t * outC + o];
        }
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
                totals[sliceOf(o)][oy * outW + ox][o - sliceLo[sliceOf(o)]] = s;
            }
        }
    }

    /**
     * Scratch buffers of one decision: potentials per map slice. Two threads may fill different slices of
     * the same Work at once ({@link #decideSlice}); otherwise not thread-safe.
     */
    public static final class Work {
        final float[][][] pot;
        final int[][] chanList;
        final int[] sliceLo;

        Work(DecisionConv d) {
            pot = new float[SLICES][][];
            chanList = new int[SLICES][d.inH * d.inW];
            sliceLo = d.sliceLo;
            for (int sl = 0; sl < SLICES; sl++) {
                pot[sl] = new float[d.outH * d.outW][d.sliceLo[sl + 1] - d.sliceLo[sl]];
            }
        }

        /** A copy of the final potentials of the last decision, {@code [outH*outW][outC]} flattened (HWC). */
        public float[] potentials() {
            int hw = pot[0].length;
            int oc = sliceLo[SLICES];
            float[] flat = new float[hw * oc];
            for (int sl = 0; sl < SLICES; sl++) {
                for (int p = 0; p < hw; p++) {
                    System.arraycopy(pot[sl][p], 0, flat, p * oc + sliceLo[sl], pot[sl][p].length);
                }
            }
            return flat;
        }

        /** The final potential of map {@code o} at output position {@code p} (row-major) of the last decision. */
        public float potential(int p, int o) {
            int sl = 0;
            while (o >= sliceLo[sl + 1]) {
                sl++;
            }
            return pot[sl][p][o - sliceLo[sl]];
        }
    }

    /** Allocates the scratch buffers of one decision. */
    public Work newWork() {
        return new Work(this);
    }

    /** Number of map slices a decision is split into ({@link #decideSlice}). */
    public int slices() {
        return SLICES;
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
        boolean complement = usesTotals(active);
        for (int sl = 0; sl < SLICES; sl++) {
            decideSlice(active, complement, ws, sl);
        }
        return winner(ws);
    }

    /**
     * Computes the final potentials of the maps of slice {@code slice} only; with {@link #winner} this is
     * {@link #decide} split so that slices can run on different threads (same sums, same result).
     *
     * @param complement {@link #usesTotals}{@code (active)}, computed once by the caller
     * @param ws         modified: only this slice's potentials and scratch
     */
    public void decideSlice(boolean[] active, boolean complement, Work ws, int slice) {
        if (complement && staleCount > 0) {
            throw new IllegalStateException("conv3 totals are stale after learning: call refreshTotals() first");
        }
        final float[][] pot = ws.pot[slice];
        final float[][] tot = totals[slice];
        final float[][] rowsW = wr[slice];
        final int oc = pot[0].length;
        final int hw = outH * outW;
        for (int p = 0; p < hw; p++) {
            if (complement) {
                System.arraycopy(tot[p], 0, pot[p], 0, oc);
            } else {
                Arrays.fill(pot[p], 0f);
            }
        }
        int ihw = inH * inW;
        int[] list = ws.chanList[slice];
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
                    float[] wv = rowsW[(c * k + ky) * k + kx];
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
    }

    /**
     * The winner of the potentials in {@code ws}: the largest positive potential, ties to the lower CHW
     * index; -1 if none is positive.
     */
    public int winner(Work ws) {
        int best = -1;
        float bestV = 0f;
        int hw = outH * outW;
        for (int sl = 0; sl < SLICES; sl++) {
            float[][] pot = ws.pot[sl];
            int lo = sliceLo[sl];
            int width = sliceLo[sl + 1] - lo;
            for (int j = 0; j < width; j++) {
                for (int p = 0; p < hw; p++) {
                    float v = pot[p][j];
                    if (v > bestV) {
                        bestV = v;
                        best = (lo + j) * hw + p;
                    }
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
