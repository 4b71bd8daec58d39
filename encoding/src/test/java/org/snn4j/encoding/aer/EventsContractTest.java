package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Events} and its builder against plain-list references and at the exact bounds of every check (issue 17:
 * every accessor, bound and count checked with values, not only round trips).
 */
class EventsContractTest {

    /** One event of the reference list. */
    record Ev(long t, int x, int y, boolean on) {
    }

    private static List<Ev> randomEvents(long seed, int n, int width, int height) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Ev> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // unsorted, negative timestamps too
            list.add(new Ev(r.nextLong(-1_000_000, 1_000_000), r.nextInt(width), r.nextInt(height), r.nextBoolean()));
        }
        return list;
    }

    private static Events build(int width, int height, int capacity, List<Ev> list) {
        Events.Builder b = Events.builder(width, height, capacity);
        for (Ev e : list) {
            b.add(e.t(), e.x(), e.y(), e.on());
        }
        return b.build();
    }

    private static void assertSame(Events e, int width, int height, List<Ev> list) {
        assertThat(e.width()).isEqualTo(width);
        assertThat(e.height()).isEqualTo(height);
        assertThat(e.size()).isEqualTo(list.size());
        assertThat(e.isEmpty()).isEqualTo(list.isEmpty());
        long[] ts = e.timestamps();
        int[] xs = e.xs();
        int[] ys = e.ys();
        boolean[] ons = e.polarities();
        assertThat(ts).hasSize(list.size());
        assertThat(xs).hasSize(list.size());
        assertThat(ys).hasSize(list.size());
        assertThat(ons).hasSize(list.size());
        int onCount = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < list.size(); i++) {
            Ev ev = list.get(i);
            assertThat(e.t(i)).isEqualTo(ev.t()).isEqualTo(ts[i]);
            assertThat(e.x(i)).isEqualTo(ev.x()).isEqualTo(xs[i]);
            assertThat(e.y(i)).isEqualTo(ev.y()).isEqualTo(ys[i]);
            assertThat(e.isOn(i)).isEqualTo(ev.on()).isEqualTo(ons[i]);
            onCount += ev.on() ? 1 : 0;
            min = Math.min(min, ev.t());
            max = Math.max(max, ev.t());
        }
        assertThat(e.onCount()).isEqualTo(onCount);
        assertThat(e.minTime()).isEqualTo(min);
        assertThat(e.maxTime()).isEqualTo(max);
    }

    @Property(tries = 60)
    void builderKeepsEveryEventInOrder(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3000) int n,
            @ForAll @IntRange(min = 0, max = 40) int capacity) {
        List<Ev> list = randomEvents(seed, n, 346, 260);
        Events e = build(346, 260, capacity, list);
        assertSame(e, 346, 260, list);
        int[] x = new int[n];
        int[] y = new int[n];
        long[] t = new long[n];
        boolean[] on = new boolean[n];
        for (int i = 0; i < n; i++) {
            t[i] = list.get(i).t();
            x[i] = list.get(i).x();
            y[i] = list.get(i).y();
            on[i] = list.get(i).on();
        }
        Events of = Events.of(346, 260, t, x, y, on);
        assertSame(of, 346, 260, list);
        assertThat(of).isEqualTo(e).hasSameHashCodeAs(e);
    }

    @Property(tries = 40)
    void sliceAndConcatMatchTheListOperations(@ForAll long seed, @ForAll @IntRange(min = 0, max = 200) int n,
            @ForAll @IntRange(min = 0, max = 200) int a, @ForAll @IntRange(min = 0, max = 200) int b) {
        List<Ev> list = randomEvents(seed, n, 34, 34);
        Events e = build(34, 34, 4, list);
        int from = Math.min(a, b) % (n + 1);
        int to = Math.max(from, Math.max(a, b) % (n + 1));
        assertSame(e.slice(from, to), 34, 34, list.subList(from, to));
        Events joined = Events.concat(40, 36, List.of(e.slice(0, from), e.slice(from, to), e.slice(to, n)));
        assertSame(joined, 40, 36, list);
    }

    @Test
    void accessorsCheckTheIndexAgainstTheSizeNotTheArrays() {
        // arrays longer than the size, as a reader's builder hands them over
        Events e = new Events(4, 4, 2, new long[] {5, 6, 7}, new short[] {1, 2, 3}, new short[] {0, 1, 2},
                new boolean[] {true, false, true});
        assertThat(e.t(1)).isEqualTo(6);
        assertThat(e.x(1)).isEqualTo(2);
        assertThat(e.y(1)).isEqualTo(1);
        assertThat(e.isOn(1)).isFalse();
        assertThatThrownBy(() -> e.t(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> e.x(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> e.y(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> e.isOn(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> e.t(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(e.timestamps()).containsExactly(5, 6);
        assertThat(e.xs()).containsExactly(1, 2);
        assertThat(e.ys()).containsExactly(0, 1);
        assertThat(e.polarities()).containsExactly(true, false);
        assertThat(e.onCount()).isEqualTo(1);
        assertThat(e.minTime()).isEqualTo(5);
        assertThat(e.maxTime()).isEqualTo(6);
        // equality and hash look at the first size events only
        Events exact = Events.builder(4, 4).add(5, 1, 0, true).add(6, 2, 1, false).build();
        assertThat(e).isEqualTo(exact).hasSameHashCodeAs(exact);
        assertThat(exact).isEqualTo(e);
        assertThat(e.toString()).isEqualTo("Events[2 events, 4x4, t 5..6 us]");
    }

    @Test
    void copiesAreCopies() {
        Events e = Events.builder(2, 2).add(1, 1, 1, true).build();
        e.timestamps()[0] = 9;
        e.xs()[0] = 0;
        e.ys()[0] = 0;
        e.polarities()[0] = false;
        assertThat(e.t(0)).isEqualTo(1);
        assertThat(e.x(0)).isEqualTo(1);
        assertThat(e.y(0)).isEqualTo(1);
        assertThat(e.isOn(0)).isTrue();
    }

    @Test
    void emptyListsHaveNoTimeRange() {
        Events e = Events.empty(3, 5);
        assertThat(e.size()).isZero();
        assertThat(e.isEmpty()).isTrue();
        assertThat(e.width()).isEqualTo(3);
        assertThat(e.height()).isEqualTo(5);
        assertThat(e.minTime()).isEqualTo(Long.MAX_VALUE);
        assertThat(e.maxTime()).isEqualTo(Long.MIN_VALUE);
        assertThat(e.onCount()).isZero();
        assertThat(e.toString()).isEqualTo("Events[0 events, 3x5]");
        assertThat(Events.builder(3, 5).build()).isEqualTo(e);
        assertThat(Events.builder(3, 5).add(0, 0, 0, false).build().isEmpty()).isFalse();
        assertThatThrownBy(() -> Events.empty(0, 5)).hasMessage("width must be in [1, 32767], got 0");
    }

    @Test
    void sensorSizesAreCheckedAtBothBounds() {
        assertThat(Events.empty(1, 1).width()).isEqualTo(1);
        assertThat(Events.empty(32767, 32767).height()).isEqualTo(32767);
        assertThatThrownBy(() -> Events.empty(0, 1)).hasMessage("width must be in [1, 32767], got 0");
        assertThatThrownBy(() -> Events.empty(32768, 1)).hasMessage("width must be in [1, 32767], got 32768");
        assertThatThrownBy(() -> Events.empty(1, 0)).hasMessage("height must be in [1, 32767], got 0");
        assertThatThrownBy(() -> Events.empty(1, 32768)).hasMessage("height must be in [1, 32767], got 32768");
        assertThatThrownBy(() -> Events.builder(1, 1, -1)).hasMessage("capacity must be >= 0, got -1");
        assertThatThrownBy(() -> Events.builder(0, 1)).hasMessage("width must be in [1, 32767], got 0");
        assertThatThrownBy(() -> Events.builder(1, 32768, 4)).hasMessage("height must be in [1, 32767], got 32768");
        assertThat(Events.builder(1, 1, 0).add(3, 0, 0, true).build().t(0)).isEqualTo(3);
        // the largest coordinates a short holds survive the narrowing
        Events big = Events.builder(32767, 32767).add(1, 32766, 32766, true).build();
        assertThat(big.x(0)).isEqualTo(32766);
        assertThat(big.y(0)).isEqualTo(32766);
    }

    @Test
    void coordinatesAreCheckedAtBothBounds() {
        Events.Builder b = Events.builder(5, 3);
        b.add(0, 0, 0, true).add(1, 4, 2, false);
        assertThat(b.size()).isEqualTo(2);
        assertThatThrownBy(() -> b.add(2, -1, 0, true)).hasMessage("x must be in [0, 5), got -1");
        assertThatThrownBy(() -> b.add(2, 5, 0, true)).hasMessage("x must be in [0, 5), got 5");
        assertThatThrownBy(() -> b.add(2, 0, -1, true)).hasMessage("y must be in [0, 3), got -1");
        assertThatThrownBy(() -> b.add(2, 0, 3, true)).hasMessage("y must be in [0, 3), got 3");
        assertThat(b.size()).isEqualTo(2);
        assertThatThrownBy(() -> Events.of(5, 3, new long[] {1}, new int[] {5}, new int[] {0}, new boolean[1]))
                .hasMessage("x must be in [0, 5), got 5");
    }

    @Test
    void ofNamesALengthMismatchOfEachArray() {
        long[] t = {1, 2};
        int[] two = {0, 1};
        int[] one = {0};
        boolean[] on = {true, false};
        assertThatThrownBy(() -> Events.of(4, 4, t, one, two, on))
                .hasMessage("t, x, y and on must have the same length, got 2, 1, 2 and 2");
        assertThatThrownBy(() -> Events.of(4, 4, t, two, one, on))
                .hasMessage("t, x, y and on must have the same length, got 2, 2, 1 and 2");
        assertThatThrownBy(() -> Events.of(4, 4, t, two, two, new boolean[3]))
                .hasMessage("t, x, y and on must have the same length, got 2, 2, 2 and 3");
        assertThatThrownBy(() -> Events.of(4, 4, null, two, two, on)).hasMessage("t");
        assertThatThrownBy(() -> Events.of(4, 4, t, null, two, on)).hasMessage("x");
        assertThatThrownBy(() -> Events.of(4, 4, t, two, null, on)).hasMessage("y");
        assertThatThrownBy(() -> Events.of(4, 4, t, two, two, null)).hasMessage("on");
    }

    @Test
    void withSensorChecksEveryEventAgainstTheNewSize() {
        Events e = Events.builder(10, 10).add(1, 2, 7, true).add(2, 6, 1, false).build();
        Events moved = e.withSensor(7, 8);
        assertThat(moved.width()).isEqualTo(7);
        assertThat(moved.height()).isEqualTo(8);
        assertThat(moved.xs()).containsExactly(2, 6);
        assertThat(moved.ys()).containsExactly(7, 1);
        assertThat(moved.timestamps()).containsExactly(1, 2);
        assertThat(moved.polarities()).containsExactly(true, false);
        assertThatThrownBy(() -> e.withSensor(6, 8)).hasMessage("event 1 at (6, 1) is outside a 6x8 sensor");
        assertThatThrownBy(() -> e.withSensor(7, 7)).hasMessage("event 0 at (2, 7) is outside a 7x7 sensor");
        assertThatThrownBy(() -> e.withSensor(0, 8)).hasMessage("width must be in [1, 32767], got 0");
    }

    @Test
    void sliceChecksItsBounds() {
        Events e = Events.builder(2, 2).add(1, 0, 0, true).add(2, 1, 1, false).build();
        assertThat(e.slice(2, 2).isEmpty()).isTrue();
        assertThat(e.slice(1, 2).t(0)).isEqualTo(2);
        assertThatThrownBy(() -> e.slice(1, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> e.slice(2, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void concatRefusesPartsFromALargerSensorAndTooManyEvents() {
        Events wide = Events.builder(5, 2).add(1, 4, 0, true).build();
        Events tall = Events.builder(2, 5).add(1, 0, 4, true).build();
        assertThatThrownBy(() -> Events.concat(4, 5, List.of(wide)))
                .hasMessage("events from a 5x2 sensor do not fit a 4x5 builder");
        assertThatThrownBy(() -> Events.concat(5, 4, List.of(tall)))
                .hasMessage("events from a 2x5 sensor do not fit a 5x4 builder");
        assertThat(Events.concat(5, 5, List.of(wide, tall)).size()).isEqualTo(2);
        assertThat(Events.concat(5, 5, List.of()).isEmpty()).isTrue();
        // sizes that cannot be held: the check comes before any array is touched
        Events huge = new Events(1, 1, Integer.MAX_VALUE / 2, new long[0], new short[0], new short[0],
                new boolean[0]);
        Events exact = new Events(1, 1, Integer.MAX_VALUE - 16 - Integer.MAX_VALUE / 2 + 1, new long[0],
                new short[0], new short[0], new boolean[0]);
        assertThatThrownBy(() -> Events.concat(1, 1, List.of(huge, huge, huge)))
                .hasMessage("too many events to concatenate: " + 3L * (Integer.MAX_VALUE / 2));
        // exactly one more than the limit Integer.MAX_VALUE - 16
        assertThatThrownBy(() -> Events.concat(1, 1, List.of(huge, exact)))
                .hasMessage("too many events to concatenate: " + (Integer.MAX_VALUE - 15L));
        assertThatThrownBy(() -> Events.concat(1, 1, null)).hasMessage("parts");
    }

    @Test
    void theBuilderGrowsAndRefusesMoreThanAnArrayHolds() {
        Events.Builder b = Events.builder(3, 3, 1);
        for (int i = 0; i < 100; i++) {
            b.add(i, i % 3, (i / 3) % 3, i % 2 == 0);
        }
        Events e = b.build();
        assertThat(e.size()).isEqualTo(100);
        for (int i = 0; i < 100; i++) {
            assertThat(e.t(i)).isEqualTo(i);
            assertThat(e.x(i)).isEqualTo(i % 3);
            assertThat(e.y(i)).isEqualTo((i / 3) % 3);
            assertThat(e.isOn(i)).isEqualTo(i % 2 == 0);
        }
        // ensureCapacity grows to at least what is asked for, in one step
        Events.Builder c = Events.builder(3, 3, 0);
        c.ensureCapacity(5000);
        assertThat(c.t.length).isGreaterThanOrEqualTo(5000);
        assertThat(c.x.length).isEqualTo(c.t.length);
        assertThat(c.y.length).isEqualTo(c.t.length);
        assertThat(c.on.length).isEqualTo(c.t.length);
        int cap = c.t.length;
        c.ensureCapacity(cap);
        assertThat(c.t.length).isEqualTo(cap);
        c.ensureCapacity(cap + 1);
        assertThat(c.t.length).isEqualTo(2 * cap + 16);
        // the limit: size + extra must stay within Integer.MAX_VALUE - 16
        Events.Builder d = Events.builder(1, 1, 0);
        d.size = Integer.MAX_VALUE - 20;
        assertThatThrownBy(() -> d.ensureCapacity(5)).isInstanceOf(IllegalStateException.class)
                .hasMessage("an Events list holds at most " + (Integer.MAX_VALUE - 16) + " events, need "
                        + (Integer.MAX_VALUE - 15L));
    }

    @Test
    void buildCopiesAndTheBuilderKeepsGrowing() {
        Events.Builder b = Events.builder(4, 4, 8).add(1, 1, 1, true);
        Events first = b.build();
        b.add(2, 2, 2, false);
        Events second = b.build();
        assertThat(first.size()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(2);
        assertThat(second.t(1)).isEqualTo(2);
        b.addUnchecked(3, 3, 3, true);
        assertThat(b.build().x(2)).isEqualTo(3);
        assertThat(first.t(0)).isEqualTo(1);
        assertThatThrownBy(() -> b.addAll(null)).hasMessage("e");
    }

    @Test
    void addUncheckedAndAddAllGrowFromAnEmptyBuilder() {
        Events.Builder b = Events.builder(4, 4, 0);
        for (int i = 0; i < 50; i++) {
            b.addUnchecked(i, i % 4, 3 - i % 4, i % 3 == 0);
        }
        Events e = b.build();
        assertThat(e.size()).isEqualTo(50);
        assertThat(e.t(49)).isEqualTo(49);
        assertThat(e.y(49)).isEqualTo(3 - 49 % 4);
        Events.Builder c = Events.builder(4, 4, 0).add(-7, 0, 0, false);
        c.addAll(e).addAll(e);
        Events twice = c.build();
        assertThat(twice.size()).isEqualTo(101);
        assertThat(twice.t(0)).isEqualTo(-7);
        assertThat(twice.t(1)).isEqualTo(0);
        assertThat(twice.t(100)).isEqualTo(49);
        assertThat(twice.x(51)).isEqualTo(0);
        assertThat(twice.isOn(52)).isFalse();
    }

    @Test
    void buildAndReleaseHandsOverFullArraysOnly() {
        Events.Builder full = Events.builder(4, 4, 2).add(1, 1, 1, true).add(2, 2, 2, false);
        long[] arrays = full.t;
        Events e = full.buildAndRelease();
        assertThat(e.t).isSameAs(arrays);
        assertThat(e.timestamps()).containsExactly(1, 2);
        assertThat(full.size()).isZero();
        assertThat(full.t).isEmpty();
        assertThat(full.x).isEmpty();
        assertThat(full.y).isEmpty();
        assertThat(full.on).isEmpty();
        Events.Builder part = Events.builder(4, 4, 5).add(1, 1, 1, true);
        long[] partArrays = part.t;
        Events p = part.buildAndRelease();
        assertThat(p.t).isNotSameAs(partArrays).hasSize(1);
        assertThat(p.x).hasSize(1);
        assertThat(p.y).hasSize(1);
        assertThat(p.on).hasSize(1);
        assertThat(p.size()).isEqualTo(1);
    }

    @Test
    void equalityLooksAtEveryField() {
        Events base = Events.builder(4, 4).add(10, 1, 2, true).add(20, 3, 0, false).build();
        Events[] different = {
            Events.builder(5, 4).add(10, 1, 2, true).add(20, 3, 0, false).build(),
            Events.builder(4, 5).add(10, 1, 2, true).add(20, 3, 0, false).build(),
            Events.builder(4, 4).add(10, 1, 2, true).build(),
            Events.builder(4, 4).add(10, 1, 2, true).add(21, 3, 0, false).build(),
            Events.builder(4, 4).add(10, 1, 2, true).add(20, 2, 0, false).build(),
            Events.builder(4, 4).add(10, 1, 2, true).add(20, 3, 1, false).build(),
            Events.builder(4, 4).add(10, 1, 2, true).add(20, 3, 0, true).build(),
        };
        for (Events d : different) {
            assertThat(base).as("%s", d).isNotEqualTo(d);
            assertThat(base.hashCode()).as("hash of %s", d).isNotEqualTo(d.hashCode());
        }
        assertThat(base).isEqualTo(base).isNotEqualTo("Events").isNotEqualTo(null);
        assertThat(base).isEqualTo(Events.builder(4, 4).add(10, 1, 2, true).add(20, 3, 0, false).build());
    }
}
