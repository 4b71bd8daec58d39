package org.snn4j.examples.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.snn4j.Winner;
import org.snn4j.layer.LayerState;
import org.snn4j.learning.RewardModulatedStdp;
import org.snn4j.learning.StdpRates;
import org.snn4j.learning.WeightBounds;

class DecisionConvTest {

    private static DecisionConv random(SplittableRandom r, boolean dyadic) {
        DecisionConv d = new DecisionConv(1 + r.nextInt(6), 1 + r.nextInt(5), 1 + r.nextInt(5), 2, 5, 1 + r.nextInt(8));
        float[] w = new float[d.weightCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = dyadic ? (16 + r.nextInt(33)) / 64f : 0.25f + 0.5f * (float) r.nextDouble();
        }
        d.setWeightsOIHW(w);
        return d;
    }

    private static boolean[] active(SplittableRandom r, int n) {
        boolean[] a = new boolean[n];
        double p = r.nextDouble();
        for (int i = 0; i < n; i++) {
            a[i] = r.nextDouble() < p;
        }
        return a;
    }

    /** With exact (dyadic) weights the fast path equals the direct sum exactly, whichever way it sums. */
    @Property(tries = 300, seed = "11")
    void decideEqualsDirectSum(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DecisionConv d = random(r, true);
        DecisionConv.Work ws = d.newWork();
        float[] ref = new float[d.outputSize()];
        for (int rep = 0; rep < 5; rep++) {
            boolean[] a = active(r, d.inputSize());
            int expected = d.decideDirect(a, ref);
            assertThat(d.decide(a, ws)).isEqualTo(expected);
            assertThat(ws.potentials()).containsExactly(ref);
            if (expected >= 0) {
                // learning through the library rule, then weightsChanged, keeps the totals consistent
                learn(d, a, expected, r.nextBoolean() ? 1 : -1);
            }
        }
    }

    /** With arbitrary weights the two summation orders agree up to float rounding. */
    @Property(tries = 100, seed = "12")
    void potentialsAgreeWithinRounding(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DecisionConv d = random(r, false);
        DecisionConv.Work ws = d.newWork();
        float[] ref = new float[d.outputSize()];
        boolean[] a = active(r, d.inputSize());
        d.decideDirect(a, ref);
        d.decide(a, ws);
        for (int i = 0; i < ref.length; i++) {
            assertThat(ws.potentials()[i]).isCloseTo(ref[i], within(1e-4f * (1 + Math.abs(ref[i]))));
        }
    }

    @Test
    void silentWhenNoInputFires() {
        DecisionConv d = random(new SplittableRandom(3), false);
        assertThat(d.decide(new boolean[d.inputSize()], d.newWork())).isEqualTo(-1);
    }

    /** The library's R-STDP with dyadic rates and bounds, so sums stay exact. */
    private static void learn(DecisionConv d, boolean[] active, int winner, float reward) {
        RewardModulatedStdp rule = new RewardModulatedStdp(d.outC, new StdpRates(2 / 64f, -1 / 64f),
                new StdpRates(-2 / 64f, 1 / 64f), new WeightBounds(0.25f, 0.75f), false);
        LayerState st = d.layer().newState();
        for (int i = 0; i < active.length; i++) {
            st.inputSpikeStep()[i] = active[i] ? 14 : -1;
        }
        int hw = d.outH * d.outW;
        int map = winner / hw;
        int p = winner % hw;
        rule.afterSample(d.layer(), st, List.of(new Winner(winner, map, p / d.outW, p % d.outW, 14, 1f)), reward);
        d.weightsChanged(map);
        d.refreshTotals();
    }

    @Test
    void rstdpThroughTheLibraryRuleMovesFiredInputsUpOthersDown() {
        // one input channel, 1x1 input, pad 2, 5x5 kernel: output 1x1; the centre weight sees the input
        DecisionConv d = new DecisionConv(1, 1, 1, 2, 5, 2);
        float[] w = new float[d.weightCount()];
        java.util.Arrays.fill(w, 0.5f);
        w[12] = 0.75f; // map 0, centre
        d.setWeightsOIHW(w);
        boolean[] a = {true};
        DecisionConv.Work ws = d.newWork();
        int winner = d.decide(a, ws);
        assertThat(winner).isEqualTo(0); // map 0 has the larger centre weight
        learn(d, a, winner, 1f);
        float[] after = d.weightsOIHW();
        assertThat(after[12]).isEqualTo(0.75f); // clamped at the upper bound
        assertThat(after[0]).isEqualTo(0.5f - 1 / 64f); // padding: LTD
        assertThat(after[25 + 12]).isEqualTo(0.5f); // map 1 untouched
        learn(d, a, winner, -1f); // punishment (anti-STDP)
        assertThat(d.weightsOIHW()[12]).isEqualTo(0.75f - 2 / 64f);
        // totals follow: the decision sees the new centre weight
        d.decide(a, ws);
        assertThat(ws.potentials()[0]).isEqualTo(0.75f - 2 / 64f);
    }
}
