package org.snn4j.encoding.dataset;

import java.io.IOException;

/**
 * A malformed IDX file. The message and the accessors name the source, the field, the value found, what
 * was expected and the byte offset of the field in the (decompressed) IDX stream; for a damaged gzip
 * layer the field is {@code "gzip"} and the offset is the number of bytes decompressed before the fault.
 */
public class IdxFormatException extends IOException {
    private final String source;
    private final String field;
    private final long value;
    private final String expected;
    private final long offset;

    /**
     * Creates the exception.
     *
     * @param source   the file name or a description of the stream
     * @param field    the field, e.g. {@code "magic"}, {@code "type"}, {@code "dims"}, {@code "dim 1"},
     *                 {@code "payload"}, {@code "label"}, {@code "gzip"}
     * @param value    the value found (a byte count for truncation)
     * @param expected what was expected, in words
     * @param offset   byte offset of the field
     */
    public IdxFormatException(String source, String field, long value, String expected, long offset) {
        super(source + ": " + field + " at byte offset " + offset + ": got " + value + ", expected " + expected);
        this.source = source;
        this.field = field;
        this.value = value;
        this.expected = expected;
        this.offset = offset;
    }

    /** Same, with the underlying cause (e.g. a {@code ZipException}). */
    public IdxFormatException(String source, String field, long value, String expected, long offset, Throwable cause) {
        this(source, field, value, expected, offset);
        initCause(cause);
    }

    /** The file name or stream description. */
    public String source() {
        return source;
    }

    /** The field that is wrong. */
    public String field() {
        return field;
    }

    /** The value found. */
    public long value() {
        return value;
    }

    /** What was expected. */
    public String expected() {
        return expected;
    }

    /** Byte offset of the field in the decompressed stream. */
    public long offset() {
        return offset;
    }
}
