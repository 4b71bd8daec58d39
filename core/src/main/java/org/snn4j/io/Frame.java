package org.snn4j.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The framing shared by snn4j's binary files ({@link ModelFile}, {@link SectionFile}): an 8-byte magic number,
 * an int32 format version, an int64 body length, the body, and a CRC32 of everything before it. Big-endian.
 * Stateless.
 */
final class Frame {
    /** Bytes before the body: magic, version, body length. */
    static final int HEADER = 20;
    /** The largest file read or written: one Java array. */
    static final int MAX_FILE = Integer.MAX_VALUE - 16;

    private Frame() {
    }

    /** Where the body of a checked file ends (the checksum's offset) and its format version. */
    record Opened(int version, int bodyEnd) {
    }

    /** The frame of {@code body}: header, body, checksum. @throws IllegalArgumentException if too large */
    static byte[] wrap(byte[] magic, int version, byte[] body, int bodyLength) {
        long size = HEADER + (long) bodyLength + 4;
        if (size > MAX_FILE) {
            throw new IllegalArgumentException("content too large for one file: " + size + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size);
        b.put(magic).putInt(version).putLong(bodyLength).put(body, 0, bodyLength);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** The magic number of {@code bytes} matches {@code magic} (false for shorter input). */
    static boolean startsWith(byte[] bytes, byte[] magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int k = 0; k < magic.length; k++) {
            if (bytes[k] != magic[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks magic, version, length and checksum of {@code bytes}.
     *
     * @param what the file kind for messages ("model file", "network file")
     * @throws ModelFileException FOREIGN, NEWER_VERSION, TRUNCATED, CORRUPT or MALFORMED (version &lt; 1)
     */
    static Opened open(byte[] bytes, byte[] magic, int currentVersion, String what) throws ModelFileException {
        int n = bytes.length;
        for (int k = 0; k < magic.length; k++) {
            if (k >= n) {
                throw new ModelFileException(ModelFileException.Kind.TRUNCATED, n, "magic",
                        "file has only " + n + " bytes, " + article(what) + " starts with an 8-byte magic number");
            }
            if (bytes[k] != magic[k]) {
                throw new ModelFileException(ModelFileException.Kind.FOREIGN, k, "magic",
                        "not an snn4j " + what + ": byte " + k + " is 0x" + hex(bytes[k]) + ", expected 0x"
                                + hex(magic[k]));
            }
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (n < 12) {
            throw truncated(n, "version", "file ends inside the format version (" + n + " bytes)");
        }
        int version = b.getInt(8);
        if (version > currentVersion) {
            throw new ModelFileException(ModelFileException.Kind.NEWER_VERSION, 8, "version",
                    "format version " + version + " is newer than this library reads (" + currentVersion
                            + "); upgrade snn4j");
        }
        if (version < 1) {
            throw new ModelFileException(ModelFileException.Kind.MALFORMED, 8, "version",
                    "format version must be >= 1, got " + version);
        }
        if (n < HEADER) {
            throw truncated(n, "bodyLength", "file ends inside the header (" + n + " of " + HEADER + " bytes)");
        }
        long bodyLength = b.getLong(12);
        if (bodyLength < 0) {
            throw new ModelFileException(ModelFileException.Kind.CORRUPT, 12, "bodyLength",
                    "body length must be >= 0, got " + bodyLength);
        }
        long expected = HEADER + bodyLength + 4;
        if (n < expected) {
            throw truncated(n, "body", "file has " + n + " bytes, its header declares " + expected);
        }
        if (n > expected) {
            throw new ModelFileException(ModelFileException.Kind.CORRUPT, expected, "end",
                    (n - expected) + " unexpected bytes after the checksum (file has " + n + ", header declares "
                            + expected + ")");
        }
        int crcAt = (int) (HEADER + bodyLength);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, crcAt);
        int stored = b.getInt(crcAt);
        if (stored != (int) crc.getValue()) {
            throw new ModelFileException(ModelFileException.Kind.CORRUPT, crcAt, "crc32",
                    "checksum mismatch: stored 0x" + Integer.toHexString(stored) + ", computed 0x"
                            + Long.toHexString(crc.getValue()) + " (the file was modified or damaged)");
        }
        return new Opened(version, crcAt);
    }

    private static String article(String what) {
        return "a " + what;
    }

    private static ModelFileException truncated(long offset, String field, String message) {
        return new ModelFileException(ModelFileException.Kind.TRUNCATED, offset, field, message);
    }

    /**
     * The next {@code len} bytes of {@code b} (checked by the caller to be there) as strict UTF-8; advances
     * {@code b} past them.
     *
     * @param field names the field in the error
     * @throws ModelFileException MALFORMED at the string's offset if the bytes are not valid UTF-8
     */
    static String utf8(ByteBuffer b, int len, String field) throws ModelFileException {
        int at = b.position();
        ByteBuffer slice = b.slice();
        slice.limit(len);
        b.position(at + len);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(ModelFileException.Kind.MALFORMED, at, field, "invalid UTF-8");
        }
    }

    static String hex(byte v) {
        return String.format("%02x", v & 0xff);
    }
}
