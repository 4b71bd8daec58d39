package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * AEDAT 4.0's event loop, field by field (issue 17, pattern 3): which coordinate each strict fault names on every
 * side of the sensor, ties counted within and across packets, polarity bytes other than 0 and 1, and the
 * streaming path ({@code next()}, one array per packet) against the whole-file path (one list) on a faulty file.
 */
class Aedat4EventFieldsTest {
    private static final int W = 5;
    private static final int H = 4;

    private static int at(int k) {
        return 32 + 16 * k;
    }

    /** Eight events at t = 1000 + k, x = k % 5, y = 0, polarity k & 1, edited by {@code edit}. */
    private static byte[] file(Consumer<ByteBuffer> edit) {
        byte[] body = TinyAedat4.eventsBody(8, W);
        edit.accept(ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN));
        return TinyAedat4.file(TinyAedat4.NONE, W, H, List.of(body), new long[] {8});
    }

    private static void strictFault(Consumer<ByteBuffer> edit, String fault) {
        assertThatThrownBy(() -> Aedat4.read(file(edit), ReadOptions.strict())).isInstanceOf(AerFormatException.class)
                .hasMessageEndingWith(fault);
    }

    @Test
    void eachSideOfTheSensorNamesItsCoordinate() {
        strictFault(b -> b.putShort(at(3) + 8, (short) -1),
                "field 'x' expected coordinates inside the 5x4 sensor (event 3 of the packet), got (-1, 0)");
        strictFault(b -> b.putShort(at(2) + 8, (short) W),
                "field 'x' expected coordinates inside the 5x4 sensor (event 2 of the packet), got (5, 0)");
        strictFault(b -> b.putShort(at(4) + 10, (short) -1),
                "field 'y' expected coordinates inside the 5x4 sensor (event 4 of the packet), got (4, -1)");
        strictFault(b -> b.putShort(at(1) + 10, (short) H),
                "field 'y' expected coordinates inside the 5x4 sensor (event 1 of the packet), got (1, 4)");
        strictFault(b -> b.putShort(at(5) + 10, (short) H),
                "field 'y' expected coordinates inside the 5x4 sensor (event 5 of the packet), got (0, 4)");
        // both outside: x is named
        strictFault(b -> b.putShort(at(0) + 8, (short) 7).putShort(at(0) + 10, (short) 9),
                "field 'x' expected coordinates inside the 5x4 sensor (event 0 of the packet), got (7, 9)");
        strictFault(b -> b.putLong(at(6), 1004L),
                "field 'timestamp' expected a time >= the previous event's 1005 us (event 6 of the packet), "
                        + "got 1004 us");
    }

    @Test
    void tiesAreCountedWithinAndAcrossPackets() throws IOException {
        AerRecording clean = Aedat4.read(file(b -> { }), ReadOptions.strict());
        assertThat(clean.report().equalTimes()).isZero();
        AerRecording tied = Aedat4.read(file(b -> b.putLong(at(3), 1002L).putLong(at(4), 1002L).putLong(at(7), 1006L)),
                ReadOptions.strict());
        assertThat(tied.report().equalTimes()).isEqualTo(3);
        assertThat(tied.report().backwardsTime()).isZero();
        assertThat(tied.report().isClean()).isTrue();
        assertThat(tied.events().timestamps()).containsExactly(1000, 1001, 1002, 1002, 1002, 1005, 1006, 1006);
        // the second packet starts at the last time of the first
        byte[] f = TinyAedat4.file(TinyAedat4.NONE, W, H,
                List.of(TinyAedat4.eventsBody(4, W, 2000), TinyAedat4.eventsBody(3, W, 2003)), new long[] {4, 3});
        AerRecording r = Aedat4.read(f, ReadOptions.strict());
        assertThat(r.report().equalTimes()).isEqualTo(1);
        assertThat(r.events().timestamps()).containsExactly(2000, 2001, 2002, 2003, 2003, 2004, 2005);
        // an event dropped for its coordinates does not become the reference time
        AerRecording d = Aedat4.read(file(b -> b.putLong(at(2), 5000L).putShort(at(2) + 8, (short) W)),
                ReadOptions.lenient());
        assertThat(d.report().backwardsTime()).isZero();
        assertThat(d.report().outOfRange()).isEqualTo(1);
        assertThat(d.events().timestamps()).containsExactly(1000, 1001, 1003, 1004, 1005, 1006, 1007);
    }

    @Test
    void aPacketOfExactlyTheLargestSizeIsReadUntilTheFileEnds() throws IOException {
        byte[] head = TinyAedat4.file(TinyAedat4.NONE, W, H, List.of(), null);
        ByteBuffer f = ByteBuffer.allocate(head.length + 8 + 10).order(ByteOrder.LITTLE_ENDIAN);
        f.put(head).putInt(0).putInt(Aedat4.MAX_BLOCK);
        int at = head.length;
        // 2^30 bytes is a legal size: the file ends 10 bytes into it (the reader grows its buffer only as data arrives)
        assertThatThrownBy(() -> Aedat4.read(f.array(), ReadOptions.strict())).isInstanceOf(AerFormatException.class)
                .hasMessage("byte offset " + (at + 8 + 10) + ": field 'packet' expected 1073741824 bytes of stream 0, "
                        + "got 10 bytes before the end of file");
        f.putInt(at + 4, Aedat4.MAX_BLOCK + 1);
        assertThatThrownBy(() -> Aedat4.read(f.array(), ReadOptions.strict()))
                .hasMessage("byte offset " + (at + 4) + ": field 'packet size' expected a size in [1, 1073741824], "
                        + "got 1073741825");
    }

    @Test
    void theReaderNamesItsFormatAndClosesItsStream() throws IOException {
        ClosingStream in = new ClosingStream(file(b -> { }));
        Aedat4.Reader r = Aedat4.open(in, ReadOptions.strict());
        assertThat(r.format()).isEqualTo(AerFormat.AEDAT4);
        assertThat(r.width()).isEqualTo(W);
        assertThat(r.height()).isEqualTo(H);
        assertThat(r.next().size()).isEqualTo(8);
        assertThat(in.closed).isFalse();
        r.close();
        assertThat(in.closed).isTrue();
    }

    @Test
    void anyNonZeroPolarityByteIsOn() throws IOException {
        Events e = Aedat4.read(file(b -> b.put(at(2) + 12, (byte) 2).put(at(4) + 12, (byte) 0x80)),
                ReadOptions.strict()).events();
        assertThat(e.polarities()).containsExactly(false, true, true, true, true, true, false, true);
    }

    @Test
    void streamingAndWholeFileReadsAgreeOnAFaultyFile() throws IOException {
        byte[] one = TinyAedat4.eventsBody(6, W, 100);
        ByteBuffer b = ByteBuffer.wrap(one).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(at(1) + 10, (short) H);  // out of range, dropped
        b.putLong(at(4), 50L);              // backwards, kept
        byte[] two = TinyAedat4.eventsBody(5, W, 200);
        ByteBuffer.wrap(two).order(ByteOrder.LITTLE_ENDIAN).putShort(at(4) + 8, (short) -3); // the last one dropped
        byte[] f = TinyAedat4.file(TinyAedat4.NONE, W, H, List.of(one, two), new long[] {6, 5});
        AerRecording whole = Aedat4.read(f, ReadOptions.lenient());
        assertThat(whole.events().timestamps()).containsExactly(100, 102, 103, 50, 105, 200, 201, 202, 203);
        assertThat(whole.report().events()).isEqualTo(9);
        assertThat(whole.report().outOfRange()).isEqualTo(2);
        assertThat(whole.report().backwardsTime()).isEqualTo(1);
        assertThat(whole.report().packets()).isEqualTo(2);
        try (Aedat4.Reader r = Aedat4.open(new ByteArrayInputStream(f), ReadOptions.lenient())) {
            Events p1 = r.next();
            assertThat(p1.timestamps()).containsExactly(100, 102, 103, 50, 105);
            assertThat(p1.xs()).containsExactly(0, 2, 3, 4, 0);
            assertThat(r.report().events()).isEqualTo(5);
            Events p2 = r.next();
            assertThat(p2.timestamps()).containsExactly(200, 201, 202, 203);
            assertThat(p2.width()).isEqualTo(W);
            assertThat(p2.height()).isEqualTo(H);
            assertThat(r.next()).isNull();
            assertThat(r.report()).isEqualTo(whole.report());
            assertThat(r.packetCount(0)).isEqualTo(2);
            assertThat(r.elementCount(0)).isEqualTo(11);
            assertThat(r.packetCount(1)).isZero();
            assertThat(r.elementCount(1)).isZero();
            assertThat(r.dataTable()).hasSize(2);
            assertThat(r.dataTable().get(1).numElements()).isEqualTo(5);
        }
    }
}
