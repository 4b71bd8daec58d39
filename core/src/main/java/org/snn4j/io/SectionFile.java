package org.snn4j.io;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * snn4j's file of typed sections: a tree of components (a network, its layers, their neuron models, ...), each
 * section written and read by the {@link Codec} of its type. Same framing as {@link ModelFile} (magic,
 * version, body length, body, CRC32; big-endian), with its own magic number, so neither reader mistakes the
 * other's files. Never Java serialization.
 *
 * <h2>Layout</h2>
 * <pre>
 * offset 0   8 bytes  magic            0x89 'S' 'N' 'N' '4' 'J' 'S' '\n'
 * offset 8   int32    format version   {@link #CURRENT_VERSION}
 * offset 12  int64    body length L
 * offset 20  body:    one section (the root component)
 * offset 20+L int32   CRC32 of bytes [0, 20+L)
 *
 * section := string type; int32 section version (&gt;= 1); int32 field count; fields
 * field   := string name (non-empty, unique in its section); int8 tag; value
 *   tag 1 text     string
 *   tag 2 integer  int64
 *   tag 3 double   float64 (IEEE 754 bits)
 *   tag 4 float    float32 (IEEE 754 bits)
 *   tag 5 boolean  int8, 0 or 1
 *   tag 6 floats   int32 rank; rank x int32 dimensions; product x float32
 *   tag 7 ints     int32 length; length x int32
 *   tag 8 section  a nested section
 *   tag 9 sections int32 count; count x section
 * string  := int32 byte count; UTF-8 bytes
 * </pre>
 *
 * <h2>Failures</h2>
 * Reading throws only {@link ModelFileException}: {@code FOREIGN}, {@code NEWER_VERSION} (the file, or one
 * section newer than its codec), {@code TRUNCATED}, {@code CORRUPT}, {@code MALFORMED} (structure, a missing or
 * mistyped field, or a value a component rejects), {@code UNKNOWN_SECTION} (no codec given for a section type),
 * {@code MISMATCH} (an array of another shape than the component needs). Every count, length, rank and dimension is
 * checked against the bytes that follow before anything is allocated, and nesting is limited to
 * {@value #MAX_DEPTH} levels, so a forged file makes the reader allocate at most a few times its size and never
 * overflows the stack.
 *
 * <p>Stateless and thread-safe.
 */
public final class SectionFile {
    /** The format version this class writes and the newest it reads. */
    public static final int CURRENT_VERSION = 1;
    /** The deepest nesting of sections read. */
    public static final int MAX_DEPTH = 32;

    private static final byte[] MAGIC = {(byte) 0x89, 'S', 'N', 'N', '4', 'J', 'S', '\n'};
    private static final byte[] MODEL_MAGIC = {(byte) 0x89, 'S', 'N', 'N', '4', 'J', 'M', '\n'};
    private static final byte T_TEXT = 1;
    private static final byte T_LONG = 2;
    private static final byte T_DOUBLE = 3;
    private static final byte T_FLOAT = 4;
    private static final byte T_BOOL = 5;
    private static final byte T_FLOATS = 6;
    private static final byte T_INTS = 7;
    private static final byte T_SECTION = 8;
    private static final byte T_SECTIONS = 9;
    /** The smallest encoded field: 4-byte name length, a 1-byte name, tag, a boolean. */
    private static final int MIN_FIELD = 7;
    /** The smallest encoded section: 4-byte type length, a 1-byte type, version, field count. */
    private static final int MIN_SECTION = 13;

    private SectionFile() {
    }

    /**
     * Encodes {@code component} (and everything it nests) as a section file.
     *
     * @param root the root's name in messages ("network")
     * @throws IllegalArgumentException if a component is not {@link Persistent} or the content exceeds 2 GiB
     */
    public static byte[] toBytes(Object component, String root) {
        Section s = SectionWriter.describe(component, Objects.requireNonNull(root, "root"));
        long size = size(s);
        if (size > Frame.MAX_FILE - Frame.HEADER - 4) {
            throw new IllegalArgumentException("content too large for one file: " + size + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size);
        put(b, s);
        return Frame.wrap(MAGIC, CURRENT_VERSION, b.array(), b.position());
    }

    /** Writes {@link #toBytes} to {@code file} atomically ({@link AtomicFiles}). */
    public static void write(Path file, Object component, String root) throws IOException {
        Objects.requireNonNull(file, "file");
        AtomicFiles.write(file, toBytes(component, root));
    }

    /** Whether {@code bytes} start with this format's magic number (the first 8 bytes of a section file). */
    public static boolean hasMagic(byte[] bytes) {
        return Frame.startsWith(Objects.requireNonNull(bytes, "bytes"), MAGIC);
    }

    /**
     * Decodes the root component of a section file.
     *
     * @param expected the root's class
     * @param root     the root's name in messages
     * @param codecs   the codecs that may read its sections (no two with the same type)
     * @throws ModelFileException as the class describes
     */
    public static <T> T fromBytes(byte[] bytes, Class<T> expected, String root, Collection<? extends Codec<?>> codecs)
            throws ModelFileException {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(expected, "expected");
        Map<String, Codec<?>> index = index(codecs);
        if (Frame.startsWith(bytes, MODEL_MAGIC)) {
            throw new ModelFileException(ModelFileException.Kind.FOREIGN, 0, "magic", "this is an snn4j model file "
                    + "of named parameters and arrays (ModelFile, written by older versions' --save), not a file of "
                    + "typed sections; read it with ModelFile.read");
        }
        int end = Frame.open(bytes, MAGIC, CURRENT_VERSION, "section file").bodyEnd();
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, end);
        b.position(Frame.HEADER);
        Decoder d = new Decoder(b);
        Section s = d.section(Objects.requireNonNull(root, "root"), 0);
        if (b.hasRemaining()) {
            throw new ModelFileException(ModelFileException.Kind.MALFORMED, b.position(), "body",
                    b.remaining() + " bytes left over after the root section");
        }
        return SectionReader.read(s, expected, index);
    }

    /**
     * Reads the root component of a section file.
     *
     * @throws ModelFileException as {@link #fromBytes}, its message starting with the file name
     * @throws IOException        if the file cannot be read
     */
    public static <T> T read(Path file, Class<T> expected, String root, Collection<? extends Codec<?>> codecs)
            throws IOException {
        Objects.requireNonNull(file, "file");
        long fileSize = Files.size(file);
        if (fileSize > Frame.MAX_FILE) {
            throw new ModelFileException(ModelFileException.Kind.MALFORMED, 0, "file size",
                    file + ": " + fileSize + " bytes, more than the largest file (" + Frame.MAX_FILE + " bytes)");
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return fromBytes(bytes, expected, root, codecs);
        } catch (ModelFileException e) {
            ModelFileException named = new ModelFileException(e.kind(), e.offset(), e.field(), file + ": " + e.detail());
            named.setStackTrace(e.getStackTrace());
            throw named;
        }
    }

    /**
     * The codecs by section type.
     *
     * @throws IllegalArgumentException if two different codecs have the same type
     */
    public static Map<String, Codec<?>> index(Collection<? extends Codec<?>> codecs) {
        Map<String, Codec<?>> m = new HashMap<>();
        for (Codec<?> c : Objects.requireNonNull(codecs, "codecs")) {
            Codec<?> old = m.putIfAbsent(Objects.requireNonNull(c, "codec").type(), c);
            if (old != null && old != c) {
                throw new IllegalArgumentException("two codecs read section type " + c.type() + ": " + old + " and " + c);
            }
        }
        return m;
    }

    // ---- encoding ----

    private static long size(Section s) {
        long n = str(s.type) + 8;
        for (Map.Entry<String, Object> e : s.fields.entrySet()) {
            n += str(e.getKey()) + 1;
            Object v = e.getValue();
            if (v instanceof String t) {
                n += str(t);
            } else if (v instanceof Long || v instanceof Double) {
                n += 8;
            } else if (v instanceof Float) {
                n += 4;
            } else if (v instanceof Boolean) {
                n += 1;
            } else if (v instanceof Section.Floats f) {
                n += 4 + 4L * f.shape().length + 4L * f.data().length;
            } else if (v instanceof int[] a) {
                n += 4 + 4L * a.length;
            } else if (v instanceof Section c) {
                n += size(c);
            } else {
                n += 4;
                for (Object o : (List<?>) v) {
                    n += size((Section) o);
                }
            }
        }
        return n;
    }

    private static long str(String s) {
        return 4L + s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void putString(ByteBuffer b, String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        b.putInt(u.length).put(u);
    }

    private static void put(ByteBuffer b, Section s) {
        putString(b, s.type);
        b.putInt(s.version).putInt(s.fields.size());
        for (Map.Entry<String, Object> e : s.fields.entrySet()) {
            putString(b, e.getKey());
            Object v = e.getValue();
            if (v instanceof String t) {
                b.put(T_TEXT);
                putString(b, t);
            } else if (v instanceof Long l) {
                b.put(T_LONG).putLong(l);
            } else if (v instanceof Double d) {
                b.put(T_DOUBLE).putLong(Double.doubleToRawLongBits(d));
            } else if (v instanceof Float f) {
                b.put(T_FLOAT).putInt(Float.floatToRawIntBits(f));
            } else if (v instanceof Boolean z) {
                b.put(T_BOOL).put((byte) (z ? 1 : 0));
            } else if (v instanceof Section.Floats f) {
                b.put(T_FLOATS).putInt(f.shape().length);
                for (int d : f.shape()) {
                    b.putInt(d);
                }
                b.asFloatBuffer().put(f.data());
                b.position(b.position() + 4 * f.data().length);
            } else if (v instanceof int[] a) {
                b.put(T_INTS).putInt(a.length);
                b.asIntBuffer().put(a);
                b.position(b.position() + 4 * a.length);
            } else if (v instanceof Section c) {
                b.put(T_SECTION);
                put(b, c);
            } else {
                List<?> list = (List<?>) v;
                b.put(T_SECTIONS).putInt(list.size());
                for (Object o : list) {
                    put(b, (Section) o);
                }
            }
        }
    }

    // ---- decoding ----

    /** Decodes sections, checking every size against the bytes left before allocating. */
    private static final class Decoder {
        private final ByteBuffer b;
        private String field = "section";

        Decoder(ByteBuffer b) {
            this.b = b;
        }

        Section section(String path, int depth) throws ModelFileException {
            if (depth >= MAX_DEPTH) {
                throw malformed(b.position(), path, "sections nested deeper than " + MAX_DEPTH + " levels");
            }
            try {
                long at = b.position();
                field = path + " type";
                String type = name(field);
                field = path + " version";
                int version = b.getInt();
                if (version < 1) {
                    throw malformed(b.position() - 4, field, "section version must be >= 1, got " + version);
                }
                field = path + " field count";
                int count = count(field, MIN_FIELD);
                Section s = new Section(type, version, path, at);
                for (int k = 0; k < count; k++) {
                    long fieldAt = b.position();
                    field = path + " field[" + k + "] name";
                    String name = name(field);
                    if (s.fields.containsKey(name)) {
                        throw malformed(fieldAt, field, "duplicate field name '" + name + "' in section " + type);
                    }
                    field = path + "." + name;
                    s.fieldOffsets.put(name, fieldAt);
                    s.fields.put(name, value(path + "." + name, depth));
                }
                return s;
            } catch (BufferUnderflowException e) {
                throw malformed(b.position(), field, "the body ends inside this field");
            }
        }

        private Object value(String path, int depth) throws ModelFileException {
            byte tag = b.get();
            switch (tag) {
                case T_TEXT:
                    return string(path);
                case T_LONG:
                    return b.getLong();
                case T_DOUBLE:
                    return Double.longBitsToDouble(b.getLong());
                case T_FLOAT:
                    return Float.intBitsToFloat(b.getInt());
                case T_BOOL: {
                    byte z = b.get();
                    if (z != 0 && z != 1) {
                        throw malformed(b.position() - 1, path, "a boolean must be 0 or 1, got " + z);
                    }
                    return z == 1;
                }
                case T_FLOATS: {
                    int rank = count(path + " rank", 4);
                    int[] shape = new int[rank];
                    long size = 1;
                    for (int k = 0; k < rank; k++) {
                        shape[k] = count(path + " dimension " + k, 0);
                        size = Math.min(size * shape[k], Integer.MAX_VALUE);
                    }
                    if (size * 4 > b.remaining()) {
                        throw malformed(b.position(), path, "shape " + Arrays.toString(shape) + " needs " + size * 4
                                + " bytes, " + b.remaining() + " left");
                    }
                    float[] data = new float[(int) size];
                    b.asFloatBuffer().get(data);
                    b.position(b.position() + 4 * data.length);
                    return new Section.Floats(shape, data);
                }
                case T_INTS: {
                    int n = count(path + " length", 4);
                    int[] a = new int[n];
                    b.asIntBuffer().get(a);
                    b.position(b.position() + 4 * n);
                    return a;
                }
                case T_SECTION:
                    return section(path, depth + 1);
                case T_SECTIONS: {
                    int n = count(path + " count", MIN_SECTION);
                    List<Section> list = new ArrayList<>(n);
                    for (int k = 0; k < n; k++) {
                        list.add(section(path + "[" + k + "]", depth + 1));
                    }
                    return list;
                }
                default:
                    throw malformed(b.position() - 1, path, "unknown field tag " + tag + ", expected 1 to 9");
            }
        }

        /** A count &gt;= 0 whose items of at least {@code minBytes} each fit in the bytes left. */
        private int count(String what, int minBytes) throws ModelFileException {
            int v = b.getInt();
            if (v < 0) {
                throw malformed(b.position() - 4, what, "must be >= 0, got " + v);
            }
            if (minBytes > 0 && v > b.remaining() / minBytes) {
                throw malformed(b.position() - 4, what, v + " items need at least " + (long) v * minBytes
                        + " bytes, " + b.remaining() + " left");
            }
            return v;
        }

        private String name(String what) throws ModelFileException {
            int at = b.position();
            String s = string(what);
            if (s.isEmpty()) {
                throw malformed(at, what, "names must not be empty");
            }
            return s;
        }

        private String string(String what) throws ModelFileException {
            int len = count(what + " length", 1);
            return Frame.utf8(b, len, what);
        }

        private static ModelFileException malformed(long offset, String field, String message) {
            return new ModelFileException(ModelFileException.Kind.MALFORMED, offset, field, message);
        }
    }
}
