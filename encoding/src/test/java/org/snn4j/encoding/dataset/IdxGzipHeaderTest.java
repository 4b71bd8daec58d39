package org.snn4j.encoding.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * IdxReader's gzip framing (RFC 1952) with members built by hand (issue 17, patterns 3 and 4): the optional header
 * fields (FEXTRA, FNAME, FCOMMENT, FHCRC) each skipped by its own rule, two members joined, and faults past the
 * first barrier: valid deflate data with a wrong CRC-32 or size, a cut trailer, a header that ends past the file,
 * bytes after the last member; each with the exact field, value, offset and message.
 */
class IdxGzipHeaderTest {

    /** A 1-dim IDX array of {@code n} bytes 0, 3, 6, ... */
    private static byte[] idx(int n) {
        byte[] b = new byte[8 + n];
        b[2] = 8;
        b[3] = 1;
        b[4] = (byte) (n >>> 24);
        b[5] = (byte) (n >>> 16);
        b[6] = (byte) (n >>> 8);
        b[7] = (byte) n;
        for (int i = 0; i < n; i++) {
            b[8 + i] = (byte) (3 * i);
        }
        return b;
    }

    private static byte[] deflate(byte[] raw) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(raw);
        d.finish();
        byte[] buf = new byte[raw.length + 64];
        int n = d.deflate(buf);
        d.end();
        return Arrays.copyOf(buf, n);
    }

    /** One member: header with {@code flg} and the given optional parts, deflate data, trailer (crc, size). */
    private static byte[] member(byte[] raw, int flg, byte[] optional, int crcDelta, int sizeDelta) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {0x1F, (byte) 0x8B, 8, (byte) flg, 0, 0, 0, 0, 0, (byte) 0xFF});
        o.writeBytes(optional);
        o.writeBytes(deflate(raw));
        CRC32 c = new CRC32();
        c.update(raw);
        int crc = (int) c.getValue() + crcDelta;
        int size = raw.length + sizeDelta;
        o.writeBytes(new byte[] {(byte) crc, (byte) (crc >>> 8), (byte) (crc >>> 16), (byte) (crc >>> 24),
            (byte) size, (byte) (size >>> 8), (byte) (size >>> 16), (byte) (size >>> 24)});
        return o.toByteArray();
    }

    @Test
    void everyOptionalHeaderFieldIsSkipped() throws Exception {
        byte[] raw = idx(300);
        byte[] longExtra = new byte[2 + 261];
        longExtra[0] = 5;
        longExtra[1] = 1;
        Arrays.fill(longExtra, 2, longExtra.length, (byte) 0x1F);
        byte[][] optionals = {
            longExtra,                                      // FEXTRA (4), length 261 = 0x0105
            {'n', 'a', 'm', 'e', 0},                         // FNAME (8)
            {'c', 'o', 'm', 0},                              // FCOMMENT (16)
            {0x12, 0x34},                                    // FHCRC (2)
            HostileIdxTest.concat(new byte[] {2, 0, 9, 9}, new byte[] {'f', 0}, new byte[] {'x', 'y', 0}, new byte[] {1, 2}),
        };
        int[] flags = {4, 8, 16, 2, 4 | 8 | 16 | 2};
        for (int k = 0; k < flags.length; k++) {
            byte[] gz = member(raw, flags[k], optionals[k], 0, 0);
            IdxArray a = IdxReader.read(gz, "f" + k, 1);
            assertThat(a.dims()).as("flags %d", flags[k]).containsExactly(300);
            assertThat(a.data()).as("flags %d", flags[k]).containsExactly(Arrays.copyOfRange(raw, 8, raw.length));
        }
    }

    @Test
    void twoMembersAreJoined() throws Exception {
        byte[] raw = idx(2000);
        byte[] gz = HostileIdxTest.concat(member(Arrays.copyOf(raw, 700), 8, new byte[] {'a', 0}, 0, 0),
                member(Arrays.copyOfRange(raw, 700, raw.length), 0, new byte[0], 0, 0));
        assertThat(IdxReader.read(gz, "two", 1).data()).containsExactly(Arrays.copyOfRange(raw, 8, raw.length));
        // the second member with a bad size: reported with the trailer's offset
        byte[] first = member(Arrays.copyOf(raw, 700), 0, new byte[0], 0, 0);
        byte[] second = member(Arrays.copyOfRange(raw, 700, raw.length), 0, new byte[0], 0, 1);
        byte[] bad = HostileIdxTest.concat(first, second);
        int trailer = bad.length - 8;
        assertThatThrownBy(() -> IdxReader.read(bad, "two", 1)).isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("size " + (raw.length - 700) + " of the decompressed member (trailer at compressed"
                        + " byte offset " + trailer + ")");
    }

    @Test
    void faultsAfterValidDeflateDataAreNamed() {
        byte[] raw = idx(100);
        byte[] good = member(raw, 0, new byte[0], 0, 0);
        int trailer = good.length - 8;
        // CRC off by one
        byte[] crc = member(raw, 0, new byte[0], 1, 0);
        assertThatThrownBy(() -> IdxReader.read(crc, "c", 1)).isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("gzip at byte offset " + raw.length + ": got ")
                .hasMessageContaining("(trailer at compressed byte offset " + trailer + ")");
        // trailer cut to 7 bytes, and to 0
        for (int cut : new int[] {1, 8}) {
            byte[] g = Arrays.copyOf(good, good.length - cut);
            assertThatThrownBy(() -> IdxReader.read(g, "t", 1)).as("cut %d", cut)
                    .hasMessage("t: gzip at byte offset " + raw.length + ": got " + (8 - cut) + ", expected an 8-byte"
                            + " gzip trailer (CRC-32, size) at compressed byte offset " + trailer + " (file cut short)");
        }
        // one stray byte, and two bytes that are not a member's magic, after the member
        byte[] stray = HostileIdxTest.concat(good, new byte[] {0x1F});
        assertThatThrownBy(() -> IdxReader.read(stray, "s", 1))
                .hasMessage("s: gzip at byte offset " + raw.length + ": got 1, expected nothing after the last gzip"
                        + " member (trailing bytes at compressed byte offset " + good.length + ")");
        byte[] notMagic = HostileIdxTest.concat(good, new byte[] {0x1F, (byte) 0x8C});
        assertThatThrownBy(() -> IdxReader.read(notMagic, "s", 1)).hasMessageContaining("got 2, expected nothing after");
        // a second member whose header is too short, or names method 7
        byte[] shortHeader = HostileIdxTest.concat(good, new byte[] {0x1F, (byte) 0x8B, 8, 0, 0});
        assertThatThrownBy(() -> IdxReader.read(shortHeader, "h", 1))
                .hasMessage("h: gzip at byte offset " + raw.length + ": got 5, expected a 10-byte gzip header at"
                        + " compressed byte offset " + good.length);
        // a header whose FNAME runs to the end of the file, and a FEXTRA length cut off
        byte[] name = {0x1F, (byte) 0x8B, 8, 8, 0, 0, 0, 0, 0, 0, 'a', 'b'};
        assertThatThrownBy(() -> IdxReader.read(name, "n", 1))
                .hasMessage("n: gzip at byte offset 0: got 12, expected a complete gzip header (it ends past the file,"
                        + " at compressed byte offset 13)");
        byte[] xlen = {0x1F, (byte) 0x8B, 8, 4, 0, 0, 0, 0, 0, 0, 3};
        assertThatThrownBy(() -> IdxReader.read(xlen, "x", 1))
                .hasMessage("x: gzip at byte offset 0: got 1, expected a gzip FEXTRA length");
        byte[] xlong = {0x1F, (byte) 0x8B, 8, 4, 0, 0, 0, 0, 0, 0, 3, 0, 1};
        assertThatThrownBy(() -> IdxReader.read(xlong, "x", 1))
                .hasMessage("x: gzip at byte offset 0: got 13, expected a complete gzip header (it ends past the file,"
                        + " at compressed byte offset 15)");
        byte[] hcrc = {0x1F, (byte) 0x8B, 8, 2, 0, 0, 0, 0, 0, 0, 1};
        assertThatThrownBy(() -> IdxReader.read(hcrc, "x", 1))
                .hasMessageContaining("a complete gzip header (it ends past the file, at compressed byte offset 12)");
        byte[] reserved = {0x1F, (byte) 0x8B, 8, 0x20, 0, 0, 0, 0, 0, 0, 1, 2};
        assertThatThrownBy(() -> IdxReader.read(reserved, "r", 1))
                .hasMessage("r: gzip at byte offset 0: got 32, expected reserved FLG bits 0 at compressed byte offset 3");
    }

    @Test
    void theDecompressionLimitIsInclusive() throws Exception {
        byte[] raw = idx(100);
        byte[] gz = member(raw, 0, new byte[0], 0, 0);
        assertThat(IdxReader.read(gz, "l", 1, 108).data()).containsExactly(Arrays.copyOfRange(raw, 8, 108));
        IdxFormatException e = catchThrowableOfType(IdxFormatException.class,
                () -> IdxReader.read(gz, "l", 1, 107));
        assertThat(e).hasMessage("l: gzip at byte offset 107: got 108, expected at most 107 decompressed bytes (the"
                + " maxDecompressedBytes limit; pass a larger one to read bigger files)");
        // output that fills the first buffer (1,024 bytes for a small file) exactly at a limit of exactly that size,
        // and output one byte longer: the bomb is reported with limit + 1 bytes produced, whatever the buffer size
        for (int total : new int[] {1024, 1025, 1030}) {
            byte[] k = idx(total - 8);
            for (int i = 8; i < total; i++) {
                k[i] = (byte) (i % 10);
            }
            byte[] kgz = member(k, 0, new byte[0], 0, 0);
            assertThat(kgz.length).isLessThan(256);
            if (total == 1024) {
                assertThat(IdxReader.read(kgz, "k", 1, 1024).data()).containsExactly(Arrays.copyOfRange(k, 8, 1024));
            } else {
                IdxFormatException b = catchThrowableOfType(IdxFormatException.class, () -> IdxReader.read(kgz, "k", 1, 1024));
                assertThat(b.value()).as("total %d", total).isEqualTo(1025);
                assertThat(b.offset()).isEqualTo(1024);
            }
            IdxFormatException b = catchThrowableOfType(IdxFormatException.class, () -> IdxReader.read(kgz, "k", 1, 1023));
            assertThat(b.value()).isEqualTo(1024);
        }
        // a raw file is not limited
        assertThat(IdxReader.read(raw, "r", 1, 1).dims()).containsExactly(100);
        assertThatThrownBy(() -> IdxReader.read(raw, "r", 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDecompressedBytes must be >= 1, got 0");
        assertThatThrownBy(() -> IdxReader.read(raw, "r", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expectedDims must be >= 0, got -1");
    }

    @Test
    void aHeaderThatEndsWhereTheFileEndsIsAStreamCutShort() {
        byte[] bare = {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> IdxReader.read(bare, "b", 1)).hasMessage("b: gzip at byte offset 0: got 0, expected a"
                + " complete gzip stream (it ends after 0 decompressed bytes, compressed file cut short)");
        byte[] named = {0x1F, (byte) 0x8B, 8, 8, 0, 0, 0, 0, 0, 0, 'a', 0};
        assertThatThrownBy(() -> IdxReader.read(named, "b", 1)).hasMessageContaining("compressed file cut short");
        // the gzip magic alone is a gzip file with a short header; one byte of it is a raw file with a short header
        assertThatThrownBy(() -> IdxReader.read(new byte[] {0x1F, (byte) 0x8B}, "m", 1))
                .hasMessage("m: gzip at byte offset 0: got 2, expected a 10-byte gzip header at compressed byte offset 0");
        assertThatThrownBy(() -> IdxReader.read(new byte[] {0x1F}, "m", 1))
                .hasMessage("m: header at byte offset 1: got 1, expected at least 4 bytes (magic)");
        assertThat(IdxReader.isGzip(new byte[] {0x1F, (byte) 0x8B})).isTrue();
        assertThat(IdxReader.isGzip(new byte[] {0x1F, (byte) 0x8C})).isFalse();
        assertThat(IdxReader.isGzip(new byte[] {0x1E, (byte) 0x8B})).isFalse();
    }

    @Test
    void aSecondMemberWithAnotherMethodIsNamed() {
        byte[] raw = idx(50);
        byte[] good = member(Arrays.copyOf(raw, 30), 0, new byte[0], 0, 0);
        byte[] seven = member(Arrays.copyOfRange(raw, 30, raw.length), 0, new byte[0], 0, 0);
        seven[2] = 7;
        byte[] gz = HostileIdxTest.concat(good, seven);
        assertThatThrownBy(() -> IdxReader.read(gz, "s", 1)).hasMessage("s: gzip at byte offset 30: got 7, expected"
                + " magic 1f 8b and method 8 (deflate) at compressed byte offset " + good.length);
        seven[2] = 8;
        seven[3] = (byte) 0x80;
        byte[] gz2 = HostileIdxTest.concat(good, seven);
        assertThatThrownBy(() -> IdxReader.read(gz2, "s", 1)).hasMessage("s: gzip at byte offset 30: got 128, expected"
                + " reserved FLG bits 0 at compressed byte offset " + (good.length + 3));
    }

    @Test
    void invalidDeflateDataNamesTheCompressedOffset() {
        // BFINAL 1, BTYPE 11 (reserved): the inflater stops at the first byte of the deflate data
        byte[] gz = HostileIdxTest.concat(new byte[] {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 0, 0x07},
                new byte[20]);
        IdxFormatException e = catchThrowableOfType(IdxFormatException.class,
                () -> IdxReader.read(gz, "d", 1));
        assertThat(e.field()).isEqualTo("gzip");
        assertThat(e.offset()).isZero();
        assertThat(e.getCause()).isInstanceOf(java.util.zip.DataFormatException.class);
        assertThat(e.expected()).startsWith("a valid deflate stream (").endsWith(") at compressed byte offset 11");
    }

    @Test
    void everySplitOfTheStreamIntoThreeMembersReadsTheSame() throws Exception {
        // splits inside the magic, the dimension count, the sizes and the data: the header's declared length is only
        // known once all of it has been inflated, whichever member it arrives in, and a third member must still follow
        byte[] raw = IdxReferenceProperties.file(new int[] {3, 2, 5}, IdxReferenceProperties.data(30, 5));
        for (int k = 1; k < raw.length; k++) {
            int m = (k + raw.length) / 2;
            byte[] gz = HostileIdxTest.concat(member(Arrays.copyOf(raw, k), 0, new byte[0], 0, 0),
                    member(Arrays.copyOfRange(raw, k, m), 0, new byte[0], 0, 0),
                    member(Arrays.copyOfRange(raw, m, raw.length), 0, new byte[0], 0, 0));
            IdxArray a = IdxReader.read(gz, "k" + k, 3);
            assertThat(a.dims()).as("split at %d, %d", k, m).containsExactly(3, 2, 5);
            assertThat(a.data()).as("split at %d, %d", k, m).containsExactly(Arrays.copyOfRange(raw, 16, raw.length));
        }
    }

    @Test
    void trailerAndHeaderFieldsAtTheEndOfTheFile() {
        byte[] raw = idx(40);
        byte[] good = member(raw, 0, new byte[0], 0, 0);
        // two bytes after the member that are a gzip magic: a member header cut to 2 bytes
        byte[] magic = HostileIdxTest.concat(good, new byte[] {0x1F, (byte) 0x8B});
        assertThatThrownBy(() -> IdxReader.read(magic, "m", 1)).hasMessage("m: gzip at byte offset 48: got 2, expected"
                + " a 10-byte gzip header at compressed byte offset " + good.length);
        // the stored CRC is named as an unsigned value
        CRC32 c = new CRC32();
        c.update(raw);
        byte[] bad = member(raw, 0, new byte[0], -1 - (int) c.getValue(), 0); // stored CRC 0xFFFFFFFF
        IdxFormatException e = catchThrowableOfType(IdxFormatException.class,
                () -> IdxReader.read(bad, "c", 1));
        assertThat(e.value()).isEqualTo(0xFFFFFFFFL);
        assertThat(e.expected()).startsWith("the CRC-32 0x" + Long.toHexString(c.getValue()) + " and size 48 ");
        // a FEXTRA length that is the last two bytes of the file: the extra field itself runs past the end
        byte[] xlen = {0x1F, (byte) 0x8B, 8, 4, 0, 0, 0, 0, 0, 0, 5, 0};
        assertThatThrownBy(() -> IdxReader.read(xlen, "x", 1))
                .hasMessage("x: gzip at byte offset 0: got 12, expected a complete gzip header (it ends past the file,"
                        + " at compressed byte offset 17)");
    }

    @Test
    void aZeroSizeStopsTheInflaterAtTheFirstOutputPastTheHeader() throws Exception {
        // dims {0}: 8 bytes declared, then 200,000 bytes of data; the reader stops long before inflating them all
        byte[] raw = Arrays.copyOf(IdxReferenceProperties.file(new int[] {0}, new byte[0]), 8 + 200_000);
        IdxFormatException e = catchThrowableOfType(IdxFormatException.class,
                () -> IdxReader.read(IdxReaderTest.gzip(raw), "z", 1));
        assertThat(e.field()).isEqualTo("payload");
        assertThat(e.offset()).isEqualTo(8);
        assertThat(e.value()).isPositive().isLessThan(200_000);
        assertThat(e.expected()).isEqualTo("0 data bytes (trailing bytes)");
    }
}
