package org.snn4j.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Spikes;

/**
 * PoissonEncoder's gap sampling against draws worked out by hand (issue 17, pattern 4): a generator that returns
 * scripted uniforms, so every spike step follows from {@code g = floor(ln(1 - U) / ln(1 - p))} computed here with
 * the numbers written out, including a gap past the end of the train, a probability so small that the gap does not
 * fit in a long, inputs at and above certainty and more events than the first buffer holds.
 */
class PoissonEncoderKnownDrawsTest {

    /** Returns the given uniforms in order and fails if asked for more (so the number of draws is checked too). */
    private static final class Script implements RandomGenerator {
        private final double[] u;
        private int next;

        Script(double... u) {
            this.u = u;
        }

        @Override
        public double nextDouble() {
            if (next == u.length) {
                throw new AssertionError("more than " + u.length + " draws");
            }
            return u[next++];
        }

        @Override
        public long nextLong() {
            throw new AssertionError("only nextDouble is expected");
        }

        int used() {
            return next;
        }
    }

    /** The steps at which each input fires, input by input. */
    private static List<List<Integer>> trains(EventSource s, int inputs) {
        List<List<Integer>> per = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            per.add(new ArrayList<>());
        }
        Spikes out = new Spikes(inputs);
        for (int t = 0; t < s.steps(); t++) {
            out.clear();
            s.emit(t, out);
            for (int i : out.toSortedArray()) {
                per.get(i).add(t);
            }
        }
        return per;
    }

    @Test
    void gapsFollowTheInversionFormula() {
        // fullScale 4, 250 Hz, 2 ms steps, 30 ms: 15 steps; x = 2 -> 125 Hz -> p = 0.25, ln(0.75) = -0.287682
        PoissonEncoder enc = new PoissonEncoder(250, 30, 2, 4);
        assertThat(enc.steps()).isEqualTo(15);
        // input 0, p = 0.25:
        //   U 0.5: ln 0.5 / ln 0.75 = 2.409 -> gap 2 -> step 2
        //   U 0.0: gap 0 -> step 3
        //   U 0.9: ln 0.1 / ln 0.75 = 8.004 -> gap 8 -> step 12
        //   U 0.2: ln 0.8 / ln 0.75 = 0.776 -> gap 0 -> step 13
        //   U 0.6: ln 0.4 / ln 0.75 = 3.185 -> gap 3 -> step 17 >= 15: end
        // input 1, x = 0: no draw
        // input 2, x = 1 -> p = 0.125, ln(0.875) = -0.133531:
        //   U 0.75: ln 0.25 / ln 0.875 = 10.38 -> gap 10 -> step 10
        //   U 0.5:  ln 0.5 / ln 0.875 = 5.19 -> gap 5 -> step 16: end
        // input 3, x = 8 (above full scale) -> 250 Hz -> p = 0.5, ln 0.5:
        //   U 0.8:  ln 0.2 / ln 0.5 = 2.32 -> gap 2 -> step 2
        //   U 0.3:  ln 0.7 / ln 0.5 = 0.515 -> gap 0 -> step 3
        //   U 0.99: ln 0.01 / ln 0.5 = 6.64 -> gap 6 -> step 10
        //   U 0.9:  ln 0.1 / ln 0.5 = 3.32 -> gap 3 -> step 14
        //   U 0.1:  ln 0.9 / ln 0.5 = 0.152 -> gap 0 -> step 15: end
        Script rng = new Script(0.5, 0.0, 0.9, 0.2, 0.6, 0.75, 0.5, 0.8, 0.3, 0.99, 0.9, 0.1);
        EventSource s = enc.encode(new float[] {2f, 0f, 1f, 8f}, rng);
        assertThat(rng.used()).isEqualTo(12);
        List<List<Integer>> t = trains(s, 4);
        assertThat(t.get(0)).containsExactly(2, 3, 12, 13);
        assertThat(t.get(1)).isEmpty();
        assertThat(t.get(2)).containsExactly(10);
        assertThat(t.get(3)).containsExactly(2, 3, 10, 14);
        assertThat(s.eventCount()).isEqualTo(9);
        assertThat(s.size()).isEqualTo(4);
        assertThat(s.dtMs()).isEqualTo(2f);
    }

    @Test
    void aGapBeyondEveryLongEndsTheTrain() {
        // p = 1e-300: ln(1 - U) / ln(1 - p) = ln 0.5 / -1e-300 = 6.9e299 for U = 0.5, far past Long.MAX_VALUE
        PoissonEncoder enc = new PoissonEncoder(1e-297, 10, 1, 1);
        assertThat(enc.probability(1f)).isCloseTo(1e-300, org.assertj.core.api.Assertions.within(1e-310));
        Script rng = new Script(0.5, 0.5);
        EventSource s = enc.encode(new float[] {1f, 1f}, rng);
        assertThat(rng.used()).isEqualTo(2);
        assertThat(s.eventCount()).isZero();
        // the last step is reachable: gap = steps - 1 exactly from the start
        // p = 0.5: U = 1 - 2^-9.5 = 0.998619 -> ln(2^-9.5) / ln(0.5) = 9.5 -> gap 9 -> step 9 of 10, then U 0 -> end
        Script last = new Script(1 - Math.pow(2, -9.5), 0.0);
        EventSource e = new PoissonEncoder(500, 10, 1, 1).encode(new float[] {1f}, last);
        assertThat(trains(e, 1).get(0)).containsExactly(9);
        assertThat(last.used()).isEqualTo(2);
    }

    @Test
    void moreEventsThanTheFirstBufferKeepTheirOrderAndInputs() {
        // 3 inputs at certainty (p >= 1: no draws) over 7 steps = 21 events, then one drawn input: 21 + 4 events
        PoissonEncoder enc = new PoissonEncoder(1000, 7, 1, 1);
        Script rng = new Script(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        // input 3 at x = 0.5: p = 0.5, U 0 each time -> gap 0 -> steps 0..6, then U 0 -> step 7: end (8 draws)
        EventSource s = enc.encode(new float[] {1f, 3f, 1.5f, 0.5f}, rng);
        assertThat(rng.used()).isEqualTo(8);
        assertThat(s.eventCount()).isEqualTo(28);
        List<List<Integer>> t = trains(s, 4);
        for (int i = 0; i < 4; i++) {
            assertThat(t.get(i)).as("input %d", i).containsExactly(0, 1, 2, 3, 4, 5, 6);
        }
        // 40 drawn events for one input (p = 0.5, gap 0 each time) pass the buffer of 16 twice
        Script many = new Script(new double[41]);
        EventSource m = new PoissonEncoder(500, 40, 1, 1).encode(new float[] {0f, 1f}, many);
        assertThat(m.eventCount()).isEqualTo(40);
        assertThat(trains(m, 2).get(1)).hasSize(40).startsWith(0, 1, 2).endsWith(38, 39);
        assertThat(many.used()).isEqualTo(41);
    }
}
