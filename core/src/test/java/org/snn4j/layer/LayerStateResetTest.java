package org.snn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.Spikes;

/**
 * {@link LayerState#reset()} restores the input steps three ways (only the entries {@link LayerState#markInputs}
 * set first, a whole fill once the live array was handed out, a whole fill from one in 8 inputs marked); on every
 * route every entry reads -1 afterwards, and marks in between record the last step of each input.
 */
class LayerStateResetTest {
    private static final int SIZE = 80; // the whole fill from 10 marked inputs on

    private static void assertAllUnmarked(LayerState st) {
        for (int i = 0; i < SIZE; i++) {
            assertThat(st.inputSpikeStep(i)).as("input %d", i).isEqualTo(-1);
        }
    }

    @Test
    void everyRouteLeavesEveryInputUnmarked() {
        SplittableRandom r = new SplittableRandom(8);
        LayerState st = new LayerState(Shape.flat(SIZE), Shape.flat(2), null);
        Spikes in = new Spikes(SIZE);
        for (int marked : new int[] {0, 1, 5, 9, 10, 11, 40, 80}) {
            for (int round = 0; round < 3; round++) {
                int[] last = new int[SIZE];
                java.util.Arrays.fill(last, -1);
                for (int step = 0; step < 3; step++) { // the same inputs may fire again at a later step
                    in.clear();
                    for (int k = 0; k < marked; k++) {
                        int i = r.nextInt(SIZE);
                        in.add(i);
                    }
                    st.markInputs(in, step);
                    for (int k = 0; k < in.count(); k++) {
                        last[in.get(k)] = step;
                    }
                }
                for (int i = 0; i < SIZE; i++) {
                    assertThat(st.inputSpikeStep(i)).isEqualTo(last[i]);
                }
                st.reset();
                assertAllUnmarked(st);
            }
        }
    }

    @Test
    void writesThroughTheLiveArrayAreClearedToo() {
        LayerState st = new LayerState(Shape.flat(SIZE), Shape.flat(2), null);
        Spikes in = new Spikes(SIZE);
        in.add(3);
        st.markInputs(in, 0);
        st.inputSpikeStep()[70] = 5; // a layer or rule writing directly
        st.reset();
        assertAllUnmarked(st);
        // the next presentation marks through markInputs only: the short route, still complete
        in.clear();
        in.add(7);
        in.add(70);
        st.markInputs(in, 2);
        assertThat(st.inputSpikeStep(70)).isEqualTo(2);
        st.reset();
        assertAllUnmarked(st);
        assertThatThrownBy(() -> st.inputSpikeStep(SIZE)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
