package org.snn4j.encoding.aer;

import java.util.Arrays;

/**
 * A decoder for the LZ4 frame format (lz4 project, "LZ4 Frame Format Description" v1.6.x) with its own LZ4
 * block decoder, written from the published format descriptions. It supports linked blocks (DV writes frames
 * with block independence off, where a match may reach into the previous blocks; block decompressors that only
 * see one block, such as aircompressor's {@code Lz4Decompressor}, reject those). Every read is bounds-checked,
 * so a corrupt frame raises {@link Lz4Exception}, never an {@code ArrayIndexOutOfBoundsException}.
 *
 * <p>Parsed and honoured: magic {@code 0x184D2204}, FLG (version 01, block independence, block checksum
 * flag, content size, content checksum, dictionary id), BD (maximum block size 64 KB - 4 MB), the optional
 * content size (checked against the output), uncompressed blocks (high bit of the block size), the end mark.
 * The xxHash32 checksums are verified: the header checksum always, block and content checksums when the
 * FLG flags say they are present.
 *
 * <p>One instance keeps a reusable output buffer: not thread-safe.
 */
final class Lz4Frame {
    static final int MAGIC = 0x184D2204;

    /** Thrown on a malformed frame; the offset is relative to the start of the frame. */
    static final class Lz4Exception extends Exception {
        private static final long serialVersionUID = 1L;
        final int offset;
        /** True when the frame is well-formed so far but decodes to more than the caller's limit. */
        final boolean overLimit;

        Lz4Exception(int offset, String message) {
            this(offset, message, false);
        }

        Lz4Exception(int offset, String message, boolean overLimit) {
            super(message);
            this.offset = offset;
            this.overLimit = overLimit;
        }
    }

    private byte[] out = new byte[0];

    /** The buffer holding the last decoded frame (valid up to the length returned by {@link #decode}). */
    byte[] buffer() {
        return out;
    }

    /**
     * Decodes the frame in {@code in[off .. off+len)}; the frame must fill the region exactly.
     *
     * @return the decoded length; the bytes are in {@link #buffer()}
     */
    int decode(byte[] in, int off, int len, int maxOutput) throws Lz4Exception {
        final int end = off + len;
        int p = off;
        if (len < 7) {
            throw new Lz4Exception(0, "frame shorter than its 7-byte minimum header: " + len + " bytes");
        }
        int magic = le32(in, p);
        if (magic != MAGIC) {
            throw new Lz4Exception(0, String.format("magic 0x184D2204 expected, got 0x%08X", magic));
        }
        p += 4;
        int flg = in[p] & 0xFF;
        int bd = in[p + 1] & 0xFF;
        if ((flg >>> 6) != 1) {
            throw new Lz4Exception(4, "FLG version 01 expected, got " + (flg >>> 6));
        }
        if ((flg & 0x02) != 0 || (bd & 0x8F) != 0) {
            throw new Lz4Exception(4, "reserved FLG/BD bits must be 0");
        }
        boolean blockChecksum = (flg & 0x10) != 0;
        boolean contentSizeFlag = (flg & 0x08) != 0;
        boolean contentChecksum = (flg & 0x04) != 0;
        boolean dictId = (flg & 0x01) != 0;
        int bsid = (bd >>> 4) & 0x7;
        if (bsid < 4) {
            throw new Lz4Exception(5, "BD block maximum size id 4..7 expected, got " + bsid);
        }
        int blockMax = 1 << (8 + 2 * bsid);
        p += 2;
        long contentSize = -1;
        if (contentSizeFlag) {
            need(p, 8, end, off);
            contentSize = le64(in, p);
            if (contentSize < 0 || contentSize > maxOutput) {
                throw new Lz4Exception(p - off, "content size in [0, " + maxOutput + "] expected, got " + contentSize,
                        contentSize > maxOutput);
            }
            p += 8;
        }
        if (dictId) {
            throw new Lz4Exception(p - off, "frames with a dictionary id are not supported");
        }
        need(p, 1, end, off);
        int hc = (XxHash32.hash(in, off + 4, p - off - 4, 0) >>> 8) & 0xFF;
        if ((in[p] & 0xFF) != hc) {
            throw new Lz4Exception(p - off, String.format("header checksum 0x%02X expected, got 0x%02X", hc, in[p] & 0xFF));
        }
        p += 1;
        int o = 0;
        while (true) {
            need(p, 4, end, off);
            int bs = le32(in, p);
            p += 4;
            if (bs == 0) {
                break;
            }
            boolean raw = bs < 0;
            int size = bs & 0x7FFFFFFF;
            if (size > blockMax) {
                throw new Lz4Exception(p - 4 - off, "block size <= " + blockMax + " expected, got " + size);
            }
            need(p, size, end, off);
            if (raw && size > maxOutput - o) {
                throw new Lz4Exception(p - off, "decoded size exceeds the limit " + maxOutput, true);
            }
            int oLimit = (int) Math.min((long) o + blockMax, Integer.MAX_VALUE - 64L - SLACK);
            ensure(oLimit, (long) maxOutput + blockMax);
            if (raw) {
                System.arraycopy(in, p, out, o, size);
                o += size;
            } else {
                o = block(in, p, size, out, o, oLimit, off);
            }
            if (o > maxOutput) {
                throw new Lz4Exception(p - off, "decoded size exceeds the limit " + maxOutput, true);
            }
            if (blockChecksum) {
                need(p + size, 4, end, off);
                int want = le32(in, p + size);
                int got = XxHash32.hash(in, p, size, 0);
                if (want != got) {
                    throw new Lz4Exception(p + size - off, String.format("block checksum 0x%08X expected, got 0x%08X",
                            got, want));
                }
                p += 4;
            }
            p += size;
        }
        if (contentChecksum) {
            need(p, 4, end, off);
            int want = le32(in, p);
            int got = XxHash32.hash(out, 0, o, 0);
            if (want != got) {
                throw new Lz4Exception(p - off, String.format("content checksum 0x%08X expected, got 0x%08X", got, want));
            }
            p += 4;
        }
        if (p != end) {
            throw new Lz4Exception(p - off, "end of frame at the end of the packet expected, " + (end - p)
                    + " bytes follow");
        }
        if (contentSize >= 0 && contentSize != o) {
            throw new Lz4Exception(6, "content size " + contentSize + " expected, decoded " + o);
        }
        return o;
    }

    /** Checks that {@code n} bytes follow {@code p}; the error's offset is relative to the frame at {@code off}. */
    private static void need(int p, int n, int end, int off) throws Lz4Exception {
        if (n > end - p) {
            throw new Lz4Exception(p - off, "frame truncated: " + n + " more bytes expected, " + (end - p) + " left");
        }
    }

    /** Bytes kept free after the block limit so that literal and match copies may over-write 8 or 16 bytes. */
    private static final int SLACK = 32;

    /** Grows the buffer to at least {@code cap} (+ slack), doubling but never beyond {@code most} (+ slack). */
    private void ensure(int cap, long most) {
        cap += SLACK;
        if (cap > out.length) {
            long grown = Math.min(Math.min(Integer.MAX_VALUE - 16L, out.length * 2L), most + SLACK);
            out = Arrays.copyOf(out, (int) Math.max(cap, grown));
        }
    }

    /**
     * Decodes one LZ4 block from {@code in[p .. p+len)} into {@code out} at {@code o}, writing at most up to
     * {@code oLimit}; matches may reach back to {@code out[0]} (linked blocks). Returns the new output position.
     *
     * <p>Two loops. The fast one takes sequences far enough from both ends (at least {@link #FAST_IN} input bytes
     * and {@link #FAST_OUT} output bytes left) with a literal run and a match length below 15 and a match offset
     * of at least 8 within the output, and copies in 8-byte words ("wild copy"): literals and match are written
     * in whole words that may run up to 24 bytes past the sequence's end (overwritten by the next sequence, or
     * past the block's end and ignored; {@link #SLACK} keeps them inside the buffer). Its common case, at most 5
     * literals and a match of at most 16 bytes, reads token, literals and offset with one 8-byte load and writes
     * one literal word and two match words without a branch. The general loop takes every other sequence, one at
     * a time, exactly and with every check (and reports the faults); there a match with an offset below 8 is
     * copied byte by byte for its first 16 bytes (which repeats the pattern) and then in 8-byte words from the
     * smallest multiple of the offset that is at least 8 back, which holds the same pattern.
     */
    private static int block(byte[] in, int p, int len, byte[] out, int o, int oLimit, int frameOff)
            throws Lz4Exception {
        final int end = p + len;
        final int pFast = end - FAST_IN;
        final int oFast = oLimit - FAST_OUT;
        while (true) {
            while (p < pFast && o < oFast) {
                // p + 19 <= end: the token, up to 14 literals and the offset lie within in[p .. p+17), so the
                // literals end at least 2 bytes before the block's end (this is never its last, literals-only
                // sequence), and every 8-byte read below stays inside the block; o + 64 <= oLimit: the widest
                // write ends at o + 14 + 24 < oLimit
                long w = (long) FlatBuf.I64.get(in, p);
                int token = (int) w & 0xFF;
                int lit = token >>> 4;
                int mlc = token & 0xF;
                int m = o + lit;
                if (lit <= 5 && mlc <= 12) {
                    // in[p .. p+8) holds the token, the literals and the 2-byte offset
                    int offset = (int) (w >>> (8 + 8 * lit)) & 0xFFFF;
                    int src = m - offset;
                    if ((src | (offset - 8)) < 0) {
                        break; // overlapping by less than a word, or invalid: the general loop decides
                    }
                    FlatBuf.I64.set(out, o, w >>> 8);
                    // word k of the match reads out[src+8k .. src+8k+8), all before m+8k (offset >= 8): final
                    FlatBuf.I64.set(out, m, (long) FlatBuf.I64.get(out, src));
                    FlatBuf.I64.set(out, m + 8, (long) FlatBuf.I64.get(out, src + 8));
                    p += 3 + lit;
                    o = m + mlc + 4;
                    continue;
                }
                if (lit == 15 || mlc == 15) {
                    break;
                }
                int q = p + 1 + lit;
                int offset = (short) FlatBuf.I16.get(in, q) & 0xFFFF;
                int src = m - offset;
                if ((src | (offset - 8)) < 0) {
                    break;
                }
                FlatBuf.I64.set(out, o, (long) FlatBuf.I64.get(in, p + 1));
                FlatBuf.I64.set(out, o + 8, (long) FlatBuf.I64.get(in, p + 9));
                FlatBuf.I64.set(out, m, (long) FlatBuf.I64.get(out, src));
                FlatBuf.I64.set(out, m + 8, (long) FlatBuf.I64.get(out, src + 8));
                if (mlc > 12) {
                    FlatBuf.I64.set(out, m + 16, (long) FlatBuf.I64.get(out, src + 16));
                }
                p = q + 2;
                o = m + mlc + 4;
            }
            // one sequence, exactly and with every check
            if (p >= end) {
                throw new Lz4Exception(p - frameOff, "block ends before its last literals");
            }
            int token = in[p++] & 0xFF;
            int lit = token >>> 4;
            if (lit == 15) {
                int b;
                do {
                    if (p >= end) {
                        throw new Lz4Exception(p - frameOff, "block truncated in a literal length");
                    }
                    b = in[p++] & 0xFF;
                    lit += b;
                } while (b == 255 && lit < (1 << 30));
            }
            if (lit > end - p || lit > oLimit - o) {
                throw new Lz4Exception(p - frameOff, "literal run of " + lit + " bytes overruns the block");
            }
            System.arraycopy(in, p, out, o, lit);
            p += lit;
            o += lit;
            if (p == end) {
                return o; // the last sequence has literals only
            }
            if (end - p < 2) {
                throw new Lz4Exception(p - frameOff, "block truncated in a match offset");
            }
            int offset = (in[p] & 0xFF) | ((in[p + 1] & 0xFF) << 8);
            p += 2;
            if (offset == 0 || offset > o) {
                throw new Lz4Exception(p - 2 - frameOff, "match offset in [1, " + o + "] expected, got " + offset);
            }
            int ml = token & 0xF;
            if (ml == 15) {
                int b;
                do {
                    if (p >= end) {
                        throw new Lz4Exception(p - frameOff, "block truncated in a match length");
                    }
                    b = in[p++] & 0xFF;
                    ml += b;
                } while (b == 255 && ml < (1 << 30));
            }
            ml += 4;
            if (ml > oLimit - o) {
                throw new Lz4Exception(p - frameOff, "match of " + ml + " bytes overruns the block size");
            }
            int src = o - offset;
            int stop = o + ml;
            int back = offset;
            if (offset < 8) {
                // the first 16 bytes one at a time: out[o+i] = out[src+i] repeats the offset's pattern (16 >= the
                // 4-byte minimum match; a shorter match writes up to o + 16 <= oLimit + 12, inside SLACK)
                for (int i = 0; i < 16; i++) {
                    out[o + i] = out[src + i];
                }
                o += 16;
                back = (7 + offset) / offset * offset; // the smallest multiple of offset >= 8 (<= 14 < 16)
            }
            // 8-byte steps read `back` >= 8 bytes behind, so every byte read is final; the last step may write
            // up to 7 bytes past o + ml, inside SLACK, later overwritten or ignored
            while (o < stop) {
                FlatBuf.I64.set(out, o, (long) FlatBuf.I64.get(out, o - back));
                o += 8;
            }
            o = stop;
        }
    }

    /** Input bytes the fast loop of {@link #block} needs after a sequence's start. */
    private static final int FAST_IN = 19;
    /** Output bytes the fast loop of {@link #block} needs after a sequence's start. */
    private static final int FAST_OUT = 64;

    static int le32(byte[] b, int p) {
        return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | ((b[p + 2] & 0xFF) << 16) | (b[p + 3] << 24);
    }

    static long le64(byte[] b, int p) {
        return (le32(b, p) & 0xFFFFFFFFL) | ((long) le32(b, p + 4) << 32);
    }
}
