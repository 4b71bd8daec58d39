package org.snn4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Spikes#addAll}: the same set and order as adding one by one; what {@link EventSource#emit} uses. */
class SpikesTest {

    @Test
    void addAllEqualsAddingOneByOne() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(40);
            int[] src = new int[r.nextInt(60)];
            for (int k = 0; k < src.length; k++) {
                src[k] = r.nextInt(n); // with duplicates
            }
            int from = src.length == 0 ? 0 : r.nextInt(src.length);
            int to = from + (src.length == from ? 0 : r.nextInt(src.length - from + 1));
            Spikes a = new Spikes(n);
            Spikes b = new Spikes(n);
            int pre = r.nextInt(n); // content before the call is kept
            a.add(pre);
            b.add(pre);
            a.addAll(src, from, to);
            for (int k = from; k < to; k++) {
                b.add(src[k]);
            }
            assertThat(a.count()).isEqualTo(b.count());
            assertThat(Arrays.copyOf(a.indices(), a.count())).containsExactly(Arrays.copyOf(b.indices(), b.count()));
            assertThat(a.fired()).containsExactly(b.fired());
        }
    }

    @Test
    void emitKeepsTheSourceOrderWithinAStep() {
        EventSource src = EventSource.of(2, 6, new int[] {1, 0, 1, 1, 0}, new int[] {5, 2, 0, 5, 4});
        Spikes s = new Spikes(6);
        src.emit(1, s);
        assertThat(Arrays.copyOf(s.indices(), s.count())).containsExactly(5, 0);
        s.clear();
        src.emit(0, s);
        assertThat(Arrays.copyOf(s.indices(), s.count())).containsExactly(2, 4);
    }

    /**
     * Emitting a step reads as adding its neurons one by one, into an empty or a non-empty set, for sources whose
     * steps are strictly ascending (taken unchecked by an empty set) and for sources with unsorted steps or
     * repeats within a step (checked): same set, order and bitmap; a set cleared after an emit is empty again.
     */
    @Test
    void emitEqualsAddingOneByOneForAscendingAndOtherSources() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + r.nextInt(30);
            int steps = 1 + r.nextInt(4);
            int[] offsets = new int[steps + 1];
            int[] neurons = new int[steps * n];
            int m = 0;
            int kind = r.nextInt(3); // 0 ascending, 1 ascending but one step unsorted, 2 repeats
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < n; i++) {
                    if (r.nextInt(3) == 0) {
                        neurons[m++] = i;
                    }
                }
                offsets[t + 1] = m;
            }
            neurons = Arrays.copyOf(neurons, m);
            int from = offsets[steps - 1];
            if (kind == 1 && m - from >= 2) {
                int tmp = neurons[from];
                neurons[from] = neurons[m - 1];
                neurons[m - 1] = tmp;
            } else if (kind == 2 && m - from >= 2) {
                neurons[m - 1] = neurons[from];
            }
            EventSource src = EventSource.ofBuckets(n, offsets, neurons);
            Spikes a = new Spikes(n);
            for (int t = 0; t < steps; t++) {
                for (boolean before : new boolean[] {false, true}) {
                    Spikes b = new Spikes(n);
                    a.clear();
                    assertThat(a.fired()).as("cleared").containsOnly(false);
                    if (before) {
                        int pre = r.nextInt(n);
                        a.add(pre);
                        b.add(pre);
                    }
                    src.emit(t, a);
                    for (int k = offsets[t]; k < offsets[t + 1]; k++) {
                        b.add(neurons[k]);
                    }
                    assertThat(Arrays.copyOf(a.indices(), a.count())).as("trial %d step %d", trial, t)
                            .containsExactly(Arrays.copyOf(b.indices(), b.count()));
                    assertThat(a.fired()).containsExactly(b.fired());
                }
            }
        }
    }

    /** Clearing empties the set and its bitmap, whether it clears entry by entry or by a fill (from 1/16 full). */
    @Test
    void clearEmptiesBelowAndAboveTheFillThreshold() {
        SplittableRandom r = new SplittableRandom(9);
        for (int capacity : new int[] {1, 15, 16, 17, 64, 1000}) {
            Spikes s = new Spikes(capacity);
            for (int count = 0; count <= Math.min(capacity, 80); count++) {
                int[] expected = new int[count];
                for (int k = 0; k < count; k++) {
                    int i;
                    do {
                        i = r.nextInt(capacity);
                    } while (s.contains(i));
                    s.add(i);
                    expected[k] = i;
                }
                assertThat(Arrays.copyOf(s.indices(), s.count())).containsExactly(expected);
                s.clear();
                assertThat(s.count()).isZero();
                assertThat(s.fired()).as("capacity %d, count %d", capacity, count).containsOnly(false);
            }
        }
    }

    /**
     * After an emit into an empty set (whose bitmap is written only when needed), every operation reads and acts as
     * on a set built by {@link Spikes#add}: random sequences of emits, clears, membership tests, adds, removals,
     * inhibition and copies, with the bitmap compared only now and then (so clears also follow emits unread).
     */
    @Test
    void aSetFilledByAnEmitActsAsOneFilledByAdds() {
        SplittableRandom r = new SplittableRandom(21);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + r.nextInt(40);
            int[] offsets = {0, 0};
            int[] neurons = new int[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (r.nextInt(3) == 0) {
                    neurons[m++] = i;
                }
            }
            offsets[1] = m;
            EventSource src = EventSource.ofBuckets(n, offsets, Arrays.copyOf(neurons, m));
            Spikes a = new Spikes(n);
            Spikes b = new Spikes(n);
            for (int op = 0; op < 30; op++) {
                int i = r.nextInt(n);
                switch (r.nextInt(8)) {
                    case 0, 1 -> {
                        a.clear();
                        b.clear();
                        src.emit(0, a);
                        for (int k = 0; k < m; k++) {
                            b.add(neurons[k]);
                        }
                    }
                    case 2 -> {
                        a.clear();
                        b.clear();
                    }
                    case 3 -> assertThat(a.contains(i)).as("trial %d contains %d", trial, i).isEqualTo(b.contains(i));
                    case 4 -> assertThat(a.add(i)).as("trial %d add %d", trial, i).isEqualTo(b.add(i));
                    case 5 -> assertThat(a.remove(i)).as("trial %d remove %d", trial, i).isEqualTo(b.remove(i));
                    case 6 -> {
                        int[] until = new int[n];
                        until[i] = 1;
                        assertThat(a.removeInhibited(until, 0)).isEqualTo(b.removeInhibited(until, 0));
                    }
                    default -> {
                        Spikes c = new Spikes(n);
                        c.copyFrom(a);
                        assertThat(c.fired()).containsExactly(b.fired());
                    }
                }
                assertThat(Arrays.copyOf(a.indices(), a.count())).as("trial %d op %d", trial, op)
                        .containsExactly(Arrays.copyOf(b.indices(), b.count()));
                if (r.nextInt(4) == 0) {
                    assertThat(a.fired()).as("trial %d op %d bitmap", trial, op).containsExactly(b.fired());
                }
            }
            a.clear();
            assertThat(a.fired()).containsOnly(false);
        }
    }
}
