package org.snn4j.nir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.neuron.BiasedIf;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.NeuronModel;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;
import org.snn4j.neuron.ResetMode;
import org.snn4j.neuron.ThresholdComparison;

/**
 * NIR fires at {@code v > v_threshold}; snn4j's Lif at {@code v >= vThreshold}, PerfectIf / BiasedIf as their
 * {@link ThresholdComparison} says. Export and import map one onto the other exactly (one float ulp), so a
 * potential that lands exactly on the threshold fires or not the same way after a round trip; reset by
 * subtraction travels in the node's metadata.
 */
class NirThresholdAndResetTest {
    @TempDir
    Path dir;

    /** One input, one neuron, weight exactly 1: at the input's step the potential is exactly 1 = the threshold. */
    private static Network single(NeuronModel m) {
        DenseLayer d = DenseLayer.builder("d", Shape.flat(1), 1).neurons(m).build();
        d.weights()[0] = 1f;
        return Network.builder(Shape.flat(1), 1f).add(d).build();
    }

    private static int spikes(Network net) {
        Simulation sim = net.newSimulation(1);
        SpikeRaster r = sim.recordSpikes(net.layer(0).name());
        sim.present(EventSource.of(5, 1, new int[] {2}, new int[] {0}));
        return r.count();
    }

    private Network roundTrip(Network net) throws Exception {
        Path f = dir.resolve("t.nir");
        NirFile.write(NirExport.toGraph(net, NirOptions.ofDtMs(1f)), f);
        return NirImport.toNetwork(NirFile.read(f), NirOptions.ofDtMs(1f));
    }

    @Test
    void lifAtTheExactThresholdFiresBeforeAndAfterTheRoundTrip() throws Exception {
        Network net = single(new Lif(new LifParameters(10f, 0f, 0f, 1f, 1f, 0f, ResetMode.TO_VALUE)));
        assertThat(spikes(net)).as("Lif fires at v >= theta").isEqualTo(1);
        NirGraph g = NirExport.toGraph(net, NirOptions.ofDtMs(1f));
        assertThat((float) g.node("d_neurons").param("v_threshold").values()[0]).isEqualTo(Math.nextDown(1f));
        Network back = roundTrip(net);
        assertThat(((Lif) back.layer(0).neuronModel()).parameters().vThreshold()).isEqualTo(1f);
        assertThat(spikes(back)).isEqualTo(1);
    }

    @Test
    void aNirLifDoesNotFireAtItsExactThresholdAfterImport() {
        // Input -> Linear(1) -> LIF(tau 10, r 10: a spike adds exactly w) -> Output; v lands on v_threshold = 1
        Map<String, NirArray> lif = new LinkedHashMap<>();
        lif.put("tau", NirArray.floats(10));
        lif.put("r", NirArray.floats(10));
        lif.put("v_leak", NirArray.floats(0));
        lif.put("v_threshold", NirArray.floats(1));
        lif.put("v_reset", NirArray.floats(0));
        for (double w : new double[] {1.0, Math.nextUp(1f)}) {
            NirGraph g = new NirGraph(NirGraph.WRITTEN_VERSION, List.of(
                    new NirNode("input", NirType.INPUT, Map.of("shape", NirArray.ints(1))),
                    new NirNode("fc", NirType.LINEAR, Map.of("weight", NirArray.floats(new int[] {1, 1},
                            new double[] {w}))),
                    new NirNode("lif", NirType.LIF, lif),
                    new NirNode("output", NirType.OUTPUT, Map.of("shape", NirArray.ints(1)))),
                    List.of(new NirGraph.Edge("input", "fc"), new NirGraph.Edge("fc", "lif"),
                            new NirGraph.Edge("lif", "output")));
            Network net = NirImport.toNetwork(g, NirOptions.ofDtMs(1f));
            assertThat(((Lif) net.layer(0).neuronModel()).parameters().vThreshold()).isEqualTo(Math.nextUp(1f));
            assertThat(spikes(net)).as("weight %s: NIR fires at v > 1", w).isEqualTo(w > 1 ? 1 : 0);
        }
    }

    @Test
    void integrateAndFireKeepsItsComparisonAtTheExactThreshold() throws Exception {
        for (ThresholdComparison cmp : ThresholdComparison.values()) {
            Network net = single(new PerfectIf(new PerfectIfParameters(1f, 0f, ResetMode.TO_VALUE, 0f, false, cmp)));
            int want = cmp == ThresholdComparison.GREATER ? 0 : 1;
            assertThat(spikes(net)).as("%s", cmp).isEqualTo(want);
            assertThat(spikes(roundTrip(net))).as("%s after the round trip", cmp).isEqualTo(want);
        }
    }

    @Test
    void resetBySubtractionTravelsInTheMetadataWithIdenticalSpikes() throws Exception {
        PerfectIfParameters sub = new PerfectIfParameters(1f, 0f, ResetMode.SUBTRACT, 0f, false,
                ThresholdComparison.GREATER);
        float[] bias = new float[12];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = (i % 4 - 1) * 0.125f;
        }
        DenseLayer d1 = DenseLayer.builder("d1", Shape.flat(20), 12).weights(WeightInit.uniform(-0.2f, 0.8f, 3))
                .neurons(new BiasedIf(sub, bias)).build();
        DenseLayer d2 = DenseLayer.builder("d2", d1.outputShape(), 5).weights(WeightInit.uniform(-0.2f, 0.9f, 4))
                .neurons(new PerfectIf(sub)).build();
        Network net = Network.builder(Shape.flat(20), 1f).add(d1).add(d2).build();
        NirGraph g = NirExport.toGraph(net, NirOptions.ofDtMs(1f));
        assertThat(g.node("d1").type()).isEqualTo(NirType.AFFINE);
        assertThat(g.node("d1_neurons").type()).isEqualTo(NirType.IF);
        assertThat(g.node("d1_neurons").strings()).containsEntry(NirNode.RESET_METHOD, "subtract");
        Path f = dir.resolve("sub.nir");
        NirFile.write(g, f);
        NirGraph read = NirFile.read(f);
        assertThat(read.node("d2_neurons").strings()).containsEntry(NirNode.RESET_METHOD, "subtract");
        Network back = NirImport.toNetwork(read, NirOptions.ofDtMs(1f));
        BiasedIf m1 = (BiasedIf) back.layer(0).neuronModel();
        assertThat(m1.parameters().resetMode()).isEqualTo(ResetMode.SUBTRACT);
        float[] c = new float[12];
        m1.currentSource().current(0, c);
        assertThat(c).containsExactly(bias);
        assertThat(((BiasedIf) back.layer(1).neuronModel()).parameters().resetMode()).isEqualTo(ResetMode.SUBTRACT);
        String want = NirTestNets.spikes(net, 5, 4);
        assertThat(want.split("\n").length).isGreaterThan(100);
        assertThat(want).contains("\n1:");
        assertThat(NirTestNets.spikes(back, 5, 4)).isEqualTo(want);
    }

    @Test
    void withoutTheMetadataAnIfResetsToItsValue() throws Exception {
        PerfectIfParameters sub = new PerfectIfParameters(1f, 0f, ResetMode.SUBTRACT, 0f, false,
                ThresholdComparison.GREATER);
        NirGraph g = NirExport.toGraph(single(new PerfectIf(sub)), NirOptions.ofDtMs(1f));
        List<NirNode> plain = new java.util.ArrayList<>();
        for (NirNode n : g.nodes()) {
            plain.add(n.type() == NirType.IF ? new NirNode(n.name(), n.type(), n.params()) : n);
        }
        Network back = NirImport.toNetwork(new NirGraph(g.version(), plain, g.edges()), NirOptions.ofDtMs(1f));
        assertThat(((PerfectIf) back.layer(0).neuronModel()).parameters().resetMode()).isEqualTo(ResetMode.TO_VALUE);
    }

    @Test
    void whatCannotBeWrittenExactlyIsRefused() {
        PerfectIfParameters subGe = new PerfectIfParameters(1f, 0f, ResetMode.SUBTRACT, 0f, false,
                ThresholdComparison.GREATER_OR_EQUAL);
        assertThatThrownBy(() -> NirExport.toGraph(single(new PerfectIf(subGe)), NirOptions.ofDtMs(1f)))
                .hasMessageContaining("layer d").hasMessageContaining("ThresholdComparison.GREATER");
        PerfectIfParameters none = new PerfectIfParameters(1f, 0f, ResetMode.NONE, 0f, false,
                ThresholdComparison.GREATER);
        assertThatThrownBy(() -> NirExport.toGraph(single(new BiasedIf(none, new float[1])), NirOptions.ofDtMs(1f)))
                .hasMessageContaining("without a reset");
        NirGraph g = NirExport.toGraph(single(new PerfectIf(none.withThreshold(Float.MAX_VALUE))),
                NirOptions.ofDtMs(1f));
        assertThat(g.node("d_neurons").type()).isEqualTo(NirType.INTEGRATOR);
        List<NirNode> odd = new java.util.ArrayList<>();
        NirGraph sub = NirExport.toGraph(single(new PerfectIf(subGe.withComparison(ThresholdComparison.GREATER))),
                NirOptions.ofDtMs(1f));
        for (NirNode n : sub.nodes()) {
            odd.add(n.type() == NirType.IF
                    ? new NirNode(n.name(), n.type(), n.params(), Map.of(NirNode.RESET_METHOD, "exponential")) : n);
        }
        assertThatThrownBy(() -> NirImport.toNetwork(new NirGraph(sub.version(), odd, sub.edges()),
                NirOptions.ofDtMs(1f))).hasMessageContaining("d_neurons").hasMessageContaining("exponential");
    }
}
