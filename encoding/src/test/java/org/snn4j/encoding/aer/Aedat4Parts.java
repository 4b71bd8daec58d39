package org.snn4j.encoding.aer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * AEDAT 4.0 files assembled from parts for the structure tests (issue 17): descriptions with several streams,
 * packets of any stream (EVTS, IMUS, TRIG, FRME flatbuffers), FileDataTables with entries of any stream and
 * header fields placed at known byte offsets. Written from the format description in {@link Aedat4}'s class
 * comment (as {@link TinyAedat4}); test code only.
 *
 * <p>Offsets in a file built by {@link #file}: magic 0..13, IOHeader size at 14, IOHeader from 18 (identifier at
 * 22, vtable at 26, compression at 42, dataTablePosition at 46), packets from {@link #dataStart(String)}.
 */
final class Aedat4Parts {
    static final int HEADER_BASE = 18;

    private Aedat4Parts() {
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** One {@code <node>} of {@code outInfo}; {@code info} holds the inner XML of its info node (or null). */
    static String stream(String name, String type, String info) {
        String t = type == null ? "" : "<attr key=\"typeIdentifier\" type=\"string\">" + type + "</attr>";
        String i = info == null ? "" : "<node name=\"info\" path=\"/outInfo/" + name + "/info/\">" + info + "</node>";
        return "<node name=\"" + name + "\" path=\"/outInfo/" + name + "/\">" + t + i + "</node>";
    }

    /** A stream with {@code sizeX}/{@code sizeY} (omitted when {@code <= 0}). */
    static String stream(int id, String type, int sizeX, int sizeY) {
        String info = (sizeX > 0 ? size("sizeX", sizeX) : "") + (sizeY > 0 ? size("sizeY", sizeY) : "");
        return stream(Integer.toString(id), type, info.isEmpty() ? null : info);
    }

    static String size(String key, Object v) {
        return "<attr key=\"" + key + "\" type=\"int\">" + v + "</attr>";
    }

    /** {@code <dv version="2.0"><node name="outInfo">streams</node></dv>}. */
    static String dv(String... streams) {
        return "<dv version=\"2.0\"><node name=\"outInfo\" path=\"/outInfo/\">" + String.join("", streams)
                + "</node></dv>";
    }

    static int dataStart(String xml) {
        return HEADER_BASE + TinyAedat4.ioHeader(0, -1, xml).length;
    }

    /** A size-prefixed flatbuffer with identifier {@code id} whose root field 0 is a vector of zeroed elements. */
    static byte[] body(String id, int count, int elementBytes) {
        ByteBuffer b = le(32 + elementBytes * count);
        b.putInt(0, b.capacity() - 4);
        b.putInt(4, 16);
        for (int k = 0; k < 4; k++) {
            b.put(8 + k, (byte) id.charAt(k));
        }
        b.putShort(12, (short) 6).putShort(14, (short) 8).putShort(16, (short) 4);
        b.putInt(20, 8);
        b.putInt(24, 4);
        b.putInt(28, count);
        return b.array();
    }

    /** A size-prefixed flatbuffer with identifier {@code id} and a root table without fields. */
    static byte[] emptyBody(String id) {
        byte[] b = body(id, 0, 16);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(12, (short) 4);
        return b;
    }

    /** Events {@code (t[k], x[k], y[k], on[k])} as an EVTS flatbuffer. */
    static byte[] events(long[] t, int[] x, int[] y, boolean[] on) {
        byte[] body = TinyAedat4.eventsBody(t.length, 1);
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < t.length; k++) {
            int p = 32 + 16 * k;
            b.putLong(p, t[k]).putShort(p + 8, (short) x[k]).putShort(p + 10, (short) y[k]).put(p + 12, (byte) (on[k] ? 1 : 0));
        }
        return body;
    }

    /** An 8-byte packet header for {@code stream} followed by the stored (already compressed) body. */
    static byte[] packet(int stream, byte[] stored) {
        return packet(stream, stored.length, stored);
    }

    /** A packet whose header declares {@code size} (which may differ from the bytes that follow). */
    static byte[] packet(int stream, int size, byte[] stored) {
        ByteBuffer b = le(8 + stored.length).putInt(0, stream).putInt(4, size);
        b.position(8);
        b.put(stored);
        return b.array();
    }

    /**
     * A size-prefixed FTAB flatbuffer, one entry per row {@code {byteOffset, streamId, packetSize, numElements,
     * timestampStart, timestampEnd}}.
     */
    static byte[] table(long[]... rows) {
        int n = rows.length;
        int entries = 32 + 4 * n;
        ByteBuffer b = le(entries + 60 * n);
        b.putInt(0, b.capacity() - 4);
        b.putInt(4, 16);
        b.put(8, (byte) 'F').put(9, (byte) 'T').put(10, (byte) 'A').put(11, (byte) 'B');
        b.putShort(12, (short) 6).putShort(14, (short) 8).putShort(16, (short) 4);
        b.putInt(20, 8);
        b.putInt(24, 4);
        b.putInt(28, n);
        for (int i = 0; i < n; i++) {
            int vt = entries + 60 * i;
            int t = vt + 16;
            b.putInt(32 + 4 * i, t - (32 + 4 * i));
            b.putShort(vt, (short) 14).putShort(vt + 2, (short) 44);
            b.putShort(vt + 4, (short) 4).putShort(vt + 6, (short) 12).putShort(vt + 8, (short) 20)
                    .putShort(vt + 10, (short) 28).putShort(vt + 12, (short) 36);
            b.putInt(t, 16);
            b.putLong(t + 4, rows[i][0]);
            b.putInt(t + 12, (int) rows[i][1]).putInt(t + 16, (int) rows[i][2]);
            b.putLong(t + 20, rows[i][3]);
            b.putLong(t + 28, rows[i][4]);
            b.putLong(t + 36, rows[i][5]);
        }
        return b.array();
    }

    /** Table offset of entry {@code i}'s vtable in a buffer from {@link #table}. */
    static int entryVtable(int rows, int i) {
        return 32 + 4 * rows + 60 * i;
    }

    /**
     * A file: magic, IOHeader ({@code compression}, {@code xml}), the packets and, if {@code storedTable} is not
     * null, that table right after them (dataTablePosition = its offset; -1 without a table).
     */
    static byte[] file(int compression, String xml, List<byte[]> packets, byte[] storedTable) {
        int len = 0;
        for (byte[] p : packets) {
            len += p.length;
        }
        long tablePos = storedTable == null ? -1 : dataStart(xml) + len;
        return file(TinyAedat4.ioHeader(compression, tablePos, xml), packets, storedTable);
    }

    /** A file with the given IOHeader bytes, then the packets and the trailing bytes (may be null). */
    static byte[] file(byte[] ioHeader, List<byte[]> packets, byte[] trailing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Aedat4.MAGIC.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(le(4).putInt(0, ioHeader.length).array());
        out.writeBytes(ioHeader);
        for (byte[] p : packets) {
            out.writeBytes(p);
        }
        if (trailing != null) {
            out.writeBytes(trailing);
        }
        return out.toByteArray();
    }
}
