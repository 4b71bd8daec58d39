package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Every check of an AEDAT 3.1 packet header and of the polarity events inside, reached with a valid file header and
 * valid framing, at its exact byte offset, with the strict message and the lenient count (issue 17, pattern 3).
 */
class Aedat31PacketChecksTest {
    private static final int H = Aedat31Test.HEADER.length();

    private static byte[] file(byte[]... packets) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(Aedat31Test.HEADER.getBytes(StandardCharsets.US_ASCII));
        for (byte[] p : packets) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static byte[] packet(int type, int size, int tsOffset, int overflow, int capacity, int number, int valid,
                                 byte[] body) {
        return Aedat31Test.packet(type, size, tsOffset, overflow, capacity, number, valid, body);
    }

    private static byte[] good() {
        return packet(1, 8, 4, 0, 2, 2, 2, Aedat31Test.polarity(new int[][] {{1, 2, 1, 10, 1}, {3, 4, 0, 20, 1}}));
    }

    private static void strictRejects(byte[] f, String message) {
        assertThatThrownBy(() -> Aedat31.read(f, ReadOptions.strict())).isInstanceOf(AerFormatException.class)
                .hasMessage(message);
    }

    @Test
    void badPacketHeadersAreSkippedWithTheirBytes() throws IOException {
        byte[] body8 = new byte[8];
        Object[][] cases = {
            {packet(0x8000, 8, 4, 0, 1, 1, 1, body8), H, "eventType", ">= 0", "-32768"},
            {packet(1, 8, 4, 0, 0, 1, 1, body8), H + 16, "eventCapacity", ">= eventNumber 1", "0"},
            {packet(1, 8, 4, 0, 1, 1, 2, body8), H + 24, "eventValid", "in [0, eventNumber 1]", "2"},
            {packet(1, 8, 4, 0, 1, 1, -1, body8), H + 24, "eventValid", "in [0, eventNumber 1]", "-1"},
            {packet(1, 8, 4, -1, 1, 1, 1, body8), H + 12, "eventTSOverflow", ">= 0", "-1"},
            {packet(1, 8, 5, 0, 1, 1, 1, body8), H + 8, "eventTSOffset", "in [0, eventSize - 4 = 4]", "5"},
            {packet(1, 8, -1, 0, 1, 1, 1, body8), H + 8, "eventTSOffset", "in [0, eventSize - 4 = 4]", "-1"},
            {packet(1, 12, 4, 0, 1, 1, 1, new byte[12]), H + 4, "eventSize", "8 for polarity packets", "12"},
            {packet(1, 8, 0, 0, 1, 1, 1, body8), H + 8, "eventTSOffset", "4 for polarity packets", "0"},
        };
        for (Object[] c : cases) {
            byte[] bad = (byte[]) c[0];
            byte[] f = file(bad, good());
            strictRejects(f, "byte offset " + c[1] + ": field '" + c[2] + "' expected " + c[3] + ", got " + c[4]);
            AerRecording r = Aedat31.read(f, ReadOptions.lenient());
            // the bad packet is dropped whole; the next one is read
            assertThat(r.events().size()).as("%s", c[2]).isEqualTo(2);
            assertThat(r.events().xs()).containsExactly(1, 3);
            assertThat(r.report().droppedRecords()).isEqualTo(1);
            assertThat(r.report().droppedBytes()).isEqualTo(bad.length);
            assertThat(r.report().packets()).isEqualTo(1);
        }
        // the bounds that are allowed: tsOffset = size - 4 on a non-polarity packet, valid = 0, capacity = number
        byte[] other = packet(7, 12, 8, 0, 1, 1, 0, new byte[12]);
        AerRecording ok = Aedat31.read(file(other, good()), ReadOptions.strict());
        assertThat(ok.report().skippedPackets()).isEqualTo(1);
        assertThat(ok.report().packets()).isEqualTo(2);
        assertThat(ok.events().size()).isEqualTo(2);
        AerRecording zero = Aedat31.read(file(packet(7, 8, 0, 0, 0, 0, 0, new byte[0]), good()), ReadOptions.strict());
        assertThat(zero.events().size()).isEqualTo(2);
    }

    @Test
    void sizesThatCannotBeReadEndTheFile() throws IOException {
        byte[] body8 = new byte[8];
        strictRejects(file(packet(1, 0, 4, 0, 1, 1, 1, body8)), "byte offset " + (H + 4)
                + ": field 'eventSize' expected > 0, got 0");
        strictRejects(file(packet(1, 8, 4, 0, 1, -1, 1, body8)), "byte offset " + (H + 20)
                + ": field 'eventNumber' expected >= 0, got -1");
        strictRejects(file(packet(1, 1 << 20, 4, 0, 1 << 20, 1 << 20, 0, new byte[0])), "byte offset " + (H + 20)
                + ": field 'eventNumber' expected a packet of at most " + (1L << 30) + " bytes, got 1048576 x "
                + "1048576 bytes");
        // lenient: the rest of the file is dropped and counted
        byte[] f = file(good(), packet(1, 0, 4, 0, 1, 1, 1, body8), good());
        AerRecording r = Aedat31.read(f, ReadOptions.lenient());
        assertThat(r.events().size()).isEqualTo(2);
        assertThat(r.report().droppedBytes()).isEqualTo(28 + 8 + good().length);
        // a packet header cut short
        byte[] cut = java.util.Arrays.copyOf(file(good(), good()), H + good().length + 10);
        strictRejects(cut, "byte offset " + (H + good().length) + ": field 'packet header' expected 28 bytes, got 10 "
                + "bytes before the end of file");
        AerRecording rc = Aedat31.read(cut, ReadOptions.lenient());
        assertThat(rc.report().missingBytes()).isEqualTo(18);
        assertThat(rc.events().size()).isEqualTo(2);
        // a body cut short: its events are missing
        byte[] shortBody = java.util.Arrays.copyOf(file(good()), H + 28 + 11);
        strictRejects(shortBody, "byte offset " + (H + 28 + 11) + ": field 'packet' expected 16 bytes of events "
                + "(2 x 8), got 11 bytes before the end of file");
        AerRecording rs = Aedat31.read(shortBody, ReadOptions.lenient());
        assertThat(rs.report().missingEvents()).isEqualTo(2);
        assertThat(rs.report().missingBytes()).isEqualTo(5);
        assertThat(rs.report().droppedBytes()).isEqualTo(28 + 11);
    }

    @Test
    void polarityEventsAreCheckedOneByOne() throws IOException {
        // DVS128 sensor: 128 x 128
        int at = H + 28;
        byte[] outX = file(packet(1, 8, 4, 0, 2, 2, 2, Aedat31Test.polarity(new int[][] {{5, 5, 1, 10, 1},
            {128, 5, 1, 11, 1}})));
        strictRejects(outX, "byte offset " + (at + 8) + ": field 'x' expected coordinates inside the 128x128 sensor, "
                + "got (128, 5)");
        byte[] outY = file(packet(1, 8, 4, 0, 1, 1, 1, Aedat31Test.polarity(new int[][] {{5, 128, 1, 10, 1}})));
        strictRejects(outY, "byte offset " + at + ": field 'y' expected coordinates inside the 128x128 sensor, "
                + "got (5, 128)");
        byte[] negT = file(packet(1, 8, 4, 0, 2, 2, 2, Aedat31Test.polarity(new int[][] {{5, 5, 1, 10, 1},
            {6, 6, 0, -5, 1}})));
        strictRejects(negT, "byte offset " + (at + 8 + 4) + ": field 'timestamp' expected a 31-bit timestamp >= 0, "
                + "got -5");
        byte[] back = file(packet(1, 8, 4, 0, 3, 3, 3, Aedat31Test.polarity(new int[][] {{5, 5, 1, 10, 1},
            {6, 6, 0, 10, 1}, {7, 7, 1, 9, 1}})));
        strictRejects(back, "byte offset " + (at + 16 + 4) + ": field 'timestamp' expected a time >= the previous "
                + "event's 10 us, got 9 us");
        AerRecording r = Aedat31.read(back, ReadOptions.lenient());
        assertThat(r.events().timestamps()).containsExactly(10, 10, 9);
        assertThat(r.report().backwardsTime()).isEqualTo(1);
        assertThat(r.report().equalTimes()).isEqualTo(1);
        AerRecording rn = Aedat31.read(negT, ReadOptions.lenient());
        assertThat(rn.events().size()).isEqualTo(1);
        assertThat(rn.report().droppedRecords()).isEqualTo(1);
        AerRecording rx = Aedat31.read(outX, ReadOptions.lenient());
        assertThat(rx.events().xs()).containsExactly(5);
        assertThat(rx.report().outOfRange()).isEqualTo(1);
        // the edge of the sensor is inside; the overflow counter supplies bits 31 and up of the time, across packets
        byte[] edge = file(packet(1, 8, 4, 0, 1, 1, 1, Aedat31Test.polarity(new int[][] {{127, 127, 0, 0x7FFFFFFF, 1}})),
                packet(1, 8, 4, 1, 1, 1, 1, Aedat31Test.polarity(new int[][] {{0, 0, 1, 3, 1}})),
                packet(1, 8, 4, 1, 1, 1, 1, Aedat31Test.polarity(new int[][] {{0, 0, 1, 2, 1}})));
        assertThatThrownBy(() -> Aedat31.read(edge, ReadOptions.strict()))
                .hasMessageContaining("field 'timestamp' expected a time >= the previous event's " + ((1L << 31) + 3));
        AerRecording re = Aedat31.read(edge, ReadOptions.lenient());
        assertThat(re.events().timestamps()).containsExactly(0x7FFFFFFFL, (1L << 31) + 3, (1L << 31) + 2);
        assertThat(re.events().xs()).containsExactly(127, 0, 0);
        assertThat(re.events().polarities()).containsExactly(false, true, true);
    }
}
