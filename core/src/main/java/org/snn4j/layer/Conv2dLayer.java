package org.snn4j.layer;

import org.snn4j.internal.Checks;
import org.snn4j.internal.StepTeam;
import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.FMatrixRMaj;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.internal.kernel.FloatKernels;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;
import org.snn4j.neuron.Integrator;
import org.snn4j.neuron.LastStepIf;
import org.snn4j.neuron.NeuronModel;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;
import org.snn4j.neuron.ResetMode;
import org.snn4j.neuron.ThresholdComparison;

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
 * The neurons are a {@link NeuronModel} ({@link Builder#neurons}). Three models run in the layer's own fused
 * loops instead of model calls: a fire-once {@link PerfectIf} ({@link PerfectIfParameters#latencyCoded}:
 * SpykeTorch's {@code Convolution} + {@code fire} on cumulative spike waves), an {@link Integrator} (no spikes;
 * final potentials decide) and a {@link LastStepIf} (fires at the last step). In the fused loops the
 * potentials are kept position-major; the neuron state's potential is written back from them whenever it is
 * read (and by {@link #finish}). Use {@link State#potential(int)} for the current potential of any neuron at
 * any time. The fire-once loop checks a touched position only when a bound of its potentials (the sum of the
 * largest weight of every row added there, which no potential can exceed since float addition is monotone) is
 * above the threshold: the same spikes, fewer checks. The weight rows of a position whose bound is not above the
 * threshold are only queued (tap indices, in input-spike order): they are added, in that order, when the bound
 * passes the threshold or someone reads a potential there (before the layer's weights change, if a presentation
 * left rows queued), so the potentials are bit-identical to adding every row at once, and a position that never
 * comes near the threshold (half of conv1's rows in Mozafari et al.'s network before its early stop) costs one
 * add to its bound per row.
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
    /** {@link #windowTable()}. */
    private final int[] windowTable;
    private final NeuronModel model;
    /** The loop that runs the model: fused for the models the layer recognises, else {@link Loop#MODEL}. */
    private final Loop run;
    /** The threshold of the fused loops (mV). */
    private final float fireThreshold;

    /** The loops of a layer state. */
    enum Loop {
        /** Model calls ({@link NeuronModel#stepTouched} / {@link NeuronModel#step}). */
        MODEL,
        /** Fused fire-once {@link PerfectIf}. */
        FIRE_ONCE,
        /** Fused {@link Integrator}: no spikes. */
        DECIDE,
        /** Fused {@link LastStepIf}: spikes at the last step only. */
        FIRE_AT_LAST_STEP
    }
    /** Bumped by every change of the weights (see {@link #weightVersion()}). */
    private long version;
    private long signVersion = -1;
    private boolean nonNegative;
    /** Bulk pass: weight rows per kernel tap {@code [(c*kH+ky)*kW+kx][outC]}, refreshed per stale map; or null. */
    private float[][] rows;
    private boolean[] rowsStale;
    /**
     * Per tap row of {@link #rows}: at least its largest weight, so an upper bound of what one input spike adds
     * to any potential at one position (NaN weights are left out: a NaN potential never fires). Exact after a
     * full refresh; a partial one only raises it, and recomputes {@link #TIGHTEN_ROWS} rows in turn.
     */
    private float[] rowMax;
    /** The next row of {@link #rowMax} to recompute exactly. */
    private int tightenNext;
    private volatile int rowsStaleCount;
    /** Bulk pass: per silent input border, the weight totals of every output position. */
    private final java.util.List<Totals> totals = new java.util.ArrayList<>();
    /**
     * The fused-loop states of this layer (weakly held): before {@link #refreshRows} changes the per-tap rows,
     * every state that may still have queued rows ({@link State#pendingAny}) adds them with the rows they were
     * queued against. Guarded by this layer's lock.
     */
    private final java.util.List<java.lang.ref.WeakReference<State>> fusedStates = new java.util.ArrayList<>();

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
        this.windowTable = windowTable();
        this.model = b.model;
        this.run = loopOf(model);
        this.fireThreshold = run == Loop.FIRE_ONCE ? ((PerfectIf) model).parameters().threshold()
                : run == Loop.FIRE_AT_LAST_STEP ? ((LastStepIf) model).threshold() : 0f;
        if (b.init != null) {
            b.init.fill(w);
        }
    }

    /**
     * Whether {@code model} is a perfect integrate-and-fire neuron that fires once, with no leak, no reset, no
     * refractory period, a strict threshold and rest potential 0 ({@link PerfectIfParameters#latencyCoded}):
     * the layer then runs it in its fused fire-once loop (the same spikes and potentials as the model, with the
     * input summed onto the potential in input-spike order), which also allows the engine's bulk pass,
     * collapsed decision presentations and fused pointwise inhibition.
     */
    static Loop loopOf(NeuronModel model) {
        if (fusesAsFireOnce(model)) {
            return Loop.FIRE_ONCE;
        }
        if (model instanceof Integrator) {
            return Loop.DECIDE;
        }
        return model instanceof LastStepIf ? Loop.FIRE_AT_LAST_STEP : Loop.MODEL;
    }

    /** Whether {@code model} is a fire-once perfect integrate-and-fire that the fused fire-once loop runs. */
    static boolean fusesAsFireOnce(NeuronModel model) {
        if (!(model instanceof PerfectIf)) {
            return false;
        }
        PerfectIfParameters p = ((PerfectIf) model).parameters();
        return p.fireOnce() && p.resetMode() == ResetMode.NONE && p.refractoryMs() == 0f && p.vReset() == 0f
                && p.comparison() == ThresholdComparison.GREATER;
    }

    /**
     * Starts a builder. Defaults: stride 1, padding 0, weights 0; the neuron model must be chosen
     * ({@link Builder#neurons}).
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
        private NeuronModel model;

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
         * The neuron model. A fire-once {@link PerfectIf} ({@link PerfectIfParameters#latencyCoded}), an
         * {@link Integrator} and a {@link LastStepIf} run in the layer's fused loops; any other model through
         * its {@link NeuronModel#stepTouched} / {@link NeuronModel#step}.
         */
        public Builder neurons(NeuronModel model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Builds the layer; the weights are drawn now. */
        public Conv2dLayer build() {
            if (model == null) {
                throw new IllegalStateException("layer " + name + ": choose the neurons: neurons(model), for example "
                        + "new PerfectIf(PerfectIfParameters.latencyCoded(threshold)), new Integrator() or "
                        + "new LastStepIf(threshold)");
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

    /** The neuron model (never null). */
    @Override
    public NeuronModel neuronModel() {
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

    /**
     * Live weights in {@code [inC][kH][kW][outC]} order (output channel innermost), to write. Handing out the live
     * array counts as a change of the weights ({@link #weightsChanged()} is called), since the caller may write to
     * it; a caller that keeps the array and writes to it later must call {@link #weightsChanged()} itself. To read,
     * use {@link #weightsView()}, {@link #weight(int, int, int, int)} or {@link #toMatrixOIHW()}.
     */
    @Override
    public float[] weights() {
        weightsChanged();
        return w;
    }

    /** A copy of the weights in {@code [inC][kH][kW][outC]} order (not a change of the weights). */
    public float[] weightsCopy() {
        return w.clone();
    }

    /**
     * A read-only view of the live weights in {@code [inC][kH][kW][outC]} order (no copy; writes throw
     * {@link java.nio.ReadOnlyBufferException}). Reading does not change {@link #weightVersion()}.
     */
    @Override
    public java.nio.FloatBuffer weightsView() {
        return java.nio.FloatBuffer.wrap(w).asReadOnlyBuffer();
    }

    /**
     * A counter that changes whenever the weights may have changed: {@link #setWeight}, {@link #setFromMatrixOIHW},
     * learning through {@link #updateReceptiveField}, every call of {@link #weights()} or {@link #weightMatrix()}
     * (which hand out the live array) and {@link #weightsChanged()}. The engine keys its caches on it (the
     * bulk pass's weight totals, the frozen-layer output cache of {@code Simulation}).
     */
    @Override
    public long weightVersion() {
        return version;
    }

    /**
     * Declares that the weights changed (for code that kept the live array of {@link #weights()} and wrote to
     * it later): bumps {@link #weightVersion()} and drops every cached quantity derived from the weights.
     */
    public synchronized void weightsChanged() {
        version++;
        if (rows != null) {
            java.util.Arrays.fill(rowsStale, true);
            rowsStaleCount = outC;
        }
        for (int k = 0; k < totals.size(); k++) {
            totals.get(k).markAll();
        }
    }

    /** Map {@code o}'s weights changed (learning): bumps the version, marks only that map's cached rows stale. */
    private synchronized void mapChanged(int o) {
        version++;
        if (rows != null && !rowsStale[o]) {
            rowsStale[o] = true;
            rowsStaleCount++;
        }
        for (int k = 0; k < totals.size(); k++) {
            totals.get(k).mark(o);
        }
    }

    /**
     * Whether the neurons run in the fused fire-once loop: a fire-once {@link PerfectIf} model (see
     * {@link Builder#neurons}).
     */
    public boolean fusedFireOnce() {
        return run == Loop.FIRE_ONCE;
    }

    /** Whether the neurons emit spikes only at the last step (an {@link Integrator} or a {@link LastStepIf}). */
    public boolean firesOnlyAtLastStep() {
        return run == Loop.FIRE_AT_LAST_STEP || run == Loop.DECIDE;
    }

    /**
     * Whether no weight is negative (then a fire-once neuron's potential never decreases, so whether it fires
     * in a presentation depends only on which inputs fired, not when). Cached per {@link #weightVersion()}.
     */
    public synchronized boolean nonNegativeWeights() {
        if (signVersion != version) {
            boolean ok = true;
            for (int i = 0; i < w.length && ok; i++) {
                ok = w[i] >= 0f;
            }
            nonNegative = ok;
            signVersion = version;
        }
        return nonNegative;
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
        mapChanged(o);
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
        weightsChanged();
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
        weightsChanged();
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
     * Scatters this step's input spikes, then fires: the fused fire-once loop checks the touched positions only;
     * a model the layer does not fuse gets the touched input; an {@link Integrator} emits nothing; a
     * {@link LastStepIf} emits nothing before the last step ({@code ctx.steps() - 1}), then every neuron above
     * its threshold. Neurons with
     * {@code step < state.inhibitedUntil()[i]} do not fire. Counts one synaptic event per weight added.
     */
    @Override
    public void step(Spikes in, LayerState layerState, StepContext ctx, Spikes out) {
        State st = cast(layerState);
        if (st.loop != Loop.MODEL) {
            stepFused(in, st, ctx, out);
            return;
        }
        int t = ctx.step();
        int n = in.count();
        int[] idx = in.indices();
        int[] inStep = st.inputSpikeStep();
        float[] pot = st.pot;
        int[] tList = st.touchedList;
        int[][] posRows = st.posRows;
        int[] rowCount = st.rowCount;
        int[] box = st.window;
        final int tapStep = stride * kW;
        int tCount = 0;
        // pass 1: record the input spikes; append each spike's weight row to the row list of every output
        // position whose window contains it
        for (int k = 0; k < n; k++) {
            int i = idx[k];
            inStep[i] = t;
            window(i, box);
            int oy1 = box[1];
            int ox0 = box[2];
            int ox1 = box[3];
            int wRow = box[4];
            for (int oy = box[0]; oy <= oy1; oy++, wRow -= tapStep) {
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
        fire(st, ctx, tCount, out, events, null);
    }

    /**
     * The output positions input neuron {@code i} reaches, for both step loops: rows {@code box[0] .. box[1]},
     * columns {@code box[2] .. box[3]}, and {@code box[4]}, the kernel tap {@code (c, ky, kx)} index (before
     * {@code - ox * stride}) that pairs input {@code i} with output row {@code box[0]}, column 0; it decreases
     * by {@code stride * kW} per output row. The tap paired with output {@code (oy, ox)} is
     * {@code box[4] - (oy - box[0]) * stride * kW - ox * stride}.
     */
    private void window(int i, int[] box) {
        int inMap = inShape.height() * inShape.width();
        int c = i / inMap;
        int q = (i - c * inMap) * 5;
        int[] tab = windowTable;
        box[0] = tab[q];
        box[1] = tab[q + 1];
        box[2] = tab[q + 2];
        box[3] = tab[q + 3];
        box[4] = c * kH * kW + tab[q + 4];
    }

    /**
     * Per input map position {@code (y, x)}: the output window of an input there ({@link #window}) for input
     * channel 0: {@code oy0, oy1, ox0, ox1, tap}; one division per input spike instead of six.
     */
    private int[] windowTable() {
        int inH = inShape.height();
        int inW = inShape.width();
        int[] tab = new int[Checks.arraySize("layer " + name + ": window table", inH, inW, 5)];
        for (int y = 0; y < inH; y++) {
            int oy0 = Windows.first(y, kH, stride, padH);
            int oy1 = Windows.last(y, stride, padH, outH);
            for (int x = 0; x < inW; x++) {
                int q = (y * inW + x) * 5;
                tab[q] = oy0;
                tab[q + 1] = oy1;
                tab[q + 2] = Windows.first(x, kW, stride, padW);
                tab[q + 3] = Windows.last(x, stride, padW, outW);
                tab[q + 4] = (y + padH - oy0 * stride) * kW + x + padW;
            }
        }
        return tab;
    }

    /** Whether the JDK's Vector API kernels are in use (else plain loops, which C2 vectorises on JDK 17). */
    private static final boolean VECTOR_KERNELS = !"scalar".equals(FloatKernels.get().name());

    /**
     * The step of the fused loops (fire once, fire or decide at the last step): each input spike queues its
     * weight row ({@code [outC]}, one per kernel tap, a mirror of the weights) at every output position whose
     * window contains it, in input-spike order, and raises the position's bound; then the touched positions
     * fire ({@link #fire}: a position's queued rows are added, in that order and several per pass, only when one
     * of its neurons may fire or its potentials are read). With pointwise inhibition fused, decided positions get
     * no more input.
     */
    private void stepFused(Spikes in, State st, StepContext ctx, Spikes out) {
        int t = ctx.step();
        int n = in.count();
        if (!st.anyInput && n > 0) {
            st.anyInput = true;
            if (stride == 1 && (st.wholeInputAtOnce || 4L * n >= st.supportSize()) && bulk(in, st, ctx, out)) {
                return;
            }
        }
        float[][] wr = currentRows();
        float[] rmax = rowMax; // refreshed with the rows
        float[] bound = st.bound;
        int[] idx = in.indices();
        int[] inStep = st.inputSpikeStep();
        int[] tList = st.touchedList;
        int[] rowCount = st.rowCount;
        int[] q = st.queue;
        final int qcap = st.queueCap;
        final int oc = outC;
        int[] box = st.window;
        final int tapStep = stride * kW;
        int tCount = 0;
        long rowsAdded = 0;
        if (n > 0 && !st.pendingAny) {
            st.pendingAny = true; // before the first row is queued (a refresh by another thread then sees it)
        }
        for (int k = 0; k < n; k++) {
            int i = idx[k];
            inStep[i] = t;
            window(i, box);
            int oy1 = box[1];
            int ox0 = box[2];
            int ox1 = box[3];
            int tapRow = box[4];
            for (int oy = box[0]; oy <= oy1; oy++, tapRow -= tapStep) {
                int posRow = oy * outW;
                for (int ox = ox0; ox <= ox1; ox++) {
                    int pos = posRow + ox;
                    int rc = rowCount[pos];
                    if ((rc & FLAGS) != TOUCHED) { // one test for the common case: touched before in this step
                        if ((rc & STOPPED) != 0) {
                            continue; // fused pointwise inhibition decided this position: nothing here fires again
                        }
                        tList[tCount++] = pos; // the first row here in this step: the position joins the list
                    }
                    int tap = tapRow - ox * stride;
                    bound[pos] += rmax[tap]; // potentials here stay at or below it (float addition is monotone)
                    // the row is queued; it is added when a neuron here may fire or the potential is read
                    int m = rc & QUEUED;
                    if (m == qcap) {
                        st.addQueued(pos, wr); // a full queue: add what is queued, keep the order
                        m = 0;
                    }
                    q[pos * qcap + m] = tap;
                    rowCount[pos] = (m + 1) | TOUCHED;
                    rowsAdded++;
                }
            }
        }
        fire(st, ctx, tCount, out, rowsAdded * oc, wr);
    }

    /** The per-tap weight rows, refreshed first if a map changed. */
    private float[][] currentRows() {
        float[][] r = rows;
        if (r == null || rowsStaleCount != 0) {
            synchronized (this) {
                r = refreshRows();
            }
        }
        return r;
    }

    /**
     * Applies the firing of the mode to the {@code tCount} positions in the touched list; counts. In the fused
     * loops the rows queued at a touched position are added first where a neuron may fire (fire once: its bound
     * is above the threshold; fire at the last step: every position, at the last step); the rest stay queued
     * ({@code wr}: the rows they were queued against; null when nothing is queued in this step).
     */
    private void fire(State st, StepContext ctx, int tCount, Spikes out, long events, float[][] wr) {
        int t = ctx.step();
        int before = out.count();
        if (st.loop != Loop.MODEL) {
            st.neurons().writeBackBeforeNextRead(st.writeBack); // potentials changed: a reader gets them current
            int[] tList = st.touchedList;
            boolean[] dirty = st.dirty;
            int[] dirtyList = st.dirtyList;
            int dirtyCount = st.dirtyCount;
            boolean once = st.loop == Loop.FIRE_ONCE;
            int[] rowCount = st.rowCount;
            int[] remaining = st.remaining;
            float[] bound = st.bound;
            float thr = fireThreshold;
            for (int k = 0; k < tCount; k++) {
                int pos = tList[k];
                int rc = rowCount[pos];
                rowCount[pos] = rc & ~TOUCHED; // no longer touched in this step
                if (!dirty[pos]) { // the first input of the presentation here (the bulk pass marks its own)
                    dirty[pos] = true;
                    dirtyList[dirtyCount++] = pos;
                    st.dirtyCount = dirtyCount; // before a row is added (addQueuedLocked reads the list)
                }
                if (once && (rc & QUEUED) > 0 && bound[pos] > thr && remaining[pos] != 0) {
                    st.addQueued(pos, wr); // a neuron here may fire: the potentials must be current
                }
            }
            if (st.loop == Loop.FIRE_AT_LAST_STEP && t == ctx.steps() - 1) {
                st.addAllQueued();
            }
        }
        if (st.loop == Loop.FIRE_ONCE && tCount == outH * outW && !st.pointwiseOn
                && st.inhibitedUntilOrNull() == null && st.firedCount == 0) {
            fireOnceAll(st, t, out);
        } else if (st.loop == Loop.FIRE_ONCE) {
            fireOnce(st, t, tCount, out);
        } else if (st.loop == Loop.MODEL) {
            feedModel(st, ctx, tCount, out);
        } else if (st.loop == Loop.FIRE_AT_LAST_STEP && t == ctx.steps() - 1) {
            fireAtLastStep(st, t, out);
        }
        st.count(out.count() - before, events);
    }

    /**
     * The bulk pass, used for the first input of a presentation when it is large (at least a quarter of the
     * input neurons that can fire): the final-potential pass of Mozafari et al.'s decision layer and of a
     * collapsed presentation. With more than half of the inputs that can fire active, the potentials start
     * from the per-position weight totals (over the part of the window that can fire) and subtract the
     * inactive inputs; otherwise they add the active ones. Either way each weight row (input channel, kernel
     * tap) is visited once and added to every output position that needs it, in input-channel, tap, input
     * position order, on per-position rows that the JIT vectorises.
     *
     * @return false (nothing done) if an input spike lies in the silent border declared by the engine
     */
    private boolean bulk(Spikes in, State st, StepContext ctx, Spikes out) {
        int t = ctx.step();
        int n = in.count();
        int[] idx = in.indices();
        int inH = inShape.height();
        int inW = inShape.width();
        int inMap = inH * inW;
        int y0 = st.silentTop;
        int y1 = inH - st.silentBottom;
        int x0 = st.silentLeft;
        int x1 = inW - st.silentRight;
        for (int k = 0; k < n; k++) {
            int r = idx[k] % inMap;
            int y = r / inW;
            int x = r - y * inW;
            if (y < y0 || y >= y1 || x < x0 || x >= x1) {
                return false;
            }
        }
        int[] inStep = st.inputSpikeStep();
        for (int k = 0; k < n; k++) {
            inStep[idx[k]] = t;
        }
        boolean complement = 2L * n > st.supportSize();
        float[][] wr;
        float[][] tot = null;
        synchronized (this) {
            wr = refreshRows();
            if (complement) {
                tot = totalsFor(st.silentTop, st.silentBottom, st.silentLeft, st.silentRight, wr);
            }
        }
        // the inputs each weight row goes to: per input channel, the positions that are active (or, with the
        // totals, inactive) inside the part that can fire
        boolean[] active = in.fired();
        int[] list = st.bulkList();
        int[] start = st.bulkStart();
        int m = 0;
        for (int c = 0; c < inC; c++) {
            start[c] = m;
            int base = c * inMap;
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    int q = y * inW + x;
                    if (active[base + q] != complement) {
                        list[m++] = q;
                    }
                }
            }
        }
        start[inC] = m;
        st.bulkRows = wr;
        st.bulkTotals = tot;
        st.bulkComplement = complement;
        if (st.team != null && st.team.parts() > 1) {
            st.team.run(st.bulkPart); // output maps split between the threads: every sum in the same order
        } else {
            bulkMaps(st, 0, outC);
        }
        st.bulkRows = null;
        st.bulkTotals = null;
        long adds = st.bulkAdds * outC;
        int positions = outH * outW;
        int[] tList = st.touchedList;
        for (int p = 0; p < positions; p++) {
            tList[p] = p;
            st.bound[p] = Float.POSITIVE_INFINITY; // no bound kept by the bulk pass
            st.live[p] = true;
            if (!st.dirty[p]) {
                st.dirty[p] = true;
                st.dirtyList[st.dirtyCount++] = p;
            }
        }
        fire(st, ctx, positions, out, adds, null);
        return true;
    }

    /**
     * The bulk pass over output maps {@code lo .. hi-1}: each weight row (input channel, kernel tap) is added to
     * (or, from the totals, subtracted from) the potential rows of the output positions that need it, in
     * input-channel, tap, input-position order. Every potential's sum has the same order whatever the split of
     * the maps, so the threads of {@link State#shareWork} give identical potentials.
     */
    private void bulkMaps(State st, int lo, int hi) {
        int len = hi - lo;
        if (len <= 0) {
            return;
        }
        float[][] pr = st.potRows;
        float[][] wr = st.bulkRows;
        float[][] tot = st.bulkTotals;
        boolean complement = st.bulkComplement;
        int positions = outH * outW;
        for (int p = 0; p < positions; p++) {
            if (complement) {
                System.arraycopy(tot[p], lo, pr[p], lo, len);
            } else {
                Arrays.fill(pr[p], lo, hi, 0f);
            }
        }
        int[] list = st.bulkList();
        int[] start = st.bulkStart();
        int inW = inShape.width();
        final boolean vec = VECTOR_KERNELS;
        FloatKernels kernels = st.kernels;
        long rowsAdded = 0;
        for (int c = 0; c < inC; c++) {
            int j0 = start[c];
            int j1 = start[c + 1];
            if (j0 == j1) {
                continue;
            }
            for (int ky = 0; ky < kH; ky++) {
                for (int kx = 0; kx < kW; kx++) {
                    float[] wv = wr[(c * kH + ky) * kW + kx];
                    for (int j = j0; j < j1; j++) {
                        int q = list[j];
                        int oy = q / inW + padH - ky;
                        int ox = q % inW + padW - kx;
                        if (oy < 0 || oy >= outH || ox < 0 || ox >= outW) {
                            continue;
                        }
                        float[] row = pr[oy * outW + ox];
                        if (vec) {
                            if (complement) {
                                kernels.subFrom(row, lo, wv, lo, len);
                            } else {
                                kernels.addTo(row, lo, wv, lo, len);
                            }
                        } else if (complement) {
                            for (int o = lo; o < hi; o++) {
                                row[o] -= wv[o];
                            }
                        } else {
                            for (int o = lo; o < hi; o++) {
                                row[o] += wv[o];
                            }
                        }
                        rowsAdded++;
                    }
                }
            }
        }
        if (lo == 0) {
            st.bulkAdds = rowsAdded; // the same row count in every part
        }
    }

    /** The first map of slice {@code q} of {@code parts}: boundaries on multiples of 16 maps (whole vectors). */
    private int slice(int q, int parts) {
        if (q >= parts) {
            return outC;
        }
        return Math.min(outC, (int) ((long) outC * q / parts) & ~15);
    }

    /**
     * The per-tap weight rows, brought up to date for every stale map, with a bound of each row's largest
     * weight ({@link #rowMax}). Call holding the lock.
     */
    private float[][] refreshRows() {
        int taps = inC * kH * kW;
        if (rows != null && rowsStaleCount > 0) {
            addQueuedRowsOfEveryState(); // with the rows they were queued against, before those change
        }
        if (rows == null) {
            rows = new float[taps][outC];
            rowMax = new float[taps];
            rowsStale = new boolean[outC];
            Arrays.fill(rowsStale, true);
            rowsStaleCount = outC;
        }
        if (rowsStaleCount == outC) {
            for (int tp = 0; tp < taps; tp++) {
                System.arraycopy(w, tp * outC, rows[tp], 0, outC);
                rowMaximum(tp);
            }
            Arrays.fill(rowsStale, false);
        } else if (rowsStaleCount > 0) {
            for (int o = 0; o < outC; o++) {
                if (rowsStale[o]) {
                    for (int tp = 0; tp < taps; tp++) {
                        float v = w[tp * outC + o];
                        rows[tp][o] = v;
                        if (v > rowMax[tp]) {
                            rowMax[tp] = v; // still a bound if the old largest weight decreased
                        }
                    }
                    rowsStale[o] = false;
                }
            }
            for (int k = 0; k < TIGHTEN_ROWS && k < taps; k++) {
                rowMaximum(tightenNext); // a few rows exact again per refresh, in turn
                tightenNext = tightenNext + 1 == taps ? 0 : tightenNext + 1;
            }
        }
        rowsStaleCount = 0;
        return rows;
    }

    /**
     * Adds the queued rows of every state of this layer that may have some (a presentation that ended, or this
     * one when a rule changed the weights during it), so that no queued row is ever added with other weights
     * than the ones it was queued with. Call holding the lock, before the rows change.
     */
    private void addQueuedRowsOfEveryState() {
        for (java.util.Iterator<java.lang.ref.WeakReference<State>> it = fusedStates.iterator(); it.hasNext();) {
            State s = it.next().get();
            if (s == null) {
                it.remove();
            } else if (s.pendingAny) {
                s.addQueuedLocked();
            }
        }
    }

    /** Rows queued per output position in the fused loops before they are added (a full queue is added). */
    private static final int QUEUE_ROWS = 32;

    /**
     * Fused loops: the flag of {@link State#rowCount} marking a position that is in the current step's touched
     * list.
     */
    static final int TOUCHED = 1 << 31;

    /**
     * Fused loops: the flag of {@link State#rowCount} marking a position that fused pointwise inhibition stopped
     * ({@link State#stop}): it gets no more input in this presentation.
     */
    static final int STOPPED = 1 << 30;

    /** The flags of {@link State#rowCount}. */
    static final int FLAGS = TOUCHED | STOPPED;

    /** Fused loops: the bits of {@link State#rowCount} holding the number of queued rows. */
    static final int QUEUED = ~FLAGS;

    /** Rows of {@link #rowMax} recomputed exactly per partial refresh (the others are only raised). */
    private static final int TIGHTEN_ROWS = 1;

    /** Sets {@link #rowMax} of tap row {@code tp} to the row's largest weight. */
    private void rowMaximum(int tp) {
        float[] r = rows[tp];
        float m = Float.NEGATIVE_INFINITY;
        for (int o = 0; o < outC; o++) {
            m = r[o] > m ? r[o] : m;
        }
        rowMax[tp] = m;
    }

    /** The weight totals for a silent input border, brought up to date. Call holding the lock, after {@link #refreshRows}. */
    private float[][] totalsFor(int top, int bottom, int left, int right, float[][] wr) {
        Totals found = null;
        for (int k = 0; k < totals.size(); k++) {
            Totals tt = totals.get(k);
            if (tt.top == top && tt.bottom == bottom && tt.left == left && tt.right == right) {
                found = tt;
            }
        }
        if (found == null) {
            found = new Totals(top, bottom, left, right);
            totals.add(found);
        }
        found.refresh(wr);
        return found.sum;
    }

    /**
     * Per output position and map, the sum of the weights over the part of its window that can fire (inside
     * the input, outside a silent border), each summed in input-channel, tap order; refreshed per stale map.
     */
    private final class Totals {
        final int top;
        final int bottom;
        final int left;
        final int right;
        final float[][] sum;
        final boolean[] stale;
        int staleCount;

        Totals(int top, int bottom, int left, int right) {
            this.top = top;
            this.bottom = bottom;
            this.left = left;
            this.right = right;
            this.sum = new float[outH * outW][outC];
            this.stale = new boolean[outC];
            markAll();
        }

        void markAll() {
            Arrays.fill(stale, true);
            staleCount = outC;
        }

        void mark(int o) {
            if (!stale[o]) {
                stale[o] = true;
                staleCount++;
            }
        }

        void refresh(float[][] wr) {
            if (staleCount == 0) {
                return;
            }
            int inH = inShape.height();
            int inW = inShape.width();
            if (staleCount == outC) {
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        float[] tr = sum[oy * outW + ox];
                        Arrays.fill(tr, 0f);
                        for (int c = 0; c < inC; c++) {
                            for (int ky = 0; ky < kH; ky++) {
                                int iy = oy - padH + ky;
                                if (iy < top || iy >= inH - bottom) {
                                    continue;
                                }
                                for (int kx = 0; kx < kW; kx++) {
                                    int ix = ox - padW + kx;
                                    if (ix < left || ix >= inW - right) {
                                        continue;
                                    }
                                    float[] wv = wr[(c * kH + ky) * kW + kx];
                                    for (int o = 0; o < outC; o++) {
                                        tr[o] += wv[o];
                                    }
                                }
                            }
                        }
                    }
                }
            } else {
                for (int o = 0; o < outC; o++) {
                    if (!stale[o]) {
                        continue;
                    }
                    for (int oy = 0; oy < outH; oy++) {
                        for (int ox = 0; ox < outW; ox++) {
                            float s = 0f; // the same additions, in the same order, as the loop above
                            for (int c = 0; c < inC; c++) {
                                for (int ky = 0; ky < kH; ky++) {
                                    int iy = oy - padH + ky;
                                    if (iy < top || iy >= inH - bottom) {
                                        continue;
                                    }
                                    int tap = (c * kH + ky) * kW;
                                    for (int kx = 0; kx < kW; kx++) {
                                        int ix = ox - padW + kx;
                                        if (ix >= left && ix < inW - right) {
                                            s += w[(tap + kx) * outC + o];
                                        }
                                    }
                                }
                            }
                            sum[oy * outW + ox][o] = s;
                        }
                    }
                }
            }
            Arrays.fill(stale, false);
            staleCount = 0;
        }
    }

    /**
     * The fire-once check of every position when nothing has fired yet and nothing is inhibited (the bulk
     * pass): map by map, so the neuron-indexed writes are sequential; spikes come out in CHW order.
     */
    private void fireOnceAll(State st, int t, Spikes out) {
        float[][] potRows = st.potRows;
        boolean[] done = st.done;
        int[] remaining = st.remaining;
        int[] last = st.neurons().lastSpikeStep();
        float[] off = st.off;
        float[] bound = st.bound;
        int map = outH * outW;
        float thr = fireThreshold;
        for (int o = 0; o < outC; o++) {
            int chw = o * map;
            for (int pos = 0; pos < map; pos++, chw++) {
                float p = potRows[pos][o];
                // a position whose bound is at or below the threshold may have rows queued: none of it fires
                if (p > thr && p > thr + off[chw] && bound[pos] > thr) {
                    done[pos * outC + o] = true;
                    st.doneAny = true;
                    remaining[pos]--;
                    last[chw] = t;
                    st.fired(chw);
                    out.add(chw);
                }
            }
        }
    }

    private void fireOnce(State st, int t, int tCount, Spikes out) {
        float[][] potRows = st.potRows;
        boolean[] done = st.done;
        int[] remaining = st.remaining;
        int[] tList = st.touchedList;
        int[] last = st.neurons().lastSpikeStep();
        float[] off = st.off;
        int[] inh = st.inhibitedUntilOrNull();
        int map = outH * outW;
        float thr = fireThreshold;
        boolean pw = st.pointwiseOn;
        float[] bound = st.bound;
        for (int k = 0; k < tCount; k++) {
            int pos = tList[k];
            int q = pos * outC;
            float[] pr = potRows[pos];
            if (remaining[pos] == 0 || bound[pos] <= thr) {
                continue; // every neuron here has fired or is inhibited for good, or none is above the threshold
            }
            if (pw) {
                firePointwise(st, pos, t, out);
                continue;
            }
            int left = remaining[pos];
            for (int o = 0; o < outC; o++) {
                int j = q + o;
                float p = pr[o];
                if (!done[j] && p > thr) {
                    int chw = o * map + pos;
                    st.doneAny = true; // every branch below but one marks the neuron done
                    if (inh != null && t < inh[chw]) {
                        if (inh[chw] == Integer.MAX_VALUE) {
                            done[j] = true; // inhibited for the whole presentation
                            left--;
                        } else if (p > thr + off[chw]) {
                            done[j] = true; // the model's spike is used up, then removed by the inhibition
                            left--;
                            last[chw] = t;
                            st.fired(chw);
                        }
                    } else if (p > thr + off[chw]) {
                        done[j] = true;
                        left--;
                        last[chw] = t;
                        st.fired(chw);
                        out.add(chw);
                    }
                }
            }
            remaining[pos] = left;
        }
    }

    /** The fused pointwise-inhibition threshold check of one touched position (fire-once loop only). */
    private void firePointwise(State st, int pos, int t, Spikes out) {
        float[] pr = st.potRows[pos];
        boolean[] done = st.done;
        float[] off = st.off;
        int[] inh = st.inhibitedUntilOrNull();
        int map = outH * outW;
        float thr = fireThreshold;
        int q = pos * outC;
        int best = -1;
        float bestV = 0f;
        if (inh == null && !st.doneAny) {
            // nothing inhibited, nothing done: the first feature with the highest potential above the threshold,
            // then its own offset checked (the general loop below if it fails); the offsets, read with a stride,
            // are not read per feature
            float top = thr;
            for (int o = 0; o < outC; o++) {
                float p = pr[o];
                if (p > top) {
                    best = o;
                    top = p;
                }
            }
            if (best < 0) {
                return; // nothing above the threshold: nothing changes at this position
            }
            if (top > thr + off[best * map + pos]) {
                bestV = top;
            } else {
                best = -1;
            }
        }
        if (best < 0) {
            int left = st.remaining[pos];
            for (int o = 0; o < outC; o++) {
                float p = pr[o];
                if (p > thr && !done[q + o]) {
                    int chw = o * map + pos;
                    if (inh != null && t < inh[chw]) {
                        if (inh[chw] == Integer.MAX_VALUE) {
                            done[q + o] = true;
                            st.doneAny = true;
                            left--;
                        }
                    } else if (p > thr + off[chw] && (best < 0 || p > bestV)) {
                        best = o;
                        bestV = p;
                    }
                }
            }
            if (best < 0) {
                if (left == 0) {
                    st.stop(pos); // every feature here inhibited for good
                } else {
                    st.remaining[pos] = left;
                }
                return;
            }
        }
        st.stop(pos); // the winner fires; no feature at this position fires again (done[] not needed)
        int chw = best * map + pos;
        st.neurons().lastSpikeStep()[chw] = t;
        st.fired(chw);
        out.add(chw);
    }

    /** {@link LastStepIf}: every neuron above the threshold fires now, in CHW order. */
    private void fireAtLastStep(State st, int t, Spikes out) {
        float[][] potRows = st.potRows;
        int[] last = st.neurons().lastSpikeStep();
        float[] off = st.off;
        int[] inh = st.inhibitedUntilOrNull();
        int map = outH * outW;
        float thr = fireThreshold;
        for (int o = 0; o < outC; o++) {
            int chw = o * map;
            for (int pos = 0; pos < map; pos++, chw++) {
                float p = potRows[pos][o];
                if (p > thr + off[chw] && (inh == null || t >= inh[chw])) {
                    last[chw] = t;
                    st.fired(chw);
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
        NeuronModel m = st.steppedModel(model);
        input.integrate(m, st.neurons(), null, ctx.dtMs(), ctx.step(), out);
        if (ctx.step() == ctx.steps() - 1) {
            m.lastStep(st.neurons(), ctx.step(), out);
        }
        int[] inh = st.inhibitedUntilOrNull();
        if (inh != null) {
            out.removeInhibited(inh, ctx.step());
        }
    }

    /**
     * Makes every neuron's potential readable in {@code state.neurons()}: in the built-in modes copies
     * the internal position-major potentials into the model's potential (CHW); with model calls brings lazy
     * models up to the last step ({@link NeuronModel#advanceTo}).
     */
    @Override
    public void finish(LayerState layerState, StepContext ctx) {
        State st = cast(layerState);
        if (st.loop == Loop.MODEL) {
            st.steppedModel(model).advanceTo(st.neurons(), ctx.dtMs(), ctx.step());
            return;
        }
        st.neurons().writeBackBeforeNextRead(st.writeBack); // copied only if someone reads them
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
        mapChanged(o);
    }

    @Override
    public String toString() {
        return "Conv2dLayer[" + name + ": " + inShape + " -> " + outShape + ", kernel " + kH + "x" + kW
                + ", stride " + stride + ", padding " + padH + "x" + padW + ", " + model
                + (run != Loop.MODEL ? " (fused)" : "") + "]";
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
        /**
         * Per output position: with model calls, the number of rows in {@link #posRows}; in the fused loops, the
         * number of queued rows ({@link #QUEUED} bits), whether the position is in the current step's touched
         * list ({@link #TOUCHED}) and whether fused pointwise inhibition stopped it ({@link #STOPPED}), so that
         * the loop over the input spikes reads one word per position.
         */
        final int[] rowCount;
        final int[] remaining;
        final SynapticInput input;
        final FloatKernels kernels = FloatKernels.get();
        /** The output window of one input spike ({@link Conv2dLayer#window}). */
        final int[] window = new int[5];
        /** The loop this state runs: the layer's, or {@link Loop#MODEL} after {@link #unfuse()}. */
        Loop loop = run;
        /** Whether an input spike arrived in this presentation (before it, every potential is 0). */
        boolean anyInput;
        /** The engine delivers the presentation's whole input in one step (a collapsed presentation). */
        boolean wholeInputAtOnce;
        /** Pointwise inhibition decided inside the fire-once loop in this presentation. */
        boolean pointwiseOn;
        int silentTop;
        int silentBottom;
        int silentLeft;
        int silentRight;
        /** Fused loops: potentials position-major, one {@code [outC]} row per output position; else null. */
        final float[][] potRows;
        /**
         * Fused loops: per output position, a bound of its potentials: the sum, in the same order, of the
         * largest weight of every row added there ({@link Conv2dLayer#rowMax}); float addition is monotone, so
         * no potential there exceeds it, and a position whose bound is at or below the threshold cannot fire.
         * Infinite after the bulk pass.
         */
        final float[] bound;
        /** Fused fire-once loop: whether {@code done} may have a neuron set in this presentation. */
        boolean doneAny;
        /**
         * Fused loops: rows may be queued ({@link #queue}). Written by the owning thread, cleared under the layer's
         * lock when another thread adds them ({@link Conv2dLayer#refreshRows}).
         */
        volatile boolean pendingAny;
        /** Fused loops: rows queued per position, at most this many (then they are added). */
        final int queueCap = Math.min(inC * kH * kW, QUEUE_ROWS);
        /**
         * Fused loops: the queued rows of position {@code pos} are {@code queue[pos * queueCap ..]},
         * {@code rowCount[pos] & QUEUED} kernel tap indices in input-spike order, not yet added to {@code potRows[pos]}.
         */
        final int[] queue;
        /** Fused loops: positions whose potential row may be non-zero (rows were added there). */
        final boolean[] live;
        /** Fused loops: positions that received input in this presentation (to clear), and their list. */
        final boolean[] dirty;
        final int[] dirtyList;
        int dirtyCount;
        /** Fused loops: the neurons that fired in this presentation (to clear their spike steps). */
        final int[] firedList;
        int firedCount;
        /** The neuron state's potential array (written back from the position-major rows when read). */
        final float[] v;
        /** The neuron state's threshold offsets (read, never written, by the fused loops). */
        final float[] off;
        final Runnable writeBack;
        /** Bulk pass: the positions per input channel ({@link #bulkStart} indexes), the rows, totals and mode. */
        private int[] bulkList;
        private int[] bulkStart;
        float[][] bulkRows;
        float[][] bulkTotals;
        boolean bulkComplement;
        long bulkAdds;
        /** Threads sharing the bulk pass ({@link #shareWork}), or null. */
        StepTeam team;
        /** One part of the shared bulk pass: its slice of the output maps (allocated once). */
        final java.util.function.IntConsumer bulkPart = q -> {
            int parts = team.parts();
            bulkMaps(this, slice(q, parts), slice(q + 1, parts));
        };

        /**
         * Whether this state runs the layer's fused loops (a model the layer recognises, not unfused); the
         * engine then leaves clearing the neurons to {@link #reset()}.
         */
        public boolean fused() {
            return loop != Loop.MODEL;
        }

        /**
         * Engine hook: run the layer's model through model calls (unfused) in this state, for a competition that
         * writes potentials (which the fused loops would not see). Call before the first presentation; no effect
         * for a model the layer does not fuse.
         */
        public void unfuse() {
            if (run != Loop.MODEL) {
                loop = Loop.MODEL;
                pointwiseOn = false;
                NeuronState ns = neurons();
                ns.clear();
                model.initialise(ns);
            }
        }

        /**
         * Engine hook: decide pointwise inhibition ({@link org.snn4j.competition.PointwiseInhibition}) inside the
         * fused fire-once loop in the coming presentations (the same spikes as applying the competition after
         * every step; positions that are decided stop integrating). Only layers running the fused fire-once loop
         * can.
         *
         * @return whether it is on now
         */
        public boolean fusePointwiseInhibition(boolean on) {
            wholeInputAtOnce = false;
            pointwiseOn = loop == Loop.FIRE_ONCE && on;
            return pointwiseOn;
        }


        /**
         * Engine hook, with pointwise inhibition fused ({@link #fusePointwiseInhibition}): the output positions
         * within {@code radius} rows and columns of {@code (row, col)} can no longer change what this
         * presentation reports (the competition lets none of their neurons win, and nothing downstream reads
         * them): they stop integrating and firing for the rest of the presentation, as decided positions do.
         * No effect without fused pointwise inhibition.
         */
        public void stopAround(int row, int col, int radius) {
            if (!pointwiseOn) {
                return;
            }
            int y0 = Math.max(0, row - radius);
            int y1 = Math.min(outH - 1, row + radius);
            int x0 = Math.max(0, col - radius);
            int x1 = Math.min(outW - 1, col + radius);
            for (int y = y0; y <= y1; y++) {
                for (int pos = y * outW + x0; pos <= y * outW + x1; pos++) {
                    stop(pos);
                }
            }
        }

        /**
         * Engine hook: the coming presentation delivers its whole input in one step (collapsed): the layer then
         * always takes the bulk pass for it (the same summation order whatever the input's size). Cleared by
         * {@link #fusePointwiseInhibition}, which the engine calls for every presentation.
         */
        public void wholeInputAtOnce() {
            wholeInputAtOnce = true;
        }

        /**
         * Engine hook: the input neurons within {@code top}/{@code bottom} rows and {@code left}/{@code right}
         * columns of every input map's border never fire (the layer before is a {@link PaddingLayer}). The
         * bulk pass then counts only the inputs that can fire. A spike there anyway disables the bulk pass
         * for that step (never a wrong result).
         */
        public void declareSilentInputBorder(int top, int bottom, int left, int right) {
            int inH = inShape.height();
            int inW = inShape.width();
            if (top < 0 || bottom < 0 || left < 0 || right < 0 || top + bottom >= inH || left + right >= inW) {
                throw new IllegalArgumentException("layer " + name + ": silent border " + top + "/" + bottom + "/"
                        + left + "/" + right + " does not fit input " + inShape);
            }
            silentTop = top;
            silentBottom = bottom;
            silentLeft = left;
            silentRight = right;
        }

        long supportSize() {
            return (long) inC * (inShape.height() - silentTop - silentBottom)
                    * (inShape.width() - silentLeft - silentRight);
        }

        /**
         * Engine hook: let {@code threads} threads share this state's bulk (final-potential) pass, each computing
         * a slice of the output maps; each potential is summed in the same order whatever the split, so the
         * results do not depend on {@code threads}. Layers with fewer than 64 maps per thread stay on one thread.
         *
         * @param threads &gt;= 1
         */
        public void shareWork(int threads) {
            Checks.atLeast("threads", threads, 1);
            int parts = Math.max(1, Math.min(threads, outC / 64));
            team = parts > 1 ? new StepTeam(parts, "snn4j-" + name) : null;
        }

        int[] bulkList() {
            if (bulkList == null) {
                bulkList = new int[inC * inShape.height() * inShape.width()];
            }
            return bulkList;
        }

        int[] bulkStart() {
            if (bulkStart == null) {
                bulkStart = new int[inC + 1];
            }
            return bulkStart;
        }

        State() {
            super(inShape, outShape, new NeuronState(outShape.size(),
                    model.stateVariables()));
            int size = outShape.size();
            boolean fusedLoops = run != Loop.MODEL;
            boolean modelLoop = true; // fused states may be unfused (unfuse()) before their first presentation
            int positions = outH * outW;
            pot = modelLoop ? new float[size] : null;
            potRows = fusedLoops ? new float[positions][outC] : null;
            done = run == Loop.FIRE_ONCE ? new boolean[size] : null;
            touchedList = new int[positions];
            // MODEL: a position sees at most one row per tap in one step (an input fires once per step); lists
            // start small and grow (doubling, up to the tap count) to the high-water mark of the input
            posRows = modelLoop ? new int[positions][Math.min(inC * kH * kW, 16)] : null;
            rowCount = new int[positions];
            remaining = new int[positions];
            Arrays.fill(remaining, outC);
            dirty = fusedLoops ? new boolean[positions] : null;
            queue = fusedLoops ? new int[Checks.arraySize("layer " + name + ": row queue", positions, queueCap)] : null;
            live = fusedLoops ? new boolean[positions] : null;
            bound = fusedLoops ? new float[positions] : null;
            dirtyList = fusedLoops ? new int[positions] : null;
            firedList = fusedLoops ? new int[size] : null;
            input = modelLoop ? new SynapticInput(size) : null;
            initNeurons();
            v = neurons().get(neurons().variables().get(0));
            off = neurons().thresholdOffset();
            writeBack = fusedLoops ? this::writePotentials : null;
            if (fusedLoops) {
                synchronized (Conv2dLayer.this) {
                    fusedStates.removeIf(r -> r.get() == null);
                    fusedStates.add(new java.lang.ref.WeakReference<>(this));
                }
            }
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

        /**
         * Adds the rows queued at {@code pos} to its potential row, in the order they were queued ({@code wr}: the
         * per-tap rows they were queued against). Owning thread, or holding the layer's lock.
         */
        void addQueued(int pos, float[][] wr) {
            int rc = rowCount[pos];
            int m = rc & QUEUED;
            if (m > 0) {
                kernels.addRowsInOrder(potRows[pos], wr, queue, pos * queueCap, m, outC);
                rowCount[pos] = rc & FLAGS; // the flags stay
            }
            live[pos] = true;
        }

        /** Adds every queued row: the potentials are then current. */
        void addAllQueued() {
            if (pendingAny) {
                synchronized (Conv2dLayer.this) {
                    if (pendingAny) {
                        addQueuedLocked(); // the rows have not changed since: a refresh adds the queued ones first
                    }
                }
            }
        }

        /** {@link #addAllQueued} holding the layer's lock. */
        void addQueuedLocked() {
            float[][] wr = rows;
            for (int k = 0; k < dirtyCount; k++) {
                int pos = dirtyList[k];
                if ((rowCount[pos] & QUEUED) > 0) {
                    addQueued(pos, wr);
                }
            }
            pendingAny = false; // written last: a reader that sees it false sees the potentials
        }

        /**
         * With fused pointwise inhibition: position {@code pos} is decided: none of its neurons fires again in this
         * presentation and it gets no more input ({@link #STOPPED}).
         */
        void stop(int pos) {
            remaining[pos] = 0;
            rowCount[pos] |= STOPPED;
        }

        /** Records that neuron {@code chw} fired (or used up its spike) in this presentation. */
        void fired(int chw) {
            firedList[firedCount++] = chw;
        }

        /** Copies the position-major potentials into the neuron state's potential (CHW). */
        private void writePotentials() {
            addAllQueued();
            int map = outH * outW;
            for (int pos = 0; pos < map; pos++) {
                float[] pr = potRows[pos];
                for (int o = 0; o < outC; o++) {
                    v[o * map + pos] = pr[o];
                }
            }
        }

        private void initNeurons() {
            NeuronState ns = neurons();
            ns.clear();
            if (model != null) {
                model.initialise(ns);
            }
        }

        /**
         * Clears every buffer for a new presentation. The fused loops (a model the layer
         * recognises) also clear the neurons, in time proportional to what the last presentation touched: the
         * potentials of the positions that received input, the spike steps of the neurons that fired (threshold
         * offsets are the engine's: kept or zeroed); the potentials in {@code neurons()} are written back when
         * next read. Otherwise the neurons are the engine's to clear and initialise (it knows the model through
         * {@link Layer#neuronModel()}).
         */
        @Override
        public void reset() {
            if (pendingAny) {
                synchronized (Conv2dLayer.this) {
                    pendingAny = false; // queued rows are dropped with the presentation (no refresh adds them now)
                }
            }
            super.reset();
            anyInput = false;
            Arrays.fill(rowCount, 0);
            Arrays.fill(remaining, outC);
            if (loop == Loop.MODEL) {
                input.clear();
                Arrays.fill(pot, 0f);
                return;
            }
            boolean clearDone = done != null && doneAny;
            for (int k = 0; k < dirtyCount; k++) {
                int pos = dirtyList[k];
                bound[pos] = 0f;
                dirty[pos] = false;
                if (live[pos]) { // neurons are marked done only where rows were added (they were above the threshold)
                    live[pos] = false;
                    Arrays.fill(potRows[pos], 0f);
                    if (clearDone) {
                        Arrays.fill(done, pos * outC, (pos + 1) * outC, false);
                    }
                }
            }
            dirtyCount = 0;
            doneAny = false;
            int[] last = neurons().lastSpikeStep();
            for (int k = 0; k < firedCount; k++) {
                last[firedList[k]] = -1;
            }
            firedCount = 0;
            neurons().writeBackBeforeNextRead(writeBack);
        }

        /**
         * The current membrane potential of output neuron {@code chw} (mV): in the fused loops the integrated
         * input so far (no reset; with fused pointwise inhibition a decided position stops integrating), with a
         * model the layer does not fuse the model's first state variable (lazy models may lag until
         * {@link Conv2dLayer#finish}).
         */
        @Override
        public float potential(int chw) {
            Objects.checkIndex(chw, outShape.size());
            if (loop == Loop.MODEL) {
                return neurons().get(neurons().variables().get(0))[chw];
            }
            int map = outH * outW;
            int o = chw / map;
            int pos = chw - o * map;
            if ((rowCount[pos] & QUEUED) > 0) {
                addAllQueued();
            }
            return potRows[pos][o];
        }
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return LayerCodecs.CONV2D;
    }
}
