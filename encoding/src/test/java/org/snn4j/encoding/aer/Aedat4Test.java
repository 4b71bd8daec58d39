package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Aedat4Test {
    private static final byte[] DATA = Fixtures.bytes(Fixtures.AEDAT4);

    @Test
    void sampleMatchesEveryValueOfTheReadme() throws IOException {
        assertThat(DATA.length).isEqualTo(949_253);
        try (Aedat4.Reader r = Aedat4.open(new ByteArrayInputStream(DATA), ReadOptions.strict())) {
            Aedat4.Header h = r.header();
            assertThat(h.ioHeaderSize()).isEqualTo(2_316);
            assertThat(h.compression()).isEqualTo(Aedat4.Compression.LZ4);
            assertThat(h.dataTablePosition()).isEqualTo(945_243L);
            assertThat(h.description()).startsWith("<dv version=\"2.0\">");
            assertThat(h.streams()).extracting(Aedat4.Stream::id).containsExactly(0, 2, 3);
            assertThat(h.streams()).extracting(Aedat4.Stream::typeIdentifier).containsExactly("EVTS", "IMUS", "TRIG");
            assertThat(h.eventStream()).isEqualTo(new Aedat4.Stream(0, "EVTS", 320, 240, "DVXplorer_DXB00010"));
            assertThat(r.width()).isEqualTo(320);
            assertThat(r.height()).isEqualTo(240);
            AerRecording rec = r.readAll();
            Events e = rec.events();
            assertThat(e.size()).isEqualTo(111_954);
            assertThat(r.packetCount(0)).isEqualTo(59);
            assertThat(r.packetCount(2)).isEqualTo(59);
            assertThat(r.packetCount(3)).isZero();
            assertThat(rec.report().packets()).isEqualTo(118);
            assertThat(rec.report().skippedPackets()).isEqualTo(59);
            assertThat(r.elementCount(2)).isEqualTo(475);
            List<Aedat4.TableEntry> table = r.dataTable();
            assertThat(table).hasSize(118);
            long fromTable = 0;
            for (Aedat4.TableEntry t : table) {
                if (t.streamId() == 0) {
                    fromTable += t.numElements();
                }
            }
            assertThat(fromTable).isEqualTo(111_954);
            assertThat(table.get(0).byteOffset()).isEqualTo(14 + 4 + 2_316 + 8); // offset of the packet body
            int minX = 1 << 20;
            int maxX = -1;
            int minY = 1 << 20;
            int maxY = -1;
            for (int i = 0; i < e.size(); i++) {
                minX = Math.min(minX, e.x(i));
                maxX = Math.max(maxX, e.x(i));
                minY = Math.min(minY, e.y(i));
                maxY = Math.max(maxY, e.y(i));
            }
            assertThat(new int[] {minX, maxX, minY, maxY}).containsExactly(0, 319, 0, 239);
            assertThat(e.onCount()).isEqualTo(55_023);
            assertThat(e.t(0)).isEqualTo(1_605_537_493_718_345L);
            assertThat(e.maxTime()).isEqualTo(1_605_537_494_308_262L);
            assertThat(e.t(e.size() - 1)).isEqualTo(1_605_537_494_308_262L);
            assertThat(e.maxTime() - e.minTime()).isEqualTo(589_917L);
            assertThat(rec.report().backwardsTime()).isZero();
            assertThat(new Object[] {e.t(0), e.x(0), e.y(0), e.isOn(0)})
                    .containsExactly(1_605_537_493_718_345L, 154, 204, false);
            assertThat(new Object[] {e.t(1), e.x(1), e.y(1), e.isOn(1)})
                    .containsExactly(1_605_537_493_718_348L, 149, 206, false);
            assertThat(new Object[] {e.t(2), e.x(2), e.y(2), e.isOn(2)})
                    .containsExactly(1_605_537_493_718_349L, 148, 199, true);
            assertThat(rec.report().isClean()).isTrue();
        }
    }

    @Test
    void pathReadUsesTheDataTableAndAgreesWithTheStream(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("s.aedat4");
        Files.write(f, DATA);
        List<Aedat4.TableEntry> t = Aedat4.readDataTable(f);
        assertThat(t).hasSize(118);
        AerRecording a = Aedat4.read(f, ReadOptions.strict());
        AerRecording b = Aedat4.read(DATA, ReadOptions.strict());
        assertThat(a.events()).isEqualTo(b.events());
        assertThat(AerFiles.read(f, ReadOptions.strict()).events()).isEqualTo(b.events());
        assertThat(AerFiles.detect(f)).isEqualTo(AerFormat.AEDAT4);
    }

    @Test
    void wrongMagicIsTypedInStrictAndCountedInLenient() throws IOException {
        byte[] b = DATA.clone();
        b[10] = '5';
        assertThatThrownBy(() -> Aedat4.read(b, ReadOptions.strict())).isInstanceOf(AerFormatException.class)
                .hasMessageContaining("byte offset 0").hasMessageContaining("magic");
        AerRecording r = Aedat4.read(b, ReadOptions.lenient());
        assertThat(r.events().size()).isZero();
        assertThat(r.report().droppedBytes()).isEqualTo(DATA.length);
    }

    @Test
    void badCompressionEnumIsAHeaderFault() {
        byte[] b = DATA.clone();
        b[46] = 9; // compression field of the IOHeader table
        assertThatThrownBy(() -> Aedat4.read(b, ReadOptions.strict())).isInstanceOf(AerFormatException.class)
                .hasMessageContaining("compression").hasMessageContaining("got 9");
    }

    @Test
    void corruptPacketIsDroppedInLenientMode() throws IOException {
        byte[] b = DATA.clone();
        int p = 14 + 4 + 2_316 + 8; // first packet's LZ4 frame
        b[p] = 0; // break the frame magic
        assertThatThrownBy(() -> Aedat4.read(b, ReadOptions.strict())).isInstanceOf(AerFormatException.class)
                .hasMessageContaining("LZ4");
        AerRecording r = Aedat4.read(b, ReadOptions.lenient());
        assertThat(r.report().droppedRecords()).isEqualTo(1);
        assertThat(r.events().size()).isBetween(100_000, 111_953);
    }
}
