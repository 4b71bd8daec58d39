package org.snn4j.encoding.aer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of the FlatBuffers binary format (flatbuffers.dev "internals") to read AEDAT 4.0 by hand: a
 * bounds-checked view of {@code buf[0 .. len)} with root table, vtable field lookup, scalars, strings and
 * vectors. Every out-of-bounds access throws {@link FbException}. Not thread-safe (cheap to create).
 */
final class FlatBuf {
    static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** A malformed buffer; {@code pos} is relative to the buffer start. */
    static final class FbException extends Exception {
        private static final long serialVersionUID = 1L;
        final int pos;

        FbException(int pos, String message) {
            super(message);
            this.pos = pos;
        }
    }

    final byte[] buf;
    final int start;
    final int end;

    /** A view of {@code buf[start .. end)}; positions below are absolute indices into {@code buf}. */
    FlatBuf(byte[] buf, int start, int end) {
        this.buf = buf;
        this.start = start;
        this.end = end;
    }

    void check(int pos, int n) throws FbException {
        if (pos < start || n < 0 || pos > end - n) {
            // the offset of the exception stays inside the buffer; the stray position is in the message
            throw new FbException(Math.max(0, Math.min(pos, end) - start), "flatbuffer read of " + n + " bytes at "
                    + ((long) pos - start) + " outside the " + (end - start) + "-byte buffer");
        }
    }

    int i32(int pos) throws FbException {
        check(pos, 4);
        return (int) I32.get(buf, pos);
    }

    long i64(int pos) throws FbException {
        check(pos, 8);
        return (long) I64.get(buf, pos);
    }

    int u16(int pos) throws FbException {
        check(pos, 2);
        return ((short) I16.get(buf, pos)) & 0xFFFF;
    }

    /** The 4-character file identifier after the root offset at {@code rootPos}. */
    String identifier(int rootPos) throws FbException {
        check(rootPos + 4, 4);
        return new String(buf, rootPos + 4, 4, StandardCharsets.ISO_8859_1);
    }

    /** The root table position given the position of the root uoffset. */
    int root(int rootPos) throws FbException {
        int off = i32(rootPos);
        int t = rootPos + off;
        if (off < 0 || t < start || t >= end) {
            throw new FbException(rootPos - start, "root table offset " + off + " outside the buffer");
        }
        return t;
    }

    /** Absolute position of field {@code index} of the table at {@code table}, or -1 if absent. */
    int field(int table, int index) throws FbException {
        int vt = table - i32(table);
        int vtSize = u16(vt);
        if (vtSize < 4 || (vtSize & 1) != 0) {
            throw new FbException(vt - start, "vtable size must be even and >= 4, got " + vtSize);
        }
        int slot = 4 + 2 * index;
        if (slot + 2 > vtSize) {
            return -1;
        }
        int fo = u16(vt + slot);
        return fo == 0 ? -1 : table + fo;
    }

    /** Follows a uoffset stored at {@code pos}. */
    int deref(int pos) throws FbException {
        int off = i32(pos);
        long target = (long) pos + (off & 0xFFFFFFFFL);
        if (off < 0 || target >= end) {
            throw new FbException(pos - start, "offset " + off + " points outside the buffer");
        }
        return (int) target;
    }

    /** A UTF-8 string referenced by the field at {@code fieldPos}. */
    String string(int fieldPos) throws FbException {
        int s = deref(fieldPos);
        int n = i32(s);
        check(s + 4, n);
        return new String(buf, s + 4, n, StandardCharsets.UTF_8);
    }

    /** The position of the vector (its length word) referenced by the field at {@code fieldPos}. */
    int vector(int fieldPos, int elementSize) throws FbException {
        int v = deref(fieldPos);
        int n = i32(v);
        if (n < 0) {
            throw new FbException(v - start, "vector length must be >= 0, got " + n);
        }
        check(v + 4, (int) Math.min(Integer.MAX_VALUE, (long) n * elementSize));
        return v;
    }
}
