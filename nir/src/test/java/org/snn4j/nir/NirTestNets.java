package org.snn4j.nir;

import org.snn4j.neuron.BiasCurrent;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;

/** Small networks and random inputs shared by the tests. */
final class NirTestNets {
    private NirTestNets() {
    }

    static final LifParameters LIF = new LifParameters(8f, 0f, 0f, 1f, 1f, 0f,
            org.snn4j.neuron.ResetMode.TO_VALUE);

    /** conv (Lif) -> dense (PerfectIf) -> dense (Lif, optionally with a bias current). */
    static Network convDense(float dtMs, boolean bias) {
        Shape in = new Shape(2, 8, 8);
        Conv2dLayer c1 = Conv2dLayer.builder("c1", in, 4, 3, 3).padding(1).stride(1)
                .weights(WeightInit.uniform(-0.2f, 0.6f, 11)).neurons(new Lif(LIF)).build();
        DenseLayer d1 = DenseLayer.builder("d1", c1.outputShape(), 10)
                .weights(WeightInit.uniform(-0.05f, 0.15f, 12))
                .neurons(new PerfectIf(PerfectIfParameters.of(1.5f).withComparison(
                        org.snn4j.neuron.ThresholdComparison.GREATER))).build();
        float[] current = new float[3];
        for (int i = 0; i < 3; i++) {
            current[i] = 0.02f * (i + 1);
        }
        DenseLayer d2 = DenseLayer.builder("d2", d1.outputShape(), 3).weights(WeightInit.uniform(0f, 0.5f, 13))
                .neurons(bias ? new BiasCurrent(new Lif(LIF.withTauMs(5f)), current) : new Lif(LIF.withTauMs(5f)))
                .build();
        return Network.builder(in, dtMs).add(c1).add(d1).add(d2).build();
    }

    /** Random spikes: each of {@code size} inputs fires with probability {@code p} at each of {@code steps}. */
    static EventSource randomInput(int size, int steps, double p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] st = new int[size * steps];
        int[] ix = new int[size * steps];
        int n = 0;
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < size; i++) {
                if (r.nextDouble() < p) {
                    st[n] = t;
                    ix[n++] = i;
                }
            }
        }
        return EventSource.of(steps, size, Arrays.copyOf(st, n), Arrays.copyOf(ix, n));
    }

    /** Every layer's spikes as "layer:step:neuron" lines, for several inputs. */
    static String spikes(Network net, long seed, int inputs) {
        Simulation sim = net.newSimulation(1);
        SpikeRaster[] r = new SpikeRaster[net.layerCount()];
        for (int i = 0; i < r.length; i++) {
            r[i] = sim.recordSpikes(net.layer(i).name());
        }
        for (int k = 0; k < inputs; k++) {
            sim.present(randomInput(net.inputShape().size(), 30, 0.15, seed + k));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.length; i++) {
            for (int k = 0; k < r[i].count(); k++) {
                sb.append(i).append(':').append(r[i].presentation(k)).append(':').append(r[i].step(k)).append(':')
                        .append(r[i].neuron(k)).append('\n');
            }
        }
        return sb.toString();
    }
}
