package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.competition.ThresholdAdaptation;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.Layer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.LearningRule;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.layer.PoolingLayer;
import org.snn4j.layer.SparseLayer;
import org.snn4j.layer.StepContext;
import org.snn4j.layer.WeightInit;
import org.snn4j.monitor.Monitor;
import org.snn4j.neuron.ConductanceLif;
import org.snn4j.neuron.ConductanceLifParameters;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;

/**
 * {@link Simulation}'s documented contract at the places the session 7 whole-core PIT run (main 3453ed9) found
 * untested: argument checks with their messages, the {@code present(source, upTo[, learning])} shortcuts, an
 * exact spike-count stop, the hooks every presentation calls (a rule's {@code beforeStep}, the monitors'
 * {@code onPresentationEnd}, {@code afterSample} only for the layers of the last presentation), a zero-length
 * {@link Simulation#rest rest} (the state carries on, also through a frozen prefix that would otherwise come
 * from the output cache), threshold offsets over a rest (kept when declared, zeroed otherwise, even when
 * written by hand), and the state a new simulation starts from.
 */
class SimulationContractTest {
    static final ConductanceLifParameters P = ConductanceLifParameters.diehlCook2015();

    /** in(2) - a (2 ConductanceLif) - b (1 ConductanceLif): a frozen prefix "a" whose output the cache keeps. */
    static Network chain(float wa, float wb) {
        DenseLayer a = DenseLayer.builder("a", Shape.flat(2), 2).weights(WeightInit.constant(wa))
                .neurons(new ConductanceLif(P)).build();
        DenseLayer b = DenseLayer.builder("b", a.outputShape(), 1).weights(WeightInit.constant(wb))
                .neurons(new ConductanceLif(P)).build();
        return Network.builder(Shape.flat(2), 0.5f).add(a).add(b).build();
    }

    /** Input 0 at steps 0..3, input 1 at steps 1 and 2, of 8 steps: raises layer a's potentials without a spike. */
    static EventSource drive() {
        return EventSource.of(8, 2, new int[] {0, 1, 1, 2, 2, 3}, new int[] {0, 0, 1, 0, 1, 0});
    }

    @Test
    void argumentChecksNameTheValue() {
        Simulation sim = chain(1f, 1f).newSimulation(1);
        assertThatThrownBy(() -> sim.threads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be >= 1, got 0");
        assertThatThrownBy(() -> sim.frozenOutputCache(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBytes must be >= 0, got -1");
        assertThatThrownBy(() -> sim.rest(Float.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ms must be finite and >= 0, got Infinity");
        assertThatThrownBy(() -> sim.rest(Float.NaN)).isInstanceOf(IllegalArgumentException.class);
        sim.rest(0f); // zero is a valid rest
        assertThatThrownBy(() -> sim.learn(Float.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reward must be finite, got NaN");
        assertThatThrownBy(() -> sim.learn(1f)).isInstanceOf(IllegalStateException.class)
                .hasMessage("learn() needs a presentation first");
        sim.present(drive());
        assertThatThrownBy(() -> sim.learn(1f)).isInstanceOf(IllegalStateException.class)
                .hasMessage("learn() needs a presentation with learning on; the last one had learning off");
        assertThatThrownBy(() -> sim.present(drive(), Presentation.inference().withoutCompetition("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("no layer named nope");
        assertThatThrownBy(() -> sim.present(drive(), 0)).hasMessage("uptoLayerExclusive must be in [1, 2], got 0");
        assertThatThrownBy(() -> sim.present(drive(), 3)).hasMessage("uptoLayerExclusive must be in [1, 2], got 3");
        assertThat(sim.toString()).startsWith("Simulation[seed 1, 1 presentations, ");
    }

    @Test
    void recordStateRefusesALayerWithoutNeurons() {
        PoolingLayer pool = new PoolingLayer("pool", new Shape(1, 4, 4), 2, 2, 0);
        DenseLayer d = DenseLayer.builder("d", pool.outputShape(), 2).weights(WeightInit.constant(1f))
                .neurons(new PerfectIf(PerfectIfParameters.of(1f))).build();
        Simulation sim = Network.builder(new Shape(1, 4, 4), 1f).add(pool).add(d).build().newSimulation(1);
        assertThatThrownBy(() -> sim.recordState("pool", PerfectIf.V, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer pool has no neurons to record");
    }

    /** Counts the hooks a rule gets; learns nothing. */
    static final class Hooks implements LearningRule {
        int beforeSteps;
        int samples;

        @Override
        public void beforeStep(PlasticLayer layer, LayerState state, Spikes in, StepContext ctx) {
            beforeSteps++;
        }

        @Override
        public void afterSample(PlasticLayer layer, LayerState state, List<Winner> winners, float reward) {
            samples++;
        }
    }

    /** Two layers that both have a rule; every one of 6 steps drives layer a. */
    static Network hooked(Hooks ha, Hooks hb) {
        DenseLayer a = DenseLayer.builder("a", Shape.flat(2), 3).weights(WeightInit.constant(0.6f))
                .neurons(new PerfectIf(PerfectIfParameters.of(1f))).build();
        DenseLayer b = DenseLayer.builder("b", a.outputShape(), 2).weights(WeightInit.constant(0.4f))
                .neurons(new PerfectIf(PerfectIfParameters.of(1f))).build();
        return Network.builder(Shape.flat(2), 1f).add(a).add(b).learn("a", ha).learn("b", hb).build();
    }

    static EventSource everyStep(int steps) {
        int[] t = new int[steps];
        int[] i = new int[steps];
        for (int k = 0; k < steps; k++) {
            t[k] = k;
            i[k] = k % 2;
        }
        return EventSource.of(steps, 2, t, i);
    }

    @Test
    void rulesGetBeforeStepEveryStepAndAfterSampleOnlyForTheLayersOfTheLastPresentation() {
        Hooks ha = new Hooks();
        Hooks hb = new Hooks();
        Simulation sim = hooked(ha, hb).newSimulation(3);
        sim.present(everyStep(6), true);
        assertThat(ha.beforeSteps).isEqualTo(6);
        assertThat(hb.beforeSteps).isEqualTo(6);
        sim.learn(0.5f);
        assertThat(ha.samples).isEqualTo(1);
        assertThat(hb.samples).isEqualTo(1);
        // layer a only: b's rule is not called, its learn flag from the last presentation is gone
        sim.present(everyStep(4), 1, true);
        assertThat(ha.beforeSteps).isEqualTo(10);
        assertThat(hb.beforeSteps).isEqualTo(6);
        sim.learn(0.5f);
        assertThat(ha.samples).isEqualTo(2);
        assertThat(hb.samples).isEqualTo(1);
        assertThatThrownBy(() -> sim.learn(1f)).isInstanceOf(IllegalStateException.class)
                .hasMessage("learn() was already called for the last presentation");
        // inference: no rule is called
        sim.present(everyStep(4), false);
        assertThat(ha.beforeSteps).isEqualTo(10);
        assertThat(hb.beforeSteps).isEqualTo(6);
    }

    @Test
    void presentUpToRunsTheFirstLayersAndLearnsOnlyWhenAsked() {
        Hooks ha = new Hooks();
        Hooks hb = new Hooks();
        Simulation sim = hooked(ha, hb).newSimulation(3);
        PresentationResult r = sim.present(everyStep(5), 1);
        assertThat(r.layersRun()).isEqualTo(1);
        assertThat(r.steps()).isEqualTo(5);
        assertThat(r.outputSpikes(0)).isEqualTo(6); // 0.6 per step, reset to 0: each neuron fires at steps 1 and 3
        assertThat(ha.beforeSteps).isZero();
        // learning after an inference call with the same bound, and inference after a learning one
        sim.present(everyStep(5), 1, true);
        assertThat(ha.beforeSteps).isEqualTo(5);
        sim.present(everyStep(5), 1, false);
        assertThat(ha.beforeSteps).isEqualTo(5);
        sim.present(everyStep(5), 1, true);
        assertThat(ha.beforeSteps).isEqualTo(10);
        assertThat(hb.beforeSteps).isZero();
    }

    @Test
    void afterSpikesStopsAtTheStepOfExactlyThatManySpikes() {
        // one neuron, 0.5 per input spike, threshold 1: spikes at steps 1, 3, 5, 7 (reset to 0)
        DenseLayer d = DenseLayer.builder("d", Shape.flat(1), 1).weights(WeightInit.constant(0.5f))
                .neurons(new PerfectIf(PerfectIfParameters.of(1f))).build();
        Simulation sim = Network.builder(Shape.flat(1), 1f).add(d).build().newSimulation(1);
        EventSource src = EventSource.of(10, 1, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, new int[10]);
        for (int n = 1; n <= 4; n++) {
            PresentationResult r = sim.present(src, Presentation.inference().stopWhen(StopCondition.afterSpikes("d", n)));
            assertThat(r.steps()).as("%d spikes", n).isEqualTo(2 * n);
            assertThat(r.outputSpikes(0)).isEqualTo(n);
        }
    }

    /** Records the calls a monitor gets. */
    static final class Calls implements Monitor {
        final List<String> log = new ArrayList<>();

        @Override
        public void onStep(Layer layer, LayerState state, Spikes out, StepContext ctx) {
            log.add("step " + ctx.step());
        }

        @Override
        public void onPresentationStart(int presentation, int steps) {
            log.add("start " + presentation + " " + steps);
        }

        @Override
        public void onPresentationEnd(int presentation) {
            log.add("end " + presentation);
        }
    }

    @Test
    void monitorsSeeEveryPresentationStartStepAndEnd() {
        Simulation sim = chain(1f, 1f).newSimulation(1);
        Calls a = sim.attach("a", new Calls());
        Calls b = sim.attach("b", new Calls());
        sim.present(EventSource.of(2, 2, new int[0], new int[0]));
        sim.present(EventSource.of(1, 2, new int[0], new int[0]));
        List<String> expected = List.of("start 0 2", "step 0", "step 1", "end 0", "start 1 1", "step 0", "end 1");
        assertThat(a.log).isEqualTo(expected);
        assertThat(b.log).isEqualTo(expected);
    }

    /** Layer a's potentials after the presentation. */
    static float[] va(Simulation s) {
        return s.state("a").neurons().get(ConductanceLif.V).clone();
    }

    @Test
    void aRestOfZeroCarriesTheStateOnAlsoThroughAFrozenPrefix() {
        Network net = chain(0.2f, 0.1f);
        Simulation fast = net.newSimulation(1);
        Simulation plain = net.newSimulation(1).fastPaths(false);
        Simulation fresh = net.newSimulation(1);
        for (Simulation s : List.of(fast, plain, fresh)) {
            s.present(drive());
        }
        float[] v1 = va(plain);
        assertThat(v1[0]).isGreaterThan(-65f);
        assertThat(plain.spikeCount(0)).isZero();
        fast.rest(0f);
        plain.rest(0f);
        fast.present(drive());
        plain.present(drive());
        fresh.present(drive());
        assertThat(va(fresh)).as("without a rest: the same start").containsExactly(v1);
        float[] v2 = va(plain);
        assertThat(v2[0]).as("carried on").isGreaterThan(v1[0]);
        assertThat(va(fast)).as("the frozen prefix is run, not replayed").containsExactly(v2);
        assertThat(fast.spikeCount(0)).isEqualTo(plain.spikeCount(0));
        assertThat(fast.spikeCount(1)).isEqualTo(plain.spikeCount(1));
    }

    @Test
    void aRestBeforeTheFirstPresentationChangesNothing() {
        Simulation sim = chain(0.2f, 0.1f).newSimulation(1);
        assertThat(va(sim)).as("a new simulation starts from the model's initial state").containsExactly(-65f, -65f);
        sim.state("a").neurons().get(ConductanceLif.V)[0] = -50f; // written by hand
        sim.rest(1f);
        sim.present(EventSource.of(1, 2, new int[0], new int[0]));
        assertThat(va(sim)).containsExactly(-65f, -65f);
    }

    @Test
    void aSparseLayersNeuronsStartFromTheModelsInitialState() {
        SparseLayer s = SparseLayer.fromCsr("s", Shape.flat(2), Shape.flat(3), new int[] {0, 1, 2}, new int[] {0, 2},
                new float[] {1f, 1f}, new ConductanceLif(P));
        Simulation sim = Network.builder(Shape.flat(2), 0.5f).add(s).build().newSimulation(1);
        assertThat(sim.state("s").neurons().get(ConductanceLif.V)).containsExactly(-65f, -65f, -65f);
    }

    @Test
    void handWrittenThresholdOffsetsAreZeroedAtTheNextPresentationAlsoAfterARest() {
        Simulation sim = chain(0.2f, 0.1f).newSimulation(1);
        sim.present(drive());
        sim.state("a").neurons().thresholdOffset()[1] = 3f;
        sim.rest(2f);
        sim.present(EventSource.of(1, 2, new int[0], new int[0]));
        assertThat(sim.state("a").neurons().thresholdOffset()).containsExactly(0f, 0f);
    }

    /** One layer of 3 ConductanceLif neurons with threshold adaptation (offsets kept across presentations). */
    static Network adapting() {
        DenseLayer d = DenseLayer.builder("d", Shape.flat(2), 3)
                .weights(WeightInit.uniform(0.5f, 3f, 7)).neurons(new ConductanceLif(P)).build();
        return Network.builder(Shape.flat(2), 0.5f).add(d).compete("d", new ThresholdAdaptation(0.05f, 1e4f, 0f))
                .build();
    }

    @Test
    void declaredThresholdOffsetsSurviveARestAsTheySurviveAPresentation() {
        EventSource strong = everyStep(40);
        EventSource silent = EventSource.of(2, 2, new int[0], new int[0]);
        Simulation rested = adapting().newSimulation(1);
        Simulation plain = adapting().newSimulation(1);
        for (Simulation s : List.of(rested, plain)) {
            s.present(strong);
            assertThat(s.spikeCount(0)).isPositive();
        }
        float[] before = rested.state("d").neurons().thresholdOffset().clone();
        assertThat(before).as("offsets written").isNotEqualTo(new float[3]);
        for (int round = 0; round < 2; round++) {
            rested.rest(5f);
            rested.present(silent);
            plain.present(silent);
            assertThat(rested.state("d").neurons().thresholdOffset())
                    .containsExactly(plain.state("d").neurons().thresholdOffset());
        }
        assertThat(rested.state("d").neurons().thresholdOffset()[0]).isPositive();
        assertThat(Arrays.equals(rested.state("d").neurons().thresholdOffset(), new float[3])).isFalse();
    }
}
