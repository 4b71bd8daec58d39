package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.testkit.HostileInput;

/**
 * Issue 13 on crafted minimal event files: sizes from the file never size an allocation beyond what the file can
 * hold, decompression stops at {@link ReadOptions#maxDecompressedBytes()} with a typed error naming the packet,
 * offset and limit, and lenient reports count what the file's own index says is missing.
 */
class HostileAerInputTest {

    private interface Read {
        AerRecording run() throws IOException;
    }

    /** Runs {@code r}, returns its strict-mode exception (or null) and checks the allocation bound. */
    private static AerFormatException strictBounded(long bound, Read r) throws IOException {
        long before = HostileInput.allocatedBytes();
        AerFormatException e = null;
        try {
            r.run();
        } catch (AerFormatException x) {
            e = x;
        }
        assertThat(HostileInput.allocatedBytes() - before).as("bytes allocated").isLessThan(bound);
        return e;
    }

    @Test
    void tinyFilesInEveryCompressionReadClean() throws IOException {
        for (int comp : new int[] {TinyAedat4.NONE, TinyAedat4.LZ4, TinyAedat4.ZSTD}) {
            byte[] f = TinyAedat4.file(comp, 34, 34, List.of(TinyAedat4.compress(comp, TinyAedat4.eventsBody(10, 34)),
                    TinyAedat4.compress(comp, TinyAedat4.eventsBody(5, 34, 2000))), new long[] {10, 5});
            AerRecording r = Aedat4.read(f, ReadOptions.strict());
            assertThat(r.events().size()).as("compression %d", comp).isEqualTo(15);
            assertThat(r.report().isClean()).isTrue();
            assertThat(r.report().missingEvents()).isZero();
        }
    }

    @Test
    void aDataTableClaimingHundredsOfMillionsOfEventsDoesNotSizeTheAllocation(@TempDir Path dir) throws IOException {
        byte[] f = TinyAedat4.file(TinyAedat4.NONE, 34, 34, List.of(TinyAedat4.eventsBody(10, 34)),
                new long[] {200_000_000L}); // below the old 2^28 presizing cut-off: used to allocate 2.2 GB
        assertThat(f.length).isLessThan(2048);
        Path p = dir.resolve("claims.aedat4");
        Files.write(p, f);
        long bound = HostileInput.bound(f.length);
        AerFormatException fromBytes = strictBounded(bound, () -> Aedat4.read(f, ReadOptions.strict()));
        AerFormatException fromPath = strictBounded(bound, () -> Aedat4.read(p, ReadOptions.strict()));
        assertThat(fromBytes).isNotNull();
        assertThat(fromBytes.field()).isEqualTo("FileDataTable");
        assertThat(fromPath).isNotNull();
        long before = HostileInput.allocatedBytes();
        AerRecording lenient = Aedat4.read(p, ReadOptions.lenient());
        assertThat(HostileInput.allocatedBytes() - before).isLessThan(bound);
        assertThat(lenient.events().size()).isEqualTo(10);
        assertThat(lenient.report().missingEvents()).isEqualTo(200_000_000L - 10);
        assertThat(lenient.report().isClean()).isFalse();
    }

    @Test
    void anLz4BombStopsAtTheLimitWithTheOffsetAndTheLimitInTheMessage() throws IOException {
        byte[] bomb = TinyAedat4.lz4Frame(new byte[80 << 20]); // 80 MiB of zeros in about 300 KB
        byte[] f = TinyAedat4.file(TinyAedat4.LZ4, 34, 34, List.of(bomb), null);
        assertThat(f.length).isLessThan(1 << 20);
        int dataStart = f.length - bomb.length - 8;
        // the default limit (64 MiB): allocation stays near the limit, not the 80 MiB (or 6 GB) of the bomb
        AerFormatException e = strictBounded(4L * ReadOptions.DEFAULT_MAX_DECOMPRESSED,
                () -> Aedat4.read(f, ReadOptions.strict()));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("packet 0 (stream 0, " + bomb.length + " bytes at offset " + dataStart + ")")
                .contains("at most 67108864 decompressed bytes").contains("maxDecompressedBytes");
        assertThat(e.offset()).isBetween((long) dataStart, (long) f.length);
        // a lower limit stops it sooner, within the fuzz bound
        ReadOptions small = ReadOptions.strict().withMaxDecompressedBytes(4 << 20);
        AerFormatException e2 = strictBounded(HostileInput.bound(f.length), () -> Aedat4.read(f, small));
        assertThat(e2.getMessage()).contains("at most 4194304 decompressed bytes");
        AerRecording lenient = Aedat4.read(f, small.withMode(ReadMode.LENIENT));
        assertThat(lenient.report().droppedRecords()).isEqualTo(1);
        assertThat(lenient.report().firstFault()).isEqualTo(e2.getMessage());
    }

    @Test
    void zstdBombsAreStoppedWhetherOrNotTheFrameDeclaresItsSize() throws IOException {
        // declares 80 MiB > the limit: refused before decoding
        byte[] declared = TinyAedat4.compress(TinyAedat4.ZSTD, new byte[80 << 20]);
        byte[] f = TinyAedat4.file(TinyAedat4.ZSTD, 34, 34, List.of(declared), null);
        AerFormatException e = strictBounded(HostileInput.bound(f.length), () -> Aedat4.read(f, ReadOptions.strict()));
        assertThat(e.getMessage()).contains("a Zstandard frame declaring 83886080 bytes")
                .contains("at most 67108864 decompressed bytes");
        // 10 MiB of zeros without a declared size: streamed and stopped at a 4 MiB limit
        byte[] streamed = TinyAedat4.zstdWithoutContentSize(TinyAedat4.compress(TinyAedat4.ZSTD, new byte[10 << 20]), 20);
        byte[] g = TinyAedat4.file(TinyAedat4.ZSTD, 34, 34, List.of(streamed), null);
        AerFormatException e2 = strictBounded(HostileInput.bound(g.length),
                () -> Aedat4.read(g, ReadOptions.strict().withMaxDecompressedBytes(4 << 20)));
        assertThat(e2.getMessage()).contains("a Zstandard frame that decodes to more")
                .contains("at most 4194304 decompressed bytes");
        // under the default limit it decompresses (and is then rejected as a flatbuffer, not as a bomb)
        AerFormatException e3 = catchThrowableOfType(AerFormatException.class, () -> Aedat4.read(g, ReadOptions.strict()));
        assertThat(e3.getMessage()).doesNotContain("decompressed bytes").contains("flatbuffer");
        // declared, within the limit but 10,000 times the compressed size: streamed too, same result
        byte[] h = TinyAedat4.file(TinyAedat4.ZSTD, 34, 34,
                List.of(TinyAedat4.compress(TinyAedat4.ZSTD, new byte[10 << 20])), null);
        assertThat(catchThrowableOfType(AerFormatException.class, () -> Aedat4.read(h, ReadOptions.strict()))
                .getMessage()).contains("flatbuffer");
    }

    @Test
    void raisingTheLimitReadsLargePackets() throws IOException {
        byte[] body = TinyAedat4.eventsBody(300_000, 34); // 4.8 MB decompressed
        byte[] f = TinyAedat4.file(TinyAedat4.ZSTD, 34, 34, List.of(TinyAedat4.compress(TinyAedat4.ZSTD, body)),
                new long[] {300_000});
        ReadOptions low = ReadOptions.strict().withMaxDecompressedBytes(1 << 20);
        assertThat(catchThrowableOfType(AerFormatException.class, () -> Aedat4.read(f, low)).getMessage())
                .contains("at most 1048576 decompressed bytes");
        assertThat(Aedat4.read(f, low.withMaxDecompressedBytes(8 << 20)).events().size()).isEqualTo(300_000);
    }

    @Test
    void aDamagedPacketCountsItsEventsAsMissingFromTheDataTable() throws IOException {
        byte[] bad = TinyAedat4.eventsBody(11, 34, 2000);
        bad[8] = 'X'; // identifier XVTS: the packet is dropped
        byte[] f = TinyAedat4.file(TinyAedat4.NONE, 34, 34, List.of(TinyAedat4.eventsBody(7, 34, 1000), bad,
                TinyAedat4.eventsBody(7, 34, 3000)), new long[] {7, 11, 7});
        AerRecording r = Aedat4.read(f, ReadOptions.lenient());
        assertThat(r.events().size()).isEqualTo(14);
        assertThat(r.report().droppedRecords()).isEqualTo(1);
        assertThat(r.report().missingEvents()).isEqualTo(11);
        assertThat(r.report().isClean()).isFalse();
    }

    @Test
    void aFileCutAtAPacketBoundaryOrBeforeItsDataTableIsNotClean() throws IOException {
        byte[] full = Fixtures.bytes(Fixtures.AEDAT4);
        int tablePos = 945_243;
        int afterThird = 18 + Lz4Frame.le32(full, 14);
        for (int k = 0; k < 3; k++) {
            afterThird += 8 + Lz4Frame.le32(full, afterThird + 4);
        }
        for (int cut : new int[] {afterThird, tablePos}) {
            byte[] b = Arrays.copyOf(full, cut);
            AerRecording r = AerRobustnessTest.both(Aedat4::read, b);
            assertThat(r.report().isClean()).as("cut at %d", cut).isFalse();
            assertThat(r.report().missingBytes()).as("cut at %d", cut).isEqualTo(tablePos - cut);
            assertThat(r.report().firstFault()).contains("FileDataTable");
        }
    }

    @Test
    void aTruncatedAedat31PacketCountsItsDeclaredEventsAsMissing() throws IOException {
        byte[] full = AerRobustnessTest.AEDAT31;
        int start = AerRobustnessTest.aedat31DataStart();
        int number = Lz4Frame.le32(full, start + 20);
        byte[] cut = Arrays.copyOf(full, start + 28 + 8 * 100 + 3);
        AerRecording r = AerRobustnessTest.both(Aedat31::read, cut);
        assertThat(r.events().size()).isZero();
        assertThat(r.report().missingEvents()).isEqualTo(number);
        assertThat(r.report().missingBytes()).isEqualTo(8L * number - (8 * 100 + 3));
        assertThat(r.report().isClean()).isFalse();
    }

    @Test
    void emptyFilesAndMissingHeaderLinesAreNeverReportedClean() throws IOException {
        byte[] empty = new byte[0];
        for (AerRobustnessTest.BytesReader f : List.<AerRobustnessTest.BytesReader>of(Aedat2::read, Aedat31::read,
                Aedat4::read)) {
            AerRecording r = f.read(empty, ReadOptions.lenient());
            assertThat(r.report().isClean()).isFalse();
            assertThat(r.report().firstFault()).isNotEmpty();
        }
        byte[] noLines = (Aedat31.VERSION_LINE + "\r\n" + Aedat31.END_LINE + "\r\n").getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1);
        AerRecording r = Aedat31.read(noLines, ReadOptions.lenient());
        assertThat(r.report().firstFault()).contains("Format");
        assertThat(r.report().isClean()).isFalse();
    }
}
