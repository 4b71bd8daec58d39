package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The scalar group loop ({@code NmnistBin.Decoder.groups}, the JDK 17 path) called directly: how many records it
 * takes (every record up to, never including, the first that needs a check, at any position of an 8-record step,
 * and never a record after it), what it leaves in the decoder (the last time, the tie count, over exactly the
 * records it took), the overflow offset (times written with it, compared relative to it, the previous time far
 * below or far above the records'), both polarities at every time, and that it reads nothing outside the groups
 * it was given. {@link NmnistVectorGroupsTest} checks whole decodes against the record loop.
 */
class NmnistScalarGroupsTest {
    private static final int W = 34;

    /** The records' fields as the format defines them, from the bytes. */
    private static long time(byte[] b, int k) {
        int i = 5 * k;
        return ((b[i + 2] & 0x7F) << 16) | ((b[i + 3] & 0xFF) << 8) | (b[i + 4] & 0xFF);
    }

    private record Taken(int n, long[] t, short[] x, short[] y, boolean[] on, long lastT, long ties) {
    }

    private static Taken groups(byte[] b, int off, int count, long lastT, long overflow, int w, int h) {
        NmnistBin.Decoder d = new NmnistBin.Decoder(w, h, new ReadReport.Counter(ReadMode.LENIENT), null);
        d.lastT = lastT;
        d.overflow = overflow;
        int out = 3; // output arrays written from index 3
        int cap = out + 8 * count;
        long[] t = new long[cap];
        short[] x = new short[cap];
        short[] y = new short[cap];
        boolean[] on = new boolean[cap];
        int n = d.groups(b, off, count, t, x, y, on, out);
        return new Taken(n, Arrays.copyOfRange(t, out, out + n), Arrays.copyOfRange(x, out, out + n),
                Arrays.copyOfRange(y, out, out + n), Arrays.copyOfRange(on, out, out + n), d.lastT, d.c.equalTimes);
    }

    /** Asserts that the first n records of b (from off) were taken as the format says, with offset add. */
    private static void assertTaken(Taken got, byte[] b, int off, int n, long lastT, long add, long ties, String what) {
        assertThat(got.n()).as("records taken, " + what).isEqualTo(n);
        for (int k = 0; k < n; k++) {
            int i = off + 5 * k;
            assertThat(got.x()[k]).as("x of " + k + ", " + what).isEqualTo((short) (b[i] & 0xFF));
            assertThat(got.y()[k]).as("y of " + k + ", " + what).isEqualTo((short) (b[i + 1] & 0xFF));
            assertThat(got.on()[k]).as("polarity of " + k + ", " + what).isEqualTo(b[i + 2] < 0);
            assertThat(got.t()[k]).as("t of " + k + ", " + what).isEqualTo(time(Arrays.copyOfRange(b, off, b.length), k) + add);
        }
        assertThat(got.lastT()).as("last time, " + what).isEqualTo(n == 0 ? lastT : got.t()[n - 1]);
        assertThat(got.ties()).as("ties, " + what).isEqualTo(ties);
    }

    private static long ties(byte[] b, int n, long first) {
        long ties = 0;
        long prev = first;
        for (int k = 0; k < n; k++) {
            ties += time(b, k) == prev ? 1 : 0;
            prev = time(b, k);
        }
        return ties;
    }

    @Test
    void takesWholeGroupsOfValidRecords() {
        SplittableRandom r = new SplittableRandom(31);
        for (int count = 0; count <= 6; count++) {
            byte[] b = NmnistVectorGroupsTest.valid(8 * count, r, 100);
            Taken got = groups(b, 0, count, Long.MIN_VALUE, 0, W, W);
            assertTaken(got, b, 0, 8 * count, Long.MIN_VALUE, 0, ties(b, 8 * count, -1), count + " groups");
        }
    }

    @Test
    void stopsAtTheFirstRecordThatNeedsACheckAtEveryPosition() {
        SplittableRandom r = new SplittableRandom(32);
        for (int kind = 0; kind < 6; kind++) {
            for (int k = 0; k < 24; k++) {
                byte[] b = NmnistVectorGroupsTest.valid(24, r, 5000);
                long prev = k == 0 ? 4000 : time(b, k - 1);
                switch (kind) {
                    case 0 -> b[5 * k] = (byte) W; // x just outside
                    case 1 -> b[5 * k + 1] = (byte) W; // y just outside
                    case 2 -> b[5 * k + 1] = (byte) NmnistBin.OVERFLOW_Y; // a marker
                    case 3 -> b[5 * k] = (byte) 0xFF; // x far outside
                    case 4 -> NmnistFastLoopEdgesTest.put(b, k, 1, 2, true, prev - 1); // one us back
                    default -> NmnistFastLoopEdgesTest.put(b, k, 1, 2, false, 0); // far back
                }
                // a record after it that needs a check too must not matter
                if (k + 1 < 24) {
                    b[5 * (k + 1)] = (byte) 200;
                }
                Taken got = groups(b, 0, 3, 4000, 0, W, W);
                assertTaken(got, b, 0, k, 4000, 0, ties(b, k, 4000), "kind " + kind + " at " + k);
            }
        }
    }

    @Test
    void aTieIsTakenAndCountedAtEveryPosition() {
        SplittableRandom r = new SplittableRandom(33);
        for (int k = 0; k < 16; k++) {
            byte[] b = NmnistVectorGroupsTest.valid(16, r, 7000);
            long prev = k == 0 ? 6000 : time(b, k - 1);
            NmnistFastLoopEdgesTest.put(b, k, 33, 33, k % 2 == 0, prev);
            Taken got = groups(b, 0, 2, 6000, 0, W, W);
            long ties = ties(b, 16, 6000);
            assertThat(ties).isGreaterThanOrEqualTo(1);
            assertTaken(got, b, 0, 16, 6000, 0, ties, "tie at " + k);
        }
    }

    @Test
    void timesCarryTheOverflowOffsetAndAreComparedWithIt() {
        SplittableRandom r = new SplittableRandom(34);
        long add = 5 * NmnistBin.OVERFLOW_US;
        byte[] b = NmnistVectorGroupsTest.valid(16, r, 100);
        // the previous event's time is the first record's plus the offset: a tie, taken
        long first = time(b, 0) + add;
        assertTaken(groups(b, 0, 2, first, add, W, W), b, 0, 16, first, add, ties(b, 16, time(b, 0)), "tie with offset");
        // one us later: the first record is backwards
        assertTaken(groups(b, 0, 2, first + 1, add, W, W), b, 0, 0, first + 1, add, 0, "backwards with offset");
        // the previous time below the offset: any record is later (the relative previous time is -1)
        assertTaken(groups(b, 0, 2, add - 1, add, W, W), b, 0, 16, add - 1, add, ties(b, 16, -1), "below offset");
        // far above every record's time: nothing taken (the relative previous time is clamped at 2^23)
        long far = add + NmnistBin.MAX_TIMESTAMP + 10_000_000L;
        assertTaken(groups(b, 0, 2, far, add, W, W), b, 0, 0, far, add, 0, "far above");
        // a record at the largest time with the largest offset a long of markers gives
        byte[] top = new byte[40];
        for (int k = 0; k < 8; k++) {
            NmnistFastLoopEdgesTest.put(top, k, k, k, k % 3 == 0, NmnistBin.MAX_TIMESTAMP);
        }
        long big = 1_000_000 * NmnistBin.OVERFLOW_US;
        assertTaken(groups(top, 0, 1, Long.MIN_VALUE, big, W, W), top, 0, 8, Long.MIN_VALUE, big, 7, "2^23 - 1 plus a large offset");
    }

    @Test
    void bothPolaritiesWithEveryHighTimeBitAndSensorBounds() {
        byte[] b = new byte[5 * 8 * 32];
        int n = 0;
        for (int hi = 0; hi < 128; hi++) { // t[22:16] = hi, both polarities
            for (int pol = 0; pol < 2; pol++) {
                NmnistFastLoopEdgesTest.put(b, n++, hi % 240, (hi * 7) % 239, pol == 1, ((long) hi << 16) | 0xFFFF);
            }
        }
        Taken got = groups(b, 0, 32, Long.MIN_VALUE, 0, 240, 239 + 1);
        assertTaken(got, b, 0, 256, Long.MIN_VALUE, 0, ties(b, 256, -1), "polarities");
        // the fast bounds: x below the width, y below min(height, 240); x = 255 on a 256-wide sensor is taken
        byte[] e = new byte[40];
        for (int k = 0; k < 8; k++) {
            NmnistFastLoopEdgesTest.put(e, k, 255, 239, true, 10 + k);
        }
        assertTaken(groups(e, 0, 1, Long.MIN_VALUE, 0, 256, 256), e, 0, 8, Long.MIN_VALUE, 0, 0, "x 255, y 239");
        assertTaken(groups(e, 0, 1, Long.MIN_VALUE, 0, 255, 256), e, 0, 0, Long.MIN_VALUE, 0, 0, "x 255 on 255 wide");
        assertTaken(groups(e, 0, 1, Long.MIN_VALUE, 0, 256, 239), e, 0, 0, Long.MIN_VALUE, 0, 0, "y 239 on 239 high");
    }

    @Test
    void readsOnlyTheGroupsItWasGiven() {
        SplittableRandom r = new SplittableRandom(35);
        byte[] v = NmnistVectorGroupsTest.valid(16, r, 100);
        // the groups sit at offset 7 of an array that ends right after them; the bytes before are invalid
        byte[] b = new byte[7 + v.length];
        Arrays.fill(b, 0, 7, (byte) 0xFF);
        System.arraycopy(v, 0, b, 7, v.length);
        Taken got = groups(b, 7, 2, Long.MIN_VALUE, 0, W, W);
        assertTaken(got, b, 7, 16, Long.MIN_VALUE, 0, ties(v, 16, -1), "at offset 7");
    }
}
