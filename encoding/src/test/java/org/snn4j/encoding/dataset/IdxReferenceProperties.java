package org.snn4j.encoding.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * IdxReader against a plain restatement of the IDX layout (issue 17, patterns 1 and 3): files of 1-4 dimensions with
 * sizes other than 0 and 1 and data other than zeros, raw and gzip (several kilobytes, so the decompression buffer
 * grows), then the same files with valid framing but a payload one or more bytes short or long, or a dimension count
 * the caller did not ask for; each error with its field, value, expectation and offset computed by hand here.
 */
class IdxReferenceProperties {

    /** A file written field by field: magic 0, type 8, dims, big-endian sizes, then {@code payload}. */
    static byte[] file(int[] dims, byte[] payload) {
        byte[] b = new byte[4 + 4 * dims.length + payload.length];
        b[2] = 8;
        b[3] = (byte) dims.length;
        for (int i = 0; i < dims.length; i++) {
            int v = dims[i];
            int p = 4 + 4 * i;
            b[p] = (byte) (v >>> 24);
            b[p + 1] = (byte) (v >>> 16);
            b[p + 2] = (byte) (v >>> 8);
            b[p + 3] = (byte) v;
        }
        System.arraycopy(payload, 0, b, 4 + 4 * dims.length, payload.length);
        return b;
    }

    static int product(int[] dims) {
        int p = 1;
        for (int d : dims) {
            p *= d;
        }
        return p;
    }

    /** Bytes with runs (so gzip compresses them well and the inflater's output outgrows its first buffer). */
    static byte[] data(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] d = new byte[n];
        int i = 0;
        while (i < n) {
            byte v = (byte) r.nextInt(256);
            int run = 1 + r.nextInt(40);
            for (int k = 0; k < run && i < n; k++) {
                d[i++] = v;
            }
        }
        return d;
    }

    @Provide
    Arbitrary<int[]> shapes() {
        // 1-4 dims; the product up to 6 * 40 * 7 * 5 = 8,400 bytes, so some gzip'd files inflate past 1,024 bytes
        Arbitrary<Integer> size = Arbitraries.integers().between(0, 7);
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 9000).map(n -> new int[] {n}),
                size.list().ofMinSize(2).ofMaxSize(3).map(l -> l.stream().mapToInt(Integer::intValue).toArray()),
                Arbitraries.integers().between(1, 6).flatMap(a -> Arbitraries.integers().between(1, 40)
                        .flatMap(b -> Arbitraries.integers().between(1, 7).flatMap(c -> Arbitraries.integers()
                                .between(1, 5).map(d -> new int[] {a, b, c, d})))));
    }

    @Property(seed = "17", tries = 120)
    void validFilesReadAsThePlainParserReadsThem(@ForAll("shapes") int[] dims, @ForAll long seed,
            @ForAll boolean gzip) throws IOException {
        byte[] payload = data(product(dims), seed);
        byte[] raw = file(dims, payload);
        byte[] bytes = gzip ? IdxReaderTest.gzip(raw) : raw;
        for (int expected : new int[] {0, dims.length}) {
            IdxArray a = IdxReader.read(bytes, "p", expected);
            assertThat(a.dims()).containsExactly(dims);
            assertThat(a.data()).isEqualTo(payload);
        }
        // any other count the caller asks for is refused at byte 3 with the asked count named
        int other = dims.length % 4 + 1;
        IdxFormatException e = catchThrowableOfType(IdxFormatException.class, () -> IdxReader.read(bytes, "p", other));
        assertThat(e.field()).isEqualTo("dims");
        assertThat(e.value()).isEqualTo(dims.length);
        assertThat(e.expected()).isEqualTo(String.valueOf(other));
        assertThat(e.offset()).isEqualTo(3);
    }

    @Property(seed = "18", tries = 80)
    void aPayloadShortOrLongByKBytesIsNamedWithItsOffset(@ForAll("shapes") int[] dims, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 300) int k, @ForAll boolean longer, @ForAll boolean gzip) throws IOException {
        int n = product(dims);
        int header = 4 + 4 * dims.length;
        int have = longer ? n + k : Math.max(0, n - k);
        if (have == n) {
            have = n + k; // an empty payload cannot be cut: make it long instead
        }
        byte[] raw = file(dims, data(have, seed));
        byte[] bytes = gzip ? IdxReaderTest.gzip(raw) : raw;
        IdxFormatException e = catchThrowableOfType(IdxFormatException.class, () -> IdxReader.read(bytes, "q", 0));
        assertThat(e.field()).isEqualTo("payload");
        assertThat(e.source()).isEqualTo("q");
        if (have < n) {
            assertThat(e.value()).isEqualTo(have);
            assertThat(e.offset()).isEqualTo(header + have);
            assertThat(e.expected()).isEqualTo(n + " data bytes (truncated file)");
        } else {
            // gzip stops inflating once the output passes the declared length, so the value may be smaller there
            if (!gzip) {
                assertThat(e.value()).isEqualTo(have);
            } else {
                assertThat(e.value()).isGreaterThan(n).isLessThanOrEqualTo(have);
            }
            assertThat(e.offset()).isEqualTo(header + n);
            assertThat(e.expected()).isEqualTo(n + " data bytes (trailing bytes)");
        }
        assertThat(e.getMessage()).isEqualTo("q: payload at byte offset " + e.offset() + ": got " + e.value()
                + ", expected " + e.expected());
    }

    /** Every dimension count: 1..4 are read when any is allowed, 0 and 5..255 are refused at byte 3. */
    @Example
    void dimensionCountsOutsideOneToFourAreRefusedWhenAnyIsAllowed() {
        for (int nd = 0; nd <= 255; nd++) {
            int[] dims = new int[nd];
            Arrays.fill(dims, 1);
            byte[] b = file(dims, new byte[] {42});
            if (nd >= 1 && nd <= 4) {
                IdxArray a = readUnchecked(b);
                assertThat(a.data()).containsExactly(42);
                assertThat(a.dims()).hasSize(nd);
            } else {
                IdxFormatException e = catchThrowableOfType(IdxFormatException.class, () -> IdxReader.read(b, "d", 0));
                assertThat(e.field()).as("%d dims", nd).isEqualTo("dims");
                assertThat(e.value()).isEqualTo(nd);
                assertThat(e.expected()).isEqualTo("1..4");
                assertThat(e.offset()).isEqualTo(3);
            }
        }
    }

    private static IdxArray readUnchecked(byte[] b) {
        try {
            return IdxReader.read(b, "d", 0);
        } catch (IdxFormatException e) {
            throw new AssertionError(e);
        }
    }

    /** Sizes whose product passes the largest array, at each position; the offending size's offset is named. */
    @Property(seed = "20", tries = 40)
    void sizesWhoseProductIsTooLargeNameTheSizeThatOverflows(@ForAll @IntRange(min = 2, max = 4) int nd,
            @ForAll @IntRange(min = 0, max = 3) int at) {
        int pos = Math.min(at, nd - 1);
        int[] dims = new int[nd];
        Arrays.fill(dims, 2);
        // the product up to pos-1 is 2^pos; the size at pos makes it pass 2^31 - 9
        long need = (IdxReader.MAX_PAYLOAD >> pos) + 1;
        dims[pos] = (int) Math.min(need, Integer.MAX_VALUE);
        byte[] b = file(dims, new byte[0]);
        IdxFormatException e = catchThrowableOfType(IdxFormatException.class, () -> IdxReader.read(b, "o", nd));
        assertThat(e.field()).isEqualTo("dim " + pos);
        assertThat(e.value()).isEqualTo(dims[pos]);
        assertThat(e.offset()).isEqualTo(4 + 4 * pos);
        assertThat(e.expected()).isEqualTo("sizes whose product is at most " + IdxReader.MAX_PAYLOAD);
        // one less than the limit is a size that fits: then the (empty) payload is what is wrong
        if (pos == 0) {
            dims[0] = (int) IdxReader.MAX_PAYLOAD / product(Arrays.copyOfRange(dims, 1, nd));
            byte[] ok = file(dims, new byte[0]);
            IdxFormatException p = catchThrowableOfType(IdxFormatException.class, () -> IdxReader.read(ok, "o", nd));
            assertThat(p.field()).isEqualTo("payload");
            assertThat(p.value()).isZero();
        }
    }

    /** The largest payload itself is accepted by the size check (then the missing data is named), one more is not. */
    @Property(seed = "23", tries = 4)
    void theLargestPayloadIsTheLimitInclusive(@ForAll @IntRange(min = 0, max = 1) int extra) {
        long size = IdxReader.MAX_PAYLOAD + extra;
        byte[] b = file(new int[] {(int) size}, new byte[] {7});
        IdxFormatException e = catchThrowableOfType(IdxFormatException.class, () -> IdxReader.read(b, "m", 1));
        if (extra == 0) {
            assertThat(e.field()).isEqualTo("payload");
            assertThat(e.value()).isEqualTo(1);
            assertThat(e.expected()).isEqualTo(size + " data bytes (truncated file)");
        } else {
            assertThat(e.field()).isEqualTo("dim 0");
            assertThat(e.value()).isEqualTo(size);
        }
    }

    /** Every size's sign is checked, at its own offset, with the unsigned value named. */
    @Property(seed = "21", tries = 40)
    void aNegativeSizeAtAnyPositionIsNamed(@ForAll @IntRange(min = 1, max = 4) int nd,
            @ForAll @IntRange(min = 0, max = 3) int at, @ForAll @IntRange(min = Integer.MIN_VALUE, max = -1) int v) {
        int pos = at % nd;
        int[] dims = new int[nd];
        Arrays.fill(dims, 3);
        dims[pos] = v;
        byte[] b = file(dims, new byte[0]);
        IdxFormatException e = catchThrowableOfType(IdxFormatException.class, () -> IdxReader.read(b, "n", 0));
        assertThat(e.field()).isEqualTo("dim " + pos);
        assertThat(e.value()).isEqualTo(v & 0xFFFFFFFFL);
        assertThat(e.offset()).isEqualTo(4 + 4 * pos);
        assertThat(e.expected()).isEqualTo("a size in [0, 2^31)");
    }

    /** A header cut inside the sizes: the field is "header" and both the length found and the need are named. */
    @Property(seed = "22", tries = 40)
    void aHeaderCutInsideTheSizesNamesWhatItNeeds(@ForAll @IntRange(min = 1, max = 4) int nd,
            @ForAll @IntRange(min = 0, max = 15) int k) {
        int[] dims = new int[nd];
        Arrays.fill(dims, 1);
        byte[] full = file(dims, new byte[] {1});
        int header = 4 + 4 * nd;
        int len = 4 + k % (4 * nd);
        byte[] cut = Arrays.copyOf(full, len);
        IdxFormatException e = catchThrowableOfType(IdxFormatException.class, () -> IdxReader.read(cut, "h", nd));
        assertThat(e.field()).isEqualTo("header");
        assertThat(e.value()).isEqualTo(len);
        assertThat(e.offset()).isEqualTo(len);
        assertThat(e.expected()).isEqualTo(header + " bytes for " + nd + " dims");
    }
}
