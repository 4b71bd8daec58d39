package org.snn4j.encoding.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.testkit.HostileInput;

/**
 * Issue 13 on crafted IDX files: gzip bombs stop at the decompression limit (which the caller can raise),
 * trailing data after a gzip stream is rejected like trailing bytes of a raw file, concatenated gzip members
 * are one stream, damaged members are typed errors.
 */
class HostileIdxTest {

    private static byte[] labelFile(int n) {
        ByteBuffer b = ByteBuffer.allocate(8 + n);
        b.putInt(0x00000801).putInt(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) (i % 10));
        }
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    @Test
    void aGzipBombStopsAtTheLimitAndALargerLimitReadsIt() throws IOException {
        byte[] raw = new byte[8 + (40 << 20)]; // 40 MiB of label 0 behind a valid header
        ByteBuffer.wrap(raw).putInt(0x00000801).putInt(40 << 20);
        byte[] gz = IdxReaderTest.gzip(raw);
        assertThat(gz.length).isLessThan(100_000);
        long limit = 4 << 20;
        long before = HostileInput.allocatedBytes();
        IdxFormatException e = catchThrowableOfType(IdxFormatException.class,
                () -> IdxReader.read(gz, "bomb.gz", 1, limit));
        assertThat(HostileInput.allocatedBytes() - before).isLessThan(4 * limit + HostileInput.bound(gz.length));
        assertThat(e.field()).isEqualTo("gzip");
        assertThat(e.offset()).isEqualTo(limit);
        assertThat(e.getMessage()).contains("bomb.gz").contains("at most 4194304 decompressed bytes")
                .contains("maxDecompressedBytes");
        assertThat(IdxReader.read(gz, "bomb.gz", 1, 64 << 20).dims()).containsExactly(40 << 20);
        assertThat(IdxReader.read(gz, "bomb.gz", 1).dims()).containsExactly(40 << 20); // default 256 MiB
    }

    @Test
    void decompressionStopsOnceTheOutputExceedsWhatTheHeaderDeclares() throws IOException {
        byte[] raw = new byte[8 + (40 << 20)];
        ByteBuffer.wrap(raw).putInt(0x00000801).putInt(10); // declares 10 labels, holds 40 MiB
        byte[] gz = IdxReaderTest.gzip(raw);
        long before = HostileInput.allocatedBytes();
        IdxFormatException e = catchThrowableOfType(IdxFormatException.class, () -> IdxReader.read(gz, "t", 1));
        assertThat(HostileInput.allocatedBytes() - before).isLessThan(HostileInput.bound(gz.length));
        assertThat(e.field()).isEqualTo("payload");
        assertThat(e.getMessage()).contains("trailing bytes");
        assertThat(e.offset()).isEqualTo(18);
    }

    @Test
    void trailingDataAfterTheGzipStreamIsRejectedLikeTrailingBytesOfARawFile() throws IOException {
        byte[] raw = labelFile(50);
        byte[] gz = IdxReaderTest.gzip(raw);
        IdxFormatException rawTrail = catchThrowableOfType(IdxFormatException.class,
                () -> IdxReader.read(concat(raw, new byte[] {1, 2, 3}), "raw", 1));
        assertThat(rawTrail.field()).isEqualTo("payload");
        for (byte[] junk : new byte[][] {{0}, {1, 2, 3}, "garbage after the stream".getBytes(), {0x1F}}) {
            IdxFormatException e = catchThrowableOfType(IdxFormatException.class,
                    () -> IdxReader.read(concat(gz, junk), "gz", 1));
            assertThat(e).as("%d junk bytes", junk.length).isNotNull();
            assertThat(e.field()).isEqualTo("gzip");
            assertThat(e.getMessage()).contains("compressed byte offset " + gz.length);
        }
        // a second gzip member holding data is data: it makes the payload too long, as in a raw file
        IdxFormatException twice = catchThrowableOfType(IdxFormatException.class,
                () -> IdxReader.read(concat(gz, IdxReaderTest.gzip(new byte[] {5})), "gz", 1));
        assertThat(twice.field()).isEqualTo("payload");
    }

    @Test
    void concatenatedGzipMembersAreOneStream() throws IOException {
        byte[] raw = labelFile(1000);
        byte[] two = concat(IdxReaderTest.gzip(Arrays.copyOf(raw, 300)),
                IdxReaderTest.gzip(Arrays.copyOfRange(raw, 300, raw.length)));
        assertThat(IdxReader.read(two, "two", 1).data()).isEqualTo(Arrays.copyOfRange(raw, 8, raw.length));
    }

    @Test
    void damagedGzipIsATypedError() throws IOException {
        byte[] gz = IdxReaderTest.gzip(labelFile(2000));
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 6] ^= 1;
        assertThat(catchThrowableOfType(IdxFormatException.class, () -> IdxReader.read(badCrc, "c", 1)).getMessage())
                .contains("CRC-32");
        byte[] badSize = gz.clone();
        badSize[gz.length - 2] ^= 1;
        assertThat(catchThrowableOfType(IdxFormatException.class, () -> IdxReader.read(badSize, "s", 1)).field())
                .isEqualTo("gzip");
        byte[] badFlags = gz.clone();
        badFlags[3] = (byte) 0xE0;
        assertThat(catchThrowableOfType(IdxFormatException.class, () -> IdxReader.read(badFlags, "f", 1)).getMessage())
                .contains("reserved FLG bits");
        for (int cut = 2; cut < gz.length; cut += 97) {
            byte[] c = Arrays.copyOf(gz, cut);
            assertThat(catchThrowableOfType(IdxFormatException.class, () -> IdxReader.read(c, "cut", 1)))
                    .as("cut at %d", cut).isNotNull();
        }
    }

    @Test
    void theLimitReachesTheDatasetLoader(@TempDir Path dir) throws IOException {
        Path src = org.snn4j.encoding.TestData.mnist10k();
        for (String name : new String[] {MnistDataset.TRAIN_IMAGES, MnistDataset.TRAIN_LABELS, MnistDataset.TEST_IMAGES,
                MnistDataset.TEST_LABELS}) {
            Files.copy(src.resolve(name + ".gz"), dir.resolve(name + ".gz"));
        }
        IdxFormatException e = catchThrowableOfType(IdxFormatException.class, () -> MnistDataset.load(dir, 1 << 20));
        assertThat(e.source()).isEqualTo(MnistDataset.TRAIN_IMAGES + ".gz");
        assertThat(e.getMessage()).contains("at most 1048576 decompressed bytes");
        assertThat(MnistDataset.load(dir, 8 << 20).train().count()).isEqualTo(8000);
    }
}
