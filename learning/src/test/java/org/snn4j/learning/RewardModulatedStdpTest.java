package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;
import org.snn4j.Spikes;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.LearningRule;

class RewardModulatedStdpTest extends LearningRuleContract {

    @Override
    protected LearningRule create(float r1, float r2, WeightBounds bounds) {
        return new RewardModulatedStdp(1, new StdpRates(r1, r2), new StdpRates(-r1, r2 * 0.5f), bounds, false);
    }

    /** pre 0 before the post (step 1 vs 2), pre 1 after (step 3). */
    private static ToyDenseLayer apply(RewardModulatedStdp rule, float reward) {
        ToyDenseLayer layer = new ToyDenseLayer(2, 1);
        java.util.Arrays.fill(layer.w, 0.5f);
        LayerState state = layer.newState();
        state.inputSpikeStep()[0] = 1;
        state.inputSpikeStep()[1] = 3;
        rule.afterSample(layer, state, List.of(Drive.winner(layer.outputShape(), 0, 2)), reward);
        return layer;
    }

    @Test
    void rewardAppliesStdpWithTheRewardRates() {
        ToyDenseLayer l = apply(RewardModulatedStdp.mozafari(1), 1f);
        assertThat(l.w[0]).isEqualTo(0.5f + 0.004f);
        assertThat(l.w[1]).isEqualTo(0.5f - 0.003f);
    }

    @Test
    void punishmentAppliesAntiStdpWithItsOwnRates() {
        ToyDenseLayer l = apply(RewardModulatedStdp.mozafari(1), -1f);
        assertThat(l.w[0]).isEqualTo(0.5f - 0.004f);
        assertThat(l.w[1]).isEqualTo(0.5f + 0.0005f);
    }

    @Test
    void neutralRewardChangesNothingAndBoundsAreMozafaris() {
        assertThat(apply(RewardModulatedStdp.mozafari(1), 0f).w).containsOnly(0.5f);
        RewardModulatedStdp rule = RewardModulatedStdp.mozafari(1);
        rule.setRewardRates(new StdpRates(1f, -1f));
        ToyDenseLayer l = apply(rule, 1f);
        assertThat(l.w).containsExactly(0.8f, 0.2f);
    }

    @Test
    void scaleRatesMultipliesTheBaseRatesWithoutCompounding() {
        RewardModulatedStdp rule = RewardModulatedStdp.mozafari(4);
        rule.scaleRates(0.25, 0.75);
        rule.scaleRates(0.5, 0.5);
        assertThat(rule.rewardRates(3)).isEqualTo(new StdpRates((float) (0.004f * 0.5), (float) (-0.003f * 0.5)));
        assertThat(rule.punishRates(0)).isEqualTo(new StdpRates((float) (-0.004f * 0.5), (float) (0.0005f * 0.5)));
        assertThatThrownBy(() -> rule.scaleRates(-1, 1)).hasMessage("rewardFactor must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> rule.scaleRates(1, Double.NaN))
                .hasMessage("punishFactor must be finite and >= 0, got NaN");
    }

    @Property(tries = 40, seed = "777")
    void punishmentWithMirroredRatesNegatesTheRewardUpdate(@ForAll long seed, @ForAll boolean stabiliser,
                                                           @ForAll @FloatRange(min = 0f, max = 0.01f) float ap,
                                                           @ForAll @FloatRange(min = -0.01f, max = 0f) float am) {
        SplittableRandom rng = new SplittableRandom(seed);
        StdpRates r = new StdpRates(ap, am);
        RewardModulatedStdp rule = new RewardModulatedStdp(1, r, r.negated(), new WeightBounds(-1f, 1f), stabiliser);
        ToyDenseLayer a = new ToyDenseLayer(5, 3);
        ToyDenseLayer b = new ToyDenseLayer(5, 3);
        float[] w0 = new float[a.w.length];
        for (int i = 0; i < w0.length; i++) {
            w0[i] = (float) (rng.nextDouble() - 0.5); // away from the bounds: no clamping
        }
        System.arraycopy(w0, 0, a.w, 0, w0.length);
        System.arraycopy(w0, 0, b.w, 0, w0.length);
        Spikes[] in = Drive.random(rng, 5, 6, 0.3);
        Spikes[] out = Drive.random(rng, 3, 6, 0.3);
        Drive.present(rule, a, a.newState(), in, out, 1f, 1f);
        Drive.present(rule, b, b.newState(), in, out, -1f, 1f);
        for (int i = 0; i < w0.length; i++) {
            float up = a.w[i] - w0[i];
            float down = b.w[i] - w0[i];
            assertThat(down).isCloseTo(-up, within(1e-7f));
        }
    }
}
