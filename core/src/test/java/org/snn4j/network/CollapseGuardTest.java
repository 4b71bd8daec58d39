package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.Layer;
import org.snn4j.layer.PoolingLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.neuron.LastStepIf;
import org.snn4j.neuron.PerfectIf;

/**
 * The whole-presentation collapse (every input at the last step) is taken only where it cannot change the result:
 * a last convolution that fires only at the last step, behind layers that pass spikes whatever their timing. Each
 * set-up here breaks one condition of {@code Simulation.collapsible}; fast paths on and off must give the same
 * winners, spikes and monitor records, over several sources and presentations. Written after the 70c04d2
 * whole-module PIT run (issue 17).
 */
class CollapseGuardTest {
    private static final Shape IN = new Shape(1, 6, 6);
    private static final int STEPS = 10;

    private static Conv2dLayer last(Shape in) {
        return Conv2dLayer.builder("last", in, 3, 2, 2).weights(WeightInit.uniform(0f, 1f, 7))
                .neurons(new LastStepIf(1.5f)).build();
    }

    private static EventSource[] sources(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        EventSource[] out = new EventSource[count];
        int size = IN.size();
        for (int k = 0; k < count; k++) {
            int[] steps = new int[STEPS * size];
            int[] idx = new int[STEPS * size];
            int n = 0;
            for (int t = 0; t < STEPS; t++) {
                for (int i = 0; i < size; i++) {
                    if (r.nextDouble() < 0.2) {
                        steps[n] = t;
                        idx[n++] = i;
                    }
                }
            }
            out[k] = EventSource.of(STEPS, size, Arrays.copyOf(steps, n), Arrays.copyOf(idx, n));
        }
        return out;
    }

    /** Presents every source twice on fast paths and on the reference; all results agree. Returns "pre" spikes. */
    private static long compare(Function<Boolean, Network> make, Presentation p) {
        Simulation fast = make.apply(true).newSimulation(1);
        Simulation slow = make.apply(true).newSimulation(1).fastPaths(false);
        long preSpikes = 0;
        for (int round = 0; round < 2; round++) {
            for (EventSource s : sources(5, 3)) {
                PresentationResult f = fast.present(s, p);
                PresentationResult g = slow.present(s, p);
                assertThat(f.outputSpikes()).containsExactly(g.outputSpikes());
                assertThat(f.winners(f.layersRun() - 1)).isEqualTo(g.winners(g.layersRun() - 1));
                assertThat(f.steps()).isEqualTo(g.steps());
                preSpikes += g.outputSpikes(0);
            }
        }
        return preSpikes;
    }

    @Test
    void aFireOnceConvolutionWithNegativeWeightsIsNotCollapsed() {
        long pre = compare(x -> {
            Conv2dLayer c = Conv2dLayer.builder("pre", IN, 2, 2, 2).weights(WeightInit.uniform(-1f, 1f, 5))
                    .neurons(PerfectIf.latencyCoded(0.5f)).build();
            return Network.builder(IN, 1f).add(c).add(last(c.outputShape())).build();
        }, Presentation.inference());
        assertThat(pre).isPositive();
    }

    @Test
    void aCompetingFireOnceConvolutionIsNotCollapsed() {
        long pre = compare(x -> {
            Conv2dLayer c = Conv2dLayer.builder("pre", IN, 2, 2, 2).weights(WeightInit.uniform(0f, 1f, 5))
                    .neurons(PerfectIf.latencyCoded(0.8f)).build();
            return Network.builder(IN, 1f).add(c).compete("pre", new org.snn4j.competition.KWinnersTakeAll(1, 0))
                    .add(last(c.outputShape())).build();
        }, Presentation.inference());
        assertThat(pre).isPositive();
    }

    @Test
    void poolingBeforeTheLastStepConvolutionCollapsesWithTheSameResult() {
        compare(x -> {
            PoolingLayer pool = new PoolingLayer("pool", IN, 2, 1, 0);
            return Network.builder(IN, 1f).add(pool).add(last(pool.outputShape())).build();
        }, Presentation.inference());
    }

    @Test
    void aMonitoredLayerSeesItsSpikesAtTheirRealSteps() {
        int[][] steps = new int[2][];
        for (int k = 0; k < 2; k++) {
            Conv2dLayer c = Conv2dLayer.builder("pre", IN, 2, 2, 2).weights(WeightInit.uniform(0f, 1f, 5))
                    .neurons(PerfectIf.latencyCoded(0.8f)).build();
            Network net = Network.builder(IN, 1f).add(c).add(last(c.outputShape())).build();
            Simulation sim = net.newSimulation(1).fastPaths(k == 0);
            SpikeRaster r = sim.recordSpikes("pre");
            for (EventSource s : sources(3, 4)) {
                sim.present(s);
            }
            steps[k] = r.steps();
        }
        assertThat(steps[0]).containsExactly(steps[1]);
        assertThat(Arrays.stream(steps[1]).distinct().count()).as("spikes at several steps").isGreaterThan(2);
    }

    @Test
    void aSourceWithoutStepsRunsNoStep() {
        PoolingLayer pool = new PoolingLayer("pool", IN, 2, 1, 0);
        Layer l = last(pool.outputShape());
        Network net = Network.builder(IN, 1f).add(pool).add(l).build();
        PresentationResult r = net.newSimulation(1)
                .present(EventSource.of(0, IN.size(), new int[0], new int[0]));
        assertThat(r.steps()).isZero();
        assertThat(r.outputSpikes()).containsExactly(0L, 0L);
    }
}
