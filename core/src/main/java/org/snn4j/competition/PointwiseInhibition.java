package org.snn4j.competition;

import java.util.List;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;

/**
 * Pointwise (columnar) inhibition across feature maps: at each position {@code (y, x)} only one feature
 * may fire in a presentation, the one that fires earliest; among features that first fire in the same
 * step, the one with the highest potential (ties: the lowest channel). The others' spikes are removed and
 * they are barred from firing for the rest of the presentation. This is SpykeTorch's
 * {@code sf.pointwise_inhibition} on thresholded potentials (Mozafari et al. 2019,
 * doi:10.1016/j.patcog.2019.05.015), computed step by step as spikes arrive.
 *
 * <h2>How inhibition persists</h2>
 * When a position is decided, every other feature at that position gets
 * {@code state.inhibitedUntil()[i] = Integer.MAX_VALUE}; their later spikes are removed here (and
 * {@link org.snn4j.layer.Conv2dLayer} does not even fire them). The winner is not marked, so a model
 * that fires repeatedly keeps firing at that position. Cost: one scan of the {@code C} features per
 * decided position per presentation, plus O(spikes) per step.
 *
 * <p>Potentials are the layer's first state variable, read for the neurons that fired in this step
 * (with a fire-once {@link org.snn4j.neuron.PerfectIf}, the potential at the spike). Stateless and
 * thread-safe (all state is in the {@link LayerState}).
 */
public final class PointwiseInhibition implements Persistent, Competition {

    /** Creates the (parameterless) competition. */
    public PointwiseInhibition() {
    }

    /**
     * Removes the spikes of features that lose or lost at their position; marks the losers inhibited.
     * Appends no winners.
     *
     * @param state   modified: {@code inhibitedUntil}
     * @param fired   modified: losing spikes removed
     * @param winners not modified
     */
    @Override
    public void apply(LayerState state, Spikes fired, StepContext ctx, List<Winner> winners) {
        if (fired.isEmpty()) {
            return;
        }
        float[] v = Potentials.of(state, "PointwiseInhibition");
        Shape shape = state.outputShape();
        int channels = shape.channels();
        int map = shape.mapSize();
        int[] inh = state.inhibitedUntil();
        int t = ctx.step();
        boolean[] isFired = fired.fired();
        fired.removeInhibited(inh, t);
        int n = fired.count();
        int[] idx = fired.indices();
        for (int k = 0; k < n; k++) {
            int i = idx[k];
            if (t < inh[i]) {
                continue; // already lost at its position in this step
            }
            int p = i % map;
            int best = -1;
            for (int c = 0; c < channels; c++) {
                int j = c * map + p;
                if (isFired[j] && t >= inh[j] && (best < 0 || v[j] > v[best])) {
                    best = j;
                }
            }
            for (int c = 0; c < channels; c++) {
                int j = c * map + p;
                if (j != best) {
                    inh[j] = Integer.MAX_VALUE;
                }
            }
        }
        fired.removeInhibited(inh, t);
    }

    @Override
    public String toString() {
        return "PointwiseInhibition";
    }

    /** Always settled: it selects no winners and writes nothing that outlives the presentation. */
    @Override
    public boolean settled(LayerState state, StepContext ctx, List<Winner> winners) {
        return true;
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return CompetitionCodecs.POINTWISE_INHIBITION;
    }
}
