package org.snn4j.examples.papers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.snn4j.Shape;
import org.snn4j.Winner;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.neuron.PerfectIf;

/**
 * One convolutional stage of the Mozafari et al. (2019) network (conv1 or conv2) with non-leaky
 * integrate-and-fire neurons that fire once, when their potential first exceeds the threshold (strict
 * {@code v > threshold}), fed by a latency-coded input that is zero-padded by {@code pad}, stride 1.
 * Event-driven: an input spike at {@code (c, y, x)} adds the contiguous weight row
 * {@code w[c][ky][kx][0..outC)} to the potentials of each output position in its window (scatter), so the
 * work grows with the number of input spikes, not with neurons x steps.
 *
 * <p>Three passes over one presentation, all exact for non-negative weights (potentials never decrease):
 * <ul>
 *   <li>{@link #trainPass}: step by step, SpykeTorch-style pointwise inhibition (per position only the
 *       feature that fires first, ties by larger potential) then k-winners-take-all (earliest spike, then
 *       larger potential; one winner per feature; no two winners within {@code radius}), stopping as soon
 *       as {@code k} winners exist, since a neuron firing later can never outrank them;</li>
 *   <li>{@link #forwardSteps}: step by step without inhibition, giving each neuron's first spike step;</li>
 *   <li>{@link #forwardFinal}: only whether each neuron fires by the last step, computed from the final
 *       potentials in one pass (used when only the final spike map matters, as for conv3's input). When
 *       more than half of the inputs are active it starts from per-position weight totals and subtracts
 *       the inactive inputs ({@link #prepareTotals} must have been called after the last weight change).</li>
 * </ul>
 *
 * <p>The weights are those of a library {@link Conv2dLayer} ({@code [inC][k][k][outC]}, output channel
 * innermost). For speed the stage keeps a mirror of them as one {@code float[outC]} row per kernel tap
 * {@code (c, ky, kx)} and holds potentials as one {@code float[outC]} row per output position: the hot
 * loop {@code pot[p][o] += w[tap][o]} then has zero offsets, which HotSpot's C2 vectorises on JDK 17
 * (with offsets into flat arrays it cannot rule out aliasing and stays scalar: measured 2 vs 7.7 G adds/s
 * here). Call {@link #weightsChanged()} or {@link #weightsChanged(int)} after the layer's weights change.
 * The library's learning rules (for example {@code org.snn4j.learning.BinaryStdp}) train the layer's
 * weights through {@link Conv2dLayer#updateReceptiveField};
 * {@link #weightsOIHW()} exchanges them in the usual {@code [outC][inC][k][k]} order. The stage holds
 * parameters and weights only; every mutable buffer is in a {@link Work} owned by one thread. Weights are
 * shared: do not let a learning rule change them while other threads run passes.
 */
public final class SpikingConv {
    final int inC;
    final int inH;
    final int inW;
    final int pad;
    final int k;
    final int outC;
    final int outH;
    final int outW;
    final float threshold;
    /** The layer's weights, {@code [inC][k][k][outC]}. */
    final float[] w;
    /** Mirror of {@link #w}: {@code wr[(c * k + ky) * k + kx][o]}. */
    final float[][] wr;
    /** Per output position (HW), per channel: sum of the weights over the non-padding window, or null. */
    private float[][] totals;
    private int totalsRows;
    private int totalsCols;
    /** The library layer whose weights and geometry this stage uses. */
    private final Conv2dLayer layer;

    /**
     * A stage over a new {@link Conv2dLayer} named {@code "conv"} with zero weights.
     *
     * @param inC       input channels
     * @param inH       input rows before padding
     * @param inW       input columns before padding
     * @param pad       zero padding on each side
     * @param k         square kernel size
     * @param outC      output channels (feature maps)
     * @param threshold firing threshold in mV (strict {@code v > threshold}), >= 0
     */
    public SpikingConv(int inC, int inH, int inW, int pad, int k, int outC, float threshold) {
        this(build(inC, inH, inW, pad, k, outC, threshold));
    }

    private static Conv2dLayer build(int inC, int inH, int inW, int pad, int k, int outC, float threshold) {
        positive("inC", inC);
        positive("inH", inH);
        positive("inW", inW);
        positive("k", k);
        positive("outC", outC);
        if (pad < 0) {
            throw new IllegalArgumentException("pad must be >= 0, got " + pad);
        }
        if (!(threshold >= 0f) || Float.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite and >= 0, got " + threshold);
        }
        if (inH + 2 * pad - k + 1 < 1 || inW + 2 * pad - k + 1 < 1) {
            throw new IllegalArgumentException("kernel " + k + " larger than padded input " + (inH + 2 * pad)
                    + "x" + (inW + 2 * pad));
        }
        return Conv2dLayer.builder("conv", new Shape(inC, inH, inW), outC, k, k).padding(pad)
                .neurons(PerfectIf.latencyCoded(threshold)).build();
    }

    /**
     * A fast stage over an existing layer: the passes read and the learning rules write
     * {@code layer.weights()} (same {@code [inC][k][k][outC]} layout).
     *
     * @param layer a layer with fire-once {@link PerfectIf} neurons (run in its fused loop), stride 1, a square
     *              kernel and equal padding
     * @throws IllegalArgumentException if the layer has another shape of computation
     */
    public SpikingConv(Conv2dLayer layer) {
        this.layer = Objects.requireNonNull(layer, "layer");
        if (!layer.fusedFireOnce() || layer.stride() != 1
                || layer.kernelHeight() != layer.kernelWidth() || layer.paddingH() != layer.paddingW()) {
            throw new IllegalArgumentException("layer " + layer.name() + " must be fire-once with stride 1, a square"
                    + " kernel and equal padding, got " + layer);
        }
        float thr = ((PerfectIf) layer.neuronModel()).parameters().threshold();
        if (!(thr >= 0f)) {
            throw new IllegalArgumentException("layer " + layer.name() + ": threshold must be >= 0, got " + thr);
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
        this.threshold = thr;
        this.w = layer.weights();
        this.wr = new float[inC * k * k][outC];
        weightsChanged();
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
    }

    /** The library layer (weights, geometry, {@code updateReceptiveField} for learning rules). */
    public Conv2dLayer layer() {
        return layer;
    }

    /** Call after any change of the layer's weights: refreshes the mirror, drops the totals. */
    public void weightsChanged() {
        for (int t = 0; t < wr.length; t++) {
            System.arraycopy(w, t * outC, wr[t], 0, outC);
        }
        totals = null;
    }

    /** Call after a change of the weights of output channel {@code o} only (cheaper). */
    public void weightsChanged(int o) {
        Objects.checkIndex(o, outC);
        for (int t = 0; t < wr.length; t++) {
            wr[t][o] = w[t * outC + o];
        }
        totals = null;
    }

    /** Input population size {@code inC * inH * inW} (CHW). */
    public int inputSize() {
        return inC * inH * inW;
    }

    /** Output population size {@code outC * outH * outW}. */
    public int outputSize() {
        return outC * outH * outW;
    }

    /** Output rows. */
    public int outH() {
        return outH;
    }

    /** Output columns. */
    public int outW() {
        return outW;
    }

    /** Output channels. */
    public int outC() {
        return outC;
    }

    /** Number of weights. */
    public int weightCount() {
        return w.length;
    }

    /** Index into the internal {@code [inC][k][k][outC]} weights of {@code W[o][c][ky][kx]}. */
    int wIndex(int o, int c, int ky, int kx) {
        return KernelLayout.index(o, c, ky, kx, k, outC);
    }

    /** The weights in {@code [outC][inC][k][k]} order (a new array). */
    public float[] weightsOIHW() {
        return KernelLayout.toOihw(w, inC, k, outC);
    }

    /**
     * Sets the weights from {@code [outC][inC][k][k]} order.
     *
     * @param oihw not modified; length {@link #weightCount()}
     */
    public void setWeightsOIHW(float[] oihw) {
        Objects.requireNonNull(oihw, "oihw");
        if (oihw.length != w.length) {
            throw new IllegalArgumentException("weights must have " + w.length + " values, got " + oihw.length);
        }
        KernelLayout.fromOihw(oihw, w, inC, k, outC);
        weightsChanged();
    }

    /** Mutable buffers of one thread. Not thread-safe. */
    public static final class Work {
        final float[][] pot;
        final int[] firedStep;
        final boolean[] touched;
        final int[] touchedList;
        int touchedCount;
        final boolean[] decided;
        final int[] inputStep;
        final long[] cand;
        final float[] candPot;
        final int[] chanList;
        final int[] winC;
        final int[] winY;
        final int[] winX;
        final int[] winStep;
        final float[] winPot;
        int winners;
        StepEvents lastInput;
        int lastProcessed;

        Work(SpikingConv s, int maxWinners) {
            int positions = s.outH * s.outW;
            pot = new float[positions][s.outC];
            firedStep = new int[positions * s.outC];
            touched = new boolean[positions];
            touchedList = new int[positions];
            decided = new boolean[positions];
            inputStep = new int[s.inputSize()];
            Arrays.fill(inputStep, -1);
            cand = new long[positions];
            candPot = new float[positions];
            chanList = new int[s.inH * s.inW];
            winC = new int[maxWinners];
            winY = new int[maxWinners];
            winX = new int[maxWinners];
            winStep = new int[maxWinners];
            winPot = new float[maxWinners];
        }

        /** Number of winners of the last {@link SpikingConv#trainPass}. */
        public int winners() {
            return winners;
        }

        /** Feature map of winner {@code i}. */
        public int winnerChannel(int i) {
            return winC[i];
        }

        /** Row of winner {@code i}. */
        public int winnerRow(int i) {
            return winY[i];
        }

        /** Column of winner {@code i}. */
        public int winnerCol(int i) {
            return winX[i];
        }

        /** Step at which winner {@code i} fired. */
        public int winnerStep(int i) {
            return winStep[i];
        }

        private void clearPotentials() {
            for (int p = 0; p < pot.length; p++) {
                Arrays.fill(pot[p], 0f);
            }
        }
    }

    /** Allocates the buffers of one thread, for up to {@code maxWinners} winners. */
    public Work newWork(int maxWinners) {
        return new Work(this, Math.max(1, maxWinners));
    }

    /** Adds the weights of input {@code i} (CHW) to every output position in its window, skipping decided ones. */
    private void scatter(int i, Work ws, boolean[] skip) {
        int c = i / (inH * inW);
        int rem = i - c * inH * inW;
        int iy = rem / inW;
        int ix = rem - iy * inW;
        final int oc = outC;
        final float[][] pot = ws.pot;
        final boolean[] touched = ws.touched;
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
                int p = oy * outW + ox;
                if (skip != null && skip[p]) {
                    continue;
                }
                float[] pr = pot[p];
                float[] wv = wr[(c * k + ky) * k + kx];
                for (int o = 0; o < oc; o++) {
                    pr[o] += wv[o];
                }
                if (!touched[p]) {
                    touched[p] = true;
                    ws.touchedList[ws.touchedCount++] = p;
                }
            }
        }
    }

    /**
     * Learning presentation: finds up to {@code kwta} winners (pointwise inhibition, then k-WTA with
     * inhibition radius {@code radius}), stopping at the step where the k-th winner appears. On return
     * {@code ws} holds the winners and the first spike step of every input seen (-1 for inputs that did not
     * fire before the stop), as learning rules need ({@link #winners}, {@link #copyInputSteps}).
     *
     * @param in     the input, {@link #inputSize()} neurons; not modified
     * @param kwta   maximum number of winners, >= 1
     * @param radius inhibition radius (Chebyshev distance) around each winner, in all feature maps
     * @param ws     modified
     * @return the number of input spikes processed (the rest were skipped by the early stop)
     */
    public int trainPass(StepEvents in, int kwta, int radius, Work ws) {
        clearInputSteps(ws);
        ws.clearPotentials();
        final float[][] pot = ws.pot;
        final boolean[] touched = ws.touched;
        final int[] touchedList = ws.touchedList;
        final boolean[] decided = ws.decided;
        final int[] inputStep = ws.inputStep;
        Arrays.fill(decided, false);
        ws.winners = 0;
        ws.touchedCount = 0;
        final int oc = outC;
        final float thr = threshold;
        int processed = 0;
        int steps = in.steps();
        int[] off = in.offsets();
        short[] ev = in.neurons();
        ws.lastInput = in;
        for (int t = 0; t < steps && ws.winners < kwta; t++) {
            int end = off[t + 1];
            for (int e = off[t]; e < end; e++) {
                int i = ev[e];
                inputStep[i] = t;
                scatter(i, ws, decided);
            }
            processed = end;
            ws.lastProcessed = processed;
            // pointwise inhibition: each newly firing position keeps its best feature only
            int nc = 0;
            for (int q = 0; q < ws.touchedCount; q++) {
                int p = touchedList[q];
                touched[p] = false;
                if (decided[p]) {
                    continue;
                }
                float[] pr = pot[p];
                int best = -1;
                float bestV = thr;
                for (int o = 0; o < oc; o++) {
                    float v = pr[o];
                    if (v > bestV) {
                        bestV = v;
                        best = o;
                    }
                }
                if (best >= 0) {
                    decided[p] = true;
                    int flat = (best * outH + p / outW) * outW + p % outW; // CHW index: ties go to the lower one
                    long key = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(bestV)) << 32) | flat;
                    ws.cand[nc++] = key;
                    ws.candPot[p] = bestV;
                }
            }
            ws.touchedCount = 0;
            if (nc == 0) {
                continue;
            }
            Arrays.sort(ws.cand, 0, nc);
            for (int q = 0; q < nc && ws.winners < kwta; q++) {
                int flat = (int) (ws.cand[q] & 0xffffffffL);
                int c = flat / (outH * outW);
                int y = (flat / outW) % outH;
                int x = flat % outW;
                boolean ok = true;
                for (int j = 0; j < ws.winners; j++) {
                    if (ws.winC[j] == c || (Math.abs(ws.winY[j] - y) <= radius && Math.abs(ws.winX[j] - x) <= radius)) {
                        ok = false;
                        break;
                    }
                }
                if (ok) {
                    int n = ws.winners++;
                    ws.winC[n] = c;
                    ws.winY[n] = y;
                    ws.winX[n] = x;
                    ws.winStep[n] = t;
                    ws.winPot[n] = ws.candPot[y * outW + x];
                }
            }
        }
        return processed;
    }

    /**
     * The winners of the last {@link #trainPass} with {@code ws}, in selection order, as the
     * {@link Winner} records learning rules take (CHW neuron index, step, potential at the spike).
     */
    public List<Winner> winners(Work ws) {
        List<Winner> list = new ArrayList<>(ws.winners);
        for (int n = 0; n < ws.winners; n++) {
            int c = ws.winC[n];
            int y = ws.winY[n];
            int x = ws.winX[n];
            list.add(new Winner((c * outH + y) * outW + x, c, y, x, ws.winStep[n], ws.winPot[n]));
        }
        return list;
    }

    /**
     * Copies the first spike step of every input seen by the last {@link #trainPass} (-1 for inputs that
     * did not fire before the early stop: they pair as "after the winner", exactly as later spikes would)
     * into {@code dst}, typically {@code layer().newState().inputSpikeStep()} for a learning rule.
     *
     * @param dst modified: length {@link #inputSize()}
     */
    public void copyInputSteps(Work ws, int[] dst) {
        System.arraycopy(ws.inputStep, 0, dst, 0, ws.inputStep.length);
    }

    /** Forgets the input steps recorded by the last train pass. */
    public void clearInputSteps(Work ws) {
        StepEvents in = ws.lastInput;
        if (in != null) {
            short[] ev = in.neurons();
            for (int e = 0; e < ws.lastProcessed; e++) {
                ws.inputStep[ev[e]] = -1;
            }
            ws.lastInput = null;
            ws.lastProcessed = 0;
        }
    }

    /**
     * Inference presentation without inhibition: every neuron fires once, at the first step its potential
     * exceeds the threshold. Fills {@code firstStep} (CHW output index; -1 = never fires).
     *
     * @param in        not modified
     * @param ws        modified (scratch)
     * @param firstStep modified: length {@link #outputSize()}
     */
    public void forwardSteps(StepEvents in, Work ws, int[] firstStep) {
        ws.clearPotentials();
        final float[][] pot = ws.pot;
        final int[] fired = ws.firedStep;
        Arrays.fill(fired, -1);
        ws.touchedCount = 0;
        final int oc = outC;
        final float thr = threshold;
        int[] off = in.offsets();
        short[] ev = in.neurons();
        int steps = in.steps();
        for (int t = 0; t < steps; t++) {
            int end = off[t + 1];
            for (int e = off[t]; e < end; e++) {
                scatter(ev[e], ws, null);
            }
            for (int q = 0; q < ws.touchedCount; q++) {
                int p = ws.touchedList[q];
                ws.touched[p] = false;
                float[] pr = pot[p];
                int pb = p * oc;
                for (int o = 0; o < oc; o++) {
                    if (pr[o] > thr && fired[pb + o] < 0) {
                        fired[pb + o] = t;
                    }
                }
            }
            ws.touchedCount = 0;
        }
        int hw = outH * outW;
        for (int p = 0; p < hw; p++) {
            int pb = p * oc;
            for (int o = 0; o < oc; o++) {
                firstStep[o * hw + p] = fired[pb + o];
            }
        }
    }

    /**
     * Computes, for every output position used by a following max-pooling ({@code rows, cols} from 0) the
     * per-channel sum of the weights over the non-padding part of its window. Call after the last weight
     * change and before {@link #forwardFinal} runs on several threads.
     *
     * @param rows output rows that will be read (from row 0)
     * @param cols output columns that will be read (from column 0)
     */
    public void prepareTotals(int rows, int cols) {
        float[][] tot = new float[outH * outW][outC];
        for (int oy = 0; oy < rows; oy++) {
            for (int ox = 0; ox < cols; ox++) {
                float[] tr = tot[oy * outW + ox];
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
                            float[] wv = wr[(c * k + ky) * k + kx];
                            for (int o = 0; o < outC; o++) {
                                tr[o] += wv[o];
                            }
                        }
                    }
                }
            }
        }
        totals = tot;
        totalsRows = rows;
        totalsCols = cols;
    }

    /**
     * Final-potential pass followed by max pooling (window {@code pk}, stride {@code pk}, no padding: the
     * first spike in each window): sets {@code pooled[(c * pH + py) * pW + px]} to true if any neuron of
     * channel {@code c} in that window fires by the last step, where {@code pH = (outH - pk) / pk + 1}.
     * Only the output rows and columns the pooling reads are computed. Weight rows are visited once each
     * (channel, then kernel tap), each added to every position that needs it while it is in L1. When more
     * than half of the inputs are active and {@link #prepareTotals} was called, the pass starts from the
     * totals and subtracts the inactive inputs instead (fewer additions; float rounding differs slightly).
     *
     * @param active input spike map (CHW, {@link #inputSize()}), true = the input fired; not modified
     * @param pk     pooling window and stride
     * @param ws     modified (scratch)
     * @param pooled modified: length {@code outC * pH * pW}
     * @return the number of weight additions done (synaptic events)
     */
    public long forwardFinal(boolean[] active, int pk, Work ws, boolean[] pooled) {
        final int pH = (outH - pk) / pk + 1;
        final int pW = (outW - pk) / pk + 1;
        final int rows = pH * pk;
        final int cols = pW * pk;
        final float[][] pot = ws.pot;
        final int oc = outC;
        int n = inputSize();
        int nActive = 0;
        for (int i = 0; i < n; i++) {
            if (active[i]) {
                nActive++;
            }
        }
        boolean complement = 2 * nActive > n && totals != null && totalsRows >= rows && totalsCols >= cols;
        for (int oy = 0; oy < rows; oy++) {
            for (int ox = 0; ox < cols; ox++) {
                int p = oy * outW + ox;
                if (complement) {
                    System.arraycopy(totals[p], 0, pot[p], 0, oc);
                } else {
                    Arrays.fill(pot[p], 0f);
                }
            }
        }
        long adds = 0;
        int hw = inH * inW;
        int[] list = ws.chanList;
        for (int c = 0; c < inC; c++) {
            int m = 0;
            for (int q = 0; q < hw; q++) {
                if (active[c * hw + q] != complement) {
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
                        if (oy < 0 || oy >= rows || ox < 0 || ox >= cols) {
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
                        adds += oc;
                    }
                }
            }
        }
        Arrays.fill(pooled, 0, oc * pH * pW, false);
        final float thr = threshold;
        for (int py = 0; py < pH; py++) {
            for (int px = 0; px < pW; px++) {
                for (int dy = 0; dy < pk; dy++) {
                    for (int dx = 0; dx < pk; dx++) {
                        float[] pr = pot[(py * pk + dy) * outW + px * pk + dx];
                        for (int o = 0; o < oc; o++) {
                            if (pr[o] > thr) {
                                pooled[(o * pH + py) * pW + px] = true;
                            }
                        }
                    }
                }
            }
        }
        return adds;
    }
}
