package org.snn4j.learning;

import java.util.List;
import java.util.Objects;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.LearningRule;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.layer.StepContext;

/**
 * Binary (timing-sign) STDP of Kheradpisheh et al. 2018 (doi:10.1016/j.neunet.2017.12.005) and Mozafari
 * et al. 2019 (doi:10.1016/j.patcog.2019.05.015), with the semantics of SpykeTorch's {@code STDP}.
 *
 * <p>At the end of each learning presentation ({@link #afterSample}), for each winner {@code j} (in list
 * order) that fired at step {@code t_j = winner.step()}, and each synapse {@code i -> j} of its receptive
 * field:
 * <pre>
 *   a_ij = aPlus[c]   if input i fired at a step t_i with t_i &lt;= t_j   (LTP; same step counts as LTP)
 *        = aMinus[c]  otherwise (fired later, never fired, or padding)   (LTD)
 *   dw   = a_ij * (w - lo) * (hi - w)   with the stabiliser,   dw = a_ij   without
 *   w   &lt;- clamp(w + dw, lo, hi)
 * </pre>
 * where {@code c} is the winner's feature map (output channel): rates are per feature map. The input
 * spike step {@code t_i} is the first step at which input {@code i} fired in the presentation (tracked
 * from {@link #afterStep}; see the class note of the package-private tracker: if the rule is driven
 * without {@code afterStep}, {@link LayerState#inputSpikeStep()} is used, which is the same for inputs
 * that fire at most once). The arithmetic is float, in the order written, so that with
 * {@code [lo, hi] = [0, 1]} it equals SpykeTorch's {@code w += lr * (w * (1 - w)); w.clamp_(0, 1)}.
 *
 * <p>Winners of one presentation are applied one after the other. With at most one winner per feature
 * map (k-WTA) convolution winners touch disjoint weights, so the order does not matter; if two winners
 * share a map, both updates are applied (SpykeTorch would keep only the last one's).
 *
 * <p>Schedule: before each presentation's update the rule counts the sample ({@code n = 1, 2, ...}) and
 * asks its {@link RateSchedule} for every map's rates; Mozafari's "double aPlus every 500 samples up to
 * 0.15, aMinus = -0.75 aPlus" is {@link RateSchedule#doubling(int, float, float)} and applies the new
 * rates to sample 500 itself, as SpykeTorch does. The reward argument is ignored (unsupervised).
 *
 * <p>Mutable (rates, sample counter, spike bookkeeping); not thread-safe; one instance per layer.
 */
public final class BinaryStdp implements Persistent, LearningRule {
    private final int channels;
    private final WeightBounds bounds;
    private final boolean stabiliser;
    private final RateSchedule schedule;
    private final float[] aPlus;
    private final float[] aMinus;
    private final FirstSpikeTracker tracker = new FirstSpikeTracker();
    private final BinaryKernel kernel = new BinaryKernel();
    private long samples;

    /**
     * @param channels   number of feature maps (output channels) of the layer, {@code >= 1}; 1 for dense
     * @param rates      initial rates of every map
     * @param bounds     weight interval
     * @param stabiliser whether {@code dw} is multiplied by {@code (w - lo)(hi - w)}
     * @param schedule   rate schedule ({@link RateSchedule#constant()} for none)
     */
    public BinaryStdp(int channels, StdpRates rates, WeightBounds bounds, boolean stabiliser,
                      RateSchedule schedule) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        Objects.requireNonNull(rates, "rates");
        this.channels = channels;
        this.bounds = Objects.requireNonNull(bounds, "bounds");
        this.stabiliser = stabiliser;
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.aPlus = new float[channels];
        this.aMinus = new float[channels];
        setRates(rates);
    }

    /**
     * Mozafari 2019 layers 1 and 2: rates (0.004, -0.003), stabiliser, bounds [0, 1], doubling every 500
     * samples up to 0.15 with {@code aMinus = -0.75 aPlus}.
     */
    public static BinaryStdp mozafari(int channels) {
        return new BinaryStdp(channels, new StdpRates(0.004f, -0.003f), WeightBounds.unit(), true,
                RateSchedule.doubling(500, 0.15f, -0.75f));
    }

    /** The number of feature maps this rule has rates for. */
    public int channels() {
        return channels;
    }

    /** The weight bounds. */
    public WeightBounds bounds() {
        return bounds;
    }

    /** Whether the stabiliser is on. */
    public boolean stabiliser() {
        return stabiliser;
    }

    /** The schedule (package-private, for {@link LearningCodecs}). */
    RateSchedule schedule() {
        return schedule;
    }

    /** Restores the sample counter of a saved rule (package-private, for {@link LearningCodecs}). */
    void restoreSamples(long samples) {
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be >= 0, got " + samples);
        }
        this.samples = samples;
    }

    /** The number of learning samples seen so far. */
    public long samples() {
        return samples;
    }

    /** The current rates of feature map {@code channel}. */
    public StdpRates rates(int channel) {
        Objects.checkIndex(channel, channels);
        return new StdpRates(aPlus[channel], aMinus[channel]);
    }

    /** Sets the rates of every feature map. */
    public void setRates(StdpRates rates) {
        Objects.requireNonNull(rates, "rates");
        for (int c = 0; c < channels; c++) {
            aPlus[c] = rates.aPlus();
            aMinus[c] = rates.aMinus();
        }
    }

    /** Sets the rates of feature map {@code channel}. */
    public void setRates(int channel, StdpRates rates) {
        Objects.checkIndex(channel, channels);
        Objects.requireNonNull(rates, "rates");
        aPlus[channel] = rates.aPlus();
        aMinus[channel] = rates.aMinus();
    }

    /** Starts the first-spike record of the presentation. */
    @Override
    public void onPresentationStart(PlasticLayer layer, LayerState state, StepContext ctx) {
        tracker.start(state);
    }

    /**
     * True: the update pairs each winner with the inputs that fired up to its step; inputs that fire
     * later count as "fired after" exactly as inputs that never fire, so the engine may end the
     * presentation once the competition has settled.
     */
    @Override
    public boolean learnsFromWinnersOnly() {
        return true;
    }

    /** True: an input pairs as LTP exactly when it fired at or before the winner's step. */
    @Override
    public boolean usesSpikeOrderOnly() {
        return true;
    }

    /** Records the first spike step of the inputs of this step (O(input spikes)). */
    @Override
    public void afterStep(PlasticLayer layer, LayerState state, Spikes in, Spikes out, List<Winner> winners,
                          StepContext ctx) {
        tracker.record(state, in, ctx);
    }

    /**
     * Counts the sample, applies the schedule, then updates the receptive field of every winner as in
     * the class description. Modifies {@code layer.weights()}.
     *
     * @throws IllegalArgumentException if the layer's channel count differs from {@link #channels()}
     */
    @Override
    public void afterSample(PlasticLayer layer, LayerState state, List<Winner> winners, float reward) {
        checkChannels(layer, channels);
        samples++;
        if (schedule.changesAt(samples)) { // else next() would return the rates unchanged
            for (int c = 0; c < channels; c++) {
                StdpRates r = schedule.next(samples, new StdpRates(aPlus[c], aMinus[c]));
                aPlus[c] = r.aPlus();
                aMinus[c] = r.aMinus();
            }
        }
        applyWinners(layer, state, winners, tracker.preSteps(state), aPlus, aMinus, bounds, stabiliser,
                kernel);
        tracker.endSample();
    }

    static void checkChannels(PlasticLayer layer, int channels) {
        int layerChannels = layer.outputShape().channels();
        if (layerChannels != channels) {
            throw new IllegalArgumentException("rule has rates for " + channels + " channels, layer "
                    + layer.name() + " has " + layerChannels + " output channels");
        }
    }

    static void applyWinners(PlasticLayer layer, LayerState state, List<Winner> winners, int[] preSteps,
                             float[] aPlus, float[] aMinus, WeightBounds bounds, boolean stabiliser,
                             BinaryKernel kernel) {
        int outSize = layer.outputShape().size();
        int mapSize = layer.outputShape().mapSize();
        kernel.preSteps = preSteps;
        kernel.lo = bounds.lo();
        kernel.hi = bounds.hi();
        kernel.stabiliser = stabiliser;
        int n = winners.size();
        for (int k = 0; k < n; k++) {
            Winner w = winners.get(k);
            int post = Objects.checkIndex(w.neuron(), outSize);
            int c = post / mapSize;
            kernel.postStep = w.step();
            kernel.aPlus = aPlus[c];
            kernel.aMinus = aMinus[c];
            layer.updateReceptiveField(post, state, kernel);
        }
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return LearningCodecs.BINARY_STDP;
    }
}
