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
 * k-winners-take-all with an inhibition radius, with the semantics of SpykeTorch's
 * {@code sf.get_k_winners} (Kheradpisheh et al. 2018, doi:10.1016/j.neunet.2017.12.005; Mozafari et al.
 * 2019, doi:10.1016/j.patcog.2019.05.015): winners are chosen greedily in order of earliest spike, then
 * highest potential at that spike, then lowest flat index; a winner excludes its whole feature map and,
 * if {@code radius > 0}, every neuron of every map within the square {@code |dy| <= radius, |dx| <= radius}
 * around it; at most {@code k} winners per presentation.
 *
 * <p>Selection happens step by step as spikes arrive: winners of earlier steps are in {@code winners}
 * already (the list is per layer and presentation), so the result equals the global greedy order.
 * A candidate is excluded when a winner of this presentation is in its feature map or within
 * {@code radius} of its position (checked against the at most {@code k} winners, so nothing is marked or
 * cleared per presentation): each step costs O(k x k x spikes) cheap tests. By default winners are for learning only and no spike is removed; with
 * {@code removeLosers} every spike of this step that is not a winner's is removed.
 *
 * <p>Potentials are the layer's first state variable at the neurons that fired in this step. Immutable
 * and thread-safe.
 *
 * @param k            maximum number of winners per presentation, >= 1
 * @param radius       inhibition radius in positions, >= 0 (0: only the feature map is excluded)
 * @param removeLosers whether spikes of non-winners are removed
 */
public record KWinnersTakeAll(int k, int radius, boolean removeLosers) implements Persistent, Competition {

    /** Checks {@code k >= 1} and {@code radius >= 0}. */
    public KWinnersTakeAll {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (radius < 0) {
            throw new IllegalArgumentException("radius must be >= 0, got " + radius);
        }
    }

    /** Winners for learning only (no spike removed). */
    public KWinnersTakeAll(int k, int radius) {
        this(k, radius, false);
    }

    /**
     * Appends this step's winners to {@code winners}.
     *
     * @param state   modified: {@code inhibitedUntil} with {@code removeLosers}
     * @param fired   not modified unless {@code removeLosers}
     * @param winners modified: winners appended
     */
    @Override
    public void apply(LayerState state, Spikes fired, StepContext ctx, List<Winner> winners) {
        int n = fired.count();
        if (n == 0) {
            return;
        }
        Potentials.check(state, "KWinnersTakeAll");
        Shape shape = state.outputShape();
        int map = shape.mapSize();
        int width = shape.width();
        int t = ctx.step();
        int[] idx = fired.indices();
        while (winners.size() < k) {
            int best = -1;
            float bestV = 0f;
            for (int m = 0; m < n; m++) {
                int i = idx[m];
                float vi = state.potential(i);
                // the exclusion test only for a candidate that would be the best so far
                if (best >= 0 && !(vi > bestV || vi == bestV && i < best) || excluded(i, map, width, winners)) {
                    continue;
                }
                best = i;
                bestV = vi;
            }
            if (best < 0) {
                break;
            }
            int c = best / map;
            int r = best - c * map;
            int y = r / width;
            int x = r - y * width;
            winners.add(new Winner(best, c, y, x, t, bestV));
        }
        if (removeLosers) {
            int[] inh = state.inhibitedUntil();
            for (int m = 0; m < n; m++) {
                int i = idx[m];
                if (!isWinner(i, winners) && inh[i] <= t) {
                    inh[i] = t + 1;
                }
            }
            fired.removeInhibited(inh, t);
        }
    }

    /**
     * Whether neuron {@code i} may no longer win: a winner of this presentation is in its feature map or, if
     * radius &gt; 0, within the inhibition square around it (in any map). Checked against the winners (at most
     * {@code k}), so nothing is marked or cleared per presentation.
     */
    private boolean excluded(int i, int map, int width, List<Winner> winners) {
        int size = winners.size();
        if (size == 0) {
            return false;
        }
        int c = i / map;
        int r = i - c * map;
        int y = r / width;
        int x = r - y * width;
        for (int j = 0; j < size; j++) {
            Winner w = winners.get(j);
            if (w.channel() == c || radius > 0 && Math.abs(w.row() - y) <= radius && Math.abs(w.col() - x) <= radius) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWinner(int i, List<Winner> winners) {
        int size = winners.size();
        for (int j = 0; j < size; j++) {
            if (winners.get(j).neuron() == i) {
                return true;
            }
        }
        return false;
    }

    /**
     * Settled once no further winner can be selected: {@code k} winners, or one in every feature map
     * (a winner excludes its map). Later steps could only remove losing spikes of this presentation.
     */
    @Override
    public boolean settled(LayerState state, StepContext ctx, List<Winner> winners) {
        int size = winners.size();
        return size >= k || size >= state.outputShape().channels();
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return CompetitionCodecs.K_WINNERS_TAKE_ALL;
    }
}
