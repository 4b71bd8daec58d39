package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The N-MNIST streaming reader at the end of its input (issue 17): {@code next()} returns null, not an empty
 * chunk, for an empty file and after a file that ends exactly at a chunk boundary, and closing the reader closes
 * its stream.
 */
class NmnistBinStreamEndTest {

    @Test
    void theEndIsNullEvenAtAChunkBoundary() throws IOException {
        try (EventReader r = NmnistBin.open(new ByteArrayInputStream(new byte[0]), ReadOptions.strict())) {
            assertThat(r.next()).isNull();
            assertThat(r.report().events()).isZero();
        }
        // two records, chunks of two: one full chunk, then the end
        byte[] two = {1, 2, (byte) 0x80, 0, 10, 3, 4, 0, 0, 11};
        ClosingStream in = new ClosingStream(two);
        EventReader r = NmnistBin.open(in, ReadOptions.strict().withChunkEvents(2));
        Events e = r.next();
        assertThat(e.xs()).containsExactly(1, 3);
        assertThat(e.timestamps()).containsExactly(10, 11);
        assertThat(e.polarities()).containsExactly(true, false);
        assertThat(r.next()).isNull();
        assertThat(r.next()).isNull();
        assertThat(r.report().events()).isEqualTo(2);
        assertThat(r.format()).isEqualTo(AerFormat.NMNIST_BIN);
        assertThat(in.closed).isFalse();
        r.close();
        assertThat(in.closed).isTrue();
    }
}
