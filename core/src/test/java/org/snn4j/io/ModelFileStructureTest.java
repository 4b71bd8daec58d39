package org.snn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.snn4j.io.ModelFileException.Kind;

/**
 * Validation past the first barrier: structurally bad files whose framing (magic, body length) and CRC32
 * are valid, so that each check after the checksum is the one that must fire, with its kind, byte offset
 * and field.
 */
class ModelFileStructureTest {

    /** A body written field by field (big-endian). */
    private static final class Body {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Body i32(int v) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
            return this;
        }

        Body i8(int v) {
            out.write(v);
            return this;
        }

        Body i64(long v) {
            out.writeBytes(ByteBuffer.allocate(8).putLong(v).array());
            return this;
        }

        Body str(String s) {
            byte[] u = s.getBytes(StandardCharsets.UTF_8);
            return i32(u.length).raw(u);
        }

        Body raw(byte... b) {
            out.writeBytes(b);
            return this;
        }

        Body f32(float v) {
            return i32(Float.floatToRawIntBits(v));
        }
    }

    /** Magic, {@code version}, the body's true length, the body, and its true CRC32. */
    private static byte[] file(int version, Body body) {
        byte[] b = body.out.toByteArray();
        ByteBuffer f = ByteBuffer.allocate(20 + b.length + 4);
        f.put(new byte[] {(byte) 0x89, 'S', 'N', 'N', '4', 'J', 'M', '\n'}).putInt(version).putLong(b.length).put(b);
        CRC32 crc = new CRC32();
        crc.update(f.array(), 0, f.position());
        f.putInt((int) crc.getValue());
        return f.array();
    }

    private static void rejects(byte[] file, Kind kind, long offset, String field, String message) {
        assertThatThrownBy(() -> ModelFile.fromBytes(file))
                .isInstanceOfSatisfying(ModelFileException.class, e -> {
                    assertThat(e.kind()).as("kind").isEqualTo(kind);
                    assertThat(e.offset()).as("offset").isEqualTo(offset);
                    assertThat(e.field()).as("field").isEqualTo(field);
                })
                .hasMessageContaining(message);
    }

    @Test
    void theHandBuiltFramingIsTheWritersFraming() throws ModelFileException {
        byte[] handMade = file(1, new Body().i32(1).str("k").i8(2).i64(-7).i32(1).str("w").i32(2).i32(1).i32(2)
                .f32(0.5f).f32(-1.25f));
        ModelData m = ModelFile.fromBytes(handMade);
        assertThat(m.integer("k")).isEqualTo(-7);
        assertThat(m.arrays().get("w").shape()).containsExactly(1, 2);
        assertThat(m.arrays().get("w").data()).containsExactly(0.5f, -1.25f);
        assertThat(ModelFile.toBytes(m)).isEqualTo(handMade);
    }

    @Test
    void versionBelowOneIsMalformed() {
        rejects(file(0, new Body().i32(0).i32(0)), Kind.MALFORMED, 8, "version", "format version must be >= 1, got 0");
        rejects(file(-5, new Body().i32(0).i32(0)), Kind.MALFORMED, 8, "version", "got -5");
        rejects(file(2, new Body().i32(0).i32(0)), Kind.NEWER_VERSION, 8, "version", "format version 2 is newer");
    }

    @Test
    void negativeBodyLengthIsCorrupt() {
        byte[] f = file(1, new Body().i32(0).i32(0));
        ByteBuffer.wrap(f).putLong(12, -1L);
        rejects(f, Kind.CORRUPT, 12, "bodyLength", "body length must be >= 0, got -1");
    }

    @Test
    void negativeCountsAreMalformed() {
        rejects(file(1, new Body().i32(-1).i32(0)), Kind.MALFORMED, 20, "parameterCount", "must be >= 0, got -1");
        rejects(file(1, new Body().i32(0).i32(-2)), Kind.MALFORMED, 24, "arrayCount", "must be >= 0, got -2");
        rejects(file(1, new Body().i32(0).i32(1).str("a").i32(-1)), Kind.MALFORMED, 33, "array 'a' rank",
                "must be >= 0, got -1");
        rejects(file(1, new Body().i32(0).i32(1).str("a").i32(2).i32(3).i32(-4)), Kind.MALFORMED, 41,
                "array 'a' dimension 1", "must be >= 0, got -4");
        rejects(file(1, new Body().i32(1).i32(-3)), Kind.MALFORMED, 24, "parameter[0].name length",
                "must be >= 0, got -3");
    }

    @Test
    void shapesAndRanksNeedingMoreBytesThanLeftAreMalformed() {
        rejects(file(1, new Body().i32(0).i32(1).str("a").i32(1000)), Kind.MALFORMED, 33, "array 'a' rank",
                "rank 1000 needs 4000 bytes of dimensions, 0 left");
        rejects(file(1, new Body().i32(0).i32(1).str("a").i32(2).i32(2).i32(3).f32(1f)), Kind.MALFORMED, 45,
                "array 'a' data", "shape [2, 3] needs 24 bytes, 4 left");
        // 65536^3 saturates instead of overflowing to a small or negative size
        rejects(file(1, new Body().i32(0).i32(1).str("a").i32(3).i32(65536).i32(65536).i32(65536)), Kind.MALFORMED,
                49, "array 'a' data", "needs 8589934588 bytes, 0 left");
        // an exact fit is accepted, one float short is not
        assertThat(ModelFile.toBytes(new ModelData().putArray("a", new int[] {2, 3}, new float[6]))).isNotEmpty();
    }

    @Test
    void stringsNamesAndTagsAreChecked() {
        rejects(file(1, new Body().i32(1).i32(50).raw((byte) 'x')), Kind.MALFORMED, 24, "parameter[0].name",
                "string length 50 exceeds the 1 bytes left");
        rejects(file(1, new Body().i32(1).str("").i8(2).i64(1).i32(0)), Kind.MALFORMED, 24, "parameter[0].name",
                "names must not be empty");
        rejects(file(1, new Body().i32(2).str("p").i8(2).i64(1).str("p").i8(2).i64(2).i32(0)), Kind.MALFORMED, 38,
                "parameter[1].name", "duplicate parameter name 'p'");
        rejects(file(1, new Body().i32(1).str("p").i8(9).i64(1).i32(0)), Kind.MALFORMED, 29, "parameter 'p'",
                "unknown value tag 9");
        rejects(file(1, new Body().i32(1).str("p").i8(1).i32(2).raw((byte) 0xC3, (byte) 0x28).i32(0)),
                Kind.MALFORMED, 34, "parameter 'p'", "invalid UTF-8");
        rejects(file(1, new Body().i32(0).i32(2).str("a").i32(0).f32(1f).str("a").i32(0).f32(2f)), Kind.MALFORMED,
                41, "array[1].name", "duplicate array name 'a'");
        rejects(file(1, new Body().i32(0).i32(1).i32(0)), Kind.MALFORMED, 28, "array[0].name",
                "names must not be empty");
    }

    @Test
    void bodiesEndingInsideAFieldOrWithBytesLeftOverAreMalformed() {
        rejects(file(1, new Body().i32(1).str("p").i8(2).raw((byte) 1, (byte) 2)), Kind.MALFORMED, 30,
                "parameter 'p'", "the body ends inside this field");
        rejects(file(1, new Body().i32(0).i32(0).i8(7)), Kind.MALFORMED, 28, "body",
                "1 bytes left over after the last array");
        rejects(file(1, new Body().i32(0)), Kind.MALFORMED, 24, "arrayCount", "the body ends inside this field");
    }
}
