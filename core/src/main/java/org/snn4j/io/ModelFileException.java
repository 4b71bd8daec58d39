package org.snn4j.io;

import java.io.IOException;

/**
 * A model file that cannot be read: not a model file, written by a newer format version, cut short,
 * damaged (checksum mismatch) or structurally invalid. The message names the byte offset and the field
 * (and the file, when read from one); {@link #kind()}, {@link #offset()} and {@link #field()} give them to programs.
 */
public final class ModelFileException extends IOException {

    /** Why a model file was rejected. */
    public enum Kind {
        /** The magic number is not snn4j's: some other file. */
        FOREIGN,
        /** The format version is newer than this library reads. */
        NEWER_VERSION,
        /** The file ends before the length its header declares. */
        TRUNCATED,
        /** The checksum does not match, or bytes follow the checksum. */
        CORRUPT,
        /** The checksum matches but the content is invalid (a writer bug, or a hand-made file). */
        MALFORMED,
        /**
         * A section of a {@link SectionFile} whose type no codec given to the reader reads (a user's own component
         * whose {@link Codec} was not passed); {@link #field()} names the section, the message its type.
         */
        UNKNOWN_SECTION,
        /**
         * A valid file whose content does not fit where it is loaded (a saved network loaded into a network of
         * another structure or shape); {@link #field()} names the part that differs.
         */
        MISMATCH
    }

    private final Kind kind;
    private final long offset;
    private final String field;
    private final String detail;

    /**
     * @param kind    the reason
     * @param offset  byte offset in the file where the problem was found
     * @param field   the field being read there
     * @param message the human-readable explanation (offset and field are prepended)
     */
    public ModelFileException(Kind kind, long offset, String field, String message) {
        super(kind + (offset >= 0 ? " model file at byte offset " + offset : " model content") + " (field " + field + "): " + message);
        this.kind = kind;
        this.offset = offset;
        this.field = field;
        this.detail = message;
    }

    /** The explanation without the kind, offset and field prefix. */
    public String detail() {
        return detail;
    }

    /** Why the file was rejected. */
    public Kind kind() {
        return kind;
    }

    /** Byte offset in the file where the problem was found. */
    public long offset() {
        return offset;
    }

    /** The field being read at {@link #offset()}. */
    public String field() {
        return field;
    }
}
