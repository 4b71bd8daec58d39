package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.encoding.TestData;

/**
 * Both group loops, the Vector API one ({@link NmnistVectorGroups}) and the scalar one ({@link NmnistBin.Decoder}
 * without a kernel, the JDK 17 path), against the decoder without any group loop (the record loop and the
 * careful loop alone, {@link #RECORD_LOOP}), on every JDK the suite runs on (the surefire configuration adds the
 * incubator module; the library itself uses the vector loop only from JDK 21): the same events, the same report
 * (markers, ties, faults and the first fault's message) and the same exception (offset and message), strict and
 * lenient,
 * decoding whole files and in pieces with one decoder (as the streaming reader does, so the state carried from
 * piece to piece is checked too). Inputs: files of every byte length up to 12 groups and a few more (every
 * length mod 40 and mod 5), a fault, marker, tie or backwards time at every record position of a group (and the
 * record before and after it), random mutations of valid files with runs of ties and times near 2^23, sensors
 * narrower, taller and wider than the fast bounds, files at odd offsets inside a larger array, the shipped
 * sample and the 1,100 real recordings.
 */
class NmnistVectorGroupsTest {
    private static final NmnistBin.GroupKernel VECTOR = new NmnistVectorGroups();
    /** No group loop: every record goes through the record loop (or the careful one). */
    static final NmnistBin.GroupKernel RECORD_LOOP = (d, b, i, count, t, x, y, on, out) -> 0;

    /** What one decode gave: the events, the report, or the exception. */
    record Result(long[] t, short[] x, short[] y, boolean[] on, ReadReport report, String error, long errorOffset) {
        void assertEquals(Result o, String what) {
            assertThat(error).as("error of " + what).isEqualTo(o.error);
            assertThat(errorOffset).as("error offset of " + what).isEqualTo(o.errorOffset);
            if (error != null) {
                return;
            }
            assertThat(report).as("report of " + what).isEqualTo(o.report);
            // the first differing event, -1 if none (AssertJ's containsExactly is slow on 4,000-element arrays)
            assertThat(t.length).as("events of " + what).isEqualTo(o.t.length);
            assertThat(Arrays.mismatch(t, o.t)).as("first different t of " + what).isEqualTo(-1);
            assertThat(Arrays.mismatch(x, o.x)).as("first different x of " + what).isEqualTo(-1);
            assertThat(Arrays.mismatch(y, o.y)).as("first different y of " + what).isEqualTo(-1);
            assertThat(Arrays.mismatch(on, o.on)).as("first different polarity of " + what).isEqualTo(-1);
        }
    }

    /**
     * Decodes {@code b[off, off + len)} with one decoder, in pieces of {@code piece} records (0 = whole), into
     * arrays with slack after the events, as {@link NmnistBin#readInto} and the streaming reader do.
     */
    static Result decode(NmnistBin.GroupKernel kernel, byte[] b, int off, int len, ReadMode mode, int w, int h,
            int piece) {
        NmnistBin.Decoder d = new NmnistBin.Decoder(w, h, new ReadReport.Counter(mode), kernel);
        int n = len / 5;
        long[] t = new long[n + 9];
        short[] x = new short[n + 9];
        short[] y = new short[n + 9];
        boolean[] on = new boolean[n + 9];
        int count = 0;
        try {
            int step = piece == 0 ? Math.max(n, 1) : piece;
            for (int k = 0; k < n; k += step) {
                int m = Math.min(step, n - k);
                count += d.decode(b, off + 5 * k, m, 5L * k, t, x, y, on, count);
            }
            d.tail(len - 5 * n, 5L * n);
        } catch (AerFormatException e) {
            return new Result(null, null, null, null, null, e.getMessage(), e.offset());
        }
        d.c.events = count;
        return new Result(Arrays.copyOf(t, count), Arrays.copyOf(x, count), Arrays.copyOf(y, count),
                Arrays.copyOf(on, count), d.c.snapshot(), null, -1);
    }

    static void assertSameAsScalar(byte[] b, int off, int len, int w, int h, String what) {
        for (ReadMode mode : ReadMode.values()) {
            for (int piece : new int[] {0, 3, 8, 13, 40}) {
                Result records = decode(RECORD_LOOP, b, off, len, mode, w, h, piece);
                Result scalar = decode(null, b, off, len, mode, w, h, piece);
                Result vector = decode(VECTOR, b, off, len, mode, w, h, piece);
                scalar.assertEquals(records, "scalar groups, " + what + ", " + mode + ", pieces of " + piece);
                vector.assertEquals(records, "vector groups, " + what + ", " + mode + ", pieces of " + piece);
            }
        }
    }

    static void assertSameAsScalar(byte[] b, String what) {
        assertSameAsScalar(b, 0, b.length, 34, 34, what);
    }

    /** A valid file of n records: rising times with runs of ties, both polarities, x and y over the whole sensor. */
    static byte[] valid(int n, SplittableRandom r, long start) {
        byte[] b = new byte[5 * n];
        long t = start;
        for (int k = 0; k < n; k++) {
            int step = r.nextInt(4);
            t += step == 0 ? 0 : step == 1 ? 1 : r.nextInt(300);
            t = Math.min(t, NmnistBin.MAX_TIMESTAMP);
            NmnistFastLoopEdgesTest.put(b, k, r.nextInt(34), r.nextInt(34), r.nextBoolean(), t);
        }
        return b;
    }

    private static long time(byte[] b, int k) {
        int i = 5 * k;
        return ((b[i + 2] & 0x7F) << 16) | ((b[i + 3] & 0xFF) << 8) | (b[i + 4] & 0xFF);
    }

    @Test
    void filesOfEveryLengthUpToTwelveGroups() {
        SplittableRandom r = new SplittableRandom(11);
        for (int len = 0; len <= 12 * 40 + 39; len++) {
            byte[] v = valid(len / 5 + 1, r, r.nextInt(1000));
            byte[] b = Arrays.copyOf(v, len); // a partial last record when len % 5 != 0
            assertSameAsScalar(b, "length " + len);
            assertThat(decode(VECTOR, b, 0, len, ReadMode.LENIENT, 34, 34, 0).report().events()).isEqualTo(len / 5);
        }
    }

    @Test
    void aFaultOrMarkerAtEveryPositionOfAGroup() {
        SplittableRandom r = new SplittableRandom(12);
        int n = 4 * 8 + 5;
        for (int kind = 0; kind < 12; kind++) {
            for (int k = 0; k < n; k++) {
                byte[] b = valid(n, r, 5000);
                long prev = k == 0 ? 0 : time(b, k - 1);
                switch (kind) {
                    case 0 -> b[5 * k] = 34; // x just outside
                    case 1 -> b[5 * k + 1] = 34; // y just outside
                    case 2 -> b[5 * k + 1] = (byte) 240; // overflow marker
                    case 3 -> b[5 * k + 1] = (byte) 239; // the row before the marker
                    case 4 -> b[5 * k] = (byte) 255; // x far outside (negative as a byte)
                    case 5 -> b[5 * k + 1] = (byte) 255;
                    case 6 -> NmnistFastLoopEdgesTest.put(b, k, 3, 4, true, Math.max(0, prev - 1)); // one us back
                    case 7 -> NmnistFastLoopEdgesTest.put(b, k, 3, 4, false, prev); // a tie
                    case 8 -> NmnistFastLoopEdgesTest.put(b, k, 33, 33, true, NmnistBin.MAX_TIMESTAMP); // then all back
                    case 9 -> NmnistFastLoopEdgesTest.put(b, k, 0, 0, true, 0); // far back
                    case 10 -> { // two markers in a row
                        b[5 * k + 1] = (byte) 240;
                        b[5 * ((k + 1) % n) + 1] = (byte) 240;
                    }
                    default -> { // a marker and, after it, an event before the marker's time
                        b[5 * k + 1] = (byte) 240;
                        if (k + 1 < n) {
                            NmnistFastLoopEdgesTest.put(b, k + 1, 1, 2, true, Math.max(0, prev - 8000));
                        }
                    }
                }
                assertSameAsScalar(b, "kind " + kind + " at record " + k);
            }
        }
    }

    @Test
    void randomMutationsSensorsAndOffsets() {
        SplittableRandom r = new SplittableRandom(13);
        int[][] sensors = {{34, 34}, {1, 1}, {33, 240}, {34, 241}, {300, 300}, {256, 239}, {255, 256}, {32767, 2}};
        for (int trial = 0; trial < 600; trial++) {
            int n = r.nextInt(8 * 12);
            long start = r.nextInt(4) == 0 ? NmnistBin.MAX_TIMESTAMP - r.nextInt(2000) : r.nextInt(100);
            byte[] v = valid(n, r, start);
            int[] s = sensors[r.nextInt(sensors.length)];
            if (s[0] != 34 || s[1] != 34) { // spread x and y over the sensor and past it
                for (int k = 0; k < n; k++) {
                    v[5 * k] = (byte) r.nextInt(Math.min(256, s[0] + 2));
                    v[5 * k + 1] = (byte) r.nextInt(Math.min(256, s[1] + 2));
                }
            }
            int m = v.length == 0 ? 0 : r.nextInt(5);
            for (int j = 0; j < m; j++) {
                int at = r.nextInt(v.length);
                v[at] = r.nextBoolean() ? (byte) r.nextInt(256) : (byte) (v[at] ^ (1 << r.nextInt(8)));
            }
            if (n > 0 && r.nextInt(3) == 0) {
                v[5 * r.nextInt(n) + 1] = (byte) 240;
            }
            int off = r.nextInt(8);
            int len = v.length + (r.nextInt(4) == 0 ? r.nextInt(5) : 0);
            byte[] b = new byte[off + len + r.nextInt(4)]; // bytes after the file must not be decoded
            Arrays.fill(b, (byte) 0xF0);
            System.arraycopy(v, 0, b, off, v.length);
            assertSameAsScalar(b, off, len, s[0], s[1], "trial " + trial);
        }
    }

    @Test
    void theShippedSampleAndTheRealRecordings() throws IOException {
        byte[] sample = Files.readAllBytes(TestData.nmnistSmall().getParent().resolve("events").resolve("sample_nmnist.bin"));
        assertSameAsScalar(sample, "sample_nmnist.bin");
        Result whole = decode(VECTOR, sample, 0, sample.length, ReadMode.STRICT, 34, 34, 0);
        assertThat(whole.report().events()).isEqualTo(4325);
        int files = 0;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(TestData.nmnistSmall().resolve("files"), "*.bs2")) {
            for (Path p : dir) {
                files++;
                byte[] b = Files.readAllBytes(p);
                for (ReadMode mode : ReadMode.values()) {
                    Result records = decode(RECORD_LOOP, b, 0, b.length, mode, 34, 34, 0);
                    decode(VECTOR, b, 0, b.length, mode, 34, 34, 0).assertEquals(records, p.getFileName().toString());
                    decode(null, b, 0, b.length, mode, 34, 34, 0).assertEquals(records, p.getFileName().toString());
                }
            }
        }
        assertThat(files).isEqualTo(1100);
    }

    @Test
    void theDecoderUsesTheKernelTheLibraryChose() {
        NmnistBin.Decoder d = new NmnistBin.Decoder(34, 34, new ReadReport.Counter(ReadMode.STRICT));
        assertThat(d.kernel).isSameAs(NmnistBin.KERNEL);
        boolean vector = org.snn4j.internal.kernel.VectorApi.chosen();
        assertThat(NmnistBin.KERNEL == null).isEqualTo(!vector);
    }
}
