package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The flatbuffer reader that AEDAT 4.0 uses, on a window {@code [start, end)} inside a larger array (issue 17,
 * patterns 1 and 3): each read at the first and last position inside the window and one outside on each side,
 * the offsets reported relative to the window, and every structural check (root, vtable, offsets, vectors).
 */
class FlatBufBoundsTest {
    private static final int START = 3;
    private static final int END = 43;

    /** A 48-byte array with the window [3, 43); little-endian values written at absolute positions. */
    private static ByteBuffer array() {
        return ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static FlatBuf fb(ByteBuffer b) {
        return new FlatBuf(b.array(), START, END);
    }

    private static FlatBuf.FbException fault(FbCall c) {
        try {
            c.run();
        } catch (FlatBuf.FbException e) {
            return e;
        }
        throw new AssertionError("no FbException");
    }

    private interface FbCall {
        void run() throws FlatBuf.FbException;
    }

    @Test
    void readsStayInsideTheWindow() throws FlatBuf.FbException {
        ByteBuffer b = array();
        b.putInt(START, 0x89ABCDEF).putInt(END - 4, 0x01020304).putLong(END - 8 - 4, 0x1122334455667788L);
        b.putShort(20, (short) 0xFFFE);
        FlatBuf f = fb(b);
        assertThat(f.i32(START)).isEqualTo(0x89ABCDEF);
        assertThat(f.i32(END - 4)).isEqualTo(0x01020304);
        assertThat(f.i64(END - 12)).isEqualTo(0x1122334455667788L);
        assertThat(f.u16(20)).isEqualTo(0xFFFE);
        assertThat(f.u16(END - 2)).isEqualTo(0x0102);
        FlatBuf.FbException before = fault(() -> f.i32(START - 1));
        assertThat(before.pos).isZero();
        assertThat(before).hasMessage("flatbuffer read of 4 bytes at -1 outside the 40-byte buffer");
        FlatBuf.FbException after = fault(() -> f.i32(END - 3));
        assertThat(after.pos).isEqualTo(END - 3 - START);
        assertThat(after).hasMessage("flatbuffer read of 4 bytes at 37 outside the 40-byte buffer");
        FlatBuf.FbException far = fault(() -> f.i64(END + 100));
        assertThat(far.pos).isEqualTo(END - START);
        assertThat(far).hasMessage("flatbuffer read of 8 bytes at 140 outside the 40-byte buffer");
        assertThat(fault(() -> f.u16(END - 1)).pos).isEqualTo(END - 1 - START);
        assertThat(fault(() -> f.check(START, -1))).hasMessage("flatbuffer read of -1 bytes at 0 outside the 40-byte buffer");
        f.check(START, END - START);
        f.check(END, 0);
        assertThat(fault(() -> f.check(START, END - START + 1)).pos).isZero();
    }

    @Test
    void identifierRootAndFieldsFollowTheirOffsets() throws FlatBuf.FbException {
        ByteBuffer b = array();
        // root offset at 3 -> table at 3 + 16 = 19; identifier at 7; vtable at 11 (table - 8)
        b.putInt(START, 16);
        b.put(START + 4, (byte) 'E').put(START + 5, (byte) 'V').put(START + 6, (byte) 'T').put(START + 7, (byte) 'S');
        b.putShort(11, (short) 8).putShort(13, (short) 12).putShort(15, (short) 4).putShort(17, (short) 0);
        b.putInt(19, 8);
        FlatBuf f = fb(b);
        assertThat(f.identifier(START)).isEqualTo("EVTS");
        int table = f.root(START);
        assertThat(table).isEqualTo(19);
        assertThat(f.field(table, 0)).isEqualTo(23);
        assertThat(f.field(table, 1)).isEqualTo(-1); // a zero slot: absent
        assertThat(f.field(table, 2)).isEqualTo(-1); // past the vtable
        // the identifier's last byte is the window's last
        assertThat(fault(() -> f.identifier(END - 7)).pos).isEqualTo(END - 3 - START);
        assertThat(new FlatBuf(b.array(), START, END + 1).identifier(END - 7)).isEqualTo("\0\0\0\0");
        // a root offset may reach the window's last byte, not past it, and not backwards
        b.putInt(START, END - 1 - START);
        assertThat(f.root(START)).isEqualTo(END - 1);
        b.putInt(START, END - START);
        FlatBuf.FbException past = fault(() -> f.root(START));
        assertThat(past.pos).isZero();
        assertThat(past).hasMessage("root table offset 40 outside the buffer");
        b.putInt(START, -1);
        assertThat(fault(() -> f.root(START))).hasMessage("root table offset -1 outside the buffer");
        b.putInt(START + 4, Integer.MAX_VALUE); // 7 + (2^31 - 1) wraps below the window
        assertThat(fault(() -> f.root(START + 4))).hasMessage("root table offset 2147483647 outside the buffer");
        b.putInt(START + 4, 0);
        assertThat(f.root(START + 4)).isEqualTo(START + 4);
        b.putInt(START, 0); // a root at the window's first byte
        assertThat(f.root(START)).isEqualTo(START);
        // vtable sizes: odd or below 4 are refused, at its offset inside the window
        b.putShort(11, (short) 5);
        FlatBuf.FbException odd = fault(() -> f.field(19, 0));
        assertThat(odd.pos).isEqualTo(11 - START);
        assertThat(odd).hasMessage("vtable size must be even and >= 4, got 5");
        b.putShort(11, (short) 2);
        assertThat(fault(() -> f.field(19, 0))).hasMessage("vtable size must be even and >= 4, got 2");
        b.putShort(11, (short) 4); // no slots at all
        assertThat(f.field(19, 0)).isEqualTo(-1);
        b.putShort(11, (short) 6); // exactly one slot
        assertThat(f.field(19, 0)).isEqualTo(19 + 4);
        assertThat(f.field(19, 1)).isEqualTo(-1);
    }

    @Test
    void offsetsStringsAndVectorsAreChecked() throws FlatBuf.FbException {
        ByteBuffer b = array();
        // an offset at 5 to a string at 5 + 8 = 13: length 3, "abc"; an offset at 9 to a vector at 9 + 12 = 21
        b.putInt(5, 8).putInt(13, 3).put(17, (byte) 'a').put(18, (byte) 'b').put(19, (byte) 'c');
        b.putInt(9, 12).putInt(21, 2);
        FlatBuf f = fb(b);
        assertThat(f.deref(5)).isEqualTo(13);
        assertThat(f.string(5)).isEqualTo("abc");
        assertThat(f.vector(9, 8)).isEqualTo(21);  // 2 x 8 bytes end at 41 <= 43
        assertThat(f.vector(9, 9)).isEqualTo(21);  // 2 x 9 bytes end at 43, the window's end
        FlatBuf.FbException big = fault(() -> f.vector(9, 10));
        assertThat(big.pos).isEqualTo(25 - START);
        assertThat(big).hasMessage("flatbuffer read of 20 bytes at 22 outside the 40-byte buffer");
        b.putInt(21, -1);
        FlatBuf.FbException negative = fault(() -> f.vector(9, 1));
        assertThat(negative.pos).isEqualTo(21 - START);
        assertThat(negative).hasMessage("vector length must be >= 0, got -1");
        b.putInt(21, 0x40000000); // 2^30 elements of 16 bytes: the byte count saturates, no overflow
        assertThat(fault(() -> f.vector(9, 16)))
                .hasMessage("flatbuffer read of 2147483647 bytes at 22 outside the 40-byte buffer");
        b.putInt(21, 0);
        assertThat(f.vector(9, 16)).isEqualTo(21);
        // a string longer than the window
        b.putInt(13, 27);
        assertThat(fault(() -> f.string(5))).hasMessage("flatbuffer read of 27 bytes at 14 outside the 40-byte buffer");
        b.putInt(13, 26);
        assertThat(f.string(5)).hasSize(26);
        // offsets reaching the window's end, past it, or negative (unsigned above 2^31)
        b.putInt(5, END - 1 - 5);
        assertThat(f.deref(5)).isEqualTo(END - 1);
        b.putInt(5, END - 5);
        FlatBuf.FbException out = fault(() -> f.deref(5));
        assertThat(out.pos).isEqualTo(5 - START);
        assertThat(out).hasMessage("offset 38 points outside the buffer");
        b.putInt(5, -8);
        assertThat(fault(() -> f.deref(5))).hasMessage("offset -8 points outside the buffer");
        b.putInt(5, 0);
        assertThat(f.deref(5)).isEqualTo(5);
    }
}
