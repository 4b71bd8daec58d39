package org.snn4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.conversion.AnnToSnn;
import org.snn4j.conversion.ConversionOptions;
import org.snn4j.conversion.ConvertedNetwork;
import org.snn4j.conversion.InputCoding;
import org.snn4j.conversion.SnnClassifier;
import org.snn4j.gradient.Conv2d;
import org.snn4j.gradient.Dense;
import org.snn4j.gradient.Flatten;
import org.snn4j.gradient.Init;
import org.snn4j.gradient.Pool2d;
import org.snn4j.gradient.Relu;
import org.snn4j.gradient.Samples;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.gradient.Tensor;

/** The snippets of docs/conversion.md. */
class ConversionGuideTest {

    static Samples images(int n) {
        float[][] x = new float[n][64];
        SplittableRandom r = new SplittableRandom(1);
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
                System.arraycopy(x[i], 0, into.data(), 0, 64);
                into.markDense();
            }
        };
    }

    @Test
    void convert() {
        Samples trainingData = images(50);
        float[] image = new float[64];
        java.util.Arrays.fill(image, 0.5f);
        // tag::conversion[]
        // an ANN: one time step, ReLU instead of spiking neurons (train it with org.snn4j.gradient.Trainer)
        Shape in = new Shape(1, 8, 8);
        SpikingNetwork.Builder b = SpikingNetwork.builder(in, 1, 1f);
        b.add(new Conv2d("conv", in, 4, 3, 1, 1, true, Init.uniform(1f), 1));
        b.add(new Relu("relu", b.currentShape()));
        b.add(new Pool2d("pool", b.currentShape(), 2, Pool2d.Mode.AVERAGE));
        b.add(new Flatten("flat", b.currentShape()));
        b.add(new Dense("fc", b.currentShape(), 10, true, Init.uniform(1f), 2));
        SpikingNetwork ann = b.build();

        ConvertedNetwork snn = AnnToSnn.convert(ann, trainingData,
                ConversionOptions.percentile(99.9, 1000));      // lambda per layer from training activations
        SnnClassifier classifier = snn.classifier(InputCoding.ANALOG, 64, 1);  // 64 steps, seed 1
        int[] predicted = classifier.classify(image, new int[] {16, 32, 64});  // the class after 16, 32, 64 steps
        // end::conversion[]
        assertThat(predicted).hasSize(3);
        assertThat(snn.layers()).hasSize(3);
        assertThat(classifier.synapticEvents()).isPositive();
    }
}
