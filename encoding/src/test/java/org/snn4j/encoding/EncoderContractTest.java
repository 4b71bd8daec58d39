package org.snn4j.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.SpikeSource;
import org.snn4j.Spikes;

/** What every {@link Encoder} promises: size = output shape, indices in range, replayable sources. */
class EncoderContractTest {

    static <I> void checkContract(Encoder<I> enc, I input, long seed) {
        SpikeSource a = enc.encode(input, new SplittableRandom(seed));
        SpikeSource b = enc.encode(input, new SplittableRandom(seed));
        assertThat(a.size()).isEqualTo(enc.outputShape().size());
        assertThat(a.steps()).isPositive().isEqualTo(b.steps());
        Spikes s1 = new Spikes(a.size());
        Spikes s2 = new Spikes(a.size());
        Spikes again = new Spikes(a.size());
        for (int t = 0; t < a.steps(); t++) {
            s1.clear();
            s2.clear();
            again.clear();
            a.emit(t, s1);
            b.emit(t, s2);
            a.emit(t, again); // replayable
            assertThat(s1.toSortedArray()).containsExactly(s2.toSortedArray());
            assertThat(again.toSortedArray()).containsExactly(s1.toSortedArray());
            for (int k = 0; k < s1.count(); k++) {
                assertThat(s1.get(k)).isBetween(0, a.size() - 1);
            }
        }
    }

    @Test
    void allEncodersKeepTheContract() {
        Shape shape = new Shape(2, 3, 4);
        float[] x = new float[shape.size()];
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(3) == 0 ? 0f : (float) r.nextDouble(0, 255);
        }
        FeatureMaps maps = FeatureMaps.wrap(shape, x);
        checkContract(RankOrder.equalCount(5).encoder(shape), maps, 1);
        checkContract(RankOrder.intensityLevels(16, 255f).keepFirst(8).encoder(shape), maps, 1);
        checkContract(new PoissonEncoder(300, 50, 1, 255).encoder(shape), maps, 1);
        float[] digit = new float[28 * 28];
        for (int y = 6; y < 22; y++) {
            digit[y * 28 + 13] = 255f;
            digit[y * 28 + 14] = 128f;
        }
        checkContract(MozafariEncoder.mozafari2019(), FloatImage.wrap(28, 28, digit), 1);
        checkContract(MozafariEncoder.kheradpisheh2018(), FloatImage.wrap(28, 28, digit), 1);
    }
}
