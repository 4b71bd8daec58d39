package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * EventTransforms against plain restatements of their javadoc (issue 17, patterns 1 and 3): random streams on
 * non-square sensors with events on every border, equal and backwards times, and every argument check at both
 * sides of its bound. The restatements loop over the events and test each condition as the javadoc words it
 * (for denoise: the 8 neighbours by offset, inside the sensor).
 */
class EventTransformsReferenceTest {

    /** Events on a {@code w x h} sensor; times in a narrow range (many ties), going back now and then. */
    static Events stream(SplittableRandom r, int w, int h, int n) {
        Events.Builder b = Events.builder(w, h);
        long t = r.nextInt(50);
        for (int i = 0; i < n; i++) {
            int step = r.nextInt(5);
            t += r.nextInt(8) == 0 ? -r.nextInt(30) : step == 4 ? r.nextInt(40) : step;
            int x = r.nextInt(4) == 0 ? (r.nextBoolean() ? 0 : w - 1) : r.nextInt(w);
            int y = r.nextInt(4) == 0 ? (r.nextBoolean() ? 0 : h - 1) : r.nextInt(h);
            b.add(t, x, y, r.nextBoolean());
        }
        return b.build();
    }

    static Events crop(Events e, int x0, int y0, int w, int h) {
        Events.Builder b = Events.builder(w, h);
        for (int i = 0; i < e.size(); i++) {
            if (e.x(i) >= x0 && e.x(i) <= x0 + w - 1 && e.y(i) >= y0 && e.y(i) <= y0 + h - 1) {
                b.add(e.t(i), e.x(i) - x0, e.y(i) - y0, e.isOn(i));
            }
        }
        return b.build();
    }

    static Events denoise(Events e, long window) {
        long[][] last = new long[e.width()][e.height()];
        boolean[][] seen = new boolean[e.width()][e.height()];
        Events.Builder b = Events.builder(e.width(), e.height());
        for (int i = 0; i < e.size(); i++) {
            int x = e.x(i);
            int y = e.y(i);
            boolean keep = false;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int nx = x + dx;
                    int ny = y + dy;
                    if ((dx != 0 || dy != 0) && nx >= 0 && ny >= 0 && nx < e.width() && ny < e.height()
                            && seen[nx][ny] && e.t(i) - last[nx][ny] <= window) {
                        keep = true;
                    }
                }
            }
            if (keep) {
                b.add(e.t(i), x, y, e.isOn(i));
            }
            last[x][y] = e.t(i);
            seen[x][y] = true;
        }
        return b.build();
    }

    static Events refractory(Events e, long period) {
        Long[][] lastKept = new Long[e.width()][e.height()];
        Events.Builder b = Events.builder(e.width(), e.height());
        for (int i = 0; i < e.size(); i++) {
            Long s = lastKept[e.x(i)][e.y(i)];
            if (s != null && e.t(i) - s >= 0 && e.t(i) - s < period) {
                continue;
            }
            b.add(e.t(i), e.x(i), e.y(i), e.isOn(i));
            lastKept[e.x(i)][e.y(i)] = e.t(i);
        }
        return b.build();
    }

    @Property(seed = "17", tries = 200)
    void everyTransformIsItsPlainRestatement(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int w = r.nextInt(1, 13);
        int h = r.nextInt(1, 13);
        Events e = stream(r, w, h, r.nextInt(120));
        Events before = Events.builder(w, h).addAll(e).build();

        int cw = r.nextInt(1, w + 1);
        int ch = r.nextInt(1, h + 1);
        int x0 = r.nextInt(w - cw + 1);
        int y0 = r.nextInt(h - ch + 1);
        assertThat(EventTransforms.crop(e, x0, y0, cw, ch)).isEqualTo(crop(e, x0, y0, cw, ch));

        int fx = r.nextInt(1, 6);
        int fy = r.nextInt(1, 6);
        Events d = EventTransforms.downsample(e, fx, fy);
        assertThat(d.width()).isEqualTo((int) Math.ceil(w / (double) fx));
        assertThat(d.height()).isEqualTo((int) Math.ceil(h / (double) fy));
        Events.Builder flipX = Events.builder(w, h);
        Events.Builder flipY = Events.builder(w, h);
        for (int i = 0; i < e.size(); i++) {
            assertThat(d.t(i)).isEqualTo(e.t(i));
            assertThat(d.x(i)).isEqualTo(e.x(i) / fx);
            assertThat(d.y(i)).isEqualTo(e.y(i) / fy);
            assertThat(d.isOn(i)).isEqualTo(e.isOn(i));
            flipX.add(e.t(i), w - 1 - e.x(i), e.y(i), e.isOn(i));
            flipY.add(e.t(i), e.x(i), h - 1 - e.y(i), e.isOn(i));
        }
        assertThat(d.size()).isEqualTo(e.size());
        assertThat(EventTransforms.flipX(e)).isEqualTo(flipX.build());
        assertThat(EventTransforms.flipY(e)).isEqualTo(flipY.build());

        long from = r.nextInt(60);
        long to = from + r.nextInt(40);
        Events.Builder slice = Events.builder(w, h);
        for (int i = 0; i < e.size(); i++) {
            if (from <= e.t(i) && e.t(i) <= to - 1) {
                slice.add(e.t(i), e.x(i), e.y(i), e.isOn(i));
            }
        }
        assertThat(EventTransforms.timeSlice(e, from, to)).isEqualTo(slice.build());

        long window = r.nextInt(4) == 0 ? 0 : r.nextInt(25);
        assertThat(EventTransforms.denoise(e, window)).isEqualTo(denoise(e, window));
        long period = r.nextInt(4) == 0 ? 0 : r.nextInt(1, 25);
        assertThat(EventTransforms.refractory(e, period)).isEqualTo(refractory(e, period));
        assertThat(e).as("the input is not modified").isEqualTo(before);
    }

    @Test
    void cropKeepsTheRectangleUpToItsLastRowAndColumn() {
        // 7 x 5 sensor, crop (2, 1, 3 x 2) = columns 2..4, rows 1..2; one event just outside each side
        Events e = Events.builder(7, 5).add(1, 1, 1, true).add(2, 2, 1, true).add(3, 4, 2, false).add(4, 5, 2, true)
                .add(5, 3, 0, true).add(6, 3, 3, true).add(7, 2, 2, false).add(8, 4, 1, true).build();
        Events c = EventTransforms.crop(e, 2, 1, 3, 2);
        assertThat(c.width()).isEqualTo(3);
        assertThat(c.height()).isEqualTo(2);
        assertThat(c.timestamps()).containsExactly(2, 3, 7, 8);
        assertThat(c.xs()).containsExactly(0, 2, 0, 2);
        assertThat(c.ys()).containsExactly(0, 1, 1, 0);
        // the whole sensor and its last pixel are valid rectangles
        assertThat(EventTransforms.crop(e, 0, 0, 7, 5)).isEqualTo(e);
        Events corner = EventTransforms.crop(Events.builder(7, 5).add(9, 6, 4, true).build(), 6, 4, 1, 1);
        assertThat(corner.size()).isEqualTo(1);
        assertThat(corner.x(0)).isZero();
        assertThat(corner.y(0)).isZero();
    }

    @Test
    void cropRefusesEveryRectangleThatIsEmptyOrLeavesTheSensor() {
        Events e = Events.builder(7, 5).add(1, 1, 1, true).build();
        int[][] bad = {{0, 0, 0, 1}, {0, 0, 1, 0}, {-1, 0, 2, 2}, {0, -1, 2, 2}, {1, 0, 7, 1}, {0, 1, 1, 5},
            {5, 0, 3, 1}, {0, 3, 1, 3}, {7, 0, 1, 1}, {0, 5, 1, 1}};
        for (int[] b : bad) {
            assertThatThrownBy(() -> EventTransforms.crop(e, b[0], b[1], b[2], b[3]))
                    .as("crop %d %d %d %d", b[0], b[1], b[2], b[3]).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("crop rectangle (" + b[0] + ", " + b[1] + ", " + b[2] + "x" + b[3]
                            + ") must be non-empty and inside the 7x5 sensor");
        }
    }

    @Test
    void downsampleSizesAreCeilingsAndFactorsBelowOneAreRefused() {
        Events e = Events.builder(8, 9).add(1, 7, 8, true).add(2, 4, 3, false).build();
        Events d = EventTransforms.downsample(e, 4, 3);
        assertThat(d.width()).isEqualTo(2);   // 8 / 4 exactly
        assertThat(d.height()).isEqualTo(3);  // 9 / 3 exactly
        assertThat(d.xs()).containsExactly(1, 1);
        assertThat(d.ys()).containsExactly(2, 1);
        Events one = EventTransforms.downsample(e, 1, 1);
        assertThat(one).isEqualTo(e);
        Events wide = EventTransforms.downsample(e, 3, 2);
        assertThat(wide.width()).isEqualTo(3);
        assertThat(wide.height()).isEqualTo(5);
        for (int[] f : new int[][] {{0, 1}, {1, 0}, {-2, 3}}) {
            assertThatThrownBy(() -> EventTransforms.downsample(e, f[0], f[1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("down-sampling factors must be >= 1, got " + f[0] + " and " + f[1]);
        }
    }

    @Test
    void aTimeSliceIncludesItsStartExcludesItsEndAndRefusesAnEndBeforeItsStart() {
        Events e = Events.builder(3, 3).add(9, 0, 0, true).add(10, 1, 0, true).add(19, 2, 0, false).add(20, 0, 1, true)
                .build();
        assertThat(EventTransforms.timeSlice(e, 10, 20).timestamps()).containsExactly(10, 19);
        assertThat(EventTransforms.timeSlice(e, 10, 10).size()).isZero();
        assertThatThrownBy(() -> EventTransforms.timeSlice(e, 10, 9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("toUs must be >= fromUs, got 9 < 10");
    }

    @Test
    void flipsMirrorEveryEventNotOnlyTheMiddleOnes() {
        Events e = Events.builder(6, 4).add(1, 0, 0, true).add(2, 5, 3, false).add(3, 2, 1, true).build();
        Events fy = EventTransforms.flipY(e);
        assertThat(fy.ys()).containsExactly(3, 0, 2);
        assertThat(fy.xs()).containsExactly(0, 5, 2);
        assertThat(fy.timestamps()).containsExactly(1, 2, 3);
        assertThat(fy.polarities()).containsExactly(true, false, true);
        assertThat(EventTransforms.flipX(e).xs()).containsExactly(5, 0, 3);
        assertThat(EventTransforms.flipY(fy)).isEqualTo(e);
    }

    @Test
    void denoiseAcceptsEachOfTheEightNeighboursAndTheWindowBoundItself() {
        int[][] around = {{-1, -1}, {0, -1}, {1, -1}, {-1, 0}, {1, 0}, {-1, 1}, {0, 1}, {1, 1}};
        for (int[] d : around) {
            // a neighbour 7 us before the event at (3, 2) on a 6 x 5 sensor: kept with window 7, not with 6
            Events e = Events.builder(6, 5).add(10, 3 + d[0], 2 + d[1], false).add(17, 3, 2, true).build();
            assertThat(EventTransforms.denoise(e, 7).size()).as("neighbour %d %d", d[0], d[1]).isEqualTo(1);
            assertThat(EventTransforms.denoise(e, 7).t(0)).isEqualTo(17);
            assertThat(EventTransforms.denoise(e, 6).size()).isZero();
        }
        // two columns or rows away, or the same pixel, is not a neighbour
        for (int[] d : new int[][] {{2, 0}, {-2, 0}, {0, 2}, {0, -2}, {2, 2}, {0, 0}}) {
            Events e = Events.builder(6, 5).add(10, 3 + d[0], 2 + d[1], false).add(11, 3, 2, true).build();
            assertThat(EventTransforms.denoise(e, 100).size()).as("offset %d %d", d[0], d[1]).isZero();
        }
        // window 0: only a neighbour at the same time counts
        Events same = Events.builder(6, 5).add(10, 0, 0, true).add(10, 1, 1, true).add(11, 0, 1, true).build();
        assertThat(EventTransforms.denoise(same, 0).timestamps()).containsExactly(10);
        assertThatThrownBy(() -> EventTransforms.denoise(same, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("windowUs must be >= 0, got -1");
    }

    @Test
    void refractoryDropsEqualTimesKeepsBackwardsTimesAndSeparatesPixelsOfANonSquareSensor() {
        // 5 x 3 sensor: pixel (4, 0) and (1, 1) would share an index with rows of 3 or a transposed index
        Events e = Events.builder(5, 3).add(100, 4, 0, true).add(100, 4, 0, false) // same time: dropped
                .add(90, 4, 0, true)                                               // backwards: kept
                .add(95, 1, 1, true).add(96, 0, 2, true).add(97, 2, 0, true)          // other pixels: kept
                .add(99, 4, 0, true)                                               // 9 us after 90: dropped
                .add(100, 4, 0, true)                                              // 10 us after 90: kept
                .build();
        Events r = EventTransforms.refractory(e, 10);
        assertThat(r.timestamps()).containsExactly(100, 90, 95, 96, 97, 100);
        assertThat(r.polarities()).containsExactly(true, true, true, true, true, true);
        assertThat(EventTransforms.refractory(e, 0)).isEqualTo(e);
        assertThatThrownBy(() -> EventTransforms.refractory(e, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("periodUs must be >= 0, got -1");
    }
}
