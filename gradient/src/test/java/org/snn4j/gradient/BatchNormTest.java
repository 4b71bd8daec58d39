package org.snn4j.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.snn4j.Shape;
import org.snn4j.io.ModelData;
import org.snn4j.neuron.ResetMode;

/**
 * Batch norm: statistics against a direct computation, the batch-coupled backward pass against finite differences
 * (alone and inside networks through the trainer's batch schedule), inference with running statistics, thread-count
 * independence, saving.
 */
class BatchNormTest {
    static final int T = 4;

    static Shape shapeOf(BatchNorm.Axis axis) {
        return axis == BatchNorm.Axis.CHANNEL ? new Shape(3, 2, 3) : Shape.flat(5);
    }

    static Tensor[] batch(Shape s, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor[] in = new Tensor[count];
        for (int k = 0; k < count; k++) {
            in[k] = GradCheck.tensor(T, s, GradCheck.random(rng, T * s.size(), -1, 2));
        }
        return in;
    }

    static Tensor[] zeros(Shape s, int count) {
        Tensor[] t = new Tensor[count];
        for (int k = 0; k < count; k++) {
            t[k] = new Tensor(T, s);
        }
        return t;
    }

    @ParameterizedTest
    @EnumSource(BatchNorm.Axis.class)
    void normalisesWithBatchStatisticsOverSamplesStepsAndPositions(BatchNorm.Axis axis) {
        Shape s = shapeOf(axis);
        BatchNorm bn = new BatchNorm("bn", s, axis, 1e-5f, 0.25f);
        bn.gamma()[0] = 2f;
        bn.beta()[0] = -0.5f;
        int count = 3;
        Tensor[] in = batch(s, count, 1);
        Tensor[] out = zeros(s, count);
        Object[] sc = {bn.newScratch(T), bn.newScratch(T), bn.newScratch(T)};
        bn.forwardBatch(in, out, sc, count, BatchLoop.serial());
        for (int g = 0; g < bn.groups(); g++) {
            double sum = 0;
            double sq = 0;
            int n = 0;
            for (int k = 0; k < count; k++) {
                for (int i = 0; i < T * s.size(); i++) {
                    if (bn.groupOf(i % s.size()) == g) {
                        double v = in[k].data()[i];
                        sum += v;
                        sq += v * v;
                        n++;
                    }
                }
            }
            assertThat(n).isEqualTo(count * T * s.size() / bn.groups());
            double mean = sum / n;
            double var = sq / n - mean * mean;
            for (int k = 0; k < count; k++) {
                for (int i = 0; i < T * s.size(); i++) {
                    if (bn.groupOf(i % s.size()) == g) {
                        double want = bn.gamma()[g] * (in[k].data()[i] - mean) / Math.sqrt(var + 1e-5) + bn.beta()[g];
                        assertThat((double) out[k].data()[i]).isCloseTo(want, within(1e-5));
                    }
                }
            }
            assertThat((double) bn.runningMean()[g]).isCloseTo(0.25 * mean, within(1e-6));
            assertThat((double) bn.runningVar()[g]).isCloseTo(0.75 + 0.25 * var * n / (n - 1), within(1e-6));
        }
    }

    @ParameterizedTest
    @EnumSource(BatchNorm.Axis.class)
    void inferenceUsesRunningStatistics(BatchNorm.Axis axis) {
        Shape s = shapeOf(axis);
        BatchNorm bn = new BatchNorm("bn", s, axis, 1e-3f, 1f);   // momentum 1: running = last batch
        java.util.Arrays.fill(bn.gamma(), 1.5f);
        java.util.Arrays.fill(bn.beta(), 0.25f);
        Tensor[] in = batch(s, 2, 2);
        Tensor[] out = zeros(s, 2);
        bn.forwardBatch(in, out, new Object[] {bn.newScratch(T), bn.newScratch(T)}, 2, BatchLoop.serial());
        Tensor y = new Tensor(T, s);
        bn.forward(in[1], y, bn.newScratch(T), Pass.inference());
        int n = 2 * T * s.size() / bn.groups();
        for (int i = 0; i < T * s.size(); i++) {
            int g = bn.groupOf(i % s.size());
            double biased = (bn.runningVar()[g] * (n - 1.0)) / n;   // the training pass's variance
            double trainVal = out[1].data()[i];
            double inferVal = y.data()[i];
            // same centre, scale differs only by the unbiased/biased variance
            double ratio = Math.sqrt((biased + 1e-3) / (bn.runningVar()[g] + 1e-3));
            assertThat(inferVal - 0.25).isCloseTo((trainVal - 0.25) * ratio, within(1e-4));
        }
        float[] a = bn.inferenceScale();
        float[] b = bn.inferenceShift();
        for (int i = 0; i < T * s.size(); i++) {
            int g = bn.groupOf(i % s.size());
            assertThat(y.data()[i]).isCloseTo(a[g] * in[1].data()[i] + b[g], within(1e-5f));
        }
    }

    /** {@code L = sum_k sum c_k y_k} over a batch: input (every sample) and gamma/beta against finite differences. */
    @ParameterizedTest
    @EnumSource(BatchNorm.Axis.class)
    void batchCoupledBackwardMatchesFiniteDifferences(BatchNorm.Axis axis) {
        Shape s = shapeOf(axis);
        BatchNorm bn = new BatchNorm("bn", s, axis);
        SplittableRandom rng = new SplittableRandom(3);
        for (int g = 0; g < bn.groups(); g++) {
            bn.gamma()[g] = (float) (0.5 + rng.nextDouble());
            bn.beta()[g] = (float) (rng.nextDouble() - 0.5);
        }
        int count = 3;
        Tensor[] in = batch(s, count, 4);
        Tensor[] out = zeros(s, count);
        Object[] sc = new Object[count];
        Tensor[] gOut = new Tensor[count];
        Tensor[] gIn = zeros(s, count);
        for (int k = 0; k < count; k++) {
            sc[k] = bn.newScratch(T);
            gOut[k] = GradCheck.tensor(T, s, GradCheck.random(rng, T * s.size(), -1, 1));
        }
        bn.forwardBatch(in, out, sc, count, BatchLoop.serial());
        bn.backwardBatch(in, out, gOut, gIn, sc, count, BatchLoop.serial());
        for (int p = 0; p < bn.gradientPartitions(); p++) {
            bn.computeGradients(p, in, out, gOut, sc, count);
        }
        Tensor[] out2 = zeros(s, count);
        Object[] sc2 = {bn.newScratch(T), bn.newScratch(T), bn.newScratch(T)};
        DoubleSupplier loss = () -> {
            bn.forwardBatch(in, out2, sc2, count, BatchLoop.serial());
            double l = 0;
            for (int k = 0; k < count; k++) {
                for (int i = 0; i < T * s.size(); i++) {
                    l += (double) gOut[k].data()[i] * out2[k].data()[i];
                }
            }
            return l;
        };
        for (int k = 0; k < count; k++) {
            GradCheck.check(axis + " input of sample " + k, in[k].data(), gIn[k].data().clone(), loss, 1e-2f, 60,
                    k);
        }
        GradCheck.check(axis + " gamma", bn.gamma(), bn.parameters().get(0).grad().clone(), loss, 1e-2f, 20, 8);
        GradCheck.check(axis + " beta", bn.beta(), bn.parameters().get(1).grad().clone(), loss, 1e-2f, 20, 9);
    }

    @Test
    void trainingPassOfOneSampleIsABatchOfOne() {
        Shape s = shapeOf(BatchNorm.Axis.CHANNEL);
        BatchNorm a = new BatchNorm("bn", s, BatchNorm.Axis.CHANNEL);
        BatchNorm b = new BatchNorm("bn", s, BatchNorm.Axis.CHANNEL);
        Tensor[] in = batch(s, 1, 5);
        Tensor ya = new Tensor(T, s);
        Tensor[] yb = zeros(s, 1);
        a.forward(in[0], ya, a.newScratch(T), new Pass(true, 1));
        b.forwardBatch(in, yb, new Object[] {b.newScratch(T)}, 1, BatchLoop.serial());
        assertThat(ya.data()).containsExactly(yb[0].data());
        assertThat(a.runningMean()).containsExactly(b.runningMean());
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new BatchNorm("bn1", Shape.flat(3), BatchNorm.Axis.FEATURE, 0f, 0.1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bn1").hasMessageContaining("eps");
        assertThatThrownBy(() -> new BatchNorm("bn2", Shape.flat(3), BatchNorm.Axis.FEATURE, 1e-5f, 1.5f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("momentum");
    }

    /** conv - BN - spiking - pool - flatten - dense - BN - spiking - dropout - dense - spiking (smooth). */
    static SpikingNetwork spikingNet(ForwardMode mode, ResetGradient rg, int steps) {
        Shape in = new Shape(2, 6, 6);
        CubaLif lif = new CubaLif(CubaLifParameters.lif(0.8f, 1f, ResetMode.SUBTRACT), new Surrogate.FastSigmoid(2f),
                mode, rg);
        Conv2d conv = new Conv2d("conv", in, 3, 3, 1, 0, false, Init.uniform(1f), 1);
        Shape c = conv.outputShape();
        Pool2d pool = new Pool2d("pool", c, 2, Pool2d.Mode.AVERAGE);
        Shape p = pool.outputShape();
        return SpikingNetwork.builder(in, steps, 1f)
                .add(conv)
                .add(new BatchNorm("bn1", c, BatchNorm.Axis.CHANNEL))
                .add(new SpikingLayer("s1", c, lif))
                .add(pool)
                .add(new Flatten("flat", p))
                .add(new Dense("fc1", Shape.flat(p.size()), 6, false, Init.uniform(2f), 2))
                .add(new BatchNorm("bn2", Shape.flat(6), BatchNorm.Axis.FEATURE))
                .add(new SpikingLayer("s2", Shape.flat(6), lif))
                .add(new Dropout("drop", Shape.flat(6), 0.3f))
                .add(new Dense("fc2", Shape.flat(6), 3, true, Init.uniform(2f), 3))
                .add(new SpikingLayer("out", Shape.flat(3), lif))
                .build();
    }

    /**
     * An ANN (ReLU, one step) with BN first and last to cover both ends of the schedule; no bias right before a BN
     * (its gradient is exactly 0 there).
     */
    static SpikingNetwork annNet() {
        Shape in = Shape.flat(7);
        return SpikingNetwork.builder(in, 1, 1f)
                .add(new BatchNorm("bn0", in, BatchNorm.Axis.FEATURE))
                .add(new Dense("fc1", in, 6, true, Init.uniform(2f), 4))
                .add(new Relu("relu1", Shape.flat(6)))
                .add(new Dense("fc2", Shape.flat(6), 5, false, Init.uniform(2f), 5))
                .add(new BatchNorm("bn1", Shape.flat(5), BatchNorm.Axis.FEATURE))
                .add(new Relu("relu2", Shape.flat(5)))
                .add(new Dense("fc3", Shape.flat(5), 3, false, Init.uniform(2f), 6))
                .add(new BatchNorm("bn2", Shape.flat(3), BatchNorm.Axis.FEATURE))
                .build();
    }

    static void checkNetwork(SpikingNetwork net, Loss loss, Samples data, int[] batch, float h) {
        try (Trainer tr = new Trainer(net, loss, Adam.defaults(false), LearningRate.constant(0.01f), batch.length, 2,
                7)) {
            tr.gradient(data, batch, 0);
            List<Parameter> ps = net.parameters();
            for (int p = 0; p < ps.size(); p++) {
                Parameter par = ps.get(p);
                GradCheck.check("network " + par.name(), par.value(), par.grad().clone(),
                        () -> tr.gradient(data, batch, 0), h, 10, p);
            }
        }
    }

    @Test
    void spikingNetworkWithBatchNormMatchesFiniteDifferences() {
        int steps = 6;
        SpikingNetwork net = spikingNet(ForwardMode.SMOOTH, ResetGradient.FULL, steps);
        Samples data = NetworkGradientTest.samples(4, steps, net.inputShape(), false, 11);
        checkNetwork(net, new SpikeCountLoss(0, steps, 3f, 1f, SpikeCountLoss.Normalisation.COUNT), data,
                new int[] {0, 1, 2, 3}, 2e-3f);
    }

    @Test
    void annWithBatchNormMatchesFiniteDifferences() {
        SpikingNetwork net = annNet();
        Samples data = NetworkGradientTest.samples(5, 1, net.inputShape(), false, 12);
        checkNetwork(net, new CountCrossEntropy(1f), data, new int[] {4, 0, 3, 1, 2}, 1e-3f);
    }

    static float[][] train(int threads) {
        int steps = 12;
        SpikingNetwork net = spikingNet(ForwardMode.SPIKES, ResetGradient.DETACHED, steps);
        Samples data = NetworkGradientTest.samples(10, steps, net.inputShape(), true, 13);
        try (Trainer tr = new Trainer(net, SpikeCountLoss.slayer(steps, 4f, 1f), Adam.defaults(true),
                LearningRate.constant(0.05f), 4, threads, 3)) {
            for (int e = 0; e < 3; e++) {
                tr.trainEpoch(data, e);
            }
        }
        List<Parameter> all = new java.util.ArrayList<>(net.parameters());
        all.addAll(net.buffers());
        float[][] w = new float[all.size()][];
        for (int p = 0; p < w.length; p++) {
            w[p] = all.get(p).value().clone();
        }
        return w;
    }

    @Test
    void oneTwoAndThreeThreadsGiveBitIdenticalWeightsAndStatistics() {
        float[][] a = train(1);
        float[][] b = train(2);
        float[][] c = train(3);
        SpikingNetwork fresh = spikingNet(ForwardMode.SPIKES, ResetGradient.DETACHED, 12);
        assertThat(fresh.buffers()).extracting(Parameter::name).containsExactly("bn1.runningMean", "bn1.runningVar",
                "bn2.runningMean", "bn2.runningVar");
        int np = fresh.parameters().size();
        boolean changed = false;
        boolean statsMoved = false;
        for (int p = 0; p < a.length; p++) {
            assertThat(b[p]).as("array " + p).containsExactly(a[p]);
            assertThat(c[p]).as("array " + p).containsExactly(a[p]);
            float[] init = p < np ? fresh.parameters().get(p).value() : fresh.buffers().get(p - np).value();
            boolean diff = !java.util.Arrays.equals(a[p], init);
            if (p < np) {
                changed |= diff;
            } else {
                statsMoved |= diff;
            }
        }
        assertThat(changed).as("training changed the parameters").isTrue();
        assertThat(statsMoved).as("training moved the running statistics").isTrue();
    }

    @Test
    void runningStatisticsAreSavedAndLoaded() {
        SpikingNetwork a = annNet();
        Samples data = NetworkGradientTest.samples(6, 1, a.inputShape(), false, 14);
        try (Trainer tr = new Trainer(a, new CountCrossEntropy(1f), Adam.defaults(false), LearningRate.constant(0.01f),
                3, 1, 1)) {
            tr.trainEpoch(data, 0);
        }
        ModelData d = a.toModelData();
        SpikingNetwork b = annNet();
        b.loadParameters(d);
        for (int p = 0; p < a.buffers().size(); p++) {
            assertThat(b.buffers().get(p).value()).containsExactly(a.buffers().get(p).value());
        }
        Workspace wa = a.newWorkspace();
        Workspace wb = b.newWorkspace();
        data.load(2, wa.input());
        data.load(2, wb.input());
        assertThat(b.forward(wb, Pass.inference()).data()).containsExactly(a.forward(wa, Pass.inference()).data());
    }
}
