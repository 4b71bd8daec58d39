package org.snn4j.encoding.filter;

import org.snn4j.internal.Checks;
import org.snn4j.Shape;
import org.snn4j.encoding.FeatureMaps;

/**
 * Divides every value by the mean of its channel over the square window of radius {@code r} around it
 * (Mozafari et al. 2019, SpykeTorch {@code local_normalization}):
 * <pre>out[c][y][x] = in[c][y][x] / (S(c, y, x) / (2r + 1)^2 + eps)</pre>
 * where {@code S} is the sum of {@code in[c]} over the {@code (2r+1) x (2r+1)} window centred on
 * {@code (y, x)}, zero-padded at the borders: the divisor is always the window sum over {@code (2r+1)^2},
 * even where part of the window lies outside the map. Mozafari: {@code r = 8} (17x17, divisor sum/289),
 * {@code eps = 1e-12}. Zeros stay zero. Window sums come from a summed-area table in double, so the cost
 * is O(C H W) whatever the radius; the mean is rounded to float before {@code eps} is added, as in
 * SpykeTorch's float32 arithmetic. With negative inputs a window sum can be 0 and the result huge: this
 * filter is meant for the non-negative output of a thresholded filter bank. Immutable and thread-safe.
 *
 * @param radius window radius in pixels, {@code >= 0}
 * @param eps    added to the mean, {@code >= 0} and finite
 */
public record LocalNormalization(int radius, float eps) implements MapFilter {

    /** Checks the parameters. */
    public LocalNormalization {
        if (radius < 0) {
            throw new IllegalArgumentException("radius must be >= 0, got " + radius);
        }
        if (!(eps >= 0) || !Float.isFinite(eps)) {
            throw new IllegalArgumentException("eps must be >= 0 and finite, got " + eps);
        }
    }

    /** Radius {@code r} with {@code eps = 1e-12}. */
    public LocalNormalization(int radius) {
        this(radius, 1e-12f);
    }

    /** Mozafari's setting: radius 8 (17x17 window), eps 1e-12. */
    public static LocalNormalization mozafari() {
        return new LocalNormalization(8, 1e-12f);
    }

    @Override
    public Shape outputShape(Shape in) {
        return in;
    }

    @Override
    public FeatureMaps apply(FeatureMaps input) {
        Shape s = input.shape();
        int h = s.height();
        int w = s.width();
        int m = h * w;
        float[] in = input.data();
        float[] out = new float[in.length];
        int stride = w + 1;
        double[] sat = new double[Checks.arraySize("summed-area table (height + 1) x (width + 1)", h + 1L, stride)];
        double area = (double) (2 * radius + 1) * (2 * radius + 1);
        for (int c = 0; c < s.channels(); c++) {
            int base = c * m;
            boolean any = false;
            for (int y = 0; y < h; y++) {
                double rowSum = 0;
                int r0 = (y + 1) * stride;
                int rp = y * stride;
                for (int x = 0; x < w; x++) {
                    float v = in[base + y * w + x];
                    any |= v != 0f;
                    rowSum += v;
                    sat[r0 + x + 1] = sat[rp + x + 1] + rowSum;
                }
            }
            if (!any) {
                continue;
            }
            for (int y = 0; y < h; y++) {
                int ya = Math.max(0, y - radius);
                int yb = Math.min(h, y + radius + 1);
                for (int x = 0; x < w; x++) {
                    float v = in[base + y * w + x];
                    if (v == 0f) {
                        continue;
                    }
                    int xa = Math.max(0, x - radius);
                    int xb = Math.min(w, x + radius + 1);
                    double sum = sat[yb * stride + xb] - sat[ya * stride + xb] - sat[yb * stride + xa]
                            + sat[ya * stride + xa];
                    float mean = (float) (sum / area);
                    out[base + y * w + x] = v / (mean + eps);
                }
            }
        }
        return FeatureMaps.wrap(s, out);
    }
}
