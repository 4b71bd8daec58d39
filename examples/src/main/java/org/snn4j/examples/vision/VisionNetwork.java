package org.snn4j.examples.vision;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.snn4j.EventSource;
import org.snn4j.Winner;
import org.snn4j.competition.Competition;
import org.snn4j.competition.ResetFired;
import org.snn4j.competition.TwoThresholdHomeostasis;
import org.snn4j.competition.WinnerTakeAll;
import org.snn4j.encoding.FeatureMaps;
import org.snn4j.encoding.FloatImage;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.learning.StdpRates;
import org.snn4j.learning.WeightBounds;
import org.snn4j.learning.WindowStdp;
import org.snn4j.network.Network;
import org.snn4j.network.Presentation;
import org.snn4j.network.PresentationResult;
import org.snn4j.network.Simulation;
import org.snn4j.network.StopCondition;
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
 * The network is a plain {@link Network} and a frame is one presentation of a {@link Simulation}: the
 * competition is {@code WinnerTakeAll}, then {@code Competition.whileLearning(TwoThresholdHomeostasis)}, then
 * {@link ResetFired} (the winner's potential goes to 0 after the homeostasis read its peak); the rule is
 * {@link WindowStdp}. The engine keeps the threshold offsets across frames because the homeostasis declares
 * them, applies the homeostasis and STDP only in learning presentations, and ends a frame after
 * {@code maxSpikesPerFrame} output spikes ({@link StopCondition#afterSpikes}) or at the last bin. Same
 * parameters and frames give bit-identical weights and outputs.
 *
 * <p><b>Not thread-safe</b> (one network per thread).
 */
public final class VisionNetwork {
    /** The name of the output layer. */
    static final String NAME = "vision";
    private final VisionParameters p;
    private final ContrastEncoder encoder;
    private final DenseLayer layer;
    private final Network network;
    private final Simulation sim;
    private final Presentation learn;
    private final Presentation infer;
    private final float[] offsets;
    private final int[] fireCounts;
    private long frames;
    private int lastWinner = -1;
    private int lastStep = -1;

    /** A new network with weights drawn from {@code p.seed()}. */
    public VisionNetwork(VisionParameters p) {
        this(p, null);
    }

    private VisionNetwork(VisionParameters p, DenseLayer layer) {
        this.p = Objects.requireNonNull(p, "p");
        this.encoder = new ContrastEncoder(p);
        this.layer = layer != null ? layer : DenseLayer.builder(NAME, ContrastEncoder.SHAPE, p.neurons())
                .weights(new WeightInit.Uniform(0f, p.initMaxWeight(), p.seed()))
                .neurons(new Lif(lifParameters(p)))
                .build();
        TwoThresholdHomeostasis homeostasis = new TwoThresholdHomeostasis(p.thresholdMv(), p.learningFactor(),
                p.thresholdIncrementMv(), p.maxThresholdOffsetMv(), false);
        WindowStdp stdp = new WindowStdp(new WindowStdp.Parameters(p.windowSteps(),
                new StdpRates(p.aPlus(), p.aMinus()), WeightBounds.unit(), p.presynapticReset(),
                WindowStdp.Trigger.FIRED));
        Network.Builder b = Network.builder(ContrastEncoder.SHAPE, 1f).add(this.layer)
                .compete(NAME, new WinnerTakeAll(0f, p.refractorySteps())
                        .andThen(Competition.whileLearning(homeostasis))
                        .andThen(new ResetFired(0f)));
        if (!this.layer.isCompact()) {
            b.learn(NAME, stdp);
        }
        this.network = b.build();
        this.sim = network.newSimulation(p.seed());
        StopCondition stop = StopCondition.afterSpikes(NAME, p.maxSpikesPerFrame());
        this.learn = Presentation.training().stopWhen(stop);
        this.infer = Presentation.inference().stopWhen(stop);
        this.offsets = sim.state(0).thresholdOffsets();
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
        PresentationResult r = sim.present(source, learning ? learn : infer);
        List<Winner> ws = r.winners(0); // one winner per step with a spike, in step order
        for (int k = 0; k < ws.size(); k++) {
            fireCounts[ws.get(k).neuron()]++;
        }
        frames++;
        lastWinner = ws.isEmpty() ? -1 : ws.get(0).neuron();
        lastStep = ws.isEmpty() ? -1 : ws.get(0).step();
        return lastWinner;
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
        return sim.synapticEvents(0);
    }

    /** The network (one layer with its competition and, unless compact, its rule). */
    public Network network() {
        return network;
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
        java.nio.FloatBuffer w = layer.weightsView();
        float[] rf = new float[VisionParameters.INPUTS];
        for (int i = 0; i < rf.length; i++) {
            rf[i] = w.get(i * n + j);
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
        DenseLayer copy = DenseLayer.builder(NAME, ContrastEncoder.SHAPE, p.neurons())
                .neurons(new Lif(lifParameters(p)))
                .build();
        float[] dst = copy.weights();
        float[] src = layer.weightsCopy();
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
