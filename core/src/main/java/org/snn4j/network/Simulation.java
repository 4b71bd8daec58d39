package org.snn4j.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.snn4j.NeuronState;
import org.snn4j.SpikeSource;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.competition.Competition;
import org.snn4j.competition.Winner;
import org.snn4j.layer.Layer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.LearningRule;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.layer.StepContext;
import org.snn4j.monitor.Monitor;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.monitor.StateTrace;
import org.snn4j.neuron.NeuronModel;

/**
 * All the mutable state of running one {@link Network}: one {@link LayerState} per layer, the spike buffers
 * between layers, the winners of each layer's competition, the monitors, and the random generators (one
 * {@link SplittableRandom} seeded once, split once per component in a fixed order: first
 * {@link #random()} for the caller's components such as encoders, then one per layer, so the same seed
 * gives bit-identical results).
 *
 * <h2>A presentation</h2>
 * {@link #present(SpikeSource, int, boolean)} runs {@code source.steps()} steps through the first
 * {@code upto} layers. Before the first step every layer run gets {@link LayerState#reset()} and its neurons
 * are cleared and initialised by its model (threshold offsets are kept if the model
 * {@link NeuronModel#keepsThresholdOffset() keeps them} or the layer's learning rule
 * {@link LearningRule#keepsThresholdOffset() writes them}); the winners lists are cleared. At each step
 * {@code t}: the source emits into the input buffer; then, for each layer in order, its output buffer is
 * cleared, the layer steps, its competition (if any) is applied, its learning rule's
 * {@link LearningRule#afterStep afterStep} runs (when learning), the layer's {@link Layer#endStep endStep}
 * sees the final output spikes, and its monitors record. After the last
 * step every layer run gets {@link Layer#finish}. {@link #learn(float)} then calls each rule's
 * {@link LearningRule#afterSample afterSample} with the winners of the presentation.
 *
 * <p>The step loop allocates nothing (winners appended by competitions aside); each presentation returns
 * one small {@link PresentationResult}.
 *
 * <p><b>Not thread-safe.</b> Use one simulation per thread; simulations of one network share its weights.
 */
public final class Simulation {
    private final Network network;
    private final long seed;
    private final SplittableRandom userRandom;
    private final SplittableRandom[] layerRandom;
    private final int n;
    private final Layer[] layers;
    private final NeuronModel[] models;
    private final Competition[] competitions;
    private final LearningRule[] rules;
    private final PlasticLayer[] plastic;
    private final LayerState[] states;
    private final Spikes input;
    private final Spikes[] outputs;
    private final List<List<Winner>> winners;
    private final long[] presentationSpikes;
    private final float[][] offsetScratch;
    private Monitor[][] monitors;
    private final StepContext ctx;
    private int presentations;
    private int lastLayersRun;
    private boolean lastLearning;
    private boolean learnPending;

    Simulation(Network network, long seed) {
        this.network = network;
        this.seed = seed;
        SplittableRandom root = new SplittableRandom(seed);
        this.userRandom = root.split();
        this.n = network.layerCount();
        this.layerRandom = new SplittableRandom[n];
        this.layers = new Layer[n];
        this.models = new NeuronModel[n];
        this.competitions = new Competition[n];
        this.rules = new LearningRule[n];
        this.plastic = new PlasticLayer[n];
        this.states = new LayerState[n];
        this.outputs = new Spikes[n];
        this.winners = new ArrayList<>(n);
        this.presentationSpikes = new long[n];
        this.offsetScratch = new float[n][];
        this.monitors = new Monitor[n][0];
        for (int i = 0; i < n; i++) {
            layerRandom[i] = root.split();
            Layer l = network.layer(i);
            layers[i] = l;
            models[i] = l.neuronModel();
            competitions[i] = network.competition(i);
            rules[i] = network.learningRule(i);
            plastic[i] = rules[i] == null ? null : (PlasticLayer) l;
            states[i] = Objects.requireNonNull(l.newState(), "newState() of layer " + l.name());
            outputs[i] = new Spikes(l.outputShape().size());
            winners.add(new ArrayList<>());
            NeuronState ns = states[i].neurons();
            if (ns != null && models[i] != null) {
                ns.clear();
                models[i].initialise(ns);
                if (models[i].keepsThresholdOffset() || (rules[i] != null && rules[i].keepsThresholdOffset())) {
                    offsetScratch[i] = new float[ns.size()];
                }
            }
        }
        this.input = new Spikes(network.inputShape().size());
        this.ctx = new StepContext(network.dtMs());
    }

    /** The simulated network. */
    public Network network() {
        return network;
    }

    /** The seed this simulation was created with. */
    public long seed() {
        return seed;
    }

    /**
     * The generator for the caller's components (encoders, samplers), split from the seed before the layers'
     * generators. Use it (or {@code random().split()}) for every random choice so runs are reproducible.
     */
    public RandomGenerator.SplittableGenerator random() {
        return userRandom;
    }

    /** The generator of layer {@code i}, split from the seed (for layers or rules that need randomness). */
    public RandomGenerator.SplittableGenerator layerRandom(int i) {
        return layerRandom[Objects.checkIndex(i, n)];
    }

    /** The live state of layer {@code i}. */
    public LayerState state(int i) {
        return states[Objects.checkIndex(i, n)];
    }

    /** The live state of the layer called {@code name}. */
    public LayerState state(String name) {
        return states[network.indexOf(name)];
    }

    /** Output spikes of layer {@code i} since creation or {@link #resetCounters()} (the layer's own count). */
    public long spikeCount(int i) {
        return state(i).spikeCount();
    }

    /** Synaptic events (weight additions) of layer {@code i} since creation or {@link #resetCounters()}. */
    public long synapticEvents(int i) {
        return state(i).synapticEvents();
    }

    /** Total synaptic events of every layer. */
    public long totalSynapticEvents() {
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += states[i].synapticEvents();
        }
        return s;
    }

    /** Zeroes every layer's counters. */
    public void resetCounters() {
        for (int i = 0; i < n; i++) {
            states[i].resetCounters();
        }
    }

    /** The number of presentations run so far. */
    public int presentations() {
        return presentations;
    }

    /**
     * Attaches {@code monitor} to the layer called {@code layer}; it records from the next step on.
     *
     * @return the monitor
     */
    public <M extends Monitor> M attach(String layer, M monitor) {
        Objects.requireNonNull(monitor, "monitor");
        int i = network.indexOf(layer);
        Monitor[] m = Arrays.copyOf(monitors[i], monitors[i].length + 1);
        m[m.length - 1] = monitor;
        monitors[i] = m;
        return monitor;
    }

    /** Removes {@code monitor} from every layer it is attached to. */
    public void detach(Monitor monitor) {
        for (int i = 0; i < n; i++) {
            Monitor[] m = monitors[i];
            int k = 0;
            Monitor[] kept = new Monitor[m.length];
            for (int j = 0; j < m.length; j++) {
                if (m[j] != monitor) {
                    kept[k++] = m[j];
                }
            }
            monitors[i] = Arrays.copyOf(kept, k);
        }
    }

    /** Records the output spikes of the layer called {@code layer} (attaches a new {@link SpikeRaster}). */
    public SpikeRaster recordSpikes(String layer) {
        return attach(layer, new SpikeRaster());
    }

    /**
     * Records {@code variable} of the given neurons of the layer called {@code layer} after every step
     * (attaches a new {@link StateTrace}).
     *
     * @throws IllegalArgumentException if the layer has no neurons, its model has no such variable, or a
     *                                  neuron index is out of range
     */
    public StateTrace recordState(String layer, StateVar variable, int... neurons) {
        int i = network.indexOf(layer);
        NeuronState s = states[i].neurons();
        if (s == null || models[i] == null) {
            throw new IllegalArgumentException("layer " + layer + " has no neurons to record");
        }
        if (!s.has(variable)) {
            throw new IllegalArgumentException("layer " + layer + " has no state variable " + variable
                    + "; it has " + s.variables());
        }
        for (int k = 0; k < neurons.length; k++) {
            if (neurons[k] < 0 || neurons[k] >= s.size()) {
                throw new IllegalArgumentException("neurons[" + k + "] must be in [0, " + s.size() + "), got "
                        + neurons[k]);
            }
        }
        return attach(layer, new StateTrace(variable, neurons));
    }

    /** Runs {@code source} through every layer, without learning. */
    public PresentationResult present(SpikeSource source) {
        return present(source, n, false);
    }

    /** Runs {@code source} through layers {@code 0 .. uptoLayerExclusive-1}, without learning. */
    public PresentationResult present(SpikeSource source, int uptoLayerExclusive) {
        return present(source, uptoLayerExclusive, false);
    }

    /** Runs {@code source} through every layer, learning if {@code learning}. */
    public PresentationResult present(SpikeSource source, boolean learning) {
        return present(source, n, learning);
    }

    /**
     * Runs {@code source} through layers {@code 0 .. uptoLayerExclusive-1} (layer-wise training: later
     * layers are not touched), learning if {@code learning} (the rules of the layers run get
     * {@code afterStep} after each step; call {@link #learn(float)} afterwards for {@code afterSample}).
     *
     * @throws IllegalArgumentException if the source does not drive the network's input size, or
     *                                  {@code uptoLayerExclusive} is not in {@code [1, layerCount]}
     */
    public PresentationResult present(SpikeSource source, int uptoLayerExclusive, boolean learning) {
        Objects.requireNonNull(source, "source");
        int inSize = network.inputShape().size();
        if (source.size() != inSize) {
            throw new IllegalArgumentException("source drives " + source.size() + " neurons, the network input "
                    + network.inputShape() + " has " + inSize);
        }
        if (uptoLayerExclusive < 1 || uptoLayerExclusive > n) {
            throw new IllegalArgumentException("uptoLayerExclusive must be in [1, " + n + "], got "
                    + uptoLayerExclusive);
        }
        final int upto = uptoLayerExclusive;
        final int steps = source.steps();
        int presentation = presentations++;
        for (int i = 0; i < upto; i++) {
            resetLayer(i);
        }
        for (int i = 0; i < n; i++) {
            winners.get(i).clear();
        }
        Arrays.fill(presentationSpikes, 0L);
        ctx.begin(steps, learning);
        for (int i = 0; i < upto; i++) {
            Monitor[] ms = monitors[i];
            for (int j = 0; j < ms.length; j++) {
                ms[j].onPresentationStart(presentation, steps);
            }
        }
        for (int t = 0; t < steps; t++) {
            ctx.setStep(t);
            input.clear();
            source.emit(t, input);
            Spikes in = input;
            for (int i = 0; i < upto; i++) {
                Spikes out = outputs[i];
                out.clear();
                LayerState st = states[i];
                layers[i].step(in, st, ctx, out);
                List<Winner> w = winners.get(i);
                if (competitions[i] != null) {
                    competitions[i].apply(st, out, ctx, w);
                }
                if (learning && rules[i] != null) {
                    rules[i].afterStep(plastic[i], st, in, out, w, ctx);
                }
                layers[i].endStep(out, st, ctx);
                presentationSpikes[i] += out.count();
                Monitor[] ms = monitors[i];
                for (int j = 0; j < ms.length; j++) {
                    ms[j].onStep(layers[i], st, out, ctx);
                }
                in = out;
            }
        }
        for (int i = 0; i < upto; i++) {
            layers[i].finish(states[i], ctx);
            Monitor[] ms = monitors[i];
            for (int j = 0; j < ms.length; j++) {
                ms[j].onPresentationEnd(presentation);
            }
        }
        lastLayersRun = upto;
        lastLearning = learning;
        learnPending = learning;
        List<List<Winner>> ws = new ArrayList<>(upto);
        for (int i = 0; i < upto; i++) {
            ws.add(List.copyOf(winners.get(i)));
        }
        return new PresentationResult(steps, upto, List.copyOf(ws), Arrays.copyOf(presentationSpikes, upto),
                states[upto - 1]);
    }

    private void resetLayer(int i) {
        LayerState st = states[i];
        st.reset();
        NeuronState ns = st.neurons();
        NeuronModel m = models[i];
        if (ns == null || m == null) {
            return;
        }
        float[] keep = offsetScratch[i];
        if (keep != null) {
            System.arraycopy(ns.thresholdOffset(), 0, keep, 0, keep.length);
        }
        ns.clear();
        m.initialise(ns);
        if (keep != null) {
            System.arraycopy(keep, 0, ns.thresholdOffset(), 0, keep.length);
        }
    }

    /**
     * Ends a learning presentation: calls {@link LearningRule#afterSample} of the rule of every layer run
     * in the last presentation, with that layer's winners and {@code reward} (+1 reward, -1 punishment,
     * 0 unsupervised).
     *
     * @throws IllegalStateException if the last presentation was not run with learning on, or was already
     *                               learned from
     */
    public void learn(float reward) {
        if (!Float.isFinite(reward)) {
            throw new IllegalArgumentException("reward must be finite, got " + reward);
        }
        if (!learnPending) {
            throw new IllegalStateException(presentations == 0 ? "learn() needs a presentation first"
                    : lastLearning ? "learn() was already called for the last presentation"
                    : "learn() needs a presentation with learning on; the last one had learning off");
        }
        learnPending = false;
        for (int i = 0; i < lastLayersRun; i++) {
            if (rules[i] != null) {
                rules[i].afterSample(plastic[i], states[i], winners.get(i), reward);
            }
        }
    }

    /** The network's description with this simulation's seed. */
    public NetworkDescription describe() {
        return network.describe(OptionalLong.of(seed));
    }

    @Override
    public String toString() {
        return "Simulation[seed " + seed + ", " + presentations + " presentations, " + network + "]";
    }
}
