package org.snn4j.io;

import java.util.Objects;

/**
 * Writes one kind of component (a layer, a neuron model, a competition, a learning rule, a parameter set) as a
 * typed section of a {@link SectionFile}, and reads it back. The section {@link #type()} names the kind; a reader
 * is given the codecs it may use and looks the type up among them, so there is no global registry: snn4j's
 * own components bring their codecs (for the engine's network file, {@code NetworkFile}), a user's component
 * passes its codec to the reader explicitly, and a section nobody reads is a typed error
 * ({@link ModelFileException.Kind#UNKNOWN_SECTION}) naming it.
 *
 * <p>A component that can be saved implements {@link Persistent} and returns its codec.
 *
 * <pre>{@code
 * static final Codec<MyNeuron> CODEC = Codec.of("com.example.MyNeuron", MyNeuron.class,
 *         (m, out) -> out.putFloat("tau", m.tau()),
 *         in -> new MyNeuron(in.getFloat("tau")));
 * }</pre>
 *
 * <p>Codecs are stateless and thread-safe.
 *
 * @param <T> the component class
 */
public interface Codec<T> {
    /**
     * The section type: a stable, unique name such as {@code "snn4j.neuron.Lif"} or
     * {@code "com.example.MyNeuron"} (not derived from the class name, so classes can be renamed).
     */
    String type();

    /**
     * The newest section version this codec writes and reads (default 1). A section of a newer version is
     * rejected ({@link ModelFileException.Kind#NEWER_VERSION}); {@link SectionReader#version()} tells
     * {@link #read} which version it reads.
     */
    default int version() {
        return 1;
    }

    /** The class of the components this codec writes and reads. */
    Class<T> componentClass();

    /**
     * Describes {@code component}: its parameters, arrays and nested components.
     *
     * @param component not modified
     * @param out       modified
     */
    void write(T component, SectionWriter out);

    /**
     * Restores a component from its section. Throw {@link IllegalArgumentException} for an invalid value
     * (the reader reports it as a {@link ModelFileException} naming the section).
     *
     * @throws ModelFileException if a field is missing, of another type, or an invalid value
     */
    T read(SectionReader in) throws ModelFileException;

    /** How a codec made by {@link #of} reads a section. */
    @FunctionalInterface
    interface Reader<T> {
        /** Restores a component. */
        T read(SectionReader in) throws ModelFileException;
    }

    /** How a codec made by {@link #of} writes a component. */
    @FunctionalInterface
    interface Writer<T> {
        /** Describes a component. */
        void write(T component, SectionWriter out);
    }

    /**
     * A codec of version 1 from two functions.
     *
     * @param type   the section type
     * @param cls    the component class
     * @param writer writes a component
     * @param reader reads a component
     */
    static <T> Codec<T> of(String type, Class<T> cls, Writer<T> writer, Reader<T> reader) {
        return of(type, 1, cls, writer, reader);
    }

    /** A codec of section version {@code version} from two functions (see {@link #of(String, Class, Writer, Reader)}). */
    static <T> Codec<T> of(String type, int version, Class<T> cls, Writer<T> writer, Reader<T> reader) {
        Objects.requireNonNull(type, "type");
        if (type.isEmpty()) {
            throw new IllegalArgumentException("type must not be empty");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, got " + version);
        }
        Objects.requireNonNull(cls, "cls");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(reader, "reader");
        return new Codec<>() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public int version() {
                return version;
            }

            @Override
            public Class<T> componentClass() {
                return cls;
            }

            @Override
            public void write(T component, SectionWriter out) {
                writer.write(component, out);
            }

            @Override
            public T read(SectionReader in) throws ModelFileException {
                return reader.read(in);
            }

            @Override
            public String toString() {
                return "Codec[" + type + " v" + version + ", " + cls.getSimpleName() + "]";
            }
        };
    }
}
