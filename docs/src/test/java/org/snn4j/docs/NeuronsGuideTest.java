package org.snn4j.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
// tag::imports-neurons[]
import org.snn4j.CurrentSource;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.competition.ThresholdAdaptation;
import org.snn4j.layer.CurrentLayer;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.monitor.StateTrace;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.Izhikevich;
import org.snn4j.neuron.IzhikevichIntegrator;
import org.snn4j.neuron.IzhikevichParameters;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;
import org.snn4j.neuron.ResetMode;
// end::imports-neurons[]

/** The snippets of docs/neurons.md. */
class NeuronsGuideTest {

    @Test
    void lifParameters() {
        // tag::lif-parameters[]
        LifParameters p = LifParameters.defaults()          // tau 20 ms, rest 0, reset 0, threshold 20 mV,
                .withTauMs(10f)                             // R 1, refractory 2 ms, reset to value
                .withResetMode(ResetMode.SUBTRACT);
        Lif lif = new Lif(p);                               // immutable; share it between layers and threads
        // end::lif-parameters[]
        assertThat(lif.parameters().tauMs()).isEqualTo(10f);
        assertThat(lif.closedForm()).isFalse();                              // SUBTRACT: clock-driven
        assertThat(new Lif(LifParameters.defaults()).closedForm()).isTrue(); // TO_VALUE: lazy
        // tag::bad-parameters[]
        // new LifParameters(-2f, 0f, 0f, 20f, 1f, 2f, ResetMode.TO_VALUE)
        //   -> IllegalArgumentException: tauMs must be > 0, got -2.0
        // end::bad-parameters[]
        assertThatThrownBy(() -> new LifParameters(-2f, 0f, 0f, 20f, 1f, 2f, ResetMode.TO_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tauMs").hasMessageContaining("-2.0");
    }

    @Test
    void lifRateMatchesTheAnalyticFormula() {
        // tag::lif-fi[]
        float[] ri = {22f, 30f, 40f};                       // R I in mV, one neuron each
        Shape shape = Shape.flat(ri.length);
        Network net = Network.builder(shape, 0.1f)          // dt = 0.1 ms
                .add(new CurrentLayer("lif", shape, new Lif(LifParameters.defaults()), CurrentSource.constant(ri)))
                .build();
        Simulation sim = net.newSimulation(1);
        SpikeRaster raster = sim.recordSpikes("lif");
        sim.present(EventSource.of(10_000, ri.length, new int[0], new int[0]));   // 1 s, no input spikes
        int[] spikes = raster.countsPerNeuron(ri.length);
        // analytic: f = 1 / (t_ref + tau ln(RI / (RI - theta))) = 20.0, 41.7, 63.0 Hz
        // end::lif-fi[]
        assertThat(spikes).containsExactly(20, 41, 63);
    }

    @Test
    void izhikevichRegularSpiking() {
        // tag::izhikevich[]
        Izhikevich rs = new Izhikevich(IzhikevichParameters.regularSpiking(), IzhikevichIntegrator.TWO_HALF_STEPS);
        Shape one = Shape.flat(1);
        Network net = Network.builder(one, 1f)              // the 2003 paper's 1 ms step, two half steps for v
                .add(new CurrentLayer("rs", one, rs, CurrentSource.constant(1, 10f)))   // the paper's I = 10
                .build();
        Simulation sim = net.newSimulation(1);
        SpikeRaster raster = sim.recordSpikes("rs");
        StateTrace v = sim.recordState("rs", Izhikevich.V, 0);   // membrane potential of neuron 0, every step
        sim.present(EventSource.of(1000, 1, new int[0], new int[0]));
        int spikes = raster.count();
        float[] trace = v.trace(0);                          // mV, one sample per step
        // end::izhikevich[]
        assertThat(trace).hasSize(1000);
        assertThat(trace[0]).isCloseTo(-65f, within(10f));
        // regular spiking with I = 10: tonic firing, a few to a few tens of Hz
        assertThat(spikes).isBetween(3, 60);
        float max = Float.NEGATIVE_INFINITY;
        for (float x : trace) {
            max = Math.max(max, x);
        }
        assertThat(max).isLessThan(Izhikevich.V_PEAK);      // recorded after the reset
    }

    @Test
    void perfectIfAndHomeostasis() {
        // tag::perfect-if[]
        PerfectIf latency = new PerfectIf(PerfectIfParameters.latencyCoded(15f));  // SpykeTorch-style: fires once
        ThresholdAdaptation homeostasis = new ThresholdAdaptation(
                0.05f, 1e7f, 150f);  // Diehl & Cook 2015: theta += 0.05 mV per spike, a layer's competition
        // end::perfect-if[]
        assertThat(latency.closedForm()).isTrue();
        assertThat(homeostasis.keepsThresholdOffset()).isTrue();
    }
}
