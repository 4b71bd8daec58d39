package org.snn4j.layer;

import org.snn4j.internal.Checks;
import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.FMatrixRMaj;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.internal.kernel.FloatKernels;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;
import org.snn4j.neuron.NeuronModel;

/**
 * Event-driven 2-D convolution {@code inC -> outC} with a {@code kH x kW} kernel, a stride and zero
 * padding. An input spike at {@code (c, y, x)} adds its kernel column to the potentials of every output
 * position whose window contains it:
 * {@code v[o, oy, ox] += W[o, c, y + p - oy*s, x + p - ox*s]} for every output channel {@code o}, so the
 * cost is proportional to the number of input spikes, not to neurons x steps. Implementation: each step
 * first appends every input spike's weight row to the row list of each output position it reaches, then
 * adds each touched position's rows in one {@link FloatKernels#addRows} call (Vector API where available,
 * bit-identical scalar fallback; partial sums stay in registers). Rows are added in the order of the
 * input spikes, so float rounding follows that order (deterministic for a deterministic input). The output has
 * {@code outC x OH x OW} neurons with {@code OH = floor((H + 2p - kH) / s) + 1} (same for the width).
 *
 * <h2>Weight layout</h2>
 * {@link #weights()} is laid out {@code [inC][kH][kW][outC]} (output channel innermost), so the scatter
 * of one input spike onto one output position is a contiguous add {@code pot[q + o] += w[r + o]}, which
 * vectorises; internal potentials are likewise kept position-major ({@code [OH][OW][outC]}).
 * Use {@link #weight(int, int, int, int)} / {@link #setWeight} or {@link #toMatrixOIHW()} /
 * {@link #setFromMatrixOIHW} for the conventional {@code [outC][inC][kH][kW]} order, and
 * {@link #weightMatrix()} for a no-copy EJML view ({@code inC*kH*kW} rows by {@code outC} columns).
 * Neurons are still indexed in CHW order of the {@link #outputShape()} everywhere outside the layer.
 *
 * <h2>Firing</h2>
 * See {@link FiringMode}: {@link FiringMode#FIRE_ONCE} (SpykeTorch's {@code Convolution} + {@code fire}
 * on cumulative spike waves, a fused loop), {@link FiringMode#MODEL} (any {@link NeuronModel}) or
 * {@link FiringMode#DECIDE_AT_LAST_STEP} / {@link FiringMode#FIRE_AT_LAST_STEP}. In the built-in modes the NeuronState holds one variable,
 * {@link FiringMode#POTENTIAL}; during a presentation it is written for neurons when they fire (the
 * potential at the spike, which competition reads), and for every neuron by {@link #finish}. Use
 * {@link State#potential(int)} for the current potential of any neuron at any time.
 *
 * <p>The layer (topology, weights, parameters) may be shared by simulations on several threads; its
 * weights must not be modified while they run. All mutable per-presentation data is in {@link State}.
 */
public final class Conv2dLayer implements Persistent, PlasticLayer {
    private final String name;
    private final Shape inShape;
    private final Shape outShape;
    private final int inC;
    private final int outC;
    private final int kH;
    private final int kW;
    private final int stride;
    private final int padH;
    private final int padW;
    private final int outH;
    private final int outW;
    private final float[] w;
    private final FiringMode mode;
    private final float threshold;
    private final NeuronModel model;
    private final boolean pointwise;

    private Conv2dLayer(Builder b) {
        this.name = b.name;
        this.inShape = b.inShape;
        this.inC = b.inShape.channels();
        this.outC = b.outC;
        this.kH = b.kH;
        this.kW = b.kW;
        this.stride = b.stride;
        this.padH = b.padH;
        this.padW = b.padW;
        this.outH = Windows.outputSize(inShape.height(), kH, stride, padH);
        this.outW = Windows.outputSize(inShape.width(), kW, stride, padW);
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("layer " + name + ": kernel " + kH + "x" + kW + " with stride "
                    + stride + " and padding " + padH + "x" + padW + " does not fit input " + inShape);
        }
        this.outShape = new Shape(outC, outH, outW);
        this.w = new float[Checks.arraySize("layer " + name + ": weights inC x kH x kW x outC", inC, kH, kW, outC)];
        this.mode = b.mode;
        this.threshold = b.threshold;
        this.model = b.model;
        this.pointwise = b.pointwise;
        if (pointwise && mode != FiringMode.FIRE_ONCE) {
            throw new IllegalStateException("layer " + name + ": fused pointwise inhibition needs fireOnce(threshold), got "
                    + mode);
        }
        if (b.init != null) {
            b.init.fill(w);
        }
    }

    /**
     * Starts a builder. Defaults: stride 1, padding 0, weights 0, no firing mode (one of
     * {@link Builder#fireOnce}, {@link Builder#neurons}, {@link Builder#decideAtLastStep} must be chosen).
     *
     * @param name        layer name, not blank
     * @param inShape     input shape {@code inC x H x W}
     * @param outChannels number of output feature maps, >= 1
     * @param kernelH     kernel height, >= 1
     * @param kernelW     kernel width, >= 1
     */
    public static Builder builder(String name, Shape inShape, int outChannels, int kernelH, int kernelW) {
        return new Builder(name, inShape, outChannels, kernelH, kernelW);
    }

    /** Builder of a {@link Conv2dLayer}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final Shape inShape;
        private final int outC;
        private final int kH;
        private final int kW;
        private int stride = 1;
        private int padH;
        private int padW;
        private WeightInit init;
        private FiringMode mode;
        private float threshold;
        private NeuronModel model;
        private boolean pointwise;

        private Builder(String name, Shape inShape, int outC, int kH, int kW) {
            this.name = Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.inShape = Objects.requireNonNull(inShape, "inShape");
            if (outC < 1) {
                throw new IllegalArgumentException("outChannels must be >= 1, got " + outC);
            }
            if (kH < 1 || kW < 1) {
                throw new IllegalArgumentException("kernel must be >= 1x1, got " + kH + "x" + kW);
            }
            this.outC = outC;
            this.kH = kH;
            this.kW = kW;
        }

        /** Stride in both directions, >= 1 (default 1). */
        public Builder stride(int s) {
            if (s < 1) {
                throw new IllegalArgumentException("stride must be >= 1, got " + s);
            }
            this.stride = s;
            return this;
        }

        /** Zero padding on every side, >= 0 (default 0). */
        public Builder padding(int p) {
            return padding(p, p);
        }

        /** Zero padding: {@code ph} rows above and below, {@code pw} columns left and right, >= 0. */
        public Builder padding(int ph, int pw) {
            if (ph < 0 || pw < 0) {
                throw new IllegalArgumentException("padding must be >= 0, got " + ph + "x" + pw);
            }
            this.padH = ph;
            this.padW = pw;
            return this;
        }

        /** Initial weights, drawn in the layer's {@code [inC][kH][kW][outC]} order. */
        public Builder weights(WeightInit init) {
            this.init = Objects.requireNonNull(init, "init");
            return this;
        }

        /**
         * Built-in fire-once perfect integrate-and-fire ({@link FiringMode#FIRE_ONCE}).
         *
         * @param thresholdMv firing threshold in mV (a neuron fires when {@code v > threshold}), finite
         */
        public Builder fireOnce(float thresholdMv) {
            if (!Float.isFinite(thresholdMv)) {
                throw new IllegalArgumentException("threshold must be finite, got " + thresholdMv);
            }
            this.mode = FiringMode.FIRE_ONCE;
            this.threshold = thresholdMv;
            this.model = null;
            return this;
        }

        /** Neurons advanced by {@code model} ({@link FiringMode#MODEL}). */
        public Builder neurons(NeuronModel model) {
            this.model = Objects.requireNonNull(model, "model");
            this.mode = FiringMode.MODEL;
            return this;
        }

        /**
         * Fused pointwise inhibition (only with {@link #fireOnce}): the same result as applying
         * {@link org.snn4j.competition.PointwiseInhibition} after every step (per position only the earliest,
         * then strongest, feature fires; ties: lowest channel), decided inside the threshold loop, so the
         * losing spikes are never emitted. Use it for STDP training as in Mozafari et al. 2019; not in
         * inference, where SpykeTorch applies no inhibition.
         */
        public Builder pointwiseInhibition(boolean on) {
            this.pointwise = on;
            return this;
        }

        /**
         * Perfect integration with no spikes until the last step of each presentation, where every neuron with
         * {@code v > thresholdMv + thresholdOffset[i]} fires once ({@link FiringMode#FIRE_AT_LAST_STEP}); a
         * competition attached to the layer then selects the winners among them.
         *
         * @param thresholdMv the last-step threshold in mV (0 for SpykeTorch's {@code sf.fire(pot)}), finite
         */
        public Builder fireAtLastStep(float thresholdMv) {
            if (!Float.isFinite(thresholdMv)) {
                throw new IllegalArgumentException("threshold must be finite, got " + thresholdMv);
            }
            this.mode = FiringMode.FIRE_AT_LAST_STEP;
            this.threshold = thresholdMv;
            this.model = null;
            return this;
        }

        /** No threshold; final potentials read after {@link Layer#finish} ({@link FiringMode#DECIDE_AT_LAST_STEP}). */
        public Builder decideAtLastStep() {
            this.mode = FiringMode.DECIDE_AT_LAST_STEP;
            this.model = null;
            return this;
        }

        /** Builds the layer; the weights are drawn now. */
        public Conv2dLayer build() {
            if (mode == null) {
                throw new IllegalStateException("layer " + name
                        + ": choose a firing mode: fireOnce(threshold), neurons(model) or decideAtLastStep()");
            }
            return new Conv2dLayer(this);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape inputShape() {
        return inShape;
    }

    @Override
    public Shape outputShape() {
        return outShape;
    }

    /** The firing mode. */
    public FiringMode firingMode() {
        return mode;
    }

    /** The threshold of {@link FiringMode#FIRE_ONCE} or {@link FiringMode#FIRE_AT_LAST_STEP} in mV (0 in other modes). */
    public float threshold() {
        return threshold;
    }

    /**
     * The neuron model of {@link FiringMode#MODEL}, or null in the built-in modes (whose neurons the layer
     * state resets itself).
     */
    @Override
    public NeuronModel neuronModel() {
        return model;
    }

    /** Whether the fused pointwise inhibition is on. */
    public boolean pointwiseInhibition() {
        return pointwise;
    }

    /** The neuron model of {@link FiringMode#MODEL}, or null. */
    public NeuronModel model() {
        return model;
    }

    /** Number of input feature maps. */
    public int inChannels() {
        return inC;
    }

    /** Number of output feature maps. */
    public int outChannels() {
        return outC;
    }

    /** Kernel height. */
    public int kernelHeight() {
        return kH;
    }

    /** Kernel width. */
    public int kernelWidth() {
        return kW;
    }

    /** Stride in both directions. */
    public int stride() {
        return stride;
    }

    /** Zero rows added above and below. */
    public int paddingH() {
        return padH;
    }

    /** Zero columns added left and right. */
    public int paddingW() {
        return padW;
    }

    /** Live weights in {@code [inC][kH][kW][outC]} order (output channel innermost). */
    @Override
    public float[] weights() {
        return w;
    }

    /** The flat index in {@link #weights()} of {@code W[o, c, ky, kx]}; arguments not checked. */
    public int weightIndex(int o, int c, int ky, int kx) {
        return ((c * kH + ky) * kW + kx) * outC + o;
    }

    /** {@code W[o, c, ky, kx]} in mV (checked). */
    public float weight(int o, int c, int ky, int kx) {
        checkWeightIndex(o, c, ky, kx);
        return w[weightIndex(o, c, ky, kx)];
    }

    /** Sets {@code W[o, c, ky, kx]} (checked). Not while simulations run. */
    public void setWeight(int o, int c, int ky, int kx, float value) {
        checkWeightIndex(o, c, ky, kx);
        w[weightIndex(o, c, ky, kx)] = value;
    }

    private void checkWeightIndex(int o, int c, int ky, int kx) {
        Objects.checkIndex(o, outC);
        Objects.checkIndex(c, inC);
        Objects.checkIndex(ky, kH);
        Objects.checkIndex(kx, kW);
    }

    /**
     * A no-copy EJML view of the live weights: {@code inC*kH*kW} rows (input tap {@code (c, ky, kx)}) by
     * {@code outC} columns. Writing to it writes the layer's weights.
     */
    public FMatrixRMaj weightMatrix() {
        return FMatrixRMaj.wrap(inC * kH * kW, outC, w);
    }

    /** A copy of the weights as an {@code outC x (inC*kH*kW)} matrix, row {@code o} in {@code [c][ky][kx]} order. */
    public FMatrixRMaj toMatrixOIHW() {
        int taps = inC * kH * kW;
        FMatrixRMaj m = new FMatrixRMaj(outC, taps);
        for (int t = 0; t < taps; t++) {
            for (int o = 0; o < outC; o++) {
                m.data[o * taps + t] = w[t * outC + o];
            }
        }
        return m;
    }

    /** Overwrites the weights from an {@code outC x (inC*kH*kW)} matrix in the order of {@link #toMatrixOIHW()}. */
    public void setFromMatrixOIHW(FMatrixRMaj m) {
        Objects.requireNonNull(m, "m");
        int taps = inC * kH * kW;
        if (m.numRows != outC || m.numCols != taps) {
            throw new IllegalArgumentException("layer " + name + " expects a " + outC + "x" + taps
                    + " weight matrix, got " + m.numRows + "x" + m.numCols);
        }
        for (int t = 0; t < taps; t++) {
            for (int o = 0; o < outC; o++) {
                w[t * outC + o] = m.data[o * taps + t];
            }
        }
    }

    @Override
    public State newState() {
        return new State();
    }

    private State cast(LayerState state) {
        if (!(state instanceof State) || ((State) state).owner() != this) {
            throw new IllegalArgumentException("layer " + name + " needs a state created by its newState(), got "
                    + (state == null ? "null" : state.getClass().getName()));
        }
        return (State) state;
    }

    /**
     * Scatters this step's input spikes (all modes), then fires: {@link FiringMode#FIRE_ONCE} checks the
     * touched positions only; {@link FiringMode#MODEL} hands the touched input to the model;
     * {@link FiringMode#DECIDE_AT_LAST_STEP} emits nothing; {@link FiringMode#FIRE_AT_LAST_STEP} emits nothing
     * before the last step ({@code ctx.steps() - 1}), then every neuron above its threshold. Neurons with
     * {@code step < state.inhibitedUntil()[i]} do not fire. Counts one synaptic event per weight added.
     */
    @Override
    public void step(Spikes in, LayerState layerState, StepContext ctx, Spikes out) {
        State st = cast(layerState);
        int t = ctx.step();
        int n = in.count();
        int[] idx = in.indices();
        int[] inStep = st.inputSpikeStep();
        int inH = inShape.height();
        int inW = inShape.width();
        int inMap = inH * inW;
        float[] pot = st.pot;
        int[] tList = st.touchedList;
        int[][] posRows = st.posRows;
        int[] rowCount = st.rowCount;
        int tCount = 0;
        // pass 1: record the input spikes; append each spike's weight row to the row list of every output
        // position whose window contains it
        for (int k = 0; k < n; k++) {
            int i = idx[k];
            inStep[i] = t;
            int c = i / inMap;
            int r = i - c * inMap;
            int y = r / inW;
            int x = r - y * inW;
            int oy1 = Windows.last(y, stride, padH, outH);
            int ox0 = Windows.first(x, kW, stride, padW);
            int ox1 = Windows.last(x, stride, padW, outW);
            int cBase = c * kH;
            for (int oy = Windows.first(y, kH, stride, padH); oy <= oy1; oy++) {
                int wRow = (cBase + y + padH - oy * stride) * kW + x + padW;
                int posRow = oy * outW;
                for (int ox = ox0; ox <= ox1; ox++) {
                    int pos = posRow + ox;
                    int m = rowCount[pos];
                    if (m == 0) {
                        tList[tCount++] = pos;
                    }
                    int[] list = posRows[pos];
                    if (m == list.length) {
                        list = st.grow(pos); // only until the buffers reach their high-water mark
                    }
                    list[m] = (wRow - ox * stride) * outC;
                    rowCount[pos] = m + 1;
                }
            }
        }
        // pass 2: per touched position, add its rows in one kernel call (partial sums kept in registers)
        FloatKernels kernels = st.kernels;
        long events = 0;
        for (int k = 0; k < tCount; k++) {
            int pos = tList[k];
            int m = rowCount[pos];
            kernels.addRows(pot, pos * outC, w, posRows[pos], m, outC);
            events += m;
        }
        events *= outC;
        int before = out.count();
        if (mode == FiringMode.FIRE_ONCE) {
            fireOnce(st, t, tCount, out);
        } else if (mode == FiringMode.MODEL) {
            feedModel(st, ctx, tCount, out);
        } else {
            for (int k = 0; k < tCount; k++) {
                st.rowCount[tList[k]] = 0;
            }
            if (mode == FiringMode.FIRE_AT_LAST_STEP && t == ctx.steps() - 1) {
                fireAtLastStep(st, t, out);
            }
        }
        st.count(out.count() - before, events);
    }

    private void fireOnce(State st, int t, int tCount, Spikes out) {
        float[] pot = st.pot;
        boolean[] done = st.done;
        int[] rowCount = st.rowCount;
        int[] remaining = st.remaining;
        int[] tList = st.touchedList;
        NeuronState ns = st.neurons();
        float[] v = ns.get(FiringMode.POTENTIAL);
        int[] last = ns.lastSpikeStep();
        float[] off = ns.thresholdOffset();
        int[] inh = st.inhibitedUntilOrNull();
        int map = outH * outW;
        float thr = threshold;
        for (int k = 0; k < tCount; k++) {
            int pos = tList[k];
            rowCount[pos] = 0;
            if (remaining[pos] == 0) {
                continue; // every neuron at this position has fired or is inhibited for good
            }
            int q = pos * outC;
            if (pointwise) {
                firePointwise(st, pos, t, out);
                continue;
            }
            int left = remaining[pos];
            for (int o = 0; o < outC; o++) {
                int j = q + o;
                if (!done[j] && pot[j] > thr) {
                    int chw = o * map + pos;
                    if (inh != null && t < inh[chw]) {
                        if (inh[chw] == Integer.MAX_VALUE) {
                            done[j] = true; // inhibited for the whole presentation
                            left--;
                        }
                    } else if (pot[j] > thr + off[chw]) {
                        done[j] = true;
                        left--;
                        v[chw] = pot[j];
                        last[chw] = t;
                        out.add(chw);
                    }
                }
            }
            remaining[pos] = left;
        }
    }

    /** The fused pointwise-inhibition threshold check of one touched position (FIRE_ONCE only). */
    private void firePointwise(State st, int pos, int t, Spikes out) {
        float[] pot = st.pot;
        boolean[] done = st.done;
        NeuronState ns = st.neurons();
        float[] off = ns.thresholdOffset();
        int[] inh = st.inhibitedUntilOrNull();
        int map = outH * outW;
        float thr = threshold;
        int q = pos * outC;
        int best = -1;
        float bestV = 0f;
        int left = st.remaining[pos];
        for (int o = 0; o < outC; o++) {
            int j = q + o;
            float p = pot[j];
            if (!done[j] && p > thr) {
                int chw = o * map + pos;
                if (inh != null && t < inh[chw]) {
                    if (inh[chw] == Integer.MAX_VALUE) {
                        done[j] = true;
                        left--;
                    }
                } else if (p > thr + off[chw] && (best < 0 || p > bestV)) {
                    best = o;
                    bestV = p;
                }
            }
        }
        if (best < 0) {
            st.remaining[pos] = left;
            return;
        }
        for (int o = 0; o < outC; o++) {
            done[q + o] = true; // the winner fires; every other feature at this position never will
        }
        st.remaining[pos] = 0;
        int chw = best * map + pos;
        ns.get(FiringMode.POTENTIAL)[chw] = bestV;
        ns.lastSpikeStep()[chw] = t;
        out.add(chw);
    }

    /** {@link FiringMode#FIRE_AT_LAST_STEP}: every neuron above the threshold fires now, in CHW order. */
    private void fireAtLastStep(State st, int t, Spikes out) {
        float[] pot = st.pot;
        NeuronState ns = st.neurons();
        float[] v = ns.get(FiringMode.POTENTIAL);
        int[] last = ns.lastSpikeStep();
        float[] off = ns.thresholdOffset();
        int[] inh = st.inhibitedUntilOrNull();
        int map = outH * outW;
        float thr = threshold;
        for (int o = 0; o < outC; o++) {
            int chw = o * map;
            for (int pos = 0; pos < map; pos++, chw++) {
                float p = pot[pos * outC + o];
                if (p > thr + off[chw] && (inh == null || t >= inh[chw])) {
                    v[chw] = p;
                    last[chw] = t;
                    out.add(chw);
                }
            }
        }
    }

    private void feedModel(State st, StepContext ctx, int tCount, Spikes out) {
        float[] pot = st.pot;
        int[] rowCount = st.rowCount;
        int[] tList = st.touchedList;
        SynapticInput input = st.input;
        float[] values = input.values();
        int map = outH * outW;
        for (int k = 0; k < tCount; k++) {
            int pos = tList[k];
            rowCount[pos] = 0;
            int q = pos * outC;
            for (int o = 0; o < outC; o++) {
                int chw = o * map + pos;
                input.touch(chw);
                values[chw] += pot[q + o];
                pot[q + o] = 0f;
            }
        }
        input.integrate(model, st.neurons(), null, ctx.dtMs(), ctx.step(), out);
        int[] inh = st.inhibitedUntilOrNull();
        if (inh != null) {
            out.removeInhibited(inh, ctx.step());
        }
    }

    /**
     * Makes every neuron's potential readable in {@code state.neurons()}: in the built-in modes copies
     * the internal position-major potentials into {@link FiringMode#POTENTIAL} (CHW); in
     * {@link FiringMode#MODEL} brings lazy models up to the last step ({@link NeuronModel#advanceTo}).
     */
    @Override
    public void finish(LayerState layerState, StepContext ctx) {
        State st = cast(layerState);
        if (mode == FiringMode.MODEL) {
            model.advanceTo(st.neurons(), ctx.dtMs(), ctx.step());
            return;
        }
        float[] v = st.neurons().get(FiringMode.POTENTIAL);
        float[] pot = st.pot;
        int map = outH * outW;
        for (int pos = 0; pos < map; pos++) {
            int q = pos * outC;
            for (int o = 0; o < outC; o++) {
                v[o * map + pos] = pot[q + o];
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Walks the kernel of {@code post}'s channel {@code o}: for every {@code (c, ky, kx)} the weight
     * {@code W[o, c, ky, kx]} is paired with the input neuron at {@code (c, oy*s - p + ky, ox*s - p + kx)},
     * or {@code pre = -1} when that lies in the padding. Since the kernel is shared by every position of
     * map {@code o}, the update affects all of them.
     */
    @Override
    public void updateReceptiveField(int post, LayerState state, SynapseKernel kernel) {
        Objects.checkIndex(post, outShape.size());
        Objects.requireNonNull(kernel, "kernel");
        int map = outH * outW;
        int o = post / map;
        int pos = post - o * map;
        int oy = pos / outW;
        int ox = pos - oy * outW;
        int inH = inShape.height();
        int inW = inShape.width();
        for (int c = 0; c < inC; c++) {
            for (int ky = 0; ky < kH; ky++) {
                int iy = oy * stride - padH + ky;
                for (int kx = 0; kx < kW; kx++) {
                    int ix = ox * stride - padW + kx;
                    int pre = iy >= 0 && iy < inH && ix >= 0 && ix < inW ? (c * inH + iy) * inW + ix : -1;
                    int wi = ((c * kH + ky) * kW + kx) * outC + o;
                    w[wi] = kernel.newWeight(w[wi], pre, post);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Conv2dLayer[" + name + ": " + inShape + " -> " + outShape + ", kernel " + kH + "x" + kW
                + ", stride " + stride + ", padding " + padH + "x" + padW + ", " + mode
                + (mode == FiringMode.FIRE_ONCE || mode == FiringMode.FIRE_AT_LAST_STEP ? " threshold " + threshold : "")
                + (pointwise ? " pointwise-inhibition" : "")
                + (model != null ? " " + model : "") + "]";
    }

    /**
     * The per-simulation state of a {@link Conv2dLayer}: the neurons, the position-major potential (or
     * input accumulator) buffer and the touched list. Not thread-safe.
     */
    public final class State extends LayerState {
        final float[] pot;
        final boolean[] done;
        final int[] touchedList;
        final int[][] posRows;
        final int[] rowCount;
        final int[] remaining;
        final SynapticInput input;
        final FloatKernels kernels = FloatKernels.get();

        State() {
            super(inShape, outShape, new NeuronState(outShape.size(),
                    mode == FiringMode.MODEL ? model.stateVariables() : FiringMode.builtInVariables()));
            int size = outShape.size();
            pot = new float[size];
            done = mode == FiringMode.FIRE_ONCE ? new boolean[size] : null;
            int positions = outH * outW;
            touchedList = new int[positions];
            // a position sees at most one row per tap in one step (an input fires once per step); lists
            // start small and grow (doubling, up to the tap count) to the high-water mark of the input
            posRows = new int[positions][Math.min(inC * kH * kW, 16)];
            rowCount = new int[positions];
            remaining = new int[positions];
            Arrays.fill(remaining, outC);
            input = mode == FiringMode.MODEL ? new SynapticInput(size) : null;
            initNeurons();
        }

        Conv2dLayer owner() {
            return Conv2dLayer.this;
        }

        int[] grow(int pos) {
            int[] old = posRows[pos];
            int[] bigger = Arrays.copyOf(old, Math.min(inC * kH * kW, 2 * old.length));
            posRows[pos] = bigger;
            return bigger;
        }

        private void initNeurons() {
            NeuronState ns = neurons();
            ns.clear();
            if (model != null) {
                model.initialise(ns);
            }
        }

        /**
         * Built-in modes: zeroes the potentials and spike/update steps, keeping
         * {@code thresholdOffset} (homeostasis learns across presentations). In {@link FiringMode#MODEL}
         * the engine clears and initialises the neurons itself (it knows the model through
         * {@link Layer#neuronModel()}), so they are left alone here.
         */
        private void resetBuiltInNeurons() {
            if (model != null) {
                return;
            }
            NeuronState ns = neurons();
            Arrays.fill(ns.get(FiringMode.POTENTIAL), 0f);
            Arrays.fill(ns.lastSpikeStep(), -1);
            Arrays.fill(ns.lastUpdateStep(), 0);
        }

        /**
         * Clears every buffer for a new presentation; in the built-in modes also the neurons (threshold
         * offsets are kept); in {@link FiringMode#MODEL} the neurons are the engine's to clear.
         */
        @Override
        public void reset() {
            super.reset();
            Arrays.fill(pot, 0f);
            Arrays.fill(rowCount, 0);
            Arrays.fill(remaining, outC);
            if (done != null) {
                Arrays.fill(done, false);
            }
            if (input != null) {
                input.clear();
            }
            resetBuiltInNeurons();
        }

        /**
         * The current membrane potential of output neuron {@code chw} (mV): in the built-in modes the
         * integrated input so far (no reset), in {@link FiringMode#MODEL} the model's first state variable
         * (lazy models may lag until {@link Conv2dLayer#finish}).
         */
        @Override
        public float potential(int chw) {
            Objects.checkIndex(chw, outShape.size());
            if (mode == FiringMode.MODEL) {
                return neurons().get(neurons().variables().get(0))[chw];
            }
            int map = outH * outW;
            int o = chw / map;
            return pot[(chw - o * map) * outC + o];
        }
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return LayerCodecs.CONV2D;
    }
}
