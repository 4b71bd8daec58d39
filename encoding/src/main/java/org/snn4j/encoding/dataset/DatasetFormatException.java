package org.snn4j.encoding.dataset;

import java.io.IOException;

/**
 * A fault in a data set's layout or index files (not in a recording itself, which the format readers report):
 * a bad line of a label list, a missing class folder, a listed recording that does not exist. The message and the
 * accessors name the file, the line (0 when the fault is not on a line), the field, the value found and what was
 * expected: {@code "train1K.txt line 7: class: got '12', expected a digit class 0..9"}. Immutable.
 */
public final class DatasetFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String field;
    private final String value;
    private final String expected;

    /**
     * Creates the exception.
     *
     * @param file     the file or folder at fault
     * @param line     1-based line number, or 0 when the fault is not on a line
     * @param field    the field, e.g. {@code "class"}, {@code "sample"}, {@code "folder"}
     * @param value    what was found
     * @param expected what was expected, in words
     */
    public DatasetFormatException(String file, long line, String field, String value, String expected) {
        super(file + (line > 0 ? " line " + line : "") + ": " + field + ": got '" + value + "', expected " + expected);
        this.file = file;
        this.line = line;
        this.field = field;
        this.value = value;
        this.expected = expected;
    }

    /** The file or folder at fault. */
    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when the fault is not on a line. */
    public long line() {
        return line;
    }

    /** The field at fault. */
    public String field() {
        return field;
    }

    /** The value found. */
    public String value() {
        return value;
    }

    /** What was expected. */
    public String expected() {
        return expected;
    }
}
