package org.snn4j.gradient;

import java.util.List;
import java.util.Objects;
import org.snn4j.Shape;

/**
 * Non-overlapping {@code k x k} sum or average pooling of each channel at each step:
 * {@code y[c][oy][ox] = scale sum_{dy,dx < k} x[c][oy k + dy][ox k + dx]}, {@code scale} 1 (sum) or {@code 1/k^2}
 * (average); rows and columns beyond the last whole window are dropped. SLAYER pools spikes by summing them into
 * the potential of a spiking neuron: follow this layer with a {@link SpikingLayer} to do the same. No parameters.
 */
public final class Pool2d implements Layer {
    /** Sum or average. */
    public enum Mode {
        /** Sum of the window. */
        SUM,
        /** Mean of the window. */
        AVERAGE
    }

    private final String name;
    private final Shape in;
    private final Shape out;
    private final int k;
    private final float scale;
    /** For output {@code o} of a step, the {@code k^2} input offsets of its window, in (dy, dx) order. */
    private final int[] window;

    /**
     * A pooling layer.
     *
     * @param name layer name
     * @param in   input shape
     * @param k    window size and stride, 1 .. min(height, width)
     * @param mode sum or average
     */
    public Pool2d(String name, Shape in, int k, Mode mode) {
        this.name = Objects.requireNonNull(name, "name");
        this.in = Objects.requireNonNull(in, "in");
        if (k < 1 || k > in.height() || k > in.width()) {
            throw new IllegalArgumentException(name + ": k must be in [1, " + Math.min(in.height(), in.width())
                    + "], got " + k);
        }
        this.k = k;
        this.scale = Objects.requireNonNull(mode, "mode") == Mode.SUM ? 1f : 1f / (k * k);
        this.out = new Shape(in.channels(), in.height() / k, in.width() / k);
        this.window = new int[out.size() * k * k];
        int h = in.height();
        int w = in.width();
        int j = 0;
        for (int c = 0; c < out.channels(); c++) {
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    for (int dy = 0; dy < k; dy++) {
                        int row = (c * h + oy * k + dy) * w + ox * k;
                        for (int dx = 0; dx < k; dx++) {
                            window[j++] = row + dx;
                        }
                    }
                }
            }
        }
    }

    /** Window size and stride. */
    int window() {
        return k;
    }

    /** 1 (sum) or {@code 1/k^2} (average). */
    float scale() {
        return scale;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape inputShape() {
        return in;
    }

    @Override
    public Shape outputShape() {
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Object newScratch(int steps) {
        return null;
    }

    @Override
    public void forward(Tensor x, Tensor y, Object scratch, Pass pass) {
        float[] xd = x.data();
        float[] yd = y.data();
        int inSize = in.size();
        int outSize = out.size();
        int kk = k * k;
        for (int t = 0; t < x.steps(); t++) {
            int xb = t * inSize;
            int yb = t * outSize;
            for (int o = 0; o < outSize; o++) {
                float s = 0f;
                for (int j = o * kk; j < (o + 1) * kk; j++) {
                    s += xd[xb + window[j]];
                }
                yd[yb + o] = scale * s;
            }
        }
        y.markDense();
    }

    @Override
    public void backward(Tensor x, Tensor y, Tensor gradOut, Tensor gradIn, Object scratch) {
        if (gradIn == null) {
            return;
        }
        float[] g = gradOut.data();
        float[] gx = gradIn.data();
        java.util.Arrays.fill(gx, 0f);
        int inSize = in.size();
        int outSize = out.size();
        int kk = k * k;
        for (int t = 0; t < x.steps(); t++) {
            int xb = t * inSize;
            int yb = t * outSize;
            for (int o = 0; o < outSize; o++) {
                float v = scale * g[yb + o];
                for (int j = o * kk; j < (o + 1) * kk; j++) {
                    gx[xb + window[j]] = v;
                }
            }
        }
        gradIn.markDense();
    }
}
