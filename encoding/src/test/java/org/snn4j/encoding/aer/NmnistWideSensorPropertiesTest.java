package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The N-MNIST decoder on inputs where a wrongly cut record would still look valid: sensors as wide as a record
 * can address (256 columns, 256 or 300 rows, so only row 240 and backwards times leave the fast path), every
 * record at the same time (0, a middle value or the largest 23-bit time), so a record decoded from the wrong bytes
 * or the wrong group is not caught as a backwards time, and x, y drawn from the whole byte range. Each file is
 * compared with the record-by-record reference of {@link NmnistFastLoopEdgesTest} through {@code read} (both
 * modes), {@code readInto} (inside a larger array, appended to a builder that already holds the previous file's
 * events) and the streaming reader in chunks of random size.
 */
class NmnistWideSensorPropertiesTest {

    /** Sensors: the N-MNIST default, one as wide and tall as a record can address, one taller than row 240. */
    private static final int[][] SENSORS = {{34, 34}, {256, 256}, {256, 300}, {200, 241}};

    /** n records; times follow {@code timeKind}: 0 all equal to 0, 1 all equal to MAX_TIMESTAMP, 2 equal runs. */
    static byte[] file(SplittableRandom r, int n, int w, int h, int timeKind, int faults) {
        byte[] b = new byte[5 * n];
        long t = switch (timeKind) {
            case 0 -> 0;
            case 1 -> NmnistBin.MAX_TIMESTAMP;
            default -> r.nextInt(NmnistBin.MAX_TIMESTAMP / 2);
        };
        for (int k = 0; k < n; k++) {
            if (timeKind == 2 && r.nextInt(6) == 0) {
                t += 1 + r.nextInt(1 << 20);
                t = Math.min(t, NmnistBin.MAX_TIMESTAMP);
            }
            int x = r.nextInt(Math.min(w, 256));
            int y = r.nextInt(Math.min(h, 256));
            if (y == NmnistBin.OVERFLOW_Y) {
                y = 239;
            }
            NmnistFastLoopEdgesTest.put(b, k, x, y, r.nextBoolean(), t);
        }
        for (int j = 0; j < faults && n > 0; j++) {
            int k = r.nextInt(n);
            switch (r.nextInt(5)) {
                case 0 -> b[5 * k] = (byte) Math.min(255, w + r.nextInt(2)); // x == w (or 255 on a full-width sensor)
                case 1 -> b[5 * k + 1] = (byte) Math.min(255, Math.min(h, 256) + r.nextInt(2) - (h > 256 ? 1 : 0));
                case 2 -> b[5 * k + 1] = (byte) NmnistBin.OVERFLOW_Y;
                case 3 -> b[5 * k + 4] ^= 1; // one microsecond earlier or later
                default -> b[5 * k + 2] ^= 0x40; // a big jump back or forward
            }
        }
        return b;
    }

    @Property(tries = 300, seed = "20261201")
    void everyReadPathMatchesTheReferenceOnWideSensorsAndEqualTimes(@ForAll("seeds") long seed,
            @ForAll @IntRange(min = 0, max = 3) int sensor, @ForAll @IntRange(min = 0, max = 2) int timeKind,
            @ForAll @IntRange(min = 0, max = 90) int n, @ForAll @IntRange(min = 0, max = 3) int faults) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        int w = SENSORS[sensor][0];
        int h = SENSORS[sensor][1];
        byte[] b = file(r, n, w, h, timeKind, faults);
        compare(b, w, h, r);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seeds() {
        return net.jqwik.api.Arbitraries.longs();
    }

    /** Sixteen records with one time and distinct pixels: the second group must not repeat the first. */
    @Test
    void aSecondGroupOfEightWithTheSameTimeKeepsItsOwnPixels() throws IOException {
        for (long t : new long[] {0, 77, NmnistBin.MAX_TIMESTAMP}) {
            byte[] b = new byte[5 * 24];
            for (int k = 0; k < 24; k++) {
                NmnistFastLoopEdgesTest.put(b, k, k, 33 - k % 34, k % 3 == 0, t);
            }
            Events e = NmnistBin.read(b, ReadOptions.strict()).events();
            assertThat(e.size()).isEqualTo(24);
            for (int k = 0; k < 24; k++) {
                assertThat(new long[] {e.t(k), e.x(k), e.y(k), e.isOn(k) ? 1 : 0}).as("record %d", k)
                        .containsExactly(t, k, 33 - k % 34, k % 3 == 0 ? 1 : 0);
            }
            assertThat(NmnistBin.read(b, ReadOptions.strict()).report().equalTimes()).isEqualTo(23);
        }
    }

    /**
     * Every record position of two 8-record groups and of the record loop after them, on a 256x256 sensor with one
     * time: a record with x = 255 and y = 255 (inside), then y = 240 (a marker), decoded exactly.
     */
    @Test
    void extremePixelsAndAMarkerAtEveryPositionOfAGroup() throws IOException {
        for (int at = 0; at < 21; at++) {
            byte[] b = new byte[5 * 21];
            for (int k = 0; k < 21; k++) {
                NmnistFastLoopEdgesTest.put(b, k, (k * 37) & 0xFF, (k * 11) % 240, (k & 1) == 0, 1000);
            }
            NmnistFastLoopEdgesTest.put(b, at, 255, 255, true, 1000);
            compare(b, 256, 256, new SplittableRandom(at));
            b[5 * at + 1] = (byte) NmnistBin.OVERFLOW_Y;
            compare(b, 256, 256, new SplittableRandom(at));
            AerRecording rec = NmnistBin.read(b, ReadOptions.strict().withSensor(256, 256));
            assertThat(rec.events().size()).isEqualTo(20);
            assertThat(rec.report().overflowMarkers()).isEqualTo(1);
            // records after the marker are 8192 us later, those before are not
            assertThat(rec.events().t(0)).isEqualTo(at == 0 ? 1000 + NmnistBin.OVERFLOW_US : 1000);
            assertThat(rec.events().t(19)).isEqualTo(at == 20 ? 1000 : 1000 + NmnistBin.OVERFLOW_US);
        }
    }

    /** A builder whose width matches but whose height does not (and the converse) is refused, naming both. */
    @Test
    void readIntoRefusesABuilderThatDiffersInOneDimension() {
        byte[] data = new byte[10];
        assertThatThrownBy(() -> NmnistBin.readInto(data, 0, 10, ReadOptions.strict(), Events.builder(34, 35)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("into is a builder for a 34x35 sensor, but the options name a 34x34 sensor");
        assertThatThrownBy(() -> NmnistBin.readInto(data, 0, 10, ReadOptions.strict().withSensor(256, 300),
                Events.builder(256, 256))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("into is a builder for a 256x256 sensor, but the options name a 256x300 sensor");
        assertThatThrownBy(() -> NmnistBin.readInto(data, 0, 10, ReadOptions.strict().withSensor(256, 300),
                Events.builder(255, 300))).isInstanceOf(IllegalArgumentException.class);
    }

    /** read (both modes), readInto after another file's events, and streaming, against the reference. */
    static void compare(byte[] b, int w, int h, SplittableRandom r) throws IOException {
        NmnistFastLoopEdgesTest.Ref ref = NmnistFastLoopEdgesTest.Ref.of(b, w, h);
        ReadOptions lenient = ReadOptions.lenient().withSensor(w, h);
        AerRecording rec = NmnistBin.read(b, lenient);
        Events e = rec.events();
        assertThat(e.size()).isEqualTo(ref.events().size());
        for (int k = 0; k < e.size(); k++) {
            assertThat(new long[] {e.t(k), e.x(k), e.y(k), e.isOn(k) ? 1 : 0}).as("event %d", k)
                    .containsExactly(ref.events().get(k));
        }
        ReadReport rep = rec.report();
        assertThat(new long[] {rep.events(), rep.outOfRange(), rep.backwardsTime(), rep.overflowMarkers(), rep.equalTimes()})
                .containsExactly(ref.events().size(), ref.outOfRange(), ref.backwards(), ref.markers(), ref.ties());
        if (ref.firstFaultOffset() >= 0) {
            assertThatThrownBy(() -> NmnistBin.read(b, ReadOptions.strict().withSensor(w, h)))
                    .isInstanceOfSatisfying(AerFormatException.class,
                            x -> assertThat(x.offset()).isEqualTo(ref.firstFaultOffset()));
        } else {
            assertThat(NmnistBin.read(b, ReadOptions.strict().withSensor(w, h)).events()).isEqualTo(e);
        }
        // readInto: inside a larger array with random bytes around it, after the events of another file
        int pad = r.nextInt(9);
        byte[] data = new byte[pad + b.length + r.nextInt(9)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) r.nextInt(256);
        }
        System.arraycopy(b, 0, data, pad, b.length);
        Events.Builder into = Events.builder(w, h, 1);
        into.add(5, 1, 1, true).add(9_000_000, 0, 0, false);
        ReadReport rep2 = NmnistBin.readInto(data, pad, b.length, lenient, into);
        assertThat(rep2).isEqualTo(rep);
        Events all = into.build();
        assertThat(all.slice(0, 2)).isEqualTo(Events.of(w, h, new long[] {5, 9_000_000}, new int[] {1, 0},
                new int[] {1, 0}, new boolean[] {true, false}));
        assertThat(all.slice(2, all.size())).isEqualTo(e);
        // streaming in chunks of random size: time, tie and marker state carried from chunk to chunk
        int chunk = 1 + r.nextInt(20);
        try (EventReader rd = NmnistBin.open(new ByteArrayInputStream(b), lenient.withChunkEvents(chunk))) {
            assertThat(rd.readAll().events()).as("chunk %d", chunk).isEqualTo(e);
            assertThat(rd.report()).as("chunk %d", chunk).isEqualTo(rep);
        }
    }
}
