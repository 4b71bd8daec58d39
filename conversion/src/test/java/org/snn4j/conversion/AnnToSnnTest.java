package org.snn4j.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.gradient.Conv2d;
import org.snn4j.gradient.Dense;
import org.snn4j.gradient.Flatten;
import org.snn4j.gradient.Init;
import org.snn4j.gradient.Pass;
import org.snn4j.gradient.Pool2d;
import org.snn4j.gradient.Relu;
import org.snn4j.gradient.Samples;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.gradient.Tensor;
import org.snn4j.gradient.Workspace;
import org.snn4j.layer.DenseLayer;
import org.snn4j.neuron.BiasedIf;
import org.snn4j.neuron.ThresholdComparison;
import org.snn4j.neuron.ResetMode;

class AnnToSnnTest {

    /** Random inputs in [0, 1] with labels 0. */
    static Samples randomImages(Shape s, int n, long seed) {
        float[][] x = new float[n][s.size()];
        SplittableRandom r = new SplittableRandom(seed);
        for (float[] row : x) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) r.nextDouble();
            }
        }
        return new Samples() {
            public int size() {
                return n;
            }

            public int label(int i) {
                return 0;
            }

            public void load(int i, Tensor into) {
                System.arraycopy(x[i], 0, into.data(), 0, x[i].length);
                into.markDense();
            }
        };
    }

    static float[] image(Samples s, Shape shape, int i) {
        Tensor t = new Tensor(1, shape);
        s.load(i, t);
        return t.data().clone();
    }

    static SpikingNetwork mlp() {
        Shape in = Shape.flat(6);
        Dense d1 = new Dense("d1", in, 8, true, Init.uniform(1.5f), 1);
        Dense d2 = new Dense("d2", d1.outputShape(), 3, true, Init.uniform(1.5f), 2);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 8; i++) {
            d1.bias()[i] = (float) r.nextDouble(-0.2, 0.3);
        }
        for (int i = 0; i < 3; i++) {
            d2.bias()[i] = (float) r.nextDouble(-0.2, 0.2);
        }
        return SpikingNetwork.builder(in, 1, 1f).add(d1).add(new Relu("r1", d1.outputShape())).add(d2).build();
    }

    static SpikingNetwork cnn() {
        Shape in = new Shape(1, 6, 6);
        SpikingNetwork.Builder b = SpikingNetwork.builder(in, 1, 1f);
        b.add(new Conv2d("c1", in, 3, 3, 1, 1, true, Init.uniform(1.5f), 4));
        b.add(new Relu("r1", b.currentShape()));
        b.add(new Pool2d("p1", b.currentShape(), 2, Pool2d.Mode.AVERAGE));
        b.add(new Flatten("f", b.currentShape()));
        b.add(new Dense("d", b.currentShape(), 4, true, Init.uniform(1.5f), 5));
        return b.build();
    }

    static float[] logits(SpikingNetwork ann, Samples s, int i) {
        Workspace ws = ann.newWorkspace();
        s.load(i, ws.input());
        return ann.forward(ws, Pass.inference()).data().clone();
    }

    @Test
    void maxNormalisationScalesWeightsAndBiasesByTheLargestActivation() {
        SpikingNetwork ann = mlp();
        Samples cal = randomImages(ann.inputShape(), 40, 7);
        ConvertedNetwork c = AnnToSnn.convert(ann, cal, ConversionOptions.max(40));
        // lambda_1 is the largest hidden activation over the calibration set
        double max = 0;
        for (int i = 0; i < 40; i++) {
            Workspace ws = ann.newWorkspace();
            cal.load(i, ws.input());
            ann.forward(ws, Pass.inference());
            for (float v : ws.activation(2).data()) {
                max = Math.max(max, v);
            }
        }
        assertThat(c.scales()).hasSize(1);
        assertThat(c.scales()[0]).isCloseTo(max, within(1e-6));
        Dense d1 = (Dense) ann.layers().get(0);
        Dense d2 = (Dense) ann.layers().get(2);
        DenseLayer l1 = (DenseLayer) c.layers().get(0);
        DenseLayer l2 = (DenseLayer) c.layers().get(1);
        assertThat(l1.weights()[5]).isCloseTo((float) (d1.weights()[5] / max), within(1e-6f));
        assertThat(l2.weights()[7]).isCloseTo((float) (d2.weights()[7] * max), within(1e-5f));
        BiasedIf m = (BiasedIf) l1.neuronModel();
        float[] current = new float[d1.outputShape().size()];
        m.currentSource().current(0, current);
        assertThat(current[3]).isCloseTo((float) (d1.bias()[3] / max), within(1e-6f));
        assertThat(m.parameters().resetMode()).isEqualTo(ResetMode.SUBTRACT);
        assertThat(m.parameters().threshold()).isEqualTo(1f);
        assertThat(m.parameters().comparison()).isEqualTo(ThresholdComparison.GREATER);
        assertThat(m.closedForm()).isTrue();
    }

    @Test
    void percentileNormalisationIsAtMostTheMax() {
        SpikingNetwork ann = cnn();
        Samples cal = randomImages(ann.inputShape(), 30, 8);
        double[] mx = AnnToSnn.convert(ann, cal, ConversionOptions.max(30)).scales();
        double[] pc = AnnToSnn.convert(ann, cal, ConversionOptions.percentile(99, 30)).scales();
        assertThat(mx).hasSize(2);
        for (int k = 0; k < 2; k++) {
            assertThat(pc[k]).isPositive().isLessThanOrEqualTo(mx[k]);
        }
        assertThat(pc[0]).isLessThan(mx[0]);
    }

    @Test
    void withAnalogInputTheReadOutConvergesToTheAnnLogits() {
        for (SpikingNetwork ann : new SpikingNetwork[] {mlp(), cnn()}) {
            Samples data = randomImages(ann.inputShape(), 20, 9);
            ConvertedNetwork c = AnnToSnn.convert(ann, data, ConversionOptions.max(20));
            int steps = 2000;
            SnnClassifier snn = c.classifier(InputCoding.ANALOG, steps, 1);
            int agree = 0;
            for (int i = 0; i < 20; i++) {
                float[] want = logits(ann, data, i);
                int[] p = snn.classify(image(data, ann.inputShape(), i), new int[] {steps});
                float[] v = snn.readout(steps - 1);
                float spread = 0;
                for (float w : want) {
                    spread = Math.max(spread, Math.abs(w));
                }
                for (int j = 0; j < want.length; j++) {
                    // each hidden rate is within 1/T of its activation / lambda (reset by subtraction)
                    assertThat(v[j] / steps).as("sample %d class %d", i, j).isCloseTo(want[j], within(0.02f * spread + 0.01f));
                }
                int best = 0;
                for (int j = 1; j < want.length; j++) {
                    if (want[j] > want[best]) {
                        best = j;
                    }
                }
                agree += p[0] == best ? 1 : 0;
            }
            assertThat(agree).isGreaterThanOrEqualTo(18);
            assertThat(snn.synapticEvents()).isPositive();
        }
    }

    @Test
    void poissonInputIsReproducibleAndMostlyAgreesWithTheAnn() {
        SpikingNetwork ann = cnn();
        Samples data = randomImages(ann.inputShape(), 20, 10);
        ConvertedNetwork c = AnnToSnn.convert(ann, data, ConversionOptions.percentile(99.9, 20));
        SnnClassifier a = c.classifier(InputCoding.POISSON, 400, 5);
        SnnClassifier b = c.classifier(InputCoding.POISSON, 400, 5);
        int agree = 0;
        for (int i = 0; i < 20; i++) {
            float[] img = image(data, ann.inputShape(), i);
            int[] pa = a.classify(img, new int[] {100, 400});
            assertThat(b.classify(img, new int[] {100, 400})).containsExactly(pa);
            float[] want = logits(ann, data, i);
            int best = 0;
            for (int j = 1; j < want.length; j++) {
                if (want[j] > want[best]) {
                    best = j;
                }
            }
            agree += pa[1] == best ? 1 : 0;
        }
        assertThat(agree).isGreaterThanOrEqualTo(14);
    }

    @Test
    void poolingIsAFixedWeightConvolutionFromEachChannelToItself() {
        double[] avg = AnnToSnn.probe(new Pool2d("p", new Shape(2, 6, 6), 3, Pool2d.Mode.AVERAGE));
        assertThat(avg).containsExactly(new double[] {3, 1.0 / 9}, org.assertj.core.data.Offset.offset(1e-7));
        double[] sum = AnnToSnn.probe(new Pool2d("p", new Shape(2, 6, 6), 2, Pool2d.Mode.SUM));
        assertThat(sum).containsExactly(2, 1);
        ConvertedNetwork c = AnnToSnn.convert(cnn(), randomImages(new Shape(1, 6, 6), 5, 1), ConversionOptions.max(5));
        org.snn4j.layer.Conv2dLayer p = (org.snn4j.layer.Conv2dLayer) c.layers().get(1);
        double w = 0.25 * c.scales()[0] / c.scales()[1];
        assertThat(p.stride()).isEqualTo(2);
        assertThat((double) p.weight(1, 1, 0, 1)).isCloseTo(w, within(1e-6));
        assertThat(p.weight(0, 1, 0, 1)).isZero();
    }

    @Test
    void networksThatCannotBeConvertedAreRefusedNamingTheLayer() {
        Shape in = Shape.flat(4);
        Dense d1 = new Dense("hidden", in, 3, true, Init.uniform(1f), 1);
        SpikingNetwork noRelu = SpikingNetwork.builder(in, 1, 1f).add(d1)
                .add(new Dense("out", d1.outputShape(), 2, true, Init.uniform(1f), 2)).build();
        assertThatThrownBy(() -> AnnToSnn.convert(noRelu, randomImages(in, 2, 1), ConversionOptions.max(2)))
                .hasMessageContaining("layer out").hasMessageContaining("hidden, has no ReLU");
        SpikingNetwork twoSteps = SpikingNetwork.builder(in, 5, 1f).add(new Dense("d", in, 2, true, Init.uniform(1f), 1))
                .build();
        assertThatThrownBy(() -> AnnToSnn.convert(twoSteps, randomImages(in, 2, 1), ConversionOptions.max(2)))
                .hasMessageContaining("one time step");
        SpikingNetwork spiking = SpikingNetwork.builder(in, 1, 1f).add(new Dense("d", in, 2, true, Init.uniform(1f), 1))
                .add(new org.snn4j.gradient.SpikingLayer("spk", Shape.flat(2),
                        org.snn4j.gradient.CubaLif.of(org.snn4j.gradient.CubaLifParameters.lif(0.9f, 1f, ResetMode.SUBTRACT),
                                new org.snn4j.gradient.Surrogate.Exponential(1f, 1f))))
                .build();
        assertThatThrownBy(() -> AnnToSnn.convert(spiking, randomImages(in, 2, 1), ConversionOptions.max(2)))
                .hasMessageContaining("layer spk (SpikingLayer)").hasMessageContaining("max pooling");
    }
}
