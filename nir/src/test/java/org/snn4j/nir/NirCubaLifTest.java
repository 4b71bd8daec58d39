package org.snn4j.nir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.monitor.StateTrace;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.synapse.ExpCurrentLif;
import org.snn4j.synapse.ExpCurrentParameters;

/** CubaLIF imports as core's ExpCurrentLif (exact), and exports back. */
class NirCubaLifTest {
    @TempDir
    Path dir;

    static NirNode cuba(double tauSyn, double tauMem, double r, double wIn) {
        Map<String, NirArray> p = new LinkedHashMap<>();
        p.put("tau_syn", NirArray.floats(tauSyn));
        p.put("tau_mem", NirArray.floats(tauMem));
        p.put("r", NirArray.floats(r));
        p.put("v_leak", NirArray.floats(0));
        p.put("v_threshold", NirArray.floats(100));
        p.put("w_in", NirArray.floats(wIn));
        return new NirNode("cuba", NirType.CUBA_LIF, p);
    }

    @Test
    void aSingleSpikeGivesTheAnalyticDoubleExponentialPsp() {
        double tauSyn = 2;
        double tauMem = 8;
        double r = 3;
        double wIn = 0.5;
        double w = 1.5;
        float dt = 0.25f;
        for (SpikeConvention c : SpikeConvention.values()) {
            NirGraph g = NirDiscretisationTest.single(w, 0, cuba(tauSyn, tauMem, r, wIn));
            Network net = NirImport.toNetwork(g, new NirOptions(dt, 1f, c));
            assertThat(net.layer(0).neuronModel()).isInstanceOf(ExpCurrentLif.class);
            Simulation sim = net.newSimulation(1);
            StateTrace tr = sim.recordState("syn", ExpCurrentLif.V, 0);
            sim.present(EventSource.of(80, 1, new int[] {0}, new int[] {0}));
            double jump = r * wIn * w * (c == SpikeConvention.DIRAC ? 1 : dt) / tauSyn;   // of R I
            float[] v = tr.trace(0);
            for (int k = 0; k < 80; k++) {
                double t = (k + 1) * (double) dt;   // the spike arrives at the start of step 0
                double exact = jump * tauSyn / (tauSyn - tauMem) * (Math.exp(-t / tauSyn) - Math.exp(-t / tauMem));
                assertThat((double) v[k]).as("%s step %d", c, k).isCloseTo(exact, within(1e-5 * Math.max(1, jump)));
            }
        }
    }

    @Test
    void expCurrentLifNetworksRoundTripWithIdenticalSpikes() throws Exception {
        Shape in = Shape.flat(30);
        ExpCurrentParameters p = new ExpCurrentParameters(10f, 3f, 3f, 0f, 1f, 0f, 0f);
        Network net = Network.builder(in, 0.5f)
                .add(DenseLayer.builder("h", in, 12).weights(WeightInit.uniform(-0.2f, 0.6f, 4))
                        .neurons(new ExpCurrentLif(p)).build())
                .add(DenseLayer.builder("o", Shape.flat(12), 3).weights(WeightInit.uniform(0f, 0.8f, 5))
                        .neurons(new ExpCurrentLif(p)).build())
                .build();
        NirOptions o = NirOptions.seconds(0.5f);
        NirGraph g = NirExport.toGraph(net, o);
        assertThat(g.node("h_neurons").type()).isEqualTo(NirType.CUBA_LIF);
        Path f = dir.resolve("cuba.nir");
        NirFile.write(g, f);
        Network back = NirImport.toNetwork(NirFile.read(f), o);
        assertThat(((DenseLayer) back.layer(0)).weights()).containsExactly(((DenseLayer) net.layer(0)).weights());
        String want = NirTestNets.spikes(net, 300, 3);
        assertThat(want).contains("\n1:");
        assertThat(NirTestNets.spikes(back, 300, 3)).isEqualTo(want);
    }

    @Test
    void aBiasBeforeACubaLifIsRefused() {
        NirGraph g = NirDiscretisationTest.single(1, 0.5, cuba(2, 8, 1, 1));
        assertThatThrownBy(() -> NirImport.toNetwork(g, NirOptions.ofDtMs(1f)))
                .hasMessageContaining("cuba (CubaLIF)").hasMessageContaining("bias");
    }
}
