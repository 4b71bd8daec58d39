package org.snn4j.competition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;
import org.snn4j.layer.WeightInit;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;

class ThresholdAdaptationTest {

    @Test
    void spikesRaiseTheOffsetAndThePresentationAndRestDecayIt() {
        LayerState st = new LayerState(Shape.flat(1), Shape.flat(3), new NeuronState(3, List.of()));
        ThresholdAdaptation th = new ThresholdAdaptation(0.5f, 1000f, 10f);
        StepContext ctx = new StepContext(1f);
        ctx.begin(6, true);
        List<Winner> winners = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            ctx.setStep(t);
            Spikes s = new Spikes(3);
            if (t == 1 || t == 3) {
                s.add(0);
            }
            if (t == 2) {
                s.add(1);
            }
            th.apply(st, s, ctx, winners);
        }
        assertThat(st.neurons().thresholdOffset()).containsExactly(1f, 0.5f, 0f);
        th.onPresentationEnd(st, ctx, winners);
        float f = (float) Math.exp(-(6f + 10f) / 1000f);
        assertThat(st.neurons().thresholdOffset()).containsExactly(1f * f, 0.5f * f, 0f);
        assertThat(winners).isEmpty();
    }

    @Test
    void whileLearningTheOffsetsPersistAndMoveOnlyWhenLearning() {
        // one input drives 2 perfect IF neurons (threshold 1 mV, weight 2): each input spike fires both
        Network net = Network.builder(Shape.flat(1), 1f)
                .add(DenseLayer.builder("out", Shape.flat(1), 2).weights(WeightInit.constant(2f))
                        .neurons(new PerfectIf(PerfectIfParameters.of(1f))).build())
                .compete("out", Competition.whileLearning(new ThresholdAdaptation(0.25f, 1e9f, 0f)))
                .build();
        Simulation sim = net.newSimulation(1);
        EventSource two = EventSource.of(4, 1, new int[] {0, 2}, new int[] {0, 0});
        sim.present(two, true);
        float[] off = sim.state("out").neurons().thresholdOffset();
        assertThat(off[0]).isCloseTo(0.5f, org.assertj.core.api.Assertions.within(1e-6f));
        float[] trained = off.clone();
        sim.present(two, false);
        assertThat(sim.state("out").neurons().thresholdOffset()).as("fixed and kept without learning")
                .isEqualTo(trained);
        sim.present(two, true);
        assertThat(sim.state("out").neurons().thresholdOffset()[0]).isGreaterThan(trained[0]);
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
