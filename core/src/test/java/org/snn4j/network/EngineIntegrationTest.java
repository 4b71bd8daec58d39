package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.competition.KWinnersTakeAll;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.PoolingLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.PerfectIf;

/** The engine with the layers and competitions of {@code org.snn4j.layer} / {@code org.snn4j.competition}. */
class EngineIntegrationTest {

    @Test
    void latencyCodedConvNetRunsThroughTheEngine() {
        Shape in = new Shape(2, 12, 12);
        Conv2dLayer conv = Conv2dLayer.builder("conv1", in, 4, 3, 3).padding(1)
                .weights(WeightInit.normal(0.8f, 0.05f, 1)).neurons(PerfectIf.latencyCoded(2f)).build();
        PoolingLayer pool = new PoolingLayer("pool1", conv.outputShape(), 2, 2, 0);
        Network net = Network.builder(in, 1f).add(conv).add(pool)
                .compete("conv1", new KWinnersTakeAll(3, 1)).build();
        // every input fires once, at a random step in [0, 10)
        SplittableRandom rng = new SplittableRandom(5);
        int n = in.size();
        int[] steps = new int[n];
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            steps[i] = rng.nextInt(10);
            idx[i] = i;
        }
        EventSource src = EventSource.of(10, n, steps, idx);
        Simulation sim = net.newSimulation(1);
        SpikeRaster raster = sim.recordSpikes("pool1");
        PresentationResult r1 = sim.present(src);
        PresentationResult r2 = sim.present(src);
        assertThat(r1.winners(0)).hasSizeBetween(1, 3);
        assertThat(r1.winners(0)).isEqualTo(r2.winners(0));
        assertThat(r1.outputSpikes(1)).isPositive().isEqualTo(r2.outputSpikes(1));
        assertThat(sim.synapticEvents(0)).isPositive();
        assertThat(raster.count()).isEqualTo((int) (r1.outputSpikes(1) + r2.outputSpikes(1)));
    }

    @Test
    void denseLifLayerMatchesASparseLayerWithFullConnectivity() {
        Shape in = Shape.flat(20);
        Lif lif = new Lif(LifParameters.defaults());
        DenseLayer dense = DenseLayer.builder("d", in, 30).weights(WeightInit.constant(6f)).neurons(lif).build();
        org.snn4j.layer.SparseLayer sparse = org.snn4j.layer.SparseLayer.random("d", in, Shape.flat(30), 1.0, 6f, lif,
                new SplittableRandom(1));
        EventSource src = TestSources.poisson(20, 300, 0.05, new SplittableRandom(3));
        Simulation a = Network.builder(in, 0.5f).add(dense).build().newSimulation(1);
        Simulation b = Network.builder(in, 0.5f).add(sparse).build().newSimulation(1);
        SpikeRaster ra = a.recordSpikes("d");
        SpikeRaster rb = b.recordSpikes("d");
        a.present(src);
        b.present(src);
        assertThat(ra.count()).isPositive();
        assertThat(NetworkTest.keys(ra)).isEqualTo(NetworkTest.keys(rb));
    }
}
