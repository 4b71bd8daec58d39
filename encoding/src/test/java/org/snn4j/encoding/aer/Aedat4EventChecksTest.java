package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AEDAT 4.0 checks inside the event loop, on files that are otherwise valid (framing, flatbuffers, table):
 * coordinates outside the sensor on each side and timestamps going backwards, each counted, dropped or kept
 * as documented, and each reported by the strict reader.
 */
class Aedat4EventChecksTest {
    private static final int W = 5;
    private static final int H = 4;

    /** Eight events at t = 1000 + k, x = k % 5, y = 0, edited by {@code edit}. */
    private static byte[] file(java.util.function.Consumer<ByteBuffer> edit) {
        byte[] body = TinyAedat4.eventsBody(8, W);
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        edit.accept(b);
        return TinyAedat4.file(TinyAedat4.NONE, W, H, List.of(body), new long[] {8});
    }

    private static int at(int k) {
        return 32 + 16 * k;
    }

    @Test
    void theUneditedFileIsClean() throws IOException {
        AerRecording r = Aedat4.read(file(b -> { }), ReadOptions.strict());
        assertThat(r.events().size()).isEqualTo(8);
        assertThat(r.report().isClean()).isTrue();
        assertThat(r.events().x(7)).isEqualTo(2);
        assertThat(r.events().t(7)).isEqualTo(1007);
    }

    @Test
    void coordinatesOutsideTheSensorAreDroppedAndCountedOnEverySide() throws IOException {
        byte[] f = file(b -> {
            b.putShort(at(1) + 8, (short) W);       // x == width
            b.putShort(at(3) + 8, (short) -1);      // x < 0
            b.putShort(at(4) + 10, (short) H);      // y == height
            b.putShort(at(6) + 10, (short) -2);     // y < 0
            b.putShort(at(5) + 8, (short) (W - 1)); // the last column and row are inside
            b.putShort(at(5) + 10, (short) (H - 1));
        });
        AerRecording r = Aedat4.read(f, ReadOptions.lenient());
        assertThat(r.report().outOfRange()).isEqualTo(4);
        assertThat(r.events().size()).isEqualTo(4);
        assertThat(r.events().timestamps()).containsExactly(1000, 1002, 1005, 1007);
        assertThat(r.events().x(2)).isEqualTo(W - 1);
        assertThat(r.events().y(2)).isEqualTo(H - 1);
        assertThatThrownBy(() -> Aedat4.read(f, ReadOptions.strict())).isInstanceOf(AerFormatException.class)
                .hasMessageContaining("coordinates inside the 5x4 sensor (event 1 of the packet)")
                .hasMessageContaining("(5, 0)");
    }

    @Test
    void aYOutsideTheSensorIsNamedAsY() {
        byte[] f = file(b -> b.putShort(at(2) + 10, (short) 9));
        assertThatThrownBy(() -> Aedat4.read(f, ReadOptions.strict())).isInstanceOf(AerFormatException.class)
                .hasMessageContaining("(2, 9)").hasMessageContaining("y");
    }

    @Test
    void backwardsTimestampsAreKeptAndCounted() throws IOException {
        byte[] f = file(b -> {
            b.putLong(at(3), 990L);  // before its predecessor (1002)
            b.putLong(at(4), 990L);  // equal to the (backwards) previous: a tie, not backwards
        });
        AerRecording r = Aedat4.read(f, ReadOptions.lenient());
        assertThat(r.events().size()).isEqualTo(8);
        assertThat(r.report().backwardsTime()).isEqualTo(1);
        assertThat(r.report().outOfRange()).isZero();
        assertThat(r.events().t(3)).isEqualTo(990);
        assertThatThrownBy(() -> Aedat4.read(f, ReadOptions.strict())).isInstanceOf(AerFormatException.class)
                .hasMessageContaining("a time >= the previous event's 1002 us (event 3 of the packet)")
                .hasMessageContaining("990 us");
    }

    /**
     * Equal timestamps are counted once whether the packet is clean (the branch-free pass) or holds a fault (the
     * packet is decoded again by the general loop after the first pass noticed the fault).
     */
    @Test
    void equalTimesAreCountedOnceInCleanAndFaultyPackets() throws IOException {
        java.util.function.Consumer<ByteBuffer> ties = b -> {
            for (int k = 1; k <= 3; k++) {
                b.putLong(at(k), 1000L); // events 0-3 at 1000: three ties
            }
            b.putLong(at(5), 1004L); // a tie with event 4 (1004)
        };
        AerRecording clean = Aedat4.read(file(ties), ReadOptions.strict());
        assertThat(clean.report().equalTimes()).isEqualTo(4);
        assertThat(clean.events().size()).isEqualTo(8);
        AerRecording faulty = Aedat4.read(file(ties.andThen(b -> b.putShort(at(6) + 8, (short) W))), ReadOptions.lenient());
        assertThat(faulty.report().equalTimes()).isEqualTo(4);
        assertThat(faulty.report().outOfRange()).isEqualTo(1);
        assertThat(faulty.events().timestamps()).containsExactly(1000, 1000, 1000, 1000, 1004, 1004, 1007);
    }

    @Test
    void timeOrderIsCheckedAcrossPackets() throws IOException {
        byte[] f = TinyAedat4.file(TinyAedat4.NONE, W, H,
                List.of(TinyAedat4.eventsBody(4, W, 2000), TinyAedat4.eventsBody(4, W, 1500)), new long[] {4, 4});
        AerRecording r = Aedat4.read(f, ReadOptions.lenient());
        assertThat(r.events().size()).isEqualTo(8);
        assertThat(r.report().backwardsTime()).isEqualTo(1);
    }
}
