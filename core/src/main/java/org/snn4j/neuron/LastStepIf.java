package org.snn4j.neuron;

import java.util.Arrays;
import java.util.List;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.internal.Checks;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;

/**
 * Perfect integration with no spikes during a presentation; at its last step every neuron whose potential is
 * strictly above {@code threshold + thresholdOffset[i]} fires once, its final potential kept
 * ({@link #lastStep}). A competition such as {@code KWinnersTakeAll(1, 0)} then picks the winner and a
 * winner-based learning rule pairs it with the inputs: the decision layer of Mozafari et al. 2019
 * (doi:10.1016/j.patcog.2019.05.015), threshold 0 for SpykeTorch's {@code sf.fire(pot)} with no threshold.
 * {@code Conv2dLayer} and {@code DenseLayer} run it in their own fused loops; every other layer runs it as a
 * model and calls {@link #lastStep} at the last step.
 *
 * <p>State: {@link #V} (mV). Immutable; thread-safe.
 */
public final class LastStepIf implements Persistent, NeuronModel {
    /** Membrane potential, mV. */
    public static final StateVar V = new StateVar("v", "mV");

    private final float threshold;

    /**
     * A last-step integrate-and-fire population model.
     *
     * @param thresholdMv the last-step threshold in mV, finite (a neuron fires when {@code v > threshold})
     */
    public LastStepIf(float thresholdMv) {
        this.threshold = Checks.finite("threshold", thresholdMv);
    }

    /** The last-step threshold, mV. */
    public float threshold() {
        return threshold;
    }

    @Override
    public List<StateVar> stateVariables() {
        return List.of(V);
    }

    /** Sets {@code V = 0} and {@code lastUpdateStep = -1}. */
    @Override
    public void initialise(NeuronState s) {
        Arrays.fill(s.get(V), 0f);
        Arrays.fill(s.lastUpdateStep(), -1);
    }

    /** True: the spikes depend on the input and the parameters only. */
    @Override
    public boolean replayable() {
        return true;
    }

    @Override
    public boolean closedForm() {
        return true;
    }

    /**
     * Adds the input (and the current times {@code dt}) to every neuron; no spikes before the last step.
     *
     * @param s       modified: {@code V}, {@code lastUpdateStep}
     * @param input   synaptic jumps, mV; not modified
     * @param current external current, mV/ms, or null; not modified
     * @param out     not modified
     */
    @Override
    public void step(NeuronState s, float[] input, float[] current, float dtMs, int t, Spikes out) {
        Integrator.integrate(s.get(V), s.lastUpdateStep(), s.size(), input, current, dtMs, t);
    }

    /** Adds the input of the touched neurons; identical to {@link #step} with no current. */
    @Override
    public void stepTouched(NeuronState s, float[] input, int[] touched, int count, float dtMs, int t,
                            Spikes out) {
        Integrator.integrateTouched(s.get(V), s.lastUpdateStep(), input, touched, count, t);
    }

    /**
     * Every neuron with {@code v > threshold + thresholdOffset[i]} fires now, in index order.
     *
     * @param s   modified: {@code lastSpikeStep}
     * @param out modified: the neurons that fire are added
     */
    @Override
    public void lastStep(NeuronState s, int t, Spikes out) {
        final float[] v = s.get(V);
        final float[] off = s.thresholdOffset();
        final int[] last = s.lastSpikeStep();
        final int n = s.size();
        for (int i = 0; i < n; i++) {
            if (v[i] > threshold + off[i]) {
                last[i] = t;
                out.add(i);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LastStepIf other && Float.floatToIntBits(other.threshold) == Float.floatToIntBits(threshold);
    }

    @Override
    public int hashCode() {
        return Float.hashCode(threshold);
    }

    @Override
    public String toString() {
        return "LastStepIf[threshold=" + threshold + "]";
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return NeuronCodecs.LAST_STEP_IF;
    }
}
