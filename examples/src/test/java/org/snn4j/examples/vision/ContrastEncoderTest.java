package org.snn4j.examples.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Spikes;
import org.snn4j.encoding.FeatureMaps;
import org.snn4j.encoding.FloatImage;
import org.snn4j.encoding.filter.Kernel;

class ContrastEncoderTest {

    private static FloatImage dot(int size, int x, int y, float v) {
        float[] px = new float[size * size];
        px[y * size + x] = v;
        return FloatImage.wrap(size, size, px);
    }

    @Test
    void brightDotGivesOnCentreAndOffSurroundWithKernelWeights() {
        ContrastEncoder enc = new ContrastEncoder(255f, 256);
        FeatureMaps m = enc.contrast(dot(64, 30, 20, 100f));
        assertThat(m.shape()).isEqualTo(ContrastEncoder.SHAPE);
        Kernel on = Kernel.mexicanHatPair()[0];
        // cross-correlation of a single dot: out(y, x) = k(20 - y + 2, 30 - x + 2) * 100
        assertThat(m.get(0, 20, 30)).isEqualTo(100f * on.weight(2, 2), org.assertj.core.api.Assertions.within(1e-3f));
        assertThat(m.get(0, 20, 30)).isEqualTo(100f, org.assertj.core.api.Assertions.within(1e-3f));
        assertThat(m.get(1, 20, 30)).isEqualTo(-100f, org.assertj.core.api.Assertions.within(1e-3f));
        assertThat(m.get(0, 20, 32)).isEqualTo(100f * on.weight(2, 0), org.assertj.core.api.Assertions.within(1e-3f));
        assertThat(m.get(1, 20, 32)).isGreaterThan(0f); // OFF responds around a bright dot
        assertThat(m.get(0, 40, 10)).isZero();
    }

    @Test
    void brightestContrastFiresFirstAndOnlyPositiveContrastFires() {
        ContrastEncoder enc = new ContrastEncoder(255f, 256);
        FloatImage img = dot(64, 30, 20, 100f);
        EventSource src = enc.encode(img);
        assertThat(src.steps()).isEqualTo(256);
        assertThat(src.size()).isEqualTo(VisionParameters.INPUTS);
        // ON centre: contrast 100 -> level floor(100 * 256 / 255) = 100 -> step 255 - 100
        int centre = 20 * 64 + 30;
        Spikes s = new Spikes(src.size());
        int firstStep = -1;
        int total = 0;
        for (int t = 0; t < src.steps(); t++) {
            s.clear();
            src.emit(t, s);
            if (s.count() > 0 && firstStep < 0) {
                firstStep = t;
                assertThat(s.contains(centre)).isTrue();
            }
            total += s.count();
        }
        assertThat(firstStep).isEqualTo(155);
        FeatureMaps m = enc.contrast(img);
        int positive = 0;
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            if (d[i] > 0f) {
                positive++;
            }
        }
        assertThat(total).isEqualTo(positive).isGreaterThan(1);
    }

    @Test
    void keepBinsDropsLaterBinsAndLargeImagesAreDownsampled() {
        ContrastEncoder enc = new ContrastEncoder(255f, 10);
        assertThat(enc.steps()).isEqualTo(10);
        float[] px = new float[128 * 128];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i / 128 / 16 + i % 128 / 16) % 2 == 0 ? 255f : 0f; // checkerboard of 16 px squares
        }
        FeatureMaps m = enc.contrast(FloatImage.wrap(128, 128, px));
        assertThat(m.shape()).isEqualTo(ContrastEncoder.SHAPE);
        assertThat(m.countNonZero()).isGreaterThan(0);
    }

    @Test
    void rejectsWrongShapes() {
        ContrastEncoder enc = new ContrastEncoder(255f, 256);
        assertThatThrownBy(() -> enc.encode(FeatureMaps.zeros(new org.snn4j.Shape(1, 64, 64))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2x64x64");
        assertThatThrownBy(() -> new ContrastEncoder(255f, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
