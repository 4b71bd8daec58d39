package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Spikes;

/**
 * EventBinning at its edges (issue 17, patterns 1 and 4): every argument check at both sides, empty recordings,
 * the frame-count limit, bins of timestamps near 2^62 (where {@code dt * bins} overflows, and where a double
 * would round the exact floor up), steps that start or end exactly at an event, and the per-step sort and
 * de-duplication of {@link EventBinning#binned}.
 */
class EventBinningEdgesTest {

    private static final Events E = Events.builder(3, 2).add(1000, 0, 0, true).add(1001, 2, 1, false)
            .add(1004, 1, 0, true).add(1005, 1, 1, true).build();

    /** The inputs of each step of a spike source, sorted. */
    private static int[][] steps(EventSource s) {
        int[][] out = new int[s.steps()][];
        Spikes sp = new Spikes(s.size());
        for (int t = 0; t < s.steps(); t++) {
            sp.clear();
            s.emit(t, sp);
            int[] k = new int[sp.count()];
            for (int i = 0; i < k.length; i++) {
                k[i] = sp.get(i);
            }
            Arrays.sort(k);
            out[t] = k;
        }
        return out;
    }

    @Test
    void everyArgumentIsCheckedAtBothSides() {
        PolarityMode m = PolarityMode.MERGED;
        assertThatThrownBy(() -> EventBinning.framesByTime(E, 0, m)).hasMessage("windowUs must be >= 1, got 0");
        assertThat(EventBinning.framesByTime(E, 1, m).frames()).isEqualTo(6);
        assertThatThrownBy(() -> EventBinning.framesByCount(E, 0, m)).hasMessage("eventsPerFrame must be >= 1, got 0");
        assertThat(EventBinning.framesByCount(E, 1, m).frames()).isEqualTo(4);
        assertThatThrownBy(() -> EventBinning.framesByBins(E, 0, m)).hasMessage("bins must be >= 1, got 0");
        assertThat(EventBinning.framesByBins(E, 1, m).total(0)).isEqualTo(4);
        assertThatThrownBy(() -> EventBinning.toSpikeSource(E, 0, m)).hasMessage("stepUs must be >= 1, got 0");
        assertThat(EventBinning.toSpikeSource(E, 1, m).steps()).isEqualTo(6);
        assertThatThrownBy(() -> EventBinning.toSpikeSource(E, 1000, 0, 3, m)).hasMessage("stepUs must be >= 1, got 0");
        assertThatThrownBy(() -> EventBinning.toSpikeSource(E, 1000, 1, -1, m)).hasMessage("steps must be >= 0, got -1");
        assertThat(EventBinning.toSpikeSource(E, 1000, 1, 0, m).steps()).isZero();
        assertThatThrownBy(() -> EventBinning.binned(E, 1000, 0, 3, m)).hasMessage("stepUs must be >= 1, got 0");
        assertThatThrownBy(() -> EventBinning.binned(E, 1000, 1, -1, m)).hasMessage("steps must be >= 0, got -1");
        assertThat(EventBinning.binned(E, 1000, 1, 0, m).steps()).isZero();
        assertThatThrownBy(() -> EventBinning.toSpikeSourceBins(E, 0, m)).hasMessage("steps must be >= 1, got 0");
    }

    @Test
    void emptyRecordingsGiveEmptyFrames() {
        Events none = Events.builder(3, 2).build();
        assertThat(EventBinning.framesByTime(none, 10, PolarityMode.SPLIT).frames()).isZero();
        assertThat(EventBinning.framesByCount(none, 10, PolarityMode.SPLIT).frames()).isZero();
        EventFrames bins = EventBinning.framesByBins(none, 3, PolarityMode.SPLIT);
        assertThat(bins.frames()).isEqualTo(3);
        assertThat(bins.shape().size()).isEqualTo(12);
        for (int k = 0; k < 3; k++) {
            assertThat(bins.total(k)).isZero();
            assertThat(bins.startUs(k)).isZero();
        }
        assertThat(EventBinning.toSpikeSource(none, 10, PolarityMode.MERGED).steps()).isZero();
        assertThat(EventBinning.toSpikeSourceBins(none, 2, PolarityMode.MERGED).steps()).isEqualTo(2);
    }

    @Test
    void framesByTimeAllowsAMillionFramesAndNoMore() {
        Events a = Events.builder(1, 1).add(5, 0, 0, true).add(5 + 999_999, 0, 0, false).build();
        EventFrames f = EventBinning.framesByTime(a, 1, PolarityMode.MERGED);
        assertThat(f.frames()).isEqualTo(1_000_000);
        assertThat(f.total(999_999)).isEqualTo(1);
        assertThat(f.startUs(999_999)).isEqualTo(5 + 999_999);
        Events b = Events.builder(1, 1).add(5, 0, 0, true).add(5 + 1_000_000, 0, 0, false).build();
        assertThatThrownBy(() -> EventBinning.framesByTime(b, 1, PolarityMode.MERGED))
                .hasMessage("windowUs 1 gives 1000001 frames, more than 1,000,000");
    }

    @Test
    void binsOfHugeTimestampsAreExactFloorsWithoutOverflow() {
        long big = 1L << 60;
        // span 2^60 + 1, two bins: 2^59 * 2 < span, so bin 0 (a double would round 2^59 * 2 / span up to 1)
        Events a = Events.builder(2, 1).add(0, 0, 0, true).add(1L << 59, 1, 0, true).add(big, 1, 0, false).build();
        EventFrames f = EventBinning.framesByBins(a, 2, PolarityMode.MERGED);
        assertThat(f.count(0, 0, 0, 1)).isEqualTo(1);
        assertThat(f.total(0)).isEqualTo(2);
        assertThat(f.total(1)).isEqualTo(1);
        assertThat(steps(EventBinning.toSpikeSourceBins(a, 2, PolarityMode.MERGED)))
                .isDeepEqualTo(new int[][] {{0, 1}, {1}});
        // dt * bins past 2^63 (2^62 * 2): the bin is still the floor, 1, never negative
        Events b = Events.builder(2, 1).add(0, 0, 0, true).add(1L << 61, 0, 0, true).add(1L << 62, 1, 0, true)
                .add((1L << 62) + 10, 0, 0, true).build();
        EventFrames g = EventBinning.framesByBins(b, 2, PolarityMode.MERGED);
        assertThat(g.total(0)).isEqualTo(2);
        assertThat(g.total(1)).isEqualTo(2);
        // five bins: 2^61 * 5 also overflows; 2.5 -> bin 2
        EventFrames h = EventBinning.framesByBins(b, 5, PolarityMode.MERGED);
        assertThat(new long[] {h.total(0), h.total(1), h.total(2), h.total(3), h.total(4)})
                .containsExactly(1, 0, 1, 0, 2);
    }

    @Test
    void stepsIncludeAnEventAtTheirStartAndExcludeOneAtTheWindowsEnd() {
        // t0 = 1000, 2 us steps, 2 steps: [1000, 1002) and [1002, 1004); 1004 is past the window, 999 before it
        Events e = Events.builder(3, 2).add(999, 2, 0, true).add(1000, 0, 0, true).add(1001, 2, 1, false)
                .add(1002, 1, 0, true).add(1004, 1, 1, true).build();
        EventSource s = EventBinning.toSpikeSource(e, 1000, 2, 2, PolarityMode.MERGED);
        assertThat(steps(s)).isDeepEqualTo(new int[][] {{0, 5}, {1}});
        BinnedEvents b = EventBinning.binned(e, 1000, 2, 2, PolarityMode.MERGED);
        assertThat(b.inputs(0)).containsExactly(0, 5);
        assertThat(b.inputs(1)).containsExactly(1);
        // from t0 = 998: 999 is in step 0 (d = 1, not negative), 1000 and 1001 in step 1
        assertThat(steps(EventBinning.toSpikeSource(e, 998, 2, 2, PolarityMode.MERGED)))
                .isDeepEqualTo(new int[][] {{2}, {0, 5}});
        // a whole recording: t0 is its first event, steps span to the last (1004 - 999) / 2 + 1 = 3
        EventSource all = EventBinning.toSpikeSource(e, 2, PolarityMode.SPLIT);
        assertThat(all.steps()).isEqualTo(3);
        assertThat(all.dtMs()).isEqualTo(0.002f);
        assertThat(steps(all)).isDeepEqualTo(new int[][] {{0 + 6, 2 + 6}, {5, 1 + 6}, {4 + 6}});
        assertThat(EventBinning.toSpikeSource(e, 1500, PolarityMode.MERGED).dtMs()).isEqualTo(1.5f);
        assertThat(EventBinning.binned(e, 0, 250, 8, PolarityMode.MERGED).stepMs()).isEqualTo(0.25f);
    }

    @Test
    void binsOfARecordingThatStartsLate() {
        // E: t = 1000, 1001, 1004, 1005 -> span 6; 3 bins: floor(dt * 3 / 6) = 0, 0, 2, 2
        assertThat(steps(EventBinning.toSpikeSourceBins(E, 3, PolarityMode.MERGED)))
                .isDeepEqualTo(new int[][] {{0, 5}, {}, {1, 4}});
        assertThat(steps(EventBinning.toSpikeSourceBins(E, 1, PolarityMode.MERGED))).isDeepEqualTo(new int[][] {{0, 1, 4, 5}});
        // more than Integer.MAX_VALUE - 8 steps is refused before anything is allocated
        Events far = Events.builder(1, 1).add(0, 0, 0, true).add(1L << 31, 0, 0, true).build();
        assertThatThrownBy(() -> EventBinning.toSpikeSource(far, 1, PolarityMode.MERGED))
                .hasMessage("stepUs 1 gives 2147483649 steps, too many");
    }

    @Test
    void binnedSortsEachStepAndDropsRepeatsWithinAStepOnly() {
        // step 0: inputs 5, 2, 5, 2, 0 -> 0, 2, 5; step 1: 5, 5 -> 5 (the same input as step 0's last)
        Events e = Events.builder(3, 2).add(10, 2, 1, true).add(11, 2, 0, false).add(12, 2, 1, false)
                .add(13, 2, 0, true).add(14, 0, 0, true).add(20, 2, 1, true).add(21, 2, 1, true)
                .add(30, 1, 0, true).build();
        BinnedEvents b = EventBinning.binned(e, 10, 10, 3, PolarityMode.MERGED);
        assertThat(b.inputs(0)).containsExactly(0, 2, 5);
        assertThat(b.inputs(1)).containsExactly(5);
        assertThat(b.inputs(2)).containsExactly(1);
        assertThat(b.offsets()).containsExactly(0, 3, 4, 5);
        assertThat(b.inputs()).containsExactly(0, 2, 5, 5, 1);
        assertThat(b.spikeCount()).isEqualTo(5);
    }
}
