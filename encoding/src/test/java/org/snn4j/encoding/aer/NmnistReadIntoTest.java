package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link NmnistBin#readInto} (a file inside a larger array, appended to a reused {@link Events.Builder}) against
 * {@link NmnistBin#read(byte[], ReadOptions)} on a copy of the same bytes and against the record-by-record
 * reference of {@link NmnistFastLoopEdgesTest}: random files of every length (not multiples of 8 records,
 * trailing partial records), faults, markers, ties and backwards times, in both modes; every strict-mode fault
 * with its field and its offset counted from the file's start; the builder untouched by a fault; no allocation
 * per event when the builder is reused.
 */
class NmnistReadIntoTest {

    /** A file of n records: mostly valid, with ties, and with m random byte changes (faults, markers, jumps). */
    static byte[] file(SplittableRandom r, int n, int m, int extra) {
        byte[] v = NmnistFastLoopEdgesTest.valid(n, r);
        byte[] b = Arrays.copyOf(v, v.length + extra);
        for (int j = v.length; j < b.length; j++) {
            b[j] = (byte) r.nextInt(256); // a partial record at the end
        }
        for (int j = 0; j < m && b.length > 0; j++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(4)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b[at - at % 5] = (byte) (34 + r.nextInt(3)); // x just outside (or a partial tail byte)
                case 2 -> { // an overflow marker
                    if (at - at % 5 + 1 < b.length) {
                        b[at - at % 5 + 1] = (byte) NmnistBin.OVERFLOW_Y;
                    }
                }
                default -> { // time jumps back
                    if (at - at % 5 + 2 < b.length) {
                        b[at - at % 5 + 2] = 0;
                    }
                }
            }
        }
        return b;
    }

    /** {@code file} placed at {@code pad} in a larger array, with random bytes around it. */
    static byte[] embed(SplittableRandom r, byte[] file, int pad, int after) {
        byte[] d = new byte[pad + file.length + after];
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) r.nextInt(256);
        }
        System.arraycopy(file, 0, d, pad, file.length);
        return d;
    }

    static Events.Builder prefilled(SplittableRandom r, int w, int h, int k) {
        Events.Builder b = Events.builder(w, h, r.nextInt(4));
        for (int i = 0; i < k; i++) {
            b.add(r.nextInt(1000), r.nextInt(w), r.nextInt(h), r.nextBoolean());
        }
        return b;
    }

    @Property(seed = "14", tries = 300)
    void sameAsReadAndTheReference(@ForAll @IntRange(min = 0, max = 100_000) int seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        int n = r.nextInt(4) == 0 ? r.nextInt(20) : r.nextInt(400);
        byte[] f = file(r, n, r.nextInt(3) == 0 ? 0 : r.nextInt(5), r.nextInt(3) == 0 ? r.nextInt(1, 5) : 0);
        boolean tall = r.nextInt(5) == 0;
        int w = tall ? 300 : 34;
        int h = tall ? 300 : 34;
        ReadOptions lenient = tall ? ReadOptions.lenient().withSensor(w, h) : ReadOptions.lenient();
        ReadOptions strict = tall ? ReadOptions.strict().withSensor(w, h) : ReadOptions.strict();
        int pad = r.nextInt(3) == 0 ? 0 : r.nextInt(12);
        byte[] data = embed(r, f, pad, r.nextInt(3) == 0 ? 0 : r.nextInt(9));
        Events.Builder into = prefilled(r, w, h, r.nextInt(6));
        Events before = into.build();

        // lenient: the events read() returns are appended after the builder's own, with the same report
        AerRecording whole = NmnistBin.read(f, lenient);
        ReadReport rep = NmnistBin.readInto(data, pad, f.length, lenient, into);
        assertThat(rep).isEqualTo(whole.report());
        assertThat(into.size()).isEqualTo(before.size() + whole.events().size());
        Events got = into.build();
        assertThat(got.slice(0, before.size())).isEqualTo(before);
        assertThat(got.slice(before.size(), got.size())).isEqualTo(whole.events());
        NmnistFastLoopEdgesTest.Ref ref = NmnistFastLoopEdgesTest.Ref.of(f, w, h);
        assertThat(whole.events().size()).isEqualTo(ref.events().size());
        for (int k = 0; k < ref.events().size(); k++) {
            int i = before.size() + k;
            assertThat(new long[] {into.t(i), into.x(i), into.y(i), into.isOn(i) ? 1 : 0}).as("event %d", k)
                    .containsExactly(ref.events().get(k));
        }
        assertThat(rep.outOfRange()).isEqualTo(ref.outOfRange());
        assertThat(rep.backwardsTime()).isEqualTo(ref.backwards());
        assertThat(rep.overflowMarkers()).isEqualTo(ref.markers());
        assertThat(rep.equalTimes()).isEqualTo(ref.ties());
        assertThat(rep.droppedBytes()).isEqualTo(f.length % 5);

        // strict: the same events, or the same fault at the reference's offset with nothing appended
        into.clear();
        Events again = prefilled(r, w, h, r.nextInt(3)).build();
        into.addAll(again);
        if (ref.firstFaultOffset() < 0) {
            NmnistBin.readInto(data, pad, f.length, strict, into);
            assertThat(into.build().slice(again.size(), into.size())).isEqualTo(whole.events());
        } else {
            AerFormatException e = catchThrowableOfType(() -> NmnistBin.readInto(data, pad, f.length, strict, into),
                    AerFormatException.class);
            assertThat(e).isNotNull();
            assertThat(e.offset()).isEqualTo(ref.firstFaultOffset());
            AerFormatException fromRead = catchThrowableOfType(() -> NmnistBin.read(f, strict), AerFormatException.class);
            assertThat(e.getMessage()).isEqualTo(fromRead.getMessage());
            assertThat(into.build()).isEqualTo(again);
        }
    }

    @Test
    void everyStrictFaultNamesItsFieldAndOffsetFromTheFileStart() {
        SplittableRandom r = new SplittableRandom(5);
        for (int pad : new int[] {0, 3, 17}) {
            for (int at : new int[] {0, 1, 7, 8, 9, 63, 64, 99}) { // record index of the fault, in 100 records
                for (int kind = 0; kind < 4; kind++) {
                    byte[] f = NmnistFastLoopEdgesTest.valid(100, r);
                    String field;
                    String actual;
                    switch (kind) {
                        case 0 -> {
                            f[5 * at] = 40;
                            field = "x";
                            actual = "40";
                        }
                        case 1 -> {
                            f[5 * at + 1] = (byte) 200;
                            field = "y";
                            actual = "200";
                        }
                        case 2 -> {
                            if (at == 0) {
                                continue; // the first record cannot go back in time
                            }
                            NmnistFastLoopEdgesTest.put(f, at, 1, 1, true, 0);
                            f[5 * (at - 1) + 2] |= 0x01; // the previous record at least 65536 us
                            field = "timestamp";
                            actual = "0 us";
                        }
                        default -> {
                            f = Arrays.copyOf(f, 5 * at + 3); // a file cut inside record `at`
                            field = "event";
                            actual = "3 trailing bytes";
                        }
                    }
                    byte[] file = f;
                    byte[] data = embed(r, f, pad, 8);
                    Events.Builder into = Events.builder(34, 34).add(5, 6, 7, true);
                    AerFormatException e = catchThrowableOfType(
                            () -> NmnistBin.readInto(data, pad, file.length, ReadOptions.strict(), into),
                            AerFormatException.class);
                    assertThat(e).as("pad %d, record %d, kind %d", pad, at, kind).isNotNull();
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.actual()).isEqualTo(actual);
                    assertThat(e.offset()).isEqualTo(5L * at);
                    assertThat(into.size()).isEqualTo(1);
                    assertThat(into.t(0)).isEqualTo(5);
                }
            }
        }
    }

    @Test
    void theBytesAfterTheFileAreNotDecoded() throws IOException {
        SplittableRandom r = new SplittableRandom(6);
        for (int n = 0; n < 20; n++) {
            byte[] f = NmnistFastLoopEdgesTest.valid(n, r);
            byte[] data = Arrays.copyOf(f, f.length + 12);
            Arrays.fill(data, f.length, data.length, (byte) 0xFF); // a record that would be out of range
            Events.Builder into = Events.builder(34, 34);
            ReadReport rep = NmnistBin.readInto(data, 0, f.length, ReadOptions.strict(), into);
            assertThat(rep.isClean()).isTrue();
            assertThat(rep.events()).isEqualTo(n);
            assertThat(into.build()).isEqualTo(NmnistBin.read(f, ReadOptions.strict()).events());
        }
    }

    @Test
    void argumentsAreChecked() {
        byte[] data = new byte[10];
        Events.Builder b34 = Events.builder(34, 34);
        assertThatThrownBy(() -> NmnistBin.readInto(data, 0, 10, ReadOptions.strict(), Events.builder(35, 34)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("into is a builder for a 35x34 sensor, but the options name a 34x34 sensor");
        assertThatThrownBy(() -> NmnistBin.readInto(data, 0, 10, ReadOptions.strict().withSensor(128, 128), b34))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("into is a builder for a 34x34 sensor, but the options name a 128x128 sensor");
        assertThatThrownBy(() -> NmnistBin.readInto(data, 1, 10, ReadOptions.strict(), b34))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> NmnistBin.readInto(data, -1, 5, ReadOptions.strict(), b34))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> NmnistBin.readInto(data, 0, -5, ReadOptions.strict(), b34))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> NmnistBin.readInto(null, 0, 0, ReadOptions.strict(), b34))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> NmnistBin.readInto(data, 0, 0, null, b34)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> NmnistBin.readInto(data, 0, 0, ReadOptions.strict(), null))
                .isInstanceOf(NullPointerException.class);
        assertThat(b34.size()).isZero();
    }

    @Test
    void builderAccessorsAndClear() {
        Events.Builder b = Events.builder(34, 34, 2).add(3, 4, 5, true).add(6, 7, 8, false);
        assertThat(b.width()).isEqualTo(34);
        assertThat(b.height()).isEqualTo(34);
        assertThat(new long[] {b.t(1), b.x(1), b.y(1), b.isOn(1) ? 1 : 0}).containsExactly(6, 7, 8, 0);
        assertThat(b.isOn(0)).isTrue();
        assertThatThrownBy(() -> b.t(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> b.x(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        long[] arrayBefore = b.t;
        assertThat(b.clear().size()).isZero();
        assertThat(b.t).isSameAs(arrayBefore);
        assertThatThrownBy(() -> b.y(0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> b.isOn(0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(b.add(9, 1, 2, true).build()).isEqualTo(Events.builder(34, 34).add(9, 1, 2, true).build());
    }

    @Test
    void aReusedBuilderAllocatesNothingPerEvent() throws IOException {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "HotSpot's allocation counter");
        com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) mx;
        Assumptions.assumeTrue(hs.isThreadAllocatedMemorySupported() && hs.isThreadAllocatedMemoryEnabled());
        byte[] f = NmnistFastLoopEdgesTest.valid(20_000, new SplittableRandom(7)); // 260 kB of event arrays
        Events.Builder into = Events.builder(34, 34);
        NmnistBin.readInto(f, 0, f.length, ReadOptions.strict(), into.clear()); // grows once
        long id = Thread.currentThread().getId();
        long a0 = hs.getThreadAllocatedBytes(id);
        for (int i = 0; i < 10; i++) {
            NmnistBin.readInto(f, 0, f.length, ReadOptions.strict(), into.clear());
        }
        long perCall = (hs.getThreadAllocatedBytes(id) - a0) / 10;
        assertThat(into.size()).isEqualTo(20_000);
        assertThat(perCall).as("bytes allocated per call (the report and the decoder's state)").isLessThan(2_000);
    }
}
