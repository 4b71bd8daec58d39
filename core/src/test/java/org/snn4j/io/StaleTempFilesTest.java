package org.snn4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AtomicFiles#deleteStale}: exactly the temporary files {@code <prefix><pid>.<digits>.tmp} of a process
 * that is gone are deleted; names that do not have that form, and the files of this process, are kept.
 * Written after the session 7 whole-core PIT run (issue 17).
 */
class StaleTempFilesTest {
    @Test
    void onlyWellFormedFilesOfDeadProcessesAreDeleted(@TempDir Path dir) throws IOException {
        String prefix = ".m.bin.";
        long me = ProcessHandle.current().pid();
        long dead = 4_000_000_000L; // above any pid_max
        List<String> kept = List.of(prefix + me + ".12.tmp", prefix + "12a.1.tmp", prefix + ".1.tmp",
                prefix + "123.tmp", prefix + "123.x1.tmp", prefix + "123..tmp", prefix + dead + ".1a.tmp",
                prefix + "99999999999999999999.1.tmp", prefix + dead + ".1.tmpx", ".other." + dead + ".1.tmp");
        List<String> stale = List.of(prefix + dead + ".1.tmp", prefix + (dead + 1) + ".987654.tmp");
        for (String n : kept) {
            Files.write(dir.resolve(n), new byte[1]);
        }
        for (String n : stale) {
            Files.write(dir.resolve(n), new byte[1]);
        }
        assertThat(AtomicFiles.deleteStale(dir, prefix)).isEqualTo(2);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(kept);
        }
        assertThat(AtomicFiles.deleteStale(dir, prefix)).isZero();
        assertThat(AtomicFiles.deleteStale(null, prefix)).isZero();
    }
}
