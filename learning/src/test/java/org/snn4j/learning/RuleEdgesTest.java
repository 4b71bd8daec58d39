package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.Spikes;
import org.snn4j.layer.LayerState;
import org.snn4j.learning.EligibilityRStdp.Parameters;

/** Edges the mutation run showed untested: window limits, reset of traces, argument checks. */
class RuleEdgesTest {

    /** Inputs fire at steps 0, 3, 5 and never; the output fires at step 5. */
    private static float[] window(int windowSteps) {
        WindowStdp rule = new WindowStdp(new WindowStdp.Parameters(windowSteps, new StdpRates(0.1f, -0.05f),
                WeightBounds.unit(), false, WindowStdp.Trigger.FIRED));
        ToyDenseLayer l = new ToyDenseLayer(4, 1);
        java.util.Arrays.fill(l.w, 0.5f);
        Spikes[] in = Drive.none(4, 7);
        Spikes[] out = Drive.none(1, 7);
        in[0].add(0);
        in[3].add(1);
        in[5].add(2);
        out[5].add(0);
        Drive.present(rule, l, l.newState(), in, out, 0f, 1f);
        return l.w;
    }

    @Test
    void windowStdpCountsSpikesAtStepZeroTheSameStepAndExactlyTheWindowAgo() {
        assertThat(window(5)).containsExactly(0.6f, 0.6f, 0.6f, 0.45f);
        assertThat(window(4)).containsExactly(0.45f, 0.6f, 0.6f, 0.45f);
        assertThat(window(0)).containsExactly(0.45f, 0.45f, 0.6f, 0.45f);
    }

    private static final Parameters P = new Parameters(10f, 10f, 100f, new StdpRates(1f, -0.5f), 0.1f,
            WeightBounds.unit());

    private static float[] pairThenReward(EligibilityRStdp rule) {
        ToyDenseLayer layer = new ToyDenseLayer(2, 2);
        java.util.Arrays.fill(layer.w, 0.5f);
        LayerState state = layer.newState();
        Spikes[] in = Drive.none(2, 6);
        Spikes[] out = Drive.none(2, 6);
        in[0].add(0);
        in[1].add(1);
        out[2].add(1);
        in[4].add(0);
        Drive.present(rule, layer, state, in, out, 1.5f, 1f);
        return layer.w.clone();
    }

    @Test
    void eligibilityRStdpResetClearsTheTracesToo() {
        EligibilityRStdp used = new EligibilityRStdp(P);
        pairThenReward(used);
        used.reset();
        assertThat(pairThenReward(used)).containsExactly(pairThenReward(new EligibilityRStdp(P)));
    }

    @Test
    void parameterChecks() {
        assertThatThrownBy(() -> new Parameters(Float.POSITIVE_INFINITY, 1f, 1f, StdpRates.zero(), 1f,
                WeightBounds.unit())).hasMessage("tauPlusMs must be finite and > 0, got Infinity");
        assertThatThrownBy(() -> new Parameters(1f, 1f, 1f, StdpRates.zero(), Float.NaN, WeightBounds.unit()))
                .hasMessage("learningRate must be finite, got NaN");
        assertThatThrownBy(() -> new RewardModulatedStdp(0, StdpRates.zero(), StdpRates.zero(), WeightBounds.unit(),
                false)).hasMessage("channels must be >= 1, got 0");
        RewardModulatedStdp r = RewardModulatedStdp.mozafari(2);
        assertThat(r.learnsFromWinnersOnly()).isTrue();
        assertThat(r.channels()).isEqualTo(2);
        assertThat(r.bounds()).isEqualTo(new WeightBounds(0.2f, 0.8f));
        ToyDenseLayer one = new ToyDenseLayer(2, 1);
        assertThatThrownBy(() -> r.afterSample(one, one.newState(), List.of(), 1f))
                .hasMessageContaining("rule has rates for 2 channels").hasMessageContaining("has 1 output channels");
        assertThatThrownBy(() -> r.scaleRates(Double.POSITIVE_INFINITY, 1)).hasMessageContaining("rewardFactor");
        assertThatThrownBy(() -> r.scaleRates(-0.0001, 1)).hasMessageContaining("rewardFactor");
        assertThatThrownBy(() -> r.scaleRates(1, Double.POSITIVE_INFINITY)).hasMessageContaining("punishFactor");
        assertThatThrownBy(() -> r.scaleRates(1, -0.0001)).hasMessageContaining("punishFactor");
        r.scaleRates(0, 0); // zero is allowed
    }
}
