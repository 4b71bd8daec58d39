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
 * AerFiles (issue 17): the message of an unknown file (its first 12 bytes, non-printable ones as '?'), {@code open}
 * in three formats, and a failed open that leaves no file open (open descriptors counted).
 */
class AerFilesBytesTest {
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
}
