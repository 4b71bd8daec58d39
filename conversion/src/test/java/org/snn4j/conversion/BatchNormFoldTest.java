package org.snn4j.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.gradient.BatchNorm;
import org.snn4j.gradient.Conv2d;
import org.snn4j.gradient.Dense;
import org.snn4j.gradient.Flatten;
import org.snn4j.gradient.Init;
import org.snn4j.gradient.Layer;
import org.snn4j.gradient.Pass;
import org.snn4j.gradient.Pool2d;
import org.snn4j.gradient.Relu;
import org.snn4j.gradient.Samples;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.gradient.Workspace;

/** Batch norm folded into the layer before it: the same ANN outputs, and a converted network that works. */
class BatchNormFoldTest {

    private static void randomStatistics(BatchNorm bn, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int g = 0; g < bn.groups(); g++) {
            bn.gamma()[g] = (float) r.nextDouble(0.5, 1.5);
            bn.beta()[g] = (float) r.nextDouble(-0.3, 0.3);
            bn.runningMean()[g] = (float) r.nextDouble(-0.2, 0.2);
            bn.runningVar()[g] = (float) r.nextDouble(0.3, 2.0);
        }
    }

    /** conv (no bias) - BN - ReLU - avg pool - flatten - dense - BN - ReLU - dense. */
    static SpikingNetwork withBatchNorm() {
        Shape in = new Shape(1, 8, 8);
        SpikingNetwork.Builder b = SpikingNetwork.builder(in, 1, 1f);
        b.add(new Conv2d("c1", in, 3, 3, 1, 1, false, Init.uniform(1.5f), 4));
        BatchNorm bn1 = new BatchNorm("bn1", b.currentShape(), BatchNorm.Axis.CHANNEL);
        randomStatistics(bn1, 1);
        b.add(bn1).add(new Relu("r1", b.currentShape()));
        b.add(new Pool2d("p1", b.currentShape(), 2, Pool2d.Mode.AVERAGE));
        b.add(new Flatten("f", b.currentShape()));
        b.add(new Dense("d1", b.currentShape(), 12, true, Init.uniform(1.5f), 5));
        BatchNorm bn2 = new BatchNorm("bn2", b.currentShape(), BatchNorm.Axis.FEATURE);
        randomStatistics(bn2, 2);
        b.add(bn2).add(new Relu("r2", b.currentShape()));
        b.add(new Dense("d2", b.currentShape(), 4, true, Init.uniform(1.5f), 6));
        return b.build();
    }

    private static float[] out(SpikingNetwork net, Samples s, int i) {
        Workspace ws = net.newWorkspace();
        s.load(i, ws.input());
        return net.forward(ws, Pass.inference()).data().clone();
    }

    @Test
    void theFoldedAnnGivesTheSameOutputs() {
        SpikingNetwork ann = withBatchNorm();
        SpikingNetwork folded = AnnToSnn.foldBatchNorm(ann);
        assertThat(folded.layers()).hasSize(ann.layers().size() - 2);
        for (Layer l : folded.layers()) {
            assertThat(l).isNotInstanceOf(BatchNorm.class);
        }
        assertThat(((Conv2d) folded.layers().get(0)).bias()).as("a conv without bias gets one").isNotNull();
        Samples data = AnnToSnnTest.randomImages(ann.inputShape(), 30, 3);
        float spread = 0;
        for (int i = 0; i < 30; i++) {
            float[] want = out(ann, data, i);
            float[] got = out(folded, data, i);
            for (int j = 0; j < want.length; j++) {
                assertThat(got[j]).as("sample %d output %d", i, j).isCloseTo(want[j], within(1e-5f * (1 + Math.abs(want[j]))));
                spread = Math.max(spread, Math.abs(want[j]));
            }
        }
        assertThat(spread).as("the batch norms change the outputs").isGreaterThan(0.1f);
        assertThat(AnnToSnn.foldBatchNorm(AnnToSnnTest.mlp())).as("nothing to fold").isNotNull();
    }

    @Test
    void theConvertedNetworkOfABatchNormAnnFollowsItsLogits() {
        SpikingNetwork ann = withBatchNorm();
        Samples data = AnnToSnnTest.randomImages(ann.inputShape(), 20, 9);
        ConvertedNetwork c = AnnToSnn.convert(ann, data, ConversionOptions.max(20));
        assertThat(c.layers()).hasSize(4);            // c1, p1, d1, d2
        int steps = 2000;
        SnnClassifier snn = c.classifier(InputCoding.ANALOG, steps, 1);
        int agree = 0;
        for (int i = 0; i < 20; i++) {
            float[] want = out(ann, data, i);
            int[] p = snn.classify(AnnToSnnTest.image(data, ann.inputShape(), i), new int[] {steps});
            float[] v = snn.readout(steps - 1);
            float spread = 0;
            for (float w : want) {
                spread = Math.max(spread, Math.abs(w));
            }
            int best = 0;
            for (int j = 0; j < want.length; j++) {
                assertThat(v[j] / steps).as("sample %d class %d", i, j).isCloseTo(want[j], within(0.03f * spread + 0.01f));
                best = want[j] > want[best] ? j : best;
            }
            agree += p[0] == best ? 1 : 0;
        }
        assertThat(agree).isGreaterThanOrEqualTo(18);
    }

    @Test
    void batchNormsThatCannotBeFoldedAreRefusedByName() {
        Shape in = new Shape(1, 6, 6);
        SpikingNetwork afterRelu = SpikingNetwork.builder(in, 1, 1f)
                .add(new Conv2d("c", in, 2, 3, 1, 1, true, Init.uniform(1f), 1))
                .add(new Relu("r", new Shape(2, 6, 6)))
                .add(new BatchNorm("bn", new Shape(2, 6, 6), BatchNorm.Axis.CHANNEL)).build();
        assertThatThrownBy(() -> AnnToSnn.foldBatchNorm(afterRelu))
                .hasMessageContaining("layer bn (BatchNorm)").hasMessageContaining("follows r (Relu)");
        SpikingNetwork perPosition = SpikingNetwork.builder(in, 1, 1f)
                .add(new Conv2d("c", in, 2, 3, 1, 1, true, Init.uniform(1f), 1))
                .add(new BatchNorm("bn", new Shape(2, 6, 6), BatchNorm.Axis.FEATURE)).build();
        assertThatThrownBy(() -> AnnToSnn.foldBatchNorm(perPosition))
                .hasMessageContaining("layer bn (BatchNorm)").hasMessageContaining("Axis.CHANNEL");
    }
}
