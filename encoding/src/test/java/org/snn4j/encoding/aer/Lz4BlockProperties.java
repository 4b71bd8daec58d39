package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link Lz4Frame}'s block decoder (a fast loop of 8-byte word copies plus an exact general loop) against a
 * plain byte-at-a-time decoder written here from the block format, on seeded random blocks: sequences of the
 * shapes the fast loop takes (0-16 literals, offsets 1-16 and beyond, match lengths 4-30 crossing the 8-byte
 * word) mixed with extended lengths; blocks that stay within the 64 KB block size and blocks that overrun it;
 * and copies with 1-8 random bytes overwritten (tokens, lengths, offsets pointing before the output start or 0,
 * truncated last sequences). Both decoders must agree on everything: the decoded bytes, or the error's byte
 * offset and message; and the same frame cut right after the block (no read may pass the block's end).
 */
class Lz4BlockProperties {
    private static final int BLOCK_MAX = 1 << 16;
    /** Frame header (7 bytes) and block size (4 bytes) before the block. */
    private static final int BLOCK_AT = 11;

    @Property(tries = 400, seed = "20261130")
    void validBlocksDecodeLikeTheReference(@ForAll long seed, @ForAll @IntRange(min = 1, max = 70_000) int target) {
        byte[] block = randomBlock(new Random(seed), target);
        Assume.that(block.length <= BLOCK_MAX); // the frame's block size limit (a frame error, not the block's)
        compare(block);
    }

    @Property(tries = 1500, seed = "20261130")
    void corruptedBlocksFailOrDecodeLikeTheReference(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3000) int target,
                                                    @ForAll @IntRange(min = 1, max = 8) int edits) {
        Random rnd = new Random(seed);
        byte[] block = randomBlock(rnd, target);
        for (int i = 0; i < edits; i++) {
            int at = rnd.nextInt(block.length);
            block[at] = switch (rnd.nextInt(4)) {
                case 0 -> (byte) 0xFF;
                case 1 -> 0;
                default -> (byte) rnd.nextInt(256);
            };
        }
        if (rnd.nextInt(8) == 0) {
            block = Arrays.copyOf(block, 1 + rnd.nextInt(block.length)); // truncated (size 0 would be the end mark)
        }
        compare(block);
    }

    /** Decodes {@code block} framed (64 KB blocks, no checksums) with Lz4Frame and with the reference. */
    static void compare(byte[] block) {
        compare(block, new Lz4Frame());
    }

    /** As {@link #compare(byte[])}, with a decoder whose buffer may hold an earlier frame's bytes. */
    static void compare(byte[] block, Lz4Frame lz4) {
        byte[] frame = frame(block);
        Ref ref = reference(block);
        try {
            int n = lz4.decode(frame, 0, frame.length, 1 << 20);
            assertThat(ref.error).as("reference error (decoder returned %d bytes)", n).isNull();
            assertThat(n).isEqualTo(ref.length);
            assertThat(Arrays.copyOf(lz4.buffer(), n)).isEqualTo(Arrays.copyOf(ref.out, ref.length));
        } catch (Lz4Frame.Lz4Exception e) {
            assertThat(e.getMessage()).as("decoder error at %d", e.offset).isEqualTo(ref.error);
            assertThat(e.offset).isEqualTo(BLOCK_AT + ref.errorAt);
        }
        // the same frame cut right after the block: the array ends where the block does, so a read past the
        // block would throw ArrayIndexOutOfBoundsException; the block's own error, or the missing end mark
        byte[] cut = Arrays.copyOf(frame, frame.length - 4);
        try {
            lz4.decode(cut, 0, cut.length, 1 << 20);
            throw new AssertionError("a frame without its end mark decoded");
        } catch (Lz4Frame.Lz4Exception e) {
            if (ref.error != null) {
                assertThat(e.getMessage()).isEqualTo(ref.error);
                assertThat(e.offset).isEqualTo(BLOCK_AT + ref.errorAt);
            } else {
                assertThat(e.getMessage()).isEqualTo("frame truncated: 4 more bytes expected, 0 left");
                assertThat(e.offset).isEqualTo(cut.length);
            }
        }
    }

    /** A block of random sequences decoding to about {@code target} bytes (may exceed the 64 KB block size). */
    private static byte[] randomBlock(Random rnd, int target) {
        ByteArrayOutputStream blk = new ByteArrayOutputStream();
        int o = 0;
        while (true) {
            int lit = switch (rnd.nextInt(8)) {
                case 0, 1, 2 -> rnd.nextInt(4);
                case 3, 4, 5 -> rnd.nextInt(17);
                case 6 -> 14 + rnd.nextInt(4);
                default -> 15 + rnd.nextInt(600);
            };
            boolean last = o + lit >= target;
            if (o == 0 && lit == 0) {
                lit = 1;
            }
            int o2 = o + lit;
            int ml = switch (rnd.nextInt(6)) {
                case 0, 1, 2 -> 4 + rnd.nextInt(5);
                case 3, 4 -> 4 + rnd.nextInt(27);
                default -> 18 + rnd.nextInt(500);
            };
            blk.write((Math.min(lit, 15) << 4) | (last ? 0 : Math.min(ml - 4, 15)));
            Lz4FrameReferenceTest.length(blk, lit, 15);
            for (int i = 0; i < lit; i++) {
                blk.write(rnd.nextInt(3) == 0 ? rnd.nextInt(256) : 'a' + rnd.nextInt(3));
            }
            if (last) {
                return blk.toByteArray();
            }
            int offset = switch (rnd.nextInt(4)) {
                case 0 -> 1 + rnd.nextInt(Math.min(o2, 16));
                case 1 -> 1 + rnd.nextInt(Math.min(o2, 70));
                default -> 1 + rnd.nextInt(Math.min(o2, 65_535));
            };
            blk.write(offset & 0xFF);
            blk.write(offset >>> 8);
            Lz4FrameReferenceTest.length(blk, ml - 4, 15);
            o = o2 + ml;
        }
    }

    /** The reference decoder's outcome: the bytes, or the first error (offset in the block, message). */
    private static final class Ref {
        final byte[] out = new byte[BLOCK_MAX];
        int length;
        String error;
        int errorAt;

        Ref fail(int at, String message) {
            errorAt = at;
            error = message;
            return this;
        }
    }

    /**
     * The block format decoded one byte at a time: token; literal run (15 + extension bytes); literals; end of
     * block after literals; 2-byte offset in [1, decoded so far]; match length (4 + nibble + extension bytes)
     * copied byte by byte (overlap repeats the pattern); at most 64 KB of output.
     */
    private static Ref reference(byte[] in) {
        Ref r = new Ref();
        byte[] out = r.out;
        int p = 0;
        int o = 0;
        int end = in.length;
        while (true) {
            if (p >= end) {
                return r.fail(p, "block ends before its last literals");
            }
            int token = in[p++] & 0xFF;
            int lit = token >>> 4;
            if (lit == 15) {
                int b;
                do {
                    if (p >= end) {
                        return r.fail(p, "block truncated in a literal length");
                    }
                    b = in[p++] & 0xFF;
                    lit += b;
                } while (b == 255);
            }
            if (lit > end - p || lit > BLOCK_MAX - o) {
                return r.fail(p, "literal run of " + lit + " bytes overruns the block");
            }
            for (int i = 0; i < lit; i++) {
                out[o++] = in[p++];
            }
            if (p == end) {
                r.length = o;
                return r;
            }
            if (end - p < 2) {
                return r.fail(p, "block truncated in a match offset");
            }
            int offset = (in[p] & 0xFF) | (in[p + 1] & 0xFF) << 8;
            if (offset == 0 || offset > o) {
                return r.fail(p, "match offset in [1, " + o + "] expected, got " + offset);
            }
            p += 2;
            int ml = token & 0xF;
            if (ml == 15) {
                int b;
                do {
                    if (p >= end) {
                        return r.fail(p, "block truncated in a match length");
                    }
                    b = in[p++] & 0xFF;
                    ml += b;
                } while (b == 255);
            }
            ml += 4;
            if (ml > BLOCK_MAX - o) {
                return r.fail(p, "match of " + ml + " bytes overruns the block size");
            }
            for (int i = 0; i < ml; i++, o++) {
                out[o] = out[o - offset];
            }
        }
    }

    private static byte[] frame(byte[] block) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(new byte[] {0x04, 0x22, 0x4D, 0x18, 0x40, 0x40}); // magic, FLG v01 linked, BD 64 KB
        f.write((XxHash32.hash(new byte[] {0x40, 0x40}, 0, 2, 0) >>> 8) & 0xFF);
        f.writeBytes(Lz4FrameReferenceTest.le32(block.length));
        f.writeBytes(block);
        f.writeBytes(Lz4FrameReferenceTest.le32(0));
        return f.toByteArray();
    }
}
