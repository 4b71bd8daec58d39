package org.snn4j.nir;

import org.snn4j.neuron.BiasCurrent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.EventSource;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.PerfectIf;

/**
 * Files written by Python h5py in the layout of the NIR reference implementation (gzip-compressed arrays,
 * variable-length strings; {@code src/test/resources/nir/make_fixtures.py}), read, imported and run.
 */
class NirFixtureTest {
    @TempDir
    Path dir;

    static Path resource(Path dir, String name) throws Exception {
        Path p = dir.resolve(name);
        try (InputStream in = NirFixtureTest.class.getResourceAsStream("/nir/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void theSnnTorchStyleMlpReadsWithItsParameters() throws Exception {
        NirGraph g = NirFile.read(resource(dir, "mlp_snntorch_style.nir"));
        assertThat(g.version()).isEqualTo("1.0.7");
        assertThat(g.nodes()).hasSize(6);
        assertThat(g.edges()).containsExactly(new NirGraph.Edge("input", "fc1"), new NirGraph.Edge("fc1", "lif1"),
                new NirGraph.Edge("lif1", "fc2"), new NirGraph.Edge("fc2", "if2"), new NirGraph.Edge("if2", "output"));
        NirNode lif = g.node("lif1");
        assertThat(lif.type()).isEqualTo(NirType.LIF);
        assertThat(lif.param("tau").get(0)).isCloseTo(0.01, within(1e-7));    // dt / (1 - beta), seconds
        assertThat(lif.param("r").get(0)).isCloseTo(10, within(1e-4));        // tau / dt
        assertThat(g.node("fc1").param("weight").shape()).containsExactly(3, 4);
        assertThat(g.node("input").param("shape").integer()).isTrue();
    }

    @Test
    void theSnnTorchStyleMlpRunsSpikeForSpikeAsTheReferenceSimulation() throws Exception {
        Network net = NirImport.toNetwork(NirFile.read(resource(dir, "mlp_snntorch_style.nir")), NirOptions.seconds(1f));
        assertThat(((BiasCurrent) net.layer(0).neuronModel()).model()).isInstanceOf(Lif.class);
        assertThat(net.layer(1).neuronModel()).isInstanceOf(PerfectIf.class);
        // the input of make_fixtures.py: neuron i fires at step t when (t + i) % (i + 2) == 0, 40 steps
        List<Integer> st = new ArrayList<>();
        List<Integer> ix = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            for (int i = 0; i < 4; i++) {
                if ((t + i) % (i + 2) == 0) {
                    st.add(t);
                    ix.add(i);
                }
            }
        }
        Simulation sim = net.newSimulation(1);
        SpikeRaster r0 = sim.recordSpikes("fc1");
        SpikeRaster r1 = sim.recordSpikes("fc2");
        sim.present(EventSource.of(40, 4, st.stream().mapToInt(Integer::intValue).toArray(),
                ix.stream().mapToInt(Integer::intValue).toArray()));
        List<String> got = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            for (int k = 0; k < r0.count(); k++) {
                if (r0.step(k) == t) {
                    got.add(t + ",0," + r0.neuron(k));
                }
            }
            for (int k = 0; k < r1.count(); k++) {
                if (r1.step(k) == t) {
                    got.add(t + ",1," + r1.neuron(k));
                }
            }
        }
        String csv;
        try (InputStream in = getClass().getResourceAsStream("/nir/mlp_expected.csv")) {
            csv = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        List<String> want = new ArrayList<>(List.of(csv.trim().split("\n")));
        want.remove(0);
        assertThat(want).hasSizeGreaterThan(40);
        assertThat(got).containsExactlyElementsOf(want);
    }

    @Test
    void theSinabsStyleCnnFoldsSumPoolingIntoTheDenseLayerAndRuns() throws Exception {
        NirGraph g = NirFile.read(resource(dir, "cnn_sinabs_style.nir"));
        assertThat(g.node("conv").param("weight").shape()).containsExactly(2, 1, 3, 3);
        assertThat(g.node("flat").param("end_dim").get(0)).isEqualTo(-1);
        Network net = NirImport.toNetwork(g, NirOptions.ofDtMs(1f));
        assertThat(net.layerCount()).isEqualTo(2);
        Conv2dLayer conv = (Conv2dLayer) net.layer(0);
        assertThat(conv.outputShape()).isEqualTo(new org.snn4j.Shape(2, 6, 6));
        assertThat(conv.weight(1, 0, 2, 1)).isEqualTo((float) g.node("conv").param("weight").get(9 + 2 * 3 + 1));
        DenseLayer fc = (DenseLayer) net.layer(1);
        assertThat(fc.inputShape()).isEqualTo(new org.snn4j.Shape(2, 6, 6));
        // sum pooling folded: input (c=1, y=3, x=4) lies in pooled (1, 1, 2) = flat index 9 + 3 + 2 = 14;
        // r dt / tau = 10 * 1 / 10 = 1, so the weight is copied
        NirArray wf = g.node("fc").param("weight");
        int i = new org.snn4j.Shape(2, 6, 6).index(1, 3, 4);
        assertThat(fc.weights()[i * 3 + 2]).isEqualTo((float) wf.get(2 * 18 + 14));
        Simulation sim = net.newSimulation(1);
        SpikeRaster out = sim.recordSpikes("fc");
        sim.present(NirTestNets.randomInput(36, 30, 0.3, 5));
        assertThat(sim.spikeCount(0)).isGreaterThan(0);
        assertThat(out.count()).isGreaterThan(0);
    }

    @Test
    void theNirPapersSinabsNmnistCnnImportsAndRuns() throws Exception {
        // cnn_sinabs.nir: re-made by make_cnn_sinabs.py from the NIR paper's pretrained weights (the same datasets as
        // the file Sinabs wrote for the paper)
        NirGraph g = NirFile.read(resource(dir, "cnn_sinabs.nir"));
        assertThat(g.version()).isEqualTo("0.2.0");
        assertThat(g.nodes()).hasSize(15);
        assertThat(g.node("0").param("weight").shape()).containsExactly(16, 2, 5, 5);
        assertThat(g.node("9").param("weight").shape()).containsExactly(256, 128);
        Network net = NirImport.toNetwork(g, NirOptions.ofDtMs(1f));
        // conv 5x5/2 -> conv 3x3 -> (sum pool folded) conv 3x3 -> (sum pool and flatten folded) dense 256 -> dense 10
        assertThat(net.layerCount()).isEqualTo(5);
        assertThat(net.layer(0).outputShape()).isEqualTo(new org.snn4j.Shape(16, 16, 16));
        assertThat(net.layer(2).outputShape()).isEqualTo(new org.snn4j.Shape(8, 8, 8));
        assertThat(net.layer(4).outputShape().size()).isEqualTo(10);
        Conv2dLayer conv = (Conv2dLayer) net.layer(0);
        assertThat(conv.weight(3, 1, 2, 4)).isEqualTo((float) g.node("0").param("weight").get(((3 * 2 + 1) * 5 + 2) * 5
                + 4));
        Simulation sim = net.newSimulation(1);
        sim.present(NirTestNets.randomInput(2 * 34 * 34, 40, 0.2, 5));
        assertThat(sim.spikeCount(0)).isGreaterThan(0);
        assertThat(sim.spikeCount(3)).isGreaterThan(0);
    }
}
