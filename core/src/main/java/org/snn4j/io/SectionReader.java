package org.snn4j.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a {@link Codec} reads a component back: the typed fields of one section, with errors that name the
 * section, the field and its byte offset ({@link ModelFileException}, kind {@code MALFORMED} for a missing
 * field or a field of another type, {@code UNKNOWN_SECTION} for a nested component no codec reads). Arrays are
 * returned as decoded (not copied). Not thread-safe.
 */
public final class SectionReader {
    private final Section section;
    private final Map<String, Codec<?>> codecs;

    SectionReader(Section section, Map<String, Codec<?>> codecs) {
        this.section = section;
        this.codecs = codecs;
    }

    /**
     * Reads {@code s} with the codec of its type, checking that it gives an {@code expected}.
     *
     * @throws ModelFileException UNKNOWN_SECTION if no codec reads the type, NEWER_VERSION if the section is newer
     *                            than the codec, MALFORMED for any invalid content
     */
    static <T> T read(Section s, Class<T> expected, Map<String, Codec<?>> codecs) throws ModelFileException {
        Codec<?> codec = codecs.get(s.type);
        if (codec == null) {
            throw new ModelFileException(ModelFileException.Kind.UNKNOWN_SECTION, s.offset, s.path,
                    "no codec reads section type '" + s.type + "'; pass the codec of this component to the reader");
        }
        if (s.version > codec.version()) {
            throw new ModelFileException(ModelFileException.Kind.NEWER_VERSION, s.offset, s.path,
                    "section " + s.type + " has version " + s.version + ", its codec reads up to " + codec.version());
        }
        if (!expected.isAssignableFrom(codec.componentClass())) {
            throw malformed(s.offset, s.path, "section type " + s.type + " gives a "
                    + codec.componentClass().getSimpleName() + ", expected a " + expected.getSimpleName());
        }
        Object c;
        try {
            c = codec.read(new SectionReader(s, codecs));
        } catch (ModelFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed(s.offset, s.path, "invalid " + s.type + ": " + e.getMessage());
        }
        if (!expected.isInstance(c)) {
            throw malformed(s.offset, s.path, "codec " + s.type + " gave " + (c == null ? "null"
                    : c.getClass().getSimpleName()) + ", expected a " + expected.getSimpleName());
        }
        return expected.cast(c);
    }

    private static ModelFileException malformed(long offset, String field, String message) {
        return new ModelFileException(ModelFileException.Kind.MALFORMED, offset, field, message);
    }

    /** The section type. */
    public String type() {
        return section.type;
    }

    /** The section version it was written with (&lt;= the codec's {@link Codec#version()}). */
    public int version() {
        return section.version;
    }

    /** Where the section is, for messages ("network.stages[1].layer"). */
    public String path() {
        return section.path;
    }

    /** Whether the section has a field called {@code name}. */
    public boolean has(String name) {
        return section.fields.containsKey(name);
    }

    /** The field names, in file order (unmodifiable). */
    public List<String> fieldNames() {
        return Collections.unmodifiableList(new ArrayList<>(section.fields.keySet()));
    }

    private Object field(String name, String kind) throws ModelFileException {
        Object v = section.fields.get(Objects.requireNonNull(name, "name"));
        if (v == null) {
            throw malformed(section.offset, section.path + "." + name, "section " + section.type + " has no "
                    + kind + " field '" + name + "'; it has " + section.fields.keySet());
        }
        return v;
    }

    private ModelFileException wrongType(String name, String expected, Object v) {
        return malformed(section.offsetOf(name), section.path + "." + name, "must be " + expected + ", got "
                + kindOf(v));
    }

    static String kindOf(Object v) {
        if (v instanceof Long) {
            return "an integer";
        }
        if (v instanceof Float) {
            return "a float";
        }
        if (v instanceof Double) {
            return "a double";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof String) {
            return "text";
        }
        if (v instanceof Section.Floats) {
            return "a float array";
        }
        if (v instanceof int[]) {
            return "an int array";
        }
        if (v instanceof Section) {
            return "a component";
        }
        return "a component list";
    }

    /** An integer field. @throws ModelFileException if missing or not an integer */
    public long getLong(String name) throws ModelFileException {
        Object v = field(name, "integer");
        if (v instanceof Long l) {
            return l;
        }
        throw wrongType(name, "an integer", v);
    }

    /** An integer field that fits an int. @throws ModelFileException if missing, not an integer, or out of range */
    public int getInt(String name) throws ModelFileException {
        long v = getLong(name);
        if (v != (int) v) {
            throw malformed(section.offsetOf(name), section.path + "." + name, "must fit a 32-bit int, got " + v);
        }
        return (int) v;
    }

    /** A 32-bit float field. @throws ModelFileException if missing or not a float */
    public float getFloat(String name) throws ModelFileException {
        Object v = field(name, "float");
        if (v instanceof Float f) {
            return f;
        }
        throw wrongType(name, "a float", v);
    }

    /** A 64-bit float field. @throws ModelFileException if missing or not a double */
    public double getDouble(String name) throws ModelFileException {
        Object v = field(name, "double");
        if (v instanceof Double d) {
            return d;
        }
        throw wrongType(name, "a double", v);
    }

    /** A boolean field. @throws ModelFileException if missing or not a boolean */
    public boolean getBoolean(String name) throws ModelFileException {
        Object v = field(name, "boolean");
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrongType(name, "a boolean", v);
    }

    /** A text field. @throws ModelFileException if missing or not text */
    public String getText(String name) throws ModelFileException {
        Object v = field(name, "text");
        if (v instanceof String s) {
            return s;
        }
        throw wrongType(name, "text", v);
    }

    /** An enum constant stored by name. @throws ModelFileException if missing, not text, or no such constant */
    public <E extends Enum<E>> E getEnum(String name, Class<E> type) throws ModelFileException {
        String s = getText(name);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        throw malformed(section.offsetOf(name), section.path + "." + name, "'" + s + "' is not a "
                + type.getSimpleName() + "; expected one of " + Arrays.toString(type.getEnumConstants()));
    }

    private Section.Floats floatsField(String name) throws ModelFileException {
        Object v = field(name, "float array");
        if (v instanceof Section.Floats f) {
            return f;
        }
        throw wrongType(name, "a float array", v);
    }

    /** A float array of any shape (the decoded array, not a copy). @throws ModelFileException if missing or not one */
    public float[] getFloats(String name) throws ModelFileException {
        return floatsField(name).data();
    }

    /**
     * A float array checked against the shape the caller needs (the decoded array, not a copy).
     *
     * @throws ModelFileException MISMATCH if its shape differs (naming both), MALFORMED if missing or not an array
     */
    public float[] getFloats(String name, int... expectedShape) throws ModelFileException {
        Section.Floats f = floatsField(name);
        if (!Arrays.equals(f.shape(), expectedShape)) {
            throw new ModelFileException(ModelFileException.Kind.MISMATCH, section.offsetOf(name),
                    section.path + "." + name, "shape " + Arrays.toString(f.shape()) + ", expected "
                            + Arrays.toString(expectedShape));
        }
        return f.data();
    }

    /** The shape of a float array (a copy). @throws ModelFileException if missing or not a float array */
    public int[] shapeOf(String name) throws ModelFileException {
        return floatsField(name).shape().clone();
    }

    /** An int array (the decoded array, not a copy). @throws ModelFileException if missing or not an int array */
    public int[] getInts(String name) throws ModelFileException {
        Object v = field(name, "int array");
        if (v instanceof int[] a) {
            return a;
        }
        throw wrongType(name, "an int array", v);
    }

    /**
     * A nested component, read by the codec of its section type.
     *
     * @throws ModelFileException UNKNOWN_SECTION if no codec reads it, MALFORMED if missing, of another kind
     *                            than {@code type} or invalid
     */
    public <T> T getComponent(String name, Class<T> type) throws ModelFileException {
        Object v = field(name, "component");
        if (v instanceof Section s) {
            return read(s, type, codecs);
        }
        throw wrongType(name, "a component", v);
    }

    /** A nested component, or null if the section has no field {@code name}. */
    public <T> T getOptionalComponent(String name, Class<T> type) throws ModelFileException {
        return has(name) ? getComponent(name, type) : null;
    }

    /** A list of nested components, each read by the codec of its section type. */
    public <T> List<T> getComponents(String name, Class<T> type) throws ModelFileException {
        Object v = field(name, "component list");
        if (!(v instanceof List<?> list)) {
            throw wrongType(name, "a component list", v);
        }
        List<T> out = new ArrayList<>(list.size());
        for (Object o : list) {
            out.add(read((Section) o, type, codecs));
        }
        return out;
    }

    @Override
    public String toString() {
        return "SectionReader[" + section.describe() + "]";
    }
}
