package org.snn4j.examples.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class DecisionConvTest {

    private static DecisionConv random(SplittableRandom r, boolean dyadic) {
        DecisionConv d = new DecisionConv(1 + r.nextInt(6), 1 + r.nextInt(5), 1 + r.nextInt(5), 2, 5, 1 + r.nextInt(8),
                0.25f, 0.75f); // dyadic bounds keep clamped weights exact

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
                // learning keeps the totals consistent with the weights
                d.learn(a, expected, r.nextBoolean() ? 1 / 64f : -1 / 64f, r.nextBoolean() ? 1 / 64f : -1 / 64f);
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

    @Test
    void rstdpMovesFiredInputsUpOthersDownAndClamps() {
        // one input channel, 1x1 input, pad 2, 5x5 kernel: output 1x1; the centre weight sees the input
        DecisionConv d = new DecisionConv(1, 1, 1, 2, 5, 2, 0.2f, 0.8f);
        float[] w = new float[d.weightCount()];
        java.util.Arrays.fill(w, 0.5f);
        w[12] = 0.799f; // map 0, centre
        d.setWeightsOIHW(w);
        boolean[] a = {true};
        int winner = d.decide(a, d.newWork());
        assertThat(winner).isEqualTo(0); // map 0 has the larger centre weight
        d.learn(a, winner, 0.004f, -0.003f);
        float[] after = d.weightsOIHW();
        assertThat(after[12]).isEqualTo(0.8f); // 0.803 clamped
        assertThat(after[0]).isEqualTo(0.5f - 0.003f); // padding: LTD
        assertThat(after[25 + 12]).isEqualTo(0.5f); // map 1 untouched
        d.learn(a, winner, -0.004f, 0.0005f); // punishment (anti-STDP)
        assertThat(d.weightsOIHW()[12]).isEqualTo(0.8f - 0.004f);
    }
}
