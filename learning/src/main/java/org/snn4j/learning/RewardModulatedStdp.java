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
 * Reward-modulated binary STDP (R-STDP) of Mozafari et al. 2018 (doi:10.1109/TNNLS.2018.2826721) and
 * 2019 (doi:10.1016/j.patcog.2019.05.015), as SpykeTorch's pair of {@code STDP} objects on one layer.
 *
 * <p>At the end of a presentation ({@link #afterSample}) with {@code reward > 0}, the winners' receptive
 * fields get the {@link BinaryStdp} update with the <em>reward</em> rates; with {@code reward < 0}, the
 * same update with the <em>punishment</em> rates (anti-STDP: a negative {@code aPlus} weakens the inputs
 * that caused the wrong decision, a positive {@code aMinus} strengthens the others); with
 * {@code reward == 0} nothing changes. Only the sign of the reward is used. Pairing (first input spike at
 * or before the winner's step = causal; never fired or padding = acausal), optional stabiliser
 * {@code (w - lo)(hi - w)}, clamping and float arithmetic are exactly those of {@link BinaryStdp}.
 *
 * <p>Mozafari 2019's adaptive rates ("every 1,000 samples, reward rates x miss rate, punishment rates x
 * hit rate") are {@link #scaleRates(double, double)}, which scales the <em>base</em> rates (those given
 * to the constructor, or the last {@link #setBaseRates}), so scaling never compounds.
 *
 * <p>Mutable; not thread-safe; one instance per layer.
 */
public final class RewardModulatedStdp implements Persistent, LearningRule {
    private final int channels;
    private final WeightBounds bounds;
    private final boolean stabiliser;
    private StdpRates baseReward;
    private StdpRates basePunish;
    private final float[] rewardPlus;
    private final float[] rewardMinus;
    private final float[] punishPlus;
    private final float[] punishMinus;
    private final FirstSpikeTracker tracker = new FirstSpikeTracker();
    private final BinaryKernel kernel = new BinaryKernel();

    /**
     * @param channels   number of output feature maps of the layer ({@code >= 1}; 1 for dense layers)
     * @param reward     rates applied on reward
     * @param punish     rates applied on punishment (anti-STDP: typically {@code aPlus < 0 < aMinus})
     * @param bounds     weight interval
     * @param stabiliser whether {@code dw} is multiplied by {@code (w - lo)(hi - w)}
     */
    public RewardModulatedStdp(int channels, StdpRates reward, StdpRates punish, WeightBounds bounds,
                               boolean stabiliser) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        this.channels = channels;
        this.bounds = Objects.requireNonNull(bounds, "bounds");
        this.stabiliser = stabiliser;
        this.rewardPlus = new float[channels];
        this.rewardMinus = new float[channels];
        this.punishPlus = new float[channels];
        this.punishMinus = new float[channels];
        setBaseRates(reward, punish);
    }

    /**
     * Mozafari 2019 layer 3: reward (0.004, -0.003), punishment (-0.004, 0.0005), no stabiliser, bounds
     * [0.2, 0.8].
     */
    public static RewardModulatedStdp mozafari(int channels) {
        return new RewardModulatedStdp(channels, new StdpRates(0.004f, -0.003f),
                new StdpRates(-0.004f, 0.0005f), new WeightBounds(0.2f, 0.8f), false);
    }

    /** The number of feature maps this rule has rates for. */
    public int channels() {
        return channels;
    }

    /** The weight bounds. */
    public WeightBounds bounds() {
        return bounds;
    }

    /** The current reward rates of feature map {@code channel}. */
    public StdpRates rewardRates(int channel) {
        Objects.checkIndex(channel, channels);
        return new StdpRates(rewardPlus[channel], rewardMinus[channel]);
    }

    /** The current punishment rates of feature map {@code channel}. */
    public StdpRates punishRates(int channel) {
        Objects.checkIndex(channel, channels);
        return new StdpRates(punishPlus[channel], punishMinus[channel]);
    }

    /** Whether the stabiliser is on. */
    public boolean stabiliser() {
        return stabiliser;
    }

    /** The base reward rates (package-private, for {@link LearningCodecs}). */
    StdpRates baseReward() {
        return baseReward;
    }

    /** The base punishment rates (package-private, for {@link LearningCodecs}). */
    StdpRates basePunish() {
        return basePunish;
    }

    /** Sets the base rates (used by {@link #scaleRates}) and the current rates of every map to them. */
    public void setBaseRates(StdpRates reward, StdpRates punish) {
        this.baseReward = Objects.requireNonNull(reward, "reward");
        this.basePunish = Objects.requireNonNull(punish, "punish");
        setRewardRates(reward);
        setPunishRates(punish);
    }

    /** Sets the current reward rates of every map (base rates unchanged). */
    public void setRewardRates(StdpRates rates) {
        Objects.requireNonNull(rates, "rates");
        for (int c = 0; c < channels; c++) {
            rewardPlus[c] = rates.aPlus();
            rewardMinus[c] = rates.aMinus();
        }
    }

    /** Sets the current punishment rates of every map (base rates unchanged). */
    public void setPunishRates(StdpRates rates) {
        Objects.requireNonNull(rates, "rates");
        for (int c = 0; c < channels; c++) {
            punishPlus[c] = rates.aPlus();
            punishMinus[c] = rates.aMinus();
        }
    }

    /** Sets the current reward rates of feature map {@code channel}. */
    public void setRewardRates(int channel, StdpRates rates) {
        Objects.checkIndex(channel, channels);
        rewardPlus[channel] = rates.aPlus();
        rewardMinus[channel] = rates.aMinus();
    }

    /** Sets the current punishment rates of feature map {@code channel}. */
    public void setPunishRates(int channel, StdpRates rates) {
        Objects.checkIndex(channel, channels);
        punishPlus[channel] = rates.aPlus();
        punishMinus[channel] = rates.aMinus();
    }

    /**
     * Per-batch adaptation (Mozafari 2019): current reward rates = base reward rates x
     * {@code rewardFactor}, punishment rates = base punishment rates x {@code punishFactor}, each product
     * in double rounded once to float. The paper uses the batch's miss rate and hit rate.
     *
     * @param rewardFactor finite, {@code >= 0}
     * @param punishFactor finite, {@code >= 0}
     */
    public void scaleRates(double rewardFactor, double punishFactor) {
        if (!(rewardFactor >= 0) || Double.isInfinite(rewardFactor)) {
            throw new IllegalArgumentException("rewardFactor must be finite and >= 0, got " + rewardFactor);
        }
        if (!(punishFactor >= 0) || Double.isInfinite(punishFactor)) {
            throw new IllegalArgumentException("punishFactor must be finite and >= 0, got " + punishFactor);
        }
        setRewardRates(baseReward.scaled(rewardFactor));
        setPunishRates(basePunish.scaled(punishFactor));
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
     * Applies STDP with the reward rates if {@code reward > 0}, with the punishment rates if
     * {@code reward < 0}, nothing if it is 0 (or NaN). Modifies {@code layer.weights()}.
     *
     * @throws IllegalArgumentException if the layer's channel count differs from {@link #channels()}
     */
    @Override
    public void afterSample(PlasticLayer layer, LayerState state, List<Winner> winners, float reward) {
        BinaryStdp.checkChannels(layer, channels);
        if (reward > 0f) {
            BinaryStdp.applyWinners(layer, state, winners, tracker.preSteps(state), rewardPlus, rewardMinus,
                    bounds, stabiliser, kernel);
        } else if (reward < 0f) {
            BinaryStdp.applyWinners(layer, state, winners, tracker.preSteps(state), punishPlus, punishMinus,
                    bounds, stabiliser, kernel);
        }
        tracker.endSample();
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return LearningCodecs.REWARD_MODULATED_STDP;
    }
}
