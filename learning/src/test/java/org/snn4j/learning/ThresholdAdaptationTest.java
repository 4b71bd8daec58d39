package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.snn4j.Spikes;
import org.snn4j.layer.LayerState;

class ThresholdAdaptationTest {

    @Test
    void spikesRaiseTheOffsetAndThePresentationAndRestDecayIt() {
        ToyDenseLayer layer = new ToyDenseLayer(1, 3);
        LayerState st = layer.newState();
        Spikes[] in = Drive.none(1, 6);
        Spikes[] out = Drive.none(3, 6);
        out[1].add(0);
        out[3].add(0);
        out[2].add(1);
        ThresholdAdaptation rule = new ThresholdAdaptation(0.5f, 1000f, 10f);
        Drive.present(rule, layer, st, in, out, 0f, 1f);
        float f = (float) Math.exp(-(6f + 10f) / 1000f);
        assertThat(st.neurons().thresholdOffset()).containsExactly(1f * f, 0.5f * f, 0f);
        assertThat(rule.keepsThresholdOffset()).isTrue();
    }

    @Test
    void badParametersAreNamed() {
        assertThatThrownBy(() -> new ThresholdAdaptation(-1f, 1f, 0f))
                .hasMessage("thetaPlus must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> new ThresholdAdaptation(1f, 0f, 0f))
                .hasMessage("tauThetaMs must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> new ThresholdAdaptation(1f, 1f, Float.NaN))
                .hasMessage("restMs must be finite and >= 0, got NaN");
    }
}
