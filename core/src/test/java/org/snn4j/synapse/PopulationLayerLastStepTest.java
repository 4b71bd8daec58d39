package org.snn4j.synapse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.layer.Layer;
import org.snn4j.layer.SparseLayer;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.network.Network;
import org.snn4j.network.PresentationResult;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.LastStepIf;

/**
 * A population layer calls {@code NeuronModel.lastStep} at the last step of a presentation, as the layers of
 * {@code org.snn4j.layer} do: a {@link LastStepIf} population fires there, and only there, the neurons whose summed
 * input exceeds the threshold, at any thread count and as a sparse layer with the same synapses does.
 */
class PopulationLayerLastStepTest {
    private static final int N = 6;
    private static final int STEPS = 8;

    /** Input neuron i fires at steps 0 .. i-1 (i spikes). */
    private static EventSource source() {
        int count = 0;
        for (int i = 0; i < N; i++) {
            count += i;
        }
        int[] steps = new int[count];
        int[] idx = new int[count];
        int k = 0;
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < N; i++) {
                if (t < i) {
                    steps[k] = t;
                    idx[k++] = i;
                }
            }
        }
        return EventSource.of(STEPS, N, steps, idx);
    }

    private static int[] oneToOneRows() {
        int[] rows = new int[N + 1];
        for (int i = 0; i <= N; i++) {
            rows[i] = i;
        }
        return rows;
    }

    private static int[] identity() {
        int[] post = new int[N];
        for (int i = 0; i < N; i++) {
            post[i] = i;
        }
        return post;
    }

    private static float[] ones() {
        float[] w = new float[N];
        java.util.Arrays.fill(w, 1f);
        return w;
    }

    private static SpikeRaster run(Layer l) {
        Simulation sim = Network.builder(Shape.flat(N), 1f).add(l).build().newSimulation(1);
        SpikeRaster raster = sim.recordSpikes(l.name());
        PresentationResult r = sim.present(source());
        assertThat(r.outputSpikes(0)).isEqualTo(raster.neurons().length);
        return raster;
    }

    @Test
    void aLastStepModelFiresAtTheLastStepOnlyAtAnyThreadCount() {
        for (int threads = 1; threads <= 3; threads++) {
            PopulationLayer p = PopulationLayer.builder("p", Shape.flat(N), N, new LastStepIf(2.5f))
                    .input(Projection.fromCsr(N, N, oneToOneRows(), identity(), ones(), Receptor.EXCITATORY, 0))
                    .threads(threads).build();
            SpikeRaster r = run(p);
            // potentials 0, 1, 2, 3, 4, 5 mV after the 8 steps: 3, 4 and 5 exceed 2.5 mV
            assertThat(r.neurons()).as("%d threads", threads).containsExactly(3, 4, 5);
            assertThat(r.steps()).as("%d threads", threads).containsOnly(STEPS - 1);
        }
        SparseLayer same = SparseLayer.fromCsr("s", Shape.flat(N), Shape.flat(N), oneToOneRows(), identity(), ones(),
                new LastStepIf(2.5f));
        SpikeRaster s = run(same);
        assertThat(s.neurons()).containsExactly(3, 4, 5);
        assertThat(s.steps()).containsOnly(STEPS - 1);
    }
}
