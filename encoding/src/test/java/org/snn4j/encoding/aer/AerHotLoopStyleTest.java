package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoding and transform loops have no for-each loops, streams or boxing collections (run from the module dir). */
class AerHotLoopStyleTest {
    static final List<String> FILES = List.of("NmnistBin.java", "Aedat2.java", "Aedat31.java", "Aedat4.java",
            "Lz4Frame.java", "XxHash32.java", "FlatBuf.java", "EventTransforms.java", "EventBinning.java", "Events.java",
            "DvXml.java");

    @Test
    void noForEachNoStreams() throws IOException {
        for (int f = 0; f < FILES.size(); f++) {
            Path p = Path.of("src/main/java/org/snn4j/encoding/aer", FILES.get(f));
            assertThat(p).as("run from the encoding module").exists();
            List<String> lines = Files.readAllLines(p);
            for (int i = 0; i < lines.size(); i++) {
                assertThat(lines.get(i)).as("%s:%d", p, i + 1).doesNotContainPattern("for \\([^;]*:[^;]*\\)")
                        .doesNotContain(".stream(").doesNotContain("List<Integer>").doesNotContain("List<Long>");
            }
        }
    }
}
