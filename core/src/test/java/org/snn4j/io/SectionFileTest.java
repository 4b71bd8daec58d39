package org.snn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file of typed sections on its own: exact bytes of a small file, every field kind read back, every
 * mistyped or missing field named, and structurally bad bodies inside a valid frame (right length, right CRC32),
 * so that each check after the checksum is reached.
 */
class SectionFileTest {

    enum Dir { UP, DOWN }

    record Leaf(int x) implements Persistent {
        static final Codec<Leaf> CODEC = Codec.of("t.Leaf", Leaf.class, (c, out) -> out.putInt("x", c.x()),
                in -> new Leaf(in.getInt("x")));

        @Override
        public Codec<?> codec() {
            return CODEC;
        }
    }

    /** One field of every kind. */
    static final class Bag implements Persistent {
        static final Codec<Bag> CODEC = writer(in -> new Bag());

        @Override
        public Codec<?> codec() {
            return CODEC;
        }
    }

    static Codec<Bag> writer(Codec.Reader<Bag> reader) {
        return Codec.of("t.Bag", Bag.class, (c, out) -> out.putText("name", "bag").putLong("big", 1L << 40)
                .putDouble("d", 0.1).putFloat("f", 2.5f).putBoolean("z", true)
                .putFloats("m", new float[] {1, 2, 3, 4, 5, 6}, 2, 3).putInts("ids", new int[] {-1, 7})
                .putComponent("one", new Leaf(3)).putComponents("many", List.of(new Leaf(4), new Leaf(5)))
                .putEnum("dir", Dir.DOWN).putText("odd", "SIDEWAYS").putInt("small", -9), reader);
    }

    private static final List<Codec<?>> CODECS = List.of(Leaf.CODEC, Bag.CODEC);

    // ---- exact bytes ----

    @Test
    void aLeafIsWrittenAsTheDocumentedBytes() throws IOException {
        byte[] f = SectionFile.toBytes(new Leaf(7), "root");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(body);
        str(o, "t.Leaf");
        o.writeInt(1); // section version
        o.writeInt(1); // one field
        str(o, "x");
        o.writeByte(2); // integer
        o.writeLong(7);
        assertThat(f).isEqualTo(frame(body.toByteArray()));
        assertThat(f).hasSize(20 + 32 + 4);
        assertThat(SectionFile.hasMagic(f)).isTrue();
        assertThat(SectionFile.fromBytes(f, Leaf.class, "root", CODECS)).isEqualTo(new Leaf(7));
        byte[] other = f.clone();
        other[6] = 'M';
        assertThat(SectionFile.hasMagic(other)).isFalse();
        assertThat(SectionFile.hasMagic(new byte[3])).isFalse();
    }

    @Test
    void everyFieldKindIsReadBack() throws IOException {
        byte[] f = SectionFile.toBytes(new Bag(), "root");
        List<Object> seen = new ArrayList<>();
        Codec<Bag> probe = writer(in -> {
            seen.add(in.type());
            seen.add(in.version());
            seen.add(in.path());
            seen.add(in.fieldNames());
            seen.add(in.has("m") && !in.has("nope"));
            seen.add(in.getText("name"));
            seen.add(in.getLong("big"));
            seen.add(in.getDouble("d"));
            seen.add(in.getFloat("f"));
            seen.add(in.getBoolean("z"));
            seen.add(java.util.Arrays.toString(in.getFloats("m")));
            seen.add(java.util.Arrays.toString(in.getFloats("m", 2, 3)));
            int[] shape = in.shapeOf("m");
            shape[0] = 99; // a copy
            seen.add(java.util.Arrays.toString(in.shapeOf("m")));
            seen.add(java.util.Arrays.toString(in.getInts("ids")));
            seen.add(in.getComponent("one", Leaf.class));
            seen.add(in.getComponents("many", Leaf.class));
            seen.add(in.getOptionalComponent("one", Leaf.class));
            seen.add(String.valueOf(in.getOptionalComponent("absent", Leaf.class)));
            seen.add(in.getEnum("dir", Dir.class));
            seen.add(in.getInt("small"));
            seen.add(in.toString());
            return new Bag();
        });
        assertThat(SectionFile.fromBytes(f, Bag.class, "root", List.of(Leaf.CODEC, probe))).isInstanceOf(Bag.class);
        assertThat(seen).containsExactly("t.Bag", 1, "root",
                List.of("name", "big", "d", "f", "z", "m", "ids", "one", "many", "dir", "odd", "small"), true,
                "bag", 1L << 40, 0.1, 2.5f, true, "[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]", "[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]",
                "[2, 3]", "[-1, 7]", new Leaf(3), List.of(new Leaf(4), new Leaf(5)), new Leaf(3), "null", Dir.DOWN, -9,
                "SectionReader[root (t.Bag)]");
    }

    private static ModelFileException readWith(Codec.Reader<Bag> reader) {
        byte[] f = SectionFile.toBytes(new Bag(), "root");
        return catchThrowableOfType(ModelFileException.class,
                () -> SectionFile.fromBytes(f, Bag.class, "root", List.of(Leaf.CODEC, writer(reader))));
    }

    /** Offset of field {@code name}'s name in the bag's file. */
    private static long fieldAt(String name) {
        byte[] f = SectionFile.toBytes(new Bag(), "root");
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 20; i < f.length - n.length; i++) {
            for (int k = 0; k < n.length; k++) {
                if (f[i + k] != n[k]) {
                    continue outer;
                }
            }
            if (ByteBuffer.wrap(f).getInt(i - 4) == n.length) {
                return i - 4;
            }
        }
        throw new AssertionError(name);
    }

    private static void mistyped(Codec.Reader<Bag> reader, String field, String message) {
        ModelFileException e = readWith(reader);
        assertThat(e).as(message).isNotNull();
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.MALFORMED);
        assertThat(e.field()).isEqualTo("root." + field);
        assertThat(e.detail()).isEqualTo(message);
        assertThat(e.offset()).isEqualTo(fieldAt(field));
    }

    @Test
    void aMistypedFieldIsNamedWithItsKindAndOffset() {
        mistyped(in -> { in.getLong("name"); return null; }, "name", "must be an integer, got text");
        mistyped(in -> { in.getFloat("big"); return null; }, "big", "must be a float, got an integer");
        mistyped(in -> { in.getDouble("f"); return null; }, "f", "must be a double, got a float");
        mistyped(in -> { in.getBoolean("d"); return null; }, "d", "must be a boolean, got a double");
        mistyped(in -> { in.getText("z"); return null; }, "z", "must be text, got a boolean");
        mistyped(in -> { in.getFloats("ids"); return null; }, "ids", "must be a float array, got an int array");
        mistyped(in -> { in.getInts("m"); return null; }, "m", "must be an int array, got a float array");
        mistyped(in -> { in.getComponent("many", Leaf.class); return null; }, "many",
                "must be a component, got a component list");
        mistyped(in -> { in.getComponents("one", Leaf.class); return null; }, "one",
                "must be a component list, got a component");
        mistyped(in -> { in.getInt("big"); return null; }, "big", "must fit a 32-bit int, got 1099511627776");
        mistyped(in -> { in.getEnum("odd", Dir.class); return null; }, "odd",
                "'SIDEWAYS' is not a Dir; expected one of [UP, DOWN]");
        mistyped(in -> { in.getEnum("name", Dir.class); return null; }, "name",
                "'bag' is not a Dir; expected one of [UP, DOWN]");
        mistyped(in -> { in.getLong("one"); return null; }, "one", "must be an integer, got a component");
        mistyped(in -> { in.getText("m"); return null; }, "m", "must be text, got a float array");
        ModelFileException shape = readWith(in -> { in.getFloats("m", 3, 2); return null; });
        assertThat(shape.kind()).isEqualTo(ModelFileException.Kind.MISMATCH);
        assertThat(shape.detail()).isEqualTo("shape [2, 3], expected [3, 2]");
        assertThat(shape.offset()).isEqualTo(fieldAt("m"));
    }

    @Test
    void aMissingFieldListsTheFieldsThere() {
        ModelFileException e = readWith(in -> { in.getFloat("nope"); return null; });
        assertThat(e.field()).isEqualTo("root.nope");
        assertThat(e.offset()).isEqualTo(20);
        assertThat(e.detail()).isEqualTo("section t.Bag has no float field 'nope'; it has "
                + "[name, big, d, f, z, m, ids, one, many, dir, odd, small]");
        assertThat(readWith(in -> { in.getComponents("nope", Leaf.class); return null; }).detail())
                .startsWith("section t.Bag has no component list field 'nope'");
    }

    @Test
    void codecsThatFailOrGiveTheWrongThingAreMalformed() throws IOException {
        ModelFileException e = readWith(in -> { throw new IllegalArgumentException("x must be odd"); });
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.MALFORMED);
        assertThat(e.detail()).isEqualTo("invalid t.Bag: x must be odd");
        assertThat(e.field()).isEqualTo("root");
        assertThat(e.offset()).isEqualTo(20);
        assertThat(readWith(in -> null).detail()).isEqualTo("codec t.Bag gave null, expected a Bag");
        ModelFileException own = new ModelFileException(ModelFileException.Kind.MISMATCH, 5, "q", "own");
        assertThat(readWith(in -> { throw own; })).isSameAs(own);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Codec<Bag> liar = (Codec) Codec.of("t.Bag", (Class) Bag.class, (c, out) -> { }, in -> "a string");
        byte[] f = SectionFile.toBytes(new Bag(), "root");
        ModelFileException wrong = catchThrowableOfType(ModelFileException.class,
                () -> SectionFile.fromBytes(f, Bag.class, "root", List.of(Leaf.CODEC, liar)));
        assertThat(wrong.detail()).isEqualTo("codec t.Bag gave String, expected a Bag");
        ModelFileException expected = catchThrowableOfType(ModelFileException.class,
                () -> SectionFile.fromBytes(f, Leaf.class, "root", CODECS));
        assertThat(expected.detail()).isEqualTo("section type t.Bag gives a Bag, expected a Leaf");
        ModelFileException unknown = catchThrowableOfType(ModelFileException.class,
                () -> SectionFile.fromBytes(f, Bag.class, "root", List.of(Leaf.CODEC)));
        assertThat(unknown.kind()).isEqualTo(ModelFileException.Kind.UNKNOWN_SECTION);
        assertThat(unknown.detail()).startsWith("no codec reads section type 't.Bag'");
        // a nested section's type unknown: named with its path and offset
        ModelFileException nested = catchThrowableOfType(ModelFileException.class,
                () -> SectionFile.fromBytes(f, Bag.class, "root", List.of(writer(in -> {
                    in.getComponent("one", Leaf.class);
                    return new Bag();
                }))));
        assertThat(nested.kind()).isEqualTo(ModelFileException.Kind.UNKNOWN_SECTION);
        assertThat(nested.field()).isEqualTo("root.one");
        assertThat(nested.offset()).isEqualTo(fieldAt("one") + 8);
    }

    @Test
    void aSectionNewerThanItsCodecIsRefused() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(body);
        str(o, "t.Leaf");
        o.writeInt(2);
        o.writeInt(1);
        str(o, "x");
        o.writeByte(2);
        o.writeLong(7);
        ModelFileException e = reject(frame(body.toByteArray()));
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.NEWER_VERSION);
        assertThat(e.detail()).isEqualTo("section t.Leaf has version 2, its codec reads up to 1");
        Codec<Leaf> v2 = Codec.of("t.Leaf", 2, Leaf.class, (c, out) -> { }, in -> new Leaf(in.getInt("x") + 1));
        assertThat(SectionFile.fromBytes(frame(body.toByteArray()), Leaf.class, "root", List.of(v2)))
                .isEqualTo(new Leaf(8));
    }

    // ---- structurally bad bodies in a valid frame ----

    interface Body {
        void write(DataOutputStream o) throws IOException;
    }

    static byte[] file(Body b) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(body);
        b.write(o);
        return frame(body.toByteArray());
    }

    /** A section header of type t.Leaf, version 1, with {@code fields} fields. */
    static void leafHeader(DataOutputStream o, int fields) throws IOException {
        str(o, "t.Leaf");
        o.writeInt(1);
        o.writeInt(fields);
    }

    private static ModelFileException bad(Body b, long offset, String field, String detail) throws IOException {
        ModelFileException e = reject(file(b));
        assertThat(e.kind()).as(detail).isEqualTo(ModelFileException.Kind.MALFORMED);
        assertThat(e.detail()).isEqualTo(detail);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.offset()).as("offset of: " + detail).isEqualTo(offset);
        return e;
    }

    @Test
    void badSectionHeadersAreMalformedAtTheirOffset() throws IOException {
        bad(o -> { str(o, "t.Leaf"); o.writeInt(0); o.writeInt(0); }, 30, "root version",
                "section version must be >= 1, got 0");
        bad(o -> { str(o, "t.Leaf"); o.writeInt(-3); o.writeInt(0); }, 30, "root version",
                "section version must be >= 1, got -3");
        bad(o -> leafHeader(o, -1), 34, "root field count", "must be >= 0, got -1");
        // 2 fields need at least 14 bytes; 13 follow
        bad(o -> { leafHeader(o, 2); o.write(new byte[13]); }, 34, "root field count",
                "2 items need at least 14 bytes, 13 left");
        bad(o -> { o.writeInt(0); o.writeInt(1); o.writeInt(0); }, 20, "root type", "names must not be empty");
        bad(o -> { o.writeInt(-1); }, 20, "root type length", "must be >= 0, got -1");
        bad(o -> { o.writeInt(5); o.write(new byte[4]); }, 20, "root type length", "5 items need at least 5 bytes, 4 left");
        bad(o -> { o.writeInt(2); o.write(new byte[] {(byte) 0xc3, (byte) 0x28}); o.writeInt(1); o.writeInt(0); },
                24, "root type", "invalid UTF-8");
        bad(o -> { str(o, "t.Leaf"); o.writeShort(1); }, 30, "root version", "the body ends inside this field");
        bad(o -> { leafHeader(o, 0); o.write(new byte[3]); }, 38, "body", "3 bytes left over after the root section");
    }

    @Test
    void badFieldsAreMalformedAtTheirOffset() throws IOException {
        bad(o -> { leafHeader(o, 1); str(o, ""); o.writeByte(2); o.writeLong(1); }, 38, "root field[0] name",
                "names must not be empty");
        bad(o -> { leafHeader(o, 2); str(o, "x"); o.writeByte(2); o.writeLong(1); str(o, "x"); o.writeByte(2);
            o.writeLong(2); }, 52, "root field[1] name", "duplicate field name 'x' in section t.Leaf");
        bad(o -> { leafHeader(o, 1); str(o, "z"); o.writeByte(5); o.writeByte(2); }, 44, "root.z",
                "a boolean must be 0 or 1, got 2");
        bad(o -> { leafHeader(o, 1); str(o, "z"); o.writeByte(5); o.writeByte(-1); }, 44, "root.z",
                "a boolean must be 0 or 1, got -1");
        bad(o -> { leafHeader(o, 1); str(o, "q"); o.writeByte(10); o.writeLong(0); }, 43, "root.q",
                "unknown field tag 10, expected 1 to 9");
        bad(o -> { leafHeader(o, 1); str(o, "q"); o.writeByte(0); o.writeLong(0); }, 43, "root.q",
                "unknown field tag 0, expected 1 to 9");
        bad(o -> { leafHeader(o, 1); str(o, "x"); o.writeByte(2); o.writeInt(1); }, 44, "root.x",
                "the body ends inside this field");
        // floats: rank 2, dims 2 x 3 = 24 bytes, only 20 there
        bad(o -> { leafHeader(o, 1); str(o, "m"); o.writeByte(6); o.writeInt(2); o.writeInt(2); o.writeInt(3);
            o.write(new byte[20]); }, 56, "root.m", "shape [2, 3] needs 24 bytes, 20 left");
        bad(o -> { leafHeader(o, 1); str(o, "m"); o.writeByte(6); o.writeInt(2); o.writeInt(2); o.writeInt(-3);
            o.write(new byte[20]); }, 52, "root.m dimension 1", "must be >= 0, got -3");
        bad(o -> { leafHeader(o, 1); str(o, "m"); o.writeByte(6); o.writeInt(3); o.write(new byte[11]); }, 44,
                "root.m rank", "3 items need at least 12 bytes, 11 left");
        bad(o -> { leafHeader(o, 1); str(o, "m"); o.writeByte(6); o.writeInt(-1); }, 44, "root.m rank",
                "must be >= 0, got -1");
        // a huge dimension next to a zero one holds nothing: no error, an empty array
        ModelFileException none = catchThrowableOfType(ModelFileException.class, () -> SectionFile.fromBytes(
                file(o -> { leafHeader(o, 2); str(o, "m"); o.writeByte(6); o.writeInt(2); o.writeInt(0);
                    o.writeInt(Integer.MAX_VALUE); str(o, "x"); o.writeByte(2); o.writeLong(4); }),
                Leaf.class, "root", CODECS));
        assertThat(none).isNull();
        bad(o -> { leafHeader(o, 1); str(o, "m"); o.writeByte(6); o.writeInt(2); o.writeInt(65536);
            o.writeInt(65536); o.write(new byte[8]); }, 56, "root.m",
                "shape [65536, 65536] needs 8589934588 bytes, 8 left");
        bad(o -> { leafHeader(o, 1); str(o, "i"); o.writeByte(7); o.writeInt(3); o.write(new byte[11]); }, 44,
                "root.i length", "3 items need at least 12 bytes, 11 left");
        bad(o -> { leafHeader(o, 1); str(o, "s"); o.writeByte(9); o.writeInt(2); o.write(new byte[25]); }, 44,
                "root.s count", "2 items need at least 26 bytes, 25 left");
        bad(o -> { leafHeader(o, 1); str(o, "s"); o.writeByte(9); o.writeInt(1); str(o, "t.Leaf"); o.writeInt(0);
            o.writeInt(0); }, 58, "root.s[0] version", "section version must be >= 1, got 0");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedBeforeTheStackOverflows() throws IOException {
        int depth = SectionFile.MAX_DEPTH;
        ModelFileException e = reject(file(o -> {
            for (int d = 0; d < depth; d++) {
                leafHeader(o, 1);
                str(o, "c");
                o.writeByte(8);
            }
            leafHeader(o, 0);
        }));
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.MALFORMED);
        assertThat(e.detail()).isEqualTo("sections nested deeper than 32 levels");
        assertThat(e.field()).isEqualTo("root" + ".c".repeat(depth));
        assertThat(e.offset()).isEqualTo(20 + depth * 24L);
        // one level less is read (and fails only in the codec, which has no field x)
        ModelFileException ok = reject(file(o -> {
            for (int d = 0; d < depth - 1; d++) {
                leafHeader(o, 1);
                str(o, "c");
                o.writeByte(8);
            }
            leafHeader(o, 0);
        }));
        assertThat(ok.detail()).startsWith("section t.Leaf has no integer field 'x'");
    }

    @Test
    void aModelFileAndTheFramingAreRecognised() throws IOException {
        byte[] f = SectionFile.toBytes(new Leaf(1), "root");
        byte[] model = f.clone();
        model[6] = 'M';
        ModelFileException e = reject(model);
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.FOREIGN);
        assertThat(e.detail()).startsWith("this is an snn4j model file");
        byte[] newer = f.clone();
        ByteBuffer.wrap(newer).putInt(8, 2);
        assertThat(reject(recrc(newer)).kind()).isEqualTo(ModelFileException.Kind.NEWER_VERSION);
    }

    @Test
    void fileReadsNameTheFile(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("leaf.snn");
        SectionFile.write(p, new Leaf(12), "root");
        assertThat(SectionFile.read(p, Leaf.class, "root", CODECS)).isEqualTo(new Leaf(12));
        byte[] b = Files.readAllBytes(p);
        b[b.length - 1] ^= 1;
        Files.write(p, b);
        ModelFileException e = catchThrowableOfType(ModelFileException.class,
                () -> SectionFile.read(p, Leaf.class, "root", CODECS));
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.CORRUPT);
        assertThat(e.detail()).startsWith(p + ": checksum mismatch");
        assertThat(e.offset()).isEqualTo(b.length - 4);
        assertThat(e.field()).isEqualTo("crc32");
    }

    // ---- writing ----

    @Test
    void writerRefusalsNameTheField() {
        assertThatThrownBy(() -> SectionFile.toBytes("text", "root"))
                .hasMessage("cannot save root: java.lang.String does not implement org.snn4j.io.Persistent"
                        + " (give it a Codec)");
        Persistent liar = () -> Leaf.CODEC;
        assertThatThrownBy(() -> SectionFile.toBytes(liar, "root"))
                .hasMessageStartingWith("cannot save root: codec t.Leaf writes " + Leaf.class.getName() + ", not ");
        assertThatThrownBy(() -> SectionFile.toBytes(component((c, out) -> out.putInt("", 1)), "root"))
                .hasMessage("field names must not be empty (section root (t.W))");
        assertThatThrownBy(() -> SectionFile.toBytes(component((c, out) -> out.putInt("a", 1).putFloat("a", 2f)),
                "root")).hasMessage("field a is written twice in root (t.W)");
        assertThatThrownBy(() -> SectionFile.toBytes(component((c, out) -> out.putFloats("w", new float[6], 2, -3)),
                "root")).hasMessage("w: shape[1] must be >= 0, got -3");
        assertThatThrownBy(() -> SectionFile.toBytes(component((c, out) -> out.putFloats("w", new float[6], 2, 2)),
                "root")).hasMessage("w: shape [2, 2] holds 4 values, but the array has 6");
        assertThatThrownBy(() -> SectionFile.toBytes(component((c, out) -> out.putComponent("c", "x")), "root"))
                .hasMessageStartingWith("cannot save root.c: java.lang.String");
        assertThatThrownBy(() -> SectionFile.toBytes(component((c, out) -> out.putComponents("c",
                List.of(new Leaf(1), "x"))), "root")).hasMessageStartingWith("cannot save root.c[1]: java.lang.String");
    }

    @Test
    void anOptionalComponentAndTheTypeAreWrittenOnlyWhenThere() throws IOException {
        List<String> types = new ArrayList<>();
        byte[] without = SectionFile.toBytes(component((c, out) -> {
            types.add(out.type());
            out.putOptionalComponent("o", null);
        }), "root");
        byte[] with = SectionFile.toBytes(component((c, out) -> out.putOptionalComponent("o", new Leaf(2))), "root");
        assertThat(types).containsExactly("t.W");
        // t.W, version 1, no field: 4 + 3 + 4 + 4 = 15 bytes of body
        assertThat(without).hasSize(20 + 15 + 4);
        // plus the field: name "o" (5), tag (1), Leaf(2) section (32)
        assertThat(with).hasSize(20 + 15 + 38 + 4);
    }

    @Test
    void twoCodecsForOneTypeAreRefused() {
        Codec<Leaf> other = Codec.of("t.Leaf", Leaf.class, (c, out) -> { }, in -> new Leaf(0));
        assertThatThrownBy(() -> SectionFile.index(List.of(Leaf.CODEC, other)))
                .hasMessageStartingWith("two codecs read section type t.Leaf: ");
        assertThat(SectionFile.index(List.of(Leaf.CODEC, Leaf.CODEC))).containsOnlyKeys("t.Leaf");
        assertThatThrownBy(() -> Codec.of("", Leaf.class, (c, out) -> { }, in -> null))
                .hasMessage("type must not be empty");
        assertThatThrownBy(() -> Codec.of("t", 0, Leaf.class, (c, out) -> { }, in -> null))
                .hasMessage("version must be >= 1, got 0");
        assertThat(Codec.of("t.Z", 3, Leaf.class, (c, out) -> { }, in -> null).toString())
                .isEqualTo("Codec[t.Z v3, Leaf]");
        assertThat(Leaf.CODEC.version()).isEqualTo(1);
    }

    // ---- helpers ----

    private static Persistent component(Codec.Writer<Object> w) {
        Codec<Object> c = Codec.of("t.W", Object.class, w, in -> null);
        return () -> c;
    }

    static ModelFileException reject(byte[] file) {
        ModelFileException e = catchThrowableOfType(ModelFileException.class,
                () -> SectionFile.fromBytes(file, Object.class, "root", CODECS));
        assertThat(e).as("a crafted %d-byte file must be rejected", file.length).isNotNull();
        return e;
    }

    static void str(DataOutputStream o, String s) throws IOException {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        o.writeInt(u.length);
        o.write(u);
    }

    /** The documented frame around {@code body}: magic, version 1, length, body, CRC32. */
    private static byte[] frame(byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(20 + body.length + 4);
        b.put(new byte[] {(byte) 0x89, 'S', 'N', 'N', '4', 'J', 'S', '\n'}).putInt(1).putLong(body.length).put(body);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, 20 + body.length);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    private static byte[] recrc(byte[] f) {
        CRC32 crc = new CRC32();
        crc.update(f, 0, f.length - 4);
        ByteBuffer.wrap(f).putInt(f.length - 4, (int) crc.getValue());
        return f;
    }
}
