package org.snn4j.encoding.filter;

import java.util.List;
import java.util.Objects;
import org.snn4j.Shape;
import org.snn4j.encoding.FeatureMaps;

/**
 * A bank of {@link Kernel}s applied to a one-channel image, with zero padding and an optional threshold:
 * output channel {@code c} is
 * <pre>out[c][y][x] = sum_{i,j} k_c[i][j] * in[y + i - p_c][x + j - p_c],   then   out &lt; threshold -&gt; 0</pre>
 * (cross-correlation, pixels outside the image are 0). As in SpykeTorch's {@code Filter}, kernels smaller
 * than the largest one ({@code K}) are centred in a {@code K x K} window, so with padding {@code p} every
 * channel is {@code (H + 2p - K + 1) x (W + 2p - K + 1)} and a kernel of size {@code k} sees an effective
 * padding {@code p_c = p - (K - k) / 2}. Mozafari: 6 DoG kernels, {@code K = 13}, {@code p = 6},
 * threshold 50: a 28x28 digit gives 6x28x28 maps. The threshold keeps values {@code >= threshold}
 * ({@code torch.where(out < t, 0, out)}).
 *
 * <p>Implementation: scatter from the non-zero input pixels (each adds its value times the kernel into
 * the outputs it reaches), so the cost is proportional to the number of non-zero pixels times the kernel
 * areas; a dense image costs the same as a plain convolution. The summation order per output is fixed, so
 * results are deterministic. Immutable and thread-safe.
 */
public final class Convolution implements MapFilter {
    private final Kernel[] kernels;
    private final int padding;
    private final float threshold;
    private final int maxSize;
    /** Per kernel, the weights with each row reversed, so the scatter walks the output forwards. */
    private final float[][] flipped;

    /**
     * A bank with no threshold.
     *
     * @param kernels at least one kernel; the list is copied
     * @param padding zero padding on each side, {@code >= 0}
     */
    public Convolution(List<Kernel> kernels, int padding) {
        this(kernels, padding, Float.NEGATIVE_INFINITY);
    }

    /**
     * A bank with a threshold.
     *
     * @param kernels   at least one kernel; the list is copied
     * @param padding   zero padding on each side, {@code >= 0}
     * @param threshold outputs below it become 0; {@code Float.NEGATIVE_INFINITY} for none; not NaN
     */
    public Convolution(List<Kernel> kernels, int padding, float threshold) {
        Objects.requireNonNull(kernels, "kernels");
        if (kernels.isEmpty()) {
            throw new IllegalArgumentException("kernels must not be empty");
        }
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + padding);
        }
        if (Float.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must not be NaN");
        }
        this.kernels = kernels.toArray(new Kernel[0]);
        int m = 0;
        for (int i = 0; i < this.kernels.length; i++) {
            Objects.requireNonNull(this.kernels[i], "kernels[" + i + "]");
            m = Math.max(m, this.kernels[i].size());
        }
        this.maxSize = m;
        this.flipped = new float[this.kernels.length][];
        for (int c = 0; c < this.kernels.length; c++) {
            int k = this.kernels[c].size();
            float[] w = this.kernels[c].raw();
            float[] f = new float[k * k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    f[i * k + j] = w[i * k + (k - 1 - j)];
                }
            }
            this.flipped[c] = f;
        }
        this.padding = padding;
        this.threshold = threshold;
    }

    /** The kernels, in channel order. */
    public List<Kernel> kernels() {
        return List.of(kernels);
    }

    /** Zero padding on each side. */
    public int padding() {
        return padding;
    }

    /** The threshold ({@code Float.NEGATIVE_INFINITY} if none). */
    public float threshold() {
        return threshold;
    }

    @Override
    public Shape outputShape(Shape in) {
        if (in.channels() != 1) {
            throw new IllegalArgumentException("Convolution expects 1 input channel, got " + in);
        }
        int h = in.height() + 2 * padding - maxSize + 1;
        int w = in.width() + 2 * padding - maxSize + 1;
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("input " + in + " is too small for kernel size " + maxSize
                    + " with padding " + padding);
        }
        return new Shape(kernels.length, h, w);
    }

    @Override
    public FeatureMaps apply(FeatureMaps input) {
        Shape os = outputShape(input.shape());
        float[] in = input.data();
        int hin = input.height();
        int win = input.width();
        // the non-zero input pixels, once
        int[] pos = new int[in.length];
        int nnz = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] != 0f) {
                pos[nnz++] = i;
            }
        }
        int ho = os.height();
        int wo = os.width();
        int mapSize = ho * wo;
        float[] out = new float[os.size()];
        int c = 0;
        while (c < kernels.length) {
            int k = kernels[c].size();
            int pk = padding - (maxSize - k) / 2;
            if (c + 1 < kernels.length && kernels[c + 1].size() == k) {
                // two kernels of one size (an ON/OFF pair): one pass over the pixels for both
                scatterPair(k, flipped[c], flipped[c + 1], pk, in, win, pos, nnz, out, c * mapSize,
                        (c + 1) * mapSize, ho, wo);
                c += 2;
            } else {
                scatter(k, flipped[c], pk, in, win, pos, nnz, out, c * mapSize, ho, wo);
                c++;
            }
        }
        if (threshold != Float.NEGATIVE_INFINITY) {
            float t = threshold;
            for (int i = 0; i < out.length; i++) {
                if (out[i] < t) {
                    out[i] = 0f;
                }
            }
        }
        return FeatureMaps.wrap(os, out);
    }

    /** Adds v * kernel around every non-zero pixel into out[base + oy*wo + ox]; f = row-reversed kernel. */
    private static void scatter(int k, float[] f, int pk, float[] in, int win, int[] pos, int nnz, float[] out,
                                int base, int ho, int wo) {
        for (int n = 0; n < nnz; n++) {
            int p = pos[n];
            float v = in[p];
            int iy = p / win;
            int ix = p - iy * win;
            int x0 = ix + pk - (k - 1); // output column of reversed index 0
            int jLo = Math.max(0, -x0);
            int jHi = Math.min(k, wo - x0);
            if (jLo >= jHi) {
                continue;
            }
            // kernel row i lands on output row oy = iy + pk - i
            int iLo = Math.max(0, iy + pk - (ho - 1));
            int iHi = Math.min(k - 1, iy + pk);
            for (int i = iLo; i <= iHi; i++) {
                int ob = base + (iy + pk - i) * wo + x0;
                int fb = i * k;
                for (int j = jLo; j < jHi; j++) {
                    out[ob + j] += v * f[fb + j];
                }
            }
        }
    }

    /** {@link #scatter} for two kernels of the same size, in one pass; same per-output summation order. */
    private static void scatterPair(int k, float[] f, float[] g, int pk, float[] in, int win, int[] pos, int nnz,
                                    float[] out, int baseF, int baseG, int ho, int wo) {
        for (int n = 0; n < nnz; n++) {
            int p = pos[n];
            float v = in[p];
            int iy = p / win;
            int ix = p - iy * win;
            int x0 = ix + pk - (k - 1);
            int jLo = Math.max(0, -x0);
            int jHi = Math.min(k, wo - x0);
            if (jLo >= jHi) {
                continue;
            }
            int iLo = Math.max(0, iy + pk - (ho - 1));
            int iHi = Math.min(k - 1, iy + pk);
            for (int i = iLo; i <= iHi; i++) {
                int row = (iy + pk - i) * wo + x0;
                int ob = baseF + row;
                int og = baseG + row;
                int fb = i * k;
                for (int j = jLo; j < jHi; j++) {
                    out[ob + j] += v * f[fb + j];
                    out[og + j] += v * g[fb + j];
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Convolution" + List.of(kernels) + " padding " + padding
                + (threshold == Float.NEGATIVE_INFINITY ? "" : " threshold " + threshold);
    }
}
