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

    /**
     * Every combination of 0-20 literals, offsets 1-20 and match lengths 4-20, each sequence followed by more
     * data, so that the short-sequence fast path (over-copied literals, 8-byte match steps for offsets of 8 or
     * more, overlapping source and target) and the general code (offsets below 8, 15 or more literals, longer
     * matches) both run on every shape; then last literals.
     */
    @Test
    void everyShortSequenceShape() throws Exception {
        ByteArrayOutputStream blk = new ByteArrayOutputStream();
        byte[] expected = new byte[1 << 20];
        int o = 0;
        int k = 0;
        for (int i = 0; i < 24; i++) { // a first run of literals, so that every offset below is valid
            expected[o++] = (byte) (31 * i + 7);
        }
        blk.write(15 << 4);
        length(blk, 24, 15);
        blk.write(expected, 0, 24);
        blk.write(1);
        blk.write(0);
        for (int lit = 0; lit <= 20; lit++) {
            for (int offset = 1; offset <= 20; offset++) {
                for (int ml = 4; ml <= 20; ml++) {
                    for (int i = 0; i < 4; i++) { // the match of the previous token, length 4 (repeats of o-1)
                        expected[o] = expected[o - 1];
                        o++;
                    }
                    blk.write((Math.min(lit, 15) << 4) | Math.min(ml - 4, 15));
                    length(blk, lit, 15);
                    for (int i = 0; i < lit; i++) {
                        expected[o++] = (byte) (k++ * 131 + 17);
                        blk.write(expected[o - 1]);
                    }
                    blk.write(offset);
                    blk.write(0);
                    length(blk, ml - 4, 15);
                    for (int i = 0; i < ml; i++, o++) {
                        expected[o] = expected[o - offset];
                    }
                    // the next token's match: offset 1, length 4 (written with the next token)
                    blk.write(0x00);
                    blk.write(1);
                    blk.write(0);
                }
            }
        }
        for (int i = 0; i < 4; i++) {
            expected[o] = expected[o - 1];
            o++;
        }
        blk.write(15 << 4);
        length(blk, 20, 15);
        for (int i = 0; i < 20; i++) {
            expected[o++] = (byte) i;
            blk.write(i);
        }
        byte[] in = frame(blk.toByteArray(), expected, o);
        Lz4Frame lz4 = new Lz4Frame();
        int n = lz4.decode(in, 0, in.length, 1 << 20);
        assertThat(n).isEqualTo(o);
        assertThat(Arrays.copyOf(lz4.buffer(), n)).isEqualTo(Arrays.copyOf(expected, o));
    }

    /** An offset of 0 or beyond the output after 0-7 literals in the middle of a long block (fast path taken). */
    @Test
    void badOffsetsInsideALongBlockAreErrorsAtTheirByte() throws Exception {
        for (int bad : new int[] {0, 200}) {
            for (int lit = 0; lit <= 7; lit++) {
                ByteArrayOutputStream blk = new ByteArrayOutputStream();
                blk.write(15 << 4 | 0); // 100 literals, then a match of 4 at offset 1
                length(blk, 100, 15);
                blk.write(new byte[100]);
                blk.write(1);
                blk.write(0);
                blk.write(lit << 4 | 1);
                blk.write(new byte[lit]);
                int at = 7 + 4 + blk.size(); // frame header 7 bytes, block size 4 bytes
                blk.write(bad);
                blk.write(0);
                blk.write(new byte[40]); // more sequences follow: the fast path is taken
                byte[] in = frame(blk.toByteArray(), new byte[0], 0);
                Lz4Frame lz4 = new Lz4Frame();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> lz4.decode(in, 0, in.length, 1 << 20))
                        .isInstanceOf(Lz4Frame.Lz4Exception.class)
                        .hasMessageContaining("match offset in [1, " + (104 + lit) + "] expected, got " + bad)
                        .extracting(e -> ((Lz4Frame.Lz4Exception) e).offset).isEqualTo(at);
            }
        }
    }

    /** A frame (4 MB blocks, no checksums) around one block. */
    private static byte[] frame(byte[] block, byte[] content, int n) throws java.io.IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(new byte[] {0x04, 0x22, 0x4D, 0x18, 0x40, 0x70});
        frame.write((XxHash32.hash(new byte[] {0x40, 0x70}, 0, 2, 0) >>> 8) & 0xFF);
        frame.write(le32(block.length));
        frame.write(block);
        frame.write(le32(0));
        return frame.toByteArray();
    }

    /** Writes the extension bytes of a literal or match length {@code value} whose token nibble is full. */
    static void length(ByteArrayOutputStream out, int value, int nibbleMax) {
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

    static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }
}
