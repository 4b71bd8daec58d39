package org.snn4j.gradient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.neuron.ResetMode;
import org.snn4j.neuron.SrmParameters;

/**
 * A tiny network's whole BPTT gradient (through the trainer's batch path) against finite differences, and the
 * thread-count independence of training.
 */
class NetworkGradientTest {

    /** Random real-valued or binary samples. */
    static Samples samples(int n, int steps, Shape shape, boolean binary, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] data = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            data[i] = GradCheck.random(rng, steps * shape.size(), 0, 1);
            if (binary) {
                for (int k = 0; k < data[i].length; k++) {
                    data[i][k] = data[i][k] < 0.2f ? 1f : 0f;
                }
            }
            labels[i] = rng.nextInt(3);
        }
        return new Samples() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public int label(int i) {
                return labels[i];
            }

            @Override
            public void load(int i, Tensor into) {
                System.arraycopy(data[i], 0, into.data(), 0, data[i].length);
                if (binary) {
                    into.indexBinary();
                } else {
                    into.markDense();
                }
            }
        };
    }

    static SpikingNetwork tiny(ForwardMode mode, ResetGradient rg, int steps) {
        Shape in = Shape.flat(5);
        Srm srm = new Srm(new SrmParameters(1f, 2f, 1f, 1f), 1f, Surrogate.slayer(1f, 1f, 1f), mode, rg);
        CubaLif rec = new CubaLif(new CubaLifParameters(0.5f, 0.2f, 1f, ResetMode.SUBTRACT),
                new Surrogate.FastSigmoid(2f), mode, rg);
        CubaLif out = new CubaLif(CubaLifParameters.lif(0.8f, 1f, ResetMode.TO_VALUE), new Surrogate.Arctan(2f),
                mode, rg);
        return SpikingNetwork.builder(in, steps, 1f)
                .add(new Dense("fc1", in, 4, true, Init.uniform(2f), 1))
                .add(new SpikingLayer("srm1", Shape.flat(4), srm))
                .add(new RecurrentSpiking("rec", Shape.flat(4), 4, rec, Init.uniform(2f), Init.uniform(1f), 2))
                .add(new Dense("fc2", Shape.flat(4), 3, false, Init.uniform(3f), 3))
                .add(new SpikingLayer("out", Shape.flat(3), out))
                .build();
    }

    @Test
    void wholeNetworkBpttMatchesFiniteDifferences() {
        int steps = 8;
        SpikingNetwork net = tiny(ForwardMode.SMOOTH, ResetGradient.FULL, steps);
        Samples data = samples(3, steps, net.inputShape(), false, 5);
        Loss loss = new SpikeCountLoss(1, steps, 4f, 1f, SpikeCountLoss.Normalisation.COUNT);
        int[] batch = {0, 1, 2};
        try (Trainer tr = new Trainer(net, loss, Adam.defaults(true), LearningRate.constant(0.01f), 3, 2, 7)) {
            tr.gradient(data, batch, 0);
            List<Parameter> ps = net.parameters();
            assertThat(ps).extracting(Parameter::name)
                    .containsExactly("fc1.weight", "fc1.bias", "rec.weight", "rec.recurrent", "fc2.weight");
            for (int p = 0; p < ps.size(); p++) {
                Parameter par = ps.get(p);
                GradCheck.check("network " + par.name(), par.value(), par.grad().clone(),
                        () -> meanLoss(net, loss, data, batch), 1e-2f, 12, p);
            }
        }
    }

    static double meanLoss(SpikingNetwork net, Loss loss, Samples data, int[] batch) {
        Workspace ws = net.newWorkspace();
        double sum = 0;
        for (int k = 0; k < batch.length; k++) {
            data.load(batch[k], ws.input());
            Tensor out = net.forward(ws, Pass.inference());
            sum += loss.loss(out, data.label(batch[k]), ws.outputGradient(), 1f);
        }
        return sum / batch.length;
    }

    static float[][] train(int threads) {
        int steps = 20;
        SpikingNetwork net = tiny(ForwardMode.SPIKES, ResetGradient.DETACHED, steps);
        Samples data = samples(10, steps, net.inputShape(), true, 9);
        try (Trainer tr = new Trainer(net, SpikeCountLoss.slayer(steps, 6f, 1f), Adam.defaults(true),
                LearningRate.constant(0.05f), 4, threads, 3)) {
            for (int e = 0; e < 3; e++) {
                tr.trainEpoch(data, e);
            }
        }
        float[][] w = new float[net.parameters().size()][];
        for (int p = 0; p < w.length; p++) {
            w[p] = net.parameters().get(p).value().clone();
        }
        return w;
    }

    @Test
    void oneAndTwoThreadsGiveBitIdenticalWeights() {
        float[][] a = train(1);
        float[][] b = train(2);
        float[][] c = train(3);
        float[][] init = initialWeights();
        boolean changed = false;
        for (int p = 0; p < a.length; p++) {
            assertThat(b[p]).as("parameter " + p).containsExactly(a[p]);
            assertThat(c[p]).as("parameter " + p).containsExactly(a[p]);
            changed |= !java.util.Arrays.equals(a[p], init[p]);
        }
        assertThat(changed).as("training changed the weights").isTrue();
    }

    static float[][] initialWeights() {
        SpikingNetwork net = tiny(ForwardMode.SPIKES, ResetGradient.DETACHED, 20);
        float[][] w = new float[net.parameters().size()][];
        for (int p = 0; p < w.length; p++) {
            w[p] = net.parameters().get(p).value().clone();
        }
        return w;
    }
}
