package org.snn4j.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where a {@link Codec} describes a component: named, typed fields (integers, reals, booleans, text, enum
 * constants, float and int arrays) and nested components, each written by its own codec. Field names are local
 * to the section (the component's type gives them their meaning), non-empty and unique. Arrays are kept by
 * reference until the file is encoded; do not modify them meanwhile. Not thread-safe.
 */
public final class SectionWriter {
    private final Section section;

    private SectionWriter(Section section) {
        this.section = section;
    }

    /**
     * The section of {@code component}, described by its codec.
     *
     * @param path where the component is, for messages ("network.layers[0].neurons")
     * @throws IllegalArgumentException if the component is not {@link Persistent} or its codec does not accept it
     */
    static Section describe(Object component, String path) {
        Objects.requireNonNull(component, path);
        if (!(component instanceof Persistent p)) {
            throw new IllegalArgumentException("cannot save " + path + ": " + component.getClass().getName()
                    + " does not implement org.snn4j.io.Persistent (give it a Codec)");
        }
        Codec<?> codec = Objects.requireNonNull(p.codec(), "codec() of " + component.getClass().getName());
        return describe(codec, component, path);
    }

    private static <T> Section describe(Codec<T> codec, Object component, String path) {
        if (!codec.componentClass().isInstance(component)) {
            throw new IllegalArgumentException("cannot save " + path + ": codec " + codec.type() + " writes "
                    + codec.componentClass().getName() + ", not " + component.getClass().getName());
        }
        SectionWriter w = new SectionWriter(new Section(codec.type(), codec.version(), path, -1));
        codec.write(codec.componentClass().cast(component), w);
        return w.section;
    }

    private SectionWriter put(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("field names must not be empty (section " + section.describe() + ")");
        }
        if (section.fields.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException("field " + name + " is written twice in " + section.describe());
        }
        return this;
    }

    /** The section type being written. */
    public String type() {
        return section.type;
    }

    /** An integer field. @return this */
    public SectionWriter putLong(String name, long value) {
        return put(name, value);
    }

    /** An integer field (read back with {@link SectionReader#getInt}). @return this */
    public SectionWriter putInt(String name, int value) {
        return put(name, (long) value);
    }

    /** A 32-bit float field, stored exactly (any bits, NaN included). @return this */
    public SectionWriter putFloat(String name, float value) {
        return put(name, value);
    }

    /** A 64-bit float field. @return this */
    public SectionWriter putDouble(String name, double value) {
        return put(name, value);
    }

    /** A boolean field. @return this */
    public SectionWriter putBoolean(String name, boolean value) {
        return put(name, value);
    }

    /** A text field. @return this */
    public SectionWriter putText(String name, String value) {
        return put(name, Objects.requireNonNull(value, name));
    }

    /** An enum constant, stored by name (read back with {@link SectionReader#getEnum}). @return this */
    public SectionWriter putEnum(String name, Enum<?> value) {
        return put(name, Objects.requireNonNull(value, name).name());
    }

    /**
     * A float array with its shape (kept by reference until encoded).
     *
     * @param shape dimensions, each &gt;= 0, whose product is {@code data.length}; copied
     * @return this
     */
    public SectionWriter putFloats(String name, float[] data, int... shape) {
        Objects.requireNonNull(data, name);
        long size = 1;
        for (int k = 0; k < shape.length; k++) {
            if (shape[k] < 0) {
                throw new IllegalArgumentException(name + ": shape[" + k + "] must be >= 0, got " + shape[k]);
            }
            size *= shape[k];
        }
        if (size != data.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " holds " + size
                    + " values, but the array has " + data.length);
        }
        return put(name, new Section.Floats(shape.clone(), data));
    }

    /** A float array of one dimension (kept by reference until encoded). @return this */
    public SectionWriter putFloats(String name, float[] data) {
        return putFloats(name, data, Objects.requireNonNull(data, name).length);
    }

    /** An int array (kept by reference until encoded). @return this */
    public SectionWriter putInts(String name, int[] data) {
        return put(name, Objects.requireNonNull(data, name));
    }

    /**
     * A nested component, written by its own codec.
     *
     * @throws IllegalArgumentException if it is not {@link Persistent}
     * @return this
     */
    public SectionWriter putComponent(String name, Object component) {
        return put(name, describe(component, section.path + "." + name));
    }

    /** A nested component if not null (read back with {@link SectionReader#getOptionalComponent}). @return this */
    public SectionWriter putOptionalComponent(String name, Object component) {
        return component == null ? this : putComponent(name, component);
    }

    /** A list of nested components, each written by its own codec. @return this */
    public SectionWriter putComponents(String name, List<?> components) {
        Objects.requireNonNull(components, name);
        List<Section> list = new ArrayList<>(components.size());
        for (int i = 0; i < components.size(); i++) {
            list.add(describe(components.get(i), section.path + "." + name + "[" + i + "]"));
        }
        return put(name, list);
    }
}
