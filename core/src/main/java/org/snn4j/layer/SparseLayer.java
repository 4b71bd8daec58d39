package org.snn4j.layer;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.snn4j.CurrentSource;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.internal.Checks;
import org.snn4j.internal.Csr;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;
import org.snn4j.neuron.ArrivalDriven;
import org.snn4j.neuron.NeuronModel;

/**
 * A layer with fixed sparse connectivity stored as compressed rows (CSR): for each input (pre-synaptic)
 * neuron {@code pre}, its synapses are {@code rowStart[pre] .. rowStart[pre+1]-1}, each with a target
 * {@code post[k]} and a weight {@code weight[k]} in mV (a delta synapse: the weight is added to the target's
 * potential at once). Each input spike is scattered along its row into a {@link SynapticInput}, so the work
 * per step is proportional to the number of synaptic events; closed-form neuron models (LIF, perfect IF)
 * then advance only the touched neurons. When every weight is {@code >= 0} and no current drives the layer, an
 * {@link ArrivalDriven} model (LIF) takes each row's arrivals one by one instead, straight into its neurons. An optional {@link CurrentSource} adds an external current every
 * step (then every neuron is stepped, clock-driven).
 *
 * <p>The layer (topology, weights, model) is immutable and may be shared by simulations on several
 * threads; each simulation's mutable buffers are in the state from {@link #newState()}.
 */
public final class SparseLayer implements Persistent, Layer {
    private final String name;
    private final Shape in;
    private final Shape out;
    private final int[] rowStart;
    private final int[] post;
    private final float[] weight;
    private final NeuronModel model;
    private final CurrentSource current;
    /** Whether every weight is {@code >= 0}: then an {@link ArrivalDriven} model takes the arrivals one by one. */
    private final boolean nonNegative;

    private SparseLayer(String name, Shape in, Shape out, int[] rowStart, int[] post, float[] weight,
                        NeuronModel model, CurrentSource current) {
        this.name = name;
        this.in = in;
        this.out = out;
        this.rowStart = rowStart;
        this.post = post;
        this.weight = weight;
        this.model = model;
        this.current = current;
        this.nonNegative = ArrivalDriven.nonNegative(weight);
    }

    /**
     * Random connectivity: each (pre, post) pair is connected independently with probability {@code p}
     * (drawn by geometric skipping, so the cost is proportional to the number of synapses), every synapse
     * with weight {@code weightMv}. The same generator state gives the same synapses.
     *
     * @param rng source of randomness; advanced
     * @throws IllegalArgumentException if {@code p} is not in [0, 1] or the weight is not finite
     */
    public static SparseLayer random(String name, Shape in, Shape out, double p, float weightMv,
                                     NeuronModel model, RandomGenerator rng) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(rng, "rng");
        Checks.probability("p", p);
        Checks.finite("weightMv", weightMv);
        Csr csr = Csr.random("layer " + name, in.size(), out.size(), p, rng);
        float[] w = new float[csr.post().length];
        Arrays.fill(w, weightMv);
        return new SparseLayer(Objects.requireNonNull(name, "name"), in, out, csr.rowStart(), csr.post(), w,
                Objects.requireNonNull(model, "model"), null);
    }

    /**
     * Explicit connectivity in CSR form (arrays are copied).
     *
     * @param rowStart {@code in.size() + 1} non-decreasing offsets from 0 to {@code post.length}
     * @param post     target of each synapse, in {@code [0, out.size())}
     * @param weight   weight of each synapse in mV, finite; same length as {@code post}
     * @throws IllegalArgumentException naming the first bad entry
     */
    public static SparseLayer fromCsr(String name, Shape in, Shape out, int[] rowStart, int[] post,
                                      float[] weight, NeuronModel model) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(model, "model");
        int[] rows = Objects.requireNonNull(rowStart, "rowStart").clone();
        int[] targets = Objects.requireNonNull(post, "post").clone();
        float[] w = Objects.requireNonNull(weight, "weight").clone();
        Csr.check("in.size()", in.size(), out.size(), rows, targets, w);
        return new SparseLayer(name, in, out, rows, targets, w, model, null);
    }

    /**
     * A copy of this layer (sharing its connectivity) that also receives {@code current} every step.
     *
     * @throws IllegalArgumentException if the source's size is not the output size
     */
    public SparseLayer withCurrent(CurrentSource current) {
        Objects.requireNonNull(current, "current");
        if (current.size() != out.size()) {
            throw new IllegalArgumentException("current must drive " + out.size() + " neurons for layer " + name
                    + ", got " + current.size());
        }
        return new SparseLayer(name, in, out, rowStart, post, weight, model, current);
    }

    /** Number of synapses. */
    public int synapseCount() {
        return post.length;
    }

    /** Number of synapses leaving input neuron {@code pre}. */
    public int outDegree(int pre) {
        return rowStart[pre + 1] - rowStart[pre];
    }

    /** A copy of the CSR row offsets. */
    public int[] rowStart() {
        return rowStart.clone();
    }

    /** A copy of the synapse targets. */
    public int[] targets() {
        return post.clone();
    }

    /** A copy of the weights, mV. */
    public float[] weightsCopy() {
        return weight.clone();
    }

    /**
     * {@code 0}: the weights never change, so the engine may replay this layer's output for a repeated input
     * (the frozen-layer cache) -- unless an external current drives it whose values may change between
     * presentations (a {@link CurrentSource} that is not {@linkplain CurrentSource#replayable() replayable}):
     * then {@code -1}.
     */
    @Override
    public long weightVersion() {
        return current == null || current.replayable() ? 0L : -1L;
    }

    /** Whether an external current drives the layer ({@link #withCurrent}). */
    public boolean hasCurrent() {
        return current != null;
    }

    /**
     * A read-only view of the weights, mV, in the order of {@link #targets()} (no copy; writes throw
     * {@link java.nio.ReadOnlyBufferException}).
     */
    public java.nio.FloatBuffer weightsView() {
        return java.nio.FloatBuffer.wrap(weight).asReadOnlyBuffer();
    }


    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape inputShape() {
        return in;
    }

    @Override
    public Shape outputShape() {
        return out;
    }

    @Override
    public NeuronModel neuronModel() {
        return model;
    }

    /** The state: neurons, a {@link SynapticInput} and, with a current source, a current buffer. */
    static final class State extends LayerState {
        final SynapticInput input;
        final float[] current;

        State(Shape in, Shape out, NeuronState neurons, boolean withCurrent) {
            super(in, out, neurons);
            input = new SynapticInput(out.size());
            current = withCurrent ? new float[out.size()] : null;
        }

        @Override
        public void reset() {
            super.reset();
            input.clear();
        }
    }

    @Override
    public LayerState newState() {
        return new State(in, out, new NeuronState(out.size(), model.stateVariables()), current != null);
    }

    /**
     * Scatters each input spike along its row, then advances the neurons (lazily when possible).
     *
     * @param spikes the input spikes; not modified
     * @param state  modified: input spike steps, neurons, counters
     * @param out    modified: neurons that fire are added
     */
    @Override
    public void step(Spikes spikes, LayerState state, StepContext ctx, Spikes out) {
        final State s = (State) state;
        final SynapticInput syn = s.input;
        final int[] inStep = s.inputSpikeStep();
        final int[] idx = spikes.indices();
        final int n = spikes.count();
        final int t = ctx.step();
        final int[] rows = rowStart;
        final int[] targets = post;
        final float[] w = weight;
        long events = 0;
        NeuronModel m = s.steppedModel(model);
        NeuronState ns = s.neurons();
        float dt = ctx.dtMs();
        // arrivals one at a time, straight into the neurons (no summed input, no pass over the touched ones)
        ArrivalDriven each = current == null && nonNegative && m instanceof ArrivalDriven && m.closedForm()
                ? (ArrivalDriven) m : null;
        int before = out.count();
        for (int k = 0; k < n; k++) {
            int pre = idx[k];
            inStep[pre] = t;
            int start = rows[pre];
            int end = rows[pre + 1];
            events += end - start;
            if (each != null) {
                each.arrive(ns, targets, w, start, end, dt, t, out);
            } else {
                syn.addRow(targets, w, start, end);
            }
        }
        if (each == null) {
            float[] cur = null;
            if (current != null) {
                current.current(t, s.current);
                cur = s.current;
            }
            syn.integrate(m, ns, cur, dt, t, out);
        }
        if (t == ctx.steps() - 1) {
            m.lastStep(ns, t, out);
        }
        s.count(out.count() - before, events);
    }

    @Override
    public String toString() {
        return "SparseLayer[" + name + ", " + in + " -> " + out + ", " + post.length + " synapses, " + model
                + (current == null ? "" : ", current " + current) + "]";
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return LayerCodecs.SPARSE;
    }
}
