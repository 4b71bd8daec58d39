package org.snn4j.competition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;

/**
 * Hand-computed cases for the small competitions and the combinators ({@code andThen}, {@code whileLearning}):
 * non-trivial parameters, several neurons, and calls that must reach (or must not reach) every part.
 */
class CompetitionPartsTest {

    private static LayerState state(Shape out) {
        Lif lif = new Lif(LifParameters.defaults());
        return new LayerState(Shape.flat(3), out, new NeuronState(out.size(), lif.stateVariables()));
    }

    private static Spikes spikes(int n, int... idx) {
        Spikes s = new Spikes(n);
        for (int i : idx) {
            s.add(i);
        }
        return s;
    }

    private static StepContext ctx(int step, boolean learning) {
        StepContext c = new StepContext(0.5f);
        c.begin(50, learning);
        c.setStep(step);
        return c;
    }

    @Test
    void resetFiredResetsOnlyTheFiredNeuronsAndStampsTheStep() {
        LayerState st = state(Shape.flat(5));
        float[] v = st.potentials();
        float[] init = {-40f, -41f, -42f, -43f, -44f};
        System.arraycopy(init, 0, v, 0, 5);
        int[] upd = st.neurons().lastUpdateStep();
        java.util.Arrays.fill(upd, 2);
        new ResetFired(-61.5f).apply(st, spikes(5, 3, 1), ctx(9, true), new ArrayList<>());
        assertThat(v).containsExactly(-40f, -61.5f, -42f, -61.5f, -44f);
        assertThat(upd).containsExactly(2, 9, 2, 9, 2);
        assertThat(new ResetFired(0f).settled(st, ctx(0, true), List.of())).isTrue();
        assertThatThrownBy(() -> new ResetFired(Float.NaN)).hasMessage("resetMv must be finite, got NaN");
        LayerState none = new LayerState(Shape.flat(2), Shape.flat(2), null);
        assertThatThrownBy(() -> new ResetFired(0f).apply(none, spikes(2, 1), ctx(0, true), new ArrayList<>()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ResetFired");
        // no spike: nothing touched, even without neurons
        new ResetFired(0f).apply(none, spikes(2), ctx(0, true), new ArrayList<>());
    }

    @Test
    void twoThresholdHomeostasisRaisesOffsetsAboveTheLearningThresholdOnly() {
        Shape out = new Shape(2, 1, 3);
        LayerState st = state(out);
        float[] v = st.potentials();
        float[] off = st.neurons().thresholdOffset();
        // learning threshold = 1.5 * (10 + off): neuron 0 (off 0) needs 15, neuron 4 (off 2) needs 18
        v[0] = 15f;     // exactly at 1.5 * 10: selected
        v[1] = 14.9f;   // below: not selected
        v[4] = 17.9f;   // above 15 but below 1.5 * (10 + 2) = 18: not selected
        v[5] = 19f;     // below 1.5 * (10 + 3.5) = 20.25: not selected
        off[4] = 2f;
        off[5] = 3.5f;
        v[3] = 30f;     // 1.5 * (10 + 0.5) = 15.75 <= 30: selected; its offset is capped at 0.75
        off[3] = 0.5f;
        List<Winner> winners = new ArrayList<>();
        TwoThresholdHomeostasis h = new TwoThresholdHomeostasis(10f, 1.5f, 0.4f, 0.75f, true);
        h.apply(st, spikes(6, 5, 0, 1, 4, 3), ctx(7, true), winners);
        assertThat(off).containsExactly(0.4f, 0f, 0f, 0.75f, 2f, 3.5f);
        assertThat(winners).containsExactly(new Winner(0, 0, 0, 0, 7, 15f), new Winner(3, 1, 0, 0, 7, 30f));
        // without selection the offsets move the same but no winner is listed
        List<Winner> none = new ArrayList<>();
        v[0] = 20f; // 1.5 * (10 + 0.4) = 15.6 <= 20
        new TwoThresholdHomeostasis(10f, 1.5f, 0.4f, 5f, false).apply(st, spikes(6, 0), ctx(8, true), none);
        assertThat(off[0]).isEqualTo(0.8f);
        assertThat(none).isEmpty();
        assertThat(h.keepsThresholdOffset()).isTrue();
        assertThat(h.settled(st, ctx(0, true), List.of())).isFalse();
    }

    @Test
    void twoThresholdHomeostasisRefusesBadParametersByName() {
        assertThatThrownBy(() -> new TwoThresholdHomeostasis(Float.POSITIVE_INFINITY, 1f, 0f, 0f, false))
                .hasMessage("firingThresholdMv must be finite, got Infinity");
        assertThatThrownBy(() -> new TwoThresholdHomeostasis(1f, 0.99f, 0f, 0f, false))
                .hasMessage("learningFactor must be finite and >= 1, got 0.99");
        assertThatThrownBy(() -> new TwoThresholdHomeostasis(1f, Float.POSITIVE_INFINITY, 0f, 0f, false))
                .hasMessageStartingWith("learningFactor");
        assertThatThrownBy(() -> new TwoThresholdHomeostasis(1f, Float.NaN, 0f, 0f, false))
                .hasMessageStartingWith("learningFactor");
        assertThatThrownBy(() -> new TwoThresholdHomeostasis(1f, 1f, -0.1f, 0f, false))
                .hasMessage("incrementMv must be finite and >= 0, got -0.1");
        assertThatThrownBy(() -> new TwoThresholdHomeostasis(1f, 1f, Float.POSITIVE_INFINITY, 0f, false))
                .hasMessageStartingWith("incrementMv");
        assertThatThrownBy(() -> new TwoThresholdHomeostasis(1f, 1f, 0f, -1f, false))
                .hasMessage("maxOffsetMv must be >= 0, got -1.0");
        assertThatThrownBy(() -> new TwoThresholdHomeostasis(1f, 1f, 0f, Float.NaN, false))
                .hasMessageStartingWith("maxOffsetMv");
        // the boundaries themselves are accepted
        assertThat(new TwoThresholdHomeostasis(1f, 1f, 0f, 0f, false).learningFactor()).isEqualTo(1f);
        assertThat(new TwoThresholdHomeostasis(1f, 1f, 0f, Float.POSITIVE_INFINITY, false).maxOffsetMv())
                .isEqualTo(Float.POSITIVE_INFINITY);
    }

    /** Records every call so that a combinator's forwarding can be checked call by call. */
    private static final class Probe implements Competition {
        final List<String> calls;
        final String name;
        final boolean inhibits;
        final boolean keeps;
        final boolean settled;

        Probe(List<String> calls, String name, boolean inhibits, boolean keeps, boolean settled) {
            this.calls = calls;
            this.name = name;
            this.inhibits = inhibits;
            this.keeps = keeps;
            this.settled = settled;
        }

        @Override
        public void apply(LayerState state, Spikes fired, StepContext ctx, List<Winner> winners) {
            calls.add(name + ".apply");
        }

        @Override
        public void onPresentationStart(LayerState state, StepContext ctx) {
            calls.add(name + ".start");
        }

        @Override
        public void onPresentationEnd(LayerState state, StepContext ctx, List<Winner> winners) {
            calls.add(name + ".end");
        }

        @Override
        public boolean sendsInhibition() {
            return inhibits;
        }

        @Override
        public boolean keepsThresholdOffset() {
            return keeps;
        }

        @Override
        public boolean settled(LayerState state, StepContext ctx, List<Winner> winners) {
            calls.add(name + ".settled");
            return settled;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @Test
    void andThenForwardsEveryCallToBothPartsInOrder() {
        List<String> calls = new ArrayList<>();
        LayerState st = state(Shape.flat(2));
        StepContext c = ctx(1, false);
        Competition chain = new Probe(calls, "a", false, false, true).andThen(new Probe(calls, "b", false, false, true));
        chain.onPresentationStart(st, c);
        chain.apply(st, spikes(2, 0), c, new ArrayList<>());
        chain.onPresentationEnd(st, c, new ArrayList<>());
        assertThat(chain.settled(st, c, List.of())).isTrue();
        assertThat(calls).containsExactly("a.start", "b.start", "a.apply", "b.apply", "a.end", "b.end",
                "a.settled", "b.settled");
        assertThat(chain.toString()).isEqualTo("a then b");
        assertThat(chain.parts()).extracting(Object::toString).containsExactly("a", "b");
        Competition three = chain.andThen(new Probe(calls, "c", false, false, true));
        assertThat(three.parts()).extracting(Object::toString).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> chain.andThen(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void andThenCombinesTheFlagsOfBothParts() {
        List<String> calls = new ArrayList<>();
        LayerState st = state(Shape.flat(2));
        StepContext c = ctx(1, true);
        for (int mask = 0; mask < 8; mask++) {
            boolean x = (mask & 1) != 0;
            boolean y = (mask & 2) != 0;
            boolean z = (mask & 4) != 0;
            Competition first = new Probe(calls, "a", x, y, z);
            Competition second = new Probe(calls, "b", y, z, x);
            Competition chain = first.andThen(second);
            assertThat(chain.sendsInhibition()).as("inhibition %d", mask).isEqualTo(x || y);
            assertThat(chain.keepsThresholdOffset()).as("offsets %d", mask).isEqualTo(y || z);
            assertThat(chain.settled(st, c, List.of())).as("settled %d", mask).isEqualTo(z && x);
        }
    }

    @Test
    void whileLearningForwardsOnlyDuringLearningPresentations() {
        List<String> calls = new ArrayList<>();
        LayerState st = state(Shape.flat(2));
        Competition w = Competition.whileLearning(new Probe(calls, "p", true, true, false));
        StepContext test = ctx(2, false);
        w.onPresentationStart(st, test);
        w.apply(st, spikes(2, 1), test, new ArrayList<>());
        w.onPresentationEnd(st, test, new ArrayList<>());
        assertThat(w.settled(st, test, List.of())).as("settled while testing").isTrue();
        assertThat(calls).isEmpty();
        StepContext learn = ctx(2, true);
        w.onPresentationStart(st, learn);
        w.apply(st, spikes(2, 1), learn, new ArrayList<>());
        w.onPresentationEnd(st, learn, new ArrayList<>());
        assertThat(w.settled(st, learn, List.of())).as("the inner competition decides while learning").isFalse();
        assertThat(calls).containsExactly("p.start", "p.apply", "p.end", "p.settled");
        // and a settled inner competition makes it settled while learning (the mutant of `!learning || settled`
        // that drops the inner answer returns false here, and agrees with the false inner above)
        List<String> settledCalls = new ArrayList<>();
        Competition done = Competition.whileLearning(new Probe(settledCalls, "s", false, false, true));
        assertThat(done.settled(st, learn, List.of())).as("settled inner while learning").isTrue();
        assertThat(done.settled(st, test, List.of())).as("settled inner while testing").isTrue();
        assertThat(settledCalls).containsExactly("s.settled");
        assertThat(w.sendsInhibition()).isTrue();
        assertThat(w.keepsThresholdOffset()).isTrue();
        assertThat(Competition.whileLearning(new Probe(calls, "q", false, false, true)).sendsInhibition()).isFalse();
        assertThat(Competition.whileLearning(new Probe(calls, "q", false, false, true)).keepsThresholdOffset())
                .isFalse();
        assertThat(w.toString()).isEqualTo("whileLearning(p)");
        assertThatThrownBy(() -> Competition.whileLearning(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void lateralInhibitionAddsOnePerOtherSpikeAcrossSteps() {
        org.snn4j.neuron.ConductanceLif m = new org.snn4j.neuron.ConductanceLif(
                org.snn4j.neuron.ConductanceLifParameters.diehlCook2015());
        LayerState st = new LayerState(Shape.flat(3), Shape.flat(4), new NeuronState(4, m.stateVariables()));
        LateralInhibition li = new LateralInhibition();
        li.apply(st, spikes(4, 2, 0), ctx(0, true), new ArrayList<>());
        float[] inh = st.neurons().inhibition();
        assertThat(inh).containsExactly(1f, 2f, 1f, 2f);
        li.apply(st, spikes(4, 3), ctx(1, true), new ArrayList<>());
        assertThat(inh).containsExactly(2f, 3f, 2f, 2f);
        assertThat(li.sendsInhibition()).isTrue();
        assertThat(li.toString()).isEqualTo("LateralInhibition");
    }

    @Test
    void competitionsOnALayerWithoutPotentialsSayWhatIsMissing() {
        LayerState none = new LayerState(Shape.flat(2), Shape.flat(2), null);
        LayerState noVars = new LayerState(Shape.flat(2), Shape.flat(2), new NeuronState(2, List.of()));
        assertThatThrownBy(() -> new WinnerTakeAll(0f, 0).apply(none, spikes(2, 1), ctx(0, true), new ArrayList<>()))
                .hasMessage("WinnerTakeAll needs a layer with neurons, got a state with no neurons (output 1x1x2)");
        assertThatThrownBy(() -> new WinnerTakeAll(0f, 0).apply(noVars, spikes(2, 1), ctx(0, true), new ArrayList<>()))
                .hasMessage("WinnerTakeAll needs a layer with neurons, got a state with no state variables"
                        + " (output 1x1x2)");
        assertThatThrownBy(() -> new KWinnersTakeAll(1, 0).apply(noVars, spikes(2, 0), ctx(0, true), new ArrayList<>()))
                .hasMessage("KWinnersTakeAll needs a layer with neurons, got a state with no state variables"
                        + " (output 1x1x2)");
        assertThatThrownBy(() -> new PointwiseInhibition().apply(none, spikes(2, 0), ctx(0, true), new ArrayList<>()))
                .hasMessageStartingWith("PointwiseInhibition needs a layer with neurons");
        assertThatThrownBy(() -> new TwoThresholdHomeostasis(1f, 1f, 0f, 0f, false)
                .apply(none, spikes(2, 0), ctx(0, true), new ArrayList<>()))
                .hasMessageStartingWith("TwoThresholdHomeostasis needs a layer with neurons");
        // nothing fired: nothing is read, so no error
        List<Winner> w = new ArrayList<>();
        new WinnerTakeAll(0f, 0).apply(none, spikes(2), ctx(0, true), w);
        new KWinnersTakeAll(1, 0).apply(none, spikes(2), ctx(0, true), w);
        new PointwiseInhibition().apply(none, spikes(2), ctx(0, true), w);
        new TwoThresholdHomeostasis(1f, 1f, 0f, 0f, true).apply(none, spikes(2), ctx(0, true), w);
        new LateralInhibition().apply(none, spikes(2), ctx(0, true), w);
        assertThat(w).isEmpty();
        assertThatThrownBy(() -> new WinnerTakeAll(Float.NaN, 0)).hasMessage("resetMv must be finite, got NaN");
        assertThatThrownBy(() -> new WinnerTakeAll(0f, -1)).hasMessage("refractorySteps must be >= 0, got -1");
    }

    /** k-WTA over maps: a channel wins once, and with a radius its neighbours in every map are excluded too. */
    @Test
    void kWinnersExcludeTheWinnersChannelAndNeighbourhood() {
        Shape out = new Shape(3, 3, 3);
        LayerState st = state(out);
        float[] v = st.potentials();
        java.util.Arrays.fill(v, -100f);
        // channel 0 at (0,0) highest; channel 0 at (2,2) second (same channel: excluded); channel 1 at (1,1)
        // third (inside radius 1 of (0,0): excluded with radius 1, allowed with radius 0); channel 2 at (2,2)
        // fourth; channel 1 at (0,2) fifth (outside radius 1 of both (0,0) and (2,2))
        v[out.index(0, 0, 0)] = 9f;
        v[out.index(0, 2, 2)] = 8f;
        v[out.index(1, 1, 1)] = 7f;
        v[out.index(2, 2, 2)] = 6f;
        v[out.index(1, 0, 2)] = 5f;
        int[] fired = {out.index(2, 2, 2), out.index(1, 1, 1), out.index(0, 2, 2), out.index(0, 0, 0),
            out.index(1, 0, 2)};
        List<Winner> r1 = new ArrayList<>();
        new KWinnersTakeAll(3, 1).apply(st, spikes(27, fired), ctx(4, true), r1);
        assertThat(r1).containsExactly(new Winner(0, 0, 0, 0, 4, 9f), new Winner(out.index(2, 2, 2), 2, 2, 2, 4, 6f),
                new Winner(out.index(1, 0, 2), 1, 0, 2, 4, 5f));
        List<Winner> r0 = new ArrayList<>();
        new KWinnersTakeAll(3, 0).apply(st, spikes(27, fired), ctx(4, true), r0);
        assertThat(r0).containsExactly(new Winner(0, 0, 0, 0, 4, 9f), new Winner(out.index(1, 1, 1), 1, 1, 1, 4, 7f),
                new Winner(out.index(2, 2, 2), 2, 2, 2, 4, 6f));
        assertThat(new KWinnersTakeAll(3, 0).settled(st, ctx(4, true), r0)).isTrue();
        assertThat(new KWinnersTakeAll(4, 0).settled(st, ctx(4, true), r0)).as("3 channels, 3 winners").isTrue();
        assertThat(new KWinnersTakeAll(4, 1).settled(st, ctx(4, true), r1.subList(0, 2))).isFalse();
        assertThat(new KWinnersTakeAll(2, 1).settled(st, ctx(4, true), r1.subList(0, 2))).isTrue();
        // removeLosers: every fired non-winner is inhibited from the next step on
        Spikes f = spikes(27, fired);
        List<Winner> r2 = new ArrayList<>();
        new KWinnersTakeAll(2, 0, true).apply(st, f, ctx(4, true), r2);
        assertThat(f.toSortedArray()).containsExactly(0, out.index(1, 1, 1));
        assertThat(st.inhibitedUntil()[out.index(2, 2, 2)]).isEqualTo(5);
        assertThat(st.inhibitedUntil()[out.index(0, 2, 2)]).isEqualTo(5);
        assertThat(st.inhibitedUntil()[0]).isZero();
    }

    /** Negative potentials, ties in spike order, stale entries past the spike count, inhibition ending now. */
    @Test
    void kWinnersOnNegativeTiedPotentialsAndRemovingLosersExactly() {
        Shape out = new Shape(4, 1, 2);
        LayerState st = state(out);
        float[] v = st.potentials();
        java.util.Arrays.fill(v, -70f);
        v[2] = -55f; // channel 1
        v[6] = -55f; // channel 3, tied with neuron 2 but listed first
        v[4] = -60f; // channel 2
        Spikes f = spikes(8, 6, 4, 2, 7);
        assertThat(f.remove(7)).isTrue(); // leaves 7 as a stale entry past the count
        st.inhibitedUntil()[4] = 3; // ends exactly at this step: inhibited again from the next one
        List<Winner> w = new ArrayList<>();
        new KWinnersTakeAll(1, 0, true).apply(st, f, ctx(3, true), w);
        assertThat(w).containsExactly(new Winner(2, 1, 0, 0, 3, -55f));
        assertThat(f.toSortedArray()).containsExactly(2);
        assertThat(st.inhibitedUntil()[6]).isEqualTo(4);
        assertThat(st.inhibitedUntil()[4]).isEqualTo(4);
        assertThat(st.inhibitedUntil()[7]).as("not fired: untouched").isZero();
        assertThat(st.inhibitedUntil()[2]).isZero();
        List<Winner> two = new ArrayList<>();
        new KWinnersTakeAll(2, 0).apply(st, spikes(8, 6, 4, 2), ctx(3, true), two);
        assertThat(two).extracting(Winner::neuron).containsExactly(2, 6);
        assertThatThrownBy(() -> new KWinnersTakeAll(1, 0).apply(new LayerState(Shape.flat(2), Shape.flat(2), null),
                spikes(2, 0), ctx(0, true), new ArrayList<>()))
                .hasMessage("KWinnersTakeAll needs a layer with neurons, got a state with no neurons (output 1x1x2)");
        assertThat(new PointwiseInhibition().toString()).isEqualTo("PointwiseInhibition");
    }

    @Test
    void thresholdAdaptationDecaysOverThePresentedTimeAndTheRest() {
        LayerState st = state(Shape.flat(3));
        ThresholdAdaptation th = new ThresholdAdaptation(0.5f, 100f, 10f);
        th.apply(st, spikes(3, 2, 0), ctx(4, true), new ArrayList<>());
        th.apply(st, spikes(3, 2), ctx(5, true), new ArrayList<>());
        float[] off = st.neurons().thresholdOffset();
        assertThat(off).containsExactly(0.5f, 0f, 1f);
        StepContext c = new StepContext(0.5f);
        c.begin(40, true);
        c.setStep(9); // 10 steps of 0.5 ms = 5 ms, plus 10 ms of rest
        th.onPresentationEnd(st, c, List.of());
        float f = (float) Math.exp(-15.0 / 100.0);
        assertThat(off[0]).isCloseTo(0.5f * f, within(1e-6f));
        assertThat(off[2]).isCloseTo(f, within(1e-6f));
        assertThat(off[1]).isZero();
        LayerState none = new LayerState(Shape.flat(2), Shape.flat(2), null);
        th.apply(none, spikes(2), ctx(0, true), new ArrayList<>()); // nothing fired: nothing read
        assertThatThrownBy(() -> th.apply(none, spikes(2, 1), ctx(0, true), new ArrayList<>()))
                .hasMessage("ThresholdAdaptation needs a layer with neurons, got output 1x1x2 without");
    }
}
