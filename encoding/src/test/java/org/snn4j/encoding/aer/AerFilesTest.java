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

    @Test
    void readsEveryFormatFromBytesAndFromPathsAsItsOwnReaderDoes(@TempDir Path dir) throws IOException {
        Events e = AerRoundTripProperties.random(5, 40, 128, 128, 1 << 20, true);
        byte[] a2 = Aedat2.toBytes(e, DvsLayout.DVS128);
        byte[] a3 = Aedat31.toBytes(e);
        byte[] bin = NmnistBin.toBytes(e.withSensor(128, 128));
        byte[] a4 = Fixtures.bytes(Fixtures.AEDAT4);
        ReadOptions o = ReadOptions.strict().withSensor(128, 128);
        assertThat(AerFiles.read(a2, AerFormat.AEDAT2, ReadOptions.strict()).events()).isEqualTo(e);
        assertThat(AerFiles.read(a3, AerFormat.AEDAT3, ReadOptions.strict()).events()).isEqualTo(e);
        assertThat(AerFiles.read(bin, AerFormat.NMNIST_BIN, o).events()).isEqualTo(e);
        AerRecording four = AerFiles.read(a4, AerFormat.AEDAT4, ReadOptions.strict());
        assertThat(four.events()).isEqualTo(Aedat4.read(a4, ReadOptions.strict()).events());
        assertThat(four.events().size()).isEqualTo(111_954);
        // the same through files, and the streaming readers, with each format's own reader as the reference
        Path p4 = dir.resolve("d.aedat4");
        Files.write(p4, a4);
        Path p2 = dir.resolve("a.aedat");
        Files.write(p2, a2);
        Path pb = dir.resolve("c.BIN"); // the extension is matched ignoring case
        Files.write(pb, bin);
        assertThat(AerFiles.detect(p4)).isEqualTo(AerFormat.AEDAT4);
        assertThat(AerFiles.detect(pb)).isEqualTo(AerFormat.NMNIST_BIN);
        assertThat(AerFiles.read(p4, ReadOptions.strict()).events()).isEqualTo(four.events());
        assertThat(AerFiles.read(pb, o).events()).isEqualTo(e);
        for (Path p : new Path[] {p4, p2, pb}) {
            try (EventReader r = AerFiles.open(p, p == pb ? o : ReadOptions.strict())) {
                assertThat(r.format()).isEqualTo(AerFiles.detect(p));
                assertThat(r.readAll().events()).isEqualTo(p == p4 ? four.events() : e);
            }
        }
    }

    @Test
    void detectsFromTheFirstBytesAndNamesWhatItSawOnFailure() throws IOException {
        byte[] a2 = "#!AER-DAT2.0\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(AerFiles.detect(a2, "x.bin")).isEqualTo(AerFormat.AEDAT2); // the line wins over the name
        assertThat(AerFiles.detect(new byte[] {1, 2, 3}, "dir/rec.bin")).isEqualTo(AerFormat.NMNIST_BIN);
        assertThat(AerFiles.detect(new byte[0], "empty.bin")).isEqualTo(AerFormat.NMNIST_BIN);
        // shorter than a whole magic line, or a near miss: not a format
        assertThatThrownBy(() -> AerFiles.detect("#!AER-DAT4".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "f.aedat4"))
                .isInstanceOf(AerFormatException.class).hasMessageContaining("'#!AER-DAT4'");
        assertThatThrownBy(() -> AerFiles.detect("#!AER-DAT3.0 and more".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "f"))
                .isInstanceOf(AerFormatException.class).hasMessageContaining("'#!AER-DAT3.0'");
        assertThatThrownBy(() -> AerFiles.detect(new byte[] {'a', 0, 'b'}, "f.bin.txt"))
                .isInstanceOf(AerFormatException.class).hasMessageContaining("'a?b'");
    }

    @Test
    void choosesTheAedat2LayoutFromTheChipClass() {
        assertThat(DvsLayout.fromChipClass("ch.unizh.ini.jaer.chip.retina.DVS128")).isEqualTo(DvsLayout.DVS128);
        assertThat(DvsLayout.fromChipClass("ch.unizh.ini.caviar.chip.retina.Tmpdiff128")).isEqualTo(DvsLayout.DVS128);
        assertThat(DvsLayout.fromChipClass("eu.seebetter.ini.chips.davis.Davis346blue")).isEqualTo(DvsLayout.DAVIS346);
        assertThat(DvsLayout.fromChipClass("eu.seebetter.ini.chips.davis.DAVIS240C")).isEqualTo(DvsLayout.DAVIS240);
        assertThat(DvsLayout.fromChipClass("eu.seebetter.ini.chips.davis.Davis208PixelParade"))
                .isEqualTo(DvsLayout.DAVIS208);
        assertThat(DvsLayout.fromChipClass("eu.seebetter.ini.chips.davis.Davis640")).isEqualTo(DvsLayout.DAVIS640);
        // a DAVIS chip of unknown size is not guessed (it used to read as a 346 x 260 sensor)
        assertThat(DvsLayout.fromChipClass("eu.seebetter.ini.chips.davis.SciDVS")).isNull();
        for (DvsLayout l : DvsLayout.values()) {
            assertThat(DvsLayout.fromChipClass(l.chipClass())).isEqualTo(l);
        }
        assertThat(DvsLayout.fromChipClass("ch.unizh.ini.jaer.chip.retina.DVS320")).isNull();
        assertThat(DvsLayout.fromChipClass(null)).isNull();
        assertThat(new int[] {DvsLayout.DAVIS346.width(), DvsLayout.DAVIS346.height(), DvsLayout.DVS128.width(),
                DvsLayout.DVS128.height(), DvsLayout.DAVIS240.width(), DvsLayout.DAVIS240.height(),
                DvsLayout.DAVIS208.width(), DvsLayout.DAVIS208.height(), DvsLayout.DAVIS640.width(),
                DvsLayout.DAVIS640.height()}).containsExactly(346, 260, 128, 128, 240, 180, 208, 192, 640, 480);
    }
}
