package org.snn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.snn4j.testkit.HostileInput;

/**
 * Issue 13: crafted minimal model files with forged sizes, empty and duplicated names are rejected with a
 * {@link ModelFileException} and bounded allocation; a fuzz run over mutations of a small model file throws
 * nothing else.
 */
class ModelFileHostileTest {

    /** Body writer; {@link #file()} adds the header and a valid CRC, so only the body is hostile. */
    private static final class Body {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(bytes);

        Body i32(int v) throws IOException {
            out.writeInt(v);
            return this;
        }

        Body str(String s) throws IOException {
            byte[] u = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(u.length);
            out.write(u);
            return this;
        }

        Body real(String key, double v) throws IOException {
            str(key);
            out.writeByte(3);
            out.writeDouble(v);
            return this;
        }

        byte[] file() {
            byte[] body = bytes.toByteArray();
            ByteBuffer b = ByteBuffer.allocate(20 + body.length + 4);
            b.put(new byte[] {(byte) 0x89, 'S', 'N', 'N', '4', 'J', 'M', '\n'}).putInt(1).putLong(body.length);
            b.put(body);
            CRC32 crc = new CRC32();
            crc.update(b.array(), 0, b.position());
            b.putInt((int) crc.getValue());
            return b.array();
        }
    }

    private static ModelFileException reject(byte[] file) {
        long before = HostileInput.allocatedBytes();
        ModelFileException e = catchThrowableOfType(ModelFileException.class, () -> ModelFile.fromBytes(file));
        long used = HostileInput.allocatedBytes() - before;
        assertThat(e).as("a %d-byte crafted file must be rejected", file.length).isNotNull();
        assertThat(used).as("bytes allocated for a %d-byte file", file.length).isLessThan(HostileInput.bound(file.length));
        return e;
    }

    @Test
    void rankOfTwoToTheThirtyOneIsRejectedWithoutAllocating() throws IOException {
        byte[] f = new Body().i32(0).i32(1).str("w").i32(Integer.MAX_VALUE).file();
        assertThat(f.length).isLessThan(64);
        ModelFileException e = reject(f);
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.MALFORMED);
        assertThat(e.field()).isEqualTo("array 'w' rank");
        assertThat(e.getMessage()).contains("rank 2147483647");
    }

    @Test
    void aZeroDimensionMakesAnEmptyArrayWhateverTheOtherDimensions() throws IOException {
        ModelData m = ModelFile.fromBytes(new Body().i32(0).i32(1).str("w").i32(3).i32(1 << 30).i32(1 << 30).i32(0)
                .file());
        assertThat(m.shape("w")).containsExactly(1 << 30, 1 << 30, 0);
        assertThat(m.arrays().get("w").data()).isEmpty();
    }

    @Test
    void productOverflowIsRejected() throws IOException {
        ModelFileException e = reject(new Body().i32(0).i32(1).str("w").i32(2).i32(1 << 30).i32(1 << 30).file());
        assertThat(e.field()).isEqualTo("array 'w' data");
        ModelFileException c = reject(new Body().i32(Integer.MAX_VALUE).file());
        assertThat(c.kind()).isEqualTo(ModelFileException.Kind.MALFORMED);
        ModelFileException s = reject(new Body().i32(1).i32(Integer.MAX_VALUE).file());
        assertThat(s.field()).isEqualTo("parameter[0].name");
    }

    @Test
    void emptyAndDuplicatedNamesAreMalformedNotIllegalArgument() throws IOException {
        ModelFileException empty = reject(new Body().i32(1).real("", 1.0).i32(0).file());
        assertThat(empty.field()).isEqualTo("parameter[0].name");
        assertThat(empty.getMessage()).contains("must not be empty");
        ModelFileException emptyArray = reject(new Body().i32(0).i32(1).str("").i32(0).i32(0).file());
        assertThat(emptyArray.field()).isEqualTo("array[0].name");
        ModelFileException dupParam = reject(new Body().i32(2).real("a", 1.0).real("a", 2.0).i32(0).file());
        assertThat(dupParam.getMessage()).contains("duplicate parameter name 'a'");
        ModelFileException dupArray = reject(new Body().i32(0).i32(2).str("w").i32(1).i32(1).i32(0)
                .str("w").i32(1).i32(1).i32(0).file());
        assertThat(dupArray.field()).isEqualTo("array[1].name");
        assertThat(dupArray.getMessage()).contains("duplicate array name 'w'");
    }

    /** The documented contract under mutation: a model, or a ModelFileException, within the allocation bound. */
    @Test
    void fuzzedModelFilesThrowOnlyModelFileExceptionWithinTheAllocationBound() {
        float[] w = new float[64];
        for (int i = 0; i < w.length; i++) {
            w[i] = i / 64f;
        }
        byte[] model = ModelFile.toBytes(new ModelData().putText("network", "tiny").putInt("n", 8)
                .putReal("threshold", 15.0).putArray("w", new int[] {8, 8}, w).putArray("b", new int[] {8}, new float[8]));
        // offsets of the length and count fields of this file
        int[] lengths = {12, 20, 24, 56, 73, 82, 90, 94, 98, 354, 357, 361};
        List<HostileInput.Mutant> mutants = HostileInput.mutants(model, 13, 3000, lengths);
        int rejected = 0;
        for (HostileInput.Mutant m : mutants) {
            long before = HostileInput.allocatedBytes();
            try {
                ModelFile.fromBytes(m.bytes());
            } catch (ModelFileException e) {
                rejected++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError(m.what() + ": " + e, e);
            }
            long used = HostileInput.allocatedBytes() - before;
            assertThat(used).as(m.what()).isLessThan(HostileInput.bound(m.bytes().length));
        }
        assertThat(rejected).isGreaterThan(mutants.size() / 2);
    }

    /** The same mutations with the checksum recomputed, so the structure checks behind the CRC are exercised. */
    @Test
    void fuzzedBodiesWithValidChecksumsThrowOnlyModelFileException() {
        float[] w = new float[16];
        byte[] model = ModelFile.toBytes(new ModelData().putText("network", "tiny").putInt("n", 4)
                .putArray("w", new int[] {4, 4}, w));
        List<HostileInput.Mutant> mutants = HostileInput.mutants(model, 17, 3000, 20, 24, 28, 45, 58, 62, 66, 70);
        int accepted = 0;
        for (HostileInput.Mutant m : mutants) {
            byte[] b = m.bytes();
            if (b.length >= 24 && b[0] == (byte) 0x89) {
                b = b.clone();
                ByteBuffer bb = ByteBuffer.wrap(b);
                bb.putLong(12, b.length - 24L);
                CRC32 crc = new CRC32();
                crc.update(b, 0, b.length - 4);
                bb.putInt(b.length - 4, (int) crc.getValue());
            }
            long before = HostileInput.allocatedBytes();
            try {
                ModelFile.fromBytes(b);
                accepted++;
            } catch (ModelFileException e) {
                assertThat(e.offset()).as(m.what()).isBetween(0L, (long) b.length);
            } catch (RuntimeException | Error e) {
                throw new AssertionError(m.what() + ": " + e, e);
            }
            long used = HostileInput.allocatedBytes() - before;
            assertThat(used).as(m.what()).isLessThan(HostileInput.bound(b.length));
        }
        assertThat(accepted).isGreaterThan(0);
    }
}
