package org.snn4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 6: a JVM killed while saving leaves the target intact and its temporary file behind; the next
 * save of the same target deletes it. Temporary files of live processes and of other targets are kept.
 */
class AtomicFilesCrashTest {

    /** Child JVM: starts writing {@code args[0]}, says "writing" once 1 MB is out, then hangs until killed. */
    public static final class Child {
        public static void main(String[] args) throws IOException {
            AtomicFiles.write(Path.of(args[0]), out -> {
                out.write(new byte[1 << 20]);
                out.flush();
                System.out.println("writing");
                System.out.flush();
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private static List<Path> temps(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).sorted().toList();
        }
    }

    @Test
    void aTempFileStrandedByAKilledJvmIsDeletedByTheNextSave(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("model.snn");
        ModelFile.write(target, new ModelData().putInt("version", 1));
        byte[] before = Files.readAllBytes(target);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), target.toString()).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = r.readLine();
            } while (line != null && !line.equals("writing"));
            assertThat(line).as("the child JVM started writing").isEqualTo("writing");
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }

        List<Path> stranded = temps(dir);
        assertThat(stranded).hasSize(1);
        assertThat(stranded.get(0).getFileName().toString()).startsWith(".model.snn." + p.pid() + ".");
        assertThat(Files.size(stranded.get(0))).isGreaterThanOrEqualTo(1 << 20);
        assertThat(Files.readAllBytes(target)).as("the target is intact").isEqualTo(before);

        // files that are not stale temporaries of this target stay
        Path live = dir.resolve(".model.snn." + ProcessHandle.current().pid() + ".123.tmp");
        Path other = dir.resolve(".model.snn.bak." + p.pid() + ".123.tmp");
        Path unrelated = dir.resolve(".model.snn.notes.tmp");
        Files.write(live, new byte[1]);
        Files.write(other, new byte[1]);
        Files.write(unrelated, new byte[1]);

        ModelFile.write(target, new ModelData().putInt("version", 2));
        assertThat(ModelFile.read(target).integer("version")).isEqualTo(2);
        assertThat(temps(dir)).containsExactlyInAnyOrder(live, other, unrelated);
    }
}
