package org.snn4j.encoding.filter;

import org.snn4j.internal.Checks;
import org.snn4j.Shape;
import org.snn4j.encoding.FeatureMaps;

/**
 * Resamples every channel to {@code height x width} by area averaging: output pixel {@code (y, x)} is the
 * mean of the input over the rectangle {@code [y sy, (y+1) sy) x [x sx, (x+1) sx)} with
 * {@code sy = H / height}, {@code sx = W / width}, input pixels weighted by how much of them the rectangle
 * covers (so an integer factor is a plain block mean, and the mean intensity is preserved). Meant for
 * shrinking (e.g. a camera frame to 64x64); when enlarging it degenerates to nearest-neighbour with linear
 * weights at pixel boundaries. Separable: rows then columns, in double. Immutable and thread-safe.
 *
 * @param height output rows, {@code >= 1}
 * @param width  output columns, {@code >= 1}
 */
public record Downsample(int height, int width) implements MapFilter {

    /** Checks the size. */
    public Downsample {
        if (height < 1) {
            throw new IllegalArgumentException("height must be >= 1, got " + height);
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1, got " + width);
        }
    }

    @Override
    public Shape outputShape(Shape in) {
        return new Shape(in.channels(), height, width);
    }

    @Override
    public FeatureMaps apply(FeatureMaps input) {
        Shape s = input.shape();
        int hi = s.height();
        int wi = s.width();
        // per output index: first source index, and weights over the covered sources
        int[] xStart = new int[width];
        double[][] xw = weights(wi, width, xStart);
        int[] yStart = new int[height];
        double[][] yw = weights(hi, height, yStart);
        float[] in = input.data();
        Shape o = outputShape(s);
        float[] out = new float[o.size()];
        double[] rows = new double[Checks.arraySize("input height x output width", hi, width)];
        for (int c = 0; c < s.channels(); c++) {
            int base = c * hi * wi;
            for (int y = 0; y < hi; y++) {
                int rb = base + y * wi;
                for (int x = 0; x < width; x++) {
                    double[] wx = xw[x];
                    int x0 = xStart[x];
                    double acc = 0;
                    for (int k = 0; k < wx.length; k++) {
                        acc += wx[k] * in[rb + x0 + k];
                    }
                    rows[y * width + x] = acc;
                }
            }
            int ob = c * height * width;
            for (int y = 0; y < height; y++) {
                double[] wy = yw[y];
                int y0 = yStart[y];
                for (int x = 0; x < width; x++) {
                    double acc = 0;
                    for (int k = 0; k < wy.length; k++) {
                        acc += wy[k] * rows[(y0 + k) * width + x];
                    }
                    out[ob + y * width + x] = (float) acc;
                }
            }
        }
        return FeatureMaps.wrap(o, out);
    }

    /** Area weights from n source pixels to m outputs; each row sums to 1. */
    static double[][] weights(int n, int m, int[] start) {
        double scale = (double) n / m;
        double[][] w = new double[m][];
        for (int o = 0; o < m; o++) {
            double a = o * scale;
            double b = (o + 1) * scale;
            int first = (int) Math.floor(a);
            int last = Math.min(n - 1, (int) Math.ceil(b) - 1);
            start[o] = first;
            double[] row = new double[last - first + 1];
            double total = 0;
            for (int i = first; i <= last; i++) {
                double cover = Math.min(b, i + 1) - Math.max(a, i);
                row[i - first] = Math.max(0, cover);
                total += row[i - first];
            }
            for (int k = 0; k < row.length; k++) {
                row[k] /= total;
            }
            w[o] = row;
        }
        return w;
    }
}
