package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.LearningRule;
import org.snn4j.learning.EligibilityRStdp.Parameters;

class EligibilityRStdpTest extends LearningRuleContract {

    @Override
    protected LearningRule create(float r1, float r2, WeightBounds bounds) {
        return new EligibilityRStdp(new Parameters(5f, 5f, 50f, new StdpRates(r1, r2), 0.5f, bounds));
    }

    private static final Parameters P = new Parameters(10f, 10f, 100f, new StdpRates(1f, -0.5f), 0.1f,
            WeightBounds.unit());

    /** 1 pre -> 1 post, w = 0.5, 5 steps of 1 ms. */
    private static float run(EligibilityRStdp rule, int pre, int post, float reward) {
        ToyDenseLayer layer = new ToyDenseLayer(1, 1);
        layer.w[0] = 0.5f;
        Spikes[] in = Drive.none(1, 5);
        Spikes[] out = Drive.none(1, 5);
        in[pre].add(0);
        out[post].add(0);
        Drive.present(rule, layer, layer.newState(), in, out, reward, 1f);
        return layer.w[0];
    }

    @Test
    void causalPairBuildsEligibilityThatARewardWritesIntoTheWeight() {
        // c = 1 * e^-0.2 at step 2, decayed to the end (clock 5): * e^-0.03 ; w = 0.5 + 0.1 * c
        double c = Math.exp(-0.2) * Math.exp(-0.03);
        assertThat((double) run(new EligibilityRStdp(P), 0, 2, 1f)).isCloseTo(0.5 + 0.1 * c, within(1e-6));
        assertThat((double) run(new EligibilityRStdp(P), 0, 2, -1f)).isCloseTo(0.5 - 0.1 * c, within(1e-6));
        assertThat(run(new EligibilityRStdp(P), 0, 2, 0f)).isEqualTo(0.5f);
    }

    @Test
    void acausalPairBuildsNegativeEligibility() {
        EligibilityRStdp rule = new EligibilityRStdp(P);
        float w = run(rule, 3, 1, 1f);
        // c = -0.5 * e^-0.2 at step 3, decayed 2 steps to clock 5
        double c = -0.5 * Math.exp(-0.2) * Math.exp(-0.02);
        assertThat((double) rule.eligibility(0, 0)).isCloseTo(c, within(1e-6));
        assertThat((double) w).isCloseTo(0.5 + 0.1 * c, within(1e-6));
    }

    @Test
    void eligibilityPersistsAndDecaysAcrossPresentationsUntilReset() {
        EligibilityRStdp rule = new EligibilityRStdp(P);
        run(rule, 0, 2, 0f); // no reward yet: weight unchanged, trace kept
        ToyDenseLayer layer = new ToyDenseLayer(1, 1);
        layer.w[0] = 0.5f;
        LayerState state = layer.newState();
        Drive.present(rule, layer, state, Drive.none(1, 5), Drive.none(1, 5), 1f, 1f);
        double c = Math.exp(-0.2) * Math.exp(-0.08); // 8 steps after the pair at step 2
        assertThat((double) layer.w[0]).isCloseTo(0.5 + 0.1 * c, within(1e-6));
        rule.reset();
        assertThat(rule.eligibility(0, 0)).isZero();
    }

    @Test
    void rejectsHugeLayersAndBadTaus() {
        assertThatThrownBy(() -> new Parameters(1f, 1f, 0f, StdpRates.zero(), 1f, WeightBounds.unit()))
                .hasMessage("tauEligibilityMs must be finite and > 0, got 0.0");
        EligibilityRStdp rule = new EligibilityRStdp(P);
        // only the state's shapes matter for the check: no big weight array needed
        LayerState big = new LayerState(Shape.flat(1 << 13), Shape.flat(1 << 12), null);
        ToyDenseLayer layer = new ToyDenseLayer(1, 1);
        assertThatThrownBy(() -> rule.afterStep(layer, big, new Spikes(1 << 13), new Spikes(1 << 12),
                java.util.List.of(), new org.snn4j.layer.StepContext(1f)))
                .hasMessageContaining("8192 x 4096 = 33554432 pairs, more than 16777216");
    }
}
