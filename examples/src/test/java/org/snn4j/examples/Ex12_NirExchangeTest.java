package org.snn4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ex12_NirExchangeTest {
    @TempDir
    Path dir;

    @Test
    void exportsReadsBackAndImportsAFileItWrote() throws Exception {
        Ex12_NirExchange.main(new String[] {"--quick", "--out", dir.toString()});
        Path f = dir.resolve("snn4j-net.nir");
        assertThat(Files.size(f)).isGreaterThan(1000);
        Ex12_NirExchange.main(new String[] {"--quick", "--file", f.toString()});
    }

    @Test
    void theExampleNetworkSpikesInEveryLayer() {
        long[] spikes = new long[3];
        Ex12_NirExchange.run(Ex12_NirExchange.network(1f), 3, 11, spikes);
        assertThat(spikes[0]).isPositive();
        assertThat(spikes[1]).isPositive();
        assertThat(spikes[2]).isPositive();
    }

    @Test
    void theNirPapersSinabsCnnClassifiesTheNmnistTestRecordings() throws Exception {
        // the NIR paper's Sinabs N-MNIST CNN, committed in the nir module's test resources, on the 100 real test
        // recordings of nmnist-small (run from the examples module directory, as surefire does)
        Path file = Path.of("../nir/src/test/resources/nir/cnn_sinabs.nir");
        Path data = Path.of("data/nmnist-small");
        org.snn4j.network.Network net = org.snn4j.nir.NirImport.toNetwork(org.snn4j.nir.NirFile.read(file),
                org.snn4j.nir.NirOptions.ofDtMs(1f));
        assertThat(Ex12_NirExchange.classifyNmnist(net, data, false)).isEqualTo(100.0);
    }
}
