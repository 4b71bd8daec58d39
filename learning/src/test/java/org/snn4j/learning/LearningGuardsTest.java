package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;

/**
 * Guards and accessors of the learning module that the behaviour tests pass by (issue 17): every argument check
 * of the read-out reached one at a time, the first-spike record across two layer states, rules driven by hand,
 * padding synapses of the reward-modulated rule, and a zero receptive field in normalisation.
 */
class LearningGuardsTest {

    @Test
    void readoutArgumentsAreCheckedOneAtATime() {
        int[][] counts = {{1, 0}, {0, 2}};
        int[] labels = {0, 1};
        assertThatThrownBy(() -> SpikeCountReadout.assign(counts, labels, 0))
                .hasMessage("nClasses must be > 0, got 0");
        assertThatThrownBy(() -> SpikeCountReadout.assign(counts, new int[] {0}, 2))
                .hasMessage("counts has 2 samples but labels has 1");
        assertThatThrownBy(() -> SpikeCountReadout.assign(new int[0][], new int[0], 2))
                .hasMessage("counts must hold at least one sample, got 0");
        assertThatThrownBy(() -> SpikeCountReadout.assign(new int[][] {{1, 0}, {0}}, labels, 2))
                .hasMessage("counts[1] must have length 2, got 1");
        assertThatThrownBy(() -> SpikeCountReadout.assign(counts, new int[] {0, 2}, 2))
                .hasMessage("labels[1] must be in [0, 2), got 2");
        assertThatThrownBy(() -> SpikeCountReadout.assign(counts, new int[] {-1, 0}, 2))
                .hasMessage("labels[0] must be in [0, 2), got -1");
        assertThatThrownBy(() -> SpikeCountReadout.classify(new int[2], new int[3], 2))
                .hasMessage("counts has length 2 but assignment has length 3");
        // one class is allowed: a neuron that fired gets it, one that never fired gets none
        assertThat(SpikeCountReadout.assign(new int[][] {{3, 0}}, new int[] {0}, 1)).containsExactly(0, -1);
        assertThat(SpikeCountReadout.assign(counts, labels, 2)).containsExactly(0, 1);
        // a class with no labelling sample is never assigned; rates are means per class
        int[][] c3 = {{4, 1}, {2, 1}, {0, 3}};
        assertThat(SpikeCountReadout.assign(c3, new int[] {0, 0, 2}, 3)).containsExactly(0, 2);
        assertThat(SpikeCountReadout.classify(new int[] {1, 5}, new int[] {0, 2}, 3)).isEqualTo(2);
        assertThat(SpikeCountReadout.classify(new int[] {0, 0}, new int[] {0, 2}, 3)).isEqualTo(-1);
    }

    @Test
    void theFirstSpikeRecordFollowsTheStateItIsGiven() {
        ToyDenseLayer layer = new ToyDenseLayer(2, 1);
        LayerState a = layer.newState();
        LayerState b = layer.newState();
        StepContext ctx = new StepContext(1f);
        ctx.begin(4, true);
        // a rule driven by hand: the first record starts the presentation
        FirstSpikeTracker tracker = new FirstSpikeTracker();
        ctx.setStep(0);
        tracker.record(a, Drive.spikes(2, 0), ctx);
        ctx.setStep(1);
        tracker.record(a, Drive.spikes(2, 0, 1), ctx);
        assertThat(tracker.preSteps(a)).containsExactly(0, 1);
        // another state mid-presentation starts a new record
        ctx.setStep(2);
        tracker.record(b, Drive.spikes(2, 1), ctx);
        assertThat(tracker.preSteps(b)).containsExactly(-1, 2);
        // the record no longer belongs to a: its own last-spike steps are used
        a.inputSpikeStep()[0] = 3;
        assertThat(tracker.preSteps(a)).isSameAs(a.inputSpikeStep());
        tracker.endSample();
        assertThat(tracker.preSteps(b)).isSameAs(b.inputSpikeStep());
        // after the end, the next record starts afresh
        ctx.setStep(3);
        tracker.record(b, Drive.spikes(2, 0), ctx);
        assertThat(tracker.preSteps(b)).containsExactly(3, -1);
    }

    @Test
    void windowStdpDrivenByHandEqualsTheEngineOrder() {
        WindowStdp.Parameters p = new WindowStdp.Parameters(2, new StdpRates(0.1f, -0.05f), WeightBounds.unit(), true,
                WindowStdp.Trigger.FIRED);
        SplittableRandom rng = new SplittableRandom(5);
        Spikes[] in = Drive.random(rng, 4, 12, 0.3);
        Spikes[] out = Drive.random(rng, 3, 12, 0.2);
        ToyDenseLayer engine = new ToyDenseLayer(4, 3);
        ToyDenseLayer hand = new ToyDenseLayer(4, 3);
        Arrays.fill(engine.w, 0.5f);
        Arrays.fill(hand.w, 0.5f);
        WindowStdp byEngine = new WindowStdp(p);
        WindowStdp byHand = new WindowStdp(p);
        for (int rep = 0; rep < 2; rep++) {
            Drive.present(byEngine, engine, engine.newState(), in, out, 0f, 1f);
            LayerState st = hand.newState();
            StepContext ctx = new StepContext(1f);
            ctx.begin(in.length, true);
            List<Winner> winners = new ArrayList<>();
            for (int t = 0; t < in.length; t++) {
                ctx.setStep(t);
                for (int k = 0; k < in[t].count(); k++) {
                    st.inputSpikeStep()[in[t].get(k)] = t; // what the layer does
                }
                byHand.afterStep(hand, st, in[t], out[t], winners, ctx);
            }
            byHand.afterSample(hand, st, winners, 0f);
            assertThat(hand.w).as("presentation %d", rep).containsExactly(engine.w);
        }
        assertThat(engine.w).isNotEqualTo(new float[12]);
        assertThat(byHand.parameters()).isSameAs(p);
    }

    @Test
    void paddingSynapsesNeverGatherEligibilityOrReward() {
        EligibilityRStdp.Parameters p = new EligibilityRStdp.Parameters(5f, 5f, 50f, new StdpRates(0.2f, -0.1f), 0.5f,
                WeightBounds.unit());
        EligibilityRStdp rule = new EligibilityRStdp(p);
        assertThat(rule.parameters()).isSameAs(p);
        ExponentialStdpEdgesTest.PaddedLayer layer = new ExponentialStdpEdgesTest.PaddedLayer(2, 2);
        layer.pad[0] = 7f;
        layer.pad[1] = -3f;
        Arrays.fill(layer.inner.w, 0.5f);
        Spikes[] in = Drive.none(2, 6);
        Spikes[] out = Drive.none(2, 6);
        in[0].add(0);
        in[3].add(1);
        out[1].add(0);
        out[1].add(1);
        in[5].add(0);
        Drive.present(rule, layer, layer.newState(), in, out, 0.75f, 1f);
        assertThat(layer.pad).containsExactly(7f, -3f);
        assertThat(layer.inner.w).isNotEqualTo(new float[] {0.5f, 0.5f, 0.5f, 0.5f});
        Drive.present(rule, layer, layer.newState(), in, out, -0.5f, 1f);
        assertThat(layer.pad).containsExactly(7f, -3f);
    }

    @Test
    void accessorsOfTheWinnerRules() {
        BinaryStdp on = new BinaryStdp(3, new StdpRates(0.1f, -0.1f), new WeightBounds(-1f, 2f), true,
                RateSchedule.constant());
        BinaryStdp off = new BinaryStdp(1, new StdpRates(0.1f, -0.1f), WeightBounds.unit(), false,
                RateSchedule.constant());
        assertThat(on.channels()).isEqualTo(3);
        assertThat(on.bounds()).isEqualTo(new WeightBounds(-1f, 2f));
        assertThat(on.stabiliser()).isTrue();
        assertThat(off.stabiliser()).isFalse();
        assertThat(on.learnsFromWinnersOnly()).isTrue();
        StdpRates r = new StdpRates(0.3f, -0.2f);
        assertThat(RateSchedule.constant().next(7, r)).isSameAs(r);
    }

    @Test
    void aRewardLeavesSynapsesWithoutEligibilityAloneEvenOutsideTheBounds() {
        EligibilityRStdp rule = new EligibilityRStdp(new EligibilityRStdp.Parameters(5f, 5f, 50f,
                new StdpRates(0.2f, -0.1f), 0.5f, WeightBounds.unit()));
        ToyDenseLayer layer = new ToyDenseLayer(2, 1);
        layer.set(0, 0, 1.5f); // pre 0 never fires: no eligibility, above the bound 1
        layer.set(1, 0, 0.5f);
        Spikes[] in = Drive.none(2, 4);
        Spikes[] out = Drive.none(1, 4);
        in[0].add(1);
        out[2].add(0);
        Drive.present(rule, layer, layer.newState(), in, out, 1f, 1f);
        assertThat(layer.get(0, 0)).isEqualTo(1.5f);
        assertThat(layer.get(1, 0)).isGreaterThan(0.5f);
    }

    @Test
    void aNormalisationTargetMustBeFinite() {
        ToyDenseLayer l = new ToyDenseLayer(2, 1);
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> WeightNormalisation.normalise(l, l.newState(), 0, bad))
                    .hasMessage("target must be finite, got " + bad);
        }
        assertThatThrownBy(() -> WeightNormalisation.normalise(l, l.newState(), 1, 1f))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aSilentReceptiveFieldIsNotScaled() {
        ToyDenseLayer l = new ToyDenseLayer(3, 2);
        l.set(0, 1, 0.5f);
        assertThat(WeightNormalisation.normalise(l, l.newState(), 0, 3f)).isZero();
        assertThat(l.get(0, 0)).isZero();
        assertThat(l.get(1, 0)).isZero();
        assertThat(l.get(2, 0)).isZero();
        assertThat(l.get(0, 1)).isEqualTo(0.5f);
    }
}
