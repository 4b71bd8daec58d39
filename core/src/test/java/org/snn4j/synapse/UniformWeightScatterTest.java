package org.snn4j.synapse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.SpikeSource;
import org.snn4j.Spikes;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;

/**
 * A projection whose synapses all have the same weight bits is scattered without reading its weight array
 * ({@link Projection#uniformWeightLive}); the spikes must be those of the general scatter. The twin network gives
 * one silent input neuron's synapses another weight, which sends its projection down the general path while no
 * arrival changes.
 */
class UniformWeightScatterTest {

    @Test
    void uniformWeightIsTheCommonBitsOrNaN() {
        assertThat(Projection.random(20, 30, 0.3, 0.6f, Receptor.EXCITATORY, 1, new SplittableRandom(1))
                .uniformWeightLive()).isEqualTo(0.6f);
        assertThat(csr(new float[] {0.5f, 0.5f, 0.5f}).uniformWeightLive()).isEqualTo(0.5f);
        assertThat(csr(new float[] {0.5f, 0.5f, 0.25f}).uniformWeightLive()).isNaN();
        // +0 and -0 compare equal but add differently (-0 + -0 is -0, -0 + +0 is +0): not uniform
        assertThat(csr(new float[] {0f, -0f, 0f}).uniformWeightLive()).isNaN();
        assertThat(Float.floatToRawIntBits(csr(new float[] {-0f, -0f, -0f}).uniformWeightLive()))
                .isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(Projection.fromCsr(2, 3, new int[] {0, 0, 0}, new int[0], new float[0], Receptor.EXCITATORY, 1)
                .uniformWeightLive()).isNaN();
    }

    private static Projection csr(float[] w) {
        return Projection.fromCsr(3, 3, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2}, w, Receptor.EXCITATORY, 1);
    }

    /** Input neurons 0 .. n-2 fire at random; neuron n-1 never. */
    record Noise(int size, int steps, long seed) implements SpikeSource {
        @Override
        public void emit(int step, Spikes out) {
            SplittableRandom r = new SplittableRandom(seed * 100_003 + step);
            for (int k = 0; k < size - 1; k++) {
                if (r.nextInt(40) == 0) {
                    out.add(k);
                }
            }
        }
    }

    @Test
    void uniformAndGeneralScatterGiveTheSameSpikes() {
        int in = 60;
        int n = 300;
        for (int threads : new int[] {1, 2}) {
            long[] spikes = new long[2];
            int[][] counts = new int[2][];
            for (int variant = 0; variant < 2; variant++) {
                Projection drive = Projection.random(in, n, 0.2, 0.9f, Receptor.EXCITATORY, 0, new SplittableRandom(4));
                if (variant == 1) {
                    float[] w = drive.weights();
                    int[] rows = drive.rowStart();
                    for (int k = rows[in - 1]; k < rows[in]; k++) {
                        w[k] = 0.45f; // the silent input neuron's synapses
                    }
                    drive = Projection.fromCsr(in, n, rows, drive.targets(), w, Receptor.EXCITATORY, 0);
                    assertThat(drive.uniformWeightLive()).isNaN();
                } else {
                    assertThat(drive.uniformWeightLive()).isEqualTo(0.9f);
                }
                Projection exc = Projection.random(240, n, 0.05, 0.6f, Receptor.EXCITATORY, 1, new SplittableRandom(5));
                Projection inh = Projection.random(60, n, 0.05, 6.7f, Receptor.INHIBITORY, 2, new SplittableRandom(6));
                PopulationLayer layer = PopulationLayer.builder("P", Shape.flat(in), n,
                                new ExpConductanceLif(ConductanceParameters.brette2007()))
                        .input(drive).recurrent(0, exc).recurrent(240, inh).threads(threads).build();
                Network net = Network.builder(Shape.flat(in), 0.1f).add(layer).build();
                Simulation sim = net.newSimulation(9);
                SpikeRaster raster = sim.recordSpikes("P");
                sim.present(new Noise(in, 3000, 7));
                spikes[variant] = raster.count();
                counts[variant] = raster.countsPerNeuron(n);
            }
            assertThat(spikes[0]).as("threads %d", threads).isGreaterThan(200);
            assertThat(spikes[1]).as("threads %d", threads).isEqualTo(spikes[0]);
            assertThat(counts[1]).as("threads %d", threads).isEqualTo(counts[0]);
            assertThat(Arrays.stream(counts[0]).filter(c -> c > 0).count()).isGreaterThan(n / 4);
        }
    }
}
