package org.snn4j.encoding.aer;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API ({@code jdk.incubator.vector}) version of {@link NmnistBin.Decoder}'s group loop: 8 records
 * (40 bytes) per step from three 16-byte loads ({@code [0, 16)}, {@code [12, 28)}, {@code [24, 40)} of the
 * group, so nothing past the group is read), cut into lanes with constant byte shuffles (one {@code pshufb}
 * each on x86) and blends:
 * <ul>
 *   <li>8 shorts {@code x | b2 << 8} (the polarity is the sign of each short), 8 shorts {@code y | junk << 8},
 *       masked to x and y;</li>
 *   <li>two 4-int vectors of the records' 24 time bits (polarity bit masked off);</li>
 * </ul>
 * then checked all at once (x and y below the fast bounds, each time at least the previous one: the time
 * vectors shifted by one lane, the first lane taking the previous group's last time) and written with vector
 * stores (times widened to long plus the overflow offset, x, y, and the polarity mask as booleans). A group
 * with any record that needs a check is left untouched and ends the call: the scalar loops of
 * {@link NmnistBin.Decoder} take it from there, so the result is the scalar path's, event for event and count
 * for count ({@code NmnistVectorGroupsTest}).
 *
 * <p>Loaded by name only when {@link org.snn4j.internal.kernel.VectorApi} chose the Vector API (JDK 21 or newer
 * with the module readable), so the library still loads without the module.
 */
final class NmnistVectorGroups implements NmnistBin.GroupKernel {
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_128;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_128;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_256;

    // record k of the group sits at bytes 5k (x), 5k+1 (y), 5k+2 (polarity | t[22:16]), 5k+3, 5k+4;
    // load 0 holds group bytes [0, 16), load 1 [12, 28), load 2 [24, 40)
    /** x_k, b2_k pairs: records 0-2 from load 0 (lanes 0-5), 3-5 from load 1 (lanes 6-11), 6-7 from load 2. */
    private static final VectorShuffle<Byte> X0 = shuffle(0, 2, 5, 7, 10, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    private static final VectorShuffle<Byte> X1 = shuffle(0, 0, 0, 0, 0, 0, 3, 5, 8, 10, 13, 15, 0, 0, 0, 0);
    private static final VectorShuffle<Byte> X2 = shuffle(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 8, 11, 13);
    /** y_k in the low byte of short k (the high byte is masked off), same loads and lanes as x. */
    private static final VectorShuffle<Byte> Y0 = shuffle(1, 1, 6, 6, 11, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    private static final VectorShuffle<Byte> Y1 = shuffle(0, 0, 0, 0, 0, 0, 4, 4, 9, 9, 14, 14, 0, 0, 0, 0);
    private static final VectorShuffle<Byte> Y2 = shuffle(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 7, 12, 12);
    /** Times of records 0-3 as little-endian ints (b4, b3, b2, b2): 0-2 from load 0, 3 from load 1. */
    private static final VectorShuffle<Byte> T0 = shuffle(4, 3, 2, 2, 9, 8, 7, 7, 14, 13, 12, 12, 0, 0, 0, 0);
    private static final VectorShuffle<Byte> T1 = shuffle(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 6, 5, 5);
    /** Times of records 4-7: 4 from load 1, 5-7 from load 2. */
    private static final VectorShuffle<Byte> T2 = shuffle(12, 11, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    private static final VectorShuffle<Byte> T3 = shuffle(0, 0, 0, 0, 5, 4, 3, 3, 10, 9, 8, 8, 15, 14, 13, 13);
    /** Lanes 6-11, 12-15 and 4-15 of a 16-byte vector. */
    private static final VectorMask<Byte> M6 = lanes(6, 12);
    private static final VectorMask<Byte> M12 = lanes(12, 16);
    private static final VectorMask<Byte> M4 = lanes(4, 16);
    /** Lane 3 of the second vector, then lanes 0-2 of the first: the previous record's time for each lane. */
    private static final VectorShuffle<Integer> PREV = VectorShuffle.fromValues(I, -1, 0, 1, 2);

    NmnistVectorGroups() {
    }

    private static VectorShuffle<Byte> shuffle(int... lanes) {
        return VectorShuffle.fromValues(B, lanes);
    }

    private static VectorMask<Byte> lanes(int from, int to) {
        boolean[] m = new boolean[B.length()];
        for (int i = from; i < to; i++) {
            m[i] = true;
        }
        return VectorMask.fromArray(B, m, 0);
    }

    @Override
    public int groups(NmnistBin.Decoder d, byte[] b, int i, int count, long[] t, short[] x, short[] y, boolean[] on,
            int out) {
        final long add = d.overflow;
        final long last0 = d.lastT;
        // the previous time relative to add: -1 below every time a record can hold; never above 2^23, which is
        // above every such time (cannot happen: every time is a record's plus an offset no larger than today's)
        final int rel = last0 < add ? -1 : (int) Math.min(last0 - add, NmnistBin.MAX_TIMESTAMP + 1L);
        final ShortVector wv = ShortVector.broadcast(S, (short) Math.min(d.w, 256));
        final ShortVector hv = ShortVector.broadcast(S, (short) d.hFast);
        final LongVector addv = LongVector.broadcast(L, add);
        IntVector prev = IntVector.broadcast(I, rel);
        IntVector ties = IntVector.zero(I);
        int g = 0;
        for (; g < count; g++) {
            int j = i + 40 * g;
            ByteVector l0 = ByteVector.fromArray(B, b, j);
            ByteVector l1 = ByteVector.fromArray(B, b, j + 12);
            ByteVector l2 = ByteVector.fromArray(B, b, j + 24);
            ShortVector xb = l0.rearrange(X0).blend(l1.rearrange(X1), M6).blend(l2.rearrange(X2), M12)
                    .reinterpretAsShorts();
            ShortVector xs = xb.and((short) 0xFF);
            ShortVector ys = l0.rearrange(Y0).blend(l1.rearrange(Y1), M6).blend(l2.rearrange(Y2), M12)
                    .reinterpretAsShorts().and((short) 0xFF);
            IntVector lo = l0.rearrange(T0).blend(l1.rearrange(T1), M12).reinterpretAsInts().and(NmnistBin.MAX_TIMESTAMP);
            IntVector hi = l1.rearrange(T2).blend(l2.rearrange(T3), M4).reinterpretAsInts().and(NmnistBin.MAX_TIMESTAMP);
            IntVector plo = lo.rearrange(PREV, prev);
            IntVector phi = hi.rearrange(PREV, lo);
            if (xs.compare(VectorOperators.GE, wv).or(ys.compare(VectorOperators.GE, hv)).anyTrue()
                    || lo.lt(plo).or(hi.lt(phi)).anyTrue()) {
                break;
            }
            int o = out + 8 * g;
            ((LongVector) lo.convertShape(VectorOperators.I2L, L, 0)).add(addv).intoArray(t, o);
            ((LongVector) hi.convertShape(VectorOperators.I2L, L, 0)).add(addv).intoArray(t, o + 4);
            xs.intoArray(x, o);
            ys.intoArray(y, o);
            xb.lt((short) 0).intoArray(on, o);
            ties = ties.sub((IntVector) lo.eq(plo).toVector()).sub((IntVector) hi.eq(phi).toVector());
            prev = hi;
        }
        if (g > 0) {
            d.lastT = prev.lane(3) + add;
            d.c.equalTimes += ties.reduceLanes(VectorOperators.ADD);
        }
        return 8 * g;
    }
}
