package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.snn4j.encoding.aer.Aedat4Parts.body;
import static org.snn4j.encoding.aer.Aedat4Parts.dataStart;
import static org.snn4j.encoding.aer.Aedat4Parts.dv;
import static org.snn4j.encoding.aer.Aedat4Parts.file;
import static org.snn4j.encoding.aer.Aedat4Parts.packet;
import static org.snn4j.encoding.aer.Aedat4Parts.size;
import static org.snn4j.encoding.aer.Aedat4Parts.stream;
import static org.snn4j.encoding.aer.Aedat4Parts.table;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AEDAT 4.0 files that are valid up to one structural fault past the first barrier (issue 17, pattern 3): each
 * header field, description rule, packet rule and data table rule on a file whose framing is otherwise intact,
 * with the exact byte offset, field and values of the error, the lenient counts, and the values of the parts that
 * decode (streams, element counts, table entries).
 */
class Aedat4StructureTest {
    private static final String ONE = dv(stream(0, "EVTS", 5, 4));
    /** EVTS 0 (5x4, source "cam"), IMUS 1, FRME 2 (7x6), TRIG 5. */
    private static final String FOUR = dv(stream("0", "EVTS", size("sizeX", 5) + size("sizeY", 4)
            + "<attr key=\"source\" type=\"string\">cam</attr>"), stream("1", "IMUS", null), stream(2, "FRME", 7, 6),
            stream("5", "TRIG", null));

    private static byte[] threeEvents(long t0) {
        return Aedat4Parts.events(new long[] {t0, t0 + 1, t0 + 2}, new int[] {0, 4, 2}, new int[] {3, 0, 1},
                new boolean[] {true, false, true});
    }

    private static AerFormatException strict(byte[] f) {
        return catchThrowableOfType(AerFormatException.class, () -> Aedat4.read(f, ReadOptions.strict()));
    }

    /** Strict throws {@code e}; lenient reports the same message first and the returned counts. */
    private static AerRecording faulty(byte[] f, long offset, String field, String expected, String actual)
            throws IOException {
        AerFormatException e = strict(f);
        assertThat(e).as("strict read").isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.expected()).isEqualTo(expected);
        assertThat(e.actual()).isEqualTo(actual);
        assertThat(e.offset()).isEqualTo(offset);
        AerRecording r = Aedat4.read(f, ReadOptions.lenient());
        assertThat(r.report().firstFault()).isEqualTo(e.getMessage());
        assertThat(r.report().isClean()).isFalse();
        return r;
    }

    private static byte[] ioh(int compression, long tablePos, String xml) {
        return TinyAedat4.ioHeader(compression, tablePos, xml);
    }

    private static byte[] withIoHeaderSize(int declared, byte[] rest) {
        ByteBuffer b = ByteBuffer.allocate(18 + rest.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(Aedat4.MAGIC.getBytes(StandardCharsets.ISO_8859_1)).putInt(declared).put(rest);
        return b.array();
    }

    // ---- header --------------------------------------------------------------------------------------------

    @Test
    void everyStreamOfTheDescriptionIsReadWithItsSizesAndSource() throws IOException {
        byte[] f = file(ioh(4, -1, FOUR), List.of(), null);
        try (Aedat4.Reader r = Aedat4.open(new ByteArrayInputStream(f), ReadOptions.strict())) {
            Aedat4.Header h = r.header();
            assertThat(h.ioHeaderSize()).isEqualTo(ioh(4, -1, FOUR).length);
            assertThat(h.compression()).isEqualTo(Aedat4.Compression.ZSTD_HIGH);
            assertThat(h.dataTablePosition()).isEqualTo(-1);
            assertThat(h.description()).isEqualTo(FOUR);
            assertThat(h.streams()).containsExactly(new Aedat4.Stream(0, "EVTS", 5, 4, "cam"),
                    new Aedat4.Stream(1, "IMUS", 0, 0, ""), new Aedat4.Stream(2, "FRME", 7, 6, ""),
                    new Aedat4.Stream(5, "TRIG", 0, 0, ""));
            assertThat(r.width()).isEqualTo(5);
            assertThat(r.height()).isEqualTo(4);
            AerRecording rec = r.readAll();
            assertThat(rec.events().size()).isZero();
            assertThat(rec.events().width()).isEqualTo(5);
            assertThat(rec.report().isClean()).isTrue();
            assertThat(r.dataTable()).isNull();
        }
        // the event stream is the first EVTS one, wherever it is; sizes of other streams are read when given
        String xml = dv(stream(3, "IMUS", 3, 2), stream(7, "EVTS", 9, 8), stream(8, "EVTS", 2, 2));
        Aedat4.Header h = Aedat4.open(new ByteArrayInputStream(file(ioh(0, -1, xml), List.of(), null)),
                ReadOptions.strict()).header();
        assertThat(h.eventStream()).isEqualTo(new Aedat4.Stream(7, "EVTS", 9, 8, ""));
        assertThat(h.streams().get(0)).isEqualTo(new Aedat4.Stream(3, "IMUS", 3, 2, ""));
        // no EVTS stream: no event stream, a 1x1 sensor unless one is given
        String imu = dv(stream("1", "IMUS", null));
        try (Aedat4.Reader r = Aedat4.open(new ByteArrayInputStream(file(ioh(0, -1, imu), List.of(), null)),
                ReadOptions.strict())) {
            assertThat(r.header().eventStream()).isNull();
            assertThat(r.width()).isEqualTo(1);
            assertThat(r.height()).isEqualTo(1);
        }
        try (Aedat4.Reader r = Aedat4.open(new ByteArrayInputStream(file(ioh(0, -1, FOUR), List.of(), null)),
                ReadOptions.strict().withSensor(40, 30))) {
            assertThat(r.width()).isEqualTo(40);
            assertThat(r.height()).isEqualTo(30);
        }
    }

    @Test
    void fieldsAbsentFromTheIOHeaderTakeTheirDefaults() throws IOException {
        String xml = ONE;
        byte[] ev = threeEvents(100);
        long tablePos = dataStart(xml) + 8 + ev.length;
        // compression 3 written but its vtable slot is 0: absent, so NONE (the raw packet decodes)
        byte[] h = ioh(3, tablePos, xml);
        h[12] = 0;
        h[13] = 0;
        byte[] tab = table(new long[] {dataStart(xml) + 8, 0, ev.length, 3, 100, 102});
        AerRecording r = Aedat4.read(file(h, List.of(packet(0, ev)), tab), ReadOptions.strict());
        assertThat(r.events().timestamps()).containsExactly(100, 101, 102);
        assertThat(r.report().isClean()).isTrue();
        // dataTablePosition's slot 0: no table
        byte[] g = ioh(0, tablePos, xml);
        g[14] = 0;
        g[15] = 0;
        try (Aedat4.Reader rd = Aedat4.open(new ByteArrayInputStream(file(g, List.of(packet(0, ev)), null)),
                ReadOptions.strict())) {
            assertThat(rd.header().dataTablePosition()).isEqualTo(-1);
            assertThat(rd.header().compression()).isEqualTo(Aedat4.Compression.NONE);
            assertThat(rd.readAll().events().size()).isEqualTo(3);
        }
        // description's slot 0: a header fault at the IOHeader's start
        byte[] d = ioh(0, -1, xml);
        d[16] = 0;
        d[17] = 0;
        faulty(file(d, List.of(), null), 18, "description", "an XML stream description", "none");
    }

    @Test
    void ioHeaderSizeAndFramingFaults() throws IOException {
        byte[] ok = ioh(0, -1, ONE);
        faulty(Arrays.copyOf(file(ok, List.of(), null), 16), 14, "ioHeaderSize", "an int32", "end of file");
        String range = "a size in [12, 1073741824]";
        faulty(withIoHeaderSize(11, ok), 14, "ioHeaderSize", range, "11");
        faulty(withIoHeaderSize(-1, ok), 14, "ioHeaderSize", range, "-1");
        faulty(withIoHeaderSize((1 << 30) + 1, ok), 14, "ioHeaderSize", range, "1073741825");
        // the largest size passes the size check and is then missing from the file
        faulty(withIoHeaderSize(1 << 30, ok), 18 + ok.length, "IOHeader", "1073741824 bytes",
                ok.length + " bytes before the end of file");
        faulty(withIoHeaderSize(ok.length + 1, ok), 18 + ok.length, "IOHeader", (ok.length + 1) + " bytes",
                ok.length + " bytes before the end of file");
        // 12 bytes pass the size check; the identifier is read, the root table is outside them
        AerFormatException twelve = strict(withIoHeaderSize(12, ok));
        assertThat(twelve.field()).isEqualTo("IOHeader");
        assertThat(twelve.expected()).isEqualTo("a well-formed flatbuffer");
        // wrong identifier, printable
        byte[] id = ok.clone();
        id[6] = 1;
        faulty(file(id, List.of(), null), 22, "IOHeader identifier", "'IOHE'", "'IO?E'");
        // an odd vtable size: the flatbuffer fault's offset is the vtable's (18 + 8)
        byte[] vt = ok.clone();
        vt[8] = 5;
        AerRecording r = faulty(file(vt, List.of(), null), 26, "IOHeader", "a well-formed flatbuffer",
                "vtable size must be even and >= 4, got 5");
        assertThat(r.report().droppedBytes()).isEqualTo(18 + ok.length);
        // wrong magic, printed with '?' for the control characters
        byte[] m = file(ok, List.of(), null);
        m[11] = '1';
        m[9] = '3';
        faulty(m, 0, "magic", "'#!AER-DAT4.0\\r\\n'", "'#!AER-DAT3.1??'");
        faulty("#!AER".getBytes(StandardCharsets.ISO_8859_1), 0, "magic", "'#!AER-DAT4.0\\r\\n'", "'#!AER'");
    }

    @Test
    void compressionEnumIsCheckedAtBothEnds() throws IOException {
        String expected = "0..4 (None, LZ4, LZ4 high, Zstd, Zstd high)";
        faulty(file(ioh(-1, -1, ONE), List.of(), null), 42, "compression", expected, "-1");
        faulty(file(ioh(5, -1, ONE), List.of(), null), 42, "compression", expected, "5");
        for (int c = 0; c <= 4; c++) {
            AerRecording r = Aedat4.read(file(ioh(c, -1, ONE), List.of(), null), ReadOptions.strict());
            assertThat(r.report().isClean()).isTrue();
        }
        // LZ4 high and Zstd high use the LZ4 and Zstandard decoders
        byte[] ev = threeEvents(7);
        assertThat(Aedat4.read(file(ioh(2, -1, ONE), List.of(packet(0, TinyAedat4.lz4Frame(ev))), null),
                ReadOptions.strict()).events().timestamps()).containsExactly(7, 8, 9);
        assertThat(Aedat4.read(file(ioh(4, -1, ONE), List.of(packet(0, TinyAedat4.compress(TinyAedat4.ZSTD, ev))),
                null), ReadOptions.strict()).events().timestamps()).containsExactly(7, 8, 9);
    }

    @Test
    void dataTablePositionMustBeMinusOneOrPastTheHeader() throws IOException {
        int start = dataStart(ONE);
        String expected = "-1 or an offset >= " + start;
        faulty(file(ioh(0, -2, ONE), List.of(), null), 46, "dataTablePosition", expected, "-2");
        faulty(file(ioh(0, start - 1, ONE), List.of(), table()), 46, "dataTablePosition", expected,
                Long.toString(start - 1));
        // a table right after the header (no packets) is valid
        try (Aedat4.Reader r = Aedat4.open(new ByteArrayInputStream(file(ioh(0, start, ONE), List.of(), table())),
                ReadOptions.strict())) {
            assertThat(r.header().dataTablePosition()).isEqualTo(start);
            assertThat(r.readAll().report().isClean()).isTrue();
            assertThat(r.dataTable()).isEmpty();
        }
    }

    // ---- description ---------------------------------------------------------------------------------------

    private static void badDescription(String xml, String field, String expected, String actual) throws IOException {
        faulty(file(ioh(0, -1, xml), List.of(), null), 18, field, expected, actual);
    }

    @Test
    void descriptionRulesEachNameTheirField() throws IOException {
        badDescription("<notdv><node name=\"outInfo\"/></notdv>", "description", "a <dv> root element", "<notdv>");
        badDescription("<dv><node name=\"inInfo\"/></dv>", "description", "an 'outInfo' node listing the streams", "none");
        // outInfo must be a <node>
        badDescription("<dv><other name=\"outInfo\">" + stream(0, "EVTS", 5, 4) + "</other></dv>", "description",
                "an 'outInfo' node listing the streams", "none");
        badDescription(dv(stream("a", "EVTS", size("sizeX", 5) + size("sizeY", 4))), "stream id",
                "an integer node name under outInfo", "'a'");
        badDescription(dv(stream(0, "EVTS", 5, 4), stream(1, "IMUS", 0, 0), stream(0, "TRIG", 0, 0)), "stream id",
                "unique stream ids", "duplicate id 0");
        badDescription(dv(stream("4", null, size("sizeX", 5) + size("sizeY", 4))), "typeIdentifier",
                "a 4-character type for stream 4", "null");
        badDescription(dv(stream(4, "EVT", 5, 4)), "typeIdentifier", "a 4-character type for stream 4", "EVT");
        badDescription(dv(stream(4, "EVTSS", 5, 4)), "typeIdentifier", "a 4-character type for stream 4", "EVTSS");
        String range = "an integer in [1, 32767] for stream ";
        badDescription(dv(stream(6, "EVTS", 0, 4)), "sizeX", range + 6, "null");
        badDescription(dv(stream(6, "EVTS", 5, 0)), "sizeY", range + 6, "null");
        badDescription(dv(stream("6", "EVTS", null)), "sizeX", range + 6, "null");
        badDescription(dv(stream(2, "FRME", 0, 0)), "sizeX", range + 2, "null");
        badDescription(dv(stream("6", "EVTS", size("sizeX", 0) + size("sizeY", 4))), "sizeX", range + 6, "0");
        badDescription(dv(stream("6", "EVTS", size("sizeX", 5) + size("sizeY", 32768))), "sizeY", range + 6, "32768");
        badDescription(dv(stream("6", "EVTS", size("sizeX", "x5") + size("sizeY", 4))), "sizeX", range + 6, "x5");
        // a size given for a stream that needs none is still checked
        badDescription(dv(stream(0, "EVTS", 5, 4), stream("1", "IMUS", size("sizeY", 3))), "sizeX", range + 1, "null");
        // sizes only count in a <node name="info"> and as <attr> elements
        badDescription(dv(stream("6", "EVTS", null).replace("</node>", "<other name=\"info\">" + size("sizeX", 5)
                + size("sizeY", 4) + "</other></node>")), "sizeX", range + 6, "null");
        badDescription(dv(stream("6", "EVTS", "<node key=\"sizeX\">5</node>" + size("sizeY", 4))), "sizeX",
                range + 6, "null");
        AerFormatException notXml = strict(file(ioh(0, -1, "<dv><node>"), List.of(), null));
        assertThat(notXml.field()).isEqualTo("description");
        assertThat(notXml.expected()).isEqualTo("well-formed XML");
        assertThat(notXml.offset()).isEqualTo(18);
    }

    @Test
    void descriptionSizesAtTheirLimitsAndOtherElementsAreAccepted() throws IOException {
        String xml = "<dv version=\"2.0\"><node name=\"outInfo\">text<attr key=\"x\">1</attr><other name=\"9\"/>"
                + stream("0", "EVTS", size("sizeX", " 32767 ") + size("sizeY", 1)) + "</node></dv>";
        try (Aedat4.Reader r = Aedat4.open(new ByteArrayInputStream(file(ioh(0, -1, xml), List.of(), null)),
                ReadOptions.strict())) {
            assertThat(r.header().streams()).containsExactly(new Aedat4.Stream(0, "EVTS", 32767, 1, ""));
            assertThat(r.width()).isEqualTo(32767);
            assertThat(r.height()).isEqualTo(1);
        }
    }

    // ---- packets -------------------------------------------------------------------------------------------

    @Test
    void packetsOfEveryStreamAreCountedAndOnlyElementVectorsCountElements() throws IOException {
        List<byte[]> ps = List.of(packet(1, body("IMUS", 4, 52)), packet(0, threeEvents(10)),
                packet(2, body("FRME", 6, 1)), packet(5, body("TRIG", 2, 16)), packet(1, body("IMUS", 3, 52)),
                packet(0, Aedat4Parts.emptyBody("EVTS")), packet(1, Aedat4Parts.emptyBody("IMUS")),
                packet(0, threeEvents(20)));
        byte[] f = file(0, FOUR, ps, null);
        try (Aedat4.Reader r = Aedat4.open(new ByteArrayInputStream(f), ReadOptions.strict())) {
            AerRecording rec = r.readAll();
            assertThat(rec.events().timestamps()).containsExactly(10, 11, 12, 20, 21, 22);
            assertThat(rec.events().xs()).containsExactly(0, 4, 2, 0, 4, 2);
            assertThat(rec.events().ys()).containsExactly(3, 0, 1, 3, 0, 1);
            assertThat(rec.events().polarities()).containsExactly(true, false, true, true, false, true);
            assertThat(new long[] {r.packetCount(0), r.packetCount(1), r.packetCount(2), r.packetCount(5),
                r.packetCount(3)}).containsExactly(3, 3, 1, 1, 0);
            assertThat(new long[] {r.elementCount(0), r.elementCount(1), r.elementCount(2), r.elementCount(5),
                r.elementCount(9)}).containsExactly(6, 7, 0, 2, 0);
            assertThat(rec.report().packets()).isEqualTo(8);
            assertThat(rec.report().skippedPackets()).isEqualTo(5);
            assertThat(rec.report().events()).isEqualTo(6);
            assertThat(rec.report().isClean()).isTrue();
        }
        // streaming: one chunk per event packet (the empty one included)
        try (Aedat4.Reader r = Aedat4.open(Channels.newChannel(new ByteArrayInputStream(f)), ReadOptions.strict())) {
            List<Integer> sizes = new ArrayList<>();
            Events e;
            while ((e = r.next()) != null) {
                sizes.add(e.size());
            }
            assertThat(sizes).containsExactly(3, 0, 3);
            assertThat(r.report().events()).isEqualTo(6);
            assertThat(r.report().skippedPackets()).isEqualTo(5);
        }
    }

    @Test
    void aPacketOfAnUndescribedStreamIsDroppedAndReadingGoesOn() throws IOException {
        byte[] junk = body("EVTS", 2, 16);
        byte[] f = file(0, ONE, List.of(packet(9, junk), packet(0, threeEvents(5))), null);
        AerRecording r = faulty(f, dataStart(ONE), "streamId", "one of the described streams [0]", "9");
        assertThat(r.events().timestamps()).containsExactly(5, 6, 7);
        assertThat(r.report().droppedRecords()).isEqualTo(1);
        assertThat(r.report().droppedBytes()).isEqualTo(8 + junk.length);
        assertThat(r.report().packets()).isEqualTo(1);
    }

    @Test
    void packetSizesOutsideTheirRangeEndTheRead() throws IOException {
        int start = dataStart(ONE);
        byte[] good = packet(0, threeEvents(1));
        int at = start + good.length;
        for (int size : new int[] {0, -7, (1 << 30) + 1}) {
            byte[] bad = packet(0, size, new byte[20]);
            byte[] f = file(0, ONE, List.of(good, bad), null);
            AerRecording r = faulty(f, at + 4, "packet size", "a size in [1, 1073741824]", Integer.toString(size));
            assertThat(r.events().size()).isEqualTo(3);
            assertThat(r.report().droppedBytes()).as("size %d", size).isEqualTo(28);
            assertThat(r.report().droppedRecords()).isZero();
        }
        // with a data table, a packet must end at or before it: its size may be the room left, not one more
        byte[] ev = threeEvents(1);
        byte[] tab = table(new long[] {start + 8, 0, ev.length, 3, 1, 3});
        long tablePos = start + 8 + ev.length;
        byte[] over = file(ioh(0, tablePos, ONE), List.of(packet(0, ev.length + 1, ev)), tab);
        AerRecording r = faulty(over, start + 4, "packet size", "a size in [1, " + ev.length + "]",
                Integer.toString(ev.length + 1));
        assertThat(r.report().droppedBytes()).isEqualTo(over.length - start);
        AerRecording exact = Aedat4.read(file(ioh(0, tablePos, ONE), List.of(packet(0, ev)), tab), ReadOptions.strict());
        assertThat(exact.events().size()).isEqualTo(3);
        assertThat(exact.report().isClean()).isTrue();
    }

    @Test
    void aTruncatedPacketOrPacketHeaderCountsWhatIsMissing() throws IOException {
        int start = dataStart(ONE);
        byte[] ev = threeEvents(1);
        byte[] full = file(0, ONE, List.of(packet(0, ev)), null);
        // the body cut after 10 bytes
        AerRecording r = faulty(Arrays.copyOf(full, start + 18), start + 18, "packet", ev.length + " bytes of stream 0",
                "10 bytes before the end of file");
        assertThat(r.report().droppedBytes()).isEqualTo(18);
        assertThat(r.report().missingBytes()).isEqualTo(ev.length - 10);
        // the packet header cut after 3 bytes
        r = faulty(Arrays.copyOf(full, start + 3), start, "packet header", "8 bytes", "3 bytes before the end of file");
        assertThat(r.report().droppedBytes()).isEqualTo(3);
        assertThat(r.report().missingBytes()).isEqualTo(5);
        // with a data table, everything up to the table position is missing
        byte[] tab = table(new long[] {start + 8, 0, ev.length, 3, 1, 3});
        byte[] withTable = file(0, ONE, List.of(packet(0, ev)), tab);
        long tablePos = start + 8 + ev.length;
        r = faulty(Arrays.copyOf(withTable, start + 18), start + 18, "packet", ev.length + " bytes of stream 0",
                "10 bytes before the end of file");
        assertThat(r.report().missingBytes()).isEqualTo(tablePos - (start + 18));
        r = faulty(Arrays.copyOf(withTable, start + 3), start, "packet header", "8 bytes",
                "3 bytes before the end of file");
        assertThat(r.report().droppedBytes()).isEqualTo(3);
        assertThat(r.report().missingBytes()).isEqualTo(tablePos - start - 3);
        // cut at a packet boundary before the table: the rest up to the table is missing
        byte[] two = file(0, ONE, List.of(packet(0, ev), packet(0, threeEvents(4))), tab);
        long twoTable = start + 16 + 2L * ev.length;
        int cut = start + 8 + ev.length;
        r = faulty(Arrays.copyOf(two, cut), cut, "FileDataTable", "a table at offset " + twoTable, "end of file");
        assertThat(r.report().missingBytes()).isEqualTo(twoTable - cut);
        assertThat(r.report().droppedBytes()).isZero();
        assertThat(r.events().size()).isEqualTo(3);
        // cut at the table position: an empty table, a flatbuffer fault there
        r = faulty(Arrays.copyOf(withTable, (int) tablePos), tablePos, "FileDataTable",
                "a well-formed FileDataTable flatbuffer", "flatbuffer read of 4 bytes at 0 outside the 0-byte buffer");
        assertThat(r.report().missingBytes()).isZero();
        assertThat(r.events().size()).isEqualTo(3);
    }

    @Test
    void badFlatbuffersInsideValidPacketsNameThePacket() throws IOException {
        int start = dataStart(ONE);
        byte[] a = threeEvents(1);
        byte[] b = threeEvents(4);
        List<byte[]> ok = List.of(packet(0, a), packet(0, b));
        int at = start + 8 + a.length; // the second packet
        String where = "packet 1 (stream 0, " + b.length + " bytes at offset " + at + ")";
        // size prefix: 8 .. n - 4 accepted, 7 and n - 3 refused
        for (int prefix : new int[] {8, b.length - 4}) {
            byte[] c = b.clone();
            ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(0, prefix);
            assertThat(Aedat4.read(file(0, ONE, List.of(packet(0, a), packet(0, c)), null), ReadOptions.strict())
                    .events().size()).isEqualTo(6);
        }
        for (int prefix : new int[] {7, b.length - 3}) {
            byte[] c = b.clone();
            ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(0, prefix);
            AerRecording r = faulty(file(0, ONE, List.of(packet(0, a), packet(0, c)), null), at + 8, where,
                    "a flatbuffer size prefix in [8, " + (b.length - 4) + "]", Integer.toString(prefix));
            assertThat(r.events().timestamps()).containsExactly(1, 2, 3);
            assertThat(r.report().droppedRecords()).isEqualTo(1);
            assertThat(r.report().droppedBytes()).isEqualTo(8 + b.length);
        }
        byte[] c = b.clone();
        c[10] = 0x7F;
        faulty(file(0, ONE, List.of(packet(0, a), packet(0, c)), null), at + 8, where, "identifier 'EVTS' of stream 0",
                "'EV?S'");
        // the vector's length runs past the buffer
        c = b.clone();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(28, 4);
        AerFormatException e = strict(file(0, ONE, List.of(packet(0, a), packet(0, c)), null));
        assertThat(e.field()).isEqualTo(where);
        assertThat(e.expected()).isEqualTo("a well-formed flatbuffer");
        assertThat(Aedat4.read(file(0, ONE, ok, null), ReadOptions.strict()).events().size()).isEqualTo(6);
        // an LZ4 fault's offset is inside the frame (the header checksum byte is at offset 6)
        byte[] la = TinyAedat4.lz4Frame(a);
        byte[] lb = TinyAedat4.lz4Frame(threeEvents(4));
        byte[] lz = TinyAedat4.lz4Frame(threeEvents(7));
        lz[6] ^= 1;
        byte[] f = file(1, ONE, List.of(packet(0, la), packet(0, lb), packet(0, lz)), null);
        int lzAt = start + 16 + la.length + lb.length;
        e = strict(f);
        assertThat(e.field()).isEqualTo("packet 2 (stream 0, " + lz.length + " bytes at offset " + lzAt + ")");
        assertThat(e.expected()).isEqualTo("a valid LZ4 frame");
        assertThat(e.offset()).isEqualTo(lzAt + 8 + 6);
        AerRecording r = Aedat4.read(f, ReadOptions.lenient());
        assertThat(r.events().timestamps()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(r.report().droppedRecords()).isEqualTo(1);
        assertThat(r.report().droppedBytes()).isEqualTo(8 + lz.length);
    }

    @Test
    void tiesAreCountedWithinAndAcrossPacketsAndStreamingSlicesDroppedEvents() throws IOException {
        byte[] p1 = Aedat4Parts.events(new long[] {-5, -5, 0, 3}, new int[] {0, 1, 2, 3}, new int[] {0, 0, 0, 0},
                new boolean[] {false, true, false, true});
        byte[] p2 = Aedat4Parts.events(new long[] {3, 3, 9, 2}, new int[] {4, 9, 1, 0}, new int[] {3, 0, 4, 0},
                new boolean[] {true, true, true, false});
        byte[] f = file(0, ONE, List.of(packet(0, p1), packet(0, p2)), null);
        AerRecording r = Aedat4.read(f, ReadOptions.lenient());
        // the first event (t = -5) is not backwards; the second -5 and the second 3 (across packets) are ties;
        // (9, 0) and (1, 4) are outside the 5x4 sensor; 2 goes back from 3
        assertThat(r.events().timestamps()).containsExactly(-5, -5, 0, 3, 3, 2);
        assertThat(r.report().equalTimes()).isEqualTo(2);
        assertThat(r.report().outOfRange()).isEqualTo(2);
        assertThat(r.report().backwardsTime()).isEqualTo(1);
        assertThat(r.report().events()).isEqualTo(6);
        try (Aedat4.Reader rd = Aedat4.open(new ByteArrayInputStream(f), ReadOptions.lenient())) {
            Events a = rd.next();
            Events b = rd.next();
            assertThat(rd.next()).isNull();
            assertThat(a.timestamps()).containsExactly(-5, -5, 0, 3);
            assertThat(b.size()).isEqualTo(2);
            assertThat(b.timestamps()).containsExactly(3, 2);
            assertThat(b.xs()).containsExactly(4, 0);
            assertThat(b.polarities()).containsExactly(true, false);
            assertThat(rd.report().equalTimes()).isEqualTo(2);
            assertThat(rd.report().events()).isEqualTo(6);
        }
    }

    // ---- data table ----------------------------------------------------------------------------------------

    @Test
    void dataTableEntriesAreReadFieldByField(@TempDir Path dir) throws IOException {
        int start = dataStart(FOUR);
        byte[] ev = threeEvents(10);
        byte[] imu = body("IMUS", 4, 52);
        long[][] rows = {{start + 8, 0, ev.length, 3, 10, 12}, {start + 16 + ev.length, 1, imu.length, 4, 11, 13}};
        byte[] f = file(0, FOUR, List.of(packet(0, ev), packet(1, imu)), table(rows));
        List<Aedat4.TableEntry> want = List.of(new Aedat4.TableEntry(start + 8, 0, ev.length, 3, 10, 12),
                new Aedat4.TableEntry(start + 16 + ev.length, 1, imu.length, 4, 11, 13));
        try (Aedat4.Reader r = Aedat4.open(new ByteArrayInputStream(f), ReadOptions.strict())) {
            assertThat(r.dataTable()).isNull(); // not before the end
            AerRecording rec = r.readAll();
            assertThat(r.dataTable()).isEqualTo(want);
            assertThat(rec.report().isClean()).isTrue();
            assertThat(rec.report().missingEvents()).isZero();
        }
        Path p = dir.resolve("t.aedat4");
        Files.write(p, f);
        assertThat(Aedat4.readDataTable(p)).isEqualTo(want);
        assertThat(Aedat4.readDataTable(p, ReadOptions.lenient())).isEqualTo(want);
        AerRecording fromPath = Aedat4.read(p, ReadOptions.strict());
        assertThat(fromPath.events()).isEqualTo(Aedat4.read(f, ReadOptions.strict()).events());
        assertThat(fromPath.report()).isEqualTo(Aedat4.read(f, ReadOptions.strict()).report());
        // no table: null
        Path q = dir.resolve("n.aedat4");
        Files.write(q, file(0, FOUR, List.of(packet(0, ev)), null));
        assertThat(Aedat4.readDataTable(q)).isNull();
        // entries without their fields read as zeros; a table without its entry vector is empty
        byte[] t = table(rows);
        ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN).putShort(Aedat4Parts.entryVtable(2, 1), (short) 4);
        ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN).putShort(Aedat4Parts.entryVtable(2, 0) + 6, (short) 0);
        try (Aedat4.Reader r = Aedat4.open(new ByteArrayInputStream(file(0, FOUR, List.of(packet(0, ev),
                packet(1, imu)), t)), ReadOptions.lenient())) {
            r.readAll();
            assertThat(r.dataTable()).containsExactly(new Aedat4.TableEntry(start + 8, 0, 0, 3, 10, 12),
                    new Aedat4.TableEntry(0, 0, 0, 0, 0, 0));
        }
        byte[] noVector = Aedat4Parts.emptyBody("FTAB");
        try (Aedat4.Reader r = Aedat4.open(new ByteArrayInputStream(file(0, FOUR, List.of(), noVector)),
                ReadOptions.strict())) {
            assertThat(r.readAll().report().isClean()).isTrue();
            assertThat(r.dataTable()).isEmpty();
        }
    }

    @Test
    void aDataTableThatDisagreesWithThePacketsIsAFault() throws IOException {
        int start = dataStart(FOUR);
        byte[] ev = threeEvents(10);
        byte[] imu = body("IMUS", 4, 52);
        byte[] frame = body("FRME", 6, 1);
        List<byte[]> ps = List.of(packet(0, ev), packet(1, imu), packet(2, frame));
        long tablePos = start + 24 + ev.length + imu.length + frame.length;
        long[] e0 = {start + 8, 0, ev.length, 3, 10, 12};
        long[] e2 = {0, 2, frame.length, 99, 0, 0}; // FRME element counts are not compared
        // IMU elements disagree
        faulty(file(0, FOUR, ps, table(e0, new long[] {0, 1, imu.length, 5, 0, 0}, e2)), tablePos, "FileDataTable",
                "stream 1: 1 packets and 4 elements as read", "1 packets and 5 elements");
        // a missing IMU entry
        faulty(file(0, FOUR, ps, table(e0, e2)), tablePos, "FileDataTable", "stream 1: 1 packets and 4 elements as read",
                "0 packets and 0 elements");
        // one event packet too many: events the table declares are missing
        AerRecording r = faulty(file(0, FOUR, ps, table(e0, new long[] {0, 1, imu.length, 4, 0, 0}, e2,
                new long[] {0, 0, 10, 7, 0, 0})), tablePos, "FileDataTable", "stream 0: 1 packets and 3 elements as read",
                "2 packets and 10 elements");
        assertThat(r.report().missingEvents()).isEqualTo(7);
        // fewer declared events than decoded: nothing missing, still a fault
        r = faulty(file(0, FOUR, ps, table(new long[] {start + 8, 0, ev.length, 2, 10, 12},
                new long[] {0, 1, imu.length, 4, 0, 0}, e2)), tablePos, "FileDataTable",
                "stream 0: 1 packets and 3 elements as read", "1 packets and 2 elements");
        assertThat(r.report().missingEvents()).isZero();
        // an entry of an undescribed stream
        faulty(file(0, FOUR, ps, table(e0, new long[] {0, 1, imu.length, 4, 0, 0}, e2, new long[] {0, 9, 1, 1, 0, 0})),
                tablePos, "FileDataTable", "entries for described streams only", "stream 9");
        // agreeing (FRME's count aside): clean
        AerRecording ok = Aedat4.read(file(0, FOUR, ps, table(e0, new long[] {0, 1, imu.length, 4, 0, 0}, e2)),
                ReadOptions.strict());
        assertThat(ok.report().isClean()).isTrue();
        // a file that was faulty before the table is not compared again: the first fault stays
        byte[] bad = ev.clone();
        bad[32 + 8] = 9; // x = 9 outside the 5x4 sensor
        AerRecording once = Aedat4.read(file(0, FOUR, List.of(packet(0, bad), packet(1, imu), packet(2, frame)),
                table(e0, e2)), ReadOptions.lenient());
        assertThat(once.report().firstFault()).contains("'x'");
        assertThat(once.report().outOfRange()).isEqualTo(1);
        assertThat(once.report().missingEvents()).isZero(); // element counts are the packets' vector lengths
    }

    @Test
    void malformedDataTablesAreFaultsAtTheTablePosition(@TempDir Path dir) throws IOException {
        int start = dataStart(ONE);
        byte[] ev = threeEvents(10);
        long tablePos = start + 8 + ev.length;
        long[] e0 = {start + 8, 0, ev.length, 3, 10, 12};
        byte[] t = table(e0);
        for (int prefix : new int[] {7, t.length - 3}) {
            byte[] b = t.clone();
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(0, prefix);
            AerRecording r = faulty(file(0, ONE, List.of(packet(0, ev)), b), tablePos, "FileDataTable",
                    "a size prefix <= " + (t.length - 4), Integer.toString(prefix));
            assertThat(r.events().size()).isEqualTo(3);
            assertThat(r.report().droppedBytes()).isEqualTo(t.length);
        }
        for (int prefix : new int[] {8, t.length - 4}) {
            byte[] b = t.clone();
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(0, prefix);
            assertThat(Aedat4.read(file(0, ONE, List.of(packet(0, ev)), b), ReadOptions.strict()).report().isClean())
                    .isTrue();
        }
        byte[] id = t.clone();
        id[11] = 'X';
        faulty(file(0, ONE, List.of(packet(0, ev)), id), tablePos, "FileDataTable", "identifier FTAB", "'FTAX'");
        // an LZ4 table with a bad header checksum: the offset is inside the table's frame
        byte[] lz = TinyAedat4.lz4Frame(t);
        lz[6] ^= 1;
        byte[] f = file(1, ONE, List.of(packet(0, TinyAedat4.lz4Frame(ev))), lz);
        long lzTable = start + 8 + TinyAedat4.lz4Frame(ev).length;
        AerFormatException e = strict(f);
        assertThat(e.field()).isEqualTo("FileDataTable");
        assertThat(e.expected()).isEqualTo("a valid LZ4 frame");
        assertThat(e.offset()).isEqualTo(lzTable + 6);
        Path p = dir.resolve("lz.aedat4");
        Files.write(p, f);
        AerFormatException fromPath = catchThrowableOfType(AerFormatException.class, () -> Aedat4.readDataTable(p));
        assertThat(fromPath.getMessage()).isEqualTo(e.getMessage());
        // reading the file still reports the fault (the table's size guess is dropped silently)
        assertThat(catchThrowableOfType(AerFormatException.class, () -> Aedat4.read(p, ReadOptions.strict()))
                .getMessage()).isEqualTo(e.getMessage());
    }

    @Test
    void readDataTableRefusesATablePositionPastTheEndOfTheFile(@TempDir Path dir) throws IOException {
        int start = dataStart(ONE);
        byte[] ev = threeEvents(10);
        byte[] body = file(ioh(0, start + 8 + ev.length + 100, ONE), List.of(packet(0, ev)), null);
        Path p = dir.resolve("past.aedat4");
        Files.write(p, body);
        AerFormatException e = catchThrowableOfType(AerFormatException.class, () -> Aedat4.readDataTable(p));
        assertThat(e.offset()).isEqualTo(start + 8 + ev.length + 100);
        assertThat(e.field()).isEqualTo("dataTablePosition");
        assertThat(e.expected()).isEqualTo("a table of at most 1073741824 bytes inside the " + body.length + "-byte file");
        // at the very end: an empty table, a flatbuffer fault rather than a position fault
        byte[] atEnd = file(ioh(0, start + 8 + ev.length, ONE), List.of(packet(0, ev)), null);
        Path q = dir.resolve("end.aedat4");
        Files.write(q, atEnd);
        AerFormatException g = catchThrowableOfType(AerFormatException.class, () -> Aedat4.readDataTable(q));
        assertThat(g.field()).isEqualTo("FileDataTable");
        assertThat(g.offset()).isEqualTo(atEnd.length);
        // the whole-file reads agree: events read, the missing table reported
        AerRecording r = Aedat4.read(q, ReadOptions.lenient());
        assertThat(r.events().size()).isEqualTo(3);
        assertThat(r.report().firstFault()).contains("FileDataTable");
    }

    @Test
    void theDecompressionLimitIsInclusiveForEveryCodec() throws IOException {
        byte[] ev = threeEvents(3);
        int n = ev.length;
        byte[] declared = TinyAedat4.compress(TinyAedat4.ZSTD, ev);
        byte[] streamed = TinyAedat4.zstdWithoutContentSize(declared, 10);
        byte[] lz4 = TinyAedat4.lz4Frame(ev);
        Object[][] cases = {
            {TinyAedat4.ZSTD, declared, "a Zstandard frame declaring " + n + " bytes"},
            {TinyAedat4.ZSTD, streamed, "a Zstandard frame that decodes to more"},
            {TinyAedat4.LZ4, lz4, "an LZ4 frame that decodes to more"},
        };
        for (Object[] c : cases) {
            byte[] f = file((int) c[0], ONE, List.of(packet(0, (byte[]) c[1])), null);
            AerRecording ok = Aedat4.read(f, ReadOptions.strict().withMaxDecompressedBytes(n));
            assertThat(ok.events().timestamps()).as("%s", c[2]).containsExactly(3, 4, 5);
            AerFormatException e = catchThrowableOfType(AerFormatException.class,
                    () -> Aedat4.read(f, ReadOptions.strict().withMaxDecompressedBytes(n - 1)));
            assertThat(e.expected()).isEqualTo("at most " + (n - 1) + " decompressed bytes (ReadOptions.maxDecompressedBytes;"
                    + " raise it with withMaxDecompressedBytes for larger packets)");
            assertThat(e.actual()).startsWith((String) c[2]);
            assertThat(e.field()).isEqualTo("packet 0 (stream 0, " + ((byte[]) c[1]).length + " bytes at offset "
                    + dataStart(ONE) + ")");
        }
        // a corrupt Zstandard frame is a typed fault (not a bomb)
        byte[] bad = declared.clone();
        bad[bad.length - 3] ^= 0x55;
        bad[bad.length / 2] ^= 0x55;
        AerFormatException z = strict(file(TinyAedat4.ZSTD, ONE, List.of(packet(0, bad)), null));
        assertThat(z.expected()).isIn("a valid Zstandard frame", "a well-formed flatbuffer",
                "a Zstandard frame of its declared " + n + " bytes");
        // a Zstandard table over the limit is a table fault
        byte[] tab = table(new long[] {dataStart(ONE) + 8, 0, declared.length, 3, 3, 5});
        byte[] g = file(TinyAedat4.ZSTD, ONE, List.of(packet(0, declared)), TinyAedat4.compress(TinyAedat4.ZSTD, tab));
        assertThat(Aedat4.read(g, ReadOptions.strict().withMaxDecompressedBytes(tab.length)).report().isClean()).isTrue();
        AerFormatException t = catchThrowableOfType(AerFormatException.class,
                () -> Aedat4.read(g, ReadOptions.strict().withMaxDecompressedBytes(tab.length - 1)));
        assertThat(t.field()).isEqualTo("FileDataTable");
        assertThat(t.actual()).isEqualTo("a Zstandard frame declaring " + tab.length + " bytes");
        assertThat(t.offset()).isEqualTo(g.length - TinyAedat4.compress(TinyAedat4.ZSTD, tab).length);
    }
}
