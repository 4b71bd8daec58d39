package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * N-MNIST records written and read against bytes worked out by hand from the format (Orchard et al. 2015: x, y,
 * polarity bit 23, 23-bit timestamp, MSB first), with the writer's limits at their exact boundaries and the
 * reader's sensor limits, overflow markers and fault offsets on short crafted files (issue 17, pattern 4).
 */
class NmnistBinKnownBytesTest {

    @Test
    void recordsAreTheDocumentedBits() throws IOException {
        Events e = Events.builder(256, 256)
                .add(0x12_3456L, 255, 255, true)
                .add(NmnistBin.MAX_TIMESTAMP, 0, 239, false)
                .add(NmnistBin.MAX_TIMESTAMP, 7, 241, true)
                .build();
        byte[] b = NmnistBin.toBytes(e);
        assertThat(b).containsExactly(
                0xFF, 0xFF, 0x80 | 0x12, 0x34, 0x56,
                0, 239, 0x7F, 0xFF, 0xFF,
                7, 241, 0xFF, 0xFF, 0xFF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NmnistBin.write(e, out);
        assertThat(out.toByteArray()).isEqualTo(b);
        AerRecording r = NmnistBin.read(b, ReadOptions.strict().withSensor(256, 256));
        assertThat(r.events()).isEqualTo(e);
        assertThat(r.report().equalTimes()).isEqualTo(1);
        assertThat(r.report().events()).isEqualTo(3);
        assertThat(NmnistBin.toBytes(Events.empty(34, 34))).isEmpty();
    }

    @Test
    void writerLimitsAreExact() {
        assertThatThrownBy(() -> NmnistBin.toBytes(Events.builder(300, 300).add(0, 3, 256, true).build()))
                .hasMessage("event 0: y must be <= 255 and != 240 (overflow marker), got 256");
        assertThatThrownBy(() -> NmnistBin.toBytes(Events.builder(300, 300).add(0, 3, 1, true).add(1, 256, 1, true)
                .build())).hasMessage("event 1: x must be <= 255 for N-MNIST, got 256");
        assertThatThrownBy(() -> NmnistBin.toBytes(Events.builder(34, 34).add(-1, 0, 0, true).build()))
                .hasMessage("event 0: t must be in [0, 8388607] us, got -1");
        assertThatThrownBy(() -> NmnistBin.toBytes(Events.builder(34, 34).add(1L << 23, 0, 0, true).build()))
                .hasMessage("event 0: t must be in [0, 8388607] us, got 8388608");
    }

    @Test
    void sensorEdgesMarkersAndFaultsOnACraftedFile() throws IOException {
        // 34x34: x = 33 and y = 33 are inside, 34 is not; a marker adds 8192 us to what follows
        byte[] b = {
            33, 33, 0, 0, 1,
            34, 0, 0, 0, 2,          // x outside: dropped
            0, 34, 0, 0, 3,          // y outside: dropped
            5, (byte) 240, 0, 0, 0,  // marker
            1, 1, (byte) 0x80, 0, 0, // t = 0 + 8192
            2, 2, 0, 0, 9,           // t = 9 + 8192
            3, 3, 0, 0, 4,           // t = 4 + 8192: backwards, kept
        };
        AerRecording r = NmnistBin.read(b, ReadOptions.lenient());
        assertThat(r.events().timestamps()).containsExactly(1, 8192, 8201, 8196);
        assertThat(r.events().xs()).containsExactly(33, 1, 2, 3);
        assertThat(r.events().polarities()).containsExactly(false, true, false, false);
        assertThat(r.report().outOfRange()).isEqualTo(2);
        assertThat(r.report().overflowMarkers()).isEqualTo(1);
        assertThat(r.report().backwardsTime()).isEqualTo(1);
        assertThat(r.report().firstFault()).isEqualTo("byte offset 5: field 'x' expected a column in [0, 34), got 34");
        AerFormatException y = catchThrowableOfType(AerFormatException.class,
                () -> NmnistBin.read(java.util.Arrays.copyOfRange(b, 10, 15), ReadOptions.strict()));
        assertThat(y.getMessage()).isEqualTo("byte offset 0: field 'y' expected a row in [0, 34), got 34");
        AerFormatException back = catchThrowableOfType(AerFormatException.class,
                () -> NmnistBin.read(java.util.Arrays.copyOfRange(b, 15, 35), ReadOptions.strict()));
        assertThat(back.getMessage())
                .isEqualTo("byte offset 15: field 'timestamp' expected a time >= the previous event's 8201 us, got 8196 us");
        // the streaming reader, one record per chunk, gives the same events, counts and offsets
        try (EventReader s = NmnistBin.open(new ByteArrayInputStream(b), ReadOptions.lenient().withChunkEvents(1))) {
            AerRecording st = s.readAll();
            assertThat(st.events()).isEqualTo(r.events());
            assertThat(st.report()).isEqualTo(r.report());
            assertThat(s.width()).isEqualTo(34);
            assertThat(s.height()).isEqualTo(34);
            assertThat(s.format()).isEqualTo(AerFormat.NMNIST_BIN);
        }
        // a custom sensor: 300 rows, so 239 and 241 are rows, 240 still a marker
        byte[] tall = {0, (byte) 239, 0, 0, 1, 0, (byte) 240, 0, 0, 0, 0, (byte) 241, 0, 0, 1};
        AerRecording t = NmnistBin.read(tall, ReadOptions.strict().withSensor(10, 300));
        assertThat(t.events().ys()).containsExactly(239, 241);
        assertThat(t.events().timestamps()).containsExactly(1, 8193);
        assertThat(t.events().width()).isEqualTo(10);
        assertThat(t.events().height()).isEqualTo(300);
    }
}
