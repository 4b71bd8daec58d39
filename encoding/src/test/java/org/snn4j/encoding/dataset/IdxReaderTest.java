package org.snn4j.encoding.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    /** A valid image file: 3 images of 2x2. */
    static byte[] images() {
        return new byte[] {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2,
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, (byte) 255};
    }

    /** A valid label file: 3 labels. */
    static byte[] labels() {
        return new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 7, 0, 9};
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
            gz.write(raw);
        }
        return bo.toByteArray();
    }

    @Test
    void readsRawAndGzipAlike() throws IOException {
        for (byte[] b : new byte[][] {images(), gzip(images())}) {
            IdxArray a = MnistDataset.readImages(b, "x");
            assertThat(a.dims()).containsExactly(3, 2, 2);
            assertThat(a.data()).hasSize(12);
            assertThat(a.data()[11] & 0xFF).isEqualTo(255);
        }
        for (byte[] b : new byte[][] {labels(), gzip(labels())}) {
            assertThat(MnistDataset.readLabels(b, "y").data()).containsExactly(7, 0, 9);
        }
    }

    /** Applies one mutation and expects the field and offset. */
    static void expectError(byte[] bytes, boolean imageFile, String field, long offset) {
        IdxFormatException e = catchThrowableOfType(IdxFormatException.class, () -> {
            if (imageFile) {
                MnistDataset.readImages(bytes, "f");
            } else {
                MnistDataset.readLabels(bytes, "f");
            }
        });
        assertThat(e).as("exception for %s", field).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.offset()).isEqualTo(offset);
        assertThat(e.getMessage()).contains(field).contains("byte offset " + offset).contains("expected");
    }

    @Test
    void everyHeaderFieldIsChecked() throws IOException {
        byte[] b = images();
        b[0] = 1;
        expectError(b, true, "magic", 0);
        b = images();
        b[1] = 8;
        expectError(b, true, "magic", 0);
        b = images();
        b[2] = 0x0D; // float32
        expectError(b, true, "type", 2);
        b = images();
        b[3] = 2;
        expectError(b, true, "dims", 3);
        b = labels();
        b[3] = 3;
        expectError(b, false, "dims", 3);
        b = images();
        b[4] = (byte) 0x80; // negative count
        expectError(b, true, "dim 0", 4);
        b = images();
        b[11] = 0; // 0 rows
        b = Arrays.copyOf(b, 16); // no payload then
        expectError(b, true, "dim 1", 8);
        b = images();
        b[4] = 0x7F; // count * rows does not fit in an array
        expectError(b, true, "dim 1", 8);
        // payload too short by 1 and too long by 1
        expectError(Arrays.copyOf(images(), 27), true, "payload", 27);
        expectError(Arrays.copyOf(images(), 29), true, "payload", 28);
        // label out of range at index 1 -> offset 8 + 1
        b = labels();
        b[9] = 10;
        expectError(b, false, "label 1", 9);
        // the same through gzip: offsets are in the decompressed stream
        byte[] bad = labels();
        bad[10] = (byte) 200;
        byte[] badGz = gzip(bad);
        IdxFormatException e = catchThrowableOfType(IdxFormatException.class,
                () -> MnistDataset.readLabels(badGz, "g"));
        assertThat(e.field()).isEqualTo("label 2");
        assertThat(e.offset()).isEqualTo(10);
        assertThat(e.value()).isEqualTo(200);
    }

    @Test
    void everyTruncationIsATypedError() throws IOException {
        byte[] full = images();
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            IdxFormatException e = catchThrowableOfType(IdxFormatException.class, () -> MnistDataset.readImages(cut, "t"));
            assertThat(e).as("length %d", len).isNotNull();
            assertThat(e.field()).isIn("header", "payload");
            assertThat(e.offset()).isEqualTo(len);
        }
        byte[] gz = gzip(full);
        for (int len = 2; len < gz.length; len++) {
            byte[] cut = Arrays.copyOf(gz, len);
            IdxFormatException e = catchThrowableOfType(IdxFormatException.class, () -> MnistDataset.readImages(cut, "t"));
            assertThat(e).as("gzip length %d", len).isNotNull();
            assertThat(e.field()).isIn("gzip", "header", "payload");
        }
    }

    @Provide
    Arbitrary<byte[]> randomFiles() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        // a plausible header followed by random bytes, so later checks are reached too
        Arbitrary<byte[]> headed = Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(tail -> {
            byte[] b = Arrays.copyOf(new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2}, 16 + tail.length);
            System.arraycopy(tail, 0, b, 16, tail.length);
            if (tail.length > 0) {
                b[tail[0] & 15] = tail[tail.length - 1];
            }
            return b;
        });
        Arbitrary<byte[]> gz = Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(tail -> {
            byte[] b = new byte[tail.length + 2];
            b[0] = 0x1F;
            b[1] = (byte) 0x8B;
            System.arraycopy(tail, 0, b, 2, tail.length);
            return b;
        });
        return Arbitraries.oneOf(random, headed, gz);
    }

    @Property(seed = "42", tries = 2000)
    void randomBytesOnlyEverGiveTheTypedException(@ForAll("randomFiles") byte[] bytes) {
        for (int dims = 0; dims <= 3; dims++) {
            try {
                IdxArray a = IdxReader.read(bytes, "r", dims);
                assertThat(a.data().length).isLessThanOrEqualTo(bytes.length);
            } catch (IdxFormatException expected) {
                assertThat(expected.getMessage()).startsWith("r: ");
            }
        }
        try {
            MnistDataset.readLabels(bytes, "r");
        } catch (IdxFormatException expected) {
            assertThat(expected.field()).isNotEmpty();
        }
    }

    @Test
    void loadsADirectoryAndChecksCounts(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve(MnistDataset.TRAIN_IMAGES + ".gz"), gzip(images()));
        Files.write(dir.resolve(MnistDataset.TRAIN_LABELS), labels());
        Files.write(dir.resolve(MnistDataset.TEST_IMAGES), images());
        Files.write(dir.resolve(MnistDataset.TEST_LABELS + ".gz"), gzip(labels()));
        MnistDataset d = MnistDataset.load(dir);
        assertThat(d.train().count()).isEqualTo(3);
        assertThat(d.test().label(2)).isEqualTo(9);
        assertThat(d.train().image(1).data()).containsExactly(5, 6, 7, 8);
        // 2 labels for 3 images
        Files.write(dir.resolve(MnistDataset.TEST_LABELS + ".gz"), gzip(new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 1, 2}));
        IdxFormatException e = catchThrowableOfType(IdxFormatException.class, () -> MnistDataset.load(dir));
        assertThat(e.field()).isEqualTo("dim 0");
        assertThat(e.offset()).isEqualTo(4);
        assertThat(e.getMessage()).contains("t10k-labels-idx1-ubyte.gz").contains("got 2").contains("3 labels");
        Files.delete(dir.resolve(MnistDataset.TRAIN_LABELS));
        assertThatThrownBy(() -> MnistDataset.load(dir)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(MnistDataset.TRAIN_LABELS);
    }
}
