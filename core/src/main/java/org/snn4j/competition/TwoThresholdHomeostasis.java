package org.snn4j.competition;

import java.util.List;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;

/**
 * Two-threshold homeostasis (the scheme of the JavaScript vision demo of issue 6): a neuron that fires
 * and whose potential also reaches the higher learning threshold
 * {@code learningFactor * (firingThresholdMv + thresholdOffset[i])} raises its firing threshold:
 * {@code thresholdOffset[i] = min(thresholdOffset[i] + incrementMv, maxOffsetMv)}. Every neuron model
 * adds {@code thresholdOffset} to its threshold, so a neuron that keeps winning strongly gets harder to
 * fire and others get a chance. Optionally such neurons are appended to {@code winners} (the demo lets
 * only them learn).
 *
 * <p>The potential read is the layer's first state variable after the step: exact for
 * a fire-once {@link org.snn4j.neuron.PerfectIf} (the potential at the spike) and for models that do not
 * reset on a spike; a model that resets on a spike has already lost the peak, so use this with a
 * non-resetting model or the built-in modes. The offsets persist across presentations: this competition
 * declares them ({@link #keepsThresholdOffset()}), so the engine keeps them when it clears the neurons;
 * wrap it in {@link Competition#whileLearning} for homeostasis only while learning. Like Diehl &amp; Cook's
 * {@link ThresholdAdaptation}, it writes the one home of threshold offsets,
 * {@link org.snn4j.NeuronState#thresholdOffset()}. Immutable and thread-safe.
 *
 * @param firingThresholdMv the model's base firing threshold (mV), finite
 * @param learningFactor    learning threshold / firing threshold, {@code >= 1} (the demo: about 1.3)
 * @param incrementMv       threshold increase per learning event (mV), {@code >= 0}
 * @param maxOffsetMv       cap on the offset (mV), {@code >= 0}
 * @param selectWinners     whether neurons reaching the learning threshold are appended to the winners
 */
public record TwoThresholdHomeostasis(float firingThresholdMv, float learningFactor, float incrementMv,
                                      float maxOffsetMv, boolean selectWinners) implements Persistent, Competition {

    /** Checks the parameters. */
    public TwoThresholdHomeostasis {
        if (!Float.isFinite(firingThresholdMv)) {
            throw new IllegalArgumentException("firingThresholdMv must be finite, got " + firingThresholdMv);
        }
        if (!(learningFactor >= 1f) || !Float.isFinite(learningFactor)) {
            throw new IllegalArgumentException("learningFactor must be finite and >= 1, got " + learningFactor);
        }
        if (!(incrementMv >= 0f) || !Float.isFinite(incrementMv)) {
            throw new IllegalArgumentException("incrementMv must be finite and >= 0, got " + incrementMv);
        }
        if (!(maxOffsetMv >= 0f) || Float.isNaN(maxOffsetMv)) {
            throw new IllegalArgumentException("maxOffsetMv must be >= 0, got " + maxOffsetMv);
        }
    }

    /**
     * @param state   modified: {@code neurons().thresholdOffset()}
     * @param fired   not modified
     * @param winners modified if {@code selectWinners}
     */
    @Override
    public void apply(LayerState state, Spikes fired, StepContext ctx, List<Winner> winners) {
        int n = fired.count();
        if (n == 0) {
            return;
        }
        float[] v = Potentials.of(state, "TwoThresholdHomeostasis");
        float[] off = state.neurons().thresholdOffset();
        int[] idx = fired.indices();
        var shape = state.outputShape();
        for (int m = 0; m < n; m++) {
            int i = idx[m];
            if (v[i] >= learningFactor * (firingThresholdMv + off[i])) {
                off[i] = Math.min(off[i] + incrementMv, maxOffsetMv);
                if (selectWinners) {
                    winners.add(new Winner(i, shape.channelOf(i), shape.rowOf(i), shape.colOf(i), ctx.step(), v[i]));
                }
            }
        }
    }

    /** True: the threshold offsets it raises persist across presentations (it is never settled). */
    @Override
    public boolean keepsThresholdOffset() {
        return true;
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return CompetitionCodecs.TWO_THRESHOLD_HOMEOSTASIS;
    }
}
