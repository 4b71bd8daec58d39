package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Aedat31Test {
    static final String HEADER = "#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DVS128\r\n"
            + "#Start-Time: 2017-01-01 10:00:00 (TZ+0100)\r\n#!END-HEADER\r\n";

    static byte[] packet(int type, int size, int tsOffset, int overflow, int capacity, int number, int valid, byte[] body) {
        byte[] h = new byte[28 + body.length];
        Aedat31.putLe16(h, 0, type);
        Aedat31.putLe16(h, 2, 1);
        Aedat31.putLe32(h, 4, size);
        Aedat31.putLe32(h, 8, tsOffset);
        Aedat31.putLe32(h, 12, overflow);
        Aedat31.putLe32(h, 16, capacity);
        Aedat31.putLe32(h, 20, number);
        Aedat31.putLe32(h, 24, valid);
        System.arraycopy(body, 0, h, 28, body.length);
        return h;
    }

    static byte[] polarity(int[][] ev) {
        byte[] b = new byte[8 * ev.length];
        for (int i = 0; i < ev.length; i++) {
            int[] e = ev[i]; // x, y, on, t, valid
            Aedat31.putLe32(b, 8 * i, e[4] | (e[2] << 1) | (e[1] << 2) | (e[0] << 17));
            Aedat31.putLe32(b, 8 * i + 4, e[3]);
        }
        return b;
    }

    /** A synthetic file: a polarity packet, a special packet (skipped), a polarity packet with overflow 1. */
    static byte[] fixture() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(HEADER.getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(packet(1, 8, 4, 0, 4, 3, 2, polarity(new int[][] {{3, 7, 1, 100, 1}, {4, 8, 0, 110, 0},
            {127, 127, 0, 120, 1}})));
        b.writeBytes(packet(0, 8, 4, 0, 1, 1, 1, new byte[8]));
        b.writeBytes(packet(1, 8, 4, 1, 1, 1, 1, polarity(new int[][] {{0, 1, 1, 5, 1}})));
        return b.toByteArray();
    }

    @Test
    void syntheticFixtureDecodesWithValidBitAndOverflow() throws IOException {
        AerRecording r = Aedat31.read(fixture(), ReadOptions.strict());
        Events e = r.events();
        assertThat(e.width()).isEqualTo(128);
        assertThat(e.size()).isEqualTo(3);
        assertThat(new Object[] {e.x(0), e.y(0), e.isOn(0), e.t(0)}).containsExactly(3, 7, true, 100L);
        assertThat(new Object[] {e.x(1), e.y(1), e.isOn(1), e.t(1)}).containsExactly(127, 127, false, 120L);
        assertThat(new Object[] {e.x(2), e.y(2), e.isOn(2), e.t(2)}).containsExactly(0, 1, true, (1L << 31) | 5);
        assertThat(r.report().invalidEvents()).isEqualTo(1);
        assertThat(r.report().packets()).isEqualTo(3);
        assertThat(r.report().skippedPackets()).isEqualTo(1);
        assertThat(r.report().isClean()).isTrue();
    }

    @Test
    void wrongEventSizeForPolarityIsAFault() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(HEADER.getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(packet(1, 12, 4, 0, 1, 1, 1, new byte[12]));
        b.writeBytes(packet(1, 8, 4, 0, 1, 1, 1, polarity(new int[][] {{1, 1, 1, 5, 1}})));
        assertThatThrownBy(() -> Aedat31.read(b.toByteArray(), ReadOptions.strict()))
                .isInstanceOf(AerFormatException.class).hasMessageContaining("eventSize")
                .hasMessageContaining("byte offset " + (HEADER.length() + 4));
        AerRecording r = Aedat31.read(b.toByteArray(), ReadOptions.lenient());
        assertThat(r.events().size()).isEqualTo(1);
        assertThat(r.report().droppedRecords()).isEqualTo(1);
    }

    @Test
    void capacityBelowNumberAndTruncationAreFaults() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(HEADER.getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(packet(1, 8, 4, 0, 0, 1, 1, polarity(new int[][] {{1, 1, 1, 5, 1}})));
        assertThatThrownBy(() -> Aedat31.read(b.toByteArray(), ReadOptions.strict()))
                .isInstanceOf(AerFormatException.class).hasMessageContaining("eventCapacity");
        byte[] full = fixture();
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 3);
        assertThatThrownBy(() -> Aedat31.read(cut, ReadOptions.strict())).isInstanceOf(AerFormatException.class)
                .hasMessageContaining("before the end of file");
        AerRecording r = Aedat31.read(cut, ReadOptions.lenient());
        assertThat(r.events().size()).isEqualTo(2);
        assertThat(r.report().droppedBytes()).isEqualTo(28 + 5);
    }

    @Test
    void missingHeaderLinesAreStrictFaults() throws IOException {
        byte[] b = "#!AER-DAT3.1\r\n#Format: RAW\r\n#!END-HEADER\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Aedat31.read(b, ReadOptions.strict())).isInstanceOf(AerFormatException.class)
                .hasMessageContaining("Source");
        AerRecording r = Aedat31.read(b, ReadOptions.lenient());
        assertThat(r.events().size()).isZero();
        assertThat(r.report().firstFault()).contains("Source");
        byte[] c = "#!AER-DAT3.1\r\n#Format: SerializedTS\r\n#!END-HEADER\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Aedat31.read(c, ReadOptions.strict())).hasMessageContaining("Format");
    }

    @Test
    void writerProducesSensorSizeLineAndSplitsPacketsOnOverflow() throws IOException {
        Events e = Events.builder(346, 260).add(1, 345, 259, true).add((1L << 31) + 2, 0, 0, false).build();
        byte[] b = Aedat31.toBytes(e);
        assertThat(new String(b, 0, 120, StandardCharsets.ISO_8859_1)).contains("#Sensor-Size: 346x260");
        AerRecording r = Aedat31.read(b, ReadOptions.strict());
        assertThat(r.events()).isEqualTo(e);
        assertThat(r.report().packets()).isEqualTo(2);
    }
}
