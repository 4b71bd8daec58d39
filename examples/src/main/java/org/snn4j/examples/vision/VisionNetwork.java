package org.snn4j.examples.vision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.snn4j.EventSource;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.competition.TwoThresholdHomeostasis;
import org.snn4j.competition.WinnerTakeAll;
import org.snn4j.encoding.FeatureMaps;
import org.snn4j.encoding.FloatImage;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.StepContext;
import org.snn4j.layer.WeightInit;
import org.snn4j.learning.StdpRates;
import org.snn4j.learning.WeightBounds;
import org.snn4j.learning.WindowStdp;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.ResetMode;

/**
 * The network of the popular interactive JavaScript vision-SNN demo, built from snn4j parts:
 * <ol>
 *   <li>{@link ContrastEncoder}: frame &rarr; gray &rarr; 64x64 &rarr; 5x5 Mexican-hat ON/OFF maps (8,192
 *       inputs) &rarr; 256 intensity bins, brightest first (one bin per 1 ms step);</li>
 *   <li>one {@link DenseLayer} of {@code N} leaky integrate-and-fire outputs ({@link Lif}, rest 0 mV,
 *       {@code tau dV/dt = -V}, a spike of input {@code i} adds {@code w[i][j]} mV), weights uniform in
 *       {@code [0, initMaxWeight)} (seeded);</li>
 *   <li>{@link WinnerTakeAll}: at most one output fires per step, every other potential is reset to 0 and
 *       the winner may not fire again for {@code refractorySteps}; the winner's potential is reset to 0
 *       after the learning step below;</li>
 *   <li>while learning, {@link TwoThresholdHomeostasis}: a winner whose potential also reaches
 *       {@code learningFactor x} its firing threshold has the threshold raised by
 *       {@code thresholdIncrementMv}; and {@link WindowStdp} on the winner: {@code +aPlus} for inputs that
 *       fired within {@code windowSteps} before the post spike, {@code aMinus} for all others, weights in
 *       [0, 1], with pre-synaptic reset.</li>
 * </ol>
 * A frame is one presentation: the layer is reset and its neurons cleared and initialised as the engine
 * does (the learned threshold offsets are kept), the bins are
 * fed one per step, and the frame ends after {@code maxSpikesPerFrame} output spikes or the last bin.
 *
 * <p>The step loop is driven here (layer, competition and rule called in the engine's order: step,
 * competition, learning) so that the thresholds persist across frames and a frame can end at its first
 * output spike. Same parameters and frames give bit-identical weights and outputs.
 *
 * <p><b>Not thread-safe</b> (one network per thread).
 */
public final class VisionNetwork {
    private final VisionParameters p;
    private final ContrastEncoder encoder;
    private final DenseLayer layer;
    private final DenseLayer.State state;
    private final WinnerTakeAll wta;
    private final TwoThresholdHomeostasis homeostasis;
    private final WindowStdp stdp;
    private final StepContext ctx = new StepContext(1f);
    private final Spikes in = new Spikes(VisionParameters.INPUTS);
    private final Spikes out;
    private final List<Winner> winners = new ArrayList<>();
    private final List<Winner> learners = new ArrayList<>();
    private final float[] offsets;
    private final int[] fireCounts;
    private long frames;
    private long synapticEvents;
    private int lastWinner = -1;
    private int lastStep = -1;

    /** A new network with weights drawn from {@code p.seed()}. */
    public VisionNetwork(VisionParameters p) {
        this(p, null);
    }

    private VisionNetwork(VisionParameters p, DenseLayer layer) {
        this.p = Objects.requireNonNull(p, "p");
        this.encoder = new ContrastEncoder(p);
        this.layer = layer != null ? layer : DenseLayer.builder("vision", ContrastEncoder.SHAPE, p.neurons())
                .weights(new WeightInit.Uniform(0f, p.initMaxWeight(), p.seed()))
                .neurons(new Lif(lifParameters(p)))
                .build();
        this.state = this.layer.newState();
        this.wta = new WinnerTakeAll(0f, p.refractorySteps());
        this.homeostasis = new TwoThresholdHomeostasis(p.thresholdMv(), p.learningFactor(), p.thresholdIncrementMv(),
                p.maxThresholdOffsetMv(), true);
        this.stdp = new WindowStdp(new WindowStdp.Parameters(p.windowSteps(), new StdpRates(p.aPlus(), p.aMinus()),
                WeightBounds.unit(), p.presynapticReset(), WindowStdp.Trigger.FIRED));
        this.out = new Spikes(p.neurons());
        this.offsets = new float[p.neurons()];
        this.fireCounts = new int[p.neurons()];
    }

    /** The LIF parameters of the outputs: rest 0, no reset by the model (the competition resets), no refractory period. */
    static LifParameters lifParameters(VisionParameters p) {
        return new LifParameters(p.tauMs(), 0f, 0f, p.thresholdMv(), 1f, 0f, ResetMode.NONE);
    }

    /** The parameters. */
    public VisionParameters parameters() {
        return p;
    }

    /** The input stage. */
    public ContrastEncoder encoder() {
        return encoder;
    }

    /** The output layer (live weights {@code [pre][post]}). */
    public DenseLayer layer() {
        return layer;
    }

    /**
     * Presents one frame with learning on.
     *
     * @param frame gray image 0..255, any size; not modified
     * @return the first output neuron that fired, or -1
     */
    public int present(FloatImage frame) {
        return present(frame, true);
    }

    /**
     * Presents one frame.
     *
     * @param frame    gray image 0..255, any size; not modified
     * @param learning whether STDP and homeostasis run (a compact network cannot learn)
     * @return the first output neuron that fired, or -1
     */
    public int present(FloatImage frame, boolean learning) {
        return present(encoder.encode(frame), learning);
    }

    /** Presents contrast maps of shape {@link ContrastEncoder#SHAPE} (see {@link #present(FloatImage, boolean)}). */
    public int present(FeatureMaps contrast, boolean learning) {
        return present(encoder.encode(contrast), learning);
    }

    /**
     * Presents an encoded frame.
     *
     * @param source 8,192-input spike source; not modified
     * @param learning whether STDP and homeostasis run
     * @return the first output neuron that fired, or -1
     * @throws IllegalStateException if learning on a compact (inference-only) network
     */
    public int present(EventSource source, boolean learning) {
        Objects.requireNonNull(source, "source");
        if (source.size() != VisionParameters.INPUTS) {
            throw new IllegalArgumentException("source must drive " + VisionParameters.INPUTS + " inputs, got "
                    + source.size());
        }
        if (learning && layer.isCompact()) {
            throw new IllegalStateException("a compact (pruned) network is inference-only; present with learning=false");
        }
        state.reset();
        NeuronState ns = state.neurons();
        ns.clear();
        layer.neuronModel().initialise(ns);
        float[] off = ns.thresholdOffset();
        System.arraycopy(offsets, 0, off, 0, offsets.length);
        float[] v = state.neurons().get(Lif.V);
        winners.clear();
        learners.clear();
        int steps = source.steps();
        ctx.begin(steps, learning);
        if (learning) {
            stdp.onPresentationStart(layer, state, ctx);
        }
        int first = -1;
        int spikes = 0;
        lastStep = -1;
        long events0 = state.synapticEvents();
        for (int t = 0; t < steps; t++) {
            ctx.setStep(t);
            in.clear();
            source.emit(t, in);
            out.clear();
            layer.step(in, state, ctx, out);
            wta.apply(state, out, ctx, winners);
            if (out.count() == 0) {
                continue;
            }
            int w = out.get(0);
            if (learning) {
                homeostasis.apply(state, out, ctx, learners);
                stdp.afterStep(layer, state, in, out, winners, ctx);
            }
            v[w] = 0f;
            fireCounts[w]++;
            if (first < 0) {
                first = w;
                lastStep = t;
            }
            if (++spikes >= p.maxSpikesPerFrame()) {
                break;
            }
        }
        if (learning) {
            stdp.onPresentationEnd(layer, state, winners, ctx);
            System.arraycopy(off, 0, offsets, 0, offsets.length);
        }
        synapticEvents += state.synapticEvents() - events0;
        frames++;
        lastWinner = first;
        return first;
    }

    /** The first output of the last frame, or -1. */
    public int lastWinner() {
        return lastWinner;
    }

    /** The step of the first output spike of the last frame, or -1. */
    public int lastSpikeStep() {
        return lastStep;
    }

    /** Firing threshold of output {@code j} in mV (base plus learned offset). */
    public float threshold(int j) {
        return p.thresholdMv() + offsets[Objects.checkIndex(j, offsets.length)];
    }

    /** A copy of every output's firing threshold, mV. */
    public float[] thresholds() {
        float[] t = new float[offsets.length];
        for (int j = 0; j < t.length; j++) {
            t[j] = p.thresholdMv() + offsets[j];
        }
        return t;
    }

    /** How often each output has fired (copy). */
    public int[] fireCounts() {
        return fireCounts.clone();
    }

    /** Frames presented so far. */
    public long frames() {
        return frames;
    }

    /** Synaptic events (weight additions) so far. */
    public long synapticEvents() {
        return synapticEvents;
    }

    /**
     * The receptive field of output {@code j}: its 8,192 input weights, ON map first then OFF map, each
     * row-major {@code 64 x 64}.
     *
     * @return a new array
     */
    public float[] receptiveField(int j) {
        int n = p.neurons();
        Objects.checkIndex(j, n);
        float[] w = layer.weights();
        float[] rf = new float[VisionParameters.INPUTS];
        for (int i = 0; i < rf.length; i++) {
            rf[i] = w[i * n + j];
        }
        return rf;
    }

    /**
     * An inference-only copy: weights {@code >= quantiseAbove} are set to 1 (quantisation), then weights
     * {@code <= pruneBelow} are dropped from the computation (CSR form, {@link DenseLayer#compact}).
     * Thresholds are copied. This network is not changed.
     *
     * @param pruneBelow    weights at or below it are dropped, {@code >= 0}
     * @param quantiseAbove weights at or above it become 1; {@code > 1} for no quantisation
     */
    public VisionNetwork compact(float pruneBelow, float quantiseAbove) {
        if (!(pruneBelow >= 0f) || Float.isInfinite(pruneBelow)) {
            throw new IllegalArgumentException("pruneBelow must be finite and >= 0, got " + pruneBelow);
        }
        if (Float.isNaN(quantiseAbove)) {
            throw new IllegalArgumentException("quantiseAbove must not be NaN");
        }
        DenseLayer copy = DenseLayer.builder("vision", ContrastEncoder.SHAPE, p.neurons())
                .neurons(new Lif(lifParameters(p)))
                .build();
        float[] dst = copy.weights();
        float[] src = layer.weights();
        for (int i = 0; i < src.length; i++) {
            float w = src[i];
            dst[i] = w >= quantiseAbove ? 1f : w;
        }
        VisionNetwork net = new VisionNetwork(p, copy.compact(pruneBelow));
        System.arraycopy(offsets, 0, net.offsets, 0, offsets.length);
        return net;
    }

    /** Stored synapses of the output layer (8,192 x N when dense, fewer when compact). */
    public int synapseCount() {
        return layer.synapseCount();
    }

    /** Whether this network is an inference-only compact copy. */
    public boolean isCompact() {
        return layer.isCompact();
    }

    @Override
    public String toString() {
        return "VisionNetwork[" + p.neurons() + " outputs, " + frames + " frames, thresholds "
                + Arrays.toString(thresholds()) + "]";
    }
}
