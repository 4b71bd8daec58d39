package org.snn4j.competition;

import java.util.List;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;

/**
 * Adaptive thresholds, snn4j's one implementation of spike-triggered homeostasis (there is no neuron wrapper for
 * it: any neuron model compares with its threshold plus the offset), as homeostasis of a layer (Diehl &amp; Cook 2015, doi:10.3389/fncom.2015.00099): every
 * spike of neuron {@code j} raises its threshold offset ({@link NeuronState#thresholdOffset()}, which every
 * neuron model adds to its threshold), {@code theta_j += thetaPlus}, from the next step on; the offsets decay as
 * {@code tauTheta dtheta/dt = -theta}, applied once at the end of each presentation over the time it ran plus
 * the rest that follows it: {@code theta *= (float) exp(-(stepsRun * dt + restMs) / tauThetaMs)} (with
 * Diehl &amp; Cook's 1e7 ms the decay over one presentation is 5e-5 of theta, so where it is applied does not
 * matter). No spike is removed and no winner is selected.
 *
 * <p>The offsets persist across presentations ({@link #keepsThresholdOffset()}). Diehl &amp; Cook adapt only
 * while training: wrap it as {@code Competition.whileLearning(new ThresholdAdaptation(...))}, and the offsets
 * stay fixed in presentations without learning, so evaluation gives the same result in any order. To evaluate
 * on other simulations, copy the trained offsets into their layer state.
 *
 * <p>Immutable and thread-safe (the offsets are in the {@link LayerState}).
 *
 * @param thetaPlus  offset increase per spike, mV, finite, &gt;= 0 (Diehl &amp; Cook: 0.05)
 * @param tauThetaMs decay time constant, ms, finite, &gt; 0 (Diehl &amp; Cook: 1e7)
 * @param restMs     rest after each presentation over which the offsets also decay, ms, finite, &gt;= 0
 *                   (Diehl &amp; Cook: 150)
 */
public record ThresholdAdaptation(float thetaPlus, float tauThetaMs, float restMs) implements Persistent, Competition {

    /** Checks the parameters. */
    public ThresholdAdaptation {
        if (!(thetaPlus >= 0f) || Float.isInfinite(thetaPlus)) {
            throw new IllegalArgumentException("thetaPlus must be finite and >= 0, got " + thetaPlus);
        }
        if (!(tauThetaMs > 0f) || Float.isInfinite(tauThetaMs)) {
            throw new IllegalArgumentException("tauThetaMs must be finite and > 0, got " + tauThetaMs);
        }
        if (!(restMs >= 0f) || Float.isInfinite(restMs)) {
            throw new IllegalArgumentException("restMs must be finite and >= 0, got " + restMs);
        }
    }

    /**
     * Raises the offsets of the neurons that fired.
     *
     * @param state   modified: {@code neurons().thresholdOffset()}
     * @param fired   not modified
     * @param winners not modified
     */
    @Override
    public void apply(LayerState state, Spikes fired, StepContext ctx, List<Winner> winners) {
        int n = fired.count();
        if (n == 0) {
            return;
        }
        float[] off = offsets(state);
        int[] idx = fired.indices();
        float plus = thetaPlus;
        for (int k = 0; k < n; k++) {
            off[idx[k]] += plus;
        }
    }

    /**
     * Decays every offset over the steps run ({@code ctx.step() + 1}) and the rest.
     *
     * @param state modified: {@code neurons().thresholdOffset()}
     */
    @Override
    public void onPresentationEnd(LayerState state, StepContext ctx, List<Winner> winners) {
        float[] off = offsets(state);
        float presentedMs = (ctx.step() + 1) * ctx.dtMs();
        float f = (float) Math.exp(-(presentedMs + restMs) / tauThetaMs);
        for (int j = 0; j < off.length; j++) {
            off[j] *= f;
        }
    }

    /** True: the offsets this competition writes persist across presentations. */
    @Override
    public boolean keepsThresholdOffset() {
        return true;
    }

    private static float[] offsets(LayerState state) {
        NeuronState ns = state.neurons();
        if (ns == null) {
            throw new IllegalArgumentException("ThresholdAdaptation needs a layer with neurons, got output "
                    + state.outputShape() + " without");
        }
        return ns.thresholdOffset();
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return CompetitionCodecs.THRESHOLD_ADAPTATION;
    }
}
