package org.snn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits of the two file formats that the corruption tests do not reach: a file larger than any model file is
 * refused by its size before it is read (a sparse file, so nothing is written or read), an error re-thrown with
 * the file name keeps the stack trace of where the fault was found, and sections nested through lists of
 * sections count towards the nesting limit. Written after the session 7 whole-core PIT run (issue 17).
 */
class FileLimitsTest {
    /** A sparse file of {@code Integer.MAX_VALUE} bytes: more than a model file may have. */
    private static Path huge(Path dir) throws IOException {
        Path f = dir.resolve("huge.bin");
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(Integer.MAX_VALUE);
        }
        return f;
    }

    @Test
    void aFileLargerThanAnyModelFileIsRefusedBeforeReading(@TempDir Path dir) throws IOException {
        Path f = huge(dir);
        ModelFileException e = catchThrowableOfType(ModelFileException.class, () -> ModelFile.read(f));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.MALFORMED);
        assertThat(e.field()).isEqualTo("file size");
        assertThat(e.detail()).isEqualTo(f + ": 2147483647 bytes, more than the largest model file (2147483631 bytes)");
        e = catchThrowableOfType(ModelFileException.class, () -> SectionFile.read(f, Object.class, "root", List.of()));
        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo("file size");
        assertThat(e.detail()).isEqualTo(f + ": 2147483647 bytes, more than the largest file (2147483631 bytes)");
    }

    @Test
    void theFileNamedErrorKeepsTheStackTraceOfTheFault(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.bin");
        byte[] junk = new byte[64];
        Arrays.fill(junk, (byte) 7);
        Files.write(f, junk);
        ModelFileException e = catchThrowableOfType(ModelFileException.class, () -> ModelFile.read(f));
        assertThat(e.getMessage()).contains(f.toString());
        assertThat(Arrays.stream(e.getStackTrace()).map(StackTraceElement::getMethodName)).contains("fromBytes");
        e = catchThrowableOfType(ModelFileException.class, () -> SectionFile.read(f, Object.class, "root", List.of()));
        assertThat(e.getMessage()).contains(f.toString());
        assertThat(Arrays.stream(e.getStackTrace()).map(StackTraceElement::getMethodName)).contains("fromBytes");
    }

    @Test
    void listsOfSectionsCountTowardsTheNestingLimit() throws IOException {
        int depth = SectionFile.MAX_DEPTH;
        ModelFileException e = SectionFileTest.reject(SectionFileTest.file(o -> {
            for (int d = 0; d < depth; d++) {
                SectionFileTest.leafHeader(o, 1);
                SectionFileTest.str(o, "c");
                o.writeByte(9); // a list of sections
                o.writeInt(1); // of one
            }
            SectionFileTest.leafHeader(o, 0);
        }));
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.MALFORMED);
        assertThat(e.detail()).isEqualTo("sections nested deeper than 32 levels");
        assertThat(e.field()).isEqualTo("root" + ".c[0]".repeat(depth));
        // one level less is read (and fails only in the codec, which has no field x)
        ModelFileException ok = SectionFileTest.reject(SectionFileTest.file(o -> {
            for (int d = 0; d < depth - 1; d++) {
                SectionFileTest.leafHeader(o, 1);
                SectionFileTest.str(o, "c");
                o.writeByte(9);
                o.writeInt(1);
            }
            SectionFileTest.leafHeader(o, 0);
        }));
        assertThat(ok.detail()).startsWith("section t.Leaf has no integer field 'x'");
    }
}
