package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The checks inside AEDAT 2.0's event loop and writer, each reached with a file whose header and framing are valid
 * (issue 17, pattern 3): coordinates outside the sensor, time going backwards, non-DVS records of both layouts,
 * the exact byte offset of each fault, and the writer's range checks at their bounds.
 */
class Aedat2EventChecksTest {
    private static final String DVS128 = "#!AER-DAT2.0\n# AEChip: ch.unizh.ini.jaer.chip.retina.DVS128\n";
    private static final String DAVIS = "#!AER-DAT2.0\n# AEChip: eu.seebetter.ini.chips.davis.Davis346red\n";

    /** A file: header, then records {address, time}. */
    private static byte[] file(String header, int[][] records) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        byte[] r = new byte[8];
        for (int[] rec : records) {
            Aedat2.putBe32(r, 0, rec[0]);
            Aedat2.putBe32(r, 4, rec[1]);
            b.writeBytes(r);
        }
        return b.toByteArray();
    }

    private static int dvs(int x, int y, boolean on) {
        return (y << 8) | (x << 1) | (on ? 1 : 0);
    }

    private static int davis(int x, int y, boolean on) {
        return (y << 22) | (x << 12) | (on ? 1 << 11 : 0);
    }

    @Test
    void coordinatesOutsideAGivenSensorAreFaultsAtTheirRecord() throws IOException {
        int h = DVS128.length();
        byte[] f = file(DVS128, new int[][] {{dvs(3, 2, true), 10}, {dvs(4, 1, false), 11}, {dvs(1, 5, true), 12},
            {dvs(0, 0, true), 13}});
        ReadOptions small = ReadOptions.strict().withSensor(4, 5);
        assertThatThrownBy(() -> Aedat2.read(f, small)).isInstanceOf(AerFormatException.class)
                .hasMessage("byte offset " + (h + 8) + ": field 'x' expected coordinates inside the 4x5 sensor, got (4, 1)");
        byte[] g = file(DVS128, new int[][] {{dvs(3, 4, true), 10}, {dvs(1, 5, true), 12}});
        assertThatThrownBy(() -> Aedat2.read(g, small))
                .hasMessage("byte offset " + (h + 8) + ": field 'y' expected coordinates inside the 4x5 sensor, got (1, 5)");
        AerRecording r = Aedat2.read(f, ReadOptions.lenient().withSensor(4, 5));
        assertThat(r.events().size()).isEqualTo(2);
        assertThat(r.events().xs()).containsExactly(3, 0);
        assertThat(r.events().timestamps()).containsExactly(10, 13);
        assertThat(r.report().outOfRange()).isEqualTo(2);
        assertThat(r.report().events()).isEqualTo(2);
        assertThat(r.report().firstFault()).startsWith("byte offset " + (h + 8) + ": field 'x'");
        // the largest coordinates inside are kept
        assertThat(Aedat2.read(file(DVS128, new int[][] {{dvs(3, 4, true), 1}}), small).events().size()).isEqualTo(1);
    }

    @Test
    void timeGoingBackwardsIsAFaultAtTheTimestamp() throws IOException {
        int h = DVS128.length();
        byte[] f = file(DVS128, new int[][] {{dvs(1, 1, true), 100}, {dvs(2, 2, true), 100}, {dvs(3, 3, true), 99},
            {dvs(4, 4, false), 120}});
        assertThatThrownBy(() -> Aedat2.read(f, ReadOptions.strict())).isInstanceOf(AerFormatException.class)
                .hasMessage("byte offset " + (h + 16 + 4) + ": field 'timestamp' expected a time >= the previous "
                        + "event's 100 us, got 99 us");
        AerRecording r = Aedat2.read(f, ReadOptions.lenient());
        // lenient: the event is kept and counted
        assertThat(r.events().timestamps()).containsExactly(100, 100, 99, 120);
        assertThat(r.report().backwardsTime()).isEqualTo(1);
        assertThat(r.report().equalTimes()).isEqualTo(1);
        assertThat(r.report().isClean()).isFalse();
        // a drop of more than 2^31 us is a wrap of the 32-bit clock, not a backwards jump
        byte[] wrap = file(DVS128, new int[][] {{dvs(1, 1, true), 0xFFFFFF00}, {dvs(1, 1, true), 0x10}});
        AerRecording w = Aedat2.read(wrap, ReadOptions.strict());
        assertThat(w.events().timestamps()).containsExactly(0xFFFFFF00L, (1L << 32) + 0x10);
        assertThat(w.report().timeWraps()).isEqualTo(1);
        // a drop of exactly 2^31 us is still backwards
        byte[] half = file(DVS128, new int[][] {{dvs(1, 1, true), 0x80000000}, {dvs(1, 1, true), 0}});
        assertThatThrownBy(() -> Aedat2.read(half, ReadOptions.strict())).hasMessageContaining("field 'timestamp'");
    }

    @Test
    void nonDvsRecordsOfBothLayoutsAreCountedAndSkipped() throws IOException {
        byte[] d = file(DAVIS, new int[][] {{davis(345, 259, true), 1}, {davis(2, 3, false) | 0x400, 2},
            {0x80000000 | davis(1, 1, true), 3}, {davis(0, 0, false), 4}});
        AerRecording r = Aedat2.read(d, ReadOptions.strict());
        assertThat(r.events().size()).isEqualTo(2);
        assertThat(r.events().xs()).containsExactly(345, 0);
        assertThat(r.events().ys()).containsExactly(259, 0);
        assertThat(r.events().polarities()).containsExactly(true, false);
        assertThat(r.report().nonDvsEvents()).isEqualTo(2);
        assertThat(r.events().width()).isEqualTo(346);
        assertThat(r.events().height()).isEqualTo(260);
        byte[] s = file(DVS128, new int[][] {{0x8000 | dvs(1, 1, true), 1}, {dvs(127, 127, false), 2}});
        AerRecording q = Aedat2.read(s, ReadOptions.strict());
        assertThat(q.events().xs()).containsExactly(127);
        assertThat(q.events().ys()).containsExactly(127);
        assertThat(q.report().nonDvsEvents()).isEqualTo(1);
    }

    @Test
    void headersAreCheckedBeforeTheEvents() throws IOException {
        assertThatThrownBy(() -> Aedat2.read(new byte[0], ReadOptions.strict()))
                .hasMessage("byte offset 0: field 'version line' expected '#!AER-DAT2.0', got an empty file");
        assertThatThrownBy(() -> Aedat2.read("#!AER-DAT3.1\n".getBytes(StandardCharsets.US_ASCII),
                ReadOptions.strict()))
                .hasMessage("byte offset 0: field 'version line' expected '#!AER-DAT2.0', got '#!AER-DAT3.1'");
        assertThatThrownBy(() -> Aedat2.read("#!AER-DAT2.0\n# AEChip: Mystery\n".getBytes(StandardCharsets.US_ASCII),
                ReadOptions.strict()))
                .hasMessage("byte offset 0: field 'AEChip' expected a DVS128, DAVIS346, DAVIS240, Davis208 or Davis640 chip "
                        + "class, or an explicit ReadOptions.withLayout (with withSensor for another DAVIS chip), got 'Mystery'");
        // an explicit layout reads the same records
        byte[] mystery = file("#!AER-DAT2.0\n# AEChip: Mystery\n", new int[][] {{dvs(5, 6, true), 1}});
        Events e = Aedat2.read(mystery, ReadOptions.strict().withLayout(DvsLayout.DVS128)).events();
        assertThat(e.xs()).containsExactly(5);
        assertThat(e.ys()).containsExactly(6);
        // lenient: a bad header drops the whole file, counted
        AerRecording r = Aedat2.read("#!AER-DAT3.1\nxxxx".getBytes(StandardCharsets.US_ASCII), ReadOptions.lenient());
        assertThat(r.events().size()).isZero();
        assertThat(r.report().droppedBytes()).isEqualTo(17);
        // the header ends at "#End Of ASCII Header": a record that starts with '#' after it is an event
        byte[] endMarked = file("#!AER-DAT2.0\n# AEChip: ch.unizh.ini.jaer.chip.retina.DVS128\n#End Of ASCII Header\n",
                new int[][] {{'#' << 24 | dvs(2, 2, true), 5}});
        AerRecording m = Aedat2.read(endMarked, ReadOptions.strict());
        assertThat(m.report().nonDvsEvents() + m.events().size()).isEqualTo(1);
    }

    @Test
    void theWriterChecksEveryEventAtItsBounds() throws IOException {
        Events edge128 = Events.builder(128, 128).add(0, 127, 127, true).add(0xFFFFFFFFL, 0, 0, false).build();
        Events back = Aedat2.read(Aedat2.toBytes(edge128, DvsLayout.DVS128), ReadOptions.lenient()).events();
        assertThat(back.xs()).containsExactly(127, 0);
        assertThat(back.timestamps()).containsExactly(0, 0xFFFFFFFFL);
        Events x128 = Events.builder(200, 200).add(1, 128, 0, true).build();
        assertThatThrownBy(() -> Aedat2.toBytes(x128, DvsLayout.DVS128))
                .hasMessage("event 0: DVS128 needs x, y < 128, got (128, 0)");
        Events y128 = Events.builder(200, 200).add(1, 0, 128, true).build();
        assertThatThrownBy(() -> Aedat2.toBytes(y128, DvsLayout.DVS128))
                .hasMessage("event 0: DVS128 needs x, y < 128, got (0, 128)");
        Events davisEdge = Events.builder(2000, 2000).add(1, 1023, 511, true).build();
        Events db = Aedat2.read(Aedat2.toBytes(davisEdge, DvsLayout.DAVIS346),
                ReadOptions.strict().withSensor(1024, 512)).events();
        assertThat(db.xs()).containsExactly(1023);
        assertThat(db.ys()).containsExactly(511);
        assertThatThrownBy(() -> Aedat2.toBytes(Events.builder(2000, 2000).add(1, 1024, 0, true).build(),
                DvsLayout.DAVIS346)).hasMessage("event 0: DAVIS346 needs x < 1024, y < 512, got (1024, 0)");
        assertThatThrownBy(() -> Aedat2.toBytes(Events.builder(2000, 2000).add(1, 0, 512, true).build(),
                DvsLayout.DAVIS346)).hasMessage("event 0: DAVIS346 needs x < 1024, y < 512, got (0, 512)");
        assertThatThrownBy(() -> Aedat2.toBytes(Events.builder(4, 4).add(1, 0, 0, true).add(-1, 0, 0, true).build(),
                DvsLayout.DVS128)).hasMessage("event 1: t must be in [0, 2^32 - 1] us, got -1");
        assertThatThrownBy(() -> Aedat2.toBytes(Events.builder(4, 4).add(1L << 32, 0, 0, true).build(),
                DvsLayout.DVS128)).hasMessage("event 0: t must be in [0, 2^32 - 1] us, got 4294967296");
        // a DAVIS240 file names its chip, reads back as a 240 x 180 sensor with the DAVIS address layout
        Events d240 = Events.builder(240, 180).add(3, 239, 179, true).add(4, 0, 0, false).build();
        try (Aedat2.Reader r = Aedat2.open(new java.io.ByteArrayInputStream(Aedat2.toBytes(d240, DvsLayout.DAVIS240)),
                ReadOptions.strict())) {
            assertThat(r.layout()).isEqualTo(DvsLayout.DAVIS240);
            assertThat(r.header().chipClass()).isEqualTo("eu.seebetter.ini.chips.davis.DAVIS240C");
            assertThat(new int[] {r.width(), r.height()}).containsExactly(240, 180);
            assertThat(r.readAll().events()).isEqualTo(d240);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // the same records under a DAVIS chip whose size is unknown: refused by name, read with an explicit layout
        byte[] sci = file("#!AER-DAT2.0\n# AEChip: eu.seebetter.ini.chips.davis.SciDVS\n",
                new int[][] {{(5 << 22) | (7 << 12) | (1 << 11), 9}});
        assertThatThrownBy(() -> Aedat2.read(sci, ReadOptions.strict()))
                .hasMessageContaining("field 'AEChip'").hasMessageContaining("'eu.seebetter.ini.chips.davis.SciDVS'");
        Events sciEvents = Aedat2.read(sci, ReadOptions.strict().withLayout(DvsLayout.DAVIS346).withSensor(112, 126))
                .events();
        assertThat(new int[] {sciEvents.width(), sciEvents.x(0), sciEvents.y(0)}).containsExactly(112, 7, 5);
        assertThat(sciEvents.isOn(0)).isTrue();
        // more events than one write buffer (8,192): every record arrives, in order
        Events.Builder many = Events.builder(128, 128);
        for (int i = 0; i < 20_000; i++) {
            many.add(i, i % 128, (i / 128) % 128, i % 3 == 0);
        }
        Events big = many.build();
        assertThat(Aedat2.read(Aedat2.toBytes(big, DvsLayout.DVS128), ReadOptions.strict()).events()).isEqualTo(big);
        byte[] b = new byte[4];
        Aedat2.putBe32(b, 0, 0x80FF0102);
        assertThat(b).containsExactly(0x80, 0xFF, 0x01, 0x02);
        assertThat(Aedat2.be32(b, 0)).isEqualTo(0x80FF0102);
    }
}
