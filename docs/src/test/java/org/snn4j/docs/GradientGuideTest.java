package org.snn4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.gradient.Adam;
import org.snn4j.gradient.CoreExport;
import org.snn4j.gradient.CubaLif;
import org.snn4j.gradient.CubaLifParameters;
import org.snn4j.gradient.Dense;
import org.snn4j.gradient.Init;
import org.snn4j.gradient.LearningRate;
import org.snn4j.gradient.Samples;
import org.snn4j.gradient.SpikeCountLoss;
import org.snn4j.gradient.SpikingLayer;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.gradient.Surrogate;
import org.snn4j.gradient.Tensor;
import org.snn4j.gradient.Trainer;
import org.snn4j.network.Network;
import org.snn4j.neuron.ResetMode;

/** The snippets of docs/gradient.md. */
class GradientGuideTest {

    /** Two classes of 20 inputs: class c fires inputs of its half more often. */
    static Samples twoPatterns(int n, int steps) {
        SplittableRandom rng = new SplittableRandom(1);
        int[][] offsets = new int[n][];
        int[][] inputs = new int[n][];
        int[] labels = new int[n];
        for (int s = 0; s < n; s++) {
            labels[s] = s % 2;
            offsets[s] = new int[steps + 1];
            int[] buf = new int[steps * 20];
            int k = 0;
            for (int t = 0; t < steps; t++) {
                offsets[s][t] = k;
                for (int i = 0; i < 20; i++) {
                    double p = (i < 10) == (labels[s] == 0) ? 0.3 : 0.05;
                    if (rng.nextDouble() < p) {
                        buf[k++] = i;
                    }
                }
            }
            offsets[s][steps] = k;
            inputs[s] = java.util.Arrays.copyOf(buf, k);
        }
        return new Samples() {
            public int size() {
                return n;
            }

            public int label(int i) {
                return labels[i];
            }

            public void load(int i, Tensor into) {
                into.setSpikes(offsets[i], inputs[i]);
            }
        };
    }

    @Test
    void trainAndDeploy() {
        int steps = 50;
        Samples trainSet = twoPatterns(64, steps);
        Samples testSet = twoPatterns(32, steps);
        // tag::gradient[]
        // 20 spiking inputs -> 16 LIF -> 2 LIF, 1 ms steps; surrogate gradient: fast sigmoid
        CubaLif lif = CubaLif.of(CubaLifParameters.lif(0.9f, 1f, ResetMode.SUBTRACT), new Surrogate.FastSigmoid(5f));
        Shape in = Shape.flat(20);
        SpikingNetwork net = SpikingNetwork.builder(in, steps, 1f)
                .add(new Dense("fc1", in, 16, false, Init.uniform(2f), 1))
                .add(new SpikingLayer("lif1", Shape.flat(16), lif))
                .add(new Dense("fc2", Shape.flat(16), 2, false, Init.uniform(2f), 2))
                .add(new SpikingLayer("lif2", Shape.flat(2), lif))
                .build();

        // spike-count loss: 20 spikes for the true class, 2 for the other; Adam (AMSGrad), batch 8, 2 threads
        try (Trainer trainer = new Trainer(net, SpikeCountLoss.slayer(steps, 20f, 2f), Adam.defaults(true),
                LearningRate.constant(0.01f), 8, 2, 42)) {
            for (int epoch = 0; epoch < 10; epoch++) {
                trainer.trainEpoch(trainSet, epoch);                  // BPTT over all 50 steps
            }
            System.out.println("test accuracy " + trainer.evaluate(testSet).accuracy());
        }

        Network deployed = CoreExport.toNetwork(net);     // core DenseLayer + Lif, same output spikes
        // end::gradient[]
        try (Trainer t = new Trainer(net, SpikeCountLoss.slayer(steps, 20f, 2f), Adam.defaults(true),
                LearningRate.constant(0.01f), 8, 1, 42)) {
            assertThat(t.evaluate(testSet).accuracy()).isGreaterThanOrEqualTo(0.9);
        }
        assertThat(deployed.layers()).hasSize(2);
    }
}
