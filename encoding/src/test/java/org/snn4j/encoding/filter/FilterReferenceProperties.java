package org.snn4j.encoding.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.encoding.FeatureMaps;
import org.snn4j.encoding.FloatImage;

/**
 * The filters against plain restatements of their definitions with non-trivial parameters (issue 17, pattern 1):
 * convolution banks with ON/OFF pairs of one size (the paired scatter), singles between them and a threshold;
 * area-average resampling both shrinking and enlarging, several channels; local normalisation with a large
 * {@code eps} and an all-zero channel; asymmetric zero padding.
 */
class FilterReferenceProperties {

    @Property(seed = "17", tries = 60)
    void convolutionBanksWithPairsEqualTheGather(@ForAll @LongRange(min = 0, max = 1 << 20) long seed,
                                                 @ForAll @IntRange(min = 0, max = 3) int p) {
        SplittableRandom r = new SplittableRandom(seed);
        // channel sizes: pairs and singles in a random order, the largest kernel 5
        int[][] layouts = {{3, 3, 5, 5}, {1, 3, 3, 1}, {5, 5, 1, 1, 3}, {3, 5, 5, 3, 3}, {5, 3, 1}};
        int[] sizes = layouts[r.nextInt(layouts.length)];
        List<Kernel> ks = new ArrayList<>();
        for (int k : sizes) {
            float[] w = new float[k * k];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) r.nextDouble(-1, 1);
            }
            ks.add(Kernel.of(k, w));
        }
        int kmax = 0;
        for (int k : sizes) {
            kmax = Math.max(kmax, k);
        }
        int h = Math.max(1, kmax - 2 * p) + r.nextInt(9);
        int w = Math.max(1, kmax - 2 * p) + r.nextInt(9);
        float[] in = new float[h * w];
        for (int i = 0; i < in.length; i++) {
            in[i] = r.nextInt(3) == 0 ? 0f : (float) r.nextDouble(-20, 100);
        }
        float th = r.nextBoolean() ? Float.NEGATIVE_INFINITY : (float) r.nextDouble(-10, 30);
        Convolution conv = new Convolution(ks, p, th);
        FeatureMaps out = conv.apply(FloatImage.wrap(w, h, in).asMaps());
        float[] raw = FilterTest.naive(ks, p, Float.NEGATIVE_INFINITY, in, h, w);
        assertThat(out.shape()).isEqualTo(new Shape(sizes.length, h + 2 * p - kmax + 1, w + 2 * p - kmax + 1));
        assertThat(out.data()).hasSize(raw.length);
        for (int i = 0; i < raw.length; i++) {
            float tol = 1e-3f + 1e-5f * Math.abs(raw[i]);
            if (Math.abs(raw[i] - th) <= tol) {
                continue; // within rounding of the threshold: either side is right
            }
            float expect = raw[i] < th ? 0f : raw[i];
            assertThat(out.data()[i]).as("index %d", i).isCloseTo(expect, within(tol));
        }
        assertThat(conv.kernels()).isEqualTo(ks);
        assertThat(conv.padding()).isEqualTo(p);
        assertThat(conv.threshold()).isEqualTo(th);
    }

    @Test
    void convolutionDescribesItselfAndChecksItsArguments() {
        List<Kernel> ks = List.of(Kernel.of(1, new float[] {2f}));
        assertThat(new Convolution(ks, 2).toString()).isEqualTo("Convolution[Kernel1x1] padding 2");
        assertThat(new Convolution(ks, 0, 1.5f).toString()).isEqualTo("Convolution[Kernel1x1] padding 0 threshold 1.5");
        assertThatThrownBy(() -> new Convolution(List.of(), 0))
                .hasMessage("kernels must not be empty");
        assertThatThrownBy(() -> new Convolution(ks, -1))
                .hasMessage("padding must be >= 0, got -1");
        assertThatThrownBy(() -> new Convolution(ks, 0, Float.NaN))
                .hasMessage("threshold must not be NaN");
        // a threshold at a value: kept; just below it: zeroed
        float[] in = {3f, Math.nextDown(3f), 0f, 7f};
        FeatureMaps out = new Convolution(ks, 0, 6f).apply(FloatImage.wrap(4, 1, in).asMaps());
        assertThat(out.data()).containsExactly(6f, 0f, 0f, 14f);
    }

    /** Length of the overlap of [a0, a1) and [b0, b1). */
    private static double overlap(double a0, double a1, double b0, double b1) {
        return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
    }

    @Property(seed = "23", tries = 80)
    void downsampleIsTheAreaIntegral(@ForAll @IntRange(min = 1, max = 11) int hi, @ForAll @IntRange(min = 1, max = 11) int wi,
                                     @ForAll @IntRange(min = 1, max = 11) int ho, @ForAll @IntRange(min = 1, max = 11) int wo,
                                     @ForAll @LongRange(min = 0, max = 1 << 20) long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int channels = 1 + r.nextInt(3);
        Shape s = new Shape(channels, hi, wi);
        float[] in = new float[s.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) r.nextDouble(-5, 50);
        }
        FeatureMaps out = new Downsample(ho, wo).apply(FeatureMaps.wrap(s, in));
        assertThat(out.shape()).isEqualTo(new Shape(channels, ho, wo));
        double sy = (double) hi / ho;
        double sx = (double) wi / wo;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < ho; y++) {
                for (int x = 0; x < wo; x++) {
                    double acc = 0;
                    for (int i = 0; i < hi; i++) {
                        for (int j = 0; j < wi; j++) {
                            double a = overlap(y * sy, (y + 1) * sy, i, i + 1) * overlap(x * sx, (x + 1) * sx, j, j + 1);
                            acc += a * in[s.index(c, i, j)];
                        }
                    }
                    double expect = acc / (sy * sx);
                    assertThat((double) out.get(c, y, x)).as("(%d, %d, %d)", c, y, x)
                            .isCloseTo(expect, within(1e-4 * (1 + Math.abs(expect))));
                }
            }
        }
    }

    @Property(seed = "29", tries = 40)
    void localNormalizationWithALargeEps(@ForAll @LongRange(min = 0, max = 1 << 20) long seed,
                                         @ForAll @IntRange(min = 0, max = 4) int radius) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float eps = (float) rnd.nextDouble(0.25, 4);
        Shape s = new Shape(3, 1 + rnd.nextInt(9), 1 + rnd.nextInt(9));
        float[] in = new float[s.size()];
        int blank = rnd.nextInt(3);
        for (int i = 0; i < in.length; i++) {
            boolean zero = i / (s.height() * s.width()) == blank || rnd.nextInt(3) == 0;
            in[i] = zero ? 0f : (float) rnd.nextDouble(0.5, 20);
        }
        LocalNormalization ln = new LocalNormalization(radius, eps);
        FeatureMaps out = ln.apply(FeatureMaps.wrap(s, in));
        assertThat(ln.outputShape(s)).isEqualTo(s);
        double area = (2.0 * radius + 1) * (2.0 * radius + 1);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < s.height(); y++) {
                for (int x = 0; x < s.width(); x++) {
                    double sum = 0;
                    for (int yy = Math.max(0, y - radius); yy <= Math.min(s.height() - 1, y + radius); yy++) {
                        for (int xx = Math.max(0, x - radius); xx <= Math.min(s.width() - 1, x + radius); xx++) {
                            sum += in[s.index(c, yy, xx)];
                        }
                    }
                    float v = in[s.index(c, y, x)];
                    double expect = v == 0 ? 0 : v / (sum / area + eps);
                    assertThat((double) out.get(c, y, x)).isCloseTo(expect, within(1e-5 * Math.max(1, expect)));
                }
            }
        }
    }

    @Test
    void localNormalizationChecksItsParameters() {
        assertThatThrownBy(() -> new LocalNormalization(-1))
                .hasMessage("radius must be >= 0, got -1");
        for (float bad : new float[] {-1e-9f, Float.NaN, Float.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new LocalNormalization(2, bad))
                    .hasMessage("eps must be >= 0 and finite, got " + bad);
        }
        assertThat(new LocalNormalization(3).eps()).isEqualTo(1e-12f);
        assertThat(new LocalNormalization(0, 0f).apply(FeatureMaps.wrap(new Shape(1, 1, 2), new float[] {4, 0})).data())
                .containsExactly(1f, 0f);
    }

    @Test
    void zeroPadOnEachSideAndThresholdBelowZero() {
        Shape s = new Shape(2, 2, 3);
        float[] in = new float[s.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = i + 1;
        }
        ZeroPad pad = new ZeroPad(2, 1, 3, 0);
        FeatureMaps out = pad.apply(FeatureMaps.wrap(s, in));
        assertThat(out.shape()).isEqualTo(new Shape(2, 5, 6));
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 6; x++) {
                    boolean inside = y >= 2 && y < 4 && x >= 3;
                    float expect = inside ? in[s.index(c, y - 2, x - 3)] : 0f;
                    assertThat(out.get(c, y, x)).as("(%d, %d, %d)", c, y, x).isEqualTo(expect);
                }
            }
        }
        for (String side : new String[] {"top", "left", "right"}) {
            int[] v = {0, 0, 0, 0};
            v[side.equals("top") ? 0 : side.equals("left") ? 2 : 3] = -2;
            assertThatThrownBy(() -> new ZeroPad(v[0], v[1], v[2], v[3]))
                    .hasMessage(side + " must be >= 0, got -2");
        }
        FeatureMaps t = new Threshold(-1f).apply(FeatureMaps.wrap(new Shape(1, 1, 4), new float[] {-2f, -1f, 0.5f, -1.5f}));
        assertThat(t.data()).containsExactly(0f, -1f, 0.5f, 0f);
        assertThat(new Threshold(2f).outputShape(s)).isEqualTo(s);
        assertThatThrownBy(() -> new Threshold(Float.NaN))
                .hasMessage("threshold must not be NaN");
        MapFilter chain = new Threshold(2f).then(pad);
        assertThat(chain.outputShape(s)).isEqualTo(new Shape(2, 5, 6));
        assertThat(chain.toString()).isEqualTo(new Threshold(2f) + " -> " + pad);
        assertThat(chain.apply(FeatureMaps.wrap(s, in)).get(1, 3, 5)).isEqualTo(12f);
        assertThat(chain.apply(FeatureMaps.wrap(s, in)).get(0, 2, 3)).isEqualTo(0f);
        assertThatThrownBy(() -> new Downsample(3, 0))
                .hasMessage("width must be >= 1, got 0");
    }
}
