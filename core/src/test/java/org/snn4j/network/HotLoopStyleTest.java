package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The step code of the engine, the neuron models and the monitors has no for-each loops, streams or boxing
 * collections (EJML bans for-each in its fast code the same way). Reads the sources from the module
 * directory (Maven runs tests there).
 */
class HotLoopStyleTest {
    static final List<String> FILES = List.of(
            "src/main/java/org/snn4j/neuron/Lif.java",
            "src/main/java/org/snn4j/neuron/PerfectIf.java",
            "src/main/java/org/snn4j/neuron/Izhikevich.java",
            "src/main/java/org/snn4j/neuron/ConductanceLif.java",
            "src/main/java/org/snn4j/layer/SparseLayer.java",
            "src/main/java/org/snn4j/layer/CurrentLayer.java",
            "src/main/java/org/snn4j/layer/SynapticInput.java",
            "src/main/java/org/snn4j/layer/Conv2dLayer.java",
            "src/main/java/org/snn4j/layer/DenseLayer.java",
            "src/main/java/org/snn4j/layer/PoolingLayer.java",
            "src/main/java/org/snn4j/layer/PaddingLayer.java",
            "src/main/java/org/snn4j/competition/PointwiseInhibition.java",
            "src/main/java/org/snn4j/competition/KWinnersTakeAll.java",
            "src/main/java/org/snn4j/competition/WinnerTakeAll.java",
            "src/main/java/org/snn4j/competition/TwoThresholdHomeostasis.java",
            "src/main/java/org/snn4j/competition/ResetFired.java",
            "src/main/java/org/snn4j/competition/LateralInhibition.java",
            "src/main/java/org/snn4j/competition/ThresholdAdaptation.java",
            "src/main/java/org/snn4j/network/Simulation.java",
            "src/main/java/org/snn4j/monitor/SpikeRaster.java",
            "src/main/java/org/snn4j/monitor/StateTrace.java",
            "src/main/java/org/snn4j/monitor/SpikeCounts.java");

    @Test
    void noForEachNoStreamsInStepCode() throws IOException {
        int found = 0;
        for (int f = 0; f < FILES.size(); f++) {
            Path p = Path.of(FILES.get(f));
            if (!Files.exists(p)) {
                continue;
            }
            found++;
            List<String> lines = Files.readAllLines(p);
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                assertThat(l).as("%s:%d", p, i + 1).doesNotContainPattern("for \\([^;]*:[^;]*\\)")
                        .doesNotContain(".stream(").doesNotContain("List<Integer>").doesNotContain("List<Float>");
            }
        }
        assertThat(found).as("sources found from the working directory (run from the core module)")
                .isEqualTo(FILES.size());
    }
}
