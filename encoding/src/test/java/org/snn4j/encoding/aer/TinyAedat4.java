package org.snn4j.encoding.aer;

import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.zstd.ZstdCompressor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Builds small AEDAT 4.0 files by hand for the hostile-input tests (issue 13): an IOHeader flatbuffer, EVTS
 * packets (raw, LZ4 or Zstandard) and an optional FileDataTable whose element counts can be forged. Written from
 * the format description in {@link Aedat4}'s class comment; test code only.
 */
final class TinyAedat4 {
    static final int NONE = 0;
    static final int LZ4 = 1;
    static final int ZSTD = 3;

    private TinyAedat4() {
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    static String description(int width, int height) {
        return "<dv version=\"2.0\"><node name=\"outInfo\" path=\"/outInfo/\"><node name=\"0\" path=\"/outInfo/0/\">"
                + "<attr key=\"typeIdentifier\" type=\"string\">EVTS</attr><node name=\"info\" path=\"/outInfo/0/info/\">"
                + "<attr key=\"sizeX\" type=\"int\">" + width + "</attr><attr key=\"sizeY\" type=\"int\">" + height
                + "</attr></node></node></node></dv>";
    }

    /** The IOHeader flatbuffer (not size-prefixed; the file stores its size before it). */
    static byte[] ioHeader(int compression, long tablePos, String xml) {
        byte[] s = xml.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = le(44 + s.length + 1 + 3);
        b.putInt(0, 20);                                   // root table at 20
        b.put(4, (byte) 'I').put(5, (byte) 'O').put(6, (byte) 'H').put(7, (byte) 'E');
        b.putShort(8, (short) 10).putShort(10, (short) 20); // vtable: size, table size
        b.putShort(12, (short) 4).putShort(14, (short) 8).putShort(16, (short) 16);
        b.putInt(20, 12);                                  // soffset to the vtable at 8
        b.putInt(24, compression);
        b.putLong(28, tablePos);
        b.putInt(36, 4);                                   // string at 40
        b.putInt(40, s.length);
        b.position(44);
        b.put(s);
        return b.array();
    }

    /** A size-prefixed EVTS flatbuffer with {@code count} events (x = k % width, y = 0, t = 1000 + k). */
    static byte[] eventsBody(int count, int width) {
        return eventsBody(count, width, 1000);
    }

    /** As {@link #eventsBody(int, int)} with {@code t = t0 + k}. */
    static byte[] eventsBody(int count, int width, long t0) {
        ByteBuffer b = le(32 + 16 * count);
        b.putInt(0, b.capacity() - 4);
        b.putInt(4, 16);                                   // root table at 20
        b.put(8, (byte) 'E').put(9, (byte) 'V').put(10, (byte) 'T').put(11, (byte) 'S');
        b.putShort(12, (short) 6).putShort(14, (short) 8).putShort(16, (short) 4);
        b.putInt(20, 8);                                   // vtable at 12
        b.putInt(24, 4);                                   // vector at 28
        b.putInt(28, count);
        for (int k = 0; k < count; k++) {
            int p = 32 + 16 * k;
            b.putLong(p, t0 + k);
            b.putShort(p + 8, (short) (k % width));
            b.putShort(p + 10, (short) 0);
            b.put(p + 12, (byte) (k & 1));
        }
        return b.array();
    }

    /**
     * A size-prefixed FTAB flatbuffer: one entry per element count, stream 0, with the given element counts (an
     * entry beyond the packets gets offset and size 0).
     */
    static byte[] table(long[] bodyOffsets, int[] sizes, long[] elements) {
        long[][] rows = new long[elements.length][];
        for (int i = 0; i < rows.length; i++) {
            boolean packet = i < bodyOffsets.length;
            rows[i] = new long[] {packet ? bodyOffsets[i] : 0, 0, packet ? sizes[i] : 0, elements[i], 1000L, 2000L};
        }
        return Aedat4Parts.table(rows);
    }

    static byte[] compress(int compression, byte[] raw) {
        if (compression == ZSTD) {
            ZstdCompressor z = new ZstdCompressor();
            byte[] c = new byte[z.maxCompressedLength(raw.length)];
            return Arrays.copyOf(c, z.compress(raw, 0, raw.length, c, 0, c.length));
        }
        if (compression == LZ4) {
            return lz4Frame(raw);
        }
        return raw;
    }

    /** An LZ4 frame (independent 4 MB blocks compressed by aircompressor's block compressor, no checksums). */
    static byte[] lz4Frame(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = {0x04, 0x22, 0x4D, 0x18, 0x60, 0x70, 0};
        head[6] = (byte) ((XxHash32.hash(head, 4, 2, 0) >>> 8) & 0xFF);
        out.writeBytes(head);
        Lz4Compressor c = new Lz4Compressor();
        int block = 4 << 20;
        for (int p = 0; p < raw.length; p += block) {
            int n = Math.min(block, raw.length - p);
            byte[] buf = new byte[c.maxCompressedLength(n)];
            int m = c.compress(raw, p, n, buf, 0, buf.length);
            out.writeBytes(le(4).putInt(0, m).array());
            out.write(buf, 0, m);
        }
        out.writeBytes(new byte[4]);
        return out.toByteArray();
    }

    /**
     * A file with the given (already compressed) packet bodies of stream 0 and, if {@code tableElements} is not
     * null, a FileDataTable declaring those element counts per packet.
     */
    static byte[] file(int compression, int width, int height, List<byte[]> packets, long[] tableElements) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        String xml = description(width, height);
        int headerLen = ioHeader(compression, -1, xml).length;
        long dataStart = 14 + 4 + headerLen;
        long[] offsets = new long[packets.size()];
        int[] sizes = new int[packets.size()];
        for (int i = 0; i < packets.size(); i++) {
            offsets[i] = dataStart + data.size() + 8;
            sizes[i] = packets.get(i).length;
            data.writeBytes(le(8).putInt(0, 0).putInt(4, sizes[i]).array());
            data.writeBytes(packets.get(i));
        }
        long tablePos = tableElements == null ? -1 : dataStart + data.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Aedat4.MAGIC.getBytes(StandardCharsets.ISO_8859_1));
        byte[] ioh = ioHeader(compression, tablePos, xml);
        out.writeBytes(le(4).putInt(0, ioh.length).array());
        out.writeBytes(ioh);
        out.writeBytes(data.toByteArray());
        if (tableElements != null) {
            out.writeBytes(compress(compression, table(offsets, sizes, tableElements)));
        }
        return out.toByteArray();
    }

    /**
     * The same Zstandard frame without its content size: the single-segment header (aircompressor's) becomes a
     * window descriptor of 2^{@code windowLog} bytes, so a decoder can only learn the size by decoding.
     */
    static byte[] zstdWithoutContentSize(byte[] frame, int windowLog) {
        int fhd = frame[4] & 0xFF;
        if ((fhd & 0x03) != 0) {
            throw new IllegalArgumentException("dictionary ids not handled");
        }
        int fcs = fhd >>> 6;
        boolean single = (fhd & 0x20) != 0;
        int fcsSize = fcs == 0 ? (single ? 1 : 0) : fcs == 1 ? 2 : fcs == 2 ? 4 : 8;
        int headerLen = 5 + (single ? 0 : 1) + fcsSize;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(frame, 0, 4);
        o.write(fhd & 0x04);
        o.write((windowLog - 10) << 3);
        o.write(frame, headerLen, frame.length - headerLen);
        return o.toByteArray();
    }
}
