package org.snn4j.learning;

import java.util.Arrays;
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
import org.snn4j.layer.SynapseKernel;

/**
 * Simplified window STDP with pre-synaptic reset, as in the event-driven JavaScript vision demo that
 * snn4j's issue 6 rebuilds. Applied online after every step ({@link #afterStep}).
 *
 * <p>When output neuron {@code j} fires at step {@code t} (every neuron in the layer's output spikes, or
 * only the winners selected at step {@code t}, see {@link Trigger}), every synapse {@code i -> j} of its
 * receptive field is updated:
 * <pre>
 *   eligible(i) = input i last fired at a step s with 0 &lt;= t - s &lt;= windowSteps
 *                 and (no pre-synaptic reset, or that spike s has not yet been used by an update)
 *   w &lt;- clamp(w + (eligible(i) ? aPlus : aMinus), lo, hi)
 * </pre>
 * Inputs that never fired, fired too long ago, or are padding get {@code aMinus} (typically negative).
 * The input spike step {@code s} is {@link LayerState#inputSpikeStep()} (the last spike).
 *
 * <p><b>Pre-synaptic reset.</b> With {@code presynapticReset}, an input whose spike {@code s} was eligible
 * in an update is excluded from later learning windows until it fires again (its step changes). The rule
 * keeps this bookkeeping itself (one {@code int} per input: the spike step already used), cleared when a
 * presentation starts ({@link #onPresentationStart}). Several output neurons firing in the same step all
 * see the inputs as they were before that step's updates (the marks are applied after the step), so the
 * result does not depend on their order.
 *
 * <p>Mutable; not thread-safe; one instance per layer.
 */
public final class WindowStdp implements Persistent, LearningRule {

    /** Which output neurons trigger an update at step {@code t}. */
    public enum Trigger {
        /** Every neuron in the layer's output spikes of the step (after competition). */
        FIRED,
        /** Only winners selected at this step ({@code winner.step() == t}). */
        WINNERS
    }

    /**
     * Parameters of {@link WindowStdp}.
     *
     * @param windowSteps      the learning window in steps, {@code >= 0} (0 = same step only)
     * @param rates            {@code aPlus} added to eligible synapses, {@code aMinus} to the others
     * @param bounds           weight interval
     * @param presynapticReset whether an input is used by at most one update per spike
     * @param trigger          which output neurons learn
     */
    public record Parameters(int windowSteps, StdpRates rates, WeightBounds bounds, boolean presynapticReset,
                             Trigger trigger) {
        /** Checks every field. */
        public Parameters {
            if (windowSteps < 0) {
                throw new IllegalArgumentException("windowSteps must be >= 0, got " + windowSteps);
            }
            Objects.requireNonNull(rates, "rates");
            Objects.requireNonNull(bounds, "bounds");
            Objects.requireNonNull(trigger, "trigger");
        }
    }

    private final Parameters p;
    private final Kernel kernel = new Kernel();
    private int[] used = new int[0];
    private int[] pending = new int[0];
    private boolean[] isPending = new boolean[0];
    private boolean active;

    /** A rule with parameters {@code p}. */
    public WindowStdp(Parameters p) {
        this.p = Objects.requireNonNull(p, "p");
        kernel.aPlus = p.rates().aPlus();
        kernel.aMinus = p.rates().aMinus();
        kernel.lo = p.bounds().lo();
        kernel.hi = p.bounds().hi();
        kernel.window = p.windowSteps();
        kernel.reset = p.presynapticReset();
    }

    /** The parameters. */
    public Parameters parameters() {
        return p;
    }

    /** Starts a presentation: clears the pre-synaptic reset marks. */
    @Override
    public void onPresentationStart(PlasticLayer layer, LayerState state, StepContext ctx) {
        start(state);
    }

    /** Ends the presentation. */
    @Override
    public void onPresentationEnd(PlasticLayer layer, LayerState state, List<Winner> winners, StepContext ctx) {
        active = false;
    }

    /** Ends the presentation (nothing to apply: the rule is online). */
    @Override
    public void afterSample(PlasticLayer layer, LayerState state, List<Winner> winners, float reward) {
        active = false;
    }

    private void start(LayerState state) {
        int nIn = state.inputShape().size();
        if (used.length != nIn) {
            used = new int[nIn];
            pending = new int[nIn];
            isPending = new boolean[nIn];
        }
        Arrays.fill(used, -1);
        active = true;
    }

    /** Updates the receptive fields of the neurons that fired at this step. Modifies the weights. */
    @Override
    public void afterStep(PlasticLayer layer, LayerState state, Spikes in, Spikes out, List<Winner> winners,
                          StepContext ctx) {
        int t = ctx.step();
        if (!active) {
            start(state); // driven by hand without onPresentationStart
        }
        kernel.t = t;
        kernel.preSteps = state.inputSpikeStep();
        kernel.used = used;
        kernel.pending = pending;
        kernel.isPending = isPending;
        kernel.pendingCount = 0;
        if (p.trigger() == Trigger.FIRED) {
            int n = out.count();
            int[] idx = out.indices();
            for (int k = 0; k < n; k++) {
                layer.updateReceptiveField(idx[k], state, kernel);
            }
        } else {
            int first = winners.size();
            while (first > 0 && winners.get(first - 1).step() == t) {
                first--;
            }
            for (int k = first; k < winners.size(); k++) {
                layer.updateReceptiveField(winners.get(k).neuron(), state, kernel);
            }
        }
        int[] preSteps = state.inputSpikeStep();
        for (int k = 0; k < kernel.pendingCount; k++) {
            int i = pending[k];
            used[i] = preSteps[i];
            isPending[i] = false;
        }
    }

    /** The per-synapse update. */
    private static final class Kernel implements SynapseKernel {
        int[] preSteps;
        int[] used;
        int[] pending;
        boolean[] isPending;
        int pendingCount;
        int t;
        int window;
        boolean reset;
        float aPlus;
        float aMinus;
        float lo;
        float hi;

        @Override
        public float newWeight(float w, int i, int j) {
            boolean eligible = false;
            if (i >= 0) {
                int s = preSteps[i];
                eligible = s >= 0 && s <= t && t - s <= window && (!reset || used[i] != s);
                if (eligible && reset && !isPending[i]) {
                    isPending[i] = true;
                    pending[pendingCount++] = i;
                }
            }
            float nw = w + (eligible ? aPlus : aMinus);
            return nw < lo ? lo : (nw > hi ? hi : nw);
        }
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return LearningCodecs.WINDOW_STDP;
    }
}
