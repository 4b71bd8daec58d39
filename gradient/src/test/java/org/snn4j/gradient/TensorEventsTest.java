package org.snn4j.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;

/**
 * The event index of {@link Tensor} against a plain reference (issue 17): events given in any order, with
 * duplicates, few per step (insertion sort) and many per step (scan), per-step lists, the index rebuilt from the
 * data, copies, sums over a window and the clearing of a reused tensor between samples.
 */
class TensorEventsTest {

    /** The ascending distinct indices of each step, from the events. */
    private static int[][] reference(int steps, int[] step, int[] index, int count) {
        List<TreeSet<Integer>> sets = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            sets.add(new TreeSet<>());
        }
        for (int e = 0; e < count; e++) {
            sets.get(step[e]).add(index[e]);
        }
        int[][] out = new int[steps][];
        for (int t = 0; t < steps; t++) {
            out[t] = sets.get(t).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    private static void assertIndex(Tensor x, int[][] want) {
        int size = x.size();
        assertThat(x.binary()).isTrue();
        int total = 0;
        for (int t = 0; t < want.length; t++) {
            int lo = x.eventStart()[t];
            int hi = x.eventStart()[t + 1];
            assertThat(Arrays.copyOfRange(x.eventIndex(), lo, hi)).as("step %d", t).containsExactly(want[t]);
            assertThat(lo).isEqualTo(total);
            total += want[t].length;
            for (int i = 0; i < size; i++) {
                boolean on = Arrays.binarySearch(want[t], i) >= 0;
                assertThat(x.data()[t * size + i]).as("step %d, entry %d", t, i).isEqualTo(on ? 1f : 0f);
            }
        }
        assertThat(x.eventCount()).isEqualTo(total);
    }

    @Test
    void eventsInAnyOrderWithDuplicatesGiveAscendingDistinctIndicesPerStep() {
        SplittableRandom r = new SplittableRandom(17);
        Tensor x = new Tensor(4, new Shape(2, 10, 10));
        // the same tensor reused: every sample must clear the previous one's entries
        for (int sample = 0; sample < 6; sample++) {
            int count = new int[] {0, 5, 40, 300, 900, 60}[sample];
            int[] step = new int[count + 3];
            int[] index = new int[count + 3];
            for (int e = 0; e < count; e++) {
                // step 0 is dense in the larger samples (> 64 distinct entries: the scan path), step 3 sparse
                step[e] = e % 7 == 0 ? 3 : r.nextInt(3);
                index[e] = step[e] == 3 ? r.nextInt(8) * 3 : r.nextInt(200);
            }
            Arrays.fill(step, count, count + 3, 2); // extra entries past count are ignored
            Tensor y = Tensor.fromEvents(4, new Shape(2, 10, 10), step, index, count);
            x.setEvents(step, index, count);
            int[][] want = reference(4, step, index, count);
            assertIndex(x, want);
            assertIndex(y, want);
            float[] sums = new float[200];
            x.sumOverTime(1, 3, sums);
            for (int i = 0; i < 200; i++) {
                float s = 0;
                for (int t = 1; t < 3; t++) {
                    s += Arrays.binarySearch(want[t], i) >= 0 ? 1f : 0f;
                }
                assertThat(sums[i]).isEqualTo(s);
            }
        }
    }

    @Test
    void perStepListsRebuiltIndexAndCopies() {
        Tensor x = new Tensor(3, Shape.flat(6));
        x.setSpikes(new int[] {0, 2, 2, 5}, new int[] {1, 4, 0, 3, 5, 9});
        int[][] want = {{1, 4}, {}, {0, 3, 5}};
        assertIndex(x, want);
        // a refused list leaves the tensor as it was
        assertThatThrownBy(() -> x.setSpikes(new int[] {0, 3, 1, 2}, new int[] {0, 1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("offsets must be non-decreasing, offsets[2] = 1 < 3");
        assertIndex(x, want);
        // a refused input clears it
        assertThatThrownBy(() -> x.setSpikes(new int[] {0, 1, 2, 3}, new int[] {2, 6, 0}))
                .hasMessage("inputs[1] at step 1 must be in (-1, 6), got 6");
        assertThat(x.binary()).isFalse();
        assertThat(x.data()).containsOnly(0f);
        x.setSpikes(new int[] {0, 2, 2, 5}, new int[] {1, 4, 0, 3, 5});
        Tensor c = new Tensor(3, Shape.flat(6));
        c.data()[7] = 2.5f;
        c.copyFrom(x);
        assertIndex(c, want);
        // the data written by hand, then indexed
        Tensor d = new Tensor(3, Shape.flat(6));
        d.data()[0 * 6 + 4] = 1f;
        d.data()[0 * 6 + 1] = 1f;
        d.data()[2 * 6 + 5] = 1f;
        d.data()[2 * 6 + 0] = 1f;
        d.data()[2 * 6 + 3] = 1f;
        d.indexBinary();
        assertIndex(d, want);
        // a dense copy drops the index; clearing a dense tensor zeroes everything
        d.markDense();
        d.data()[1] = 0.5f;
        c.copyFrom(d);
        assertThat(c.binary()).isFalse();
        assertThat(c.data()[1]).isEqualTo(0.5f);
        c.clear();
        assertThat(c.data()).containsOnly(0f);
        // clearing a binary tensor zeroes its indexed entries
        x.clear();
        assertThat(x.data()).containsOnly(0f);
        assertThat(x.binary()).isFalse();
    }
}
