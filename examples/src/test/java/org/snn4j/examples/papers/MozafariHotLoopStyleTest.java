package org.snn4j.examples.papers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flagship's per-sample code (its composition; the engine's loops are checked by core's test) and the
 * reference oracles have no for-each loops, streams or boxing collections (as core's test).
 */
class MozafariHotLoopStyleTest {
    static final List<String> FILES = List.of(
            "src/main/java/org/snn4j/examples/papers/Mozafari2019Composed.java",
            "src/test/java/org/snn4j/examples/papers/SpikingConv.java",
            "src/test/java/org/snn4j/examples/papers/DecisionConv.java",
            "src/test/java/org/snn4j/examples/papers/StepEvents.java",
            "src/test/java/org/snn4j/examples/papers/MozafariNetwork.java");

    @Test
    void noForEachNoStreams() throws IOException {
        for (int f = 0; f < FILES.size(); f++) {
            Path p = Path.of(FILES.get(f));
            assertThat(p).as("run from the examples module").exists();
            List<String> lines = Files.readAllLines(p);
            for (int i = 0; i < lines.size(); i++) {
                assertThat(lines.get(i)).as("%s:%d", p, i + 1).doesNotContainPattern("for \\([^;]*:[^;]*\\)")
                        .doesNotContain(".stream(").doesNotContain("List<Integer>").doesNotContain("List<Float>");
            }
        }
    }
}
