package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NmnistBinTest {
    private static final byte[] DATA = Fixtures.bytes(Fixtures.NMNIST);

    @Test
    void sampleMatchesEveryValueOfTheReadme() throws IOException {
        assertThat(DATA.length).isEqualTo(21_625);
        AerRecording r = NmnistBin.read(DATA, ReadOptions.strict());
        Events e = r.events();
        assertThat(e.size()).isEqualTo(4_325);
        assertThat(e.width()).isEqualTo(34);
        assertThat(e.height()).isEqualTo(34);
        long sx = 0;
        long sy = 0;
        long st = 0;
        int minX = 999;
        int maxX = -1;
        int minY = 999;
        int maxY = -1;
        int early = 0;
        Set<Integer> pixels = new HashSet<>();
        for (int i = 0; i < e.size(); i++) {
            sx += e.x(i);
            sy += e.y(i);
            st += e.t(i);
            minX = Math.min(minX, e.x(i));
            maxX = Math.max(maxX, e.x(i));
            minY = Math.min(minY, e.y(i));
            maxY = Math.max(maxY, e.y(i));
            if (e.t(i) < 100_000) {
                early++;
            }
            pixels.add(e.y(i) * 34 + e.x(i));
        }
        assertThat(new int[] {minX, maxX, minY, maxY}).containsExactly(0, 33, 0, 33);
        assertThat(e.onCount()).isEqualTo(2_145);
        assertThat(e.size() - e.onCount()).isEqualTo(2_180);
        assertThat(e.minTime()).isEqualTo(654);
        assertThat(e.maxTime()).isEqualTo(311_175);
        assertThat(sx).isEqualTo(74_457);
        assertThat(sy).isEqualTo(71_931);
        assertThat(st).isEqualTo(690_487_405L);
        assertThat(early).isEqualTo(1_369);
        assertThat(pixels).hasSize(452);
        assertThat(new Object[] {e.x(0), e.y(0), e.isOn(0), e.t(0)}).containsExactly(7, 15, true, 654L);
        int l = e.size() - 1;
        assertThat(new Object[] {e.x(l), e.y(l), e.isOn(l), e.t(l)}).containsExactly(21, 14, true, 311_175L);
        ReadReport rep = r.report();
        assertThat(rep.events()).isEqualTo(4_325);
        assertThat(rep.equalTimes()).isEqualTo(70);
        assertThat(rep.backwardsTime()).isZero();
        assertThat(rep.overflowMarkers()).isZero();
        assertThat(rep.isClean()).isTrue();
    }

    @Test
    void streamingInSmallChunksGivesTheSameEventsAndReport() throws IOException {
        AerRecording whole = NmnistBin.read(DATA, ReadOptions.strict());
        try (EventReader r = NmnistBin.open(new ByteArrayInputStream(DATA), ReadOptions.strict().withChunkEvents(7))) {
            AerRecording streamed = r.readAll();
            assertThat(streamed.events()).isEqualTo(whole.events());
            assertThat(streamed.report()).isEqualTo(whole.report());
        }
    }

    @Test
    void readsFromAPath(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("s.bin");
        Files.write(f, DATA);
        assertThat(NmnistBin.read(f, ReadOptions.strict()).events().size()).isEqualTo(4_325);
        assertThat(AerFiles.read(f, ReadOptions.strict()).events())
                .isEqualTo(NmnistBin.read(DATA, ReadOptions.strict()).events());
    }

    @Test
    void overflowMarkerIsDroppedAndAdds8192UsLikeTonic() throws IOException {
        byte[] b = {
            1, 2, (byte) 0x80, 0, 10, // x1 y2 on t10
            0, (byte) 240, 0, 0, 0,   // marker
            3, 4, 0, 0, 5,            // t5 + 8192
        };
        AerRecording r = NmnistBin.read(b, ReadOptions.strict());
        assertThat(r.events().size()).isEqualTo(2);
        assertThat(r.events().t(1)).isEqualTo(8192 + 5);
        assertThat(r.events().isOn(1)).isFalse();
        assertThat(r.report().overflowMarkers()).isEqualTo(1);
    }

    @Test
    void trailingBytesAreAFaultWithTheOffset() throws IOException {
        byte[] b = Arrays.copyOf(DATA, 5 * 10 + 3);
        assertThatThrownBy(() -> NmnistBin.read(b, ReadOptions.strict()))
                .isInstanceOf(AerFormatException.class)
                .hasMessageContaining("byte offset 50").hasMessageContaining("3 trailing bytes");
        AerRecording r = NmnistBin.read(b, ReadOptions.lenient());
        assertThat(r.events().size()).isEqualTo(10);
        assertThat(r.report().droppedBytes()).isEqualTo(3);
        assertThat(r.report().firstFault()).contains("trailing");
        try (EventReader s = NmnistBin.open(new ByteArrayInputStream(b), ReadOptions.strict().withChunkEvents(4))) {
            assertThatThrownBy(s::readAll).isInstanceOf(AerFormatException.class).hasMessageContaining("byte offset 50");
        }
    }

    @Test
    void outOfRangeAndBackwardsAreDetected() throws IOException {
        byte[] b = DATA.clone();
        b[5 * 3] = 34; // x of event 3
        AerFormatException ex = org.junit.jupiter.api.Assertions.assertThrows(AerFormatException.class,
                () -> NmnistBin.read(b, ReadOptions.strict()));
        assertThat(ex.offset()).isEqualTo(15);
        assertThat(ex.field()).isEqualTo("x");
        AerRecording r = NmnistBin.read(b, ReadOptions.lenient());
        assertThat(r.events().size()).isEqualTo(4_324);
        assertThat(r.report().outOfRange()).isEqualTo(1);

        byte[] c = DATA.clone();
        // swap the timestamps of events 100 and 101 only if they differ: set event 101 to t = 0
        c[5 * 101 + 2] = (byte) (c[5 * 101 + 2] & 0x80);
        c[5 * 101 + 3] = 0;
        c[5 * 101 + 4] = 0;
        assertThatThrownBy(() -> NmnistBin.read(c, ReadOptions.strict())).isInstanceOf(AerFormatException.class)
                .hasMessageContaining("timestamp").hasMessageContaining("byte offset 505");
        AerRecording rc = NmnistBin.read(c, ReadOptions.lenient());
        assertThat(rc.events().size()).isEqualTo(4_325);
        assertThat(rc.events().t(101)).isZero();
        assertThat(rc.report().backwardsTime()).isEqualTo(1);
    }

    @Test
    void writerRejectsWhatItCannotEncode() {
        Events e = Events.builder(300, 300).add(0, 256, 0, true).build();
        assertThatThrownBy(() -> NmnistBin.toBytes(e)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x must be <= 255");
        Events f = Events.builder(300, 300).add(0, 0, 240, true).build();
        assertThatThrownBy(() -> NmnistBin.toBytes(f)).hasMessageContaining("240");
        Events g = Events.builder(34, 34).add(1L << 23, 0, 0, true).build();
        assertThatThrownBy(() -> NmnistBin.toBytes(g)).hasMessageContaining("t must be in");
    }

    @Test
    void writeThenReadIsIdentityOnTheSample() throws IOException {
        Events e = NmnistBin.read(DATA, ReadOptions.strict()).events();
        assertThat(NmnistBin.toBytes(e)).isEqualTo(DATA);
    }
}
