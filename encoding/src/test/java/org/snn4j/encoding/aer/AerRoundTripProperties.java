package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** write -> read is the identity for N-MNIST, AEDAT 2.0 (both layouts) and AEDAT 3.1 over arbitrary event lists. */
class AerRoundTripProperties {

    static Events random(long seed, int n, int w, int h, long maxT, boolean sorted) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextLong(maxT + 1);
        }
        if (sorted) {
            Arrays.sort(t);
        }
        Events.Builder b = Events.builder(w, h, n);
        for (int i = 0; i < n; i++) {
            b.add(t[i], r.nextInt(w), r.nextInt(h), r.nextBoolean());
        }
        return b.build();
    }

    static long decreases(Events e) {
        long d = 0;
        for (int i = 1; i < e.size(); i++) {
            if (e.t(i) < e.t(i - 1)) {
                d++;
            }
        }
        return d;
    }

    @Property(tries = 60, seed = "20261123")
    void nmnist(@ForAll @IntRange(max = 3000) int n, @ForAll long seed, @ForAll boolean sorted) throws IOException {
        Events e = random(seed, n, 34, 34, NmnistBin.MAX_TIMESTAMP, sorted);
        byte[] b = NmnistBin.toBytes(e);
        ReadOptions o = sorted ? ReadOptions.strict() : ReadOptions.lenient();
        AerRecording r = NmnistBin.read(b, o);
        assertThat(r.events()).isEqualTo(e);
        assertThat(r.report().backwardsTime()).isEqualTo(decreases(e));
        try (EventReader s = NmnistBin.open(new ByteArrayInputStream(b), o.withChunkEvents(1 + (int) (seed & 1023)))) {
            assertThat(s.readAll().events()).isEqualTo(e);
        }
    }

    @Property(tries = 60, seed = "20261123")
    void nmnistCaltechSensor(@ForAll @IntRange(max = 500) int n, @ForAll long seed) throws IOException {
        Events e = random(seed, n, 240, 180, NmnistBin.MAX_TIMESTAMP, true);
        AerRecording r = NmnistBin.read(NmnistBin.toBytes(e), ReadOptions.strict().withSensor(240, 180));
        assertThat(r.events()).isEqualTo(e);
    }

    @Property(tries = 60, seed = "20261123")
    void aedat2(@ForAll @IntRange(max = 3000) int n, @ForAll long seed, @ForAll boolean sorted, @ForAll boolean davis)
            throws IOException {
        DvsLayout l = davis ? DvsLayout.DAVIS346 : DvsLayout.DVS128;
        Events e = random(seed, n, l.width(), l.height(), Integer.MAX_VALUE, sorted);
        byte[] b = Aedat2.toBytes(e, l);
        ReadOptions o = sorted ? ReadOptions.strict() : ReadOptions.lenient();
        AerRecording r = Aedat2.read(b, o.withChunkEvents(1 + (int) (seed & 511)));
        assertThat(r.events()).isEqualTo(e);
        assertThat(r.report().backwardsTime()).isEqualTo(decreases(e));
        assertThat(r.report().timeWraps()).isZero();
    }

    @Property(tries = 60, seed = "20261123")
    void aedat31(@ForAll @IntRange(max = 9000) int n, @ForAll long seed, @ForAll boolean sorted,
                 @ForAll @IntRange(min = 1, max = 8192) int w, @ForAll @IntRange(min = 1, max = 8192) int h)
            throws IOException {
        Events e = random(seed, n, w, h, 1L << 40, sorted);
        byte[] b = Aedat31.toBytes(e);
        ReadOptions o = sorted ? ReadOptions.strict() : ReadOptions.lenient();
        AerRecording r = Aedat31.read(b, o);
        assertThat(r.events()).isEqualTo(e);
        assertThat(r.report().backwardsTime()).isEqualTo(decreases(e));
    }
}
