package org.snn4j.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;

class SpikeCountsTest {

    @Test
    void countsTheSpikesOfEachNeuronInThePresentation() {
        // 2 inputs -> 3 perfect IF neurons, threshold below one input's weight: each input spike fires a neuron
        Network net = Network.builder(Shape.flat(2), 1f)
                .add(DenseLayer.builder("out", Shape.flat(2), 3).weights(WeightInit.constant(2f))
                        .neurons(new PerfectIf(PerfectIfParameters.of(1f))).build())
                .build();
        Simulation sim = net.newSimulation(1);
        SpikeCounts c = sim.attach("out", new SpikeCounts(3));
        SpikeRaster raster = sim.recordSpikes("out");
        EventSource src = EventSource.of(4, 2, new int[] {0, 2, 3}, new int[] {0, 1, 1});
        long spikes = sim.present(src).outputSpikes(0);
        assertThat(c.total()).isEqualTo(spikes).isPositive();
        assertThat(c.copy()).isEqualTo(raster.countsPerNeuron(3));
        sim.present(EventSource.of(4, 2, new int[0], new int[0]));
        assertThat(c.counts()).containsOnly(0);
        assertThat(c.total()).isZero();
    }
}
