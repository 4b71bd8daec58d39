package org.snn4j.neuron;

import java.util.List;
import java.util.Objects;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.internal.Checks;
import org.snn4j.internal.DecayTable;

/**
 * Adaptive threshold (homeostasis) around any neuron model, as in Diehl &amp; Cook 2015,
 * DOI 10.3389/fncom.2015.00099: each neuron's threshold offset {@code theta_i}
 * ({@link NeuronState#thresholdOffset()}, which every model adds to its threshold) rises by
 * {@code thetaPlus} on each of its spikes and decays back to 0 with time constant {@code tauThetaMs}:
 * <pre>  tauTheta dtheta/dt = -theta,   spike  =&gt;  theta += thetaPlus</pre>
 * Per step the offset first decays by {@code e^{-dt/tauTheta}}, then the inner model steps (and compares
 * with its threshold plus the decayed offset), then the neurons that fired get {@code +thetaPlus}.
 *
 * <p>If the inner model is closed-form, so is this one: the offset of a touched neuron decays over all
 * the steps since its last update, {@code theta <- theta e^{-n dt/tauTheta}}, before the inner lazy step.
 * Caveat: the lazy path tests the threshold only when a neuron is touched, so it misses a spike that the
 * clock path would fire when the offset decays below a potential that already exceeds the base threshold
 * with no new input (a neuron held between {@code vThreshold} and {@code vThreshold + theta}); with the
 * usual small {@code thetaPlus} and leaky neurons this is rare, but the two paths are not bit-identical.
 *
 * <p>By default the offsets persist across presentations (as in Diehl &amp; Cook, whose {@code tauTheta}
 * is 1e7 ms): see {@link #keepsThresholdOffset()}. Immutable; thread-safe.
 */
public final class AdaptiveThreshold implements NeuronModel {
    private final NeuronModel inner;
    private final float thetaPlus;
    private final float tauThetaMs;
    private final boolean persistent;
    private final DecayTable.Cache table;

    /**
     * Offsets that persist across presentations.
     *
     * @param inner      the wrapped model
     * @param thetaPlus  increase of the offset per spike, mV, >= 0 (Diehl &amp; Cook: 0.05 mV)
     * @param tauThetaMs decay time constant of the offset, ms, > 0 (Diehl &amp; Cook: 1e7 ms)
     */
    public AdaptiveThreshold(NeuronModel inner, float thetaPlus, float tauThetaMs) {
        this(inner, thetaPlus, tauThetaMs, true);
    }

    /**
     * @param persistent whether the offsets are kept from one presentation to the next (true) or reset to
     *                   zero with the rest of the state (false)
     */
    public AdaptiveThreshold(NeuronModel inner, float thetaPlus, float tauThetaMs, boolean persistent) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.thetaPlus = Checks.nonNegative("thetaPlus", thetaPlus);
        this.tauThetaMs = Checks.positive("tauThetaMs", tauThetaMs);
        this.table = new DecayTable.Cache(tauThetaMs);
        this.persistent = persistent;
    }

    /** The wrapped model. */
    public NeuronModel inner() {
        return inner;
    }

    /** Offset increase per spike, mV. */
    public float thetaPlus() {
        return thetaPlus;
    }

    /** Offset decay time constant, ms. */
    public float tauThetaMs() {
        return tauThetaMs;
    }

    @Override
    public List<StateVar> stateVariables() {
        return inner.stateVariables();
    }

    @Override
    public void initialise(NeuronState s) {
        inner.initialise(s);
    }

    @Override
    public boolean keepsThresholdOffset() {
        return persistent;
    }

    @Override
    public boolean closedForm() {
        return inner.closedForm();
    }

    /**
     * Decays every offset by one step, steps the inner model, raises the offsets of the neurons that fired.
     *
     * @param s   modified: the inner model's state and {@code thresholdOffset}
     * @param out modified: neurons that fire are added
     */
    @Override
    public void step(NeuronState s, float[] input, float[] current, float dtMs, int t, Spikes out) {
        final float[] off = s.thresholdOffset();
        final float d = table.forStep(dtMs).one();
        final int n = s.size();
        for (int i = 0; i < n; i++) {
            off[i] *= d;
        }
        int before = out.count();
        inner.step(s, input, current, dtMs, t, out);
        raise(off, out, before);
    }

    private void raise(float[] off, Spikes out, int from) {
        final int[] idx = out.indices();
        final int end = out.count();
        final float plus = thetaPlus;
        for (int k = from; k < end; k++) {
            off[idx[k]] += plus;
        }
    }

    /**
     * Decays the offsets of the touched neurons since their last update, steps the inner model lazily,
     * raises the offsets of the neurons that fired (see the class javadoc for the caveat).
     */
    @Override
    public void stepTouched(NeuronState s, float[] input, int[] touched, int count, float dtMs, int t,
                            Spikes out) {
        final float[] off = s.thresholdOffset();
        final int[] lastUpdate = s.lastUpdateStep();
        final DecayTable tab = table.forStep(dtMs);
        for (int k = 0; k < count; k++) {
            int i = touched[k];
            off[i] *= tab.pow(t - lastUpdate[i]);
        }
        int before = out.count();
        inner.stepTouched(s, input, touched, count, dtMs, t, out);
        raise(off, out, before);
    }

    @Override
    public void advanceTo(NeuronState s, float dtMs, int t) {
        if (!inner.closedForm()) {
            return;
        }
        final float[] off = s.thresholdOffset();
        final int[] lastUpdate = s.lastUpdateStep();
        final DecayTable tab = table.forStep(dtMs);
        final int n = s.size();
        for (int i = 0; i < n; i++) {
            if (lastUpdate[i] < t) {
                off[i] *= tab.pow(t - lastUpdate[i]);
            }
        }
        inner.advanceTo(s, dtMs, t);
        // the offsets now hold at t even where the inner model keeps no time (a perfect IF neuron has nothing to
        // advance): without this a second call, or the next lazy step, would decay them again
        for (int i = 0; i < n; i++) {
            if (lastUpdate[i] < t) {
                lastUpdate[i] = t;
            }
        }
    }

    @Override
    public String toString() {
        return "AdaptiveThreshold[thetaPlus=" + thetaPlus + ", tauThetaMs=" + tauThetaMs + ", persistent="
                + persistent + "] of " + inner;
    }
}
