package org.snn4j.encoding.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.encoding.FeatureMaps;
import org.snn4j.encoding.FloatImage;

class FilterTest {

    /** Plain gather cross-correlation with the SpykeTorch convention (small kernels centred in K x K). */
    static float[] naive(List<Kernel> ks, int p, float th, float[] in, int h, int w) {
        int kmax = 0;
        for (Kernel k : ks) {
            kmax = Math.max(kmax, k.size());
        }
        int ho = h + 2 * p - kmax + 1;
        int wo = w + 2 * p - kmax + 1;
        float[] out = new float[ks.size() * ho * wo];
        for (int c = 0; c < ks.size(); c++) {
            Kernel k = ks.get(c);
            int off = (kmax - k.size()) / 2;
            for (int y = 0; y < ho; y++) {
                for (int x = 0; x < wo; x++) {
                    double acc = 0;
                    for (int i = 0; i < k.size(); i++) {
                        for (int j = 0; j < k.size(); j++) {
                            int iy = y + i + off - p;
                            int ix = x + j + off - p;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                acc += k.weight(i, j) * (double) in[iy * w + ix];
                            }
                        }
                    }
                    float v = (float) acc;
                    out[(c * ho + y) * wo + x] = v < th ? 0f : v;
                }
            }
        }
        return out;
    }

    @Property(seed = "42", tries = 60)
    void scatterConvolutionEqualsGather(@ForAll @LongRange(min = 0, max = 1 << 20) long seed,
                                        @ForAll @IntRange(min = 1, max = 20) int h,
                                        @ForAll @IntRange(min = 1, max = 20) int w,
                                        @ForAll @IntRange(min = 0, max = 7) int p) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] in = new float[h * w];
        for (int i = 0; i < in.length; i++) {
            in[i] = r.nextInt(3) == 0 ? 0f : (float) r.nextDouble(-50, 255);
        }
        float[] wts = new float[9];
        for (int i = 0; i < 9; i++) {
            wts[i] = (float) r.nextDouble(-1, 1); // asymmetric: catches a flipped kernel
        }
        List<Kernel> ks = List.of(Kernel.of(3, wts), Kernel.dog(7, 1, 2), Kernel.of(1, new float[] {2f}));
        // too-small inputs are checked exhaustively by imagesSmallerThanTheLargestKernelAreRefused
        Assume.that(h + 2 * p - 7 + 1 >= 1 && w + 2 * p - 7 + 1 >= 1);
        FeatureMaps out = new Convolution(ks, p).apply(FloatImage.wrap(w, h, in).asMaps());
        float[] ref = naive(ks, p, Float.NEGATIVE_INFINITY, in, h, w);
        assertThat(out.data()).hasSize(ref.length);
        for (int i = 0; i < ref.length; i++) {
            assertThat(out.data()[i]).isCloseTo(ref[i], within(1e-3f + 1e-5f * Math.abs(ref[i])));
        }
    }

    @Test
    void imagesSmallerThanTheLargestKernelAreRefused() {
        List<Kernel> ks = List.of(Kernel.of(3, new float[9]), Kernel.dog(7, 1, 2));
        int refused = 0;
        for (int p = 0; p <= 3; p++) {
            for (int h = 1; h <= 7; h++) {
                for (int w = 1; w <= 7; w++) {
                    FloatImage img = FloatImage.wrap(w, h, new float[h * w]);
                    Convolution conv = new Convolution(ks, p);
                    if (h + 2 * p < 7 || w + 2 * p < 7) {
                        refused++;
                        assertThatThrownBy(() -> conv.apply(img.asMaps())).as("%dx%d, padding %d", h, w, p)
                                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too small");
                    } else {
                        FeatureMaps out = conv.apply(img.asMaps());
                        assertThat(out.data()).hasSize(2 * (h + 2 * p - 6) * (w + 2 * p - 6));
                    }
                }
            }
        }
        assertThat(refused).isEqualTo(48 + 40 + 24); // padding 0, 1, 2 (3 fits every size)
    }

    @Test
    void deltaImageGivesTheKernelRotated180() {
        // cross-correlation: a single 1 at (2, 2) of a 5x5 image gives out(y, x) = k(2 - y + 1, 2 - x + 1)
        float[] wts = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] in = new float[25];
        in[2 * 5 + 2] = 1f;
        FeatureMaps out = new Convolution(List.of(Kernel.of(3, wts)), 1).apply(FloatImage.wrap(5, 5, in).asMaps());
        assertThat(out.get(0, 1, 1)).isEqualTo(9f);
        assertThat(out.get(0, 1, 3)).isEqualTo(7f);
        assertThat(out.get(0, 3, 1)).isEqualTo(3f);
        assertThat(out.get(0, 2, 2)).isEqualTo(5f);
    }

    @Test
    void thresholdKeepsValuesAtOrAboveIt() {
        float[] in = {49f, 50f, 51f, -3f};
        FeatureMaps out = new Convolution(List.of(Kernel.of(1, new float[] {1f})), 0, 50f)
                .apply(FloatImage.wrap(4, 1, in).asMaps());
        assertThat(out.data()).containsExactly(0f, 50f, 51f, 0f);
        assertThat(new Threshold(50f).apply(FloatImage.wrap(4, 1, in).asMaps()).data()).containsExactly(0f, 50f, 51f, 0f);
    }

    @Test
    void mozafariShapes() {
        Convolution dog = DogBanks.mozafariFilter();
        assertThat(dog.outputShape(new Shape(1, 28, 28))).isEqualTo(new Shape(6, 28, 28));
        assertThat(DogBanks.kheradpishehFilter().outputShape(new Shape(1, 28, 28))).isEqualTo(new Shape(2, 28, 28));
        assertThatThrownBy(() -> dog.outputShape(new Shape(2, 28, 28)))
                .hasMessage("Convolution expects 1 input channel, got 2x28x28");
    }

    @Test
    void localNormalizationOfAConstantImage() {
        int r = 8;
        float c = 7f;
        float[] in = new float[40 * 40];
        java.util.Arrays.fill(in, c);
        FeatureMaps out = LocalNormalization.mozafari().apply(FloatImage.wrap(40, 40, in).asMaps());
        // interior: the whole 17x17 window is inside: c / c = 1
        assertThat(out.get(0, 20, 20)).isCloseTo(1f, within(1e-6f));
        // corner: (r+1)^2 = 81 of 289 pixels are inside: c / (81 c / 289) = 289 / 81
        assertThat(out.get(0, 0, 0)).isCloseTo(289f / 81f, within(1e-5f));
        // edge middle: 9 x 17 inside
        assertThat(out.get(0, 0, 20)).isCloseTo(289f / (9f * 17f), within(1e-5f));
        assertThat(r).isEqualTo(LocalNormalization.mozafari().radius());
    }

    @Property(seed = "5", tries = 40)
    void localNormalizationEqualsNaive(@ForAll @LongRange(min = 0, max = 1 << 20) long seed,
                                       @ForAll @IntRange(min = 0, max = 5) int radius) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Shape s = new Shape(2, 1 + rnd.nextInt(12), 1 + rnd.nextInt(12));
        float[] in = new float[s.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = rnd.nextInt(2) == 0 ? 0f : (float) rnd.nextDouble(1, 100);
        }
        FeatureMaps out = new LocalNormalization(radius).apply(FeatureMaps.wrap(s, in));
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < s.height(); y++) {
                for (int x = 0; x < s.width(); x++) {
                    double sum = 0;
                    for (int yy = y - radius; yy <= y + radius; yy++) {
                        for (int xx = x - radius; xx <= x + radius; xx++) {
                            if (yy >= 0 && yy < s.height() && xx >= 0 && xx < s.width()) {
                                sum += in[s.index(c, yy, xx)];
                            }
                        }
                    }
                    float v = in[s.index(c, y, x)];
                    double expect = v == 0 ? 0 : v / (sum / ((2 * radius + 1) * (2 * radius + 1)));
                    assertThat((double) out.get(c, y, x)).isCloseTo(expect, within(1e-5 * Math.max(1, expect)));
                }
            }
        }
    }

    @Test
    void zeroPad() {
        FeatureMaps in = FeatureMaps.wrap(new Shape(2, 1, 2), new float[] {1, 2, 3, 4});
        FeatureMaps out = new ZeroPad(1, 0, 0, 2).apply(in);
        assertThat(out.shape()).isEqualTo(new Shape(2, 2, 4));
        assertThat(out.data()).containsExactly(0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 3, 4, 0, 0);
        assertThat(ZeroPad.of(2).outputShape(new Shape(1, 28, 28))).isEqualTo(new Shape(1, 32, 32));
        assertThatThrownBy(() -> new ZeroPad(0, -1, 0, 0)).hasMessage("bottom must be >= 0, got -1");
    }

    @Test
    void downsampleIsAnAreaAverage() {
        float[] px = new float[16];
        for (int i = 0; i < 16; i++) {
            px[i] = i;
        }
        FeatureMaps out = new Downsample(2, 2).apply(FloatImage.wrap(4, 4, px).asMaps());
        // block means of 0 1 4 5 = 2.5, 2 3 6 7 = 4.5, ...
        assertThat(out.data()).containsExactly(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, within(1e-6f));
        // 3 -> 2 columns: weights (2/3, 1/3) and (1/3, 2/3)
        FeatureMaps row = new Downsample(1, 2).apply(FloatImage.wrap(3, 1, new float[] {3, 6, 9}).asMaps());
        assertThat(row.data()).containsExactly(new float[] {4f, 8f}, within(1e-5f));
        // mean preserved: 28x28 random to 64x64 and to 10x10
        SplittableRandom r = new SplittableRandom(1);
        float[] img = new float[28 * 28];
        double mean = 0;
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) r.nextDouble(0, 255);
            mean += img[i];
        }
        mean /= img.length;
        for (int size : new int[] {10, 64}) {
            FeatureMaps d = new Downsample(size, size).apply(FloatImage.wrap(28, 28, img).asMaps());
            double m = 0;
            for (float v : d.data()) {
                m += v;
            }
            assertThat(m / d.data().length).isCloseTo(mean, within(1e-3));
        }
        assertThatThrownBy(() -> new Downsample(0, 4)).hasMessage("height must be >= 1, got 0");
    }

    @Test
    void filtersCompose() {
        MapFilter chain = DogBanks.mozafariFilter().then(LocalNormalization.mozafari()).then(ZeroPad.of(2));
        assertThat(chain.outputShape(new Shape(1, 28, 28))).isEqualTo(new Shape(6, 32, 32));
        FeatureMaps out = chain.apply(FeatureMaps.zeros(new Shape(1, 28, 28)));
        assertThat(out.shape()).isEqualTo(new Shape(6, 32, 32));
        assertThat(out.countNonZero()).isZero();
    }
}
