package org.snn4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.encoding.PoissonEncoder;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.network.Network;
import org.snn4j.network.PresentationResult;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;

/** The snippets of docs/README.md (and the root README's usage snippet). */
class GettingStartedGuideTest {

    private static int[] runUsage(long seed) {
        // tag::usage[]
        // 100 Poisson inputs -> 10 leaky integrate-and-fire neurons, all-to-all, 1 ms steps
        Shape in = Shape.flat(100);
        Network net = Network.builder(in, 1f)
                .add(DenseLayer.builder("out", in, 10)
                        .weights(WeightInit.uniform(0f, 2f, 7))        // mV, seeded
                        .neurons(new Lif(LifParameters.defaults()))    // tau 20 ms, threshold 20 mV
                        .build())
                .build();

        Simulation sim = net.newSimulation(seed);                       // all mutable state; one per thread
        SpikeRaster raster = sim.recordSpikes("out");

        float[] pixels = new float[100];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i / 99f;                                          // intensities in [0, 1]
        }
        PoissonEncoder poisson = new PoissonEncoder(50, 200, 1, 1);     // 50 Hz max, 200 ms, dt 1 ms
        EventSource input = poisson.encode(pixels, sim.random());
        PresentationResult r = sim.present(input);

        System.out.println(r.outputSpikes(0) + " output spikes, " + sim.totalSynapticEvents() + " synaptic events");
        int[] perNeuron = raster.countsPerNeuron(10);
        // end::usage[]
        return perNeuron;
    }

    @Test
    void usageRunsAndIsReproducible() {
        int[] a = runUsage(42);
        int total = 0;
        for (int c : a) {
            total += c;
        }
        // 100 inputs at 25 Hz mean for 200 ms is ~500 input spikes, each adding ~1 mV to every neuron
        assertThat(total).isGreaterThan(10);
        assertThat(runUsage(42)).containsExactly(a);
        assertThat(runUsage(43)).isNotEqualTo(a);
    }
}
