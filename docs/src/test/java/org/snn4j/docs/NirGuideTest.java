package org.snn4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.ResetMode;
import org.snn4j.nir.NirExport;
import org.snn4j.nir.NirFile;
import org.snn4j.nir.NirGraph;
import org.snn4j.nir.NirImport;
import org.snn4j.nir.NirOptions;
import org.snn4j.nir.NirType;

/** The snippets of docs/nir.md. */
class NirGuideTest {

    @Test
    void exportAndImport(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("net.nir");
        // tag::nir[]
        // NIR has no refractory period and resets to a value: a plain LIF network
        LifParameters p = new LifParameters(10f, 0f, 0f, 1f, 1f, 0f, ResetMode.TO_VALUE);
        Network net = Network.builder(Shape.flat(20), 1f)
                .add(DenseLayer.builder("fc", Shape.flat(20), 5)
                        .weights(WeightInit.uniform(0f, 0.5f, 3)).neurons(new Lif(p)).build())
                .build();

        NirOptions options = NirOptions.ofDtMs(1f);                 // dt 1 ms, NIR times in ms
        NirFile.write(NirExport.toGraph(net, options), file);       // Input, Linear, LIF, Output

        NirGraph graph = NirFile.read(file);                        // also files from snnTorch, Norse, ...
        Network back = NirImport.toNetwork(graph, options);         // NirOptions.seconds(dt) for snnTorch / Norse
        // end::nir[]
        assertThat(graph.node("fc").type()).isEqualTo(NirType.LINEAR);
        assertThat(graph.node("fc_neurons").type()).isEqualTo(NirType.LIF);
        assertThat(((DenseLayer) back.layer(0)).weights()).containsExactly(((DenseLayer) net.layer(0)).weights());
        int[] steps = new int[200];
        int[] idx = new int[200];
        for (int k = 0; k < 200; k++) {
            steps[k] = k / 4;
            idx[k] = (k * 7) % 20;
        }
        Simulation a = net.newSimulation(1);
        Simulation b = back.newSimulation(1);
        a.present(EventSource.of(50, 20, steps, idx));
        b.present(EventSource.of(50, 20, steps, idx));
        assertThat(a.spikeCount(0)).isPositive().isEqualTo(b.spikeCount(0));
    }
}
