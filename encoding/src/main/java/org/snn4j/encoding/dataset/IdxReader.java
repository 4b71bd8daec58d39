package org.snn4j.encoding.dataset;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

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
 * <p>Stateless and thread-safe.
 */
public final class IdxReader {
    /** Largest payload accepted (the largest Java array). */
    static final long MAX_PAYLOAD = Integer.MAX_VALUE - 8L;

    private IdxReader() {
    }

    /**
     * Reads a file.
     *
     * @param file         an IDX file, raw or gzip
     * @param expectedDims the number of dimensions required, or {@code 0} for any of 1..4
     * @throws IdxFormatException if the file is malformed
     * @throws IOException        if it cannot be read
     */
    public static IdxArray read(Path file, int expectedDims) throws IOException {
        Objects.requireNonNull(file, "file");
        return read(Files.readAllBytes(file), String.valueOf(file.getFileName()), expectedDims);
    }

    /** Reads a whole stream (not closed), raw or gzip; see {@link #read(Path, int)}. */
    public static IdxArray read(InputStream in, String source, int expectedDims) throws IOException {
        Objects.requireNonNull(in, "in");
        return read(in.readAllBytes(), source, expectedDims);
    }

    /**
     * Parses the bytes of a file, raw or gzip.
     *
     * @param bytes        the file content; not modified
     * @param source       a name for messages
     * @param expectedDims the number of dimensions required, or {@code 0} for any of 1..4
     * @throws IdxFormatException if the content is malformed
     */
    public static IdxArray read(byte[] bytes, String source, int expectedDims) throws IdxFormatException {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(source, "source");
        if (expectedDims < 0) {
            throw new IllegalArgumentException("expectedDims must be >= 0, got " + expectedDims);
        }
        byte[] raw = isGzip(bytes) ? gunzip(bytes, source) : bytes;
        return parse(raw, source, expectedDims);
    }

    /** True if {@code bytes} starts with the gzip magic {@code 1f 8b}. */
    public static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B;
    }

    private static byte[] gunzip(byte[] gz, String source) throws IdxFormatException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(Math.max(64, gz.length * 4));
        byte[] buf = new byte[1 << 16];
        long produced = 0;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz), 1 << 16)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                produced += r;
                if (produced > MAX_PAYLOAD) {
                    throw new IdxFormatException(source, "gzip", produced, "at most " + MAX_PAYLOAD
                            + " decompressed bytes", MAX_PAYLOAD);
                }
                out.write(buf, 0, r);
            }
        } catch (IdxFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new IdxFormatException(source, "gzip", produced, "a valid gzip stream (" + e + ")", produced, e);
        }
        return out.toByteArray();
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
            int d = ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8)
                    | (b[off + 3] & 0xFF);
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
