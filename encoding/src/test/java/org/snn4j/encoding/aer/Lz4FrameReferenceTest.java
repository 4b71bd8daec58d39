package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The LZ4 block decoder's fast paths (over-copying literals, 8-byte match steps) against the format's
 * definition: seeded random frames of linked 64 KB blocks whose sequences are generated together with the bytes
 * they stand for (each match copied byte by byte from the expected output, so overlapping matches with offsets
 * 1-7 repeat their pattern), with literal runs of 0 to 300 bytes, match offsets from 1 to 65,535 (reaching into
 * earlier blocks) and match lengths from 4 to 300; each frame carries a content checksum.
 */
class Lz4FrameReferenceTest {

    @Test
    void randomFramesDecodeToTheBytesTheyWereBuiltFrom() throws Exception {
        Random rnd = new Random(2026);
        Lz4Frame lz4 = new Lz4Frame();
        long sequences = 0;
        for (int f = 0; f < 60; f++) {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            byte[] expected = new byte[1 << 20];
            int o = 0;
            frame.write(new byte[] {0x04, 0x22, 0x4D, 0x18, 0x44, 0x40}); // magic, FLG (v01, linked, content checksum), BD 64 KB
            frame.write((XxHash32.hash(new byte[] {0x44, 0x40}, 0, 2, 0) >>> 8) & 0xFF);
            int blocks = 1 + rnd.nextInt(3);
            for (int b = 0; b < blocks; b++) {
                ByteArrayOutputStream blk = new ByteArrayOutputStream();
                int blockStart = o;
                int target = 16 + rnd.nextInt(f < 30 ? 2000 : 60_000);
                while (true) {
                    int lit = switch (rnd.nextInt(6)) {
                        case 0, 1, 2 -> rnd.nextInt(4);
                        case 3, 4 -> 4 + rnd.nextInt(17);
                        default -> 15 + rnd.nextInt(286);
                    };
                    boolean last = o - blockStart + lit + 330 > target || o == 0 && lit == 0;
                    if (last) {
                        lit = Math.max(lit, 5);
                    }
                    int ml = rnd.nextInt(4) == 0 ? 19 + rnd.nextInt(282) : 4 + rnd.nextInt(15);
                    int token = (Math.min(lit, 15) << 4) | (last ? 0 : Math.min(ml - 4, 15));
                    blk.write(token);
                    length(blk, lit, 15);
                    for (int i = 0; i < lit; i++) {
                        expected[o++] = (byte) (rnd.nextInt(3) == 0 ? rnd.nextInt(256) : 'a' + rnd.nextInt(4));
                        blk.write(expected[o - 1]);
                    }
                    if (last) {
                        break;
                    }
                    int most = Math.min(o, 65_535);
                    int offset = switch (rnd.nextInt(4)) {
                        case 0 -> 1 + rnd.nextInt(Math.min(most, 8));
                        case 1 -> 1 + rnd.nextInt(Math.min(most, 70));
                        default -> 1 + rnd.nextInt(most);
                    };
                    blk.write(offset & 0xFF);
                    blk.write(offset >>> 8);
                    length(blk, ml - 4, 15);
                    for (int i = 0; i < ml; i++, o++) {
                        expected[o] = expected[o - offset];
                    }
                    sequences++;
                }
                byte[] bb = blk.toByteArray();
                frame.write(le32(bb.length));
                frame.write(bb);
            }
            frame.write(le32(0));
            frame.write(le32(XxHash32.hash(expected, 0, o, 0)));
            byte[] in = frame.toByteArray();
            // the frame at an offset inside a larger array, as packets are read
            byte[] padded = new byte[in.length + 40];
            System.arraycopy(in, 0, padded, 17, in.length);
            int n = lz4.decode(padded, 17, in.length, 1 << 20);
            assertThat(n).as("frame %d", f).isEqualTo(o);
            assertThat(Arrays.copyOf(lz4.buffer(), n)).as("frame %d", f).isEqualTo(Arrays.copyOf(expected, o));
        }
        assertThat(sequences).isGreaterThan(10_000);
    }

    private static void length(ByteArrayOutputStream out, int value, int nibbleMax) {
        if (value < nibbleMax) {
            return;
        }
        int rest = value - nibbleMax;
        while (rest >= 255) {
            out.write(255);
            rest -= 255;
        }
        out.write(rest);
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }
}
