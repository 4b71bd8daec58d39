package org.snn4j.encoding.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads IDX files of unsigned bytes (the MNIST format, yann.lecun.com/exdb/mnist), raw or gzip-compressed
 * (detected by the magic bytes {@code 1f 8b}, not by the file name).
 *
 * <p>Layout (big-endian): bytes 0-1 zero; byte 2 data type ({@code 0x08} = unsigned byte, the only type
 * read here); byte 3 the number of dimensions {@code d}; then {@code d} int32 sizes; then
 * {@code product(sizes)} data bytes and nothing else. Every field is checked and a fault raises
 * {@link IdxFormatException} with the field, value, expectation and byte offset (offsets are in the
 * decompressed stream): magic (offset 0), type (2), number of dims (3; must be the expected count, or 1..4
 * when any is allowed), each size (4 + 4i; {@code >= 0}, and the product must fit in an array), the payload
 * length (truncated: offset where the data ends; trailing bytes: offset of the first extra byte).
 *
 * <p>Gzip (RFC 1952): one or more complete gzip members (concatenated members are one stream, as
 * {@code gunzip} treats them), each with its CRC-32 and length checked; anything after the last member that
 * is not another member is rejected (field {@code "gzip"}, offset = byte offset in the compressed file), as
 * trailing bytes after the payload of a raw file are. The decompressed size is limited
 * ({@link #DEFAULT_MAX_DECOMPRESSED}, 256 MiB, unless the caller passes another limit), checked while
 * decompressing, so a small file that expands to gigabytes (a decompression bomb) is rejected with the limit
 * in the message before memory runs out; decompression also stops as soon as the output exceeds the size the
 * IDX header declares.
 *
 * <p>Stateless and thread-safe.
 */
public final class IdxReader {
    /** Largest payload accepted (the largest Java array). */
    static final long MAX_PAYLOAD = Integer.MAX_VALUE - 8L;
    /**
     * Default limit on the decompressed size of a gzip'd IDX file: 256 MiB (MNIST's training images are
     * 47 MB; pass a larger limit for bigger data sets).
     */
    public static final long DEFAULT_MAX_DECOMPRESSED = 256L << 20;

    private IdxReader() {
    }

    /**
     * Reads a file with the default decompression limit.
     *
     * @param file         an IDX file, raw or gzip
     * @param expectedDims the number of dimensions required, or {@code 0} for any of 1..4
     * @throws IdxFormatException if the file is malformed
     * @throws IOException        if it cannot be read
     */
    public static IdxArray read(Path file, int expectedDims) throws IOException {
        return read(file, expectedDims, DEFAULT_MAX_DECOMPRESSED);
    }

    /**
     * Reads a file.
     *
     * @param file                 an IDX file, raw or gzip
     * @param expectedDims         the number of dimensions required, or {@code 0} for any of 1..4
     * @param maxDecompressedBytes the largest decompressed size accepted for a gzip file, in bytes, {@code >= 1}
     * @throws IdxFormatException if the file is malformed or decompresses to more than the limit
     * @throws IOException        if it cannot be read
     */
    public static IdxArray read(Path file, int expectedDims, long maxDecompressedBytes) throws IOException {
        Objects.requireNonNull(file, "file");
        return read(Files.readAllBytes(file), String.valueOf(file.getFileName()), expectedDims, maxDecompressedBytes);
    }

    /** Reads a whole stream (not closed), raw or gzip; see {@link #read(Path, int)}. */
    public static IdxArray read(InputStream in, String source, int expectedDims) throws IOException {
        Objects.requireNonNull(in, "in");
        return read(in.readAllBytes(), source, expectedDims);
    }

    /**
     * Parses the bytes of a file, raw or gzip, with the default decompression limit.
     *
     * @param bytes        the file content; not modified
     * @param source       a name for messages
     * @param expectedDims the number of dimensions required, or {@code 0} for any of 1..4
     * @throws IdxFormatException if the content is malformed
     */
    public static IdxArray read(byte[] bytes, String source, int expectedDims) throws IdxFormatException {
        return read(bytes, source, expectedDims, DEFAULT_MAX_DECOMPRESSED);
    }

    /**
     * Parses the bytes of a file, raw or gzip.
     *
     * @param bytes                the file content; not modified
     * @param source               a name for messages
     * @param expectedDims         the number of dimensions required, or {@code 0} for any of 1..4
     * @param maxDecompressedBytes the largest decompressed size accepted for gzip content, in bytes, {@code >= 1}
     * @throws IdxFormatException if the content is malformed or decompresses to more than the limit
     */
    public static IdxArray read(byte[] bytes, String source, int expectedDims, long maxDecompressedBytes)
            throws IdxFormatException {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(source, "source");
        if (expectedDims < 0) {
            throw new IllegalArgumentException("expectedDims must be >= 0, got " + expectedDims);
        }
        if (maxDecompressedBytes < 1) {
            throw new IllegalArgumentException("maxDecompressedBytes must be >= 1, got " + maxDecompressedBytes);
        }
        byte[] raw = isGzip(bytes) ? gunzip(bytes, source, Math.min(maxDecompressedBytes, MAX_PAYLOAD + 64)) : bytes;
        return parse(raw, source, expectedDims);
    }

    /** True if {@code bytes} starts with the gzip magic {@code 1f 8b}. */
    public static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B;
    }

    /**
     * Decompresses every gzip member of {@code gz} (RFC 1952) into one array, at most {@code limit} bytes, and
     * stops early once the output exceeds what the IDX header declares (the parser then reports the trailing
     * bytes). Bytes after the last member that are not a member are rejected.
     */
    private static byte[] gunzip(byte[] gz, String source, long limit) throws IdxFormatException {
        byte[] out = new byte[(int) Math.min(limit + 1, Math.max(1024L, Math.min(4L * gz.length, 1L << 24)))];
        int n = 0;
        int p = 0;
        long declared = -1;
        Inflater inf = new Inflater(true);
        try {
            while (true) {
                p = memberHeader(gz, p, source, n);
                inf.reset();
                inf.setInput(gz, p, gz.length - p);
                CRC32 crc = new CRC32();
                int memberStart = n;
                while (!inf.finished()) {
                    if (n == out.length) {
                        if (n > limit) {
                            throw bomb(source, n, limit);
                        }
                        out = Arrays.copyOf(out, (int) Math.min(limit + 1, Math.max(1024L, 2L * n)));
                    }
                    int r;
                    try {
                        r = inf.inflate(out, n, out.length - n);
                    } catch (DataFormatException e) {
                        throw new IdxFormatException(source, "gzip", n, "a valid deflate stream (" + e.getMessage()
                                + ") at compressed byte offset " + (gz.length - inf.getRemaining()), n, e);
                    }
                    n += r;
                    if (n > limit) {
                        throw bomb(source, n, limit);
                    }
                    if (declared < 0) {
                        declared = declaredLength(out, n);
                    }
                    if (declared >= 0 && n > declared) {
                        return Arrays.copyOf(out, n); // trailing decompressed bytes: parse() names them
                    }
                    if (r == 0 && (inf.needsInput() || inf.needsDictionary())) {
                        throw new IdxFormatException(source, "gzip", n, "a complete gzip stream (it ends after "
                                + n + " decompressed bytes, compressed file cut short)", n);
                    }
                }
                crc.update(out, memberStart, n - memberStart);
                int t = gz.length - inf.getRemaining();
                if (gz.length - t < 8) {
                    throw new IdxFormatException(source, "gzip", gz.length - t, "an 8-byte gzip trailer (CRC-32, size)"
                            + " at compressed byte offset " + t + " (file cut short)", n);
                }
                int storedCrc = le32(gz, t);
                int storedSize = le32(gz, t + 4);
                if (storedCrc != (int) crc.getValue() || storedSize != n - memberStart) {
                    throw new IdxFormatException(source, "gzip", storedCrc & 0xFFFFFFFFL, "the CRC-32 0x"
                            + Long.toHexString(crc.getValue()) + " and size " + (n - memberStart)
                            + " of the decompressed member (trailer at compressed byte offset " + t + ")", n);
                }
                p = t + 8;
                if (p == gz.length) {
                    return n == out.length ? out : Arrays.copyOf(out, n);
                }
                if (!(gz.length - p >= 2 && (gz[p] & 0xFF) == 0x1F && (gz[p + 1] & 0xFF) == 0x8B)) {
                    throw new IdxFormatException(source, "gzip", gz.length - p, "nothing after the last gzip member"
                            + " (trailing bytes at compressed byte offset " + p + ")", n);
                }
            }
        } finally {
            inf.end();
        }
    }

    private static IdxFormatException bomb(String source, long produced, long limit) {
        return new IdxFormatException(source, "gzip", produced, "at most " + limit + " decompressed bytes (the"
                + " maxDecompressedBytes limit; pass a larger one to read bigger files)", limit);
    }

    /** Parses a gzip member header at {@code p}; returns the offset of its deflate data. */
    private static int memberHeader(byte[] gz, int p, String source, long produced) throws IdxFormatException {
        if (gz.length - p < 10) {
            throw new IdxFormatException(source, "gzip", gz.length - p, "a 10-byte gzip header at compressed byte"
                    + " offset " + p, produced);
        }
        if ((gz[p] & 0xFF) != 0x1F || (gz[p + 1] & 0xFF) != 0x8B || gz[p + 2] != 8) {
            throw new IdxFormatException(source, "gzip", gz[p + 2] & 0xFF, "magic 1f 8b and method 8 (deflate) at"
                    + " compressed byte offset " + p, produced);
        }
        int flg = gz[p + 3] & 0xFF;
        if ((flg & 0xE0) != 0) {
            throw new IdxFormatException(source, "gzip", flg, "reserved FLG bits 0 at compressed byte offset "
                    + (p + 3), produced);
        }
        int q = p + 10;
        if ((flg & 4) != 0) { // FEXTRA
            if (gz.length - q < 2) {
                throw new IdxFormatException(source, "gzip", gz.length - q, "a gzip FEXTRA length", produced);
            }
            q += 2 + ((gz[q] & 0xFF) | ((gz[q + 1] & 0xFF) << 8));
        }
        for (int bit = 8; bit <= 16; bit <<= 1) { // FNAME, FCOMMENT: zero-terminated
            if ((flg & bit) != 0) {
                while (q < gz.length && gz[q] != 0) {
                    q++;
                }
                q++;
            }
        }
        if ((flg & 2) != 0) { // FHCRC
            q += 2;
        }
        if (q > gz.length) {
            throw new IdxFormatException(source, "gzip", gz.length, "a complete gzip header (it ends past the file,"
                    + " at compressed byte offset " + q + ")", produced);
        }
        return q;
    }

    /** The total length {@code header + product(dims)} an IDX header declares, or -1 if not yet known or invalid. */
    private static long declaredLength(byte[] b, int n) {
        if (n < 4) {
            return -1;
        }
        int nd = b[3] & 0xFF;
        int header = 4 + 4 * nd;
        if (n < header) {
            return -1;
        }
        long product = 1;
        for (int i = 0; i < nd; i++) {
            int d = be32(b, 4 + 4 * i);
            if (d < 0) {
                return -1;
            }
            product = Math.min(product * d, MAX_PAYLOAD + 1);
        }
        return header + product;
    }

    private static int le32(byte[] b, int p) {
        return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | ((b[p + 2] & 0xFF) << 16) | ((b[p + 3] & 0xFF) << 24);
    }

    private static int be32(byte[] b, int p) {
        return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    private static IdxArray parse(byte[] b, String source, int expectedDims) throws IdxFormatException {
        if (b.length < 4) {
            throw new IdxFormatException(source, "header", b.length, "at least 4 bytes (magic)", b.length);
        }
        int magicHigh = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        if (magicHigh != 0) {
            throw new IdxFormatException(source, "magic", magicHigh, "0x0000 in bytes 0-1", 0);
        }
        int type = b[2] & 0xFF;
        if (type != 0x08) {
            throw new IdxFormatException(source, "type", type, "0x08 (unsigned byte)", 2);
        }
        int nd = b[3] & 0xFF;
        if (expectedDims != 0 ? nd != expectedDims : (nd < 1 || nd > 4)) {
            throw new IdxFormatException(source, "dims", nd,
                    expectedDims != 0 ? String.valueOf(expectedDims) : "1..4", 3);
        }
        int header = 4 + 4 * nd;
        if (b.length < header) {
            throw new IdxFormatException(source, "header", b.length, header + " bytes for " + nd + " dims",
                    b.length);
        }
        int[] dims = new int[nd];
        long product = 1;
        for (int i = 0; i < nd; i++) {
            int off = 4 + 4 * i;
            int d = be32(b, off);
            if (d < 0) {
                throw new IdxFormatException(source, "dim " + i, d & 0xFFFFFFFFL, "a size in [0, 2^31)", off);
            }
            product *= d;
            if (product > MAX_PAYLOAD) {
                throw new IdxFormatException(source, "dim " + i, d, "sizes whose product is at most "
                        + MAX_PAYLOAD, off);
            }
            dims[i] = d;
        }
        long available = b.length - (long) header;
        if (available < product) {
            throw new IdxFormatException(source, "payload", available, product + " data bytes (truncated file)",
                    b.length);
        }
        if (available > product) {
            throw new IdxFormatException(source, "payload", available, product + " data bytes (trailing bytes)",
                    header + product);
        }
        byte[] data = new byte[(int) product];
        System.arraycopy(b, header, data, 0, data.length);
        return new IdxArray(dims, data);
    }
}
