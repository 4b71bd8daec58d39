package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The N-MNIST decoder's fast loop (one 8-byte read per 5-byte record, left at the first record that needs a
 * check, resumed after it) against a plain record-by-record reference written from the format description:
 * a fault, marker, tie or backwards time as the first, second and last records, in runs of good records of
 * several lengths, in the last record (which the 8-byte read cannot reach, so the careful loop decodes it),
 * files of every length from 0 to 2 {@code B} + 3, trailing bytes, and lenient, strict and streaming reads
 * (chunks that end anywhere, so the last-record path runs at every chunk end).
 */
class NmnistFastLoopEdgesTest {
    static final int B = 128;

    /** The reference: every record on its own, as the class javadoc states the format. */
    record Ref(List<long[]> events, long outOfRange, long backwards, long markers, long ties, long firstFaultOffset) {
        static Ref of(byte[] b, int w, int h) {
            List<long[]> ev = new ArrayList<>();
            long out = 0, back = 0, markers = 0, ties = 0, first = -1;
            long last = Long.MIN_VALUE;
            long add = 0;
            for (int i = 0; i + 5 <= b.length; i += 5) {
                int x = b[i] & 0xFF;
                int y = b[i + 1] & 0xFF;
                boolean on = (b[i + 2] & 0x80) != 0;
                long t = (((b[i + 2] & 0x7F) << 16) | ((b[i + 3] & 0xFF) << 8) | (b[i + 4] & 0xFF)) + add;
                if (y == 240) {
                    markers++;
                    add += 8192;
                    continue;
                }
                if (x >= w || y >= h) {
                    out++;
                    first = first < 0 ? i : first;
                    continue;
                }
                if (t < last) {
                    back++;
                    first = first < 0 ? i : first;
                }
                ties += t == last ? 1 : 0;
                ev.add(new long[] {t, x, y, on ? 1 : 0});
                last = t;
            }
            if (b.length % 5 != 0 && first < 0) {
                first = b.length - b.length % 5;
            }
            return new Ref(ev, out, back, markers, ties, first);
        }
    }

    /** A valid file of n records with increasing times, ties now and then, both polarities. */
    static byte[] valid(int n, SplittableRandom r) {
        byte[] b = new byte[5 * n];
        long t = r.nextInt(1000);
        for (int k = 0; k < n; k++) {
            t += r.nextInt(4) == 0 ? 0 : r.nextInt(50);
            put(b, k, r.nextInt(34), r.nextInt(34), r.nextBoolean(), t);
        }
        return b;
    }

    static void put(byte[] b, int k, int x, int y, boolean on, long t) {
        int i = 5 * k;
        b[i] = (byte) x;
        b[i + 1] = (byte) y;
        b[i + 2] = (byte) ((on ? 0x80 : 0) | (int) (t >>> 16) & 0x7F);
        b[i + 3] = (byte) (t >>> 8);
        b[i + 4] = (byte) t;
    }

    static void assertSame(byte[] b, Ref ref) throws IOException {
        AerRecording rec = NmnistBin.read(b, ReadOptions.lenient());
        Events e = rec.events();
        assertThat(e.size()).isEqualTo(ref.events().size());
        for (int k = 0; k < e.size(); k++) {
            long[] v = ref.events().get(k);
            assertThat(new long[] {e.t(k), e.x(k), e.y(k), e.isOn(k) ? 1 : 0}).as("event %d", k).containsExactly(v);
        }
        ReadReport rep = rec.report();
        assertThat(rep.outOfRange()).isEqualTo(ref.outOfRange());
        assertThat(rep.backwardsTime()).isEqualTo(ref.backwards());
        assertThat(rep.overflowMarkers()).isEqualTo(ref.markers());
        assertThat(rep.equalTimes()).as("ties").isEqualTo(ref.ties());
        // streaming in chunks that do not line up with the blocks gives the same events and report
        for (int chunk : new int[] {2, 7, B + 3}) {
            try (EventReader rd = NmnistBin.open(new ByteArrayInputStream(b), ReadOptions.lenient().withChunkEvents(chunk))) {
                assertThat(rd.readAll().events()).as("chunk %d", chunk).isEqualTo(e);
                assertThat(rd.report()).as("chunk %d", chunk).isEqualTo(rep);
            }
        }
        if (ref.firstFaultOffset() >= 0) {
            assertThatThrownBy(() -> NmnistBin.read(b, ReadOptions.strict())).isInstanceOf(AerFormatException.class)
                    .extracting(x -> ((AerFormatException) x).offset()).isEqualTo(ref.firstFaultOffset());
        } else {
            assertThat(NmnistBin.read(b, ReadOptions.strict()).events()).isEqualTo(e);
        }
    }

    @Test
    void validFilesOfEveryLengthAroundTheBlocks() throws IOException {
        SplittableRandom r = new SplittableRandom(1);
        for (int n = 0; n <= 2 * B + 3; n++) {
            if (n > 5 && n < B - 3 && n % 17 != 0) {
                continue;
            }
            byte[] b = valid(n, r);
            assertSame(b, Ref.of(b, 34, 34));
        }
    }

    @Test
    void aFaultAtEveryEdgeOfABlock() throws IOException {
        SplittableRandom r = new SplittableRandom(2);
        int n = 3 * B + 2; // two whole blocks, then records the 8-byte read cannot reach
        int[] where = {0, 1, B / 2, B - 1, B, B + 1, 2 * B - 1, 2 * B, 3 * B - 1, 3 * B, 3 * B + 1};
        for (int kind = 0; kind < 6; kind++) {
            for (int k : where) {
                byte[] b = valid(n, r);
                long t = ((b[5 * k + 2] & 0x7F) << 16) | ((b[5 * k + 3] & 0xFF) << 8) | (b[5 * k + 4] & 0xFF);
                switch (kind) {
                    case 0 -> b[5 * k] = 34; // x just outside
                    case 1 -> b[5 * k + 1] = 34; // y just outside
                    case 2 -> b[5 * k + 1] = (byte) 240; // overflow marker: later times + 8192
                    case 3 -> put(b, k, 3, 4, true, Math.max(0, t - 1000)); // backwards (kept in lenient mode)
                    case 4 -> b[5 * k] = (byte) 255; // x far outside
                    default -> put(b, k, 3, 4, false, k == 0 ? 0 : prevTime(b, k)); // a tie
                }
                assertSame(b, Ref.of(b, 34, 34));
            }
        }
    }

    @Test
    void trailingBytesAndSensorsTallerThan240() throws IOException {
        SplittableRandom r = new SplittableRandom(3);
        for (int extra = 1; extra < 5; extra++) {
            byte[] v = valid(B + 1, r);
            byte[] b = java.util.Arrays.copyOf(v, v.length + extra);
            assertSame(b, Ref.of(b, 34, 34));
        }
        // a 300x300 sensor: rows above 240 are events, 240 is still a marker
        byte[] b = valid(2 * B, r);
        b[5 * 10 + 1] = (byte) 250;
        b[5 * (B + 5) + 1] = (byte) 240;
        AerRecording rec = NmnistBin.read(b, ReadOptions.lenient().withSensor(300, 300));
        Ref ref = Ref.of(b, 300, 300);
        assertThat(rec.events().size()).isEqualTo(ref.events().size());
        assertThat(rec.events().y(10)).isEqualTo(250);
        assertThat(rec.report().overflowMarkers()).isEqualTo(1);
        assertThat(rec.events().t(rec.events().size() - 1)).isEqualTo(ref.events().get(ref.events().size() - 1)[0]);
    }

    @Test
    void randomFaultsAgainstTheReference() throws IOException {
        SplittableRandom r = new SplittableRandom(4);
        for (int trial = 0; trial < 100; trial++) {
            byte[] b = valid(r.nextInt(4 * B), r);
            int m = b.length == 0 ? 0 : r.nextInt(4);
            for (int j = 0; j < m; j++) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            assertSame(b, Ref.of(b, 34, 34));
        }
    }

    private static long prevTime(byte[] b, int k) {
        int i = 5 * (k - 1);
        return ((b[i + 2] & 0x7F) << 16) | ((b[i + 3] & 0xFF) << 8) | (b[i + 4] & 0xFF);
    }
}
