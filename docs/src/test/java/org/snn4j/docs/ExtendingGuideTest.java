package org.snn4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
// tag::imports-extending[]
import java.util.List;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.Winner;
import org.snn4j.competition.KWinnersTakeAll;
import org.snn4j.examples.Ex09_CustomNeuron.QuadraticIf;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.LearningRule;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.layer.SynapseKernel;
import org.snn4j.layer.WeightInit;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.PerfectIf;
// end::imports-extending[]

/** The snippets of docs/extending.md (the custom neuron itself lives in examples' Ex09_CustomNeuron). */
class ExtendingGuideTest {

    // tag::custom-rule[]
    /**
     * A winner-only Hebbian rule: at the end of a sample, each winner's synapses from inputs that fired move
     * towards 1 by {@code rate * (1 - w)}, the others decay by {@code rate * w}. Not thread-safe (one per layer).
     */
    static final class HebbianWinners implements LearningRule {
        private final float rate;
        private final Kernel kernel = new Kernel();        // one kernel, reused: no allocation per sample

        HebbianWinners(float rate) {
            if (!(rate > 0f && rate <= 1f)) {
                throw new IllegalArgumentException("rate must be in (0, 1], got " + rate);
            }
            this.rate = rate;
        }

        private final class Kernel implements SynapseKernel {
            int[] inputSpikeStep;                           // set before each walk

            @Override
            public float newWeight(float w, int pre, int post) {
                boolean fired = pre >= 0 && inputSpikeStep[pre] >= 0;   // pre = -1: padding
                return fired ? w + rate * (1f - w) : w - rate * w;
            }
        }

        @Override
        public void afterSample(PlasticLayer layer, LayerState state, List<Winner> winners, float reward) {
            kernel.inputSpikeStep = state.inputSpikeStep();
            for (int k = 0; k < winners.size(); k++) {
                layer.updateReceptiveField(winners.get(k).neuron(), state, kernel);  // the layer walks its synapses
            }
        }
    }
    // end::custom-rule[]

    @Test
    void customRuleLearnsTheInputPattern() {
        // tag::use-custom-rule[]
        Shape in = Shape.flat(8);
        DenseLayer layer = DenseLayer.builder("out", in, 2)
                .weights(WeightInit.constant(0.5f))
                .neurons(PerfectIf.latencyCoded(1.0f))
                .build();
        Network net = Network.builder(in, 1f)
                .add(layer)
                .compete("out", new KWinnersTakeAll(1, 0))
                .learn("out", new HebbianWinners(0.5f))
                .build();
        Simulation sim = net.newSimulation(1);
        EventSource pattern = EventSource.of(1, 8, new int[] {0, 0, 0}, new int[] {0, 1, 2});  // inputs 0-2 fire
        sim.present(pattern, true);
        sim.learn(0f);
        // end::use-custom-rule[]
        float[] w = layer.weights();                        // [pre][post]: w[pre * 2 + post]
        int winner = w[0] != 0.5f ? 0 : 1;
        assertThat(w[0 * 2 + winner]).isEqualTo(0.75f);
        assertThat(w[2 * 2 + winner]).isEqualTo(0.75f);
        assertThat(w[5 * 2 + winner]).isEqualTo(0.25f);
        assertThat(w[5 * 2 + (1 - winner)]).isEqualTo(0.5f);
    }

    @Test
    void customNeuronInANetwork() {
        // tag::qif-dense[]
        Shape in = Shape.flat(20);
        Network net = Network.builder(in, 0.1f)
                .add(DenseLayer.builder("qif", in, 5)
                        .weights(WeightInit.uniform(5f, 15f, 3))
                        .neurons(new QuadraticIf(QuadraticIf.Parameters.defaults()))   // any NeuronModel
                        .build())
                .build();
        // end::qif-dense[]
        Simulation sim = net.newSimulation(1);
        int[] steps = new int[200];
        int[] idx = new int[200];
        for (int k = 0; k < 200; k++) {
            steps[k] = k * 5 / 20;
            idx[k] = k % 20;
        }
        var raster = sim.recordSpikes("qif");
        sim.present(EventSource.of(100, 20, steps, idx));
        assertThat(raster.count()).isPositive();
    }
}
