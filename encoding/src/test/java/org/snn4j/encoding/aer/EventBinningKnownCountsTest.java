package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * EventBinning on crafted streams with per-bin, per-pixel counts worked out by hand (not only totals), and
 * against plain-loop references on random streams.
 */
class EventBinningKnownCountsTest {
    /** 3 x 2 sensor; t = 100, 104, 109, 110, 119, 130 us. */
    static Events crafted() {
        return Events.builder(3, 2)
                .add(100, 0, 0, true)
                .add(104, 2, 1, false)
                .add(109, 1, 0, true)
                .add(110, 1, 0, false)
                .add(119, 2, 1, true)
                .add(130, 0, 1, true)
                .build();
    }

    private static long[] totals(EventFrames f) {
        long[] t = new long[f.frames()];
        for (int k = 0; k < t.length; k++) {
            t[k] = f.total(k);
        }
        return t;
    }

    @Test
    void framesByTimePutsEachEventInItsWindow() {
        EventFrames f = EventBinning.framesByTime(crafted(), 10, PolarityMode.SPLIT);
        assertThat(f.frames()).isEqualTo(4);
        assertThat(totals(f)).containsExactly(3, 2, 0, 1);
        assertThat(new long[] {f.startUs(0), f.startUs(1), f.startUs(2), f.startUs(3)})
                .containsExactly(100, 110, 120, 130);
        // SPLIT: channel 0 off, channel 1 on
        assertThat(f.count(0, 1, 0, 0)).isEqualTo(1);
        assertThat(f.count(0, 0, 1, 2)).isEqualTo(1);
        assertThat(f.count(0, 1, 0, 1)).isEqualTo(1);
        assertThat(f.count(1, 0, 0, 1)).isEqualTo(1);
        assertThat(f.count(1, 1, 1, 2)).isEqualTo(1);
        assertThat(f.count(3, 1, 1, 0)).isEqualTo(1);
        assertThat(f.count(1, 1, 0, 1)).isZero();
        EventFrames m = EventBinning.framesByTime(crafted(), 10, PolarityMode.MERGED);
        assertThat(m.count(0, 0, 0, 1)).isEqualTo(1);
        assertThat(m.count(1, 0, 0, 1)).isEqualTo(1);
        assertThat(m.count(1, 0, 1, 2)).isEqualTo(1);
    }

    @Test
    void framesByBinsUsesFloorOfDtTimesBinsOverSpan() {
        // span 31 us: bin = floor(dt * 3 / 31) for dt = 0, 4, 9, 10, 19, 30 -> 0, 0, 0, 0, 1, 2
        EventFrames f = EventBinning.framesByBins(crafted(), 3, PolarityMode.MERGED);
        assertThat(totals(f)).containsExactly(4, 1, 1);
        assertThat(new long[] {f.startUs(0), f.startUs(1), f.startUs(2)}).containsExactly(100, 111, 121);
        assertThat(f.count(0, 0, 0, 1)).isEqualTo(2);
        assertThat(f.count(1, 0, 1, 2)).isEqualTo(1);
        assertThat(f.count(2, 0, 1, 0)).isEqualTo(1);
    }

    @Test
    void framesByCountCutsEveryNEvents() {
        EventFrames f = EventBinning.framesByCount(crafted(), 4, PolarityMode.MERGED);
        assertThat(totals(f)).containsExactly(4, 2);
        assertThat(f.startUs(0)).isEqualTo(100);
        assertThat(f.startUs(1)).isEqualTo(119);
        assertThat(f.count(1, 0, 1, 0)).isEqualTo(1);
        assertThat(f.count(1, 0, 1, 2)).isEqualTo(1);
    }

    @Test
    void binnedStepsCountTheirOwnEvents() {
        // t0 = 95, 10 us steps: steps (t - 95) / 10 = 0, 0, 1, 1, 2, 3; step 4 empty
        BinnedEvents b = EventBinning.binned(crafted(), 95, 10, 5, PolarityMode.SPLIT);
        assertThat(new int[] {b.count(0), b.count(1), b.count(2), b.count(3), b.count(4)})
                .containsExactly(2, 2, 1, 1, 0);
        // step 1 holds (1,0,on) at 109 -> 6 + 0*3 + 1 = 7 and (1,0,off) at 110 -> 1
        int[] step1 = {b.input(b.start(1)), b.input(b.start(1) + 1)};
        java.util.Arrays.sort(step1);
        assertThat(step1).containsExactly(1, 7);
        assertThat(b.input(b.start(3))).isEqualTo(6 + 3);
        // the bins know their step (10 us = 0.01 ms), so the engine refuses them for a network with another step
        assertThat(b.stepMs()).isEqualTo(0.01f);
        assertThat(b.toEventSource().dtMs()).isEqualTo(0.01f);
        BinnedEvents copy = BinnedEvents.of(b.shape(), new int[] {0, 0}, new int[0]);
        assertThat(copy.stepMs()).isNaN();
        assertThat(copy.toEventSource().dtMs()).isNaN();
    }

    private static Events random(SplittableRandom r, int n) {
        Events.Builder b = Events.builder(4, 3);
        long t = r.nextInt(1000);
        for (int i = 0; i < n; i++) {
            t += r.nextInt(4) == 0 ? 0 : r.nextInt(50);
            b.add(t, r.nextInt(4), r.nextInt(3), r.nextBoolean());
        }
        return b.build();
    }

    @Property(tries = 100, seed = "4242")
    void framesMatchPlainLoops(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int n,
                               @ForAll @IntRange(min = 1, max = 9) int bins,
                               @ForAll @IntRange(min = 1, max = 80) int window) {
        Events e = random(new SplittableRandom(seed), n);
        long t0 = e.minTime();
        long span = e.maxTime() - t0 + 1;
        EventFrames byBins = EventBinning.framesByBins(e, bins, PolarityMode.SPLIT);
        EventFrames byTime = EventBinning.framesByTime(e, window, PolarityMode.MERGED);
        EventFrames byCount = EventBinning.framesByCount(e, bins, PolarityMode.SPLIT);
        int[][] refBins = new int[bins][2 * 12];
        int[][] refTime = new int[(int) ((e.maxTime() - t0) / window + 1)][12];
        int[][] refCount = new int[(n + bins - 1) / bins][2 * 12];
        for (int i = 0; i < n; i++) {
            int pix = e.y(i) * 4 + e.x(i);
            int split = pix + (e.isOn(i) ? 12 : 0);
            refBins[(int) ((e.t(i) - t0) * bins / span)][split]++;
            refTime[(int) ((e.t(i) - t0) / window)][pix]++;
            refCount[i / bins][split]++;
        }
        assertThat(byBins.frames()).isEqualTo(bins);
        for (int k = 0; k < bins; k++) {
            assertThat(byBins.frame(k)).as("bin %d", k).containsExactly(refBins[k]);
        }
        assertThat(byTime.frames()).isEqualTo(refTime.length);
        for (int k = 0; k < refTime.length; k++) {
            assertThat(byTime.frame(k)).as("window %d", k).containsExactly(refTime[k]);
        }
        assertThat(byCount.frames()).isEqualTo(refCount.length);
        for (int k = 0; k < refCount.length; k++) {
            assertThat(byCount.frame(k)).as("frame %d", k).containsExactly(refCount[k]);
        }
    }
}
