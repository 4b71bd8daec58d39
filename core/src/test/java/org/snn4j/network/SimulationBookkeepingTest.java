package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.StateVar;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.monitor.SpikeCounts;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;

/**
 * A simulation's counters and monitors over three presentations of a network small enough to count by hand:
 * 4 inputs -> dense 3 -> dense 2, every weight 1, perfect integrate-and-fire neurons with threshold 2.
 */
class SimulationBookkeepingTest {

    private static Network network() {
        DenseLayer a = DenseLayer.builder("a", Shape.flat(4), 3).weights(WeightInit.constant(1f))
                .neurons(new PerfectIf(PerfectIfParameters.of(2f))).build();
        DenseLayer b = DenseLayer.builder("b", a.outputShape(), 2).weights(WeightInit.constant(1f))
                .neurons(new PerfectIf(PerfectIfParameters.of(2f))).build();
        return Network.builder(Shape.flat(4), 1f).add(a).add(b).build();
    }

    /** Inputs 0 and 3 at step 0, input 1 at step 2: layer a fires all 3 at step 0, layer b both at step 0. */
    private static EventSource source() {
        return EventSource.of(4, 4, new int[] {0, 0, 2}, new int[] {0, 3, 1});
    }

    @Test
    void countersAddUpPerLayerAndReset() {
        Simulation sim = network().newSimulation(5);
        assertThat(sim.seed()).isEqualTo(5);
        assertThat(sim.presentations()).isZero();
        PresentationResult r = sim.present(source());
        assertThat(sim.presentations()).isEqualTo(1);
        assertThat(r.steps()).isEqualTo(4);
        assertThat(r.sourceSteps()).isEqualTo(4);
        assertThat(r.stoppedEarly()).isFalse();
        assertThat(r.layersRun()).isEqualTo(2);
        assertThat(r.outputSpikes(0)).isEqualTo(3);
        assertThat(r.outputSpikes(1)).isEqualTo(2);
        assertThatThrownBy(() -> r.outputSpikes(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(sim.spikeCount(0)).isEqualTo(3);
        assertThat(sim.spikeCount(1)).isEqualTo(2);
        // layer a: 3 input spikes x 3 targets; layer b: 3 spikes x 2 targets
        assertThat(sim.synapticEvents(0)).isEqualTo(9);
        assertThat(sim.synapticEvents(1)).isEqualTo(6);
        assertThat(sim.totalSynapticEvents()).isEqualTo(15);
        sim.present(source());
        assertThat(sim.presentations()).isEqualTo(2);
        assertThat(sim.spikeCount(0)).as("counters run across presentations").isEqualTo(6);
        assertThat(sim.totalSynapticEvents()).isEqualTo(30);
        sim.resetCounters();
        assertThat(sim.spikeCount(0)).isZero();
        assertThat(sim.spikeCount(1)).isZero();
        assertThat(sim.totalSynapticEvents()).isZero();
        sim.present(source());
        assertThat(sim.spikeCount(1)).as("the state was reset between presentations").isEqualTo(2);
        assertThat(sim.presentations()).isEqualTo(3);
        assertThat(sim.state("b")).isSameAs(sim.state(1));
        assertThat(sim.network().layerCount()).isEqualTo(2);
        assertThatThrownBy(() -> sim.state("c")).hasMessage("no layer named c; layers are [a, b]");
        assertThatThrownBy(() -> sim.state(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> sim.layerRandom(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(sim.layerRandom(1)).isNotNull().isNotSameAs(sim.layerRandom(0));
    }

    @Test
    void monitorsSeeTheirLayerUntilDetached() {
        Simulation sim = network().newSimulation(1);
        SpikeRaster ra = sim.recordSpikes("a");
        SpikeCounts cb = sim.attach("b", new SpikeCounts(2));
        SpikeRaster rb = sim.recordSpikes("b");
        sim.present(source());
        assertThat(ra.neurons()).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(ra.steps()).containsOnly(0);
        assertThat(cb.counts()).containsExactly(1, 1);
        assertThat(rb.count()).isEqualTo(2);
        sim.detach(rb);
        sim.present(source());
        assertThat(rb.count()).as("detached").isEqualTo(2);
        assertThat(ra.count()).isEqualTo(6);
        assertThat(ra.presentation(5)).isEqualTo(1);
        assertThat(cb.total()).as("the other monitor of the layer stays").isEqualTo(2);
        assertThatThrownBy(() -> sim.attach("a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> sim.recordState("a", new StateVar("w", ""), 0))
                .hasMessage("layer a has no state variable w; it has [v [mV]]");
        assertThatThrownBy(() -> sim.recordState("a", PerfectIf.V, 0, 3))
                .hasMessage("neurons[1] must be in [0, 3), got 3");
        assertThatThrownBy(() -> sim.recordState("a", PerfectIf.V, -1))
                .hasMessage("neurons[0] must be in [0, 3), got -1");
    }
}
