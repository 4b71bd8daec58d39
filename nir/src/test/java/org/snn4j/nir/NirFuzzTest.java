package org.snn4j.nir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.testkit.HostileInput;

/**
 * Issue 13 for the NIR reader: mutated copies of the shipped h5py fixtures (bit flips, truncation, inserted and
 * deleted bytes, huge values; seeded) are read; {@link NirFile#read} returns a graph or throws an
 * {@link IOException} ({@link NirFormatException} for a file it can open), never another exception, and the
 * reading thread allocates less than {@code 64 x input + 16 MB}.
 */
class NirFuzzTest {

    @Test
    void mutatedFixturesThrowOnlyIoExceptionsWithinTheAllocationBound(@TempDir Path dir) throws IOException {
        String[] names = {"mlp_snntorch_style.nir", "cnn_sinabs_style.nir"};
        int rejected = 0;
        int total = 0;
        for (int k = 0; k < names.length; k++) {
            byte[] original;
            try (var in = NirFuzzTest.class.getResourceAsStream("/nir/" + names[k])) {
                original = in.readAllBytes();
            }
            for (HostileInput.Mutant m : HostileInput.mutants(original, 50 + k, 80)) {
                Path p = dir.resolve("m" + total++ + ".nir");
                Files.write(p, m.bytes());
                long before = HostileInput.allocatedBytes();
                try {
                    NirFile.read(p);
                } catch (IOException e) {
                    rejected++;
                } catch (RuntimeException | Error e) {
                    throw new AssertionError(names[k] + ": " + m.what() + ": " + e, e);
                }
                assertThat(HostileInput.allocatedBytes() - before).as(names[k] + ": " + m.what())
                        .isLessThan(HostileInput.bound(m.bytes().length));
                Files.delete(p);
            }
        }
        assertThat(rejected).isGreaterThan(0);
    }
}
