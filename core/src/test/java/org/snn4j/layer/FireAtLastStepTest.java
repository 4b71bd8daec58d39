package org.snn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.Winner;
import org.snn4j.competition.KWinnersTakeAll;
import org.snn4j.neuron.LastStepIf;
import org.snn4j.neuron.PerfectIf;

/** {@link LastStepIf} neurons: silent until the last step, then every neuron above threshold fires. */
class FireAtLastStepTest {

    /** 1x3x3 input, 2 output maps of 2x2 kernels: map 0 all ones, map 1 weights 1, 2, 3, 4. */
    private static Conv2dLayer layer(float threshold) {
        Conv2dLayer l = Conv2dLayer.builder("c3", new Shape(1, 3, 3), 2, 2, 2)
                .neurons(new LastStepIf(threshold)).build();
        for (int ky = 0; ky < 2; ky++) {
            for (int kx = 0; kx < 2; kx++) {
                l.setWeight(0, 0, ky, kx, 1f);
                l.setWeight(1, 0, ky, kx, 1f + ky * 2 + kx);
            }
        }
        return l;
    }

    @Test
    void silentUntilTheLastStepThenEveryPositiveNeuronFiresWithItsFinalPotential() {
        Conv2dLayer l = layer(0f);
        assertThat(l.firesOnlyAtLastStep()).isTrue();
        int[] input = new int[9];
        Arrays.fill(input, -1);
        input[0] = 0; // (0,0): only output (0,0) of each map; W[., 0, 0, 0] = 1
        input[4] = 1; // (1,1): outputs (0,0) += W[.,1,1], (0,1) += W[.,1,0], (1,0) += W[.,0,1], (1,1) += W[.,0,0]
        LayerHarness.Result r = LayerHarness.run(List.of(l), input, 4, new KWinnersTakeAll(1, 0), 0);
        assertThat(r.spikesPerStep().get(0)).isEmpty();
        assertThat(r.spikesPerStep().get(1)).isEmpty();
        assertThat(r.spikesPerStep().get(2)).isEmpty();
        // map 0: (0,0) = 2, others 1; map 1: (0,0) = 1 + 4 = 5, (0,1) = 3, (1,0) = 2, (1,1) = 1: all > 0, CHW order
        assertThat(r.spikesPerStep().get(3)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        LayerState st = r.states().get(0);
        assertThat(st.neurons().get(PerfectIf.V)).containsExactly(2f, 1f, 1f, 1f, 5f, 3f, 2f, 1f);
        assertThat(st.neurons().lastSpikeStep()).containsOnly(3);
        // the winner is the highest final potential, at the last step
        assertThat(r.winners()).containsExactly(new Winner(4, 1, 0, 0, 3, 5f));
    }

    @Test
    void thresholdIsStrictAndSilenceGivesNoWinner() {
        Conv2dLayer l = layer(2f);
        int[] input = new int[9];
        Arrays.fill(input, -1);
        input[0] = 0;
        input[4] = 0;
        LayerHarness.Result r = LayerHarness.run(List.of(l), input, 2, null, 0);
        assertThat(r.spikesPerStep().get(1)).containsExactly(4, 5); // 5 and 3 > 2; 2 > 2 false
        int[] none = new int[9];
        Arrays.fill(none, -1);
        LayerHarness.Result silent = LayerHarness.run(List.of(layer(0f)), none, 3, new KWinnersTakeAll(1, 0), 0);
        assertThat(silent.spikesPerStep().get(2)).isEmpty();
        assertThat(silent.winners()).isEmpty();
    }

    @Test
    void badThresholdIsNamed() {
        assertThatThrownBy(() -> Conv2dLayer.builder("c", new Shape(1, 3, 3), 1, 2, 2)
                .neurons(new LastStepIf(Float.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("threshold must be finite, got NaN");
    }

    @Test
    void theModelCallsGiveTheFusedLoopsSpikesAndPotentials() {
        int[] input = new int[9];
        Arrays.fill(input, -1);
        input[0] = 0;
        input[4] = 1;
        input[8] = 2;
        for (org.snn4j.neuron.NeuronModel m : List.of(new LastStepIf(2f), new org.snn4j.neuron.Integrator())) {
            Conv2dLayer l = layer(0f);
            Conv2dLayer same = Conv2dLayer.builder("c3", new Shape(1, 3, 3), 2, 2, 2).neurons(m).build();
            System.arraycopy(l.weights(), 0, same.weights(), 0, l.weights().length);
            Conv2dLayer.State fused = same.newState();
            Conv2dLayer.State unfused = same.newState();
            unfused.unfuse();
            assertThat(fused.fused()).isTrue();
            assertThat(unfused.fused()).isFalse();
            fused.reset();
            unfused.reset();
            LayerHarness.Result a = LayerHarness.run(List.of(same), List.of(fused), input, 4, null, 0);
            LayerHarness.Result b = LayerHarness.run(List.of(same), List.of(unfused), input, 4, null, 0);
            for (int t = 0; t < 4; t++) {
                assertThat(b.spikesPerStep().get(t)).as(m + " step " + t).containsExactly(a.spikesPerStep().get(t));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(unfused.potential(i)).isEqualTo(fused.potential(i));
            }
            if (m instanceof LastStepIf) {
                // map 1: (0,0) = 1 + 4, (0,1) = 3, (1,0) = 2, (1,1) = 1 + 4; map 0 at most 2: strictly above 2 only map 1
                assertThat(a.spikesPerStep().get(3)).containsExactly(4, 5, 7);
            } else {
                assertThat(a.spikesPerStep().get(3)).isEmpty();
            }
        }
    }
}
