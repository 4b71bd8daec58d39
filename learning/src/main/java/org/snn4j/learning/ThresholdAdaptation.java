package org.snn4j.learning;

import java.util.List;
import java.util.Objects;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.competition.Winner;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.LearningRule;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.layer.StepContext;

/**
 * Adaptive thresholds learned while training (the homeostasis of Diehl &amp; Cook 2015,
 * doi:10.3389/fncom.2015.00099): every spike of neuron {@code j} in a learning presentation raises its threshold
 * offset ({@link NeuronState#thresholdOffset()}, which every neuron model adds to its threshold),
 * {@code theta_j += thetaPlus}, from the next step on; the offsets decay as
 * {@code tauTheta dtheta/dt = -theta}, applied once at the end of each learning presentation over the time it
 * lasted plus the rest that follows: {@code theta *= (float) exp(-(steps * dt + restMs) / tauThetaMs)} (with
 * Diehl &amp; Cook's 1e7 ms the decay over one presentation is 5e-5 of theta, so where it is applied does not
 * matter).
 *
 * <p>The offsets persist across presentations ({@link #keepsThresholdOffset()}), and only learning writes them:
 * in presentations without learning they stay fixed, so evaluation gives the same result in any order. To
 * evaluate on other simulations, copy the trained offsets into their layer state.
 *
 * <p>Use it on its own or after a weight rule ({@code stdp.andThen(thresholds)}). Mutable (the duration of the
 * current presentation); one instance per layer; not thread-safe.
 *
 * @see org.snn4j.neuron.AdaptiveThreshold the same homeostasis as a neuron model wrapper, active in every
 *      presentation and decaying every step
 */
public final class ThresholdAdaptation implements LearningRule {
    private final float thetaPlus;
    private final float tauThetaMs;
    private final float restMs;
    private float presentedMs;

    /**
     * @param thetaPlus  offset increase per spike, mV, finite, &gt;= 0 (Diehl &amp; Cook: 0.05)
     * @param tauThetaMs decay time constant, ms, finite, &gt; 0 (Diehl &amp; Cook: 1e7)
     * @param restMs     rest after each presentation over which the offsets also decay, ms, finite, &gt;= 0
     *                   (Diehl &amp; Cook: 150)
     */
    public ThresholdAdaptation(float thetaPlus, float tauThetaMs, float restMs) {
        if (!(thetaPlus >= 0f) || Float.isInfinite(thetaPlus)) {
            throw new IllegalArgumentException("thetaPlus must be finite and >= 0, got " + thetaPlus);
        }
        if (!(tauThetaMs > 0f) || Float.isInfinite(tauThetaMs)) {
            throw new IllegalArgumentException("tauThetaMs must be finite and > 0, got " + tauThetaMs);
        }
        if (!(restMs >= 0f) || Float.isInfinite(restMs)) {
            throw new IllegalArgumentException("restMs must be finite and >= 0, got " + restMs);
        }
        this.thetaPlus = thetaPlus;
        this.tauThetaMs = tauThetaMs;
        this.restMs = restMs;
    }

    /** Offset increase per spike, mV. */
    public float thetaPlus() {
        return thetaPlus;
    }

    /** Decay time constant, ms. */
    public float tauThetaMs() {
        return tauThetaMs;
    }

    /** Rest after each presentation, ms. */
    public float restMs() {
        return restMs;
    }

    /**
     * Raises the offsets of the neurons in {@code out}.
     *
     * @param state modified: {@code neurons().thresholdOffset()}
     */
    @Override
    public void afterStep(PlasticLayer layer, LayerState state, Spikes in, Spikes out, List<Winner> winners,
                          StepContext ctx) {
        presentedMs = ctx.steps() * ctx.dtMs();
        int n = out.count();
        if (n == 0) {
            return;
        }
        float[] off = offsets(state);
        int[] idx = out.indices();
        float plus = thetaPlus;
        for (int k = 0; k < n; k++) {
            off[idx[k]] += plus;
        }
    }

    /**
     * Decays every offset over the presentation and the rest.
     *
     * @param state modified: {@code neurons().thresholdOffset()}
     */
    @Override
    public void afterSample(PlasticLayer layer, LayerState state, List<Winner> winners, float reward) {
        float[] off = offsets(state);
        float f = (float) Math.exp(-(presentedMs + restMs) / tauThetaMs);
        for (int j = 0; j < off.length; j++) {
            off[j] *= f;
        }
    }

    /** True: the offsets this rule writes persist across presentations. */
    @Override
    public boolean keepsThresholdOffset() {
        return true;
    }

    private static float[] offsets(LayerState state) {
        NeuronState ns = Objects.requireNonNull(state, "state").neurons();
        if (ns == null) {
            throw new IllegalArgumentException("ThresholdAdaptation needs a layer with neurons, got output "
                    + state.outputShape() + " without");
        }
        return ns.thresholdOffset();
    }

    @Override
    public String toString() {
        return "ThresholdAdaptation[thetaPlus=" + thetaPlus + ", tauThetaMs=" + tauThetaMs + ", restMs=" + restMs
                + "]";
    }
}
