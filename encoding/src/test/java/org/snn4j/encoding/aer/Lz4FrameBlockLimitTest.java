package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A block never decodes to more than its frame's maximum block size, also when the sequence that overruns it is a
 * short one (0-14 literals, a 4-18 byte match) with plenty of input after it, the shape a decoder may take a
 * faster path for (issue 17: hand-built LZ4 frames, pattern 4).
 */
class Lz4FrameBlockLimitTest {

    /** A frame (FLG: version 01, independent blocks, no checksums; BD: 64 KB blocks) around one compressed block. */
    private static byte[] frame(byte[] block) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x04, 0x22, 0x4D, 0x18});
        byte[] d = {0x60, 0x40};
        b.writeBytes(d);
        b.write((XxHash32.hash(d, 0, 2, 0) >>> 8) & 0xFF);
        le32(b, block.length);
        b.writeBytes(block);
        le32(b, 0);
        return b.toByteArray();
    }

    private static void le32(ByteArrayOutputStream b, int v) {
        b.write(v);
        b.write(v >>> 8);
        b.write(v >>> 16);
        b.write(v >>> 24);
    }

    /**
     * A block: one literal and a match of offset 1 that together fill {@code fill} bytes, then a sequence of no
     * literals and a match of {@code ml} bytes at offset 8, then 16 literals that end the block.
     */
    private static byte[] block(int fill, int ml) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x1F);                 // 1 literal, match length 15 + extension
        b.write('a');
        b.write(1);                    // offset 1
        b.write(0);
        int rest = fill - 1 - 4 - 15;
        while (rest >= 255) {
            b.write(255);
            rest -= 255;
        }
        b.write(rest);
        b.write(ml - 4);               // no literals, match length ml
        b.write(8);                    // offset 8
        b.write(0);
        b.write(0xF0);                 // 15 + 1 literals, no match: the end of the block
        b.write(1);
        for (int i = 0; i < 16; i++) {
            b.write('0' + i);
        }
        return b.toByteArray();
    }

    @Test
    void aShortMatchPastTheBlockMaximumIsAnError() throws Lz4Frame.Lz4Exception {
        Lz4Frame z = new Lz4Frame();
        // fits: 65,502 + 18 + 16 = 65,536 bytes, the maximum
        byte[] ok = frame(block(65_502, 18));
        assertThat(z.decode(ok, 0, ok.length, 1 << 20)).isEqualTo(65_536);
        assertThat(z.buffer()[65_501]).isEqualTo((byte) 'a');
        assertThat(z.buffer()[65_519]).isEqualTo((byte) 'a');
        assertThat(z.buffer()[65_520]).isEqualTo((byte) '0');
        assertThat(z.buffer()[65_535]).isEqualTo((byte) ('0' + 15));
        // one byte more in the first match: the last literal run ends 1 byte past the block maximum
        byte[] lit = frame(block(65_503, 18));
        assertThatThrownBy(() -> new Lz4Frame().decode(lit, 0, lit.length, 1 << 20))
                .isInstanceOf(Lz4Frame.Lz4Exception.class).hasMessage("literal run of 16 bytes overruns the block");
        // 17 bytes of room before the short sequence: its 18-byte match overruns (20 bytes of input follow its token)
        byte[] over = frame(block(65_519, 18));
        assertThatThrownBy(() -> new Lz4Frame().decode(over, 0, over.length, 1 << 20))
                .isInstanceOf(Lz4Frame.Lz4Exception.class).hasMessage("match of 18 bytes overruns the block size");
        // 9 bytes of room
        byte[] far = frame(block(65_527, 18));
        assertThatThrownBy(() -> new Lz4Frame().decode(far, 0, far.length, 1 << 20))
                .isInstanceOf(Lz4Frame.Lz4Exception.class).hasMessage("match of 18 bytes overruns the block size");
    }
}
