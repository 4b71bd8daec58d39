package org.snn4j.nir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.monitor.StateTrace;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.PerfectIf;

/**
 * The continuous-time NIR neurons against their analytic solutions, through the importer: a constant bias
 * current (exact exponential relaxation, first and later spike times), and a single input spike under both
 * spike conventions.
 */
class NirDiscretisationTest {

    /** Input[1] -> Affine([[w]], [b]) -> neuron -> Output[1]. */
    static NirGraph single(double w, double b, NirNode neuron) {
        Map<String, NirArray> aff = new LinkedHashMap<>();
        aff.put("weight", NirArray.floats(new int[] {1, 1}, new double[] {w}));
        aff.put("bias", NirArray.floats(b));
        return new NirGraph("1.0.7", List.of(
                new NirNode("in", NirType.INPUT, Map.of("shape", NirArray.ints(1))),
                new NirNode("syn", NirType.AFFINE, aff),
                neuron,
                new NirNode("out", NirType.OUTPUT, Map.of("shape", NirArray.ints(1)))),
                List.of(new NirGraph.Edge("in", "syn"), new NirGraph.Edge("syn", neuron.name()),
                        new NirGraph.Edge(neuron.name(), "out")));
    }

    static NirNode lif(double tau, double r, double vLeak, double vThr, double vReset) {
        Map<String, NirArray> p = new LinkedHashMap<>();
        p.put("tau", NirArray.floats(tau));
        p.put("r", NirArray.floats(r));
        p.put("v_leak", NirArray.floats(vLeak));
        p.put("v_threshold", NirArray.floats(vThr));
        p.put("v_reset", NirArray.floats(vReset));
        return new NirNode("lif", NirType.LIF, p);
    }

    static EventSource silent(int steps) {
        return EventSource.of(steps, 1, new int[0], new int[0]);
    }

    @Test
    void lifWithAConstantBiasRelaxesAsTheAnalyticSolution() {
        // tau 5 ms, r 2, v_leak -1, b 1.5 -> v_inf = 2; threshold out of reach
        float tau = 5f;
        float r = 2f;
        float vLeak = -1f;
        float b = 1.5f;
        float dt = 0.1f;
        Network net = NirImport.toNetwork(single(0, b, lif(tau, r, vLeak, 100, 0)), NirOptions.ofDtMs(dt));
        Simulation sim = net.newSimulation(1);
        StateTrace tr = sim.recordState("syn", Lif.V, 0);
        sim.present(silent(200));
        float[] v = tr.trace(0);
        double vInf = vLeak + r * b;
        for (int k = 0; k < 200; k++) {
            double t = (k + 1) * (double) dt;   // the state at the end of step k
            double exact = vInf + (vLeak - vInf) * Math.exp(-t / tau);
            assertThat((double) v[k]).as("step %d", k).isCloseTo(exact, within(2e-5));
        }
    }

    @Test
    void lifSpikeTimesUnderABiasMatchTheAnalyticFiringTimes() {
        // v_inf = 0 + 4 * 0.5 = 2 > threshold 1; from v_reset = 0 the time to threshold is tau ln(v_inf / (v_inf - 1))
        float tau = 10f;
        float dt = 0.1f;
        NirGraph g = single(0, 0.5, lif(tau, 4, 0, 1, 0));
        Network net = NirImport.toNetwork(g, NirOptions.ofDtMs(dt));
        Simulation sim = net.newSimulation(1);
        SpikeRaster raster = sim.recordSpikes("syn");
        sim.present(silent(400));
        double period = tau * Math.log(2.0 / (2.0 - 1.0));   // 6.93 ms
        // the first spike is the first step whose end time reaches the crossing: k = ceil(t*/dt) - 1; after a reset
        // at the end of step k the next crossing is `period` later
        int expected = (int) Math.ceil(period / dt) - 1;
        assertThat(raster.count()).isEqualTo(400 / (expected + 1));
        for (int s = 0; s < raster.count(); s++) {
            assertThat(raster.step(s)).isEqualTo(expected + s * (expected + 1));
        }
    }

    @Test
    void aSingleInputSpikeJumpsByRWOverTauTimesTheSpikeAreaThenDecays() {
        float tau = 4f;
        float r = 3f;
        float w = 0.5f;
        float dt = 0.25f;
        for (SpikeConvention c : SpikeConvention.values()) {
            NirOptions o = new NirOptions(dt, 1f, c);
            Network net = NirImport.toNetwork(single(w, 0, lif(tau, r, 0.2, 100, 0)), o);
            Simulation sim = net.newSimulation(1);
            StateTrace tr = sim.recordState("syn", Lif.V, 0);
            sim.present(EventSource.of(40, 1, new int[] {0}, new int[] {0}));
            double area = c == SpikeConvention.DIRAC ? 1 : dt;
            double jump = r * w * area / tau;
            float[] v = tr.trace(0);
            for (int k = 0; k < 40; k++) {
                double exact = 0.2 + jump * Math.exp(-k * (double) dt / tau);
                assertThat((double) v[k]).as("%s step %d", c, k).isCloseTo(exact, within(1e-6));
            }
        }
    }

    @Test
    void ifIntegratesRTimesTheBiasAndSpikesStrictlyAboveThreshold() {
        // dv/dt = r b = 0.3 per ms: crosses 1 after 3.33 ms; dt 0.5 ms -> above threshold at the end of step 6 (3.5 ms)
        Map<String, NirArray> p = new LinkedHashMap<>();
        p.put("r", NirArray.floats(0.6));
        p.put("v_threshold", NirArray.floats(1));
        Network net = NirImport.toNetwork(single(0, 0.5, new NirNode("if", NirType.IF, p)), NirOptions.ofDtMs(0.5f));
        // an IF with a bias is the event-driven BiasedIf: v = r b t exactly at every step, no step-by-step sum
        assertThat(net.layer(0).neuronModel()).isInstanceOf(org.snn4j.neuron.BiasedIf.class);
        Simulation sim = net.newSimulation(1);
        SpikeRaster raster = sim.recordSpikes("syn");
        StateTrace tr = sim.recordState("syn", PerfectIf.V, 0);
        sim.present(silent(20));
        assertThat(tr.trace(0)[0]).isCloseTo(0.15f, within(1e-6f));
        assertThat(raster.count()).isGreaterThan(1);
        assertThat(raster.step(0)).isEqualTo(6);      // v_reset defaults to 0 (as the reference implementation)
        assertThat(raster.step(1)).isEqualTo(13);
    }

    @Test
    void secondsAsTheTimeUnitScaleTauAndTheBiasOfIf() {
        // Norse/snnTorch write tau in seconds: 0.005 s = 5 ms
        Network net = NirImport.toNetwork(single(1, 0, lif(0.005, 50, 0, 1, 0)), NirOptions.seconds(1f));
        Lif m = (Lif) net.layer(0).neuronModel();
        assertThat(m.parameters().tauMs()).isCloseTo(5f, within(1e-5f));
        // r dt / tau = 50 * 0.001 / 0.005 = 10: a weight of 1 becomes a 10 mV jump
        assertThat(((org.snn4j.layer.DenseLayer) net.layer(0)).weights()[0]).isCloseTo(10f, within(1e-5f));
    }
}
