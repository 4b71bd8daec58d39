package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.snn4j.CurrentSource;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.competition.Competition;
import org.snn4j.competition.ThresholdAdaptation;
import org.snn4j.layer.CurrentLayer;
import org.snn4j.layer.Layer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.LearningRule;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.layer.SparseLayer;
import org.snn4j.layer.StepContext;
import org.snn4j.layer.SynapseKernel;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.monitor.StateTrace;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;
import org.snn4j.neuron.ResetMode;

class NetworkTest {
    static final Lif LIF = new Lif(LifParameters.defaults());

    static SparseLayer sparse(String name, int in, int out, double p, float w, long seed) {
        return SparseLayer.random(name, Shape.flat(in), Shape.flat(out), p, w, LIF, new SplittableRandom(seed));
    }

    @Test
    void buildChecksShapesWithAClearMessage() {
        assertThatThrownBy(() -> Network.builder(Shape.flat(10), 1f)
                .add(sparse("a", 10, 20, 0.5, 1f, 1))
                .add(sparse("b", 21, 5, 0.5, 1f, 1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer b expects 1x1x21 input, got 1x1x20");
        assertThatThrownBy(() -> Network.builder(Shape.flat(10), 1f).add(sparse("a", 11, 2, 0.5, 1f, 1)).build())
                .hasMessageContaining("layer a expects 1x1x11 input, got 1x1x10 from the network input");
    }

    @Test
    void buildRejectsBadWiring() {
        assertThatThrownBy(() -> Network.builder(Shape.flat(10), 1f).build()).hasMessageContaining("at least one");
        assertThatThrownBy(() -> Network.builder(Shape.flat(10), 1f).add(sparse("a", 10, 10, 0.5, 1f, 1))
                .add(sparse("a", 10, 10, 0.5, 1f, 1)).build()).hasMessageContaining("name a is used twice");
        assertThatThrownBy(() -> Network.builder(Shape.flat(10), 1f).add(sparse("a", 10, 10, 0.5, 1f, 1))
                .learn("a", new LearningRule() { }).build()).hasMessageContaining("not a PlasticLayer");
        assertThatThrownBy(() -> Network.builder(Shape.flat(10), 1f).add(sparse("a", 10, 10, 0.5, 1f, 1))
                .compete("zz", (s, f, c, w) -> { }).build()).hasMessageContaining("unknown layer zz");
        assertThatThrownBy(() -> Network.builder(Shape.flat(10), -1f)).hasMessageContaining("dtMs")
                .hasMessageContaining("-1.0");
    }

    @Test
    void sourceSizeIsChecked() {
        Network net = Network.builder(Shape.flat(10), 1f).add(sparse("a", 10, 10, 0.5, 1f, 1)).build();
        assertThatThrownBy(() -> net.newSimulation(1).present(TestSources.silent(9, 5)))
                .hasMessageContaining("source drives 9 neurons").hasMessageContaining("1x1x10");
    }

    @Test
    void explicitCsrScattersWeightsAndCountsEvents() {
        // input 0 -> outputs 0 (6 mV), 1 (4 mV); input 1 -> output 1 (6 mV), 2 (11 mV); threshold 10 mV
        PerfectIf pif = new PerfectIf(PerfectIfParameters.of(10f));
        SparseLayer l = SparseLayer.fromCsr("s", Shape.flat(2), Shape.flat(3), new int[] {0, 2, 4},
                new int[] {0, 1, 1, 2}, new float[] {6f, 4f, 6f, 11f}, pif);
        Network net = Network.builder(Shape.flat(2), 1f).add(l).build();
        Simulation sim = net.newSimulation(0);
        SpikeRaster raster = sim.recordSpikes("s");
        EventSource src = EventSource.of(3, 2, new int[] {0, 1, 2}, new int[] {0, 1, 0});
        PresentationResult r = sim.present(src);
        // t0: v = 6, 4, 0; t1: v = 6, 10 (fires), 11 (fires); t2: v = 12 (fires), 4, 0
        assertThat(raster.steps()).containsExactly(1, 1, 2);
        assertThat(raster.neurons()).containsExactlyInAnyOrder(1, 2, 0);
        assertThat(r.outputSpikes(0)).isEqualTo(3);
        assertThat(sim.synapticEvents(0)).isEqualTo(6);
        assertThat(sim.spikeCount(0)).isEqualTo(3);
        assertThat(sim.state(0).inputSpikeStep()).containsExactly(2, 1);
    }

    @Test
    void csrIsValidated() {
        PerfectIf pif = new PerfectIf(PerfectIfParameters.of(10f));
        assertThatThrownBy(() -> SparseLayer.fromCsr("s", Shape.flat(2), Shape.flat(3), new int[] {0, 2, 4},
                new int[] {0, 1, 3, 2}, new float[] {6f, 4f, 6f, 11f}, pif)).hasMessageContaining("post[2]")
                .hasMessageContaining("got 3");
        assertThatThrownBy(() -> SparseLayer.fromCsr("s", Shape.flat(2), Shape.flat(3), new int[] {0, 2},
                new int[] {0, 1}, new float[] {6f, 4f}, pif)).hasMessageContaining("rowStart must have in.size() + 1 = 3 entries, got 2");
    }

    @Test
    void randomConnectivityHasTheExpectedDensity() {
        SparseLayer l = sparse("s", 1000, 1000, 0.1, 0.5f, 5);
        // 1e6 pairs, p = 0.1: mean 100,000, sd 300
        assertThat(l.synapseCount()).isBetween(100_000 - 1500, 100_000 + 1500);
        assertThat(sparse("s", 1000, 1000, 0.1, 0.5f, 5).targets()).isEqualTo(l.targets());
        assertThat(sparse("s", 10, 10, 1.0, 0.5f, 5).synapseCount()).isEqualTo(100);
        assertThat(sparse("s", 10, 10, 0.0, 0.5f, 5).synapseCount()).isZero();
    }

    @Test
    void lifThroughTheEngineGivesTheFiCounts() {
        float dt = 0.1f;
        Lif lif = new Lif(new LifParameters(20f, 0f, 0f, 1f, 1f, 2f, ResetMode.TO_VALUE));
        Shape s = Shape.flat(4);
        Network net = Network.builder(s, dt)
                .add(new CurrentLayer("lif", s, lif, CurrentSource.constant(new float[] {0.9f, 1.1f, 1.5f, 2f})))
                .build();
        Simulation sim = net.newSimulation(1);
        SpikeRaster raster = sim.recordSpikes("lif");
        sim.present(TestSources.silent(4, 10_000));
        assertThat(raster.countsPerNeuron(4)).containsExactly(0, 20, 41, 63);
    }

    @Test
    void lazyPathEqualsClockPathThroughTheEngine() {
        SparseLayer lazy = sparse("l", 200, 500, 0.1, 2.5f, 3);
        SparseLayer clock = lazy.withCurrent(CurrentSource.constant(500, 0f));
        EventSource src = TestSources.poisson(200, 3000, 0.02, new SplittableRandom(8));
        Simulation a = Network.builder(Shape.flat(200), 0.1f).add(lazy).build().newSimulation(1);
        Simulation b = Network.builder(Shape.flat(200), 0.1f).add(clock).build().newSimulation(1);
        SpikeRaster ra = a.recordSpikes("l");
        SpikeRaster rb = b.recordSpikes("l");
        a.present(src);
        b.present(src);
        assertThat(ra.count()).isGreaterThan(100);
        // the order within a step differs (touched order vs index order): compare (step, neuron) sets
        assertThat(keys(ra)).isEqualTo(keys(rb));
        assertThat(a.synapticEvents(0)).isEqualTo(b.synapticEvents(0));
    }

    static long[] keys(SpikeRaster r) {
        long[] k = new long[r.count()];
        for (int i = 0; i < k.length; i++) {
            k[i] = (long) r.step(i) * 1_000_000L + r.neuron(i);
        }
        java.util.Arrays.sort(k);
        return k;
    }

    @Property(tries = 5, seed = "99")
    void sameSeedSameSpikes(@ForAll long seed) {
        int[][] first = runTwoLayers(seed);
        int[][] second = runTwoLayers(seed);
        assertThat(first[0]).isEqualTo(second[0]);
        assertThat(first[1]).isEqualTo(second[1]);
    }

    private static int[][] runTwoLayers(long seed) {
        SplittableRandom build = new SplittableRandom(seed);
        Network net = Network.builder(Shape.flat(100), 0.5f)
                .add(SparseLayer.random("h", Shape.flat(100), Shape.flat(300), 0.2, 4f, LIF, build.split()))
                .add(SparseLayer.random("o", Shape.flat(300), Shape.flat(50), 0.2, 4f, LIF, build.split()))
                .build();
        Simulation sim = net.newSimulation(seed);
        SpikeRaster r = sim.recordSpikes("o");
        for (int k = 0; k < 3; k++) {
            sim.present(TestSources.poisson(100, 400, 0.05, sim.random()));
        }
        return new int[][] {r.steps(), r.neurons()};
    }

    @Test
    void differentSeedsGiveDifferentInputs() {
        int[][] a = runTwoLayers(1);
        int[][] b = runTwoLayers(2);
        assertThat(a[1]).isNotEqualTo(b[1]);
    }

    @Test
    void uptoRunsOnlyTheFirstLayers() {
        Network net = Network.builder(Shape.flat(100), 0.5f)
                .add(sparse("h", 100, 300, 0.2, 4f, 1)).add(sparse("o", 300, 50, 0.2, 4f, 2)).build();
        Simulation sim = net.newSimulation(3);
        PresentationResult r = sim.present(TestSources.poisson(100, 200, 0.05, sim.random()), 1, false);
        assertThat(r.layersRun()).isEqualTo(1);
        assertThat(r.outputSpikes()).hasSize(1);
        assertThat(r.outputSpikes(0)).isPositive();
        assertThat(sim.synapticEvents(1)).isZero();
        assertThat(r.finalState()).isSameAs(sim.state(0));
        assertThatThrownBy(() -> sim.present(TestSources.silent(100, 1), 3, false))
                .hasMessageContaining("uptoLayerExclusive must be in [1, 2], got 3");
    }

    @Test
    void stateIsResetBetweenPresentations() {
        Network net = Network.builder(Shape.flat(100), 0.5f).add(sparse("h", 100, 300, 0.2, 4f, 1)).build();
        Simulation sim = net.newSimulation(3);
        EventSource src = TestSources.poisson(100, 200, 0.05, new SplittableRandom(4));
        long a = sim.present(src).outputSpikes(0);
        long b = sim.present(src).outputSpikes(0);
        assertThat(a).isPositive().isEqualTo(b);
        assertThat(sim.spikeCount(0)).isEqualTo(a + b);
        sim.resetCounters();
        assertThat(sim.spikeCount(0)).isZero();
    }

    @Test
    void competitionRunsAfterTheLayerAndItsWinnersAreReturned() {
        Competition keepFirst = (state, fired, ctx, winners) -> {
            if (fired.count() > 0 && winners.isEmpty()) {
                int i = fired.get(0);
                winners.add(new Winner(i, 0, 0, i, ctx.step(), 0f));
            }
            int[] all = fired.toSortedArray();
            for (int k = 0; k < all.length; k++) {
                fired.remove(all[k]);
            }
        };
        Network net = Network.builder(Shape.flat(100), 0.5f).add(sparse("h", 100, 300, 0.2, 4f, 1))
                .add(sparse("o", 300, 50, 0.5, 40f, 2)).compete("h", keepFirst).build();
        Simulation sim = net.newSimulation(3);
        PresentationResult r = sim.present(TestSources.poisson(100, 200, 0.05, sim.random()));
        assertThat(sim.spikeCount(0)).isPositive(); // the layer fired...
        assertThat(r.outputSpikes(0)).isZero(); // ...but competition removed every spike
        assertThat(r.outputSpikes(1)).isZero(); // so nothing reached the next layer
        assertThat(r.winners(0)).hasSize(1);
        assertThat(r.winners(1)).isEmpty();
    }

    /** A minimal plastic layer for engine tests: one-to-one, weights 1. */
    static final class OneToOne implements PlasticLayer {
        final float[] w;
        final Shape shape;
        final PerfectIf model = new PerfectIf(PerfectIfParameters.of(0.5f));

        OneToOne(int n) {
            shape = Shape.flat(n);
            w = new float[n];
            java.util.Arrays.fill(w, 1f);
        }

        @Override
        public float[] weights() {
            return w;
        }

        @Override
        public void updateReceptiveField(int post, LayerState state, SynapseKernel kernel) {
            w[post] = kernel.newWeight(w[post], post, post);
        }

        @Override
        public String name() {
            return "p";
        }

        @Override
        public Shape inputShape() {
            return shape;
        }

        @Override
        public Shape outputShape() {
            return shape;
        }

        @Override
        public org.snn4j.neuron.NeuronModel neuronModel() {
            return model;
        }

        @Override
        public LayerState newState() {
            return new LayerState(shape, shape, new org.snn4j.NeuronState(shape.size(), model.stateVariables()));
        }

        final List<Integer> endSteps = new ArrayList<>();

        @Override
        public void endStep(Spikes out, LayerState state, StepContext ctx) {
            endSteps.add(out.count());
        }

        @Override
        public void step(Spikes in, LayerState state, StepContext ctx, Spikes out) {
            float[] input = new float[shape.size()]; // test code: allocation is fine here
            for (int k = 0; k < in.count(); k++) {
                input[in.get(k)] = w[in.get(k)];
            }
            model.step(state.neurons(), input, null, ctx.dtMs(), ctx.step(), out);
        }
    }

    @Test
    void learningRulesAreCalledOnlyWhenLearning() {
        List<String> calls = new ArrayList<>();
        LearningRule rule = new LearningRule() {
            @Override
            public void afterStep(PlasticLayer layer, LayerState state, Spikes in, Spikes out, List<Winner> winners,
                                  StepContext ctx) {
                calls.add("step" + ctx.step() + ":" + out.count());
            }

            @Override
            public void afterSample(PlasticLayer layer, LayerState state, List<Winner> winners, float reward) {
                calls.add("sample" + reward);
                layer.updateReceptiveField(0, state, (w, pre, post) -> w + reward);
            }
        };
        OneToOne layer = new OneToOne(3);
        Network net = Network.builder(Shape.flat(3), 1f).add(layer).learn("p", rule).build();
        Simulation sim = net.newSimulation(0);
        EventSource src = EventSource.of(2, 3, new int[] {1}, new int[] {2});
        sim.present(src);
        assertThat(calls).isEmpty();
        assertThatThrownBy(() -> sim.learn(1f)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("learning off");
        sim.present(src, true);
        assertThat(calls).containsExactly("step0:0", "step1:1");
        assertThat(layer.endSteps).containsExactly(0, 1, 0, 1); // endStep after every step of both presentations
        sim.learn(0.5f);
        assertThat(calls).endsWith("sample0.5");
        assertThat(layer.weights()[0]).isEqualTo(1.5f);
        assertThatThrownBy(() -> sim.learn(1f)).hasMessageContaining("already");
    }

    @Test
    void stateTraceOfALazyLayerShowsTheExactDecay() {
        // one input spike of 10 mV at step 0 into a LIF (tau 20 ms): v(t) = 10 e^{-t dt / tau} afterwards
        SparseLayer l = SparseLayer.fromCsr("l", Shape.flat(1), Shape.flat(1), new int[] {0, 1}, new int[] {0},
                new float[] {10f}, LIF);
        Simulation sim = Network.builder(Shape.flat(1), 1f).add(l).build().newSimulation(0);
        StateTrace trace = sim.recordState("l", Lif.V, 0);
        sim.present(EventSource.of(50, 1, new int[] {0}, new int[] {0}));
        assertThat(trace.samples()).isEqualTo(50);
        for (int s = 0; s < 50; s++) {
            assertThat((double) trace.value(s, 0)).isCloseTo(10 * Math.exp(-s / 20.0), within(1e-5));
        }
        assertThatThrownBy(() -> sim.recordState("l", org.snn4j.neuron.Izhikevich.U, 0))
                .hasMessageContaining("no state variable u");
    }

    @Test
    void adaptiveThresholdOffsetsPersistAcrossPresentations() {
        SparseLayer l = SparseLayer.fromCsr("l", Shape.flat(1), Shape.flat(1), new int[] {0, 1}, new int[] {0},
                new float[] {21f}, LIF);
        Simulation sim = Network.builder(Shape.flat(1), 1f).add(l).compete("l", new ThresholdAdaptation(5f, 1e7f, 0f))
                .build().newSimulation(0);
        EventSource once = EventSource.of(1, 1, new int[] {0}, new int[] {0});
        assertThat(sim.present(once).outputSpikes(0)).isEqualTo(1);
        assertThat(sim.state(0).neurons().thresholdOffset()[0]).isCloseTo(5f, within(1e-3f));
        assertThat(sim.present(once).outputSpikes(0)).isZero(); // threshold is now 25 mV
    }

    @Test
    void describeListsLayersAndSeed() {
        Network net = Network.builder(Shape.flat(10), 0.5f).add(sparse("h", 10, 20, 0.2, 4f, 1)).build();
        var p = net.newSimulation(77).describe().toProperties();
        assertThat(p.getProperty("network.seed")).isEqualTo("77");
        assertThat(p.getProperty("network.dtMs")).isEqualTo("0.5");
        assertThat(p.getProperty("layer.0.name")).isEqualTo("h");
        assertThat(p.getProperty("layer.0.type")).isEqualTo("SparseLayer");
        assertThat(p.getProperty("layer.0.neuronModel")).contains("tauMs=20.0");
        assertThat(net.describe().seed()).isEmpty();
    }

    @Test
    void simulationsOnSeveralThreadsShareANetworkAndGiveTheSameSpikes() throws Exception {
        Network net = Network.builder(Shape.flat(100), 0.5f)
                .add(sparse("h", 100, 300, 0.2, 4f, 1)).add(sparse("o", 300, 50, 0.2, 4f, 2)).build();
        java.util.function.LongFunction<long[]> run = seed -> {
            Simulation sim = net.newSimulation(seed);
            SpikeRaster r = sim.recordSpikes("o");
            for (int k = 0; k < 4; k++) {
                sim.present(TestSources.poisson(100, 300, 0.05, sim.random()));
            }
            return keys(r);
        };
        long[] sequential = run.apply(42);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> run.apply(42));
            var b = pool.submit(() -> run.apply(42));
            assertThat(a.get()).isEqualTo(sequential);
            assertThat(b.get()).isEqualTo(sequential);
        } finally {
            pool.shutdown();
        }
        assertThat(sequential.length).isPositive();
    }
}
