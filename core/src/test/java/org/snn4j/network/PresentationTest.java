package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.competition.Competition;
import org.snn4j.competition.KWinnersTakeAll;
import org.snn4j.competition.PointwiseInhibition;
import org.snn4j.competition.TwoThresholdHomeostasis;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.LearningRule;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.layer.StepContext;
import org.snn4j.layer.WeightInit;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;

/** The per-presentation control of the engine: lifecycle calls, stop conditions, layer ranges, persistence. */
class PresentationTest {
    static final Shape IN = new Shape(2, 8, 8);
    static final int STEPS = 12;

    /** A latency code: every input fires at most once, at a random step (some never). */
    static EventSource latency(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = IN.size();
        int[] at = new int[n];
        for (int i = 0; i < n; i++) {
            at[i] = r.nextInt(STEPS + 4);
        }
        int[] steps = new int[n];
        int[] idx = new int[n];
        int c = 0;
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < n; i++) {
                if (at[i] == t) {
                    steps[c] = t;
                    idx[c++] = i;
                }
            }
        }
        return EventSource.of(STEPS, n, Arrays.copyOf(steps, c), Arrays.copyOf(idx, c));
    }

    static Conv2dLayer conv(String name) {
        return Conv2dLayer.builder(name, IN, 4, 3, 3).padding(1).weights(WeightInit.normal(0.8f, 0.05f, 3))
                .neurons(PerfectIf.latencyCoded(3f)).build();
    }

    /** A winner-based rule that records the engine's calls and moves the winners' weights (like binary STDP). */
    static final class Recording implements LearningRule {
        final List<String> log = new ArrayList<>();
        final boolean winnersOnly;

        Recording(boolean winnersOnly) {
            this.winnersOnly = winnersOnly;
        }

        @Override
        public void onPresentationStart(PlasticLayer layer, LayerState state, StepContext ctx) {
            log.add("start");
        }

        @Override
        public void afterStep(PlasticLayer layer, LayerState state, Spikes in, Spikes out, List<Winner> winners,
                              StepContext ctx) {
            log.add("step" + ctx.step());
        }

        @Override
        public void onPresentationEnd(PlasticLayer layer, LayerState state, List<Winner> winners, StepContext ctx) {
            log.add("end" + ctx.step());
        }

        @Override
        public void afterSample(PlasticLayer layer, LayerState state, List<Winner> winners, float reward) {
            log.add("sample");
            int[] pre = state.inputSpikeStep();
            for (int k = 0; k < winners.size(); k++) {
                int post = winners.get(k).step();
                layer.updateReceptiveField(winners.get(k).neuron(), state,
                        (w, i, j) -> i >= 0 && pre[i] >= 0 && pre[i] <= post ? w + 0.01f : w - 0.01f);
            }
        }

        @Override
        public boolean learnsFromWinnersOnly() {
            return winnersOnly;
        }
    }

    /** A competition recording its lifecycle calls. */
    static final class Watching implements Competition {
        final List<String> log = new ArrayList<>();

        @Override
        public void apply(LayerState state, Spikes fired, StepContext ctx, List<Winner> winners) {
            log.add("apply" + ctx.step());
        }

        @Override
        public void onPresentationStart(LayerState state, StepContext ctx) {
            log.add("start");
        }

        @Override
        public void onPresentationEnd(LayerState state, StepContext ctx, List<Winner> winners) {
            log.add("end");
        }
    }

    @Test
    void rulesAndCompetitionsAreToldWhenAPresentationStartsAndEnds() {
        Recording rule = new Recording(false);
        Watching comp = new Watching();
        Network net = Network.builder(IN, 1f).add(conv("c")).compete("c", comp).learn("c", rule).build();
        Simulation sim = net.newSimulation(1);
        sim.present(latency(1), Presentation.training().stopWhen(StopCondition.atStep(3)));
        sim.learn(0f);
        assertThat(rule.log).containsExactly("start", "step0", "step1", "step2", "end2", "sample");
        assertThat(comp.log).containsExactly("start", "apply0", "apply1", "apply2", "end");
        rule.log.clear();
        comp.log.clear();
        sim.present(latency(2), Presentation.inference().stopWhen(StopCondition.atStep(2)));
        assertThat(rule.log).isEmpty();
        assertThat(comp.log).containsExactly("start", "apply0", "apply1", "end");
        comp.log.clear();
        sim.present(latency(2), Presentation.inference().withoutCompetition("c"));
        assertThat(comp.log).isEmpty();
    }

    /** Trains a fresh network on {@code samples} codes; returns the weights, the winners and the steps run. */
    static Object[] train(Presentation p, boolean winnersOnly, int samples) {
        Conv2dLayer c = conv("c");
        Network net = Network.builder(IN, 1f).add(c)
                .compete("c", new PointwiseInhibition().andThen(new KWinnersTakeAll(2, 1)))
                .learn("c", new Recording(winnersOnly)).build();
        Simulation sim = net.newSimulation(5);
        List<List<Winner>> winners = new ArrayList<>();
        int[] steps = new int[samples];
        for (int s = 0; s < samples; s++) {
            PresentationResult r = sim.present(latency(100 + s), p);
            sim.learn(0f);
            winners.add(r.winners(0));
            steps[s] = r.steps();
        }
        return new Object[] {c.weights().clone(), winners, steps};
    }

    @Test
    void autoStopEndsAtTheStepOfTheLastWinnerWithTheSameWeightsAndWinners() {
        Object[] full = train(Presentation.training().stopWhen(StopCondition.atEnd()), true, 20);
        Object[] auto = train(Presentation.training(), true, 20);
        assertThat((float[]) auto[0]).containsExactly((float[]) full[0]);
        assertThat(auto[1]).isEqualTo(full[1]);
        @SuppressWarnings("unchecked")
        List<List<Winner>> ws = (List<List<Winner>>) auto[1];
        int[] steps = (int[]) auto[2];
        int early = 0;
        for (int s = 0; s < steps.length; s++) {
            List<Winner> w = ws.get(s);
            if (w.size() == 2) { // settled: stopped right after the step of its last winner
                assertThat(steps[s]).isEqualTo(w.get(1).step() + 1);
                early += steps[s] < STEPS ? 1 : 0;
            } else {
                assertThat(steps[s]).isEqualTo(STEPS);
            }
        }
        assertThat(early).as("presentations that stopped early").isPositive();
        // an online rule (not winners-only) always runs to the end
        assertThat((int[]) train(Presentation.training(), false, 5)[2]).containsOnly(STEPS);
    }

    @Test
    void theOldLearningCallGetsTheAutoStop() {
        Network net = Network.builder(IN, 1f).add(conv("c")).compete("c", new KWinnersTakeAll(1, 0))
                .learn("c", new Recording(true)).build();
        Simulation sim = net.newSimulation(1);
        PresentationResult r = sim.present(latency(7), true);
        assertThat(r.winners(0)).hasSize(1);
        assertThat(r.steps()).isEqualTo(r.winners(0).get(0).step() + 1);
        assertThat(r.stoppedEarly()).isEqualTo(r.steps() < STEPS);
        // a monitor watching keeps the whole presentation
        sim.learn(0f);
        sim.recordSpikes("c");
        assertThat(sim.present(latency(7), true).steps()).isEqualTo(STEPS);
    }

    @Test
    void autoStopNeverCutsShortALayerDownstreamOfTheLearners() {
        Network net = Network.builder(IN, 1f).add(conv("c")).compete("c", new KWinnersTakeAll(1, 0))
                .learn("c", new Recording(true))
                .add(new org.snn4j.layer.PoolingLayer("pool", new Shape(4, 8, 8), 2, 2, 0)).build();
        Simulation sim = net.newSimulation(1);
        PresentationResult all = sim.present(latency(7), Presentation.training());
        sim.learn(0f);
        assertThat(all.winners(0)).hasSize(1);
        assertThat(all.steps()).isEqualTo(STEPS);
        PresentationResult upToC = sim.present(latency(7), Presentation.training().upTo("c"));
        assertThat(upToC.steps()).isEqualTo(upToC.winners(0).get(0).step() + 1);
    }

    @Test
    void firstSpikeAndStepBudgetStopConditions() {
        Network net = Network.builder(IN, 1f).add(conv("c")).build();
        Simulation sim = net.newSimulation(1);
        SpikeRaster raster = sim.recordSpikes("c");
        sim.present(latency(3));
        int first = raster.step(0);
        int n0 = raster.count();
        int third = n0 >= 3 ? raster.step(2) + 1 : STEPS;
        PresentationResult r = sim.present(latency(3), Presentation.inference()
                .stopWhen(StopCondition.firstSpike("c")));
        assertThat(r.steps()).isEqualTo(first + 1);
        assertThat(r.stoppedEarly()).isEqualTo(first + 1 < STEPS);
        PresentationResult three = sim.present(latency(3), Presentation.inference()
                .stopWhen(StopCondition.afterSpikes("c", 3)));
        assertThat(three.outputSpikes(0)).isGreaterThanOrEqualTo(3);
        assertThat(three.steps()).isEqualTo(third);
        assertThat(n0).isGreaterThanOrEqualTo(3);
        assertThat(sim.present(latency(3), Presentation.inference().stopWhen(StopCondition.atStep(4))).steps())
                .isEqualTo(4);
        assertThat(sim.present(latency(3), Presentation.inference().stopWhen(StopCondition.atStep(99))).steps())
                .isEqualTo(STEPS);
    }

    @Test
    void winnersSettledStopsWhenEveryMapHasItsWinner() {
        Network net = Network.builder(IN, 1f).add(conv("c")).compete("c", new KWinnersTakeAll(10, 0)).build();
        Simulation sim = net.newSimulation(1);
        for (long seed = 0; seed < 5; seed++) {
            PresentationResult full = sim.present(latency(seed));
            PresentationResult r = sim.present(latency(seed), Presentation.inference()
                    .stopWhen(StopCondition.winnersSettled("c")));
            assertThat(r.winners(0)).isEqualTo(full.winners(0));
            if (full.winners(0).size() == 4) { // one per map
                assertThat(r.steps()).isEqualTo(full.winners(0).get(3).step() + 1);
            } else {
                assertThat(r.steps()).isEqualTo(STEPS);
            }
        }
    }

    @Test
    void fromReplaysRecordedSpikesIntoALaterLayerOfTheSameNetwork() {
        Shape mid = new Shape(4, 8, 8);
        Conv2dLayer a = conv("a");
        DenseLayer b = DenseLayer.builder("b", mid, 6).weights(WeightInit.uniform(0f, 0.5f, 9))
                .neurons(new PerfectIf(PerfectIfParameters.of(2f)))
                .build();
        Network net = Network.builder(IN, 1f).add(a).add(b).build();
        Simulation sim = net.newSimulation(1);
        SpikeRaster ra = sim.recordSpikes("a");
        SpikeRaster rb = sim.recordSpikes("b");
        sim.present(latency(4));
        int[] bFull = rb.countsPerNeuron(6);
        EventSource replay = EventSource.of(STEPS, mid.size(), ra.steps(), ra.neurons());
        rb.clear();
        ra.clear();
        PresentationResult r = sim.present(replay, Presentation.inference().from("b"));
        assertThat(ra.count()).as("layer a is not run").isZero();
        assertThat(rb.countsPerNeuron(6)).containsExactly(bFull);
        assertThat(r.firstLayer()).isEqualTo(1);
        assertThat(r.outputSpikes(0)).isZero();
        PresentationResult upToA = sim.present(latency(4), Presentation.inference().upTo("a"));
        assertThat(upToA.layersRun()).isEqualTo(1);
        assertThat(upToA.finalState()).isSameAs(sim.state("a"));
    }

    @Test
    void learnOnlyChoosesTheLearners() {
        Recording ra = new Recording(false);
        Recording rb = new Recording(false);
        Shape mid = new Shape(4, 8, 8);
        Network net = Network.builder(IN, 1f).add(conv("a"))
                .add(Conv2dLayer.builder("b", mid, 2, 3, 3).padding(1).weights(WeightInit.normal(0.8f, 0.05f, 4))
                        .neurons(PerfectIf.latencyCoded(3f)).build())
                .learn("a", ra).learn("b", rb).build();
        Simulation sim = net.newSimulation(1);
        sim.present(latency(1), Presentation.training().learnOnly("b").stopWhen(StopCondition.atStep(1)));
        sim.learn(1f);
        assertThat(ra.log).isEmpty();
        assertThat(rb.log).containsExactly("start", "step0", "end0", "sample");
    }

    @Test
    void thresholdOffsetsPersistWhenTheCompetitionThatWritesThemSaysSo() {
        DenseLayer d = DenseLayer.builder("d", Shape.flat(4), 3).weights(WeightInit.uniform(1f, 1f, 1))
                .neurons(PerfectIf.latencyCoded(1f)).build();
        TwoThresholdHomeostasis h = new TwoThresholdHomeostasis(1f, 1f, 0.5f, 10f, false);
        Network net = Network.builder(Shape.flat(4), 1f).add(d).compete("d", Competition.whileLearning(h)).build();
        Simulation sim = net.newSimulation(1);
        assertThat(sim.keepsThresholdOffset(0)).isTrue();
        EventSource all = EventSource.of(1, 4, new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3});
        sim.present(all, Presentation.training().stopWhen(StopCondition.atEnd()));
        sim.present(all, Presentation.training().stopWhen(StopCondition.atEnd()));
        float[] off = sim.state("d").neurons().thresholdOffset();
        assertThat(off).containsOnly(1f); // 0.5 per learning presentation, kept
        sim.present(all, Presentation.inference());
        assertThat(off).containsOnly(1f); // homeostasis only while learning
        Network plain = Network.builder(Shape.flat(4), 1f).add(d).build();
        assertThat(plain.newSimulation(1).keepsThresholdOffset(0)).isFalse();
    }

    @Test
    void badPresentationsAreRejectedWithTheNames() {
        Network net = Network.builder(IN, 1f).add(conv("a")).add(Conv2dLayer.builder("b", new Shape(4, 8, 8), 2, 3, 3)
                .padding(1).neurons(PerfectIf.latencyCoded(3f)).build()).learn("b", new Recording(false)).build();
        Simulation sim = net.newSimulation(1);
        assertThatThrownBy(() -> sim.present(latency(1), Presentation.inference().upTo("zz")))
                .hasMessageContaining("no layer named zz");
        assertThatThrownBy(() -> sim.present(latency(1), Presentation.inference().from("b").upTo("a")))
                .hasMessageContaining("comes before it");
        assertThatThrownBy(() -> sim.present(latency(1), Presentation.inference().from("b")))
                .hasMessageContaining("input of layer b");
        assertThatThrownBy(() -> sim.present(latency(1), Presentation.training().upTo("a").learnOnly("b")))
                .hasMessageContaining("learner b is not among the layers run");
        assertThatThrownBy(() -> sim.present(latency(1), Presentation.training().learnOnly("a")))
                .hasMessageContaining("learner a has no learning rule");
        assertThatThrownBy(() -> sim.present(latency(1), Presentation.inference().upTo("a")
                .stopWhen(StopCondition.firstSpike("b")))).hasMessageContaining("not among the layers run");
        assertThatThrownBy(() -> sim.present(latency(1), Presentation.inference()
                .stopWhen(StopCondition.winnersSettled("a")))).hasMessageContaining("does not compete");
        assertThatThrownBy(() -> Presentation.inference().learnOnly("a")).hasMessageContaining("learning off");
        // a rejected presentation leaves nothing half-resolved behind
        Presentation bad = Presentation.training().learnOnly("a");
        assertThatThrownBy(() -> sim.present(latency(1), bad)).hasMessageContaining("no learning rule");
        assertThatThrownBy(() -> sim.present(latency(1), bad)).hasMessageContaining("no learning rule");
        assertThat(sim.present(latency(1), Presentation.training().stopWhen(StopCondition.atStep(2))).steps())
                .isEqualTo(2);
        assertThatThrownBy(() -> StopCondition.atStep(-1))
                .hasMessageContaining("count must be >= 0 for AT_STEP, got -1");
        assertThatThrownBy(() -> StopCondition.afterSpikes("a", 0)).hasMessageContaining(">= 1 for SPIKES, got 0");
        assertThatThrownBy(() -> new StopCondition(StopCondition.Kind.AT_END, "a", 0))
                .hasMessageContaining("watches no layer");
    }

    @Test
    void layerStateGivesPotentialsWithoutADowncast() {
        Network net = Network.builder(IN, 1f).add(conv("c"))
                .add(new org.snn4j.layer.PoolingLayer("pool", new Shape(4, 8, 8), 2, 2, 0)).build();
        Simulation sim = net.newSimulation(1);
        sim.present(latency(9));
        LayerState st = sim.state("c");
        float[] v = st.potentials();
        float max = 0f;
        for (int i = 0; i < v.length; i++) {
            assertThat(st.potential(i)).isEqualTo(v[i]);
            max = Math.max(max, v[i]);
        }
        assertThat(max).isPositive();
        assertThat(st.thresholdOffsets()).hasSize(v.length).containsOnly(0f);
        assertThatThrownBy(() -> sim.state("pool").potentials()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no neurons");
    }

    @Test
    void aSourceMadeForAnotherStepLengthIsRefused() {
        Network net = Network.builder(IN, 0.5f).add(conv("c")).build();
        Simulation sim = net.newSimulation(1);
        EventSource code = latency(1);
        assertThat(code.dtMs()).isNaN();
        assertThat(sim.present(code).steps()).isEqualTo(STEPS); // no step length: accepted
        assertThat(sim.present(code.withDtMs(0.5f)).steps()).isEqualTo(STEPS);
        assertThatThrownBy(() -> sim.present(code.withDtMs(1f)))
                .hasMessageContaining("source was made for steps of 1.0 ms, the network steps 0.5 ms");
        assertThatThrownBy(() -> code.withDtMs(0f)).hasMessageContaining("dtMs must be finite and > 0, got 0.0");
    }
}
