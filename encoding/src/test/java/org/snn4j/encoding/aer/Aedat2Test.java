package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Aedat2Test {

    /** A DVS128 file built by hand from the specification table, with known geometry. */
    static byte[] dvs128Fixture() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("#!AER-DAT2.0\n# AEChip: ch.unizh.ini.jaer.chip.retina.DVS128\n".getBytes(StandardCharsets.US_ASCII));
        int[][] ev = {{5, 100, 1, 10}, {127, 0, 0, 20}, {0, 127, 1, 20}, {64, 3, 0, 35}};
        byte[] r = new byte[8];
        for (int[] e : ev) {
            int addr = (e[1] << 8) | (e[0] << 1) | e[2]; // bits 14-8 y, bits 7-1 x, bit 0 polarity
            Aedat2.putBe32(r, 0, addr);
            Aedat2.putBe32(r, 4, e[3]);
            b.writeBytes(r);
        }
        // an external event (bit 15) that is not a DVS event
        Aedat2.putBe32(r, 0, 0x8000);
        Aedat2.putBe32(r, 4, 40);
        b.writeBytes(r);
        return b.toByteArray();
    }

    @Test
    void dvs128BitOrderFollowsTheSpecTable() throws IOException {
        AerRecording r = Aedat2.read(dvs128Fixture(), ReadOptions.strict());
        Events e = r.events();
        assertThat(e.width()).isEqualTo(128);
        assertThat(e.size()).isEqualTo(4);
        // tonic's read_dvs_128 would swap these (x = 100, y = 5)
        assertThat(new Object[] {e.x(0), e.y(0), e.isOn(0), e.t(0)}).containsExactly(5, 100, true, 10L);
        assertThat(new Object[] {e.x(1), e.y(1), e.isOn(1), e.t(1)}).containsExactly(127, 0, false, 20L);
        assertThat(new Object[] {e.x(2), e.y(2), e.isOn(2), e.t(2)}).containsExactly(0, 127, true, 20L);
        assertThat(new Object[] {e.x(3), e.y(3), e.isOn(3), e.t(3)}).containsExactly(64, 3, false, 35L);
        assertThat(r.report().nonDvsEvents()).isEqualTo(1);
        assertThat(r.report().equalTimes()).isEqualTo(1);
    }

    @Test
    void davis346Fixture() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("#!AER-DAT2.0\r\n# AEChip: eu.seebetter.ini.chips.davis.Davis346red\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] r = new byte[8];
        Aedat2.putBe32(r, 0, (259 << 22) | (345 << 12) | (1 << 11));
        Aedat2.putBe32(r, 4, 7);
        b.writeBytes(r);
        Aedat2.putBe32(r, 0, 0x80000000 | 12345); // APS sample
        b.writeBytes(r);
        Aedat2.putBe32(r, 0, 1 << 10); // IMU
        b.writeBytes(r);
        Aedat2.putBe32(r, 0, (1 << 22) | (2 << 12));
        Aedat2.putBe32(r, 4, 9);
        b.writeBytes(r);
        AerRecording rec = Aedat2.read(b.toByteArray(), ReadOptions.strict());
        Events e = rec.events();
        assertThat(e.width()).isEqualTo(346);
        assertThat(e.height()).isEqualTo(260);
        assertThat(e.size()).isEqualTo(2);
        assertThat(new Object[] {e.x(0), e.y(0), e.isOn(0), e.t(0)}).containsExactly(345, 259, true, 7L);
        assertThat(new Object[] {e.x(1), e.y(1), e.isOn(1), e.t(1)}).containsExactly(2, 1, false, 9L);
        assertThat(rec.report().nonDvsEvents()).isEqualTo(2);
        // tonic flips DAVIS axes; we keep raw fields and offer the flips as transforms
        Events f = EventTransforms.flipY(EventTransforms.flipX(e));
        assertThat(f.x(0)).isZero();
        assertThat(f.y(0)).isZero();
    }

    @Test
    void headerOnlySampleHasZeroEventsAndNoError() throws IOException {
        byte[] data = Fixtures.bytes(Fixtures.AEDAT2_HEADER_ONLY);
        assertThat(data.length).isEqualTo(599);
        try (Aedat2.Reader r = Aedat2.open(new ByteArrayInputStream(data), ReadOptions.strict())) {
            assertThat(r.header().lines().get(0)).isEqualTo("#!AER-DAT2.0");
            assertThat(r.header().chipClass()).isEqualTo("eu.seebetter.ini.chips.davis.Davis346red");
            assertThat(r.header().lines()).contains("# Creation time: System.currentTimeMillis() 1695355587880");
            assertThat(r.layout()).isEqualTo(DvsLayout.DAVIS346);
            AerRecording rec = r.readAll();
            assertThat(rec.events().size()).isZero();
            assertThat(rec.report().isClean()).isTrue();
            assertThat(r.header().dataOffset()).isEqualTo(599);
        }
    }

    @Test
    void dvs128JunkBodyStrictReportsSixTrailingBytesLenientGivesFourJunkEvents(@TempDir Path dir) throws IOException {
        byte[] data = Fixtures.bytes(Fixtures.DVS128_JUNK);
        assertThat(data.length).isEqualTo(4_279);
        Path f = dir.resolve(Fixtures.DVS128_JUNK);
        Files.write(f, data);
        assertThat(AerFiles.detect(f)).isEqualTo(AerFormat.AEDAT2);
        try (Aedat2.Reader r = Aedat2.open(new ByteArrayInputStream(data), ReadOptions.strict())) {
            assertThat(r.header().lines()).hasSize(89);
            assertThat(r.header().dataOffset()).isEqualTo(4_241);
            assertThat(r.layout()).isEqualTo(DvsLayout.DVS128);
            assertThatThrownBy(r::readAll).isInstanceOf(AerFormatException.class)
                    .hasMessageContaining("byte offset 4273").hasMessageContaining("6 trailing bytes");
        }
        AerRecording rec = AerFiles.read(f, ReadOptions.lenient());
        assertThat(rec.format()).isEqualTo(AerFormat.AEDAT2);
        Events e = rec.events();
        assertThat(e.size()).isEqualTo(4);
        // address 0x24242424: y = bits 14-8 = 0x24, x = bits 7-1 = 0x12, polarity 0; timestamp 0x24242424
        for (int i = 0; i < 4; i++) {
            assertThat(new Object[] {e.x(i), e.y(i), e.isOn(i), e.t(i)}).containsExactly(0x12, 0x24, false, 0x24242424L);
        }
        assertThat(rec.report().droppedBytes()).isEqualTo(6);
        assertThat(rec.report().equalTimes()).isEqualTo(3);
    }

    @Test
    void unknownChipNeedsAnExplicitLayout() throws IOException {
        byte[] b = "#!AER-DAT2.0\n# AEChip: some.other.Chip\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Aedat2.read(b, ReadOptions.strict())).isInstanceOf(AerFormatException.class)
                .hasMessageContaining("AEChip");
        assertThat(Aedat2.read(b, ReadOptions.strict().withLayout(DvsLayout.DVS128)).events().width()).isEqualTo(128);
    }

    @Test
    void wrapOfTheUnsigned32BitClockIsCountedNotABackwardsJump() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("#!AER-DAT2.0\n# AEChip: DVS128\n".getBytes(StandardCharsets.US_ASCII));
        byte[] r = new byte[8];
        Aedat2.putBe32(r, 0, 2);
        Aedat2.putBe32(r, 4, 0xFFFFFFF0);
        b.writeBytes(r);
        Aedat2.putBe32(r, 4, 0x10);
        b.writeBytes(r);
        AerRecording rec = Aedat2.read(b.toByteArray(), ReadOptions.strict());
        assertThat(rec.events().t(0)).isEqualTo(0xFFFFFFF0L);
        assertThat(rec.events().t(1)).isEqualTo((1L << 32) + 0x10);
        assertThat(rec.report().timeWraps()).isEqualTo(1);
    }
}
