package org.snn4j.layer;

import org.snn4j.internal.Checks;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.FMatrixRMaj;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.internal.PaddedRows;
import org.snn4j.internal.kernel.FloatKernels;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;
import org.snn4j.neuron.LastStepIf;
import org.snn4j.neuron.NeuronModel;
import org.snn4j.neuron.PerfectIf;

/**
 * All-to-all (fully connected) layer from any input shape to {@code nOut} neurons (output shape
 * {@code 1 x 1 x nOut}), event-driven: an input spike {@code i} adds the contiguous weight row
 * {@code w[i*nOut .. i*nOut + nOut)} to the input of every output neuron, so the cost is
 * {@code nOut} additions per input spike, nothing for silent inputs.
 *
 * <h2>Weights</h2>
 * Feed-forward weights are a {@code float[]} laid out {@code [pre][post]} ({@link #weights()}, EJML view
 * {@link #weightMatrix()} of {@code nIn x nOut}, no copy). Optional recurrent (lateral) weights
 * {@code [pre][post]} within the layer ({@link #recurrentWeights()}, {@code nOut x nOut}) deliver the
 * spikes of step {@code t - 1} at step {@code t} (one-step delay), after competition (see
 * {@link Layer#endStep}); self-connections are zeroed when built.
 *
 * <h2>Firing</h2>
 * The neurons are a {@link NeuronModel} ({@link Builder#neurons}). A fire-once {@link PerfectIf}
 * ({@code PerfectIfParameters.latencyCoded}), an {@link org.snn4j.neuron.Integrator} and a {@link LastStepIf}
 * run in the layer's fused loop (the input rows are added onto the potentials directly, no model call); any
 * other model through its {@code stepTouched} / {@code step}. Neurons with
 * {@code step < state.inhibitedUntil()[i]} do not fire.
 *
 * <h2>Compact (sparse) form</h2>
 * {@link #compact(float)} returns an inference-only copy whose feed-forward weights are stored in compressed rows
 * per input, keeping only {@code |w| > threshold}: for a trained layer whose weights settled near 0 most
 * additions disappear. The layout is chosen from the row lengths: plain rows, rows padded to blocks of 4, or (16 to
 * 128 outputs) 8 slots per input at a fixed place, added with no branch, with the rest of a longer row after them;
 * padding adds {@code -0f}, which changes no sum. Every output receives its surviving weights in the dense layer's
 * order, so the result is identical to a dense layer with the dropped weights set to 0. Where adding the dense rows
 * (dropped weights 0) is estimated faster than adding the compressed rows, the copy adds the dense rows, with the
 * same sums: with the Vector API (JDK 21+) a row of 64 outputs takes 8 vector additions, about as long as 6 to 7
 * scalar synapse additions, so at 64 outputs the dense rows win below about 95 % pruned (the {@code vision_row_adds}
 * benchmark: the vision demo's 64-output layer 90 % pruned added its compressed rows 0.83-0.85x as fast as the dense
 * rows on JDK 25, 2.40-2.42x on JDK 17).
 * {@link #toString()} says which ({@code "(dense adds)"}).
 *
 * <p>The layer may be shared by simulations on several threads; its weights must not be modified while
 * they run. Mutable per-presentation data is in {@link State}.
 */
public final class DenseLayer implements Persistent, PlasticLayer {
    private final String name;
    private final Shape inShape;
    private final Shape outShape;
    private final int nIn;
    private final int nOut;
    private final float[] w;
    private final float[] rec;
    private final NeuronModel model;
    /** The loop that runs the model (fused for the models the layer recognises). */
    private final Conv2dLayer.Loop mode;
    /** The threshold of the fused fire-once and last-step loops (mV). */
    private final float threshold;
    /** The surviving weights in compressed, padded rows by input (compact layers only), else null. */
    private final PaddedRows rows;
    /**
     * Whether a step adds the compressed {@link #rows} (else the dense rows of {@link #w}, whose dropped weights are
     * 0: the same sums), chosen when compacted by the estimated cost of each ({@link PaddedRows#rowCost()} against
     * {@link FloatKernels#rowCost}).
     */
    private final boolean sparseAdds;
    /**
     * Bumped by every change of the weights ({@link #weightVersion()}). A plain field: learning bumps it on the
     * thread that learns, and weights must not change while other threads simulate.
     */
    private long version;

    private DenseLayer(Builder b) {
        this.name = b.name;
        this.inShape = b.inShape;
        this.nIn = inShape.size();
        this.nOut = b.nOut;
        this.outShape = Shape.flat(nOut);
        this.w = new float[Checks.arraySize("layer " + name + ": weights nIn x nOut", nIn, nOut)];
        if (b.init != null) {
            b.init.fill(w);
        }
        if (b.recInit != null) {
            rec = new float[Checks.arraySize("layer " + name + ": recurrent weights nOut x nOut", nOut, nOut)];
            b.recInit.fill(rec);
            for (int i = 0; i < nOut; i++) {
                rec[i * nOut + i] = 0f;
            }
        } else {
            rec = null;
        }
        this.model = b.model;
        this.mode = Conv2dLayer.loopOf(model);
        this.threshold = mode == Conv2dLayer.Loop.FIRE_ONCE ? ((PerfectIf) model).parameters().threshold()
                : mode == Conv2dLayer.Loop.FIRE_AT_LAST_STEP ? ((LastStepIf) model).threshold() : 0f;
        this.rows = null;
        this.sparseAdds = false;
    }

    private DenseLayer(DenseLayer src, float dropBelow, Boolean sparse) {
        if (!(dropBelow >= 0f)) {
            throw new IllegalArgumentException("threshold must be >= 0, got " + dropBelow);
        }
        this.name = src.name;
        this.inShape = src.inShape;
        this.outShape = src.outShape;
        this.nIn = src.nIn;
        this.nOut = src.nOut;
        this.w = src.w.clone();
        this.rec = src.rec == null ? null : src.rec.clone();
        this.mode = src.mode;
        this.threshold = src.threshold;
        this.model = src.model;
        this.rows = new PaddedRows(w, nIn, nOut, dropBelow);
        this.sparseAdds = sparse != null ? sparse : rows.rowCost() < FloatKernels.get().rowCost(nOut);
    }

    /**
     * Starts a builder. Defaults: weights 0, no recurrent weights; a firing mode must be chosen.
     *
     * @param name    layer name, not blank
     * @param inShape input shape (any; flattened in CHW order)
     * @param nOut    number of output neurons, >= 1
     */
    public static Builder builder(String name, Shape inShape, int nOut) {
        return new Builder(name, inShape, nOut);
    }

    /** Builder of a {@link DenseLayer}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final Shape inShape;
        private final int nOut;
        private WeightInit init;
        private WeightInit recInit;
        private NeuronModel model;

        private Builder(String name, Shape inShape, int nOut) {
            this.name = Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.inShape = Objects.requireNonNull(inShape, "inShape");
            if (nOut < 1) {
                throw new IllegalArgumentException("nOut must be >= 1, got " + nOut);
            }
            if ((long) inShape.size() * nOut > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("layer " + name + ": " + inShape.size() + " x " + nOut
                        + " weights exceed " + Integer.MAX_VALUE);
            }
            this.nOut = nOut;
        }

        /** Initial feed-forward weights, drawn in {@code [pre][post]} order. */
        public Builder weights(WeightInit init) {
            this.init = Objects.requireNonNull(init, "init");
            return this;
        }

        /** Adds recurrent (lateral) weights, drawn in {@code [pre][post]} order; the diagonal is then zeroed. */
        public Builder recurrent(WeightInit init) {
            this.recInit = Objects.requireNonNull(init, "init");
            return this;
        }

        /**
         * The neuron model. A fire-once {@link PerfectIf}, an {@link org.snn4j.neuron.Integrator} and a
         * {@link LastStepIf} run in the layer's fused loop; any other model through model calls.
         */
        public Builder neurons(NeuronModel model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Builds the layer; weights are drawn now. */
        public DenseLayer build() {
            if (model == null) {
                throw new IllegalStateException("layer " + name + ": choose the neurons: neurons(model), for example "
                        + "new PerfectIf(PerfectIfParameters.latencyCoded(threshold)) or new Integrator()");
            }
            return new DenseLayer(this);
        }
    }

    /**
     * An inference-only copy with feed-forward weights in CSR form, keeping {@code |w| > threshold}
     * (the dropped weights read as 0 in its {@link #weights()}, a copy). Its
     * {@link #updateReceptiveField} throws.
     *
     * @param threshold weights with {@code |w| <= threshold} are dropped, >= 0
     */
    public DenseLayer compact(float threshold) {
        return new DenseLayer(this, threshold, null);
    }

    /** As {@link #compact(float)} with the additions forced: compressed rows or dense rows (for tests). */
    DenseLayer compact(float threshold, boolean sparseAdds) {
        return new DenseLayer(this, threshold, sparseAdds);
    }

    /** Whether a compact layer adds its compressed rows (else its dense rows with the dropped weights 0). */
    boolean addsCompressedRows() {
        return sparseAdds;
    }

    /** Whether this is a compact (CSR, inference-only) layer. */
    public boolean isCompact() {
        return rows != null;
    }

    /** Number of stored feed-forward synapses (nIn*nOut, or the CSR count when compact). */
    public int synapseCount() {
        return rows == null ? w.length : rows.synapseCount();
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

    /**
     * Live feed-forward weights {@code [pre][post]}, to write. Handing out the live array counts as a change of the
     * weights ({@link #weightVersion()} changes); a caller that keeps the array and writes to it later must call
     * {@link #weightsChanged()} itself. To read, use {@link #weightsView()} or {@link #weightsCopy()}.
     */
    @Override
    public float[] weights() {
        version++;
        return w;
    }

    /**
     * A counter that changes whenever the weights may have changed: learning through
     * {@link #updateReceptiveField} and {@link #updateSynapsesFrom}, every call of {@link #weights()},
     * {@link #recurrentWeights()}, {@link #weightMatrix()} or {@link #recurrentMatrix()} (which hand out live
     * arrays) and {@link #weightsChanged()}. The engine keys its frozen-layer output cache on it.
     */
    @Override
    public long weightVersion() {
        return version;
    }

    /**
     * Declares that the weights changed (for code that kept a live array of {@link #weights()} or
     * {@link #recurrentWeights()} and wrote to it later): bumps {@link #weightVersion()}.
     */
    public void weightsChanged() {
        version++;
    }

    /**
     * A read-only view of the live feed-forward weights {@code [pre][post]} (no copy; writes throw
     * {@link java.nio.ReadOnlyBufferException}). Reading does not change {@link #weightVersion()}.
     */
    @Override
    public FloatBuffer weightsView() {
        return FloatBuffer.wrap(w).asReadOnlyBuffer();
    }

    /** A copy of the feed-forward weights {@code [pre][post]} (not a change of the weights). */
    public float[] weightsCopy() {
        return w.clone();
    }

    /** Whether the layer has recurrent (lateral) weights. */
    public boolean hasRecurrentWeights() {
        return rec != null;
    }

    /**
     * Live recurrent weights {@code [pre][post]} ({@code nOut x nOut}), to write, or null if the layer has none (a
     * change of the weights, as {@link #weights()}).
     */
    public float[] recurrentWeights() {
        version++;
        return rec;
    }

    /** A read-only view of the recurrent weights {@code [pre][post]}, or null if the layer has none. */
    public FloatBuffer recurrentWeightsView() {
        return rec == null ? null : FloatBuffer.wrap(rec).asReadOnlyBuffer();
    }

    /** No-copy EJML view of the feed-forward weights, {@code nIn x nOut} (writable: a change, as {@link #weights()}). */
    public FMatrixRMaj weightMatrix() {
        version++;
        return FMatrixRMaj.wrap(nIn, nOut, w);
    }

    /** No-copy EJML view of the recurrent weights, {@code nOut x nOut} (writable). */
    public FMatrixRMaj recurrentMatrix() {
        if (rec == null) {
            throw new IllegalStateException("layer " + name + " has no recurrent weights");
        }
        version++;
        return FMatrixRMaj.wrap(nOut, nOut, rec);
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
     * Adds the rows of this step's input spikes (and, with recurrent weights, of the previous step's
     * output spikes) to the neurons' input, then fires according to the firing mode. Counts one synaptic
     * event per weight added.
     */
    @Override
    public void step(Spikes in, LayerState layerState, StepContext ctx, Spikes out) {
        State st = cast(layerState);
        int t = ctx.step();
        float[] acc = mode == Conv2dLayer.Loop.MODEL ? st.input.values() : st.v;
        int n = in.count();
        int[] idx = in.indices();
        // the input spike steps: recorded as a list while nobody reads them (no scattered writes, no fill at reset)
        int[] inStep = st.deferInputSpikes(idx, n, t) ? null : st.inputSpikeStep();
        long events = 0;
        int[] rows = st.rows;
        if (!sparseAdds) {
            if (inStep != null) {
                for (int k = 0; k < n; k++) {
                    inStep[idx[k]] = t;
                }
            }
            for (int k = 0; k < n; k++) {
                rows[k] = idx[k] * nOut;
            }
            st.kernels.addRows(acc, 0, w, rows, n, nOut);
            events += this.rows == null ? (long) n * nOut : this.rows.synapsesOf(idx, n);
        } else {
            events += this.rows.addRows(acc, idx, n, inStep, t);
        }
        boolean any = n > 0;
        if (rec != null && st.prevStep == t - 1 && st.prev.count() > 0) {
            int m = st.prev.count();
            int[] pidx = st.prev.indices();
            for (int k = 0; k < m; k++) {
                rows[k] = pidx[k] * nOut;
            }
            st.kernels.addRows(acc, 0, rec, rows, m, nOut);
            events += (long) m * nOut;
            any = true;
        }
        int before = out.count();
        if (mode == Conv2dLayer.Loop.MODEL) {
            NeuronModel model = st.steppedModel(this.model);
            if (!model.closedForm()) {
                // clock-driven: every neuron is stepped anyway, so no touched list; zero the input afterwards
                model.step(st.neurons(), acc, null, ctx.dtMs(), t, out);
                if (any) {
                    Arrays.fill(acc, 0f);
                }
            } else {
                if (any) {
                    SynapticInput input = st.input;
                    for (int j = 0; j < nOut; j++) {
                        input.touch(j);
                    }
                }
                st.input.integrate(model, st.neurons(), null, ctx.dtMs(), t, out);
            }
            if (t == ctx.steps() - 1) {
                model.lastStep(st.neurons(), t, out);
            }
            int[] inh = st.inhibitedUntilOrNull();
            if (inh != null) {
                out.removeInhibited(inh, t);
            }
        } else if (mode == Conv2dLayer.Loop.FIRE_ONCE && any) {
            NeuronState ns = st.neurons();
            float[] off = ns.thresholdOffset();
            int[] last = ns.lastSpikeStep();
            int[] inh = st.inhibitedUntilOrNull();
            boolean[] done = st.done;
            for (int j = 0; j < nOut; j++) {
                if (!done[j] && acc[j] > threshold + off[j]) {
                    done[j] = true; // as the model: a spike removed by inhibition still uses up the one spike
                    last[j] = t;
                    if (inh == null || t >= inh[j]) {
                        out.add(j);
                    }
                }
            }
        } else if (mode == Conv2dLayer.Loop.FIRE_AT_LAST_STEP && t == ctx.steps() - 1) {
            NeuronState ns = st.neurons();
            float[] off = ns.thresholdOffset();
            int[] last = ns.lastSpikeStep();
            int[] inh = st.inhibitedUntilOrNull();
            for (int j = 0; j < nOut; j++) {
                if (acc[j] > threshold + off[j] && (inh == null || t >= inh[j])) {
                    last[j] = t;
                    out.add(j);
                }
            }
        }
        if (rec != null) {
            st.prev.copyFrom(out);
            st.prevStep = t;
        }
        st.count(out.count() - before, events);
    }

    /** Records the final (post-competition) spikes of this step for the recurrent connections. */
    @Override
    public void endStep(Spikes out, LayerState state, StepContext ctx) {
        if (rec != null) {
            State st = cast(state);
            st.prev.copyFrom(out);
            st.prevStep = ctx.step();
        }
    }

    /** Brings lazy models up to the last step; the built-in modes' potentials are always current. */
    @Override
    public void finish(LayerState state, StepContext ctx) {
        State st = cast(state);
        if (mode == Conv2dLayer.Loop.MODEL) {
            st.steppedModel(model).advanceTo(st.neurons(), ctx.dtMs(), ctx.step());
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Walks column {@code post} of the feed-forward weights: {@code w[pre*nOut + post]} for every
     * input {@code pre} (recurrent weights are not changed).
     *
     * @throws UnsupportedOperationException on a compact layer
     */
    @Override
    public void updateReceptiveField(int post, LayerState state, SynapseKernel kernel) {
        if (rows != null) {
            throw new UnsupportedOperationException("layer " + name + " is compact (inference-only)");
        }
        Objects.checkIndex(post, nOut);
        Objects.requireNonNull(kernel, "kernel");
        version++;
        for (int pre = 0; pre < nIn; pre++) {
            int k = pre * nOut + post;
            w[k] = kernel.newWeight(w[k], pre, post);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Direct indexing: {@code w[pre*nOut + post]} for each {@code pre} in {@code pres}, in O(pres.count()).
     *
     * @throws UnsupportedOperationException on a compact layer
     */
    @Override
    public void updateSynapsesFrom(int post, Spikes pres, LayerState state, SynapseKernel kernel) {
        if (rows != null) {
            throw new UnsupportedOperationException("layer " + name + " is compact (inference-only)");
        }
        Objects.checkIndex(post, nOut);
        Objects.requireNonNull(kernel, "kernel");
        int n = pres.count();
        int[] idx = pres.indices();
        version++;
        for (int k = 0; k < n; k++) {
            int pre = idx[k];
            int i = pre * nOut + post;
            w[i] = kernel.newWeight(w[i], pre, post);
        }
    }

    @Override
    public String toString() {
        return "DenseLayer[" + name + ": " + inShape + " -> " + nOut + ", " + model
                + (mode != Conv2dLayer.Loop.MODEL ? " (fused)" : "")
                + (rec != null ? ", recurrent" : "")
                + (rows != null ? ", compact " + rows.synapseCount() + " synapses" + (sparseAdds ? "" : " (dense adds)") : "")
                + "]";
    }

    /** Per-simulation state of a {@link DenseLayer}. Not thread-safe. */
    public final class State extends LayerState {
        final SynapticInput input;
        final boolean[] done;
        /** The model's potential (the fused loops add the input onto it). */
        final float[] v;
        final Spikes prev;
        final int[] rows;
        final FloatKernels kernels = FloatKernels.get();
        int prevStep = -2;

        State() {
            super(inShape, outShape, new NeuronState(nOut, model.stateVariables()));
            input = mode == Conv2dLayer.Loop.MODEL ? new SynapticInput(nOut) : null;
            done = mode == Conv2dLayer.Loop.FIRE_ONCE ? new boolean[nOut] : null;
            v = neurons().get(model.stateVariables().get(0));
            prev = rec != null ? new Spikes(nOut) : null;
            rows = new int[Math.max(nIn, nOut)];
            initNeurons();
        }

        DenseLayer owner() {
            return DenseLayer.this;
        }

        private void initNeurons() {
            NeuronState ns = neurons();
            ns.clear();
            model.initialise(ns);
        }

        /**
         * Clears the buffers for a new presentation; the neurons are the engine's to clear and initialise (it
         * knows the model through {@link Layer#neuronModel()}).
         */
        @Override
        public void reset() {
            super.reset();
            if (input != null) {
                input.clear();
            }
            if (done != null) {
                Arrays.fill(done, false);
            }
            if (prev != null) {
                prev.clear();
            }
            prevStep = -2;
        }
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return LayerCodecs.DENSE;
    }
}
