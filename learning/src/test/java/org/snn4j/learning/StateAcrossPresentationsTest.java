package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.competition.WinnerTakeAll;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.LearningRule;
import org.snn4j.layer.WeightInit;
import org.snn4j.network.Network;
import org.snn4j.network.PresentationResult;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.ResetMode;
import org.snn4j.neuron.PerfectIf;

/**
 * State across presentations, through the public Network / Simulation API: the second presentation of a
 * simulation that has already seen one must give exactly what a fresh simulation (fresh layer state, fresh
 * rule) gives from the same weights. A layer or rule that forgets to reset its per-presentation state (the
 * dense layer's fired-once marks and membrane, WindowStdp's pre-synaptic marks, RewardModulatedStdp's first
 * input spikes) fails this; the presentations are chosen so that the first leaves that state non-empty.
 */
class StateAcrossPresentationsTest {
    private static final int IN = 24;
    private static final int OUT = 4;
    private static final int STEPS = 10;

    private static EventSource pattern(long seed, double p) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] steps = new int[IN * STEPS];
        int[] idx = new int[IN * STEPS];
        int n = 0;
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < IN; i++) {
                if (r.nextDouble() < p) {
                    steps[n] = t;
                    idx[n++] = i;
                }
            }
        }
        return EventSource.of(STEPS, IN, Arrays.copyOf(steps, n), Arrays.copyOf(idx, n));
    }

    private static DenseLayer layer(boolean lif) {
        DenseLayer.Builder b = DenseLayer.builder("d", new Shape(1, 4, 6), OUT)
                .weights(WeightInit.uniform(0.1f, 0.9f, 5));
        if (lif) {
            b.neurons(new Lif(new LifParameters(8f, -2f, -3f, 2.5f, 1f, 1f, ResetMode.TO_VALUE)));
        } else {
            b.neurons(PerfectIf.latencyCoded(2.0f));
        }
        return b.build();
    }

    private record Run(float[] weights, String result) {
    }

    /** Presents {@code first} then {@code second} (learning, reward 1) and returns the final weights and result. */
    private static Run twice(Supplier<LearningRule> rule, boolean lif, float[] startWeights, EventSource first,
                             EventSource second) {
        DenseLayer d = layer(lif);
        if (startWeights != null) {
            System.arraycopy(startWeights, 0, d.weights(), 0, startWeights.length);
        }
        Network.Builder nb = Network.builder(d.inputShape(), 1f).add(d);
        if (!lif) {
            nb.compete("d", new WinnerTakeAll(0f, STEPS));
        }
        LearningRule r = rule == null ? null : rule.get();
        if (r != null) {
            nb.learn("d", r);
        }
        Simulation sim = nb.build().newSimulation(3);
        String last = null;
        for (EventSource src : first == null ? new EventSource[] {second} : new EventSource[] {first, second}) {
            PresentationResult res = sim.present(src, r != null);
            last = describe(res);
            if (r != null) {
                sim.learn(1f);
            }
        }
        return new Run(d.weights().clone(), last);
    }

    private static String describe(PresentationResult r) {
        return r.winners(0) + " spikes=" + r.outputSpikes(0) + " steps=" + r.steps();
    }

    /** Runs the check for one rule (or none) and one neuron kind; returns the fresh run for further checks. */
    private static Run check(Supplier<LearningRule> rule, boolean lif) {
        EventSource a = pattern(11, 0.35);
        EventSource b = pattern(12, 0.25);
        Run afterA = twice(rule, lif, null, null, a);
        Run both = twice(rule, lif, null, a, b);
        Run fresh = twice(rule, lif, afterA.weights(), null, b);
        assertThat(both.result()).isEqualTo(fresh.result());
        assertThat(both.weights()).containsExactly(fresh.weights());
        return fresh;
    }

    @Test
    void denseFireOnceLayerWithWinnerTakeAllStartsEachPresentationAfresh() {
        Run r = check(null, false);
        assertThat(r.result()).startsWith("[Winner[");
    }

    @Test
    void denseLifLayerStartsEachPresentationAfresh() {
        Run r = check(null, true);
        assertThat(r.result()).doesNotContain("spikes=0 ");
    }

    @Test
    void windowStdpClearsItsPresynapticMarksBetweenPresentations() {
        Supplier<LearningRule> rule = () -> new WindowStdp(new WindowStdp.Parameters(3, new StdpRates(0.05f, -0.02f),
                WeightBounds.unit(), true, WindowStdp.Trigger.FIRED));
        Run r = check(rule, true);
        assertThat(r.result()).doesNotContain("spikes=0 ");
    }

    @Test
    void rewardModulatedStdpRecordsFirstSpikesAfreshEachPresentation() {
        Supplier<LearningRule> rule = () -> new RewardModulatedStdp(1, new StdpRates(0.05f, -0.03f),
                new StdpRates(-0.04f, 0.01f), new WeightBounds(0.05f, 0.95f), false);
        Run r = check(rule, false);
        assertThat(r.result()).startsWith("[Winner[");
    }

    @Test
    void binaryStdpStartsEachPresentationAfresh() {
        Supplier<LearningRule> rule = () -> new BinaryStdp(1, new StdpRates(0.05f, -0.03f), WeightBounds.unit(), true,
                RateSchedule.constant());
        check(rule, false);
    }

    @Test
    void rewardModulatedStdpForgetsAPresentationThatWasNeverLearnedFrom() {
        // present(learning) without learn(): afterSample never ends the first-spike record, so only
        // onPresentationStart can clear it before the next presentation
        EventSource a = pattern(21, 0.35);
        EventSource b = pattern(22, 0.25);
        float[][] weights = new float[2][];
        for (int variant = 0; variant < 2; variant++) {
            DenseLayer d = layer(false);
            Simulation sim = Network.builder(d.inputShape(), 1f).add(d).compete("d", new WinnerTakeAll(0f, STEPS))
                    .learn("d", new RewardModulatedStdp(1, new StdpRates(0.05f, -0.03f), new StdpRates(-0.04f, 0.01f),
                            new WeightBounds(0.05f, 0.95f), false))
                    .build().newSimulation(3);
            if (variant == 1) {
                sim.present(a, true); // weights unchanged: the rule writes only in afterSample
            }
            assertThat(sim.present(b, true).winners(0)).isNotEmpty();
            sim.learn(1f);
            weights[variant] = d.weights().clone();
        }
        assertThat(weights[1]).containsExactly(weights[0]);
    }
}
