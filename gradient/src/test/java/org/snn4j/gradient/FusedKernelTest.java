package org.snn4j.gradient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.neuron.ResetMode;

/**
 * The reordered and fused kernels against plain arithmetic: {@link Dense}'s input-major forward pass and row-major
 * weight gradient equal the step-by-step sums bit for bit; its input gradient from the trainer's fixed transposed
 * weights equals the per-sample one bit for bit; {@link Conv2d#backwardThroughPool} equals pooling's backward pass
 * followed by the convolution's (odd sizes, padding, windows 2 and 3, sum and average), and a network through it
 * matches finite differences and trains bit-identically on 1 and 2 threads.
 */
class FusedKernelTest {
    static final int T = 5;

    private static Tensor input(SplittableRandom rng, int steps, int n, boolean binary) {
        float[] v = new float[steps * n];
        for (int k = 0; k < v.length; k++) {
            double u = rng.nextDouble();
            v[k] = u < 0.7 ? 0f : binary ? 1f : (float) (rng.nextDouble() * 2 - 1);
        }
        Tensor x = GradCheck.tensor(steps, Shape.flat(n), v);
        if (binary) {
            x.indexBinary();
        }
        return x;
    }

    @Test
    void denseForwardAndWeightGradientEqualStepByStepSumsBitForBit() {
        // 301 x 1000 has two row partitions; 7 x 5 and 1 x 13 odd small ones
        int[][] sizes = {{7, 5}, {1, 13}, {301, 1000}, {33, 1}};
        SplittableRandom rng = new SplittableRandom(5);
        for (int[] sz : sizes) {
            int nIn = sz[0];
            int nOut = sz[1];
            for (boolean binary : new boolean[] {true, false}) {
                Dense d = new Dense("fc", Shape.flat(nIn), nOut, true, Init.uniform(1f), nIn + nOut);
                float[] w = d.weights();
                float[] b = d.bias();
                for (int o = 0; o < nOut; o++) {
                    b[o] = (float) rng.nextDouble() - 0.5f;
                }
                int count = 3;
                Tensor[] x = new Tensor[count];
                Tensor[] y = new Tensor[count];
                Tensor[] g = new Tensor[count];
                Object sc = d.newScratch(T);
                for (int s = 0; s < count; s++) {
                    x[s] = input(rng, T, nIn, binary);
                    y[s] = new Tensor(T, Shape.flat(nOut));
                    d.forward(x[s], y[s], sc, Pass.inference());
                    float[] ref = new float[T * nOut];
                    float[] xd = x[s].data();
                    for (int t = 0; t < T; t++) {
                        for (int o = 0; o < nOut; o++) {
                            float a = b[o];
                            for (int i = 0; i < nIn; i++) {
                                if (xd[t * nIn + i] != 0f) {
                                    a += xd[t * nIn + i] * w[i * nOut + o];
                                }
                            }
                            ref[t * nOut + o] = a;
                        }
                    }
                    assertThat(java.util.Arrays.mismatch(y[s].data(), ref))
                            .as("forward %dx%d binary %s: first difference", nIn, nOut, binary).isEqualTo(-1);
                    g[s] = GradCheck.tensor(T, Shape.flat(nOut), GradCheck.random(rng, T * nOut, -1, 1));
                }
                int parts = d.gradientPartitions();
                assertThat(parts).isEqualTo(nIn * nOut > 1 << 18 ? 3 : 2);
                for (int p = parts - 1; p >= 0; p--) {
                    d.computeGradients(p, x, y, g, new Object[count], count);
                }
                float[] gw = new float[nIn * nOut];
                float[] gb = new float[nOut];
                for (int s = 0; s < count; s++) {
                    float[] xd = x[s].data();
                    float[] gd = g[s].data();
                    for (int t = 0; t < T; t++) {
                        for (int i = 0; i < nIn; i++) {
                            float v = xd[t * nIn + i];
                            for (int o = 0; o < nOut && v != 0f; o++) {
                                gw[i * nOut + o] += v * gd[t * nOut + o];
                            }
                        }
                        for (int o = 0; o < nOut; o++) {
                            gb[o] += gd[t * nOut + o];
                        }
                    }
                }
                assertThat(java.util.Arrays.mismatch(d.parameters().get(0).grad(), gw))
                        .as("weight gradient %dx%d: first difference", nIn, nOut).isEqualTo(-1);
                assertThat(d.parameters().get(1).grad()).as("bias gradient").containsExactly(gb);
            }
        }
    }

    @Test
    void denseInputGradientFromFixedWeightsEqualsPerSampleTranspose() {
        SplittableRandom rng = new SplittableRandom(6);
        for (int[] sz : new int[][] {{37, 45}, {5, 3}, {70, 1}}) {
            int nIn = sz[0];
            int nOut = sz[1];
            Dense d = new Dense("fc", Shape.flat(nIn), nOut, false, Init.uniform(1f), 8);
            Tensor x = input(rng, T, nIn, true);
            Tensor y = new Tensor(T, Shape.flat(nOut));
            Object sc = d.newScratch(T);
            d.forward(x, y, sc, Pass.inference());
            Tensor g = GradCheck.tensor(T, Shape.flat(nOut), GradCheck.random(rng, T * nOut, -1, 1));
            Tensor perSample = new Tensor(T, Shape.flat(nIn));
            d.backward(x, y, g, perSample, sc);
            d.fixWeights();
            Tensor fixed = new Tensor(T, Shape.flat(nIn));
            d.backward(x, y, g, fixed, d.newScratch(T));
            assertThat(fixed.data()).containsExactly(perSample.data());
            // released: a changed weight is seen again
            d.releaseWeights();
            d.weights()[0] += 1f;
            Tensor changed = new Tensor(T, Shape.flat(nIn));
            d.backward(x, y, g, changed, sc);
            for (int t = 0; t < T; t++) {
                assertThat(changed.data()[t * nIn]).isEqualTo(perSample.data()[t * nIn] + g.data()[t * nOut],
                        org.assertj.core.data.Offset.offset(1e-4f));
            }
            for (int t = 0; t < T; t++) {
                for (int i = 0; i < nIn; i++) {
                    double s = 0;
                    for (int o = 0; o < nOut; o++) {
                        s += (double) d.weights()[i * nOut + o] * g.data()[t * nOut + o];
                    }
                    assertThat((double) changed.data()[t * nIn + i]).isCloseTo(s,
                            org.assertj.core.data.Offset.offset(1e-4));
                }
            }
        }
    }

    /** {inC, H, W, outC, k, padding, pool window, sum (1) or average (0)}. */
    private static final int[][] CONV_POOL = {
        {2, 7, 9, 3, 3, 0, 2, 0},
        {3, 8, 8, 2, 3, 1, 2, 1},
        {1, 9, 6, 4, 2, 2, 3, 0},
        {2, 11, 10, 3, 5, 1, 2, 0},
        {2, 5, 5, 1, 1, 0, 2, 1},
        {1, 6, 7, 2, 3, 2, 3, 1},
        {32, 15, 15, 16, 3, 0, 2, 0},
    };

    @Test
    void convThroughPoolEqualsPoolThenConvBackward() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int[] c : CONV_POOL) {
            Shape in = new Shape(c[0], c[1], c[2]);
            Conv2d conv = new Conv2d("conv", in, c[3], c[4], 1, c[5], false, Init.uniform(1f), c[4] + c[5]);
            Pool2d pool = new Pool2d("pool", conv.outputShape(), c[6], c[7] == 1 ? Pool2d.Mode.SUM
                    : Pool2d.Mode.AVERAGE);
            assertThat(conv.fusesPool(pool)).isTrue();
            Tensor x = GradCheck.tensor(T, in, GradCheck.random(rng, T * in.size(), -1, 1));
            Tensor y = new Tensor(T, conv.outputShape());
            Object sc = conv.newScratch(T);
            conv.forward(x, y, sc, Pass.inference());
            Tensor py = new Tensor(T, pool.outputShape());
            pool.forward(y, py, null, Pass.inference());
            Tensor pg = GradCheck.tensor(T, pool.outputShape(), GradCheck.random(rng, T * pool.outputShape().size(),
                    -1, 1));
            Tensor yg = new Tensor(T, conv.outputShape());
            pool.backward(y, py, pg, yg, null);
            Tensor layered = new Tensor(T, in);
            conv.backward(x, y, yg, layered, sc);
            for (int round = 0; round < 2; round++) {      // the second round reuses the scratch buffers
                Tensor fused = new Tensor(T, in);
                java.util.Arrays.fill(fused.data(), Float.NaN);
                conv.backwardThroughPool(x, pool, pg, fused, sc);
                float max = 0f;
                for (float v : layered.data()) {
                    max = Math.max(max, Math.abs(v));
                }
                assertThat(max).isGreaterThan(0f);
                float[] a = layered.data();
                float[] f = fused.data();
                for (int k = 0; k < a.length; k++) {
                    assertThat(f[k]).as("config %s entry %d", java.util.Arrays.toString(c), k)
                            .isCloseTo(a[k], org.assertj.core.data.Offset.offset(1e-5f * max));
                }
            }
        }
        Conv2d strided = new Conv2d("s2", new Shape(1, 6, 6), 2, 3, 2, 1, false, Init.uniform(1f), 1);
        assertThat(strided.fusesPool(new Pool2d("p", strided.outputShape(), 2, Pool2d.Mode.AVERAGE))).isFalse();
    }

    /** conv - spiking - conv (stride 1, padding 1) - average pool - spiking - flatten - dense - spiking. */
    static SpikingNetwork convPoolNet(ForwardMode mode, ResetGradient rg, int steps) {
        Shape in = new Shape(2, 6, 7);
        CubaLif lif = new CubaLif(CubaLifParameters.lif(0.8f, 1f, ResetMode.SUBTRACT), new Surrogate.FastSigmoid(2f),
                mode, rg);
        Conv2d c1 = new Conv2d("conv1", in, 3, 3, 1, 1, false, Init.uniform(2f), 1);
        Conv2d c2 = new Conv2d("conv2", c1.outputShape(), 2, 3, 1, 1, true, Init.uniform(2f), 2);
        Pool2d pool = new Pool2d("pool", c2.outputShape(), 2, Pool2d.Mode.AVERAGE);
        Shape p = pool.outputShape();
        return SpikingNetwork.builder(in, steps, 1f)
                .add(c1)
                .add(new SpikingLayer("s1", c1.outputShape(), lif))
                .add(c2)
                .add(pool)
                .add(new SpikingLayer("s2", p, lif))
                .add(new Flatten("flat", p))
                .add(new Dense("fc", Shape.flat(p.size()), 3, false, Init.uniform(2f), 3))
                .add(new SpikingLayer("out", Shape.flat(3), lif))
                .build();
    }

    @Test
    void networkThroughConvAndPoolMatchesFiniteDifferences() {
        int steps = 6;
        SpikingNetwork net = convPoolNet(ForwardMode.SMOOTH, ResetGradient.FULL, steps);
        Samples data = NetworkGradientTest.samples(3, steps, net.inputShape(), false, 21);
        Loss loss = new SpikeCountLoss(0, steps, 3f, 1f, SpikeCountLoss.Normalisation.COUNT);
        int[] batch = {0, 1, 2};
        try (Trainer tr = new Trainer(net, loss, Adam.defaults(false), LearningRate.constant(0.01f), 3, 2, 7)) {
            tr.gradient(data, batch, 0);
            List<Parameter> ps = net.parameters();
            assertThat(ps).extracting(Parameter::name).containsExactly("conv1.weight", "conv2.weight", "conv2.bias",
                    "fc.weight");
            for (int p = 0; p < ps.size(); p++) {
                Parameter par = ps.get(p);
                GradCheck.check("network " + par.name(), par.value(), par.grad().clone(),
                        () -> NetworkGradientTest.meanLoss(net, loss, data, batch), 1e-2f, 12, p);
            }
        }
    }

    static float[][] train(int threads) {
        int steps = 10;
        SpikingNetwork net = convPoolNet(ForwardMode.SPIKES, ResetGradient.DETACHED, steps);
        Samples data = NetworkGradientTest.samples(9, steps, net.inputShape(), true, 22);
        try (Trainer tr = new Trainer(net, new CountCrossEntropy(1f), Adam.defaults(true),
                LearningRate.constant(0.05f), 4, threads, 3)) {
            for (int e = 0; e < 2; e++) {
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
    void convPoolNetworkTrainsBitIdenticallyOnOneAndTwoThreads() {
        float[][] a = train(1);
        float[][] b = train(2);
        SpikingNetwork init = convPoolNet(ForwardMode.SPIKES, ResetGradient.DETACHED, 10);
        boolean changed = false;
        for (int p = 0; p < a.length; p++) {
            assertThat(b[p]).as("parameter " + p).containsExactly(a[p]);
            changed |= !java.util.Arrays.equals(a[p], init.parameters().get(p).value());
        }
        assertThat(changed).as("training changed the weights").isTrue();
    }
}
