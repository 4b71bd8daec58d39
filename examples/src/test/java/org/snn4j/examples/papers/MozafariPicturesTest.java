package org.snn4j.examples.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.encoding.filter.DogBanks;
import org.snn4j.encoding.filter.Kernel;

/** The feature reconstructions of {@link MozafariPictures} against hand-computed cases. */
class MozafariPicturesTest {

    @Test
    void aSingleConv1WeightReconstructsItsDogKernelAtItsOffset() {
        List<Kernel> dog = DogBanks.mozafari();
        int side = MozafariPictures.conv1Side(dog);
        assertThat(side).isEqualTo(5 + 13 - 1);
        // map 1 of 2: one weight 2.0 on channel 2 (the 7x7 ON kernel) at tap (y, x) = (1, 3)
        float[] w = new float[2 * 6 * 25];
        w[((6 + 2) * 5 + 1) * 5 + 3] = 2f;
        float[] f = MozafariPictures.conv1Features(w, 2, dog);
        Kernel k = dog.get(2);
        int off = (13 - 7) / 2;
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                int ki = i - 1 - off;
                int kj = j - 3 - off;
                float expected = ki >= 0 && ki < 7 && kj >= 0 && kj < 7 ? 2f * k.weights()[ki * 7 + kj] : 0f;
                assertThat(f[(side + i) * side + j]).as("(%d, %d)", i, j).isCloseTo(expected, within(1e-6f));
                assertThat(f[i * side + j]).as("map 0 has no weights").isZero();
            }
        }
    }

    @Test
    void aConv2TapSpreadsItsConv1FeatureOverThePoolWindow() {
        int s1 = 3;
        float[] f1 = {0, 0, 0, 0, 4, 0, 0, 0, 0}; // one conv1 map: a single 4 in the centre
        float[] w = new float[9];
        w[2 * 3 + 1] = 1f; // tap (2, 1)
        float[] f2 = MozafariPictures.conv2Features(w, 1, 1, f1, s1);
        int side = s1 + 5;
        double sum = 0;
        for (float v : f2) {
            sum += v;
        }
        assertThat(sum).isCloseTo(4.0, within(1e-6));
        // the centre (1, 1) of the conv1 picture lands at (2*2 + dy + 1, 2*1 + dx + 1) for dy, dx in {0, 1}
        for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
                assertThat(f2[(5 + dy) * side + 3 + dx]).isEqualTo(1f);
            }
        }
    }
}
