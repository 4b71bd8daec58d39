package org.snn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;

/**
 * {@link LayerState#deferInputSpikes}: input spikes kept as a list while nobody asked for
 * {@link LayerState#inputSpikeStep()} read through that accessor exactly as marks written straight into the array
 * (the last record of an input wins; -1 for the rest), across hand-outs in the middle of a presentation, a list that
 * would outgrow one entry per input, and resets. ({@code InputSpikeStepTest} checks {@link DenseLayer}, dense and
 * compact, in a simulation, with the array asked for during a presentation or not.)
 */
class DeferredInputSpikeStepTest {

    /**
     * Random presentations of random steps, each with random inputs (repeats within and across steps), checked
     * against a plain array at random points. A layer's part is played as {@link DenseLayer#step} plays it: defer,
     * else write the marks itself.
     */
    @Test
    void deferredMarksReadAsWrittenMarks() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 300; trial++) {
            int size = 1 + rnd.nextInt(40);
            LayerState st = new LayerState(Shape.flat(size), Shape.flat(1), null);
            int[] expected = new int[size];
            for (int pres = 0; pres < 4; pres++) {
                st.reset();
                Arrays.fill(expected, -1);
                assertThat(st.inputSpikeStep()).as("trial %d presentation %d after reset", trial, pres)
                        .containsExactly(expected);
                if (rnd.nextBoolean()) {
                    st.reset(); // a reset after the hand-out: the next presentation defers again
                }
                int steps = 1 + rnd.nextInt(6);
                for (int t = 0; t < steps; t++) {
                    int n = rnd.nextInt(size + 1);
                    int[] idx = new int[n + rnd.nextInt(3)];
                    for (int k = 0; k < n; k++) {
                        idx[k] = rnd.nextInt(size);
                    }
                    if (!st.deferInputSpikes(idx, n, t)) {
                        int[] a = st.inputSpikeStep();
                        for (int k = 0; k < n; k++) {
                            a[idx[k]] = t;
                        }
                    }
                    for (int k = 0; k < n; k++) {
                        expected[idx[k]] = t;
                    }
                    if (rnd.nextInt(4) == 0) {
                        assertThat(st.inputSpikeStep()).as("trial %d presentation %d step %d", trial, pres, t)
                                .containsExactly(expected);
                    }
                }
                assertThat(st.inputSpikeStep()).as("trial %d presentation %d end", trial, pres)
                        .containsExactly(expected);
            }
        }
    }

    /** While nothing was handed out every record is deferred, up to one entry per input; the rest is written. */
    @Test
    void aListLongerThanTheInputsFallsBackToWritingAndKeepsTheOrder() {
        LayerState st = new LayerState(Shape.flat(3), Shape.flat(1), null);
        assertThat(st.deferInputSpikes(new int[] {2, 0}, 2, 0)).isTrue();
        assertThat(st.deferInputSpikes(new int[0], 0, 1)).isTrue();
        assertThat(st.deferInputSpikes(new int[] {0}, 1, 1)).as("three entries for three inputs").isTrue();
        assertThat(st.deferInputSpikes(new int[] {1}, 1, 2)).as("a fourth entry").isFalse();
        int[] a = st.inputSpikeStep();
        assertThat(a).as("the deferred records were written in order").containsExactly(1, -1, 0);
        a[1] = 2; // the caller's own marks
        assertThat(st.deferInputSpikes(new int[] {2}, 1, 3)).as("handed out: the caller writes").isFalse();
        st.reset();
        assertThat(st.deferInputSpikes(new int[] {1}, 1, 0)).isTrue();
        st.reset();
        assertThat(st.inputSpikeStep()).as("a reset forgets deferred records and fills written ones")
                .containsExactly(-1, -1, -1);
        assertThat(st.deferInputSpikes(new int[] {1}, 1, 5)).as("handed out until the next reset").isFalse();
    }
}
