package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.Shape;
import org.snn4j.competition.ThresholdAdaptation;
import org.snn4j.io.Codec;
import org.snn4j.io.ModelFileException;
import org.snn4j.io.Persistent;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.LearningRule;
import org.snn4j.layer.SparseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;

/**
 * {@link NetworkFile#readInto}: each structural check between the saved network and the target (name, class,
 * weight count at equal shapes, recurrent weights on one side only, saved threshold offsets the target cannot
 * keep) is a typed mismatch naming the layer, and the copy writes recurrent weights and zeroes offsets the
 * file does not have; also from a file, and the hint for a learning rule of the learning module read without
 * its codecs. Written after the session 7 whole-core PIT run (issue 17).
 */
class NetworkFileCopyTest {
    static final PerfectIf IF = new PerfectIf(PerfectIfParameters.of(1f));

    static Network dense(String name, boolean recurrent, boolean adapt, long seed) {
        DenseLayer.Builder b = DenseLayer.builder(name, Shape.flat(4), 3).weights(WeightInit.uniform(0f, 1f, seed))
                .neurons(IF);
        if (recurrent) {
            b.recurrent(WeightInit.uniform(-1f, 0f, seed + 1));
        }
        Network.Builder n = Network.builder(Shape.flat(4), 1f).add(b.build());
        if (adapt) {
            n.compete(name, new ThresholdAdaptation(0.1f, 100f, 0f));
        }
        return n.build();
    }

    static ModelFileException mismatch(byte[] bytes, Network target) {
        ModelFileException e = catchThrowableOfType(ModelFileException.class, () -> NetworkFile.readInto(bytes, target));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.MISMATCH);
        return e;
    }

    @Test
    void aLayerOfAnotherNameOrClassIsAMismatch() {
        byte[] bytes = NetworkFile.toBytes(dense("a", false, false, 1));
        ModelFileException e = mismatch(bytes, dense("b", false, false, 1));
        assertThat(e.field()).isEqualTo("layer 0 (b)");
        assertThat(e.detail()).isEqualTo("saved DenseLayer 'a', target DenseLayer 'b'");
        Network sparse = Network.builder(Shape.flat(4), 1f).add(SparseLayer.fromCsr("a", Shape.flat(4), Shape.flat(3),
                new int[] {0, 1, 1, 1, 1}, new int[] {2}, new float[] {1f}, IF)).build();
        e = mismatch(bytes, sparse);
        assertThat(e.detail()).isEqualTo("saved DenseLayer 'a', target SparseLayer 'a'");
    }

    @Test
    void equalShapesWithAnotherWeightCountAreAMismatch() {
        Shape in = new Shape(1, 6, 6);
        Conv2dLayer k3 = Conv2dLayer.builder("c", in, 2, 3, 3).neurons(IF).build();
        Conv2dLayer k5 = Conv2dLayer.builder("c", in, 2, 5, 5).padding(1).neurons(IF).build();
        assertThat(k5.outputShape()).isEqualTo(k3.outputShape());
        byte[] bytes = NetworkFile.toBytes(Network.builder(in, 1f).add(k3).build());
        ModelFileException e = mismatch(bytes, Network.builder(in, 1f).add(k5).build());
        assertThat(e.field()).isEqualTo("layer 0 (c)");
        assertThat(e.detail()).isEqualTo("saved 18 weights, target 50");
    }

    @Test
    void recurrentWeightsOrOffsetsOnOneSideOnlyAreAMismatch() {
        assertThat(mismatch(NetworkFile.toBytes(dense("a", true, false, 1)), dense("a", false, false, 1)).detail())
                .isEqualTo("recurrent weights in only one of saved and target");
        assertThat(mismatch(NetworkFile.toBytes(dense("a", false, false, 1)), dense("a", true, false, 1)).detail())
                .isEqualTo("recurrent weights in only one of saved and target");
        assertThat(mismatch(NetworkFile.toBytes(dense("a", false, true, 1)), dense("a", false, false, 1)).detail())
                .isEqualTo("saved threshold offsets, but no component of the target layer keeps them");
    }

    @Test
    void recurrentWeightsAreCopiedAndOffsetsTheFileLacksAreZeroed(@TempDir Path dir) throws IOException {
        Network saved = dense("a", true, false, 1);
        Network target = dense("a", true, true, 5);
        target.thresholdOffsets(0)[2] = 4f;
        DenseLayer t = (DenseLayer) target.layer(0);
        DenseLayer s = (DenseLayer) saved.layer(0);
        assertThat(t.weightsCopy()).isNotEqualTo(s.weightsCopy());
        NetworkFile.readInto(NetworkFile.toBytes(saved), target);
        assertThat(t.weightsCopy()).isEqualTo(s.weightsCopy());
        assertThat(t.recurrentWeights()).isEqualTo(s.recurrentWeights());
        assertThat(target.thresholdOffsets(0)).containsExactly(0f, 0f, 0f);

        Path file = dir.resolve("net.snn4j");
        NetworkFile.write(dense("a", true, false, 9), file);
        NetworkFile.readInto(file, target);
        assertThat(t.weightsCopy()).isEqualTo(((DenseLayer) dense("a", true, false, 9).layer(0)).weightsCopy());
    }

    /** A rule whose codec claims the learning module's name space. */
    record Foreign() implements LearningRule, Persistent {
        static final Codec<Foreign> CODEC = Codec.of("snn4j.learning.Foreign", Foreign.class, (c, out) -> { },
                in -> new Foreign());

        @Override
        public Codec<?> codec() {
            return CODEC;
        }
    }

    @Test
    void aLearningModuleSectionReadWithoutItsCodecsSaysWhereTheyAre() throws ModelFileException {
        Network net = Network.builder(Shape.flat(4), 1f).add(dense("a", false, false, 1).layer(0))
                .learn("a", new Foreign()).build();
        byte[] bytes = NetworkFile.toBytes(net);
        ModelFileException e = catchThrowableOfType(ModelFileException.class, () -> NetworkFile.fromBytes(bytes));
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.UNKNOWN_SECTION);
        assertThat(e.detail()).contains("'snn4j.learning.Foreign'")
                .endsWith(" (snn4j's learning rules: org.snn4j.learning.LearningCodecs.all())");
        assertThat(NetworkFile.fromBytes(bytes, List.of(Foreign.CODEC)).learningRule(0)).isEqualTo(new Foreign());
    }
}
