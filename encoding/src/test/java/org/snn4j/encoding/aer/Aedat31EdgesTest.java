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
}
