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
import org.snn4j.Winner;
import org.snn4j.EventSource;
import org.snn4j.competition.Competition;
import org.snn4j.competition.KWinnersTakeAll;
import org.snn4j.competition.PointwiseInhibition;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.PaddingLayer;
import org.snn4j.layer.PoolingLayer;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 * {@link #present(SpikeSource, Presentation)} runs the source through a contiguous part of the chain; the
 * {@link Presentation} says which layers run, which learn and compete, and when to stop (at the source's
 * last step, at a step budget, at the first output spike of a layer, when a layer's winners are settled,
 * or automatically at the step after which nothing can change, see {@link StopCondition#auto()}). Before
 * the first step every layer run gets {@link LayerState#reset()} and its neurons are cleared and
 * initialised by its model; threshold offsets persist when the competition that writes them declares it
 * ({@link Competition#keepsThresholdOffset()}; a new simulation starts from {@link Network#thresholdOffsets(int)}).
 * Then the competitions and the rules of the layers
 * that learn get their {@code onPresentationStart} call. At each step {@code t}: the source emits into the
 * input buffer; then, for each layer run in order, its output buffer is cleared, its learning rule's
 * {@link LearningRule#beforeStep beforeStep} runs (if it learns), the layer steps, its
 * competition (if it competes) is applied, its learning rule's {@link LearningRule#afterStep afterStep}
 * runs (if it learns), the layer's {@link Layer#endStep endStep} sees the final output spikes, and its
 * monitors record. After the last step run every layer run gets {@link Layer#finish}, then the
 * {@code onPresentationEnd} calls. {@link #learn(float)} then calls each rule that learned
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
    private final int[] stepsRunLast;
    private int pendingRestSteps = -1;
    private Monitor[][] monitors;
    private final StepContext ctx;
    private int presentations;
    private final boolean[] learns;
    private final boolean[] competes;
    private final boolean[] learnedLast;
    private final boolean[] keepOffset;
    private final Presentation[][] upToPresentations;
    private Presentation resolved;
    private final Spikes[] midInputs;
    private boolean lastLearning;
    private boolean learnPending;
    /** The competition applied to each layer in the current presentation (the rest of a fused chain). */
    private final Competition[] active;
    /** The model the engine clears and initialises the neurons with; null where the layer does it (fused loops). */
    /** Per layer: the chain after a leading PointwiseInhibition (null: nothing after it), or NO_FUSION. */
    private final Competition[] pointwiseRest;
    private static final Competition NO_FUSION = new PointwiseInhibition();
    /**
     * The layer whose winners' inhibition squares stop integrating in this presentation (auto stop, the last
     * layer, fused pointwise inhibition then k-winners-take-all with a radius), or -1; and that radius.
     */
    private int squareLayer = -1;
    private int squareRadius;
    private boolean fastPaths = true;
    private int threads = 1;
    private long cacheLimit = DEFAULT_CACHE_BYTES;
    private long cacheBytes;
    private long cacheHits;
    private long cacheMisses;
    private final LinkedHashMap<CacheKey, CacheEntry> cache = new LinkedHashMap<>(16, 0.75f, true);
    /** One step's spikes while {@link #firesAtMostOnce} checks a source (allocated once per input size). */
    private Spikes onceScratch;

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
        this.stepsRunLast = new int[n];
        Arrays.fill(stepsRunLast, -1);
        this.monitors = new Monitor[n][0];
        this.learns = new boolean[n];
        this.competes = new boolean[n];
        this.learnedLast = new boolean[n];
        this.keepOffset = new boolean[n];
        this.upToPresentations = new Presentation[n][2];
        this.midInputs = new Spikes[n];
        this.active = new Competition[n];
        this.pointwiseRest = new Competition[n];
        for (int i = 0; i < n; i++) {
            layerRandom[i] = root.split();
            Layer l = network.layer(i);
            layers[i] = l;
            models[i] = network.boundModel(i); // the layer's model with the network's step bound
            competitions[i] = network.competition(i);
            rules[i] = network.learningRule(i);
            plastic[i] = rules[i] == null ? null : (PlasticLayer) l;
            states[i] = Objects.requireNonNull(l.newState(), "newState() of layer " + l.name());
            if (models[i] != null) {
                states[i].bindModel(models[i]);
            }
            outputs[i] = new Spikes(l.outputShape().size());
            winners.add(new ArrayList<>());
            pointwiseRest[i] = pointwiseRest(competitions[i]);
            if (states[i] instanceof Conv2dLayer.State) {
                Conv2dLayer.State cs = (Conv2dLayer.State) states[i];
                if (competitions[i] != null && !readsPotentialsOnly(competitions[i])) {
                    cs.unfuse(); // the fused loops would not see a competition's writes to the potentials
                }
            }
            if (i > 0 && l instanceof Conv2dLayer && layers[i - 1] instanceof PaddingLayer) {
                PaddingLayer pad = (PaddingLayer) layers[i - 1];
                ((Conv2dLayer.State) states[i]).declareSilentInputBorder(pad.top(), pad.bottom(), pad.left(),
                        pad.right());
            }
            NeuronState ns = states[i].neurons();
            keepOffset[i] = ns != null && competitions[i] != null && competitions[i].keepsThresholdOffset();
            if (ns != null && models[i] != null) {
                ns.clear();
                models[i].initialise(ns);
                if (keepOffset[i]) {
                    offsetScratch[i] = new float[ns.size()];
                }
            }
            float[] start = network.thresholdOffsets(i);
            if (ns != null && keepOffset[i] && start != null && start.length == ns.size()) {
                System.arraycopy(start, 0, ns.thresholdOffset(), 0, start.length);
            }
        }
        this.input = new Spikes(network.inputShape().size());
        this.ctx = new StepContext(network.dtMs());
    }

    /** The competitions after a leading {@link PointwiseInhibition} (null if none), or {@link #NO_FUSION}. */
    private static Competition pointwiseRest(Competition c) {
        if (c == null) {
            return NO_FUSION;
        }
        List<Competition> parts = c.parts();
        if (!(parts.get(0) instanceof PointwiseInhibition)) {
            return NO_FUSION;
        }
        Competition rest = null;
        for (int k = 1; k < parts.size(); k++) {
            rest = rest == null ? parts.get(k) : rest.andThen(parts.get(k));
        }
        return rest;
    }

    /** Whether every part of {@code c} only reads potentials (never writes them): then layers may fuse their loops. */
    private static boolean readsPotentialsOnly(Competition c) {
        List<Competition> parts = c.parts();
        for (int k = 0; k < parts.size(); k++) {
            Competition p = parts.get(k);
            if (!(p instanceof PointwiseInhibition || p instanceof KWinnersTakeAll)) {
                return false;
            }
        }
        return true;
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

    /** Runs {@code source} through every layer, without learning ({@link Presentation#inference()}). */
    public PresentationResult present(SpikeSource source) {
        return present(source, Presentation.inference());
    }

    /** Runs {@code source} through layers {@code 0 .. uptoLayerExclusive-1}, without learning. */
    public PresentationResult present(SpikeSource source, int uptoLayerExclusive) {
        return present(source, uptoLayerExclusive, false);
    }

    /**
     * Runs {@code source} through every layer, learning if {@code learning}
     * ({@link Presentation#training()} or {@link Presentation#inference()}).
     */
    public PresentationResult present(SpikeSource source, boolean learning) {
        return present(source, learning ? Presentation.training() : Presentation.inference());
    }

    /**
     * Runs {@code source} through layers {@code 0 .. uptoLayerExclusive-1} (layer-wise training: later
     * layers are not touched), learning if {@code learning}: the same as {@link #present(SpikeSource,
     * Presentation)} with {@code Presentation.training()} (or {@code inference()}) {@code .upTo(} the layer
     * {@code uptoLayerExclusive - 1}{@code )}.
     *
     * @throws IllegalArgumentException if {@code uptoLayerExclusive} is not in {@code [1, layerCount]}, or as
     *                                  {@link #present(SpikeSource, Presentation)}
     */
    public PresentationResult present(SpikeSource source, int uptoLayerExclusive, boolean learning) {
        if (uptoLayerExclusive < 1 || uptoLayerExclusive > n) {
            throw new IllegalArgumentException("uptoLayerExclusive must be in [1, " + n + "], got "
                    + uptoLayerExclusive);
        }
        Presentation[] cached = upToPresentations[uptoLayerExclusive - 1];
        int k = learning ? 1 : 0;
        if (cached[k] == null) {
            cached[k] = (learning ? Presentation.training() : Presentation.inference())
                    .upTo(layers[uptoLayerExclusive - 1].name());
        }
        return present(source, cached[k]);
    }

    /**
     * Runs one presentation of {@code source} as {@code p} says (see {@link Presentation}): the layers from
     * {@code p.from()} to {@code p.upTo()} are reset (neurons cleared and initialised by their model,
     * threshold offsets kept when a component {@linkplain #keepsThresholdOffset(int) declares} them), their
     * competitions and the rules of the layers that learn get their {@code onPresentationStart} calls, then
     * steps run from 0 until the stop condition holds or the source ends; at each step every layer run steps,
     * competes, learns ({@code afterStep}), records its final spikes ({@link Layer#endStep}) and its
     * monitors record. After the last step run: {@link Layer#finish}, the competitions' and rules'
     * {@code onPresentationEnd}, the monitors' {@code onPresentationEnd}. Call {@link #learn(float)} next
     * for the rules' {@code afterSample}.
     *
     * @throws IllegalArgumentException if a layer name of {@code p} is unknown, {@code upTo} comes before
     *                                  {@code from}, a learner is not run or has no rule, the stop condition
     *                                  watches a layer that is not run (or, for
     *                                  {@link StopCondition.Kind#WINNERS_SETTLED}, does not compete), the
     *                                  source does not drive the first layer's input size, or it was made for
     *                                  another step length ({@link SpikeSource#dtMs()})
     */
    public PresentationResult present(SpikeSource source, Presentation p) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(p, "p");
        final int first = p.from() == null ? 0 : network.indexOf(p.from());
        final int last = p.upTo() == null ? n - 1 : network.indexOf(p.upTo());
        if (last < first) {
            throw new IllegalArgumentException("presentation runs from layer " + layers[first].name() + " (index "
                    + first + ") up to layer " + layers[last].name() + " (index " + last + "), which comes before it");
        }
        int inSize = layers[first].inputShape().size();
        if (source.size() != inSize) {
            throw new IllegalArgumentException("source drives " + source.size() + " neurons, the input of layer "
                    + layers[first].name() + " " + layers[first].inputShape() + " has " + inSize);
        }
        float sourceDt = source.dtMs();
        if (!Float.isNaN(sourceDt) && sourceDt != network.dtMs()) {
            throw new IllegalArgumentException("source was made for steps of " + sourceDt + " ms, the network steps "
                    + network.dtMs() + " ms");
        }
        resolve(p, first, last);
        final StopCondition stop = p.effectiveStop();
        final StopCondition.Kind kind = stop.kind();
        final int watched = watchedLayer(stop, first, last);
        final boolean autoStop = kind == StopCondition.Kind.AUTO && autoStopPossible(first, last);
        final boolean learning = p.learning();
        final int steps = kind == StopCondition.Kind.AT_STEP ? Math.min(stop.count(), source.steps())
                : source.steps();
        int presentation = presentations++;
        int rest = pendingRestSteps;
        pendingRestSteps = -1;
        // frozen prefix: its output for this source is cached (or recorded now) and replayed into the rest
        CacheEntry cached = null;
        int runFirst = first;
        SpikeSource runSource = source;
        // whether runSource is known to fire each neuron at most once (a collapsed recording's replay does)
        boolean atMostOnce = false;
        if (fastPaths && rest < 0 && cacheLimit > 0 && source.replayable() && kind != StopCondition.Kind.AT_STEP) {
            int j = frozenPrefixEnd(first, last, watched);
            if (j >= first) {
                // a presentation that collapses as a whole records its prefix collapsed too (one pass); a
                // collapsed entry exists only for a source that passed the at-most-once check, and a replayable
                // source emits the same spikes every time, so a cache hit needs no new check
                boolean collapsed = collapsible(first, last, kind, steps)
                        && (cache.containsKey(new CacheKey(source, first, j, true))
                                || firesAtMostOnce(source, inputBuffer(first), steps));
                cached = cachedOutput(source, first, j, collapsed);
                runFirst = j + 1;
                runSource = cached.replay;
                atMostOnce = collapsed; // every spike of the replay at the last step, each neuron once
            }
        }
        final Spikes input = inputBuffer(runFirst);
        for (int i = runFirst; i <= last; i++) {
            if (rest >= 0 && stepsRunLast[i] >= 0) {
                restLayer(i, rest);
            } else {
                resetLayer(i);
            }
            prepareFusion(i);
        }
        squareLayer = -1;
        if (fastPaths && autoStop && competes[last] && active[last] instanceof KWinnersTakeAll
                && ((KWinnersTakeAll) active[last]).radius() > 0 && states[last] instanceof Conv2dLayer.State) {
            // only the winners of the last layer matter (auto stop): positions none of whose neurons can win
            // any more need not be simulated
            squareLayer = last;
            squareRadius = ((KWinnersTakeAll) active[last]).radius();
        }
        final boolean collapsibleRun = fastPaths && rest < 0 && collapsible(runFirst, last, kind, steps);
        // the check leaves the union in input, which the collapsed pass then delivers without emitting again
        final boolean unionReady = collapsibleRun && !atMostOnce;
        final boolean collapse = collapsibleRun && (atMostOnce || firesAtMostOnce(runSource, input, steps));
        if (collapse) {
            wholeInputAtOnce(runFirst, last);
        }
        for (int i = 0; i < n; i++) {
            winners.get(i).clear();
        }
        Arrays.fill(presentationSpikes, 0L);
        ctx.begin(steps, learning);
        for (int i = runFirst; i <= last; i++) {
            if (competes[i] && active[i] != null) {
                active[i].onPresentationStart(states[i], ctx);
            }
            if (learns[i]) {
                rules[i].onPresentationStart(plastic[i], states[i], ctx);
            }
            Monitor[] ms = monitors[i];
            for (int j = 0; j < ms.length; j++) {
                ms[j].onPresentationStart(presentation, steps);
            }
        }
        int stepsRun = 0;
        if (collapse) {
            // every layer run integrates without timing up to one that fires only at the last step: the whole
            // input arrives at the last step (the final-potential pass), with the same spikes, winners and updates
            if (!unionReady) {
                input.clear();
                for (int t = 0; t < steps; t++) {
                    runSource.emit(t, input);
                }
            }
            ctx.setStep(steps - 1);
            stepLayers(input, runFirst, last);
            stepsRun = steps;
        } else {
            int t = 0;
            while (t < steps) {
                ctx.setStep(t);
                input.clear();
                runSource.emit(t, input);
                stepLayers(input, runFirst, last);
                stepsRun = ++t;
                if (kind == StopCondition.Kind.SPIKES ? presentationSpikes[watched] >= stop.count()
                        : kind == StopCondition.Kind.WINNERS_SETTLED
                        ? settledLayer(watched)
                        : autoStop && settled(runFirst, last)) {
                    break;
                }
            }
        }
        ctx.setStep(Math.max(stepsRun - 1, 0));
        for (int i = runFirst; i <= last; i++) {
            stepsRunLast[i] = stepsRun;
            layers[i].finish(states[i], ctx);
            if (competes[i] && active[i] != null) {
                active[i].onPresentationEnd(states[i], ctx, winners.get(i));
            }
            if (learns[i]) {
                rules[i].onPresentationEnd(plastic[i], states[i], winners.get(i), ctx);
            }
            Monitor[] ms = monitors[i];
            for (int j = 0; j < ms.length; j++) {
                ms[j].onPresentationEnd(presentation);
            }
        }
        if (cached != null) {
            for (int i = first; i < runFirst; i++) {
                presentationSpikes[i] = cached.cumulative[i - first][stepsRun];
                stepsRunLast[i] = stepsRun;
            }
        }
        System.arraycopy(learns, 0, learnedLast, 0, n);
        lastLearning = learning;
        learnPending = learning;
        List<List<Winner>> ws = new ArrayList<>(last + 1);
        for (int i = 0; i <= last; i++) {
            ws.add(i < first ? List.of() : List.copyOf(winners.get(i)));
        }
        return new PresentationResult(stepsRun, last + 1, List.copyOf(ws),
                Arrays.copyOf(presentationSpikes, last + 1), states[last], first, source.steps());
    }

    /** One step of layers {@code a .. last} on {@code in}: step, compete, learn, end step, count, monitors. */
    private void stepLayers(Spikes in, int a, int last) {
        for (int i = a; i <= last; i++) {
            Spikes out = outputs[i];
            out.clear();
            LayerState st = states[i];
            if (learns[i]) {
                rules[i].beforeStep(plastic[i], st, in, ctx);
            }
            layers[i].step(in, st, ctx, out);
            List<Winner> w = winners.get(i);
            if (competes[i] && active[i] != null) {
                int before = w.size();
                active[i].apply(st, out, ctx, w);
                if (i == squareLayer) {
                    Conv2dLayer.State cs = (Conv2dLayer.State) st;
                    for (int k = before; k < w.size(); k++) {
                        Winner x = w.get(k);
                        cs.stopAround(x.row(), x.col(), squareRadius);
                    }
                }
            }
            if (learns[i]) {
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

    /**
     * Whether {@code source} fires each neuron at most once in its first {@code steps} steps: only then does its
     * union, delivered at the last step, carry every spike (a collapsed presentation; a neuron that fires twice
     * would count once). {@code union} is left holding the union.
     */
    private boolean firesAtMostOnce(SpikeSource source, Spikes union, int steps) {
        if (onceScratch == null || onceScratch.capacity() != union.capacity()) {
            onceScratch = new Spikes(union.capacity());
        }
        Spikes step = onceScratch;
        union.clear();
        long total = 0;
        for (int t = 0; t < steps; t++) {
            step.clear();
            source.emit(t, step);
            total += step.count();
            union.addAll(step.indices(), 0, step.count());
            if (union.count() != total) {
                return false;
            }
        }
        return true;
    }

    /** Tells the convolutions among layers {@code a .. b} that this presentation is collapsed. */
    private void wholeInputAtOnce(int a, int b) {
        for (int i = a; i <= b; i++) {
            if (states[i] instanceof Conv2dLayer.State) {
                ((Conv2dLayer.State) states[i]).wholeInputAtOnce();
            }
        }
    }

    private boolean settledLayer(int i) {
        return active[i] == null || active[i].settled(states[i], ctx, winners.get(i));
    }

    /**
     * Decides how layer {@code i} competes in this presentation: a fused fire-once convolution whose
     * competition starts with {@link PointwiseInhibition} decides it inside its threshold loop, and only the
     * rest of the chain is applied by the engine; monitors get potentials written every step.
     */
    private void prepareFusion(int i) {
        active[i] = competitions[i];
        if (states[i] instanceof Conv2dLayer.State) {
            Conv2dLayer.State cs = (Conv2dLayer.State) states[i];
            boolean fuse = fastPaths && competes[i] && pointwiseRest[i] != NO_FUSION;
            if (cs.fusePointwiseInhibition(fuse) && fuse) {
                active[i] = pointwiseRest[i];
            }
        }
    }

    /**
     * The last layer of the longest frozen prefix {@code first .. j} (j before {@code last}) whose output for a
     * replayable source can be reused: no layer of it learns, competes, keeps threshold offsets, is watched
     * by a monitor or by the stop condition, each can tell when its weights change
     * ({@link Layer#weightVersion()}), and each neuron model's spikes are determined by its input
     * ({@link NeuronModel#replayable()}: not a model with a current set per presentation); the prefix must contain
     * a layer with neurons. -1 if there is none.
     */
    private int frozenPrefixEnd(int first, int last, int watched) {
        int j = first - 1;
        boolean neurons = false;
        for (int i = first; i < last; i++) {
            if (learns[i] || competes[i] || keepOffset[i] || monitors[i].length > 0 || i == watched
                    || layers[i].weightVersion() < 0 || (models[i] != null && !models[i].replayable())) {
                break;
            }
            neurons |= states[i].neurons() != null;
            j = i;
        }
        return neurons ? j : -1;
    }

    /**
     * Whether layers {@code a .. last} can run as one step at the last step: the last is a convolution that
     * fires only at the last step, every layer before it passes spikes on whatever their timing (padding,
     * pooling, fused fire-once convolutions with non-negative weights that neither compete nor learn), no
     * monitor watches, and a learning last layer's rule pairs spikes by order only. The caller also requires
     * that the input fires each neuron at most once ({@link #firesAtMostOnce}).
     */
    private boolean collapsible(int a, int last, StopCondition.Kind kind, int steps) {
        if (steps < 1 || !(kind == StopCondition.Kind.AT_END || kind == StopCondition.Kind.AUTO
                || kind == StopCondition.Kind.AT_STEP)) {
            return false;
        }
        if (!(layers[last] instanceof Conv2dLayer) || !((Conv2dLayer) layers[last]).firesOnlyAtLastStep()) {
            return false;
        }
        for (int i = a; i <= last; i++) {
            if (monitors[i].length > 0) {
                return false;
            }
            Layer l = layers[i];
            if (i == last) {
                if (learns[i] && !rules[i].usesSpikeOrderOnly()) {
                    return false;
                }
            } else if (!(l instanceof PaddingLayer || l instanceof PoolingLayer)) {
                if (!(l instanceof Conv2dLayer)) {
                    return false;
                }
                Conv2dLayer c = (Conv2dLayer) l;
                if (!c.fusedFireOnce() || !((Conv2dLayer.State) states[i]).fused() || competes[i] || learns[i]
                        || !c.nonNegativeWeights()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The recorded output of layers {@code first .. j} for {@code source}: from the cache if every layer's
     * weight version is unchanged, else run now (every step of the source, no competition, no learning) and
     * stored, evicting the least recently used entries beyond the byte limit.
     */
    private CacheEntry cachedOutput(SpikeSource source, int first, int j, boolean collapsed) {
        CacheKey key = new CacheKey(source, first, j, collapsed);
        CacheEntry e = cache.get(key);
        if (e != null) {
            boolean current = true;
            for (int i = first; i <= j && current; i++) {
                current = layers[i].weightVersion() == e.versions[i - first];
            }
            if (current) {
                cacheHits++;
                return e;
            }
            cache.remove(key);
            cacheBytes -= e.bytes;
        }
        cacheMisses++;
        long[] versions = new long[j - first + 1];
        for (int i = first; i <= j; i++) {
            versions[i - first] = layers[i].weightVersion();
            resetLayer(i);
            prepareFusion(i);
        }
        int steps = source.steps();
        long[][] cum = new long[j - first + 1][steps + 1];
        int[] offsets = new int[steps + 1];
        int[] neurons = new int[64];
        int count = 0;
        Spikes in0 = inputBuffer(first);
        ctx.begin(steps, false);
        if (collapsed) {
            wholeInputAtOnce(first, j);
            in0.clear();
            for (int t = 0; t < steps; t++) {
                source.emit(t, in0); // the union, delivered at the last step
            }
        }
        for (int t = collapsed ? Math.max(steps - 1, 0) : 0; t < steps; t++) {
            ctx.setStep(t);
            if (!collapsed) {
                in0.clear();
                source.emit(t, in0);
            }
            Spikes in = in0;
            for (int i = first; i <= j; i++) {
                Spikes out = outputs[i];
                out.clear();
                layers[i].step(in, states[i], ctx, out);
                layers[i].endStep(out, states[i], ctx);
                cum[i - first][t + 1] = cum[i - first][t] + out.count();
                in = out;
            }
            if (count + in.count() > neurons.length) {
                neurons = Arrays.copyOf(neurons, Math.max(2 * neurons.length, count + in.count()));
            }
            System.arraycopy(in.indices(), 0, neurons, count, in.count());
            count += in.count();
            offsets[t + 1] = count;
        }
        ctx.setStep(Math.max(steps - 1, 0));
        for (int i = first; i <= j; i++) {
            stepsRunLast[i] = steps;
            layers[i].finish(states[i], ctx);
        }
        for (int t = 0; t < steps; t++) {
            // each step's spikes in ascending neuron order (a layer emits them in its own order): the layer after
            // the prefix then adds its weight rows in the same order however the prefix ran
            if (!ascending(neurons, offsets[t], offsets[t + 1])) { // most layers emit ascending: skip the sort
                Arrays.sort(neurons, offsets[t], offsets[t + 1]);
            }
        }
        SpikeSource replay = EventSource.ofBuckets(layers[j].outputShape().size(), offsets,
                Arrays.copyOf(neurons, count)); // collapsed: every spike at the last step
        long bytes = 64L + 4L * (count + offsets.length) + 8L * cum.length * (steps + 1) + 8L * versions.length;
        e = new CacheEntry(versions, cum, replay, bytes);
        if (bytes <= cacheLimit) {
            cache.put(key, e);
            cacheBytes += bytes;
            Iterator<CacheEntry> it = cache.values().iterator();
            while (cacheBytes > cacheLimit && it.hasNext()) {
                CacheEntry old = it.next();
                it.remove();
                cacheBytes -= old.bytes;
            }
        }
        return e;
    }

    /** Whether {@code a[from .. to)} is in ascending order. */
    private static boolean ascending(int[] a, int from, int to) {
        for (int k = from + 1; k < to; k++) {
            if (a[k] < a[k - 1]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Cache key: the source object (identity), the first and last layer of the prefix, and whether it was
     * recorded collapsed (every spike at the last step; only for presentations that collapse as a whole).
     */
    private static final class CacheKey {
        final SpikeSource source;
        final int first;
        final int last;
        final boolean collapsed;

        CacheKey(SpikeSource source, int first, int last, boolean collapsed) {
            this.source = source;
            this.first = first;
            this.last = last;
            this.collapsed = collapsed;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof CacheKey)) {
                return false;
            }
            CacheKey k = (CacheKey) o;
            return k.source == source && k.first == first && k.last == last && k.collapsed == collapsed;
        }

        @Override
        public int hashCode() {
            return ((System.identityHashCode(source) * 31 + first) * 31 + last) * 2 + (collapsed ? 1 : 0);
        }
    }

    /** A cached prefix output: the layers' weight versions, cumulative spike counts per step, the replay. */
    private static final class CacheEntry {
        final long[] versions;
        final long[][] cumulative;
        final SpikeSource replay;
        final long bytes;

        CacheEntry(long[] versions, long[][] cumulative, SpikeSource replay, long bytes) {
            this.versions = versions;
            this.cumulative = cumulative;
            this.replay = replay;
            this.bytes = bytes;
        }
    }

    /** Default byte limit of the frozen-layer output cache ({@link #frozenOutputCache(long)}): 256 MiB. */
    public static final long DEFAULT_CACHE_BYTES = 256L << 20;

    /**
     * Sets the byte limit of the frozen-layer output cache (see the class description), evicting least
     * recently used entries beyond it; {@code 0} turns the cache off and empties it.
     *
     * @param maxBytes the limit, &gt;= 0 (default {@link #DEFAULT_CACHE_BYTES})
     * @return this simulation
     */
    public Simulation frozenOutputCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, got " + maxBytes);
        }
        cacheLimit = maxBytes;
        Iterator<CacheEntry> it = cache.values().iterator();
        while (cacheBytes > cacheLimit && it.hasNext()) {
            CacheEntry old = it.next();
            it.remove();
            cacheBytes -= old.bytes;
        }
        return this;
    }

    /** Empties the frozen-layer output cache (its limit is kept). */
    public void clearFrozenOutputCache() {
        cache.clear();
        cacheBytes = 0;
    }

    /** Bytes held by the frozen-layer output cache now (an estimate of its arrays). */
    public long frozenOutputCacheBytes() {
        return cacheBytes;
    }

    /** Presentations that reused a cached prefix output, and that recorded one, since creation: {hits, misses}. */
    public long[] frozenOutputCacheCounts() {
        return new long[] {cacheHits, cacheMisses};
    }

    /**
     * Turns the engine's fast paths on (default) or off: the frozen-layer output cache, collapsed
     * presentations (the final-potential pass) and pointwise inhibition fused into fire-once convolutions.
     * Off, every layer runs every step with its competition applied as written (for comparisons and tests;
     * the spikes, winners and weights are the same up to float summation order).
     *
     * @return this simulation
     */
    public Simulation fastPaths(boolean on) {
        fastPaths = on;
        return this;
    }

    /**
     * Lets layers share the work of one presentation among {@code threads} threads (default 1): the
     * final-potential pass of a convolution splits its output maps between them. Each output neuron's
     * potential is summed in the same order whatever the split, so spikes, winners and weights are the
     * same at every thread count. The helper threads are daemons that exit when idle.
     *
     * @param threads &gt;= 1
     * @return this simulation
     */
    public Simulation threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        for (int i = 0; i < n; i++) {
            if (states[i] instanceof Conv2dLayer.State) {
                ((Conv2dLayer.State) states[i]).shareWork(threads);
            }
        }
        return this;
    }

    /** The threads layers may share one presentation's work among ({@link #threads(int)}). */
    public int threads() {
        return threads;
    }

    /** The buffer the source emits into when layer {@code first} is the first run (allocated once). */
    private Spikes inputBuffer(int first) {
        if (first == 0) {
            return input;
        }
        if (midInputs[first] == null) {
            midInputs[first] = new Spikes(layers[first].inputShape().size());
        }
        return midInputs[first];
    }

    /** Fills {@link #learns} and {@link #competes} for the layers {@code first .. last} of {@code p}. */
    private void resolve(Presentation p, int first, int last) {
        if (p == resolved) {
            return; // same presentation object as last time: masks are current
        }
        resolved = null; // until this one is fully resolved (a bad name below leaves no half-filled masks in use)
        Arrays.fill(learns, false);
        Arrays.fill(competes, false);
        String[] off = p.withoutCompetition().toArray(new String[0]);
        for (int k = 0; k < off.length; k++) {
            network.indexOf(off[k]); // unknown names are errors, not silently ignored
        }
        if (p.learners() != null) {
            String[] ls = p.learners().toArray(new String[0]);
            for (int k = 0; k < ls.length; k++) {
                String name = ls[k];
                int i = network.indexOf(name);
                if (i < first || i > last) {
                    throw new IllegalArgumentException("learner " + name + " is not among the layers run ("
                            + layers[first].name() + " .. " + layers[last].name() + ")");
                }
                if (rules[i] == null) {
                    throw new IllegalArgumentException("learner " + name + " has no learning rule");
                }
            }
        }
        for (int i = first; i <= last; i++) {
            String name = layers[i].name();
            learns[i] = p.learning() && rules[i] != null && (p.learners() == null || p.learners().contains(name));
            competes[i] = competitions[i] != null && !p.withoutCompetition().contains(name);
        }
        resolved = p;
    }

    private int watchedLayer(StopCondition stop, int first, int last) {
        if (stop.layer() == null) {
            return -1;
        }
        int i = network.indexOf(stop.layer());
        if (i < first || i > last) {
            throw new IllegalArgumentException("stop condition " + stop.kind() + " watches layer " + stop.layer()
                    + ", which is not among the layers run (" + layers[first].name() + " .. " + layers[last].name()
                    + ")");
        }
        if (stop.kind() == StopCondition.Kind.WINNERS_SETTLED && !competes[i]) {
            throw new IllegalArgumentException("stop condition WINNERS_SETTLED watches layer " + stop.layer()
                    + ", which does not compete in this presentation");
        }
        return i;
    }

    /**
     * Whether {@link StopCondition#auto()} may end this presentation early at all: the last layer run learns
     * (nothing downstream of the learners is run, so no read-out is cut short), every layer that learns
     * competes and has a winners-only rule, no layer run keeps threshold offsets, and no monitor watches.
     */
    private boolean autoStopPossible(int first, int last) {
        if (!learns[last]) {
            return false;
        }
        for (int i = first; i <= last; i++) {
            if (keepOffset[i] || monitors[i].length > 0) {
                return false;
            }
            if (learns[i] && (!competes[i] || !rules[i].learnsFromWinnersOnly())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the competition of every layer run that competes has settled (auto stop): the learners' winners
     * are final, and so are the winners the result reports for the other layers.
     */
    private boolean settled(int first, int last) {
        for (int i = first; i <= last; i++) {
            if (competes[i] && !competitions[i].settled(states[i], ctx, winners.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether layer {@code i} keeps its threshold offsets across presentations: its competition declares that it
     * writes them ({@link Competition#keepsThresholdOffset()}).
     */
    public boolean keepsThresholdOffset(int i) {
        return keepOffset[Objects.checkIndex(i, n)];
    }

    /**
     * Lets the network rest for {@code ms} without input before the next presentation: that presentation then
     * starts from the state the last one left, advanced over the rest by each layer's model
     * ({@link NeuronModel#rest}; models without a closed form for it start from their initial state, as after
     * an infinitely long rest), instead of from the initial state. Applies to the layers that ran in the last
     * presentation, once (the presentation after next starts from the initial state again unless {@code rest}
     * is called again). Layer buffers (input, inhibition marks) are cleared as usual; threshold offsets follow
     * the usual rule (kept if a component declares them persistent).
     *
     * @param ms the rest, ms, finite and &gt;= 0 ({@code round(ms / dt)} steps)
     * @throws IllegalArgumentException if {@code ms} is negative or not finite
     */
    public void rest(float ms) {
        if (!(ms >= 0f) || Float.isInfinite(ms)) {
            throw new IllegalArgumentException("ms must be finite and >= 0, got " + ms);
        }
        pendingRestSteps = Math.round(ms / network.dtMs());
    }

    /** The model that clears and initialises layer {@code i}'s neurons, or null when a fused conv loop resets them. */
    private NeuronModel resetModel(int i) {
        LayerState st = states[i];
        if (st instanceof Conv2dLayer.State && ((Conv2dLayer.State) st).fused()) {
            return null; // (a state may be unfused after the simulation was built: checked per presentation)
        }
        return models[i];
    }

    private void restLayer(int i, int restSteps) {
        LayerState st = states[i];
        NeuronState ns = st.neurons();
        NeuronModel m = resetModel(i); // a fused fire-once model has no closed-form rest: a fresh start
        if (ns == null || m == null) {
            resetLayer(i);
            return;
        }
        st.reset();
        float[] keep = offsetScratch[i];
        if (keep != null) {
            System.arraycopy(ns.thresholdOffset(), 0, keep, 0, keep.length);
        }
        m.rest(ns, network.dtMs(), stepsRunLast[i], restSteps);
        if (keep != null) {
            System.arraycopy(keep, 0, ns.thresholdOffset(), 0, keep.length);
        } else {
            ns.zeroThresholdOffsets();
        }
    }

    private void resetLayer(int i) {
        LayerState st = states[i];
        st.reset();
        NeuronState ns = st.neurons();
        NeuronModel m = resetModel(i);
        if (ns == null) {
            return;
        }
        if (m == null) { // a fused conv loop: the layer's reset cleared the rest of the neurons
            if (!keepOffset[i]) {
                ns.zeroThresholdOffsets();
            }
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
     * Ends a learning presentation: calls {@link LearningRule#afterSample} of the rule of every layer that
     * learned in the last presentation, with that layer's winners and {@code reward} (+1 reward, -1 punishment,
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
        for (int i = 0; i < n; i++) {
            if (learnedLast[i]) {
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
