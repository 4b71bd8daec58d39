package org.snn4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Bookings, replacements, turns of the ring and clearing. */
class SpikeCalendarTest {
    private static int[] take(SpikeCalendar c, int t) {
        int n = c.take(t);
        int[] a = Arrays.copyOf(c.drained(), n);
        Arrays.sort(a);
        return a;
    }

    @Test
    void eachBookedNeuronIsTakenOnceAtItsStep() {
        SpikeCalendar c = new NeuronState(10, java.util.List.of()).calendar();
        c.book(1, 3);
        c.book(2, 3);
        c.book(2, 5);                           // replaces step 3
        c.book(4, 3);
        c.book(4, 3);                           // booked twice at the same step: taken once
        c.book(5, 3 + SpikeCalendar.RING);      // same bucket, one turn later
        c.book(6, 7);
        c.book(6, -1);                          // cancelled
        assertThat(take(c, 0)).isEmpty();
        assertThat(take(c, 3)).containsExactly(1, 4);
        assertThat(c.due(1)).isEqualTo(-1);
        assertThat(take(c, 5)).containsExactly(2);
        assertThat(take(c, 7)).isEmpty();
        assertThat(take(c, 3 + SpikeCalendar.RING)).containsExactly(5);
        c.book(5, 3 + 2 * SpikeCalendar.RING);
        c.book(5, 3 + 3 * SpikeCalendar.RING);
        assertThat(take(c, 3 + 2 * SpikeCalendar.RING)).isEmpty();
        assertThat(take(c, 3 + 3 * SpikeCalendar.RING)).containsExactly(5);
    }

    @Test
    void clearCancelsEverything() {
        NeuronState s = new NeuronState(4, java.util.List.of());
        SpikeCalendar c = s.calendar();
        c.book(0, 2);
        c.start();
        assertThat(c.started()).isTrue();
        s.clear();
        assertThat(c.started()).isFalse();
        assertThat(c.due(0)).isEqualTo(-1);
        assertThat(take(c, 2)).isEmpty();
        for (int i = 0; i < 1000; i++) {
            c.book(i % 4, 9);                   // the bucket grows
        }
        assertThat(take(c, 9)).containsExactly(0, 1, 2, 3);
    }
}
