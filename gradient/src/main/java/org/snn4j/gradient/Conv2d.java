package org.snn4j.gradient;

import org.snn4j.internal.Checks;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.snn4j.Shape;

/**
 * 2-D convolution applied at every step (cross-correlation, as PyTorch's {@code Conv2d}):
 * {@code a[o][oy][ox] = b[o] + sum_{c,ky,kx} w[c][ky][kx][o] x[c][oy s - p + ky][ox s - p + kx]}, zero padding
 * {@code p}, stride {@code s}; output {@code outC x ((H + 2p - k) / s + 1) x ((W + 2p - k) / s + 1)}.
 *
 * <p>Weights {@code w[((c * k + ky) * k + kx) * outC + o]} (shape {@code {inC, k, k, outC}}: an input value adds one
 * contiguous vector of output channels per kernel position; PyTorch's OIHW is its transpose). The forward pass and
 * the weight gradient visit only the nonzero inputs of each step (the spikes, for a binary input). Parameters
 * {@code NAME.weight} and, if enabled, {@code NAME.bias}.
 */
public final class Conv2d implements Layer {
    private static final int BLOCK = 8;

    private final String name;
    private final Shape in;
    private final Shape out;
    private final int k;
    private final int stride;
    private final int pad;
    private final float[] w;
    private final float[] b;
    private final List<Parameter> params;

    /**
     * A convolution layer.
     *
     * @param name        layer name
     * @param in          input shape
     * @param outChannels output channels, &gt;= 1
     * @param k           kernel size, &gt;= 1
     * @param stride      stride, &gt;= 1
     * @param padding     zero padding, &gt;= 0
     * @param bias        whether to learn a bias per output channel
     * @param init        weight initialiser ({@code fanIn = inC k k})
     * @param seed        seed of the initialiser
     */
    public Conv2d(String name, Shape in, int outChannels, int k, int stride, int padding, boolean bias, Init init,
                  long seed) {
        this.name = Objects.requireNonNull(name, "name");
        this.in = Objects.requireNonNull(in, "in");
        if (outChannels < 1 || k < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException(name + ": need outChannels >= 1, k >= 1, stride >= 1, padding >= 0, "
                    + "got " + outChannels + ", " + k + ", " + stride + ", " + padding);
        }
        long paddedH = in.height() + 2L * padding;
        long paddedW = in.width() + 2L * padding;
        if (paddedH < k || paddedW < k) {
            throw new IllegalArgumentException(name + ": kernel " + k + " is larger than the padded input "
                    + in.height() + "x" + in.width() + " + 2x" + padding);
        }
        int oh = Checks.arraySizeSum(name + ": output height (height + 2 padding - k) / stride + 1",
                (paddedH - k) / stride, 1);
        int ow = Checks.arraySizeSum(name + ": output width (width + 2 padding - k) / stride + 1",
                (paddedW - k) / stride, 1);
        this.out = new Shape(outChannels, oh, ow);
        this.k = k;
        this.stride = stride;
        this.pad = padding;
        this.w = new float[Checks.arraySize(name + ": weights inC x k x k x outChannels", in.channels(), k, k,
                outChannels)];
        int fanIn = in.channels() * k * k;
        Objects.requireNonNull(init, "init").fill(w, fanIn, outChannels * k * k, new SplittableRandom(seed));
        this.b = bias ? new float[outChannels] : null;
        this.params = Parameter.weightAndBias(name, new int[] {in.channels(), k, k, outChannels}, w, b);
    }

    /** The weights {@code [inC][k][k][outC]} (the layer's own array). */
    public float[] weights() {
        return w;
    }

    /** The bias (the layer's own array), or {@code null}. */
    public float[] bias() {
        return b;
    }

    /** Kernel size. */
    public int kernelSize() {
        return k;
    }

    /** Stride. */
    public int stride() {
        return stride;
    }

    /** Zero padding. */
    public int padding() {
        return pad;
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
        return params;
    }

    @Override
    public Object newScratch(int steps) {
        return null;
    }

    /** First output row (or column) reached by input row {@code y} through kernel row {@code ky}, or -1. */
    private int target(int y, int ky, int outLen) {
        int num = y + pad - ky;
        if (num < 0 || num % stride != 0) {
            return -1;
        }
        int o = num / stride;
        return o < outLen ? o : -1;
    }

    @Override
    public void forward(Tensor x, Tensor y, Object scratch, Pass pass) {
        float[] a = y.data();
        int outC = out.channels();
        int plane = out.height() * out.width();
        int outSize = out.size();
        int[] tap = new int[2 * k * k];
        int[] nzIndex = new int[in.size()];
        float[] nzValue = new float[in.size()];
        for (int t = 0; t < x.steps(); t++) {
            int yb = t * outSize;
            for (int o = 0; o < outC; o++) {
                java.util.Arrays.fill(a, yb + o * plane, yb + (o + 1) * plane, b == null ? 0f : b[o]);
            }
            int m = nonzeros(x, t, nzIndex, nzValue);
            for (int j = 0; j < m; j++) {
                scatter(nzIndex[j], nzValue[j], a, yb, tap);
            }
        }
        y.markDense();
    }

    /**
     * The nonzero inputs of step {@code t} in increasing index order (the spikes, with value 1, for a binary
     * tensor).
     *
     * @param index modified: their indices, length at least {@code in.size()}
     * @param value modified: their values, same length
     * @return how many
     */
    private static int nonzeros(Tensor x, int t, int[] index, float[] value) {
        int m = 0;
        if (x.binary()) {
            int[] idx = x.eventIndex();
            int[] st = x.eventStart();
            for (int e = st[t]; e < st[t + 1]; e++) {
                index[m] = idx[e];
                value[m++] = 1f;
            }
        } else {
            float[] xd = x.data();
            int n = x.size();
            int xb = t * n;
            for (int i = 0; i < n; i++) {
                if (xd[xb + i] != 0f) {
                    index[m] = i;
                    value[m++] = xd[xb + i];
                }
            }
        }
        return m;
    }

    /**
     * The kernel positions that connect input {@code i} to an output, in {@code (ky, kx)} order (the order of
     * every sum over them): {@code tap[2j]} is the start {@code ((c k + ky) k + kx) outC} of the weight vector and
     * {@code tap[2j + 1]} the output position {@code oy ow + ox} within a channel plane.
     *
     * @param tap modified, length at least {@code 2 k k}
     * @return the number of positions
     */
    private int taps(int i, int[] tap) {
        int c = in.channelOf(i);
        int yy = in.rowOf(i);
        int xx = in.colOf(i);
        int outC = out.channels();
        int oh = out.height();
        int ow = out.width();
        int m = 0;
        for (int ky = 0; ky < k; ky++) {
            int oy = target(yy, ky, oh);
            if (oy < 0) {
                continue;
            }
            for (int kx = 0; kx < k; kx++) {
                int ox = target(xx, kx, ow);
                if (ox >= 0) {
                    tap[m++] = ((c * k + ky) * k + kx) * outC;
                    tap[m++] = oy * ow + ox;
                }
            }
        }
        return m / 2;
    }

    /** Adds input {@code i} of value {@code v} to the outputs {@code a} of the step at offset {@code yb}. */
    private void scatter(int i, float v, float[] a, int yb, int[] tap) {
        int outC = out.channels();
        int plane = out.height() * out.width();
        int m = 2 * taps(i, tap);
        for (int j = 0; j < m; j += 2) {
            int wr = tap[j];
            int ab = yb + tap[j + 1];
            for (int o = 0; o < outC; o++) {
                a[ab + o * plane] += v * w[wr + o];
            }
        }
    }

    /**
     * {@code dL/dx}, as a transposed convolution in position-major (HWC) order: each output position's gradient
     * vector (over output channels), times the kernel position's {@code outC x inC} weights, is added to the input
     * position's vector (over input channels): contiguous adds of {@code inC} values, which the JIT vectorises.
     * Each input value sums its terms in (oy, ox, ky, kx, o) order.
     */
    @Override
    public void backward(Tensor x, Tensor y, Tensor gradOut, Tensor gradIn, Object scratch) {
        if (gradIn == null) {
            return;
        }
        float[] g = gradOut.data();
        float[] gx = gradIn.data();
        int inC = in.channels();
        int h = in.height();
        int wd = in.width();
        int inSize = in.size();
        int inPlane = h * wd;
        int outSize = out.size();
        int outC = out.channels();
        int oh = out.height();
        int ow = out.width();
        int plane = oh * ow;
        float[] wt = new float[w.length];              // [ky][kx][o][c]
        for (int c = 0; c < inC; c++) {
            for (int kk = 0; kk < k * k; kk++) {
                for (int o = 0; o < outC; o++) {
                    wt[(kk * outC + o) * inC + c] = w[(c * k * k + kk) * outC + o];
                }
            }
        }
        float[] gT = new float[outSize];               // [oy][ox][o]
        float[] gxT = new float[inSize];               // [iy][ix][c]
        for (int t = 0; t < x.steps(); t++) {
            int gb = t * outSize;
            for (int o = 0; o < outC; o++) {
                for (int p = 0; p < plane; p++) {
                    gT[p * outC + o] = g[gb + o * plane + p];
                }
            }
            java.util.Arrays.fill(gxT, 0f);
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int gp = (oy * ow + ox) * outC;
                    for (int ky = 0; ky < k; ky++) {
                        int iy = oy * stride - pad + ky;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        for (int kx = 0; kx < k; kx++) {
                            int ix = ox * stride - pad + kx;
                            if (ix < 0 || ix >= wd) {
                                continue;
                            }
                            int ib = (iy * wd + ix) * inC;
                            int wb = (ky * k + kx) * outC * inC;
                            for (int o = 0; o < outC; o++) {
                                float gv = gT[gp + o];
                                if (gv == 0f) {
                                    continue;
                                }
                                int wo = wb + o * inC;
                                for (int c = 0; c < inC; c++) {
                                    gxT[ib + c] += gv * wt[wo + c];
                                }
                            }
                        }
                    }
                }
            }
            int xb = t * inSize;
            for (int p = 0; p < inPlane; p++) {
                for (int c = 0; c < inC; c++) {
                    gx[xb + c * inPlane + p] = gxT[p * inC + c];
                }
            }
        }
        gradIn.markDense();
    }

    @Override
    public int gradientPartitions() {
        return (out.channels() + BLOCK - 1) / BLOCK;
    }

    @Override
    public void computeGradients(int partition, Tensor[] x, Tensor[] y, Tensor[] gradOut, Object[] scratch,
                                 int count) {
        int outC = out.channels();
        int o0 = partition * BLOCK;
        int o1 = Math.min(outC, o0 + BLOCK);
        float[] gw = params.get(0).grad();
        int rows = in.channels() * k * k;
        DenseKernels.clearColumns(gw, rows, outC, o0, o1);
        float[] gbias = Parameter.clearedBiasGradient(params, o0, o1);
        int plane = out.height() * out.width();
        int outSize = out.size();
        int[] tap = new int[2 * k * k];
        int[] nzIndex = new int[in.size()];
        float[] nzValue = new float[in.size()];
        for (int s = 0; s < count; s++) {
            float[] g = gradOut[s].data();
            Tensor xs = x[s];
            for (int t = 0; t < xs.steps(); t++) {
                int yb = t * outSize;
                int m = nonzeros(xs, t, nzIndex, nzValue);
                for (int j = 0; j < m; j++) {
                    gather(nzIndex[j], nzValue[j], g, yb, gw, o0, o1, tap);
                }
                if (gbias != null) {
                    for (int o = o0; o < o1; o++) {
                        float sum = 0f;
                        for (int p = 0; p < plane; p++) {
                            sum += g[yb + o * plane + p];
                        }
                        gbias[o] += sum;
                    }
                }
            }
        }
    }

    /**
     * Adds input {@code i} of value {@code v} times the output gradients {@code g} of the step at offset
     * {@code yb} to the weight gradients {@code gw} of output channels {@code [o0, o1)}.
     */
    private void gather(int i, float v, float[] g, int yb, float[] gw, int o0, int o1, int[] tap) {
        int outC = out.channels();
        int plane = out.height() * out.width();
        int m = 2 * taps(i, tap);
        for (int j = 0; j < m; j += 2) {
            int wr = tap[j];
            int gb = yb + tap[j + 1];
            for (int o = o0; o < o1; o++) {
                gw[wr + o] += v * g[gb + o * plane];
            }
        }
    }
}
