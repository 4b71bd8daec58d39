package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AerFiles on bytes already in memory and {@code open} in every format (issue 17): the detection by name and
 * first line, the message of an unknown file (its first 12 bytes, non-printable ones as '?'), reads that equal the
 * format's own reader, and a failed open that leaves no file open. Also {@link DvsLayout#fromChipClass}.
 */
class AerFilesBytesTest {
    @Test
    void detectAndReadBytesInEveryFormat() throws IOException {
        Events e = AerRoundTripProperties.random(5, 40, 128, 128, 1 << 20, true);
        byte[] a2 = Aedat2.toBytes(e, DvsLayout.DVS128);
        byte[] a3 = Aedat31.toBytes(e);
        byte[] bin = NmnistBin.toBytes(e.withSensor(128, 128));
        byte[] a4 = Fixtures.bytes(Fixtures.AEDAT4);
        assertThat(AerFiles.detect(a2, "x.bin")).as("the first line wins over the name").isEqualTo(AerFormat.AEDAT2);
        assertThat(AerFiles.detect(a3, "")).isEqualTo(AerFormat.AEDAT3);
        assertThat(AerFiles.detect(a4, "a.aedat4")).isEqualTo(AerFormat.AEDAT4);
        assertThat(AerFiles.detect(bin, "dir/00002.BIN")).isEqualTo(AerFormat.NMNIST_BIN);
        assertThat(AerFiles.detect(new byte[0], "empty.bin")).isEqualTo(AerFormat.NMNIST_BIN);
        ReadOptions strict = ReadOptions.strict();
        assertThat(AerFiles.read(a2, AerFormat.AEDAT2, strict).events()).isEqualTo(Aedat2.read(a2, strict).events());
        assertThat(AerFiles.read(a3, AerFormat.AEDAT3, strict).events()).isEqualTo(e);
        ReadOptions big = strict.withSensor(128, 128);
        assertThat(AerFiles.read(bin, AerFormat.NMNIST_BIN, big).events()).isEqualTo(e);
        AerRecording r4 = AerFiles.read(a4, AerFormat.AEDAT4, strict);
        assertThat(r4.events()).isEqualTo(Aedat4.read(a4, strict).events());
        assertThat(r4.events().size()).isPositive();
    }

    @Test
    void anUnknownFileIsNamedByItsFirstTwelveBytes() {
        byte[] junk = "#!AER-DAT9.9 and more".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> AerFiles.detect(junk, "f.aedat")).isInstanceOf(AerFormatException.class)
                .hasMessageContaining("'#!AER-DAT9.9'").hasMessageNotContaining("and more");
        byte[] binary = {'a', 0, 'b', (byte) 0xE9, 10};
        assertThatThrownBy(() -> AerFiles.detect(binary, "f.bin.txt")).isInstanceOf(AerFormatException.class)
                .hasMessageContaining("'a?b??'").hasMessageContaining("byte offset 0");
    }

    @Test
    void openReadsEveryFormatAndAFailedOpenClosesTheFile(@TempDir Path dir) throws IOException {
        Events e = AerRoundTripProperties.random(6, 30, 34, 34, 1 << 20, true);
        Path bin = dir.resolve("a.bin");
        Files.write(bin, NmnistBin.toBytes(e));
        Path a2 = dir.resolve("a.aedat");
        Files.write(a2, Aedat2.toBytes(e.withSensor(128, 128), DvsLayout.DVS128));
        Path a4 = dir.resolve("a.aedat4");
        Files.write(a4, Fixtures.bytes(Fixtures.AEDAT4));
        try (EventReader r = AerFiles.open(bin, ReadOptions.strict())) {
            assertThat(r.format()).isEqualTo(AerFormat.NMNIST_BIN);
            assertThat(r.readAll().events()).isEqualTo(e);
        }
        try (EventReader r = AerFiles.open(a2, ReadOptions.strict())) {
            assertThat(r.format()).isEqualTo(AerFormat.AEDAT2);
            assertThat(r.readAll().events().size()).isEqualTo(30);
        }
        try (EventReader r = AerFiles.open(a4, ReadOptions.strict())) {
            assertThat(r.format()).isEqualTo(AerFormat.AEDAT4);
            assertThat(r.readAll().events()).isEqualTo(AerFiles.read(a4, ReadOptions.strict()).events());
        }
        // an AEDAT 4.0 first line followed by garbage: open fails in strict mode and must close what it opened
        Path bad = dir.resolve("bad.aedat4");
        byte[] head = Arrays.copyOf("#!AER-DAT4.0\r\n".getBytes(StandardCharsets.ISO_8859_1), 64);
        Arrays.fill(head, 14, 64, (byte) 0x7f);
        Files.write(bad, head);
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long before = unix.getOpenFileDescriptorCount();
            for (int i = 0; i < 60; i++) {
                assertThatThrownBy(() -> AerFiles.open(bad, ReadOptions.strict())).isInstanceOf(IOException.class);
            }
            assertThat(unix.getOpenFileDescriptorCount() - before).as("file descriptors left open").isLessThan(30);
        } else {
            assertThatThrownBy(() -> AerFiles.open(bad, ReadOptions.strict())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void chipClassNamesGiveTheirLayouts() {
        assertThat(DvsLayout.fromChipClass("ch.unizh.ini.jaer.chip.retina.DVS128")).isEqualTo(DvsLayout.DVS128);
        assertThat(DvsLayout.fromChipClass("ch.unizh.ini.caviar.chip.retina.Tmpdiff128")).isEqualTo(DvsLayout.DVS128);
        assertThat(DvsLayout.fromChipClass("eu.seebetter.ini.chips.davis.Davis346red")).isEqualTo(DvsLayout.DAVIS346);
        assertThat(DvsLayout.fromChipClass("DAVIS346B")).isEqualTo(DvsLayout.DAVIS346);
        assertThat(DvsLayout.fromChipClass("ch.unizh.ini.jaer.chip.cochlea.CochleaAMS1c")).isNull();
        assertThat(DvsLayout.fromChipClass(null)).isNull();
        for (DvsLayout l : DvsLayout.values()) {
            assertThat(DvsLayout.fromChipClass(l.chipClass())).isEqualTo(l);
        }
        assertThat(DvsLayout.DAVIS346.width()).isEqualTo(346);
        assertThat(DvsLayout.DAVIS346.height()).isEqualTo(260);
    }
}
