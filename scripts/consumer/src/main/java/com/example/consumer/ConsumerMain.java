package com.example.consumer;

import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.competition.KWinnersTakeAll;
import org.snn4j.encoding.RankOrder;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.learning.BinaryStdp;
import org.snn4j.learning.RateSchedule;
import org.snn4j.learning.StdpRates;
import org.snn4j.learning.WeightBounds;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;

/**
 * Builds a tiny network with the user's own neuron model (ExpIf) and a library learning rule, runs it, and
 * exits with status 1 if nothing happened. Run by scripts/consumer-check.sh.
 */
public final class ConsumerMain {
    private ConsumerMain() {
    }

    /** Runs the check. */
    public static void main(String[] args) {
        Shape in = Shape.flat(16);
        DenseLayer hidden = DenseLayer.builder("hidden", in, 4)
                .weights(WeightInit.uniform(2f, 6f, 1))
                .neurons(new ExpIf(new ExpIf.Parameters(10f, -70f, -50f, 2f, 0f, -65f)))
                .build();
        Network net = Network.builder(in, 0.1f)
                .add(hidden)
                .compete("hidden", new KWinnersTakeAll(1, 0))
                .learn("hidden", new BinaryStdp(1, new StdpRates(0.01f, -0.01f), new WeightBounds(0f, 10f), false,
                        RateSchedule.constant()))
                .build();
        Simulation sim = net.newSimulation(7);
        SpikeRaster raster = sim.recordSpikes("hidden");
        float[] x = new float[16];
        for (int i = 0; i < 16; i++) {
            x[i] = (i % 4) + 1f;
        }
        EventSource once = RankOrder.equalCount(4).encode(x);
        // stretch the 4-step latency code over 40 steps so the ExpIf neurons have time to integrate
        int[] st = new int[once.eventCount()];
        int[] nb = new int[once.eventCount()];
        org.snn4j.Spikes buf = new org.snn4j.Spikes(16);
        int k = 0;
        for (int t = 0; t < once.steps(); t++) {
            buf.clear();
            once.emit(t, buf);
            for (int j = 0; j < buf.count(); j++) {
                st[k] = t * 10;
                nb[k++] = buf.get(j);
            }
        }
        float[] before = hidden.weights().clone();
        for (int epoch = 0; epoch < 5; epoch++) {
            sim.present(EventSource.of(400, 16, st, nb), true);
            sim.learn(0f);
        }
        float[] after = hidden.weights();
        int changed = 0;
        for (int i = 0; i < after.length; i++) {
            if (after[i] != before[i]) {
                changed++;
            }
        }
        System.out.printf("snn4j consumer: %d spikes, %d of %d weights changed by STDP, snn4j version %s%n",
                raster.count(), changed, after.length, sim.describe().version());
        if (raster.count() == 0 || changed == 0) {
            System.err.println("consumer check FAILED: no spikes or no learning");
            System.exit(1);
        }
        System.out.println("consumer check OK");
    }
}
