package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.snn4j.Spikes;
import org.snn4j.layer.LayerState;

/**
 * RewardModulatedStdp pairs a winner with each input's <em>first</em> spike of the presentation (recorded
 * step by step), not the last one the layer state keeps: an input that fires before and after the winner is
 * causal. Also: the record of one presentation does not leak into the next.
 */
class RewardModulatedStdpFirstSpikeTest {

    private static RewardModulatedStdp rule() {
        return new RewardModulatedStdp(1, new StdpRates(0.05f, -0.03f), new StdpRates(-0.04f, 0.01f),
                new WeightBounds(0f, 1f), false);
    }

    /** Input 0 fires at steps 0 and 4, input 1 at step 4 only; the output wins at step 2. */
    private static ToyDenseLayer present(RewardModulatedStdp rule, ToyDenseLayer layer, LayerState state,
                                         float reward) {
        Spikes[] in = Drive.none(2, 6);
        Spikes[] out = Drive.none(1, 6);
        in[0].add(0);
        in[4].add(0);
        in[4].add(1);
        out[2].add(0);
        Drive.present(rule, layer, state, in, out, reward, 1f);
        return layer;
    }

    @Test
    void anInputFiringBeforeAndAfterTheWinnerIsCausal() {
        ToyDenseLayer l = new ToyDenseLayer(2, 1);
        java.util.Arrays.fill(l.w, 0.5f);
        present(rule(), l, l.newState(), 1f);
        assertThat(l.w[0]).isEqualTo(0.5f + 0.05f);
        assertThat(l.w[1]).isEqualTo(0.5f - 0.03f);
        ToyDenseLayer p = new ToyDenseLayer(2, 1);
        java.util.Arrays.fill(p.w, 0.5f);
        present(rule(), p, p.newState(), -1f);
        assertThat(p.w[0]).isEqualTo(0.5f - 0.04f);
        assertThat(p.w[1]).isEqualTo(0.5f + 0.01f);
    }

    @Test
    void aSecondPresentationDoesNotSeeTheFirstOnesSpikes() {
        RewardModulatedStdp r = rule();
        ToyDenseLayer l = new ToyDenseLayer(2, 1);
        java.util.Arrays.fill(l.w, 0.5f);
        LayerState state = l.newState();
        // presentation 1: both inputs fire at step 0 (reward 0: no change, but first spikes recorded)
        Spikes[] in = Drive.none(2, 6);
        Spikes[] out = Drive.none(1, 6);
        in[0].add(0);
        in[0].add(1);
        out[5].add(0);
        Drive.present(r, l, state, in, out, 0f, 1f);
        assertThat(l.w).containsExactly(0.5f, 0.5f);
        // presentation 2: input 1 now fires only after the winner, so it must be depressed
        present(r, l, state, 1f);
        assertThat(l.w[0]).isEqualTo(0.5f + 0.05f);
        assertThat(l.w[1]).isEqualTo(0.5f - 0.03f);
    }
}
