package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Spikes;

class EventTransformsTest {
    static Events sample() throws IOException {
        return NmnistBin.read(Fixtures.bytes(Fixtures.NMNIST), ReadOptions.strict()).events();
    }

    @Test
    void oneEventOneBinShowsTheEventTonic313() {
        Events e = Events.builder(10, 10).add(1234, 3, 4, true).build();
        EventFrames f = EventBinning.framesByBins(e, 1, PolarityMode.SPLIT);
        assertThat(f.frames()).isEqualTo(1);
        assertThat(f.count(0, 1, 4, 3)).isEqualTo(1);
        assertThat(f.total(0)).isEqualTo(1);
        EventFrames g = EventBinning.framesByTime(e, 1000, PolarityMode.MERGED);
        assertThat(g.frames()).isEqualTo(1);
        assertThat(g.count(0, 0, 4, 3)).isEqualTo(1);
    }

    @Test
    void framesCountEveryEventInTheRightChannel() throws IOException {
        Events e = sample();
        EventFrames f = EventBinning.framesByTime(e, 10_000, PolarityMode.SPLIT);
        assertThat(f.frames()).isEqualTo((311_175 - 654) / 10_000 + 1);
        long total = 0;
        long on = 0;
        for (int k = 0; k < f.frames(); k++) {
            total += f.total(k);
            int[] fr = f.frame(k);
            for (int i = 34 * 34; i < fr.length; i++) {
                on += fr[i];
            }
        }
        assertThat(total).isEqualTo(4_325);
        assertThat(on).isEqualTo(2_145);
        // first saccade (t < 100 ms from the start of the recording, t0 = 654): tonic's cut is absolute
        EventFrames bins = EventBinning.framesByBins(e, 3, PolarityMode.MERGED);
        assertThat(bins.total(0) + bins.total(1) + bins.total(2)).isEqualTo(4_325);
        EventFrames byCount = EventBinning.framesByCount(e, 1000, PolarityMode.MERGED);
        assertThat(byCount.frames()).isEqualTo(5);
        assertThat(byCount.total(4)).isEqualTo(325);
        assertThat(byCount.startUs(0)).isEqualTo(654);
        assertThat(EventTransforms.timeSlice(e, 0, 100_000).size()).isEqualTo(1_369);
    }

    @Test
    void binIndexDoesNotOverflowForUnixTimes() {
        assertThat(EventBinning.bin(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2 + 1, 1000)).isEqualTo(999);
        assertThat(EventBinning.bin(0, 1, 1)).isZero();
    }

    @Test
    void spikeSourceUsesTheChwIndex() {
        Events e = Events.builder(5, 4).add(0, 2, 3, true).add(0, 2, 3, false).add(2500, 4, 0, true).build();
        EventSource s = EventBinning.toSpikeSource(e, 1000, PolarityMode.SPLIT);
        assertThat(s.dtMs()).as("made for the network's 1 ms steps").isEqualTo(1f);
        assertThat(EventBinning.toSpikeSource(e, 250, PolarityMode.SPLIT).dtMs()).isEqualTo(0.25f);
        assertThat(s.steps()).isEqualTo(3);
        assertThat(s.size()).isEqualTo(2 * 4 * 5);
        Spikes out = new Spikes(s.size());
        s.emit(0, out);
        assertThat(out.count()).isEqualTo(2);
        assertThat(out.fired()[(1 * 4 + 3) * 5 + 2]).isTrue();
        assertThat(out.fired()[(0 * 4 + 3) * 5 + 2]).isTrue();
        out.clear();
        s.emit(2, out);
        assertThat(out.fired()[(1 * 4 + 0) * 5 + 4]).isTrue();
        EventSource m = EventBinning.toSpikeSource(e, 1000, PolarityMode.MERGED);
        assertThat(m.size()).isEqualTo(20);
        EventSource b = EventBinning.toSpikeSourceBins(e, 1, PolarityMode.MERGED);
        assertThat(b.steps()).isEqualTo(1);
        Spikes o2 = new Spikes(20);
        b.emit(0, o2);
        assertThat(o2.count()).isEqualTo(2); // (2,3) twice merged, (4,0)
    }

    @Test
    void spikeSourceOfTheSampleHasEveryEventInItsStep() throws IOException {
        Events e = sample();
        EventSource s = EventBinning.toSpikeSource(e, 1000, PolarityMode.SPLIT);
        assertThat(s.steps()).isEqualTo(311);
        assertThat(((EventSource) s).eventCount()).isEqualTo(4_325);
    }

    @Test
    void cropDownsampleFlipsAndPolarity() {
        Events e = Events.builder(10, 8).add(1, 0, 0, true).add(2, 5, 5, false).add(3, 9, 7, true).build();
        Events c = EventTransforms.crop(e, 4, 4, 6, 4);
        assertThat(c.width()).isEqualTo(6);
        assertThat(c.size()).isEqualTo(2);
        assertThat(c.x(0)).isEqualTo(1);
        assertThat(c.y(1)).isEqualTo(3);
        assertThatThrownBy(() -> EventTransforms.crop(e, 5, 0, 6, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inside the 10x8 sensor");
        Events d = EventTransforms.downsample(e, 4, 3);
        assertThat(d.width()).isEqualTo(3);
        assertThat(d.height()).isEqualTo(3);
        assertThat(d.x(2)).isEqualTo(2);
        assertThat(d.y(2)).isEqualTo(2);
        assertThat(EventTransforms.flipX(e).x(0)).isEqualTo(9);
        assertThat(EventTransforms.flipY(e).y(2)).isZero();
        Events[] split = EventTransforms.splitPolarity(e);
        assertThat(split[0].size()).isEqualTo(1);
        assertThat(split[1].size()).isEqualTo(2);
        assertThat(EventTransforms.mergePolarity(e).onCount()).isEqualTo(3);
    }

    @Test
    void denoiseKeepsEventsWithARecentNeighbour() {
        Events e = Events.builder(10, 10)
                .add(0, 5, 5, true)    // no neighbour yet: dropped
                .add(10, 6, 6, true)   // neighbour (5,5) 10 us ago: kept
                .add(20, 5, 5, true)   // neighbour (6,6) 10 us ago: kept (same pixel does not count)
                .add(500, 0, 0, true)  // alone: dropped
                .add(600, 1, 0, true)  // neighbour (0,0) 100 us ago > 50: dropped
                .add(700, 9, 9, true)  // corner, alone: dropped
                .build();
        Events d = EventTransforms.denoise(e, 50);
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.t(0)).isEqualTo(10);
        assertThat(d.t(1)).isEqualTo(20);
        assertThat(EventTransforms.denoise(e, 100).size()).isEqualTo(3);
    }

    @Test
    void refractoryDropsEventsOfTheSamePixelWithinThePeriod() {
        Events e = Events.builder(4, 4).add(0, 1, 1, true).add(5, 1, 1, false).add(10, 1, 1, true)
                .add(12, 2, 1, true).add(19, 1, 1, true).build();
        Events r = EventTransforms.refractory(e, 10);
        assertThat(r.timestamps()).containsExactly(0, 10, 12);
        assertThat(EventTransforms.refractory(e, 0).size()).isEqualTo(5);
    }

    @Test
    void eventsBuilderChecksCoordinates() {
        assertThatThrownBy(() -> Events.builder(34, 34).add(0, 34, 0, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x must be in [0, 34), got 34");
        assertThatThrownBy(() -> Events.builder(0, 34)).hasMessage("width must be in [1, 32767], got 0");
        assertThatThrownBy(() -> new ReadOptions(ReadMode.STRICT, 5, 0, null, 10))
                .hasMessageContaining("both be 0 or both > 0");
    }
}
