package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.SpikeSource;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.competition.KWinnersTakeAll;
import org.snn4j.competition.PointwiseInhibition;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.LearningRule;
import org.snn4j.layer.PaddingLayer;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.layer.PoolingLayer;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;
import org.junit.jupiter.api.Test;
import org.snn4j.neuron.LastStepIf;

/**
 * The engine's fast paths (frozen-layer output cache, collapsed decision presentations, fused pointwise
 * inhibition) give the same spikes, winners and weights as running every layer every step, and the cache
 * never returns the output of weights that changed. Weights are multiples of 1/64 and small, so every float
 * sum is exact whatever the summation order: results must be identical, not merely close.
 */
class EngineFastPathsTest {
    private static final int STEPS = 8;

    /** pad0 - conv1 (fire once, pointwise + 2-WTA, learns) - pool1 - pad1 - conv2 (fires at the last step, 1-WTA, learns). */
    private static Network network(long seed) {
        Shape in = new Shape(2, 10, 10);
        PaddingLayer pad0 = new PaddingLayer("pad0", in, 1);
        Conv2dLayer conv1 = Conv2dLayer.builder("conv1", pad0.outputShape(), 6, 3, 3)
                .neurons(new PerfectIf(PerfectIfParameters.latencyCoded(1.0f))).build();
        exact(conv1, seed);
        PoolingLayer pool1 = new PoolingLayer("pool1", conv1.outputShape(), 2, 2, 0);
        PaddingLayer pad1 = new PaddingLayer("pad1", pool1.outputShape(), 1);
        Conv2dLayer conv2 = Conv2dLayer.builder("conv2", pad1.outputShape(), 4, 3, 3)
                .neurons(new LastStepIf(0f)).build();
        exact(conv2, seed + 1);
        return Network.builder(in, 1f).add(pad0).add(conv1).add(pool1).add(pad1).add(conv2)
                .compete("conv1", new PointwiseInhibition().andThen(new KWinnersTakeAll(2, 1)))
                .learn("conv1", new OrderRule())
                .compete("conv2", new KWinnersTakeAll(1, 0)).learn("conv2", new OrderRule())
                .build();
    }

    /** Weights k/64, k in [4, 20]: exact sums. */
    private static void exact(Conv2dLayer c, long seed) {
        float[] w = c.weights();
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < w.length; i++) {
            w[i] = (4 + r.nextInt(17)) / 64f;
        }
    }

    /** Binary STDP in exact steps of 1/64: +1/64 for inputs at or before the winner, -1/64 otherwise, floor 0. */
    static final class OrderRule implements LearningRule {
        @Override
        public void afterSample(PlasticLayer layer, LayerState state, List<Winner> winners, float reward) {
            int[] pre = state.inputSpikeStep();
            for (int k = 0; k < winners.size(); k++) {
                int t = winners.get(k).step();
                layer.updateReceptiveField(winners.get(k).neuron(), state, (w, p, post) ->
                        Math.max(0f, w + (p >= 0 && pre[p] >= 0 && pre[p] <= t ? 1f : -1f) / 64f));
            }
        }

        @Override
        public boolean learnsFromWinnersOnly() {
            return true;
        }

        @Override
        public boolean usesSpikeOrderOnly() {
            return true;
        }
    }

    private static EventSource[] sources(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        EventSource[] s = new EventSource[n];
        for (int i = 0; i < n; i++) {
            s[i] = latency(200, r.split());
        }
        return s;
    }

    /** Every input fires at most once, at a random step (a latency code), 70 % of them. */
    private static EventSource latency(int size, SplittableRandom r) {
        int[] steps = new int[size];
        int[] idx = new int[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (r.nextDouble() < 0.7) {
                steps[n] = r.nextInt(STEPS);
                idx[n++] = i;
            }
        }
        return EventSource.of(STEPS, size, java.util.Arrays.copyOf(steps, n), java.util.Arrays.copyOf(idx, n));
    }

    private static final Presentation CONV1 = Presentation.training().upTo("conv1");
    private static final Presentation CONV2 = Presentation.training().learnOnly("conv2").withoutCompetition("conv1");
    private static final Presentation INFER = Presentation.inference().withoutCompetition("conv1");

    /** Trains both layers and tests, recording every winner and spike count; the weights end in the network. */
    private static String run(Network net, boolean fast, EventSource[] src) {
        Simulation sim = net.newSimulation(1).fastPaths(fast);
        Simulation inf = net.newSimulation(2).fastPaths(fast);
        StringBuilder log = new StringBuilder();
        for (int e = 0; e < 2; e++) {
            for (EventSource s : src) {
                PresentationResult r = sim.present(s, CONV1);
                sim.learn(0f);
                log.append(r.winners(1)).append(r.steps()).append('\n');
            }
        }
        for (int e = 0; e < 3; e++) {
            for (EventSource s : src) {
                PresentationResult r = sim.present(s, CONV2);
                sim.learn(1f);
                log.append(r.winners(4)).append(r.outputSpikes(2)).append('\n');
            }
            for (EventSource s : src) {
                PresentationResult r = inf.present(s, INFER);
                log.append(r.winners(4)).append(java.util.Arrays.toString(r.outputSpikes()))
                        .append(r.steps()).append('\n');
            }
        }
        return log.toString();
    }

    @Test
    void fastPathsGiveIdenticalWinnersCountsAndWeights() {
        EventSource[] src = sources(12, 5);
        Network a = network(3);
        Network b = network(3);
        String fast = run(a, true, src);
        String slow = run(b, false, src);
        assertThat(fast).isEqualTo(slow);
        assertThat(fast).contains("Winner[");
        for (String l : List.of("conv1", "conv2")) {
            assertThat(((Conv2dLayer) a.layer(l)).toMatrixOIHW().data).containsExactly(
                    ((Conv2dLayer) b.layer(l)).toMatrixOIHW().data);
        }
    }

    /**
     * A decision convolution wide enough for {@link Simulation#threads} to split its bulk pass (256 maps), with
     * weights that are not exact in float: the threads must give bit-identical winners, potentials and weights,
     * because every potential is summed in the same order whatever the split.
     */
    @Test
    void threadsGiveBitIdenticalWinnersPotentialsAndWeights() {
        String[] logs = new String[3];
        float[][] weights = new float[3][];
        int[] threads = {1, 2, 3};
        for (int k = 0; k < threads.length; k++) {
            Shape in = new Shape(8, 4, 4);
            PaddingLayer pad = new PaddingLayer("pad", in, 2);
            Conv2dLayer conv = Conv2dLayer.builder("conv", pad.outputShape(), 256, 5, 5)
                    .neurons(new LastStepIf(0f)).build();
            float[] w = conv.weights();
            SplittableRandom r = new SplittableRandom(11);
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) r.nextDouble(0.2, 0.8);
            }
            Network net = Network.builder(in, 1f).add(pad).add(conv).compete("conv", new KWinnersTakeAll(1, 0))
                    .learn("conv", new OrderRule()).build();
            Simulation sim = net.newSimulation(1).threads(threads[k]);
            assertThat(sim.threads()).isEqualTo(threads[k]);
            SplittableRandom sr = new SplittableRandom(7);
            StringBuilder log = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                // half the samples mostly active (the pass starts from the totals), half sparse
                EventSource s = latencyWith(in.size(), sr.split(), i % 2 == 0 ? 0.8 : 0.3);
                PresentationResult res = sim.present(s, Presentation.training());
                sim.learn(i % 3 == 0 ? -1f : 1f);
                log.append(res.winners(1)).append(' ')
                        .append(Float.floatToIntBits(sim.state(1).potential(100))).append('\n');
            }
            logs[k] = log.toString();
            weights[k] = conv.toMatrixOIHW().data;
        }
        assertThat(logs[0]).contains("Winner[");
        for (int k = 1; k < threads.length; k++) {
            assertThat(logs[k]).isEqualTo(logs[0]);
            assertThat(weights[k]).containsExactly(weights[0]);
        }
    }

    private static EventSource latencyWith(int size, SplittableRandom r, double p) {
        int[] steps = new int[size];
        int[] idx = new int[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (r.nextDouble() < p) {
                steps[n] = r.nextInt(STEPS);
                idx[n++] = i;
            }
        }
        return EventSource.of(STEPS, size, java.util.Arrays.copyOf(steps, n), java.util.Arrays.copyOf(idx, n));
    }

    /**
     * Auto stop with pointwise inhibition then 2-WTA of radius 1 on the last layer: the positions within the
     * radius of a winner stop integrating and firing (fast paths on), which leaves winners, steps and weights as
     * they are and only removes spikes that could not win.
     */
    @Test
    void positionsAroundWinnersStopWithTheSameWinners() {
        EventSource[] src = sources(12, 7);
        Network a = network(5);
        Network b = network(5);
        Simulation fast = a.newSimulation(1);
        Simulation slow = b.newSimulation(1).fastPaths(false);
        long fewer = 0;
        for (int e = 0; e < 2; e++) {
            for (EventSource s : src) {
                PresentationResult f = fast.present(s, CONV1);
                fast.learn(0f);
                PresentationResult g = slow.present(s, CONV1);
                slow.learn(0f);
                assertThat(f.winners(1)).isEqualTo(g.winners(1));
                assertThat(f.steps()).isEqualTo(g.steps());
                assertThat(f.outputSpikes(1)).isLessThanOrEqualTo(g.outputSpikes(1));
                fewer += g.outputSpikes(1) - f.outputSpikes(1);
            }
        }
        assertThat(fewer).as("spikes not simulated around winners").isPositive();
        assertThat(((Conv2dLayer) a.layer("conv1")).toMatrixOIHW().data)
                .containsExactly(((Conv2dLayer) b.layer("conv1")).toMatrixOIHW().data);
    }

    @Test
    void cacheIsUsedForRepeatedSourcesAndMissesAfterLearning() {
        Network net = network(4);
        EventSource[] src = sources(6, 9);
        Simulation sim = net.newSimulation(1);
        for (EventSource s : src) {
            sim.present(s, INFER);
        }
        assertThat(sim.frozenOutputCacheCounts()).containsExactly(0L, 6L);
        for (EventSource s : src) {
            sim.present(s, INFER);
        }
        assertThat(sim.frozenOutputCacheCounts()).containsExactly(6L, 6L);
        assertThat(sim.frozenOutputCacheBytes()).isPositive();
        // conv1 learns: every cached prefix through conv1 is now stale
        sim.present(src[0], CONV1);
        sim.learn(0f);
        for (EventSource s : src) {
            sim.present(s, INFER);
        }
        assertThat(sim.frozenOutputCacheCounts()).containsExactly(6L, 12L);
    }

    /** Each way of changing conv1's weights by hand invalidates the cache: the next result is the fresh one. */
    @Test
    void handEditsOfWeightsInvalidateTheCache() {
        EventSource[] src = sources(8, 11);
        List<java.util.function.Consumer<Conv2dLayer>> edits = List.of(
                c -> c.setWeight(0, 0, 1, 1, 3f),
                c -> c.weights()[c.weightIndex(2, 1, 0, 0)] = 0f,
                c -> c.weightMatrix().set(4, 3, 2.5f),
                c -> {
                    org.ejml.data.FMatrixRMaj m = c.toMatrixOIHW();
                    m.data[7] = 0f;
                    c.setFromMatrixOIHW(m);
                },
                c -> {
                    float[] live = c.weights(); // kept, written later, then declared
                    java.util.Arrays.fill(live, 1f / 64);
                    c.weightsChanged();
                });
        for (int k = 0; k < edits.size(); k++) {
            Network net = network(6);
            Simulation sim = net.newSimulation(1);
            for (EventSource s : src) {
                sim.present(s, INFER);
            }
            edits.get(k).accept((Conv2dLayer) net.layer("conv1"));
            Network fresh = network(6);
            edits.get(k).accept((Conv2dLayer) fresh.layer("conv1"));
            Simulation ref = fresh.newSimulation(1).fastPaths(false);
            for (EventSource s : src) {
                PresentationResult r = sim.present(s, INFER);
                PresentationResult q = ref.present(s, INFER);
                assertThat(r.winners(4)).as("edit %d", k).isEqualTo(q.winners(4));
                assertThat(r.outputSpikes()).as("edit %d", k).containsExactly(q.outputSpikes());
            }
            assertThat(sim.frozenOutputCacheCounts()[0]).as("edit %d: no hit after the edit", k).isZero();
        }
    }

    @Test
    void sourcesThatAreNotReplayableAreNeverCached() {
        Network net = network(7);
        EventSource e = sources(1, 3)[0];
        SpikeSource wrapped = new SpikeSource() {
            @Override
            public int steps() {
                return e.steps();
            }

            @Override
            public int size() {
                return e.size();
            }

            @Override
            public void emit(int step, Spikes out) {
                e.emit(step, out);
            }
        };
        Simulation sim = net.newSimulation(1);
        sim.present(wrapped, INFER);
        sim.present(wrapped, INFER);
        assertThat(sim.frozenOutputCacheCounts()).containsExactly(0L, 0L);
        assertThat(sim.frozenOutputCacheBytes()).isZero();
    }

    @Test
    void cacheStaysWithinItsByteLimitAndCanBeTurnedOff() {
        Network net = network(8);
        EventSource[] src = sources(20, 13);
        Simulation sim = net.newSimulation(1).frozenOutputCache(2_000);
        for (EventSource s : src) {
            sim.present(s, INFER);
            assertThat(sim.frozenOutputCacheBytes()).isBetween(1L, 2_000L);
        }
        sim.frozenOutputCache(0);
        assertThat(sim.frozenOutputCacheBytes()).isZero();
        long[] before = sim.frozenOutputCacheCounts();
        for (EventSource s : src) {
            sim.present(s, INFER);
        }
        assertThat(sim.frozenOutputCacheCounts()).containsExactly(before);
    }

    @Test
    void monitorsSeeEveryStepOfEveryLayer() {
        Network net = network(9);
        EventSource s = sources(1, 17)[0];
        Simulation slow = net.newSimulation(1).fastPaths(false);
        org.snn4j.monitor.SpikeRaster rs = slow.recordSpikes("conv1");
        slow.present(s, INFER);
        Simulation sim = net.newSimulation(1);
        sim.present(s, INFER); // cached, collapsed
        org.snn4j.monitor.SpikeRaster r = sim.recordSpikes("conv1");
        sim.present(s, INFER); // watched: conv1 runs every step
        assertThat(r.steps()).containsExactly(rs.steps());
        assertThat(r.neurons()).containsExactly(rs.neurons());
    }
}
