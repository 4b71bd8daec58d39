package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every check of {@link Lz4Frame} reached with a frame that is valid up to that check (correct header checksum,
 * framing and block sizes), with the exact offset and message, and each bound tested on both sides (issue 17,
 * pattern 3: validation past the first barrier). Each frame is decoded both at offset 0 and inside a larger buffer,
 * so that the reported offsets are checked to be relative to the frame.
 */
class Lz4FrameErrorPathsTest {
    /** FLG bits. */
    private static final int V01 = 0x40;
    private static final int INDEPENDENT = 0x20;
    private static final int BLOCK_CHECKSUM = 0x10;
    private static final int CONTENT_SIZE = 0x08;
    private static final int CONTENT_CHECKSUM = 0x04;
    private static final int DICT_ID = 0x01;
    /** BD with block maximum size id 4 (64 KB). */
    private static final int BD64K = 0x40;

    /** A frame under construction: magic, FLG, BD, optional content size, header checksum, then blocks. */
    private static final class Frame {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();
        final int flg;

        Frame(int flg, int bd) {
            this(flg, bd, -1);
        }

        Frame(int flg, int bd, long contentSize) {
            this.flg = flg;
            le32(Lz4Frame.MAGIC);
            ByteArrayOutputStream desc = new ByteArrayOutputStream();
            desc.write(flg);
            desc.write(bd);
            if (contentSize >= 0 || (flg & CONTENT_SIZE) != 0) {
                for (int i = 0; i < 8; i++) {
                    desc.write((int) (contentSize >>> (8 * i)));
                }
            }
            byte[] d = desc.toByteArray();
            b.writeBytes(d);
            b.write((XxHash32.hash(d, 0, d.length, 0) >>> 8) & 0xFF);
        }

        Frame le32(int v) {
            b.write(v);
            b.write(v >>> 8);
            b.write(v >>> 16);
            b.write(v >>> 24);
            return this;
        }

        /** A compressed block (with its checksum when the FLG says so). */
        Frame block(byte[] data) {
            le32(data.length);
            b.writeBytes(data);
            if ((flg & BLOCK_CHECKSUM) != 0) {
                le32(XxHash32.hash(data, 0, data.length, 0));
            }
            return this;
        }

        /** A stored (uncompressed) block. */
        Frame stored(byte[] data) {
            le32(data.length | 0x80000000);
            b.writeBytes(data);
            if ((flg & BLOCK_CHECKSUM) != 0) {
                le32(XxHash32.hash(data, 0, data.length, 0));
            }
            return this;
        }

        Frame end() {
            return le32(0);
        }

        Frame bytes(int... v) {
            for (int x : v) {
                b.write(x);
            }
            return this;
        }

        byte[] get() {
            return b.toByteArray();
        }
    }

    private static byte[] bytes(int... v) {
        byte[] r = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (byte) v[i];
        }
        return r;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String decode(byte[] frame, int maxOutput) throws Lz4Frame.Lz4Exception {
        Lz4Frame f = new Lz4Frame();
        int n = f.decode(frame, 0, frame.length, maxOutput);
        String atZero = new String(f.buffer(), 0, n, StandardCharsets.ISO_8859_1);
        byte[] padded = new byte[frame.length + 23];
        Arrays.fill(padded, (byte) 0x5A);
        System.arraycopy(frame, 0, padded, 11, frame.length);
        Lz4Frame g = new Lz4Frame();
        int m = g.decode(padded, 11, frame.length, maxOutput);
        assertThat(new String(g.buffer(), 0, m, StandardCharsets.ISO_8859_1)).isEqualTo(atZero);
        return atZero;
    }

    /** Checks the error at offset 0 and inside a larger buffer: same relative offset, message and limit flag. */
    private static void rejects(byte[] frame, int maxOutput, int offset, String message, boolean overLimit) {
        for (int pad : new int[] {0, 13}) {
            byte[] padded = new byte[frame.length + 2 * pad];
            System.arraycopy(frame, 0, padded, pad, frame.length);
            assertThatThrownBy(() -> new Lz4Frame().decode(padded, pad, frame.length, maxOutput))
                    .as("padding %d", pad)
                    .isInstanceOfSatisfying(Lz4Frame.Lz4Exception.class, e -> {
                        assertThat(e.offset).as("offset, padding %d", pad).isEqualTo(offset);
                        assertThat(e.overLimit).as("overLimit").isEqualTo(overLimit);
                    })
                    .hasMessage(message);
        }
    }

    private static void rejects(byte[] frame, int offset, String message) {
        rejects(frame, 1 << 20, offset, message, false);
    }

    @Test
    void theSmallestFrameDecodesToNothing() throws Exception {
        byte[] empty = new Frame(V01 | INDEPENDENT, BD64K).end().get();
        assertThat(empty).hasSize(11);
        assertThat(decode(empty, 0)).isEmpty();
        rejects(Arrays.copyOf(empty, 6), 0, "frame shorter than its 7-byte minimum header: 6 bytes");
        // 7 bytes pass the length check and fail where the end mark should be
        rejects(Arrays.copyOf(empty, 7), 7, "frame truncated: 4 more bytes expected, 0 left");
        rejects(Arrays.copyOf(empty, 10), 7, "frame truncated: 4 more bytes expected, 3 left");
    }

    @Test
    void headerFieldsAreCheckedOneByOne() {
        byte[] good = new Frame(V01, BD64K).end().get();
        byte[] b = good.clone();
        b[0] = 0x05;
        rejects(b, 0, "magic 0x184D2204 expected, got 0x184D2205");
        b = good.clone();
        b[3] = 0x08;
        rejects(b, 0, "magic 0x184D2204 expected, got 0x084D2204");
        for (int version : new int[] {0, 2, 3}) {
            rejects(new Frame(version << 6, BD64K).end().get(), 4, "FLG version 01 expected, got " + version);
        }
        rejects(new Frame(V01 | 0x02, BD64K).end().get(), 4, "reserved FLG/BD bits must be 0");
        for (int reservedBd : new int[] {0x01, 0x08, 0x80}) {
            rejects(new Frame(V01, BD64K | reservedBd).end().get(), 4, "reserved FLG/BD bits must be 0");
        }
        for (int bsid = 0; bsid < 4; bsid++) {
            rejects(new Frame(V01, bsid << 4).end().get(), 5, "BD block maximum size id 4..7 expected, got " + bsid);
        }
        rejects(new Frame(V01 | DICT_ID, BD64K).end().get(), 6, "frames with a dictionary id are not supported");
        rejects(new Frame(V01 | CONTENT_SIZE | DICT_ID, BD64K, 0).end().get(), 14,
                "frames with a dictionary id are not supported");
        b = good.clone();
        b[6] ^= 0x40;
        rejects(b, 6, String.format("header checksum 0x%02X expected, got 0x%02X", good[6] & 0xFF,
                (good[6] ^ 0x40) & 0xFF));
        // the checksum covers the content size too
        byte[] sized = new Frame(V01 | CONTENT_SIZE, BD64K, 0).end().get();
        sized[6] = 1; // content size 1, within the limit: only the checksum is wrong
        assertThatThrownBy(() -> decode(sized, 100)).hasMessageStartingWith("header checksum");
        // a header cut inside the content size or before the checksum
        byte[] cut = Arrays.copyOf(new Frame(V01 | CONTENT_SIZE, BD64K, 0).get(), 10);
        rejects(cut, 6, "frame truncated: 8 more bytes expected, 4 left");
        byte[] noChecksum = Arrays.copyOf(good, 6 + 1);
        noChecksum[4] = (byte) (V01 | CONTENT_SIZE); // content size announced, 1 byte left
        rejects(noChecksum, 6, "frame truncated: 8 more bytes expected, 1 left");
    }

    @Test
    void everyBlockSizeIdHasItsOwnLimit() throws Exception {
        for (int bsid = 4; bsid <= 7; bsid++) {
            int max = 1 << (8 + 2 * bsid);
            byte[] full = new byte[max];
            Arrays.fill(full, (byte) bsid);
            full[max - 1] = 9;
            byte[] ok = new Frame(V01, bsid << 4).stored(full).end().get();
            String s = decode(ok, max);
            assertThat(s).hasSize(max);
            assertThat(s.charAt(0)).isEqualTo((char) bsid);
            assertThat(s.charAt(max - 1)).isEqualTo((char) 9);
            byte[] over = new Frame(V01, bsid << 4).stored(Arrays.copyOf(full, max + 1)).end().get();
            rejects(over, 1 << 23, 7, "block size <= " + max + " expected, got " + (max + 1), false);
        }
    }

    @Test
    void theContentSizeIsALimitAndMustMatch() throws Exception {
        byte[] four = new Frame(V01 | CONTENT_SIZE, BD64K, 4).stored(ascii("abcd")).end().get();
        assertThat(decode(four, 4)).isEqualTo("abcd");
        rejects(four, 3, 6, "content size in [0, 3] expected, got 4", true);
        byte[] five = new Frame(V01 | CONTENT_SIZE, BD64K, 5).stored(ascii("abcd")).end().get();
        rejects(five, 6, "content size 5 expected, decoded 4");
        byte[] three = new Frame(V01 | CONTENT_SIZE, BD64K, 3).stored(ascii("abcd")).end().get();
        rejects(three, 6, "content size 3 expected, decoded 4");
        byte[] zero = new Frame(V01 | CONTENT_SIZE, BD64K, 0).end().get();
        assertThat(decode(zero, 0)).isEmpty();
        // all 64 bits are read: 2^32 + 4 is far above any limit, and a negative size is refused as such
        byte[] huge = new Frame(V01 | CONTENT_SIZE, BD64K, (1L << 32) + 4).stored(ascii("abcd")).end().get();
        rejects(huge, 1 << 20, 6, "content size in [0, 1048576] expected, got 4294967300", true);
        byte[] high = new Frame(V01 | CONTENT_SIZE, BD64K, 1L << 40).stored(ascii("abcd")).end().get();
        rejects(high, 1 << 20, 6, "content size in [0, 1048576] expected, got 1099511627776", true);
        byte[] negative = new Frame(V01 | CONTENT_SIZE, BD64K, -2).stored(ascii("abcd")).end().get();
        rejects(negative, 6, "content size in [0, 1048576] expected, got -2");
    }

    @Test
    void theOutputLimitIsExactForStoredAndCompressedBlocks() throws Exception {
        byte[] stored = new Frame(V01, BD64K).stored(ascii("abcd")).stored(ascii("efg")).end().get();
        assertThat(decode(stored, 7)).isEqualTo("abcdefg");
        // the second stored block (size field at 15, data at 19) would pass the limit 6
        rejects(stored, 6, 19, "decoded size exceeds the limit 6", true);
        rejects(stored, 3, 11, "decoded size exceeds the limit 3", true);
        // compressed: "ab" then a match of 6 at offset 2 -> "abababab" (8 bytes), then 5 literals
        byte[] block = bytes(0x22, 'a', 'b', 2, 0, 0x50, 'v', 'w', 'x', 'y', 'z');
        byte[] compressed = new Frame(V01, BD64K).block(block).end().get();
        assertThat(decode(compressed, 13)).isEqualTo("ababababvwxyz");
        rejects(compressed, 12, 11, "decoded size exceeds the limit 12", true);
    }

    @Test
    void checksumsAreReadOnlyWhenFlaggedAndMustBePresent() throws Exception {
        byte[] data = ascii("checked!");
        byte[] ok = new Frame(V01 | BLOCK_CHECKSUM | CONTENT_CHECKSUM, BD64K).stored(data).end()
                .le32(XxHash32.hash(data, 0, data.length, 0)).get();
        assertThat(decode(ok, 100)).isEqualTo("checked!");
        // the block checksum is the 4 bytes after the block: cut there
        byte[] cutBlock = Arrays.copyOf(ok, 7 + 4 + data.length + 2);
        rejects(cutBlock, 19, "frame truncated: 4 more bytes expected, 2 left");
        byte[] wrongBlock = ok.clone();
        wrongBlock[19] ^= 1;
        int goodBlock = XxHash32.hash(data, 0, data.length, 0);
        rejects(wrongBlock, 19, String.format("block checksum 0x%08X expected, got 0x%08X", goodBlock, goodBlock ^ 1));
        // the content checksum follows the end mark
        byte[] cutContent = Arrays.copyOf(ok, ok.length - 1);
        rejects(cutContent, 27, "frame truncated: 4 more bytes expected, 3 left");
        byte[] wrongContent = ok.clone();
        wrongContent[ok.length - 1] ^= (byte) 0x80;
        rejects(wrongContent, 27, String.format("content checksum 0x%08X expected, got 0x%08X", goodBlock,
                goodBlock ^ 0x80000000));
        // without the flags, the same trailing bytes are not a checksum but extra bytes
        byte[] unflagged = new Frame(V01, BD64K).stored(data).end().le32(12345).get();
        rejects(unflagged, 23, "end of frame at the end of the packet expected, 4 bytes follow");
        byte[] oneExtra = new Frame(V01, BD64K).stored(data).end().bytes(0).get();
        rejects(oneExtra, 23, "end of frame at the end of the packet expected, 1 bytes follow");
        // a block cut before its data ends
        byte[] cutData = Arrays.copyOf(new Frame(V01, BD64K).stored(data).get(), 7 + 4 + 5);
        rejects(cutData, 11, "frame truncated: 8 more bytes expected, 5 left");
    }

    @Test
    void blockSequencesAreCheckedWhereTheyGoWrong() throws Exception {
        // block data starts at frame offset 11
        // a match as the last sequence: the block ends before its last literals
        rejects(new Frame(V01, BD64K).block(bytes(0x10, 'a', 1, 0)).end().get(), 15,
                "block ends before its last literals");
        // literal length 15 + more bytes, cut inside the extra length bytes
        rejects(new Frame(V01, BD64K).block(bytes(0xF0, 255)).end().get(), 13,
                "block truncated in a literal length");
        // 5 literals announced, 3 present
        rejects(new Frame(V01, BD64K).block(bytes(0x50, 'a', 'b', 'c')).end().get(), 12,
                "literal run of 5 bytes overruns the block");
        // 15 + 3 literals announced, 17 present
        byte[] lits = new byte[2 + 17];
        lits[0] = (byte) 0xF0;
        lits[1] = 3;
        rejects(new Frame(V01, BD64K).block(lits).end().get(), 13, "literal run of 18 bytes overruns the block");
        lits = Arrays.copyOf(lits, 2 + 18);
        assertThat(decode(new Frame(V01, BD64K).block(lits).end().get(), 100)).hasSize(18);
        // one byte of a match offset
        rejects(new Frame(V01, BD64K).block(bytes(0x10, 'a', 1)).end().get(), 13,
                "block truncated in a match offset");
        // offset 0, and an offset one past the decoded bytes
        rejects(new Frame(V01, BD64K).block(bytes(0x10, 'a', 0, 0, 0x10, 'z')).end().get(), 13,
                "match offset in [1, 1] expected, got 0");
        rejects(new Frame(V01, BD64K).block(bytes(0x20, 'a', 'b', 3, 0, 0x10, 'z')).end().get(), 14,
                "match offset in [1, 2] expected, got 3");
        assertThat(decode(new Frame(V01, BD64K).block(bytes(0x20, 'a', 'b', 2, 0, 0x10, 'z')).end().get(), 100))
                .isEqualTo("abababz");
        // match length 15 + more bytes, cut inside them
        rejects(new Frame(V01, BD64K).block(bytes(0x1F, 'a', 1, 0, 255)).end().get(), 16,
                "block truncated in a match length");
        // a match longer than the block maximum: 4 + 15 + 255 * 257 + 0 bytes
        byte[] longMatch = new byte[4 + 257 + 2];
        longMatch[0] = 0x1F;
        longMatch[1] = 'a';
        longMatch[2] = 1;
        Arrays.fill(longMatch, 4, 4 + 257, (byte) 255);
        longMatch[4 + 257] = 0;
        longMatch[4 + 257 + 1] = 0x00;
        int ml = 4 + 15 + 255 * 257;
        rejects(new Frame(V01, BD64K).block(Arrays.copyOf(longMatch, 4 + 258)).end().get(), 11 + 4 + 258,
                "match of " + ml + " bytes overruns the block size");
    }

    @Test
    void shortMatchOffsetsRepeatTheirPattern() throws Exception {
        // offsets 1..7 are copied byte by byte (overlapping), 8 and more in 8-byte steps; on both paths of the
        // sequence decoder (fast: short literal and match lengths with 18 bytes of block left; general: a long
        // literal run or the end of the block)
        for (int offset = 1; offset <= 9; offset++) {
            ByteArrayOutputStream blk = new ByteArrayOutputStream();
            StringBuilder want = new StringBuilder();
            String lit = "0123456789".substring(0, offset);
            blk.write(offset << 4 | 0x0E); // offset literals, match 4 + 14 = 18
            blk.writeBytes(ascii(lit));
            blk.write(offset);
            blk.write(0);
            want.append(lit);
            for (int i = 0; i < 18; i++) {
                want.append(want.charAt(want.length() - offset));
            }
            blk.write(0x0F); // no literals, match 4 + 15 + 30 = 49, general path
            blk.write(offset);
            blk.write(0);
            blk.write(30);
            for (int i = 0; i < 49; i++) {
                want.append(want.charAt(want.length() - offset));
            }
            blk.write(0xF0); // 15 + 5 last literals
            blk.write(5);
            blk.writeBytes(ascii("ABCDEFGHIJKLMNOPQRST"));
            want.append("ABCDEFGHIJKLMNOPQRST");
            assertThat(decode(new Frame(V01, BD64K).block(blk.toByteArray()).end().get(), 1000)).as("offset %d", offset)
                    .isEqualTo(want.toString());
        }
    }

    @Test
    void linkedBlocksReachIntoThePreviousBlockAndTheBufferGrows() throws Exception {
        // 3 stored blocks of 64 KB (more than the initial 64 KB buffer), then a block whose match copies from the first
        byte[] a = new byte[1 << 16];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) (i * 7 + (i >>> 8));
        }
        int offset = 65_535;
        Frame f = new Frame(V01, BD64K).stored(a).stored(a).stored(a);
        byte[] seq = bytes(0x0F, offset & 0xFF, offset >>> 8, 200, 0x10, 'q');
        byte[] frame = f.block(seq).end().get();
        Lz4Frame lz4 = new Lz4Frame();
        int n = lz4.decode(frame, 0, frame.length, 4 << 16);
        int before = 3 << 16;
        assertThat(n).isEqualTo(before + 4 + 15 + 200 + 1);
        byte[] out = lz4.buffer();
        for (int i = 0; i < 3 << 16; i++) {
            assertThat(out[i]).isEqualTo(a[i & 0xFFFF]);
        }
        for (int i = 0; i < 4 + 15 + 200; i++) {
            assertThat(out[before + i]).as("match byte %d", i).isEqualTo(out[before + i - offset]);
        }
        assertThat(out[n - 1]).isEqualTo((byte) 'q');
        // the buffer is reused: a second, short frame decodes into the same instance
        byte[] small = new Frame(V01, BD64K).stored(ascii("xy")).end().get();
        assertThat(lz4.decode(small, 0, small.length, 10)).isEqualTo(2);
        assertThat(new String(lz4.buffer(), 0, 2, StandardCharsets.US_ASCII)).isEqualTo("xy");
        // with independent blocks flagged, the decoder still accepts (it never needs more than linked blocks)
        assertThat(decode(new Frame(V01 | INDEPENDENT, BD64K).stored(ascii("ab")).block(bytes(0x10, 'c')).end().get(),
                10)).isEqualTo("abc");
    }

    @Test
    void littleEndianFieldsReadEveryByte() {
        byte[] b = bytes(0x01, 0x02, 0x03, 0x84, 0x05, 0x06, 0x07, 0x88);
        assertThat(Lz4Frame.le32(b, 0)).isEqualTo(0x84030201);
        assertThat(Lz4Frame.le32(b, 4)).isEqualTo(0x88070605);
        assertThat(Lz4Frame.le64(b, 0)).isEqualTo(0x8807060584030201L);
    }

    @Test
    void theOutputOfOneBlockIsBoundedByTheBlockMaximum() throws Exception {
        // block maximum 64 KB: "a", a match of 4 + 15 + 255 * 254 + 10 = 64,799 bytes (offset 1), then 800 literals:
        // the block's input is small but its output would pass 65,536
        byte[] lits = new byte[800];
        java.util.Arrays.fill(lits, (byte) 'z');
        ByteArrayOutputStream blk = new ByteArrayOutputStream();
        blk.write(0x1F);
        blk.write('a');
        blk.write(1);
        blk.write(0);
        for (int i = 0; i < 254; i++) {
            blk.write(255);
        }
        blk.write(10);
        blk.write(0xF0);
        for (int rest = 800 - 15; ; rest -= 255) {
            blk.write(Math.min(rest, 255));
            if (rest < 255) {
                break;
            }
        }
        blk.writeBytes(lits);
        byte[] block = blk.toByteArray();
        int afterMatch = 1 + 4 + 15 + 255 * 254 + 10;
        int litLenEnd = 11 + 4 + 254 + 1 + 1 + (800 - 15) / 255 + 1;
        rejects(new Frame(V01, BD64K).block(block).end().get(), 1 << 20, litLenEnd,
                "literal run of 800 bytes overruns the block", false);
        // with 535 literals the block fills its 65,536 bytes exactly
        assertThat(65_536 - afterMatch).isEqualTo(736);
        ByteArrayOutputStream exact = new ByteArrayOutputStream();
        exact.writeBytes(java.util.Arrays.copyOf(block, 4 + 255));
        exact.write(0xF0);
        for (int rest = 736 - 15; ; rest -= 255) {
            exact.write(Math.min(rest, 255));
            if (rest < 255) {
                break;
            }
        }
        exact.writeBytes(java.util.Arrays.copyOf(lits, 736));
        String s = decode(new Frame(V01, BD64K).block(exact.toByteArray()).end().get(), 1 << 20);
        assertThat(s).hasSize(65_536).startsWith("aaaa").endsWith("zzzz");
        // after 1,000 literals a match of 65,000 bytes passes the block maximum, though it is shorter than it
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.write(0xFF);
        for (int rest = 1000 - 15; ; rest -= 255) {
            m.write(Math.min(rest, 255));
            if (rest < 255) {
                break;
            }
        }
        m.writeBytes(new byte[1000]);
        m.write(1);
        m.write(0);
        int ml = 65_000 - 4 - 15;
        for (int rest = ml; ; rest -= 255) {
            m.write(Math.min(rest, 255));
            if (rest < 255) {
                break;
            }
        }
        m.write(0x10);
        m.write('q');
        byte[] mb = m.toByteArray();
        int matchLenEnd = 11 + mb.length - 2;
        rejects(new Frame(V01, BD64K).block(mb).end().get(), 1 << 20, matchLenEnd,
                "match of 65000 bytes overruns the block size", false);
    }

    @Test
    void aMatchMayFillTheBlockExactly() throws Exception {
        // "a", a match of 65,535 bytes (offset 1), then an empty last sequence: 65,536 bytes, the block maximum
        ByteArrayOutputStream blk = new ByteArrayOutputStream();
        blk.write(0x1F);
        blk.write('a');
        blk.write(1);
        blk.write(0);
        int rest = 65_535 - 4 - 15;
        for (; rest >= 255; rest -= 255) {
            blk.write(255);
        }
        blk.write(rest);
        blk.write(0x00);
        String s = decode(new Frame(V01, BD64K).block(blk.toByteArray()).end().get(), 1 << 20);
        assertThat(s).hasSize(65_536).matches("a+");
    }

    @Test
    void aHeaderCutBeforeItsChecksumAndAnEmptyContentSize() throws Exception {
        // content size announced and present (14 bytes), the header checksum missing
        byte[] sized = new Frame(V01 | CONTENT_SIZE, BD64K, 0).end().get();
        rejects(Arrays.copyOf(sized, 14), 14, "frame truncated: 1 more bytes expected, 0 left");
        // a content size of 0 with data is refused like any other mismatch
        byte[] zeroWithData = new Frame(V01 | CONTENT_SIZE, BD64K, 0).stored(ascii("abcd")).end().get();
        rejects(zeroWithData, 6, "content size 0 expected, decoded 4");
    }
}
