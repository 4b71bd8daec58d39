package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import org.junit.jupiter.api.Test;

/** Streaming readers give the same result whatever the read sizes of the underlying stream. */
class StreamingTest {
    /** Returns at most 1..7 bytes per read call, and sometimes 0. */
    static InputStream trickle(byte[] b) {
        return new FilterInputStream(new ByteArrayInputStream(b)) {
            private int k;

            @Override
            public int read(byte[] dst, int off, int len) throws IOException {
                k++;
                if (k % 11 == 0) {
                    return 0;
                }
                return super.read(dst, off, Math.min(len, 1 + k % 7));
            }
        };
    }

    @Test
    void everyFormatReadsIdenticallyFromATrickleAndAChannel() throws IOException {
        Events e = AerRoundTripProperties.random(11, 5000, 128, 128, 1L << 32, true);
        byte[] nm = Fixtures.bytes(Fixtures.NMNIST);
        byte[] a4 = Fixtures.bytes(Fixtures.AEDAT4);
        byte[] a2 = Aedat2.toBytes(e, DvsLayout.DVS128);
        byte[] a3 = Aedat31.toBytes(e);

        Events nmRef = NmnistBin.read(nm, ReadOptions.strict()).events();
        try (EventReader r = NmnistBin.open(trickle(nm), ReadOptions.strict().withChunkEvents(100))) {
            assertThat(r.readAll().events()).isEqualTo(nmRef);
        }
        try (EventReader r = NmnistBin.open(Channels.newChannel(new ByteArrayInputStream(nm)), ReadOptions.strict())) {
            assertThat(r.readAll().events()).isEqualTo(nmRef);
        }
        Events a4Ref = Aedat4.read(a4, ReadOptions.strict()).events();
        try (Aedat4.Reader r = Aedat4.open(trickle(a4), ReadOptions.strict())) {
            assertThat(r.readAll().events()).isEqualTo(a4Ref);
            assertThat(r.dataTable()).hasSize(118);
        }
        try (EventReader r = Aedat4.open(Channels.newChannel(new ByteArrayInputStream(a4)), ReadOptions.strict())) {
            assertThat(r.readAll().events()).isEqualTo(a4Ref);
        }
        try (EventReader r = Aedat2.open(trickle(a2), ReadOptions.strict().withChunkEvents(33))) {
            assertThat(r.readAll().events()).isEqualTo(e);
        }
        try (EventReader r = Aedat31.open(Channels.newChannel(trickle(a3)), ReadOptions.strict())) {
            assertThat(r.readAll().events()).isEqualTo(e);
        }
    }
}
