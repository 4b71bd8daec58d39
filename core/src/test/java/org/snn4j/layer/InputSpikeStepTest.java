package org.snn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.network.Network;
import org.snn4j.network.Presentation;
import org.snn4j.network.Simulation;
import org.snn4j.network.StopCondition;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.ResetMode;

/**
 * {@link DenseLayer}, dense and compact, records the input spike steps ({@link LayerState#inputSpikeStep()}) of every
 * presentation of a simulation: the last step of each input that fired in it, -1 for the rest.
 */
class InputSpikeStepTest {

    /**
     * A simulation of a dense layer and its compact form (fused and model loops) over several presentations: after
     * each, the input spike steps are the last step of every input that fired in it, whether the array was read
     * during the presentation (a monitor-like hook: here every other presentation, before it starts) or not.
     */
    @Test
    void denseLayersRecordTheInputStepsOfEveryPresentation() {
        int nIn = 12;
        int nOut = 5;
        SplittableRandom rnd = new SplittableRandom(3);
        for (boolean fused : new boolean[] {true, false}) {
            DenseLayer dense = DenseLayer.builder("d", Shape.flat(nIn), nOut)
                    .weights(new WeightInit.Uniform(0f, 0.2f, 5))
                    .neurons(fused ? PerfectIf.latencyCoded(50f)
                            : new Lif(new LifParameters(10f, 0f, 0f, 50f, 1f, 0f, ResetMode.TO_VALUE)))
                    .build();
            for (DenseLayer layer : List.of(dense, dense.compact(0.1f))) {
                Simulation sim = Network.builder(Shape.flat(nIn), 1f).add(layer).build().newSimulation(1);
                for (int pres = 0; pres < 6; pres++) {
                    int steps = 1 + rnd.nextInt(5);
                    int events = rnd.nextInt(3 * nIn);
                    int[] evStep = new int[events];
                    int[] evIdx = new int[events];
                    int[] expected = new int[nIn];
                    Arrays.fill(expected, -1);
                    for (int e = 0; e < events; e++) {
                        evStep[e] = rnd.nextInt(steps);
                        evIdx[e] = rnd.nextInt(nIn);
                        expected[evIdx[e]] = Math.max(expected[evIdx[e]], evStep[e]);
                    }
                    if (pres % 2 == 1) {
                        sim.state(0).inputSpikeStep(); // handed out before the presentation: reset takes it back
                    }
                    sim.present(EventSource.of(steps, nIn, evStep, evIdx),
                            Presentation.inference().stopWhen(StopCondition.atEnd()));
                    assertThat(sim.state(0).inputSpikeStep()).as("fused %s, compact %s, presentation %d", fused,
                            layer.isCompact(), pres).containsExactly(expected);
                }
            }
        }
    }
}
