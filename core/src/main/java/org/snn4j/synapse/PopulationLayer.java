package org.snn4j.synapse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.internal.Checks;
import org.snn4j.internal.StepTeam;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;
import org.snn4j.layer.Layer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;
import org.snn4j.layer.SynapticInput;
import org.snn4j.neuron.ArrivalDriven;
import org.snn4j.neuron.NeuronModel;

/**
 * A population of {@link SynapticModel} neurons fed by {@link Projection}s from the layer's input and from
 * its own neurons (recurrent), each onto the excitatory or inhibitory synapse with a delay in whole steps;
 * the Brette et al. 2007 CUBA and COBA benchmark networks are one such layer with two recurrent projections.
 *
 * <h2>Delta-synapse models</h2>
 * Any other {@link NeuronModel} (for example {@link org.snn4j.neuron.Lif}) is fed as by
 * {@link org.snn4j.layer.SparseLayer}: the weights of both receptors are added to the membrane potential
 * through a {@link SynapticInput} per thread and delay slot, and closed-form models advance only the neurons
 * that received input; when every projection is undelayed with weights {@code >= 0}, an
 * {@link ArrivalDriven} model (LIF) takes each spike's arrivals one by one instead, straight into its neurons. Such a population takes input projections only (no recurrent ones), and can be split
 * over threads only if the model is closed-form; the spikes of a step are then the same set at any thread
 * count, listed thread by thread.
 *
 * <h2>Delays: a ring buffer</h2>
 * Arrivals are summed per neuron and receptor into a ring of {@code D = maxDelay + 1} slots of
 * {@code size} floats: a spike that reaches its targets {@code d} steps from now is scattered into slot
 * {@code (t + d) mod D} at once, and step {@code t} consumes (and zeroes) slot {@code t mod D}. Memory is
 * {@code 2 D size} floats whatever the spike traffic; no per-spike objects or queues. An input projection's
 * delay counts from the step in which its source spike is presented (0: the same step). A recurrent
 * projection's delay counts from the step of the spike and is at least 1; 1 is Brian2's {@code on_pre} with
 * no delay (see {@link SynapticModel} for the order within a step). For {@link ExpCurrentLif} and
 * {@link ExpConductanceLif}, arrivals due in the step that delivers them (input delay 0, recurrent delay 1) skip
 * the ring: each synapse's weight is added straight to the target's synaptic variable, as Brian2's
 * {@code on_pre} does (no pass over the whole population to move them out of the ring); arrivals
 * through the ring are added after them.
 *
 * <h2>Threads</h2>
 * With {@code threads(n)}, the neurons are split into {@code n} contiguous ranges; each thread scatters every
 * spike into the targets of its own range only (rows are sorted by target, so that is a contiguous piece of
 * each row) and steps its own neurons. Every neuron receives its arrivals in the same order (input spikes,
 * then recurrent spikes by increasing neuron index, each row by target) whatever {@code n} is, so the same
 * seed gives bit-identical spikes and state at any thread count. One hand-off per step: the calling thread
 * takes the first range and a worker, spinning between steps, the next. Worker threads are daemons that park
 * when idle and exit after about a second without work. On a loaded machine, where a descheduled worker
 * would stall every step, the layer measures that running the ranges one after the other on the calling
 * thread is faster and does so, trying the worker again from time to time; the spikes are the same either
 * way.
 *
 * <h2>Initial state</h2>
 * The engine sets the model's {@link NeuronModel#initialise} values; an optional {@link InitialState} then
 * overwrites them at step 0 of every presentation from a fixed seed (the random initial potentials and
 * conductances of the Brette benchmarks), so every presentation starts from the same state.
 *
 * <p>The layer steps its model as the network bound it to its step ({@link NeuronModel#bind}) and, at the last
 * step of a presentation, calls {@link NeuronModel#lastStep} after the step of every range (models such as
 * {@link org.snn4j.neuron.LastStepIf} fire only there), as the layers of {@code org.snn4j.layer} do.
 *
 * <p>Synaptic events counted per step are the synapses of every delivered spike (Brian2's definition: the
 * sum over spikes of the out-degree). The layer is immutable and shareable; its mutable buffers are in the
 * state from {@link #newState()}.
 */
public final class PopulationLayer implements Persistent, Layer {

    /** Sets the state at step 0 of a presentation (after {@link NeuronModel#initialise}). */
    @FunctionalInterface
    public interface InitialState {
        /**
         * @param s   modified: the neurons' state variables
         * @param rng a generator seeded identically for every presentation
         */
        void apply(NeuronState s, RandomGenerator rng);
    }

    private record Source(Projection projection, int preOffset, boolean recurrent) {
        /** Whether a spike's arrivals are due in the step that scatters them (input delay 0, recurrent 1). */
        boolean immediate() {
            return projection.delaySteps() == (recurrent ? 1 : 0);
        }
    }

    private final String name;
    private final Shape in;
    private final Shape out;
    private final NeuronModel model;
    private final SynapticModel synaptic; // model as a SynapticModel, or null for a delta-synapse model
    private final Source[] sources;
    private final int threads;
    private final InitialState init;
    private final long initSeed;
    private final int ringSize;
    // model as an ExpSynapticLif, whose arrivals of the current step are scattered straight into its synaptic
    // variables, or null
    private final ExpSynapticLif direct;
    private final boolean ringUsed; // whether some source's arrivals go through the ring
    // delta synapses, every source an undelayed input projection with weights >= 0: an ArrivalDriven model takes
    // the arrivals one by one, straight into its neurons
    private final boolean oneByOne;
    private final boolean recurrent; // whether some source is recurrent (then the last spikes are kept)

    private PopulationLayer(Builder b) {
        this.name = b.name;
        this.in = b.in;
        this.out = Shape.flat(b.size);
        this.model = b.model;
        this.synaptic = b.model instanceof SynapticModel ? (SynapticModel) b.model : null;
        this.sources = b.sources.toArray(new Source[0]);
        this.threads = b.threads;
        this.init = b.init;
        this.initSeed = b.initSeed;
        int maxDelay = 0;
        for (Source s : sources) {
            maxDelay = Math.max(maxDelay, s.projection.delaySteps());
        }
        this.ringSize = maxDelay + 1;
        this.direct = b.model instanceof ExpSynapticLif ? (ExpSynapticLif) b.model : null;
        boolean ring = false;
        for (Source s : sources) {
            ring |= direct == null || !s.immediate();
        }
        this.ringUsed = ring;
        boolean each = synaptic == null;
        for (Source s : sources) {
            each &= !s.recurrent && s.projection.delaySteps() == 0 && ArrivalDriven.nonNegative(s.projection.weightLive());
        }
        this.oneByOne = each;
        boolean rec = false;
        for (Source s : sources) {
            rec |= s.recurrent;
        }
        this.recurrent = rec;
    }

    /**
     * Starts a builder for a population of {@code size} neurons whose layer input has shape {@code input}.
     */
    public static Builder builder(String name, Shape input, int size, NeuronModel model) {
        return new Builder(name, input, size, model);
    }

    /** Builds a {@link PopulationLayer}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final Shape in;
        private final int size;
        private final NeuronModel model;
        private final List<Source> sources = new ArrayList<>();
        private int threads = 1;
        private InitialState init;
        private long initSeed;

        private Builder(String name, Shape in, int size, NeuronModel model) {
            this.name = Objects.requireNonNull(name, "name");
            this.in = Objects.requireNonNull(in, "input");
            this.size = Checks.atLeast("size", size, 1);
            this.model = Objects.requireNonNull(model, "model");
        }

        /**
         * Adds a projection from the layer's input (its {@code preSize} must be the input size).
         *
         * @throws IllegalArgumentException if the sizes do not match
         */
        public Builder input(Projection p) {
            Objects.requireNonNull(p, "projection");
            if (p.preSize() != in.size()) {
                throw new IllegalArgumentException("input projection must start from the layer input's "
                        + in.size() + " neurons, got preSize " + p.preSize());
            }
            checkPost(p);
            sources.add(new Source(p, 0, false));
            return this;
        }

        /**
         * Adds a recurrent projection from this population's neurons {@code [preFrom, preFrom + p.preSize())}.
         *
         * @throws IllegalArgumentException if the range or the target size does not fit, or the delay is 0
         */
        public Builder recurrent(int preFrom, Projection p) {
            Objects.requireNonNull(p, "projection");
            if (preFrom < 0 || (long) preFrom + p.preSize() > size) {
                throw new IllegalArgumentException("recurrent sources [" + preFrom + ", "
                        + ((long) preFrom + p.preSize()) + ") must lie in [0, " + size + ")");
            }
            if (p.delaySteps() < 1) {
                throw new IllegalArgumentException("a recurrent projection's delaySteps must be >= 1, got "
                        + p.delaySteps());
            }
            checkPost(p);
            sources.add(new Source(p, preFrom, true));
            return this;
        }

        private void checkPost(Projection p) {
            if (p.postSize() != size) {
                throw new IllegalArgumentException("projection must target the " + size
                        + " neurons of layer " + name + ", got postSize " + p.postSize());
            }
        }

        /** Splits the neurons over {@code n >= 1} threads (default 1). */
        public Builder threads(int n) {
            this.threads = Checks.atLeast("threads", n, 1);
            return this;
        }

        /** Sets the state at step 0 of each presentation with a generator seeded by {@code seed}. */
        public Builder initialState(InitialState f, long seed) {
            this.init = Objects.requireNonNull(f, "initialState");
            this.initSeed = seed;
            return this;
        }

        /**
         * The layer.
         *
         * @throws IllegalStateException if a delta-synapse model has recurrent projections, or is not
         *                               closed-form and is split over several threads
         */
        public PopulationLayer build() {
            if (!(model instanceof SynapticModel)) {
                for (Source s : sources) {
                    if (s.recurrent) {
                        throw new IllegalStateException("layer " + name + ": recurrent projections need a "
                                + "SynapticModel, got " + model);
                    }
                }
                if (threads > 1 && !model.closedForm()) {
                    throw new IllegalStateException("layer " + name + ": " + threads + " threads need a "
                            + "SynapticModel or a closed-form model, got " + model);
                }
            }
            return new PopulationLayer(this);
        }
    }

    // package-private views for SynapseCodecs
    int sourceCount() {
        return sources.length;
    }

    Projection sourceProjection(int k) {
        return sources[k].projection;
    }

    int sourcePreOffset(int k) {
        return sources[k].preOffset;
    }

    boolean sourceRecurrent(int k) {
        return sources[k].recurrent;
    }

    boolean hasInitialState() {
        return init != null;
    }

    /** The number of threads the neurons are split over. */
    public int threads() {
        return threads;
    }

    /** The total number of synapses. */
    public long synapseCount() {
        long n = 0;
        for (Source s : sources) {
            n += s.projection.synapseCount();
        }
        return n;
    }

    /**
     * The number of recurrent synapses leaving neuron {@code i} of this population (over every recurrent
     * projection), so that synaptic events can be counted as Brian2 does from spike counts.
     */
    public int outDegree(int i) {
        Objects.checkIndex(i, out.size());
        int d = 0;
        for (Source s : sources) {
            int pre = i - s.preOffset;
            if (s.recurrent && pre >= 0 && pre < s.projection.preSize()) {
                d += s.projection.outDegree(pre);
            }
        }
        return d;
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

    /** The mutable buffers of one simulation: neurons, the arrival rings, the last spikes, the thread team. */
    private final class State extends LayerState {
        final float[][] ringExc;
        final float[][] ringInh;
        final SynapticInput[][] deltaRing; // [part][slot], for delta-synapse models
        final Spikes previous = new Spikes(out.size());
        final int[] lo = new int[threads + 1];
        final int[][] split = new int[sources.length][]; // [source][pre * (threads + 1) + q]
        final Spikes[] part = new Spikes[threads];
        final long[] events = new long[threads];
        final StepTeam team;
        // scratch of the threshold pass of an ExpSynapticLif model (Refractory.firstCrossing); the threads use
        // their disjoint ranges of it
        final float[] capped;
        final IntConsumer work = this::runPart;
        boolean needInit = true;
        Spikes input;
        int t;
        float dtMs;
        /** The model stepped in this step: the one bound to the network's step, else the layer's own. */
        NeuronModel stepped;

        State() {
            super(in, out, new NeuronState(out.size(), model.stateVariables()));
            int n = out.size();
            if (synaptic != null) {
                ringExc = new float[ringSize][n];
                ringInh = new float[ringSize][n];
                deltaRing = null;
            } else {
                ringExc = null;
                ringInh = null;
                deltaRing = new SynapticInput[threads][ringSize];
                for (int q = 0; q < threads; q++) {
                    for (int d = 0; d < ringSize; d++) {
                        deltaRing[q][d] = new SynapticInput(n);
                    }
                }
            }
            for (int q = 0; q <= threads; q++) {
                lo[q] = (int) ((long) n * q / threads);
            }
            for (int q = 0; q < threads; q++) {
                part[q] = new Spikes(n);
            }
            for (int s = 0; s < sources.length; s++) {
                split[s] = splitRows(sources[s].projection);
            }
            team = threads > 1 ? new StepTeam(threads, "snn4j-" + name) : null;
            capped = direct != null ? new float[n] : null;
        }

        private int[] splitRows(Projection p) {
            int[] rows = p.rowsLive();
            int[] post = p.postLive();
            int stride = threads + 1;
            int[] sp = new int[Checks.arraySize("layer " + name + ": row splits preSize x (threads + 1)", p.preSize(),
                    stride)];
            for (int pre = 0; pre < p.preSize(); pre++) {
                int k = rows[pre];
                int end = rows[pre + 1];
                for (int q = 0; q < threads; q++) {
                    while (k < end && post[k] < lo[q]) {
                        k++;
                    }
                    sp[pre * stride + q] = k;
                }
                sp[pre * stride + threads] = end;
            }
            return sp;
        }

        @Override
        public void reset() {
            super.reset();
            for (int d = 0; d < ringSize; d++) {
                if (synaptic != null) {
                    Arrays.fill(ringExc[d], 0f);
                    Arrays.fill(ringInh[d], 0f);
                } else {
                    for (int q = 0; q < threads; q++) {
                        deltaRing[q][d].clear();
                    }
                }
            }
            previous.clear();
            needInit = true;
        }

        /** Scatters this step's spikes into the targets of part {@code q}, then steps its neurons. */
        void runPart(int q) {
            final int t = this.t;
            final int stride = threads + 1;
            final int from = lo[q];
            final int to = lo[q + 1];
            long ev = 0;
            Spikes o = part[q];
            o.clear();
            // delta synapses, arrivals one at a time straight into the neurons: no ring slot to integrate
            ArrivalDriven each = oneByOne && stepped instanceof ArrivalDriven && stepped.closedForm()
                    ? (ArrivalDriven) stepped : null;
            for (int s = 0; s < sources.length; s++) {
                Source src = sources[s];
                Projection p = src.projection;
                Spikes spikes = src.recurrent ? previous : input;
                int arrival = src.recurrent ? t - 1 + p.delaySteps() : t + p.delaySteps();
                int slot = arrival % ringSize;
                if (synaptic != null) {
                    float[] dst = direct != null && src.immediate()
                            ? neurons().get(direct.receiving(p.receptor()))
                            : p.receptor() == Receptor.EXCITATORY ? ringExc[slot] : ringInh[slot];
                    float u = p.uniformWeightLive();
                    ev += scatter(spikes, src.preOffset, p.preSize(), split[s], stride, q, p.postLive(),
                            Float.isNaN(u) ? p.weightLive() : null, u, dst);
                } else {
                    ev += scatterDelta(spikes, p.preSize(), split[s], stride, q, p.postLive(), p.weightLive(),
                            deltaRing[q][slot], each, neurons(), dtMs, t, o);
                }
            }
            events[q] = ev;
            if (each != null) {
                return;
            }
            int slot = t % ringSize;
            if (synaptic != null) {
                if (stepped instanceof ExpSynapticLif) {
                    // the ring slots are all zero when no source uses the ring: the model then skips them
                    ((ExpSynapticLif) stepped).stepRange(neurons(), ringUsed ? ringExc[slot] : null,
                            ringUsed ? ringInh[slot] : null, from, to, dtMs, t, o, capped);
                } else {
                    ((SynapticModel) stepped).stepRange(neurons(), ringExc[slot], ringInh[slot], from, to, dtMs, t, o);
                }
            } else {
                deltaRing[q][slot].integrate(stepped, neurons(), null, dtMs, t, o);
            }
        }
    }

    /**
     * Adds the spikes' weights at the targets of part {@code q} to {@code dst}: {@code w[j]}, or {@code uniform} when
     * {@code w} is null (a projection whose synapses all have that weight: the same additions in the same order,
     * without reading a weight array, half the bytes per synaptic event).
     */
    private static long scatter(Spikes spikes, int preOffset, int preSize, int[] sp, int stride, int q,
                                int[] post, float[] w, float uniform, float[] dst) {
        final int[] idx = spikes.indices();
        final int n = spikes.count();
        long ev = 0;
        for (int k = 0; k < n; k++) {
            int pre = idx[k] - preOffset;
            if (pre < 0 || pre >= preSize) {
                continue;
            }
            int base = pre * stride + q;
            int a = sp[base];
            int b = sp[base + 1];
            ev += b - a;
            if (w == null) {
                for (int j = a; j < b; j++) {
                    dst[post[j]] += uniform;
                }
            } else {
                for (int j = a; j < b; j++) {
                    dst[post[j]] += w[j];
                }
            }
        }
        return ev;
    }

    /**
     * Delivers the spikes' arrivals at the targets of part {@code q}: into {@code dst}, or, when {@code each} is not
     * null, one at a time into the neurons ({@code ns}; the neurons that fire go to {@code out}).
     */
    private static long scatterDelta(Spikes spikes, int preSize, int[] sp, int stride, int q, int[] post, float[] w,
                                     SynapticInput dst, ArrivalDriven each, NeuronState ns, float dtMs, int t,
                                     Spikes out) {
        final int[] idx = spikes.indices();
        final int n = spikes.count();
        long ev = 0;
        for (int k = 0; k < n; k++) {
            int pre = idx[k];
            if (pre >= preSize) {
                continue;
            }
            int base = pre * stride + q;
            int a = sp[base];
            int b = sp[base + 1];
            ev += b - a;
            if (each != null) {
                each.arrive(ns, post, w, a, b, dtMs, t, out);
            } else {
                dst.addRow(post, w, a, b);
            }
        }
        return ev;
    }

    @Override
    public LayerState newState() {
        return new State();
    }

    /**
     * Delivers the input spikes of this step and the population's spikes of earlier steps into the ring,
     * then steps every neuron (split over the threads).
     *
     * @param spikes the input spikes of this step; not modified
     * @param state  modified
     * @param out    modified: the neurons that fire, in increasing order
     */
    @Override
    public void step(Spikes spikes, LayerState state, StepContext ctx, Spikes out) {
        State s = (State) state;
        int t = ctx.step();
        if (s.needInit) {
            if (init != null) {
                init.apply(s.neurons(), new SplittableRandom(initSeed));
            }
            s.needInit = false;
        }
        int[] inStep = s.inputSpikeStep();
        int[] idx = spikes.indices();
        for (int k = 0, n = spikes.count(); k < n; k++) {
            inStep[idx[k]] = t;
        }
        s.input = spikes;
        s.t = t;
        s.dtMs = ctx.dtMs();
        NeuronModel m = s.steppedModel(model);
        if (synaptic != null && !(m instanceof SynapticModel)) {
            throw new IllegalStateException("layer " + name + ": " + model + " is a SynapticModel, but its bind(dt) "
                    + "returned " + m + ", which is not");
        }
        s.stepped = m;
        if (s.team == null) {
            s.runPart(0);
        } else {
            s.team.run(s.work);
        }
        s.input = null;
        long events = 0;
        int before = out.count();
        for (int q = 0; q < threads; q++) {
            events += s.events[q];
            Spikes p = s.part[q];
            int[] pi = p.indices();
            for (int k = 0, n = p.count(); k < n; k++) {
                out.add(pi[k]);
            }
        }
        if (t == ctx.steps() - 1) {
            m.lastStep(s.neurons(), t, out);
        }
        if (recurrent) {
            s.previous.copyFrom(out);
        }
        s.count(out.count() - before, events);
    }

    /** Records the final (post-competition) spikes of the step for the recurrent projections. */
    @Override
    public void endStep(Spikes out, LayerState state, StepContext ctx) {
        if (recurrent) {
            ((State) state).previous.copyFrom(out);
        }
    }

    @Override
    public String toString() {
        return "PopulationLayer[" + name + ", " + in + " -> " + out + ", " + synapseCount() + " synapses, " + model
                + ", " + threads + " thread(s)]";
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return SynapseCodecs.POPULATION_LAYER;
    }
}
