package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.CurrentSource;
import org.snn4j.NeuronState;
import org.snn4j.SpikeCalendar;
import org.snn4j.Spikes;

/**
 * {@link BiasedIf}'s event calendar with numbers worked out by hand: spike steps and potentials of every reset mode
 * on the event-driven path (threshold offsets, a reset value other than 0, a step other than 1, a bound step), the
 * dense/event switch at both sides of its fractions, the bookkeeping it leaves (carried neurons, bookings), many
 * spikes of one step put in neuron order after spikes already in the output, and the crossing search where the
 * real-number estimate is several steps off (currents below an ulp of the potential).
 */
class BiasedIfCalendarTest {

    /** Threshold 1, reset value -0.25, strict comparison; 64 neurons so the event path holds up to 8 a step. */
    private static PerfectIfParameters params(ResetMode mode) {
        return new PerfectIfParameters(1f, -0.25f, mode, 0f, false, ThresholdComparison.GREATER);
    }

    /** Steps a model 30 steps (event-driven model through stepTouched, else step); returns spike steps per neuron. */
    private static List<List<Integer>> run30(NeuronModel m, NeuronState s, float dtArg, int[] watch) {
        int n = s.size();
        List<List<Integer>> steps = new ArrayList<>();
        for (int w : watch) {
            steps.add(new ArrayList<>());
        }
        Spikes out = new Spikes(n);
        for (int t = 0; t < 30; t++) {
            float[] in = new float[n];
            int[] touched = new int[0];
            if (t == 10 || t == 12) {
                in[30] = 0.75f;         // neuron 30 (no current): 0.5 after the first input, 1.25 (fires) after the second
                touched = new int[] {30};
            }
            out.clear();
            if (m.closedForm()) {
                m.stepTouched(s, in, touched, touched.length, dtArg, t, out);
                assertThat(s.calendar().dense()).as("step %d stays event-driven", t).isFalse();
            } else {
                m.step(s, in, null, dtArg, t, out);
            }
            for (int k = 0; k < out.count(); k++) {
                for (int w = 0; w < watch.length; w++) {
                    if (out.get(k) == watch[w]) {
                        steps.get(w).add(t);
                    }
                }
            }
            if (t == 11) {
                m.advanceTo(s, dtArg, 11);
                assertThat(s.get(BiasedIf.V)[30]).as("neuron 30 after its first input").isEqualTo(0.5f);
            }
        }
        return steps;
    }

    @Test
    void everyResetModeGivesTheHandWorkedSpikeStepsAndPotentials() {
        // neuron 5: I = 0.75 mV/ms at dt 0.5 (c = 0.375 a step), threshold offset 0.5 (theta 1.5), from -0.25 at
        // step -1. Every value is a multiple of 1/8, so the float arithmetic is exact.
        // SUBTRACT (by theta - vReset = 1.75): -0.25 + 0.375 n > 1.5 first at n = 5 (step 4, 1.625 -> -0.125);
        // then n = 5 (step 9, 1.75 -> 0), n = 5 (step 14: at n = 4 it is exactly 1.5, not above; 1.875 -> 0.125),
        // n = 4 (step 18, 1.625 -> -0.125), step 23 (-> 0), step 28 (-> 0.125); at step 29: 0.125 + 0.375 = 0.5.
        // TO_VALUE: every 5 steps from step 4, back to -0.25; at step 29 (spike): -0.25.
        // NONE: 1.625 at step 4 stays above 1.5, so it fires at every step; at step 29: 1.625 + 25 * 0.375 = 11.
        // Neuron 9 (I = -0.5, c = -0.25): -0.25 - 0.25 * 30 = -7.75 at step 29; neuron 2 (I = 0) stays at -0.25.
        // Neuron 30 (no current, threshold 1): inputs of 0.75 at steps 10 and 12 give -0.25 + 0.75 = 0.5, then
        // 1.25 > 1: a spike at step 12, then 1.25 - 1.25 = 0 / -0.25 / stays 1.25 (fires at every later step).
        float[] current = new float[64];
        current[5] = 0.75f;
        current[9] = -0.5f;
        ResetMode[] modes = {ResetMode.SUBTRACT, ResetMode.TO_VALUE, ResetMode.NONE};
        List<List<Integer>> five = List.of(List.of(4, 9, 14, 18, 23, 28), List.of(4, 9, 14, 19, 24, 29),
                range(4, 30));
        List<List<Integer>> thirty = List.of(List.of(12), List.of(12), range(12, 30));
        float[] v5 = {0.5f, -0.25f, 11f};
        float[] v30 = {0f, -0.25f, 1.25f};
        for (int k = 0; k < modes.length; k++) {
            BiasedIf model = new BiasedIf(params(modes[k]), CurrentSource.constant(current), true);
            // bound to 0.5 ms: the step argument (1 ms) is not read; the clock-driven model takes it as argument
            NeuronModel[] both = {model.bind(0.5f), model.withEventDriven(false)};
            float[] dtArg = {1f, 0.5f};
            for (int j = 0; j < 2; j++) {
                NeuronState s = new NeuronState(64, model.stateVariables());
                both[j].initialise(s);
                s.thresholdOffset()[5] = 0.5f;
                List<List<Integer>> spikes = run30(both[j], s, dtArg[j], new int[] {5, 30, 9, 2});
                String what = modes[k] + (j == 0 ? " event-driven" : " clock-driven");
                assertThat(spikes.get(0)).as("%s: neuron 5", what).isEqualTo(five.get(k));
                assertThat(spikes.get(1)).as("%s: neuron 30", what).isEqualTo(thirty.get(k));
                assertThat(spikes.get(2)).as("%s: neuron 9", what).isEmpty();
                assertThat(spikes.get(3)).as("%s: neuron 2", what).isEmpty();
                both[j].advanceTo(s, dtArg[j], 29);
                float[] v = s.get(BiasedIf.V);
                assertThat(v[5]).as("%s: V of neuron 5", what).isEqualTo(v5[k]);
                assertThat(v[30]).as("%s: V of neuron 30", what).isEqualTo(v30[k]);
                assertThat(v[9]).as("%s: V of neuron 9", what).isEqualTo(-7.75f);
                assertThat(v[2]).as("%s: V of neuron 2", what).isEqualTo(-0.25f);
            }
        }
        // greater-or-equal fires at the exact 1.5 of step 13 (SUBTRACT: 1.5 - 1.75 = -0.25, as after step -1)
        BiasedIf ge = new BiasedIf(params(ResetMode.SUBTRACT).withComparison(ThresholdComparison.GREATER_OR_EQUAL),
                CurrentSource.constant(current), true);
        NeuronState s = new NeuronState(64, ge.stateVariables());
        ge.initialise(s);
        s.thresholdOffset()[5] = 0.5f;
        assertThat(run30(ge.bind(0.5f), s, 1f, new int[] {5}).get(0)).containsExactly(4, 9, 13, 18, 23, 27);
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>();
        for (int t = from; t < to; t++) {
            r.add(t);
        }
        return r;
    }

    /** One event-driven step with input {@code x} at {@code idx}; spikes appended to {@code out}. */
    private static void step(BiasedIf m, NeuronState s, int t, Spikes out, float x, int... idx) {
        float[] in = new float[s.size()];
        for (int i : idx) {
            in[i] = x;
        }
        m.stepTouched(s, in, idx, idx.length, 1f, t, out);
    }

    private static int[] upTo(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static int[] spikes(Spikes out) {
        return Arrays.copyOf(out.indices(), out.count());
    }

    @Test
    void denseAndEventModesSwitchAtTheDocumentedFractions() {
        // 64 neurons: dense when more than 8 would be processed (inputs + carried + due), back to event-driven after
        // a dense step with inputs + 2 * spikes below 4 (64 / 16). Threshold 10, reset by subtraction to 0; only
        // neurons 40-42 have a current (4 a step: 12 > 10 at step 2, then 2 + 4 * 3 = 14 at step 5).
        float[] current = new float[64];
        current[40] = 4f;
        current[41] = 4f;
        current[42] = 4f;
        BiasedIf m = new BiasedIf(new PerfectIfParameters(10f, 0f, ResetMode.SUBTRACT, 0f, false,
                ThresholdComparison.GREATER), current);
        NeuronState s = new NeuronState(64, m.stateVariables());
        m.initialise(s);
        SpikeCalendar cal = s.calendar();
        Spikes out = new Spikes(64);
        // step 0: 8 touched (8 * 8 = 64 is not above 64), neuron 7 by weights that sum to zero
        float[] in = new float[64];
        Arrays.fill(in, 0, 7, 1f);
        m.stepTouched(s, in, upTo(8), 8, 1f, 0, out);
        assertThat(cal.started()).isTrue();
        assertThat(cal.dense()).as("step 0: 8 of 64").isFalse();
        assertThat(cal.carriedCount()).as("re-based: the 7 with input, not neuron 7").isEqualTo(7);
        assertThat(cal.due(40)).as("booked at its crossing").isEqualTo(2);
        assertThat(cal.due(0)).as("no current: no booking").isEqualTo(-1);
        // step 1: the 7 carried and neuron 8 with input: 8 processed, still event-driven
        step(m, s, 1, out, 1f, 8);
        assertThat(cal.dense()).as("step 1: 7 carried + 1 input").isFalse();
        assertThat(cal.carriedCount()).isEqualTo(1);
        // step 2: 5 inputs + 1 carried + 3 due = 9: dense; 40-42 fire
        out.clear();
        step(m, s, 2, out, 1f, 0, 1, 2, 3, 4);
        assertThat(spikes(out)).containsExactly(40, 41, 42);
        assertThat(cal.dense()).as("step 2: 5 + 1 + 3 of 64").isTrue();
        // step 3: 2 inputs, neuron 50 fires: 2 + 2 * 1 = 4, not below 4: stays dense
        out.clear();
        float[] in3 = new float[64];
        in3[0] = 1f;
        in3[50] = 20f;
        m.stepTouched(s, in3, new int[] {50, 0}, 2, 1f, 3, out);
        assertThat(spikes(out)).containsExactly(50);
        assertThat(cal.dense()).as("step 3: 2 inputs + 2 * 1 spike").isTrue();
        // step 4: neuron 63 already in the output (another source); one input fires neuron 51: 1 + 2 * 1 = 3 < 4,
        // back to event-driven: 51 (re-based now) is carried, 40-42 booked at step 5, the rest not booked
        out.clear();
        out.add(63);
        step(m, s, 4, out, 20f, 51);
        assertThat(spikes(out)).containsExactly(63, 51);
        assertThat(cal.dense()).as("step 4: 1 input + 2 * 1 spike").isFalse();
        assertThat(cal.carriedCount()).isEqualTo(1);
        assertThat(cal.carried()[0]).isEqualTo(51);
        assertThat(cal.due(40)).isEqualTo(5);
        assertThat(cal.due(42)).isEqualTo(5);
        assertThat(cal.due(0)).isEqualTo(-1);
        assertThat(cal.due(51)).as("carried, not booked").isEqualTo(-1);
        // step 5: 51 carried (1.25 * 8 = 10, not above 10) and 40-42 due
        out.clear();
        step(m, s, 5, out, 0f);
        assertThat(spikes(out)).containsExactly(40, 41, 42);
        assertThat(cal.dense()).isFalse();
        assertThat(cal.due(40)).as("from 14 - 10 = 4: 4 + 4 * 2 = 12 at step 7").isEqualTo(7);
        // step 6: 9 inputs: dense; the presentation ends dense
        step(m, s, 6, out, 1f, 10, 11, 12, 13, 14, 15, 16, 17, 18);
        assertThat(cal.dense()).isTrue();

        // second presentation: starts dense; 4 inputs (not above 64 / 8, but 4 * 16 = 64 is not below 64) keep it
        s.clear();
        m.initialise(s);
        assertThat(cal.endedDense()).isTrue();
        step(m, s, 0, out, 1f, 20, 21, 22, 23);
        assertThat(cal.dense()).as("started dense, 4 active").isTrue();
        out.clear();
        step(m, s, 1, out, 1f, 20, 21, 22);
        assertThat(cal.dense()).as("3 active: back to event-driven").isFalse();
        assertThat(cal.carriedCount()).isEqualTo(3);
        assertThat(cal.due(41)).as("from 0 at step -1: 4 * 3 = 12 at step 2").isEqualTo(2);
        out.clear();
        step(m, s, 2, out, 0f);
        assertThat(spikes(out)).containsExactly(40, 41, 42);

        // a third presentation after an event-driven end starts event-driven
        s.clear();
        m.initialise(s);
        assertThat(cal.endedDense()).isFalse();
        step(m, s, 0, out, 1f, 20, 21, 22, 23);
        assertThat(cal.dense()).as("started event-driven, 4 inputs").isFalse();
    }

    @Test
    void manySpikesOfOneStepComeOutInNeuronOrderAfterTheOnesAlreadyThere() {
        // 256 neurons: 20 inputs (20 * 8 = 160 <= 256) stay event-driven; given in decreasing order over all four
        // 64-neuron words they fire in that order and are put in increasing order (more than 16: the bitmap)
        int n = 256;
        BiasedIf m = new BiasedIf(new PerfectIfParameters(10f, 0f, ResetMode.TO_VALUE, 0f, false,
                ThresholdComparison.GREATER), new float[n]);
        NeuronState s = new NeuronState(n, m.stateVariables());
        m.initialise(s);
        int[] touched = {250, 237, 201, 192, 191, 170, 150, 130, 129, 128, 127, 100, 90, 70, 64, 63, 40, 33, 5, 1};
        Spikes out = new Spikes(n);
        out.add(255);
        out.add(3);
        step(m, s, 0, out, 20f, touched);
        assertThat(s.calendar().dense()).isFalse();
        int[] sorted = touched.clone();
        Arrays.sort(sorted);
        int[] expected = new int[22];
        expected[0] = 255;
        expected[1] = 3;
        System.arraycopy(sorted, 0, expected, 2, 20);
        assertThat(spikes(out)).containsExactly(expected);
        assertThat(s.calendar().orderBits()).as("left all zero").containsOnly(0L);
        // again at the next step, with 17 spikes in the upper words only
        out.clear();
        int[] second = {255, 254, 250, 230, 220, 210, 200, 199, 198, 197, 196, 195, 194, 193, 180, 160, 140};
        step(m, s, 1, out, 20f, second);
        int[] sorted2 = second.clone();
        Arrays.sort(sorted2);
        assertThat(spikes(out)).containsExactly(sorted2);
        assertThat(s.calendar().orderBits()).containsOnly(0L);
        // a few (up to 16) out of order are sorted too
        out.clear();
        step(m, s, 2, out, 20f, 9, 200, 4);
        assertThat(spikes(out)).containsExactly(4, 9, 200);
    }

    @Test
    void lateBookingsWouldMissSpikes() {
        // A booking too early only costs a check (the neuron is processed, does not fire, and is booked again); a
        // booking too late loses a spike. Negative threshold offsets and a step of 2 ms (c = 2 I) are what make a
        // wrong theta or c book late: every booking site (presentation start, leaving the dense mode, neurons
        // carried from the previous step, neurons due now) against the clock-driven path, sparse apart from a burst
        int n = 256;
        SplittableRandom r = new SplittableRandom(29);
        float[] cur = new float[n];
        float[] off = new float[n];
        for (int i = 0; i < n; i++) {
            cur[i] = i % 8 == 3 ? (float) (0.05 + 0.25 * r.nextDouble()) : 0f;
            off[i] = (float) (-3 * r.nextDouble());
        }
        BiasedIf event = new BiasedIf(new PerfectIfParameters(10f, 0f, ResetMode.SUBTRACT, 0f, false,
                ThresholdComparison.GREATER), CurrentSource.constant(cur), true);
        BiasedIf clock = event.withEventDriven(false);
        NeuronState se = new NeuronState(n, event.stateVariables());
        NeuronState sc = new NeuronState(n, clock.stateVariables());
        event.initialise(se);
        clock.initialise(sc);
        System.arraycopy(off, 0, se.thresholdOffset(), 0, n);
        System.arraycopy(off, 0, sc.thresholdOffset(), 0, n);
        Spikes oe = new Spikes(n);
        Spikes oc = new Spikes(n);
        int eventSteps = 0;
        int total = 0;
        for (int t = 0; t < 300; t++) {
            double density = t >= 100 && t < 104 ? 0.5 : 0.01;
            float[] in = new float[n];
            int[] touched = new int[n];
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (r.nextDouble() < density) {
                    in[i] = (float) (r.nextDouble() * 6 - 1);
                    touched[count++] = i;
                }
            }
            oe.clear();
            oc.clear();
            event.stepTouched(se, in, touched, count, 2f, t, oe);
            clock.step(sc, in, null, 2f, t, oc);
            assertThat(spikes(oe)).as("step %d", t).containsExactly(spikes(oc));
            eventSteps += se.calendar().dense() ? 0 : 1;
            total += oc.count();
        }
        assertThat(eventSteps).as("steps on the event-driven path").isGreaterThan(250);
        assertThat(total).as("spikes").isGreaterThan(300);
        event.advanceTo(se, 2f, 299);
        assertThat(se.get(BiasedIf.V)).containsExactly(sc.get(BiasedIf.V));
    }

    /** The smallest n with u + c n firing, by iterating n = 1, 2, ... over the same float expression. */
    private static int iterate(float u, float c, float theta, boolean strict, int max) {
        for (int n = 1; n <= max; n++) {
            float p = u + c * n;
            if (strict ? p > theta : p >= theta) {
                return n;
            }
        }
        return -1;
    }

    @Test
    void crossingSearchIsExactWhereTheEstimateIsStepsOff() {
        // u of a few hundred, c of 1e-6 .. 3e-5: each step adds less than an ulp of u (3e-5 .. 6e-5), so u + c n
        // moves by whole ulps every few steps and the real-number estimate ceil((theta - u) / c) misses by several
        // steps either way; the galloping and the bisection must still find the first firing step
        SplittableRandom r = new SplittableRandom(17);
        int under = 0;
        int over = 0;
        for (int k = 0; k < 400; k++) {
            float u = (float) (200 + 800 * r.nextDouble());
            float c = (float) (1e-6 + 3e-5 * r.nextDouble());
            float theta = u + (float) (0.02 * r.nextDouble());
            boolean strict = r.nextBoolean();
            BiasedIf m = new BiasedIf(params(ResetMode.SUBTRACT).withComparison(strict ? ThresholdComparison.GREATER
                    : ThresholdComparison.GREATER_OR_EQUAL), new float[1]);
            int expected = iterate(u, c, theta, strict, 100_000);
            assertThat(m.firstCrossing(u, c, theta)).as("u %s c %s theta %s strict %s", u, c, theta, strict)
                    .isEqualTo(expected);
            double est = Math.ceil(((double) theta - (double) u) / c);
            if (expected > 1 && est <= expected - 3) {
                under++;
            } else if (expected > 1 && est >= expected + 3) {
                over++;
            }
        }
        assertThat(under).as("estimates 3 or more steps short").isGreaterThan(20);
        assertThat(over).as("estimates 3 or more steps long").isGreaterThan(20);
    }

    @Test
    void crossingSearchEndsAtTheHorizon() {
        BiasedIf ge = new BiasedIf(params(ResetMode.SUBTRACT).withComparison(ThresholdComparison.GREATER_OR_EQUAL),
                new float[1]);
        BiasedIf gt = new BiasedIf(params(ResetMode.SUBTRACT), new float[1]);
        float c = 0x1p-24f;                 // c * 2^24 = 1 exactly
        assertThat(ge.firstCrossing(0f, c, 1f)).as("reaches 1 at exactly the horizon").isEqualTo(BiasedIf.HORIZON);
        assertThat(gt.firstCrossing(0f, c, 1f)).as("passes 1 only after the horizon").isEqualTo(-1);
        assertThat(gt.firstCrossing(0f, 1e-9f, 10f)).as("0.017 at the horizon").isEqualTo(-1);
        // a rising potential far from the threshold: 1e-6 * n > 10 first at n = 10,000,001 (by iteration)
        assertThat(gt.firstCrossing(0f, 1e-6f, 10f)).isEqualTo(iterate(0f, 1e-6f, 10f, true, BiasedIf.HORIZON));
        assertThat(gt.firstCrossing(0f, -1f, 30f)).as("falling: never reaches 30").isEqualTo(-1);
        assertThat(gt.firstCrossing(5f, 0f, 1f)).as("above already, no current").isEqualTo(1);
        // a neuron that does not cross within the horizon is not booked
        float[] cur = new float[64];
        cur[3] = 1e-9f;
        BiasedIf slow = new BiasedIf(params(ResetMode.SUBTRACT), cur);
        NeuronState s = new NeuronState(64, slow.stateVariables());
        slow.initialise(s);
        slow.stepTouched(s, new float[64], new int[0], 0, 1f, 0, new Spikes(64));
        assertThat(s.calendar().due(3)).isEqualTo(-1);
    }

    @Test
    void sourceAndReplayabilityAreTheSourcesOwn() {
        CurrentSource constant = CurrentSource.constant(new float[] {1f, 2f});
        BiasedIf a = new BiasedIf(params(ResetMode.SUBTRACT), constant, true);
        assertThat(a.currentSource()).isSameAs(constant);
        assertThat(a.replayable()).isTrue();
        assertThat(a.savedCurrent()).containsExactly(1f, 2f);
        CurrentSource perPresentation = new CurrentSource() {
            @Override
            public int size() {
                return 2;
            }

            @Override
            public void current(int step, float[] out) {
                out[0] = 1f;
                out[1] = 1f;
            }

            @Override
            public String toString() {
                return "perPresentation";
            }
        };
        BiasedIf b = new BiasedIf(params(ResetMode.SUBTRACT), perPresentation, true);
        assertThat(b.replayable()).isFalse();
        assertThatThrownBy(b::savedCurrent).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("perPresentation is not replayable");
        assertThatThrownBy(() -> new BiasedIf(params(ResetMode.SUBTRACT), constant, true).bind(0f))
                .hasMessageContaining("dtMs");
    }
}
