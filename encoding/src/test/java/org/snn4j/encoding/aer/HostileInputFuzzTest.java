package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.encoding.TestData;
import org.snn4j.encoding.dataset.DatasetFormatException;
import org.snn4j.encoding.dataset.IdxFormatException;
import org.snn4j.encoding.dataset.IdxReader;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.encoding.dataset.NmnistDataset;
import org.snn4j.testkit.HostileInput;

/**
 * Issue 13, "make it stay fixed": every shipped fixture (the four event files, the MNIST IDX files) and small
 * synthetic files of every format (and two nmnist-small recordings and its label list) are mutated (bit flips, truncation, inserted and deleted bytes, huge length
 * fields; seeded) and read. The contract: strict mode returns or throws the format's exception
 * ({@link AerFormatException}, {@link IdxFormatException}) and nothing else; lenient mode never throws and its
 * report is clean exactly when no fault was recorded; the reading thread allocates less than
 * {@code 64 x input + 16 MB} ({@link HostileInput#bound}). The model file has the same test in core
 * ({@code ModelFileHostileTest}). About 10 s on two busy cores.
 */
class HostileInputFuzzTest {

    private interface BytesReader {
        AerRecording read(byte[] b, ReadOptions o) throws IOException;
    }

    private static int reads;

    private static void aer(String name, BytesReader f, byte[] original, int count, long seed, int... lengths)
            throws IOException {
        long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        List<HostileInput.Mutant> ms = HostileInput.mutants(original, seed, count, lengths);
        ms.add(new HostileInput.Mutant("empty", new byte[0]));
        for (HostileInput.Mutant m : ms) {
            byte[] b = m.bytes();
            String what = name + ": " + m.what();
            long before = HostileInput.allocatedBytes();
            try {
                f.read(b, ReadOptions.strict());
            } catch (AerFormatException e) {
                assertThat(e.offset()).as(what).isBetween(0L, (long) b.length);
            } catch (IOException | RuntimeException | Error e) {
                throw new AssertionError(what + ": strict read threw " + e, e);
            }
            long strict = HostileInput.allocatedBytes() - before;
            AerRecording r;
            try {
                r = f.read(b, ReadOptions.lenient());
            } catch (IOException | RuntimeException | Error e) {
                throw new AssertionError(what + ": lenient read threw " + e, e);
            }
            long both = HostileInput.allocatedBytes() - before;
            assertThat(strict).as("%s: bytes allocated by the strict read", what).isLessThan(HostileInput.bound(b.length));
            assertThat(both - strict).as("%s: bytes allocated by the lenient read", what)
                    .isLessThan(HostileInput.bound(b.length));
            assertThat(r.report().isClean()).as("%s: %s", what, r.report()).isEqualTo(r.report().firstFault().isEmpty());
            reads += 2;
        }
        long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0;
        System.out.printf("  %s: %d mutants, %.2f s CPU%n", name, ms.size(), cpu / 1e9);
    }

    private static void idx(String name, byte[] original, int dims, int count, long seed, int... lengths) {
        for (HostileInput.Mutant m : HostileInput.mutants(original, seed, count, lengths)) {
            String what = name + ": " + m.what();
            long before = HostileInput.allocatedBytes();
            try {
                IdxReader.read(m.bytes(), name, dims);
            } catch (IdxFormatException e) {
                // the documented failure
            } catch (RuntimeException | Error e) {
                throw new AssertionError(what + ": threw " + e, e);
            }
            assertThat(HostileInput.allocatedBytes() - before).as("%s: bytes allocated", what)
                    .isLessThan(HostileInput.bound(m.bytes().length));
            reads++;
        }
    }

    /** Offsets of the packet size fields of an AEDAT 4.0 file (and of its IOHeader size). */
    static int[] aedat4Lengths(byte[] f, int max) {
        List<Integer> at = new ArrayList<>();
        at.add(14);
        int p = 18 + Lz4Frame.le32(f, 14);
        while (p + 8 <= f.length && at.size() < max) {
            at.add(p + 4);
            int size = Lz4Frame.le32(f, p + 4);
            if (size <= 0) {
                break;
            }
            p += 8 + size;
        }
        return at.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Offsets of the eventSize, eventCapacity and eventNumber fields of the first AEDAT 3.1 packets. */
    private static int[] aedat31Lengths(byte[] f, int start) {
        List<Integer> at = new ArrayList<>();
        int p = start;
        for (int k = 0; k < 4 && p + 28 <= f.length; k++) {
            at.add(p + 4);
            at.add(p + 16);
            at.add(p + 20);
            p += 28 + Lz4Frame.le32(f, p + 4) * Lz4Frame.le32(f, p + 20);
        }
        return at.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void mutatedEventFilesKeepTheContract() throws Exception {
        long t0 = System.nanoTime();
        reads = 0;
        byte[] nmnist = Fixtures.bytes(Fixtures.NMNIST);
        aer("sample_nmnist.bin", NmnistBin::read, nmnist, 300, 1);
        byte[] aedat4 = Fixtures.bytes(Fixtures.AEDAT4);
        aer("sample.aedat4", Aedat4::read, aedat4, 40, 2, aedat4Lengths(aedat4, 40));
        aer("sample_aedat_header.aedat", Aedat2::read, Fixtures.bytes(Fixtures.AEDAT2_HEADER_ONLY), 300, 3);
        aer("header_test_128.aedat_test", Aedat2::read, Fixtures.bytes(Fixtures.DVS128_JUNK), 300, 4);
        aer("synthetic AEDAT 2.0", Aedat2::read, AerRobustnessTest.AEDAT2, 300, 5);
        int start31 = AerRobustnessTest.aedat31DataStart();
        aer("synthetic AEDAT 3.1", Aedat31::read, AerRobustnessTest.AEDAT31, 200, 6,
                aedat31Lengths(AerRobustnessTest.AEDAT31, start31));
        byte[] zstd = Aedat4CompressionTest.repack(3);
        aer("sample.aedat4 as Zstandard", Aedat4::read, zstd, 24, 7, aedat4Lengths(zstd, 40));
        for (int comp : new int[] {TinyAedat4.NONE, TinyAedat4.LZ4, TinyAedat4.ZSTD}) {
            byte[] tiny = TinyAedat4.file(comp, 34, 34, List.of(
                    TinyAedat4.compress(comp, TinyAedat4.eventsBody(12, 34, 1000)),
                    TinyAedat4.compress(comp, TinyAedat4.eventsBody(9, 34, 2000))), new long[] {12, 9});
            aer("tiny AEDAT 4.0, compression " + comp, Aedat4::read, tiny, 400, 8 + comp, aedat4Lengths(tiny, 8));
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("HostileInputFuzzTest: %d event-file reads in %.1f s%n", reads, s);
        assertThat(reads).isGreaterThan(5000);
    }

    @Test
    void mutatedIdxFilesKeepTheContract() throws Exception {
        long t0 = System.nanoTime();
        reads = 0;
        Path dir = TestData.mnist10k();
        idx("t10k-labels gz", Files.readAllBytes(dir.resolve(MnistDataset.TEST_LABELS + ".gz")), 1, 300, 11);
        idx("train-labels gz", Files.readAllBytes(dir.resolve(MnistDataset.TRAIN_LABELS + ".gz")), 1, 200, 12);
        idx("t10k-images gz", Files.readAllBytes(dir.resolve(MnistDataset.TEST_IMAGES + ".gz")), 3, 30, 13);
        ByteBuffer raw = ByteBuffer.allocate(16 + 2 * 28 * 28);
        raw.putInt(0x00000803).putInt(2).putInt(28).putInt(28);
        idx("raw images", raw.array(), 3, 400, 14, 0, 3, 4, 8, 12);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("HostileInputFuzzTest: %d IDX reads in %.1f s%n", reads, s);
        assertThat(reads).isGreaterThan(900);
    }

    /** Two of the shipped nmnist-small recordings, and its label list read by {@code NmnistDataset.labelList}. */
    @Test
    void mutatedNmnistSmallFilesKeepTheContract(@TempDir Path dir) throws Exception {
        reads = 0;
        Path small = TestData.nmnistSmall();
        Path files = small.resolve("files");
        try (java.util.stream.Stream<Path> s = Files.list(files)) {
            List<Path> two = s.filter(p -> p.toString().endsWith(".bs2")).sorted().limit(2).toList();
            for (int k = 0; k < two.size(); k++) {
                aer(String.valueOf(two.get(k).getFileName()), NmnistBin::read, Files.readAllBytes(two.get(k)), 150, 30 + k);
            }
        }
        byte[] list = Files.readAllBytes(small.resolve("test100.txt"));
        Path p = dir.resolve("list.txt");
        for (HostileInput.Mutant m : HostileInput.mutants(list, 40, 200)) {
            Files.write(p, m.bytes());
            long before = HostileInput.allocatedBytes();
            try {
                NmnistDataset.labelList(p, files, ReadOptions.strict());
            } catch (DatasetFormatException e) {
                // documented
            } catch (IOException | RuntimeException | Error e) {
                throw new AssertionError("test100.txt: " + m.what() + ": strict threw " + e, e);
            }
            try {
                NmnistDataset.labelList(p, files, ReadOptions.lenient());
            } catch (IOException | RuntimeException | Error e) {
                throw new AssertionError("test100.txt: " + m.what() + ": lenient threw " + e, e);
            }
            assertThat(HostileInput.allocatedBytes() - before).as("test100.txt: " + m.what())
                    .isLessThan(2 * HostileInput.bound(m.bytes().length));
        }
    }

    /** The path readers (format detection, AEDAT 4.0's data-table presizing) on a sample of the mutants. */
    @Test
    void mutatedFilesReadThroughPaths(@TempDir Path dir) throws Exception {
        byte[][] originals = {Fixtures.bytes(Fixtures.NMNIST), TinyAedat4.file(TinyAedat4.LZ4, 34, 34,
                List.of(TinyAedat4.compress(TinyAedat4.LZ4, TinyAedat4.eventsBody(12, 34))), new long[] {12}),
                AerRobustnessTest.AEDAT2, AerRobustnessTest.AEDAT31};
        String[] names = {"m.bin", "m.aedat4", "m.aedat", "m.aedat31"};
        for (int k = 0; k < originals.length; k++) {
            for (HostileInput.Mutant m : HostileInput.mutants(originals[k], 20 + k, 40)) {
                Path p = dir.resolve(names[k]);
                Files.write(p, m.bytes());
                long before = HostileInput.allocatedBytes();
                try {
                    AerFiles.read(p, ReadOptions.strict());
                } catch (AerFormatException e) {
                    // documented
                } catch (IOException | RuntimeException | Error e) {
                    throw new AssertionError(names[k] + ": " + m.what() + ": " + e, e);
                }
                try {
                    AerFiles.read(p, ReadOptions.lenient());
                } catch (AerFormatException e) {
                    // an unrecognised magic is reported before any reader (and its mode) is chosen
                    assertThat(e.field()).isEqualTo("magic");
                }
                assertThat(HostileInput.allocatedBytes() - before).as(names[k] + ": " + m.what())
                        .isLessThan(2 * HostileInput.bound(m.bytes().length));
            }
        }
    }
}
