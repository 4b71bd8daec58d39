package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * AEDAT 3.1 at the edges its other tests leave (issue 17, patterns 1 and 3): a packet of exactly the largest body,
 * a timestamp of 0, a zero byte where a header line should start, the bytes dropped with a bad header when data
 * follows it, and the header lines a reader keeps.
 */
class Aedat31EdgesTest {

    private static byte[] file(String header, byte[]... packets) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        for (byte[] p : packets) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    @Test
    void aPacketOfExactlyTheLargestBodyIsReadUntilTheFileEnds() {
        int at = Aedat31Test.HEADER.length();
        // 2^27 events of 8 bytes = 2^30 bytes, the largest body: read until the file ends 16 bytes into it
        byte[] most = file(Aedat31Test.HEADER, Aedat31Test.packet(1, 8, 4, 0, 1 << 27, 1 << 27, 1 << 27, new byte[16]));
        assertThatThrownBy(() -> Aedat31.read(most, ReadOptions.strict())).isInstanceOf(AerFormatException.class)
                .hasMessage("byte offset " + (at + 28 + 16) + ": field 'packet' expected 1073741824 bytes of events "
                        + "(134217728 x 8), got 16 bytes before the end of file");
        // one event more is refused from the header
        byte[] more = file(Aedat31Test.HEADER,
                Aedat31Test.packet(1, 8, 4, 0, (1 << 27) + 1, (1 << 27) + 1, 1, new byte[16]));
        assertThatThrownBy(() -> Aedat31.read(more, ReadOptions.strict()))
                .hasMessage("byte offset " + (at + 20) + ": field 'eventNumber' expected a packet of at most 1073741824 "
                        + "bytes, got 134217729 x 8 bytes");
    }

    @Test
    void aTimestampOfZeroIsAnEvent() throws IOException {
        byte[] f = file(Aedat31Test.HEADER, Aedat31Test.packet(1, 8, 4, 0, 2, 2, 2,
                Aedat31Test.polarity(new int[][] {{1, 2, 1, 0, 1}, {3, 4, 0, 0, 1}})));
        AerRecording r = Aedat31.read(f, ReadOptions.strict());
        assertThat(r.events().timestamps()).containsExactly(0, 0);
        assertThat(r.events().xs()).containsExactly(1, 3);
        assertThat(r.report().equalTimes()).isEqualTo(1);
        assertThat(r.report().droppedRecords()).isZero();
    }

    @Test
    void aZeroByteWhereAHeaderLineShouldStartIsData() {
        byte[] f = file("#!AER-DAT3.1\r\n#Format: RAW\r\n", new byte[] {0, '#'});
        assertThatThrownBy(() -> Aedat31.read(f, ReadOptions.strict()))
                .hasMessage("byte offset 28: field 'header' expected a '#' header line up to '#!END-HEADER', got a data byte");
    }

    @Test
    void aBadHeaderDropsEveryByteOfTheFile() throws IOException {
        byte[] f = file("#!AER-DAT2.0\r\n# AEChip: x\r\n", new byte[40]);
        AerRecording r = Aedat31.read(f, ReadOptions.lenient());
        assertThat(r.events().size()).isZero();
        assertThat(r.report().droppedBytes()).isEqualTo(f.length);
        assertThat(r.report().firstFault()).isEqualTo("byte offset 0: field 'version line' expected '#!AER-DAT3.1', "
                + "got '#!AER-DAT2.0'");
    }

    @Test
    void theReaderKeepsItsHeaderLines() throws IOException {
        byte[] f = file(Aedat31Test.HEADER);
        try (Aedat31.Reader r = Aedat31.open(new ByteArrayInputStream(f), ReadOptions.strict())) {
            assertThat(r.headerLines()).containsExactly("#!AER-DAT3.1", "#Format: RAW", "#Source 1: DVS128",
                    "#Start-Time: 2017-01-01 10:00:00 (TZ+0100)", "#!END-HEADER");
            assertThat(r.format()).isEqualTo(AerFormat.AEDAT3);
            assertThat(r.width()).isEqualTo(128);
            assertThat(r.height()).isEqualTo(128);
            assertThat(r.next()).isNull();
        }
    }
    @Test
    void theWriterChecksEveryEventAtItsBoundsAndSplitsPackets() throws IOException {
        Events edge = Events.builder(8192, 8192).add(0, 8191, 0, true).add((1L << 62) - 1, 0, 8191, false).build();
        Events back = Aedat31.read(Aedat31.toBytes(edge), ReadOptions.strict()).events();
        assertThat(back).isEqualTo(edge);
        assertThat(back.timestamps()).containsExactly(0, (1L << 62) - 1);
        Events wide = Events.builder(9000, 9000).add(1, 8192, 3, true).build();
        assertThatThrownBy(() -> Aedat31.toBytes(wide)).hasMessage("event 0: x and y must be < 8192, got (8192, 3)");
        Events tall = Events.builder(9000, 9000).add(1, 2, 1, true).add(2, 3, 8192, true).build();
        assertThatThrownBy(() -> Aedat31.toBytes(tall)).hasMessage("event 1: x and y must be < 8192, got (3, 8192)");
        Events late = Events.builder(4, 4).add(1L << 62, 1, 1, true).build();
        assertThatThrownBy(() -> Aedat31.toBytes(late)).hasMessage("event 0: t must be in [0, 2^62) us, got " + (1L << 62));
        Events early = Events.builder(4, 4).add(-1, 1, 1, true).build();
        assertThatThrownBy(() -> Aedat31.toBytes(early)).hasMessage("event 0: t must be in [0, 2^62) us, got -1");
        // 4,096 events per packet: 4,097 events make two packets, 4,096 one
        Events.Builder b = Events.builder(8, 8);
        for (int i = 0; i < Aedat31.EVENTS_PER_PACKET + 1; i++) {
            b.add(i, i % 8, (i / 8) % 8, i % 3 == 0);
        }
        Events many = b.build();
        AerRecording two = Aedat31.read(Aedat31.toBytes(many), ReadOptions.strict());
        assertThat(two.events()).isEqualTo(many);
        assertThat(two.report().packets()).isEqualTo(2);
        AerRecording one = Aedat31.read(Aedat31.toBytes(many.slice(0, Aedat31.EVENTS_PER_PACKET)), ReadOptions.strict());
        assertThat(one.report().packets()).isEqualTo(1);
    }

    @Test
    void theSourceDeviceGivesTheSensorSize() throws IOException {
        String[][] devices = {{"DVS128", "128x128"}, {"DAVIS346B", "346x260"}, {"davis240C", "240x180"},
            {"DVXplorer", "640x480"}, {"DAVIS640", "640x480"}, {"Mystery", "8192x8192"}};
        for (String[] d : devices) {
            String h = "#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: " + d[0] + "\r\n#Start-Time: x\r\n#!END-HEADER\r\n";
            try (Aedat31.Reader r = Aedat31.open(new ByteArrayInputStream(file(h)), ReadOptions.strict())) {
                assertThat(r.width() + "x" + r.height()).as(d[0]).isEqualTo(d[1]);
            }
        }
    }
}
