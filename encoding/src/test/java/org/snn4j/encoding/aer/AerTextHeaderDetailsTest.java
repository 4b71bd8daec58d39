package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Details of the AEDAT 2.0 and 3.1 text headers that the larger tests pass over (issue 17): the quoted value in a
 * message is cut at exactly 60 characters and its non-printable characters shown as '?', closing a reader closes
 * its stream, and the 32-bit clock of AEDAT 2.0 wraps only for a drop of more than 2^31 us.
 */
class AerTextHeaderDetailsTest {

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aedat2QuotesABadVersionLineCutAtSixtyPrintableCharacters() {
        String sixty = "#!" + "a".repeat(58);
        assertThatThrownBy(() -> Aedat2.read(latin1(sixty + "\n"), ReadOptions.strict()))
                .hasMessage("byte offset 0: field 'version line' expected '#!AER-DAT2.0', got '" + sixty + "'");
        assertThatThrownBy(() -> Aedat2.read(latin1(sixty + "b\n"), ReadOptions.strict()))
                .hasMessage("byte offset 0: field 'version line' expected '#!AER-DAT2.0', got '" + sixty + "...'");
        // control and non-ASCII characters become '?', before the cut
        assertThatThrownBy(() -> Aedat2.read(latin1("#!AER\u0001DAT\u00e92.0\n"), ReadOptions.strict()))
                .hasMessage("byte offset 0: field 'version line' expected '#!AER-DAT2.0', got '#!AER?DAT?2.0'");
        // the chip class of an unknown AEChip line is quoted the same way
        String chip = "x\u0002" + "y".repeat(70);
        assertThatThrownBy(() -> Aedat2.read(latin1("#!AER-DAT2.0\n# AEChip: " + chip + "\n"), ReadOptions.strict()))
                .hasMessage("byte offset 0: field 'AEChip' expected a DVS128, DAVIS346, DAVIS240, Davis208 or Davis640 chip "
                        + "class, or an explicit ReadOptions.withLayout (with withSensor for another DAVIS chip), got 'x?" + "y".repeat(58) + "...'");
    }

    @Test
    void aedat31QuotesBadValuesCutAtSixtyPrintableCharacters() {
        String sixty = "#!" + "a".repeat(58);
        assertThatThrownBy(() -> Aedat31.read(latin1(sixty + "\r\n"), ReadOptions.strict()))
                .hasMessage("byte offset 0: field 'version line' expected '#!AER-DAT3.1', got '" + sixty + "'");
        assertThatThrownBy(() -> Aedat31.read(latin1("#!AER\u0007DAT3.1\r\n"), ReadOptions.strict()))
                .hasMessage("byte offset 0: field 'version line' expected '#!AER-DAT3.1', got '#!AER?DAT3.1'");
        String v = "#!AER-DAT3.1\r\n";
        String format = "RAW\u0001" + "z".repeat(60);
        assertThatThrownBy(() -> Aedat31.read(latin1(v + "#Format: " + format + "\r\n"), ReadOptions.strict()))
                .hasMessage("byte offset 14: field 'Format' expected RAW, got 'RAW?" + "z".repeat(56) + "...'");
        assertThatThrownBy(() -> Aedat31.read(latin1(v + "#Format: RAW\r\n#Sensor-Size: 4\u00ff4\r\n"),
                ReadOptions.strict()))
                .hasMessage("byte offset 28: field 'Sensor-Size' expected 'WxH' with 1 <= W, H <= 8192, got '4?4'");
    }

    @Test
    void closingAReaderClosesItsStream() throws IOException {
        ClosingStream two = new ClosingStream(latin1("#!AER-DAT2.0\n# AEChip: ch.unizh.ini.jaer.chip.retina.DVS128\n"));
        Aedat2.Reader r2 = Aedat2.open(two, ReadOptions.strict());
        assertThat(r2.next()).isNull();
        assertThat(two.closed).isFalse();
        r2.close();
        assertThat(two.closed).isTrue();
        ClosingStream three = new ClosingStream(latin1("#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DVS128\r\n"
                + "#Start-Time: 2017\r\n#!END-HEADER\r\n"));
        Aedat31.Reader r3 = Aedat31.open(three, ReadOptions.strict());
        assertThat(r3.next()).isNull();
        assertThat(three.closed).isFalse();
        r3.close();
        assertThat(three.closed).isTrue();
    }

    @Test
    void aedat2WrapsOnlyForADropOfMoreThanTwoToThe31() throws IOException {
        String h = "#!AER-DAT2.0\n# AEChip: ch.unizh.ini.jaer.chip.retina.DVS128\n";
        byte[] rec = new byte[8 * 4];
        long[] u = {0x80000001L, 0L, 0x7FFFFFFFL, 0x7FFFFFFFL};
        for (int i = 0; i < u.length; i++) {
            Aedat2.putBe32(rec, 8 * i, (i + 1) << 1);
            Aedat2.putBe32(rec, 8 * i + 4, (int) u[i]);
        }
        byte[] f = new byte[h.length() + rec.length];
        System.arraycopy(latin1(h), 0, f, 0, h.length());
        System.arraycopy(rec, 0, f, h.length(), rec.length);
        // 0x80000001 -> 0: a drop of 2^31 + 1 us is a wrap; then 0 -> 0x7FFFFFFF goes forward in the new epoch
        AerRecording r = Aedat2.read(f, ReadOptions.strict());
        assertThat(r.events().timestamps())
                .containsExactly(0x80000001L, 1L << 32, (1L << 32) + 0x7FFFFFFFL, (1L << 32) + 0x7FFFFFFFL);
        assertThat(r.events().xs()).containsExactly(1, 2, 3, 4);
        assertThat(r.report().timeWraps()).isEqualTo(1);
        assertThat(r.report().equalTimes()).isEqualTo(1);
        assertThat(r.report().isClean()).isTrue();
        // 0xC0000000 -> 0x50000000 drops by 0x70000000 < 2^31: time going backwards, not a wrap
        byte[] back = new byte[h.length() + 16];
        System.arraycopy(latin1(h), 0, back, 0, h.length());
        Aedat2.putBe32(back, h.length(), 2);
        Aedat2.putBe32(back, h.length() + 4, 0xC0000000);
        Aedat2.putBe32(back, h.length() + 8, 4);
        Aedat2.putBe32(back, h.length() + 12, 0x50000000);
        AerRecording b = Aedat2.read(back, ReadOptions.lenient());
        assertThat(b.events().timestamps()).containsExactly(0xC0000000L, 0x50000000L);
        assertThat(b.report().timeWraps()).isZero();
        assertThat(b.report().backwardsTime()).isEqualTo(1);
    }
}
