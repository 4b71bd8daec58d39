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
}
