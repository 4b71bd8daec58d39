package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.competition.Winner;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.LearningRule;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.layer.StepContext;
import org.snn4j.layer.WeightInit;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;

/** A learning rule that declares the threshold offsets it writes as persistent; {@link LearningRule#andThen}. */
class PersistentOffsetRuleTest {

    /** Writes +1 mV into every neuron's offset at the end of each learning presentation. */
    static final class Raise implements LearningRule {
        final boolean persistent;
        final List<String> calls;
        final String name;

        Raise(boolean persistent, List<String> calls, String name) {
            this.persistent = persistent;
            this.calls = calls;
            this.name = name;
        }

        @Override
        public void afterStep(PlasticLayer layer, LayerState state, Spikes in, Spikes out, List<Winner> winners,
                              StepContext ctx) {
            if (ctx.step() == 0) {
                calls.add(name + ".afterStep");
            }
        }

        @Override
        public void afterSample(PlasticLayer layer, LayerState state, List<Winner> winners, float reward) {
            calls.add(name + ".afterSample");
            float[] off = state.neurons().thresholdOffset();
            for (int j = 0; j < off.length; j++) {
                off[j] += 1f;
            }
        }

        @Override
        public boolean keepsThresholdOffset() {
            return persistent;
        }
    }

    static Simulation sim(LearningRule rule) {
        Network net = Network.builder(Shape.flat(2), 1f)
                .add(DenseLayer.builder("out", Shape.flat(2), 3).weights(WeightInit.constant(1f))
                        .neurons(new Lif(LifParameters.defaults())).build())
                .learn("out", rule)
                .build();
        return net.newSimulation(1);
    }

    static EventSource quiet() {
        return EventSource.of(3, 2, new int[0], new int[0]);
    }

    @Test
    void offsetsWrittenByAPersistentRuleSurviveLaterPresentations() {
        List<String> calls = new ArrayList<>();
        Simulation s = sim(new Raise(false, calls, "a").andThen(new Raise(true, calls, "b")));
        s.present(quiet(), true);
        s.learn(0f);
        assertThat(calls).containsExactly("a.afterStep", "b.afterStep", "a.afterSample", "b.afterSample");
        assertThat(s.state("out").neurons().thresholdOffset()).containsOnly(2f);
        s.present(quiet(), false);
        assertThat(s.state("out").neurons().thresholdOffset()).as("kept without learning").containsOnly(2f);
        s.present(quiet(), true);
        s.learn(0f);
        assertThat(s.state("out").neurons().thresholdOffset()).containsOnly(4f);
    }

    @Test
    void offsetsOfOtherRulesAreClearedEachPresentation() {
        Simulation s = sim(new Raise(false, new ArrayList<>(), "a"));
        s.present(quiet(), true);
        s.learn(0f);
        assertThat(s.state("out").neurons().thresholdOffset()).containsOnly(1f);
        s.present(quiet(), false);
        assertThat(s.state("out").neurons().thresholdOffset()).containsOnly(0f);
    }
}
