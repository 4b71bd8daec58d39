package org.snn4j.nir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.Shape;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.PoolingLayer;
import org.snn4j.network.Network;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.ResetMode;
import org.snn4j.neuron.PerfectIf;

/** Clear errors for what cannot be imported, exported or read, and damaged files. */
class NirErrorsTest {
    @TempDir
    Path dir;

    static NirNode node(String name, NirType t, Object... kv) {
        Map<String, NirArray> p = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], (NirArray) kv[i + 1]);
        }
        return new NirNode(name, t, p);
    }

    static NirGraph chain(NirNode... mid) {
        List<NirNode> n = new ArrayList<>();
        n.add(node("in", NirType.INPUT, "shape", NirArray.ints(2)));
        n.addAll(List.of(mid));
        n.add(node("out", NirType.OUTPUT));
        List<NirGraph.Edge> e = new ArrayList<>();
        for (int i = 0; i + 1 < n.size(); i++) {
            e.add(new NirGraph.Edge(n.get(i).name(), n.get(i + 1).name()));
        }
        return new NirGraph("1.0.7", n, e);
    }

    static NirNode linear(String name) {
        return node(name, NirType.LINEAR, "weight", NirArray.floats(new int[] {2, 2}, new double[] {1, 0, 0, 1}));
    }

    static NirNode lif(String name) {
        return node(name, NirType.LIF, "tau", NirArray.floats(5, 5), "r", NirArray.floats(1, 1),
                "v_leak", NirArray.floats(0, 0), "v_threshold", NirArray.floats(1, 1));
    }

    @Test
    void unsupportedPrimitivesAreNamedWithTheirNodeAndType() {
        NirNode cuba = node("syn1", NirType.CUBA_LI, "tau_mem", NirArray.floats(1, 1));
        assertThatThrownBy(() -> NirImport.toNetwork(chain(linear("fc"), cuba), NirOptions.ofDtMs(1f)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("syn1 (CubaLI)").hasMessageContaining("current-based");
        NirNode delay = node("d", NirType.DELAY, "delay", NirArray.floats(1, 1));
        assertThatThrownBy(() -> NirImport.toNetwork(chain(delay, linear("fc"), lif("l")), NirOptions.ofDtMs(1f)))
                .hasMessageContaining("d (Delay)");
        NirNode thr = node("t", NirType.THRESHOLD, "threshold", NirArray.floats(1, 1));
        assertThatThrownBy(() -> NirImport.toNetwork(chain(linear("fc"), thr), NirOptions.ofDtMs(1f)))
                .hasMessageContaining("t (Threshold)");
    }

    @Test
    void recurrentEdgesAreRefusedNamingTheEdge() {
        NirGraph g = chain(linear("fc"), lif("l"), linear("rec"));
        List<NirGraph.Edge> e = new ArrayList<>(g.edges());
        e.add(new NirGraph.Edge("rec", "l"));
        NirGraph rec = new NirGraph("1.0.7", g.nodes(), e);
        assertThatThrownBy(() -> NirImport.toNetwork(rec, NirOptions.ofDtMs(1f)))
                .hasMessageContaining("rec -> l").hasMessageContaining("recurrent");
    }

    @Test
    void branchesAndNeuronParametersThatDifferPerNeuronAreRefused() {
        NirGraph g = chain(linear("fc"), lif("l"));
        List<NirNode> nodes = new ArrayList<>(g.nodes());
        nodes.add(linear("side"));
        List<NirGraph.Edge> e = new ArrayList<>(g.edges());
        e.add(new NirGraph.Edge("l", "side"));
        assertThatThrownBy(() -> NirImport.toNetwork(new NirGraph("1", nodes, e), NirOptions.ofDtMs(1f)))
                .hasMessageContaining("l (LIF)").hasMessageContaining("feeds 2 nodes");
        NirNode uneven = node("u", NirType.LIF, "tau", NirArray.floats(5, 6), "r", NirArray.floats(1, 1),
                "v_leak", NirArray.floats(0, 0), "v_threshold", NirArray.floats(1, 1));
        assertThatThrownBy(() -> NirImport.toNetwork(chain(linear("fc"), uneven), NirOptions.ofDtMs(1f)))
                .hasMessageContaining("u (LIF)").hasMessageContaining("tau must be the same for every neuron");
        assertThatThrownBy(() -> NirImport.toNetwork(chain(lif("alone")), NirOptions.ofDtMs(1f)))
                .hasMessageContaining("alone (LIF)").hasMessageContaining("must follow");
        NirNode badW = node("fc", NirType.LINEAR, "weight", NirArray.floats(new int[] {2, 3}, new double[6]));
        assertThatThrownBy(() -> NirImport.toNetwork(chain(badW, lif("l")), NirOptions.ofDtMs(1f)))
                .hasMessageContaining("fc (Linear)").hasMessageContaining("takes 3 inputs");
    }

    @Test
    void inputShapesWithABatchDimensionOfOneAreAcceptedOthersRefused() {
        NirGraph g = chain(linear("fc"), lif("l"));
        List<NirNode> nodes = new ArrayList<>(g.nodes());
        nodes.set(0, node("in", NirType.INPUT, "shape", NirArray.ints(1, 1, 1, 2)));
        assertThat(NirImport.toNetwork(new NirGraph("1", nodes, g.edges()), NirOptions.ofDtMs(1f)).inputShape())
                .isEqualTo(Shape.flat(2));
        nodes.set(0, node("in", NirType.INPUT, "shape", NirArray.ints(2, 1, 1, 2)));
        assertThatThrownBy(() -> NirImport.toNetwork(new NirGraph("1", nodes, g.edges()), NirOptions.ofDtMs(1f)))
                .hasMessageContaining("in (Input)").hasMessageContaining("4 dimensions");
    }

    @Test
    void exportRefusesWhatNirCannotExpress() {
        Shape in = new Shape(1, 4, 4);
        Network pooled = Network.builder(in, 1f).add(new PoolingLayer("pool", in, 2, 2, 0))
                .add(DenseLayer.builder("fc", new Shape(1, 2, 2), 2).neurons(new Lif(LifParameters.defaults()
                        .withRefractoryMs(0f))).build()).build();
        assertThatThrownBy(() -> NirExport.toGraph(pooled, NirOptions.ofDtMs(1f)))
                .hasMessageContaining("layer pool").hasMessageContaining("PoolingLayer");
        Network refractory = Network.builder(Shape.flat(2), 1f)
                .add(DenseLayer.builder("fc", Shape.flat(2), 2)
                .neurons(new Lif(LifParameters.defaults())).build()).build();
        assertThatThrownBy(() -> NirExport.toGraph(refractory, NirOptions.ofDtMs(1f)))
                .hasMessageContaining("layer fc").hasMessageContaining("refractory");
        Network subtract = Network.builder(Shape.flat(2), 1f).add(DenseLayer.builder("fc", Shape.flat(2), 2)
                .neurons(new Lif(LifParameters.defaults().withRefractoryMs(0f).withResetMode(ResetMode.SUBTRACT)))
                .build()).build();
        assertThatThrownBy(() -> NirExport.toGraph(subtract, NirOptions.ofDtMs(1f)))
                .hasMessageContaining("SUBTRACT");
        Network fireOnce = Network.builder(Shape.flat(2), 1f)
                .add(DenseLayer.builder("fc", Shape.flat(2), 2).neurons(PerfectIf.latencyCoded(1f)).build()).build();
        assertThatThrownBy(() -> NirExport.toGraph(fireOnce, NirOptions.ofDtMs(1f)))
                .hasMessageContaining("layer fc").hasMessageContaining("fire once per presentation");
    }

    @Test
    void filesThatAreNotNirAreRejectedNamingThePath() throws Exception {
        Path junk = dir.resolve("junk.nir");
        Files.write(junk, "this is not an HDF5 file at all".getBytes());
        assertThatThrownBy(() -> NirFile.read(junk)).isInstanceOf(NirFormatException.class).hasMessageContaining("HDF5");
        Path empty = dir.resolve("empty.nir");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> NirFile.read(empty)).isInstanceOf(NirFormatException.class);
    }

    @Test
    void truncatedAndMutatedCopiesOfARealFileFailOnlyWithNirFormatException() throws Exception {
        Path good = NirFixtureTest.resource(dir, "mlp_snntorch_style.nir");
        byte[] bytes = Files.readAllBytes(good);
        SplittableRandom r = new SplittableRandom(15);
        int rejected = 0;
        for (int k = 0; k < 60; k++) {
            byte[] b = bytes.clone();
            if (k < 10) {
                b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
            } else {
                for (int j = 0; j < 4; j++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                }
            }
            Path p = dir.resolve("m" + k + ".nir");
            Files.write(p, b);
            try {
                NirGraph g = NirFile.read(p);
                try {
                    NirImport.toNetwork(g, NirOptions.seconds(1f));
                } catch (IllegalArgumentException e) {
                    assertThat(e.getMessage()).isNotBlank();
                }
            } catch (NirFormatException e) {
                assertThat(e.path()).isNotBlank();
                rejected++;
            }
        }
        assertThat(rejected).as("every truncated copy at least").isGreaterThanOrEqualTo(10);
    }

    @Test
    void aMissingTypeOrAnUnknownTypeIsReportedWithItsPath() throws Exception {
        Path f = dir.resolve("t.nir");
        try (io.jhdf.WritableHdfFile h = io.jhdf.HdfFile.write(f)) {
            h.putDataset("version", "1.0.7");
            io.jhdf.api.WritableGroup n = h.putGroup("node");
            n.putDataset("type", "NIRGraph");
            io.jhdf.api.WritableGroup nodes = n.putGroup("nodes");
            nodes.putGroup("weird").putDataset("type", "Spiral");
        }
        assertThatThrownBy(() -> NirFile.read(f)).isInstanceOf(NirFormatException.class)
                .hasMessageContaining("/node/nodes/weird/type").hasMessageContaining("Spiral");
        Path g = dir.resolve("u.nir");
        try (io.jhdf.WritableHdfFile h = io.jhdf.HdfFile.write(g)) {
            h.putGroup("node").putGroup("nodes");
        }
        assertThatThrownBy(() -> NirFile.read(g)).isInstanceOf(NirFormatException.class)
                .hasMessageContaining("/node/type").hasMessageContaining("missing");
    }
}
