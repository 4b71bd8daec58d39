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
 * Winner-take-all by lateral inhibition, for layers whose potentials live in their
 * {@link NeuronState} (a {@link org.snn4j.layer.DenseLayer}, or a conv layer, which then runs its neuron
 * model unfused): at most one output spike per step. When neurons fire, the
 * winner is the one with the highest potential after the step (ties: lowest index; with a model that
 * resets on a spike every fired neuron holds its reset value, so the lowest index wins); the other
 * spikes of the step are removed, every other neuron's potential is set to {@code resetMv} (and its
 * {@code lastUpdateStep} to this step, so lazy models continue from the reset), and the winner may not
 * fire again for {@code refractorySteps} steps ({@code inhibitedUntil = t + 1 + refractorySteps}),
 * in addition to any refractory period of its model. The winner is appended to {@code winners}.
 *
 * <p>Cost: O(neurons) per step in which something fires. Immutable and thread-safe.
 *
 * @param resetMv         potential the losers are set to (mV), finite
 * @param refractorySteps steps after the spike during which the winner cannot fire, >= 0
 */
public record WinnerTakeAll(float resetMv, int refractorySteps) implements Persistent, Competition {

    /** Checks the parameters. */
    public WinnerTakeAll {
        if (!Float.isFinite(resetMv)) {
            throw new IllegalArgumentException("resetMv must be finite, got " + resetMv);
        }
        if (refractorySteps < 0) {
            throw new IllegalArgumentException("refractorySteps must be >= 0, got " + refractorySteps);
        }
    }

    /**
     * @param state   modified: potentials, {@code lastUpdateStep}, {@code inhibitedUntil}
     * @param fired   modified: at most one spike is left
     * @param winners modified: the winner of this step, if any, is appended
     */
    @Override
    public void apply(LayerState state, Spikes fired, StepContext ctx, List<Winner> winners) {
        int t = ctx.step();
        int[] inh = state.inhibitedUntil();
        fired.removeInhibited(inh, t);
        int n = fired.count();
        if (n == 0) {
            return;
        }
        float[] v = Potentials.of(state, "WinnerTakeAll");
        int[] idx = fired.indices();
        int best = idx[0];
        for (int m = 1; m < n; m++) {
            int i = idx[m];
            if (v[i] > v[best] || v[i] == v[best] && i < best) {
                best = i;
            }
        }
        for (int m = 0; m < n; m++) {
            int i = idx[m];
            if (i != best && inh[i] <= t) {
                inh[i] = t + 1;
            }
        }
        fired.removeInhibited(inh, t);
        NeuronState ns = state.neurons();
        int[] upd = ns.lastUpdateStep();
        int size = ns.size();
        float reset = resetMv;
        for (int i = 0; i < size; i++) {
            if (i != best) {
                v[i] = reset;
                upd[i] = t;
            }
        }
        inh[best] = t + 1 + refractorySteps;
        var shape = state.outputShape();
        winners.add(new Winner(best, shape.channelOf(best), shape.rowOf(best), shape.colOf(best), t, v[best]));
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return CompetitionCodecs.WINNER_TAKE_ALL;
    }
}
