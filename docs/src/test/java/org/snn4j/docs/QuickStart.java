package org.snn4j.docs;

// tag::usage[]
import java.util.Arrays;
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

public class QuickStart {
    public static void main(String[] args) {
        System.out.println("spikes per output neuron: " + Arrays.toString(run(42)));
    }

    /** 100 Poisson inputs -> 10 leaky integrate-and-fire neurons, all-to-all, 1 ms steps. */
    public static int[] run(long seed) {
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
        PoissonEncoder poisson = PoissonEncoder.forNetwork(net, 50, 200, 1); // 50 Hz max, 200 ms, the net's dt
        EventSource input = poisson.encode(pixels, sim.random());
        PresentationResult r = sim.present(input);

        System.out.println(r.outputSpikes(0) + " output spikes, " + sim.totalSynapticEvents() + " synaptic events");
        return raster.countsPerNeuron(10);
    }
}
// end::usage[]
