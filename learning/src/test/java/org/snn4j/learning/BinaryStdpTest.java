package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.Winner;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.LearningRule;

class BinaryStdpTest extends LearningRuleContract {

    @Override
    protected LearningRule create(float r1, float r2, WeightBounds bounds) {
        return new BinaryStdp(1, new StdpRates(r1, r2), bounds, true, RateSchedule.constant());
    }

    private static final float EPS = 1e-7f;

    /** 3 pre, 1 post: pre 0 fires at step 1, pre 1 at step 2 (same as post), pre 2 at step 3, post at 2. */
    private static ToyDenseLayer threeSynapses(LearningRule rule, float w0) {
        ToyDenseLayer layer = new ToyDenseLayer(3, 1);
        java.util.Arrays.fill(layer.w, w0);
        LayerState state = layer.newState();
        state.inputSpikeStep()[0] = 1;
        state.inputSpikeStep()[1] = 2;
        state.inputSpikeStep()[2] = 3;
        rule.afterSample(layer, state, List.of(Drive.winner(layer.outputShape(), 0, 2)), 0f);
        return layer;
    }

    @Test
    void ltpBeforeAndSameStepLtdAfterWithStabiliser() {
        BinaryStdp rule = BinaryStdp.mozafari(1);
        ToyDenseLayer layer = threeSynapses(rule, 0.5f);
        // 0.5 + 0.004 * 0.5 * 0.5 = 0.501 ; 0.5 - 0.003 * 0.25 = 0.49925
        assertThat(layer.get(0, 0)).isCloseTo(0.501f, within(EPS));
        assertThat(layer.get(1, 0)).isCloseTo(0.501f, within(EPS));
        assertThat(layer.get(2, 0)).isCloseTo(0.49925f, within(EPS));
    }

    @Test
    void withoutStabiliserTheRateIsAddedAndClamped() {
        BinaryStdp rule = new BinaryStdp(1, new StdpRates(0.25f, -0.5f), WeightBounds.unit(), false,
                RateSchedule.constant());
        ToyDenseLayer layer = threeSynapses(rule, 0.875f);
        assertThat(layer.get(0, 0)).isEqualTo(1f);      // 1.125 clamped
        assertThat(layer.get(2, 0)).isEqualTo(0.375f);  // exact in binary
    }

    @Test
    void neverFiredInputIsDepressedAndNoWinnerChangesNothing() {
        BinaryStdp rule = BinaryStdp.mozafari(1);
        ToyDenseLayer layer = new ToyDenseLayer(2, 2);
        java.util.Arrays.fill(layer.w, 0.5f);
        LayerState state = layer.newState();
        rule.afterSample(layer, state, List.of(), 0f);
        assertThat(layer.w).containsOnly(0.5f);
        rule.afterSample(layer, state, List.of(Drive.winner(layer.outputShape(), 1, 0)), 0f);
        assertThat(layer.get(0, 1)).isCloseTo(0.49925f, within(EPS));
        assertThat(layer.get(0, 0)).isEqualTo(0.5f); // other column untouched
    }

    @Test
    void stabiliserVanishesAtTheBounds() {
        BinaryStdp rule = new BinaryStdp(1, new StdpRates(0.1f, -0.1f), new WeightBounds(-1f, 1f), true,
                RateSchedule.constant());
        ToyDenseLayer layer = new ToyDenseLayer(2, 1);
        layer.w[0] = -1f; // fired before: LTP, but at lo
        layer.w[1] = 1f;  // never fired: LTD, but at hi
        LayerState state = layer.newState();
        state.inputSpikeStep()[0] = 0;
        rule.afterSample(layer, state, List.of(Drive.winner(layer.outputShape(), 0, 0)), 0f);
        assertThat(layer.w).containsExactly(-1f, 1f);
    }

    @Test
    void signedWeightsUseTheSignedStabiliser() {
        BinaryStdp rule = new BinaryStdp(1, new StdpRates(0.1f, -0.1f), new WeightBounds(-1f, 1f), true,
                RateSchedule.constant());
        ToyDenseLayer layer = new ToyDenseLayer(2, 1);
        layer.w[0] = -0.5f;
        layer.w[1] = -0.5f;
        LayerState state = layer.newState();
        state.inputSpikeStep()[0] = 0;
        rule.afterSample(layer, state, List.of(Drive.winner(layer.outputShape(), 0, 0)), 0f);
        // dw = +-0.1 * (w + 1) * (1 - w) = +-0.1 * 0.5 * 1.5 = +-0.075
        assertThat(layer.w[0]).isCloseTo(-0.425f, within(EPS));
        assertThat(layer.w[1]).isCloseTo(-0.575f, within(EPS));
    }

    @Test
    void pairsWithTheFirstInputSpikeWhenStepsAreSeen() {
        // pre 0 fires at steps 1 and 4, post at 2: the first spike is causal -> LTP (SpykeTorch semantics)
        BinaryStdp rule = new BinaryStdp(1, new StdpRates(0.25f, -0.25f), WeightBounds.unit(), false,
                RateSchedule.constant());
        ToyDenseLayer layer = new ToyDenseLayer(1, 1);
        layer.w[0] = 0.5f;
        LayerState state = layer.newState();
        org.snn4j.Spikes[] in = Drive.none(1, 5);
        in[1].add(0);
        in[4].add(0);
        org.snn4j.Spikes[] out = Drive.none(1, 5);
        out[2].add(0);
        Drive.present(rule, layer, state, in, out, 0f, 1f);
        assertThat(layer.w[0]).isEqualTo(0.75f);
        // the same presentation without afterStep calls sees only the last spike (step 4): LTD
        layer.w[0] = 0.5f;
        rule.afterSample(layer, state, List.of(Drive.winner(layer.outputShape(), 0, 2)), 0f);
        assertThat(layer.w[0]).isEqualTo(0.25f);
    }

    @Test
    void ratesArePerFeatureMapAndPaddingIsDepressed() {
        // 3x3 input, 2 maps, 3x3 kernel, padding 1: output (c, 0, 0) sees padding at its top-left
        ToyConvLayer layer = new ToyConvLayer(3, 3, 2, 3, 1);
        java.util.Arrays.fill(layer.w, 0.5f);
        BinaryStdp rule = new BinaryStdp(2, new StdpRates(0.25f, -0.125f), WeightBounds.unit(), false,
                RateSchedule.constant());
        rule.setRates(1, new StdpRates(0.0625f, -0.25f));
        LayerState state = layer.newState();
        java.util.Arrays.fill(state.inputSpikeStep(), 0); // every real input fired at step 0
        Shape out = layer.outputShape();
        rule.afterSample(layer, state, List.of(Drive.winner(out, out.index(0, 0, 0), 1),
                Drive.winner(out, out.index(1, 0, 0), 1)), 0f);
        // map 0: kernel row 0 and column 0 are padding (LTD 0.5-0.125), the rest LTP (0.5+0.25)
        for (int ky = 0; ky < 3; ky++) {
            for (int kx = 0; kx < 3; kx++) {
                boolean padding = ky == 0 || kx == 0;
                assertThat(layer.w[ky * 3 + kx]).isEqualTo(padding ? 0.375f : 0.75f);
                assertThat(layer.w[9 + ky * 3 + kx]).isEqualTo(padding ? 0.25f : 0.5625f);
            }
        }
    }

    @Test
    void mozafariScheduleDoublesEvery500SamplesFromSample500UpToTheCap() {
        BinaryStdp rule = BinaryStdp.mozafari(3);
        ToyConvLayer layer = new ToyConvLayer(5, 5, 3, 3, 0);
        LayerState state = layer.newState();
        for (int n = 1; n <= 499; n++) {
            rule.afterSample(layer, state, List.of(), 0f);
        }
        assertThat(rule.rates(2)).isEqualTo(new StdpRates(0.004f, -0.003f));
        rule.afterSample(layer, state, List.of(), 0f); // sample 500 already uses the doubled rates
        assertThat(rule.rates(0)).isEqualTo(new StdpRates(0.008f, 0.008f * -0.75f));
        for (int n = 501; n <= 5000; n++) {
            rule.afterSample(layer, state, List.of(), 0f);
        }
        // 0.004 * 2^5 = 0.128, then min(0.256, 0.15) = 0.15 at sample 3000
        assertThat(rule.rates(1).aPlus()).isEqualTo(0.15f);
        assertThat(rule.rates(1).aMinus()).isEqualTo(0.15f * -0.75f);
        assertThat(rule.samples()).isEqualTo(5000);
    }

    @Test
    void sampleAtTheScheduleStepUsesTheNewRates() {
        BinaryStdp rule = new BinaryStdp(1, new StdpRates(0.125f, -0.125f), WeightBounds.unit(), false,
                RateSchedule.doubling(2, 1f, -1f));
        ToyDenseLayer layer = new ToyDenseLayer(1, 1);
        layer.w[0] = 0.25f;
        LayerState state = layer.newState();
        state.inputSpikeStep()[0] = 0;
        List<Winner> win = List.of(Drive.winner(layer.outputShape(), 0, 0));
        rule.afterSample(layer, state, win, 0f); // sample 1: +0.125
        assertThat(layer.w[0]).isEqualTo(0.375f);
        rule.afterSample(layer, state, win, 0f); // sample 2: rates doubled first: +0.25
        assertThat(layer.w[0]).isEqualTo(0.625f);
    }

    @Test
    void scheduleIsAskedOnlyWhereItMayChangeTheRates() {
        RateSchedule doubling = RateSchedule.doubling(3, 1f, -0.5f);
        StdpRates r = new StdpRates(0.125f, -0.25f);
        for (long n = 1; n <= 12; n++) {
            assertThat(doubling.changesAt(n)).isEqualTo(n % 3 == 0);
            if (!doubling.changesAt(n)) {
                assertThat(doubling.next(n, r)).isSameAs(r);
            } else {
                assertThat(doubling.next(n, r)).isEqualTo(new StdpRates(0.25f, -0.125f));
            }
            assertThat(RateSchedule.constant().changesAt(n)).isFalse();
        }
        // a schedule of the user's (the default changesAt): asked at every sample
        long[] asked = new long[1];
        RateSchedule mine = (sample, current) -> {
            asked[0]++;
            return sample == 2 ? current.scaled(2.0) : current;
        };
        assertThat(mine.changesAt(7)).isTrue();
        BinaryStdp rule = new BinaryStdp(1, new StdpRates(0.125f, -0.125f), WeightBounds.unit(), false, mine);
        ToyDenseLayer layer = new ToyDenseLayer(1, 2);
        LayerState state = layer.newState();
        for (int n = 0; n < 3; n++) {
            rule.afterSample(layer, state, List.of(), 0f);
        }
        assertThat(asked[0]).isEqualTo(3); // 1 map x 3 samples
        assertThat(rule.rates(0)).isEqualTo(new StdpRates(0.25f, -0.25f));
    }

    @Test
    void rejectsBadParametersAndMismatchedLayers() {
        assertThatThrownBy(() -> new BinaryStdp(0, StdpRates.zero(), WeightBounds.unit(), true,
                RateSchedule.constant())).hasMessage("channels must be >= 1, got 0");
        assertThatThrownBy(() -> new WeightBounds(1f, 1f)).hasMessage("hi must be > lo, got lo=1.0, hi=1.0");
        assertThatThrownBy(() -> new StdpRates(Float.NaN, 0f)).hasMessage("aPlus must be finite, got NaN");
        assertThatThrownBy(() -> RateSchedule.doubling(0, 1f, 1f)).hasMessage("every must be >= 1, got 0");
        BinaryStdp rule = BinaryStdp.mozafari(30);
        ToyDenseLayer layer = new ToyDenseLayer(2, 2);
        assertThatThrownBy(() -> rule.afterSample(layer, layer.newState(), List.of(), 0f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rule has rates for 30 channels, layer toy-dense has 1 output channels");
    }

    @Property(tries = 50, seed = "4242")
    void equalsADenseReferenceLoop(@ForAll long seed, @ForAll boolean stabiliser,
                                   @ForAll @FloatRange(min = -0.5f, max = 0.5f) float ap,
                                   @ForAll @FloatRange(min = -0.5f, max = 0.5f) float am) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        int nPre = 6;
        int nPost = 3;
        ToyDenseLayer layer = new ToyDenseLayer(nPre, nPost);
        float[][] ref = new float[nPost][nPre]; // independent [post][pre] copy
        for (int i = 0; i < nPre; i++) {
            for (int j = 0; j < nPost; j++) {
                float v = (float) rng.nextDouble();
                layer.set(i, j, v);
                ref[j][i] = v;
            }
        }
        org.snn4j.Spikes[] in = Drive.random(rng, nPre, 6, 0.2);
        org.snn4j.Spikes[] out = Drive.random(rng, nPost, 6, 0.2);
        BinaryStdp rule = new BinaryStdp(1, new StdpRates(ap, am), WeightBounds.unit(), stabiliser,
                RateSchedule.constant());
        List<Winner> winners = Drive.present(rule, layer, layer.newState(), in, out, 0f, 1f);
        int[] firstPre = new int[nPre];
        java.util.Arrays.fill(firstPre, -1);
        for (int t = in.length - 1; t >= 0; t--) {
            for (int k = 0; k < in[t].count(); k++) {
                firstPre[in[t].get(k)] = t;
            }
        }
        for (Winner win : winners) {
            for (int i = 0; i < nPre; i++) {
                boolean ltp = firstPre[i] != -1 && firstPre[i] <= win.step();
                float a = ltp ? ap : am;
                float v = ref[win.neuron()][i];
                v = stabiliser ? v + a * (v * (1f - v)) : v + a;
                ref[win.neuron()][i] = Math.max(0f, Math.min(1f, v));
            }
        }
        for (int i = 0; i < nPre; i++) {
            for (int j = 0; j < nPost; j++) {
                assertThat(layer.get(i, j)).isEqualTo(ref[j][i]);
            }
        }
    }
}
