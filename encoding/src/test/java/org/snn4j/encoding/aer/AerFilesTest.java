package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AerFilesTest {
    @Test
    void detectsEveryFormatAndRejectsUnknownFiles(@TempDir Path dir) throws IOException {
        Events e = AerRoundTripProperties.random(3, 50, 128, 128, 1 << 20, true);
        Path a2 = dir.resolve("a.aedat");
        Files.write(a2, Aedat2.toBytes(e, DvsLayout.DVS128));
        Path a3 = dir.resolve("b.aedat");
        Files.write(a3, Aedat31.toBytes(e));
        Path bin = dir.resolve("c.bin");
        Files.write(bin, NmnistBin.toBytes(e.withSensor(128, 128)));
        assertThat(AerFiles.detect(a2)).isEqualTo(AerFormat.AEDAT2);
        assertThat(AerFiles.detect(a3)).isEqualTo(AerFormat.AEDAT3);
        assertThat(AerFiles.detect(bin)).isEqualTo(AerFormat.NMNIST_BIN);
        assertThat(AerFiles.read(a2, ReadOptions.strict()).events()).isEqualTo(e);
        assertThat(AerFiles.read(a3, ReadOptions.strict()).events()).isEqualTo(e);
        assertThat(AerFiles.read(bin, ReadOptions.strict().withSensor(128, 128)).events()).isEqualTo(e);
        try (EventReader r = AerFiles.open(a3, ReadOptions.strict())) {
            assertThat(r.format()).isEqualTo(AerFormat.AEDAT3);
            assertThat(r.readAll().events()).isEqualTo(e);
        }
        Path other = dir.resolve("d.txt");
        Files.writeString(other, "hello");
        assertThatThrownBy(() -> AerFiles.detect(other)).isInstanceOf(AerFormatException.class)
                .hasMessageContaining("byte offset 0").hasMessageContaining("'hello'");
    }
}
