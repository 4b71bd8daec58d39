package org.snn4j.nir;

import org.snn4j.neuron.BiasCurrent;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.network.Network;

class NirRoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"1, ONE_STEP_PULSE", "1000, ONE_STEP_PULSE", "1, DIRAC", "1000, DIRAC"})
    void exportWriteReadImportGivesIdenticalWeightsAndSpikes(float unitMs, SpikeConvention conv) throws Exception {
        NirOptions o = new NirOptions(0.5f, unitMs, conv);
        Network net = NirTestNets.convDense(0.5f, false);
        Path f = dir.resolve("net.nir");
        NirFile.write(NirExport.toGraph(net, o), f);
        Network back = NirImport.toNetwork(NirFile.read(f), o);

        assertThat(back.layerCount()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(back.layer(i).name()).isEqualTo(net.layer(i).name());
            assertThat(back.layer(i).outputShape()).isEqualTo(net.layer(i).outputShape());
            assertThat(back.layer(i).neuronModel().toString()).isEqualTo(net.layer(i).neuronModel().toString());
        }
        Conv2dLayer c = (Conv2dLayer) back.layer(0);
        assertThat(c.weights()).containsExactly(((Conv2dLayer) net.layer(0)).weights());
        assertThat(c.paddingH()).isEqualTo(1);
        assertThat(((DenseLayer) back.layer(1)).weights()).containsExactly(((DenseLayer) net.layer(1)).weights());
        assertThat(((DenseLayer) back.layer(2)).weights()).containsExactly(((DenseLayer) net.layer(2)).weights());

        String expected = NirTestNets.spikes(net, 100, 4);
        assertThat(expected.split("\n").length).as("the test input must make every layer fire").isGreaterThan(50);
        assertThat(expected).contains("\n2:");
        assertThat(NirTestNets.spikes(back, 100, 4)).isEqualTo(expected);
    }

    @Test
    void biasCurrentsRoundTripAsAffineBiasWithTheSameSpikes() throws Exception {
        NirOptions o = NirOptions.seconds(0.5f);
        Network net = NirTestNets.convDense(0.5f, true);
        NirGraph g = NirExport.toGraph(net, o);
        assertThat(g.node("d2").type()).isEqualTo(NirType.AFFINE);
        assertThat(g.node("d1").type()).isEqualTo(NirType.LINEAR);
        Path f = dir.resolve("bias.nir");
        NirFile.write(g, f);
        Network back = NirImport.toNetwork(NirFile.read(f), o);
        BiasCurrent bc = (BiasCurrent) back.layer(2).neuronModel();
        float[] want = ((BiasCurrent) net.layer(2).neuronModel()).current();
        float[] got = bc.current();
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).isCloseTo(want[i], org.assertj.core.data.Percentage.withPercentage(1e-4));
        }
        String expected = NirTestNets.spikes(net, 200, 3);
        assertThat(expected).contains("\n2:");
        assertThat(NirTestNets.spikes(back, 200, 3)).isEqualTo(expected);
    }

    @Test
    void theWrittenGraphReadsBackEqualNodeForNode() throws Exception {
        NirGraph g = NirExport.toGraph(NirTestNets.convDense(1f, true), NirOptions.ofDtMs(1f));
        Path f = dir.resolve("g.nir");
        NirFile.write(g, f);
        NirGraph r = NirFile.read(f);
        assertThat(r.version()).isEqualTo(NirGraph.WRITTEN_VERSION);
        assertThat(r.edges()).isEqualTo(g.edges());
        assertThat(r.nodes()).hasSameSizeAs(g.nodes());
        for (NirNode n : g.nodes()) {
            assertThat(r.node(n.name())).isEqualTo(n);
        }
        assertThat(g.node("d1_flatten").type()).isEqualTo(NirType.FLATTEN);
        assertThat(g.node("c1").param("weight").shape()).containsExactly(4, 2, 3, 3);
        assertThat(g.node("c1_neurons").param("tau").shape()).containsExactly(4, 8, 8);
        assertThat(g.node("d1").param("weight").shape()).containsExactly(10, 256);
        assertThat(g.node("output").param("shape").values()).containsExactly(3);
    }

    @Test
    void writingReplacesAnExistingFileAtomically() throws Exception {
        Path f = dir.resolve("x.nir");
        java.nio.file.Files.writeString(f, "old");
        NirFile.write(NirExport.toGraph(NirTestNets.convDense(1f, false), NirOptions.ofDtMs(1f)), f);
        assertThat(NirFile.read(f).nodes()).hasSize(9);
        try (var s = java.nio.file.Files.list(dir)) {
            assertThat(s.count()).as("no temporary file is left").isEqualTo(1);
        }
    }
}
