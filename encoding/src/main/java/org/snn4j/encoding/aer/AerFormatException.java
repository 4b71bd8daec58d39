package org.snn4j.encoding.aer;

import java.io.IOException;

/**
 * A structural fault in an event file: a wrong magic, a bad header field, a truncated record or packet, a
 * coordinate outside the sensor, a timestamp going backwards. Thrown by readers in {@link ReadMode#STRICT};
 * in {@link ReadMode#LENIENT} the same faults are counted in a {@link ReadReport} instead.
 *
 * <p>The message reads {@code "byte offset 4241: field 'event' expected a multiple of 8 bytes, got 6 trailing bytes"}.
 * Immutable.
 */
public final class AerFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String field;
    private final String expected;
    private final String actual;

    /**
     * @param offset   byte offset in the file (or stream) where the fault starts
     * @param field    the field or structure that is wrong, e.g. {@code "eventSize"}
     * @param expected what the format requires
     * @param actual   what was found
     */
    public AerFormatException(long offset, String field, String expected, String actual) {
        this(offset, field, expected, actual, null);
    }

    /** As {@link #AerFormatException(long, String, String, String)} with a cause. */
    public AerFormatException(long offset, String field, String expected, String actual, Throwable cause) {
        super("byte offset " + offset + ": field '" + field + "' expected " + expected + ", got " + actual, cause);
        this.offset = offset;
        this.field = field;
        this.expected = expected;
        this.actual = actual;
    }

    /** Byte offset of the fault. */
    public long offset() {
        return offset;
    }

    /** The field or structure at fault. */
    public String field() {
        return field;
    }

    /** What the format requires there. */
    public String expected() {
        return expected;
    }

    /** What the file holds there. */
    public String actual() {
        return actual;
    }
}
