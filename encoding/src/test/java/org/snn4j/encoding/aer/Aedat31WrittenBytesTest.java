package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The AEDAT 3.1 writer's bytes against the format description (inivation "AEDAT 3.1": a 28-byte packet header of
 * eventType, eventSource (int16), eventSize, eventTSOffset, eventTSOverflow, eventCapacity, eventNumber, eventValid
 * (int32, little-endian), then 8-byte polarity events: data with valid bit 0, polarity bit 1, y in bits 2-16, x in
 * bits 17-31, and the low 31 bits of the time). The reader ignores some header fields, so a round trip alone would
 * not show them wrong.
 */
class Aedat31WrittenBytesTest {

    @Test
    void everyPacketHeaderFieldAndEventWordIsWrittenAsTheFormatSays() {
        long t2 = (1L << 31) + 7; // a new packet: the overflow counter changes
        Events e = Events.of(64, 48, new long[] {5, 6, t2}, new int[] {3, 63, 9}, new int[] {4, 0, 47},
                new boolean[] {true, false, true});
        byte[] b = Aedat31.toBytes(e);
        String text = new String(b, StandardCharsets.ISO_8859_1);
        int h = text.indexOf(Aedat31.END_LINE + "\r\n") + Aedat31.END_LINE.length() + 2;
        assertThat(h).isGreaterThan(Aedat31.END_LINE.length() + 1);
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        // packet 1: two events of overflow 0
        assertThat(new int[] {le.getShort(h), le.getShort(h + 2), le.getInt(h + 4), le.getInt(h + 8), le.getInt(h + 12),
                le.getInt(h + 16), le.getInt(h + 20), le.getInt(h + 24)}).containsExactly(1, 1, 8, 4, 0, 2, 2, 2);
        int p = h + Aedat31.PACKET_HEADER;
        assertThat(le.getInt(p)).isEqualTo(1 | 2 | 4 << 2 | 3 << 17);
        assertThat(le.getInt(p + 4)).isEqualTo(5);
        assertThat(le.getInt(p + 8)).isEqualTo(1 | 63 << 17);
        assertThat(le.getInt(p + 12)).isEqualTo(6);
        // packet 2: one event of overflow 1, its header written in full again
        int h2 = p + 16;
        assertThat(new int[] {le.getShort(h2), le.getShort(h2 + 2), le.getInt(h2 + 4), le.getInt(h2 + 8),
                le.getInt(h2 + 12), le.getInt(h2 + 16), le.getInt(h2 + 20), le.getInt(h2 + 24)})
                .containsExactly(1, 1, 8, 4, 1, 1, 1, 1);
        assertThat(le.getInt(h2 + 28)).isEqualTo(1 | 2 | 47 << 2 | 9 << 17);
        assertThat(le.getInt(h2 + 32)).isEqualTo(7);
        assertThat(b.length).isEqualTo(h2 + 36);
    }
}
