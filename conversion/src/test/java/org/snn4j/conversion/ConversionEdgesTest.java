package org.snn4j.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.gradient.Dense;
import org.snn4j.gradient.Dropout;
import org.snn4j.gradient.Flatten;
import org.snn4j.gradient.Init;
import org.snn4j.gradient.Pool2d;
import org.snn4j.gradient.Relu;
import org.snn4j.gradient.Samples;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.layer.DenseLayer;
import org.snn4j.neuron.BiasCurrent;
import org.snn4j.neuron.NeuronModel;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.ResetMode;
import org.snn4j.neuron.ThresholdComparison;

/**
 * The parts of the conversion {@link AnnToSnnTest}'s end-to-end runs pass by (issue 17): option checks at their
 * bounds, the percentile by nearest rank, per-channel against per-neuron biases, every refusal, a layer that never
 * fires on the calibration data, and the classifier's argument checks.
 */
class ConversionEdgesTest {

    @Test
    void optionsAreCheckedAtTheirBounds() {
        assertThat(new ConversionOptions(Normalisation.PERCENTILE, 100, 1, Float.MIN_VALUE).percentile()).isEqualTo(100);
        assertThatThrownBy(() -> new ConversionOptions(Normalisation.PERCENTILE, 0, 1, 1f))
                .hasMessage("percentile must be in (0, 100], got 0.0");
        assertThatThrownBy(() -> new ConversionOptions(Normalisation.PERCENTILE, 100.0001, 1, 1f))
                .hasMessage("percentile must be in (0, 100], got 100.0001");
        assertThatThrownBy(() -> new ConversionOptions(Normalisation.MAX, 50, 0, 1f))
                .hasMessage("calibrationSamples must be >= 1, got 0");
        assertThatThrownBy(() -> new ConversionOptions(Normalisation.MAX, 50, 1, 0f))
                .hasMessage("dtMs must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> new ConversionOptions(Normalisation.MAX, 50, 1, Float.POSITIVE_INFINITY))
                .hasMessage("dtMs must be finite and > 0, got Infinity");
        assertThatThrownBy(() -> new ConversionOptions(null, 50, 1, 1f)).hasMessage("normalisation");
        ConversionOptions m = ConversionOptions.max(7);
        assertThat(m.normalisation()).isEqualTo(Normalisation.MAX);
        assertThat(m.calibrationSamples()).isEqualTo(7);
        assertThat(m.dtMs()).isEqualTo(1f);
        ConversionOptions p = ConversionOptions.percentile(99.5, 3);
        assertThat(p.normalisation()).isEqualTo(Normalisation.PERCENTILE);
        assertThat(p.percentile()).isEqualTo(99.5);
        assertThat(p.calibrationSamples()).isEqualTo(3);
    }

    @Test
    void thePercentileIsTheNearestRankAndTheListGrows() {
        AnnToSnn.FloatList l = new AnnToSnn.FloatList();
        assertThat(l.percentile(50)).isZero();
        // 3000 values 1..3000 in reverse order: the list grows past its 1024 start
        for (int v = 3000; v >= 1; v--) {
            l.add(v);
        }
        assertThat(l.n).isEqualTo(3000);
        assertThat(l.percentile(100)).isEqualTo(3000);
        assertThat(l.percentile(50)).isEqualTo(1500);
        assertThat(l.percentile(99.9)).isEqualTo(2997);
        assertThat(l.percentile(0.01)).isEqualTo(1);
        AnnToSnn.FloatList four = new AnnToSnn.FloatList();
        for (float v : new float[] {4f, 1f, 3f, 2f}) {
            four.add(v);
        }
        // ceil(p / 100 * 4) - 1: 25 -> rank 0, 26 -> 1, 75 -> 2, 76 -> 3
        assertThat(four.percentile(25)).isEqualTo(1);
        assertThat(four.percentile(26)).isEqualTo(2);
        assertThat(four.percentile(75)).isEqualTo(3);
        assertThat(four.percentile(76)).isEqualTo(4);
    }

    @Test
    void biasesBecomeCurrentsPerChannelOrPerNeuron() {
        Shape conv = new Shape(2, 2, 3);
        float[] perChannel = AnnToSnn.biasCurrent(new float[] {0.5f, -1f}, conv, 2.0, 0.5f);
        // bias * f / dt, one value per channel for its 6 neurons
        assertThat(perChannel).containsExactly(2f, 2f, 2f, 2f, 2f, 2f, -4f, -4f, -4f, -4f, -4f, -4f);
        float[] perNeuron = AnnToSnn.biasCurrent(new float[] {0.5f, -1f, 0.25f}, Shape.flat(3), 0.5, 1f);
        assertThat(perNeuron).containsExactly(0.25f, -0.5f, 0.125f);
        // a dense layer of 2 neurons: the bias length equals the size, so it is per neuron even though flat shapes
        // have one channel per neuron
        assertThat(AnnToSnn.biasCurrent(new float[] {1f, 2f}, new Shape(2, 1, 1), 1.0, 1f)).containsExactly(1f, 2f);
        assertThat(AnnToSnn.biasCurrent(null, conv, 1.0, 1f)).isNull();
    }

    @Test
    void theModelIsABiasCurrentOnlyWhenSomeBiasIsNotZero() {
        NeuronModel plain = AnnToSnn.model(false, new float[] {0f, 0f});
        assertThat(plain).isInstanceOf(PerfectIf.class);
        PerfectIf p = (PerfectIf) plain;
        assertThat(p.parameters().threshold()).isEqualTo(1f);
        assertThat(p.parameters().resetMode()).isEqualTo(ResetMode.SUBTRACT);
        assertThat(p.parameters().comparison()).isEqualTo(ThresholdComparison.GREATER_OR_EQUAL);
        assertThat(AnnToSnn.model(false, null)).isInstanceOf(PerfectIf.class);
        NeuronModel biased = AnnToSnn.model(true, new float[] {0f, 0.5f});
        assertThat(biased).isInstanceOf(BiasCurrent.class);
        PerfectIf readout = (PerfectIf) ((BiasCurrent) biased).model();
        assertThat(readout.parameters().threshold()).isEqualTo(Float.MAX_VALUE);
        assertThat(readout.parameters().resetMode()).isEqualTo(ResetMode.NONE);
        assertThat(((BiasCurrent) biased).current()).containsExactly(0f, 0.5f);
    }

    @Test
    void everyRefusalNamesItsLayer() {
        Shape img = new Shape(1, 4, 4);
        Samples cal = AnnToSnnTest.randomImages(img, 2, 1);
        Pool2d pool = new Pool2d("pool", img, 2, Pool2d.Mode.AVERAGE);
        SpikingNetwork poolFirst = SpikingNetwork.builder(img, 1, 1f).add(pool).add(new Flatten("f", pool.outputShape()))
                .add(new Dense("d", Shape.flat(4), 2, true, Init.uniform(1f), 1)).build();
        assertThatThrownBy(() -> AnnToSnn.convert(poolFirst, cal, ConversionOptions.max(2)))
                .hasMessage("layer pool (Pool2d) cannot be converted: a network must start with a convolution or "
                        + "dense layer");
        Shape flat = Shape.flat(4);
        SpikingNetwork reluFirst = SpikingNetwork.builder(flat, 1, 1f).add(new Relu("r", flat))
                .add(new Dense("d", flat, 2, true, Init.uniform(1f), 1)).build();
        assertThatThrownBy(() -> AnnToSnn.convert(reluFirst, AnnToSnnTest.randomImages(flat, 2, 1),
                ConversionOptions.max(2)))
                .hasMessage("layer r (Relu) cannot be converted: a ReLU must follow a convolution, dense or pooling layer");
        SpikingNetwork nothing = SpikingNetwork.builder(flat, 1, 1f).add(new Flatten("f", flat)).build();
        assertThatThrownBy(() -> AnnToSnn.convert(nothing, AnnToSnnTest.randomImages(flat, 2, 1),
                ConversionOptions.max(2))).hasMessage("the network has no Conv2d or Dense layer to convert");
        org.snn4j.gradient.Conv2d c = new org.snn4j.gradient.Conv2d("c", img, 2, 3, 1, 1, true, Init.uniform(1f), 2);
        SpikingNetwork poolLast = SpikingNetwork.builder(img, 1, 1f).add(c).add(new Relu("r", c.outputShape()))
                .add(new Pool2d("last", c.outputShape(), 2, Pool2d.Mode.SUM)).build();
        assertThatThrownBy(() -> AnnToSnn.convert(poolLast, cal, ConversionOptions.max(2)))
                .hasMessage("layer last (Pool2d) cannot be converted: the last synaptic layer must be a Conv2d or Dense "
                        + "(the logits)");
        SpikingNetwork ann = AnnToSnnTest.mlp();
        Samples empty = AnnToSnnTest.randomImages(ann.inputShape(), 0, 1);
        assertThatThrownBy(() -> AnnToSnn.convert(ann, empty, ConversionOptions.max(5)))
                .hasMessage("the calibration set is empty");
        assertThatThrownBy(() -> AnnToSnn.convert(null, cal, ConversionOptions.max(1))).hasMessage("ann");
        assertThatThrownBy(() -> AnnToSnn.convert(ann, null, ConversionOptions.max(1))).hasMessage("calibration");
        assertThatThrownBy(() -> AnnToSnn.convert(ann, cal, null)).hasMessage("options");
    }

    @Test
    void flattenAndDropoutAreIdentitiesBetweenStages() {
        Shape in = Shape.flat(5);
        Dense d1 = new Dense("d1", in, 4, true, Init.uniform(1.5f), 1);
        SpikingNetwork ann = SpikingNetwork.builder(in, 1, 1f).add(d1).add(new Relu("r", d1.outputShape()))
                .add(new Dropout("drop", d1.outputShape(), 0.5f)).add(new Flatten("f", d1.outputShape()))
                .add(new Dense("d2", d1.outputShape(), 2, true, Init.uniform(1.5f), 2)).build();
        List<AnnToSnn.Stage> stages = AnnToSnn.stages(ann);
        assertThat(stages).hasSize(2);
        assertThat(stages.get(0).relu).isTrue();
        // the first stage's output is read after the dropout and the flatten (layer 3's output, workspace 4)
        assertThat(stages.get(0).outAct).isEqualTo(4);
        assertThat(stages.get(1).outAct).isEqualTo(5);
        assertThat(stages.get(1).relu).isFalse();
        Samples cal = AnnToSnnTest.randomImages(in, 10, 4);
        ConvertedNetwork c = AnnToSnn.convert(ann, cal, ConversionOptions.max(10));
        assertThat(c.layers()).hasSize(2);
        assertThat(c.scales()).hasSize(1);
        assertThat(c.options().calibrationSamples()).isEqualTo(10);
        assertThat(c.network().layerCount()).isEqualTo(2);
    }

    @Test
    void aLayerThatNeverFiresOnTheCalibrationDataKeepsItsScale() {
        Shape in = Shape.flat(3);
        Dense d1 = new Dense("d1", in, 2, true, Init.uniform(1f), 1);
        java.util.Arrays.fill(d1.weights(), -1f); // inputs in [0, 1]: every pre-activation is <= 0
        java.util.Arrays.fill(d1.bias(), 0f);
        Dense d2 = new Dense("d2", d1.outputShape(), 2, true, Init.uniform(1f), 2);
        SpikingNetwork ann = SpikingNetwork.builder(in, 1, 1f).add(d1).add(new Relu("r", d1.outputShape())).add(d2)
                .build();
        for (ConversionOptions o : new ConversionOptions[] {ConversionOptions.max(5), ConversionOptions.percentile(90, 5)}) {
            ConvertedNetwork c = AnnToSnn.convert(ann, AnnToSnnTest.randomImages(in, 5, 2), o);
            assertThat(c.scales()).containsExactly(1.0);
            DenseLayer l1 = (DenseLayer) c.layers().get(0);
            assertThat(l1.weights()).containsOnly(-1f);
        }
    }

    @Test
    void onlyTheFirstCalibrationSamplesCount() {
        SpikingNetwork ann = AnnToSnnTest.mlp();
        Samples cal = AnnToSnnTest.randomImages(ann.inputShape(), 40, 7);
        double one = AnnToSnn.convert(ann, cal, ConversionOptions.max(1)).scales()[0];
        double all = AnnToSnn.convert(ann, cal, ConversionOptions.max(40)).scales()[0];
        double more = AnnToSnn.convert(ann, cal, ConversionOptions.max(400)).scales()[0];
        assertThat(one).isLessThan(all);
        assertThat(more).isEqualTo(all);
        float[] first = AnnToSnnTest.logits(ann, cal, 0);
        assertThat(first).isNotEmpty();
    }

    @Test
    void theClassifierChecksItsArguments() {
        SpikingNetwork ann = AnnToSnnTest.mlp();
        Samples data = AnnToSnnTest.randomImages(ann.inputShape(), 4, 9);
        ConvertedNetwork c = AnnToSnn.convert(ann, data, ConversionOptions.max(4));
        assertThatThrownBy(() -> c.classifier(InputCoding.ANALOG, 0, 1)).hasMessage("steps must be >= 1, got 0");
        assertThatThrownBy(() -> c.classifier(null, 5, 1)).hasMessage("coding");
        SnnClassifier snn = c.classifier(InputCoding.ANALOG, 5, 1);
        assertThatThrownBy(() -> snn.classify(new float[5], new int[] {1}))
                .hasMessage("image must have 6 values, got 5");
        assertThatThrownBy(() -> snn.classify(new float[6], new int[] {0}))
                .hasMessage("checkpoints must be in [1, 5], got 0");
        assertThatThrownBy(() -> snn.classify(new float[6], new int[] {6}))
                .hasMessage("checkpoints must be in [1, 5], got 6");
        float[] img = AnnToSnnTest.image(data, ann.inputShape(), 0);
        int[] p = snn.classify(img, new int[] {1, 5});
        assertThat(p).hasSize(2);
        float[] r4 = snn.readout(4);
        assertThat(r4).hasSize(3);
        assertThat(snn.spikes()).isPositive();
        // the prediction at a checkpoint is the arg-max of the read-out at that step
        int best = 0;
        for (int j = 1; j < 3; j++) {
            if (r4[j] > r4[best]) {
                best = j;
            }
        }
        assertThat(p[1]).isEqualTo(best);
    }

    @Test
    void theTimeStepOnlyNamesTheUnitForAnalogAndPoissonInput() {
        // with 0.5 ms steps the read-out still estimates the ANN's logits per step: currents are scaled by 1 / dt
        SpikingNetwork ann = AnnToSnnTest.mlp();
        Samples data = AnnToSnnTest.randomImages(ann.inputShape(), 10, 9);
        ConvertedNetwork half = AnnToSnn.convert(ann, data, new ConversionOptions(Normalisation.MAX, 100, 10, 0.5f));
        int steps = 1000;
        SnnClassifier snn = half.classifier(InputCoding.ANALOG, steps, 1);
        for (int i = 0; i < 5; i++) {
            float[] want = AnnToSnnTest.logits(ann, data, i);
            snn.classify(AnnToSnnTest.image(data, ann.inputShape(), i), new int[] {steps});
            float[] v = snn.readout(steps - 1);
            float spread = 0;
            for (float x : want) {
                spread = Math.max(spread, Math.abs(x));
            }
            for (int j = 0; j < want.length; j++) {
                assertThat(v[j] / steps).as("sample %d class %d", i, j)
                        .isCloseTo(want[j], org.assertj.core.data.Offset.offset(0.03f * spread + 0.01f));
            }
        }
        // Poisson input at 0.5 ms: a pixel of intensity x fires with probability x per step, whatever the step
        SnnClassifier p = half.classifier(InputCoding.POISSON, 400, 3);
        float[] ones = new float[6];
        java.util.Arrays.fill(ones, 1f);
        p.classify(ones, new int[] {400});
        float[] none = new float[6];
        long before = p.synapticEvents();
        p.classify(none, new int[] {400});
        assertThat(p.synapticEvents() - before).as("no input spikes for a black image").isLessThan(before);
        // a read-out that never moves predicts the lowest class at every step; one step is enough
        SnnClassifier one = half.classifier(InputCoding.ANALOG, 1, 1);
        assertThat(one.classify(AnnToSnnTest.image(data, ann.inputShape(), 0), new int[] {1})).hasSize(1);
    }

    @Test
    void tiesGoToTheLowestClass() {
        Shape in = Shape.flat(3);
        Dense d1 = new Dense("d1", in, 2, true, Init.uniform(1f), 1);
        Dense d2 = new Dense("d2", d1.outputShape(), 3, true, Init.uniform(1f), 2);
        java.util.Arrays.fill(d2.weights(), 0f);
        java.util.Arrays.fill(d2.bias(), 0f);
        SpikingNetwork ann = SpikingNetwork.builder(in, 1, 1f).add(d1).add(new Relu("r", d1.outputShape())).add(d2)
                .build();
        Samples data = AnnToSnnTest.randomImages(in, 3, 5);
        ConvertedNetwork c = AnnToSnn.convert(ann, data, ConversionOptions.max(3));
        SnnClassifier snn = c.classifier(InputCoding.ANALOG, 10, 1);
        assertThat(snn.classify(AnnToSnnTest.image(data, in, 0), new int[] {1, 10})).containsExactly(0, 0);
        assertThat(snn.readout(9)).containsOnly(0f);
    }
}
