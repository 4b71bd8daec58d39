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
    /** Per input index i: its taps are entries {@code [tapStart[i], tapStart[i + 1])} of tapW / tapPos. */
    private final int[] tapStart;
    /** Weight row offset {@code ((c k + ky) k + kx) outC} of a tap. */
    private final int[] tapW;
    /** Output position {@code oy ow + ox} of a tap. */
    private final int[] tapPos;

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
        this.tapStart = new int[in.size() + 1];
        int[] tap = new int[2 * k * k];
        int total = 0;
        for (int i = 0; i < in.size(); i++) {
            total += taps(i, tap);
        }
        this.tapW = new int[total];
        this.tapPos = new int[total];
        int e = 0;
        for (int i = 0; i < in.size(); i++) {
            tapStart[i] = e;
            int m = taps(i, tap);
            for (int j = 0; j < m; j++) {
                tapW[e] = tap[2 * j];
                tapPos[e++] = tap[2 * j + 1];
            }
        }
        tapStart[in.size()] = e;
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
        return new Scratch();
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
        int[] nzIndex = new int[in.size()];
        float[] nzValue = new float[in.size()];
        float[] acc = new float[outSize];              // [oy][ox][o]: one contiguous weight row per tap
        for (int t = 0; t < x.steps(); t++) {
            int yb = t * outSize;
            if (b == null) {
                java.util.Arrays.fill(acc, 0f);
            } else {
                for (int p = 0; p < plane; p++) {
                    System.arraycopy(b, 0, acc, p * outC, outC);
                }
            }
            int m = nonzeros(x, t, nzIndex, nzValue);
            for (int j = 0; j < m; j++) {
                int i = nzIndex[j];
                float v = nzValue[j];
                for (int e = tapStart[i]; e < tapStart[i + 1]; e++) {
                    int wr = tapW[e];
                    int ab = tapPos[e] * outC;
                    for (int o = 0; o < outC; o++) {
                        acc[ab + o] += v * w[wr + o];
                    }
                }
            }
            for (int o = 0; o < outC; o++) {
                int ob = yb + o * plane;
                for (int p = 0; p < plane; p++) {
                    a[ob + p] = acc[p * outC + o];
                }
            }
        }
        y.markDense();
    }

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
    @Override
    public void backward(Tensor x, Tensor y, Tensor gradOut, Tensor gradIn, Object scratch) {
        if (gradIn == null) {
            return;
        }
        if (stride == 1) {
            backwardStride1(x.steps(), gradOut.data(), gradIn.data());
            gradIn.markDense();
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

    /**
     * The input gradient at stride 1 as a sum of shifted planes: with the output gradient laid out with the padded
     * input's row length (the extra columns zero), tap {@code (ky, kx)} adds {@code w * gradOut} to the padded input
     * gradient shifted by {@code ky wp + kx}, one long contiguous loop per (input channel, output channel, tap).
     */
    private void backwardStride1(int steps, float[] g, float[] gx) {
        int inC = in.channels();
        int h = in.height();
        int wd = in.width();
        int inSize = in.size();
        int outC = out.channels();
        int oh = out.height();
        int ow = out.width();
        int plane = oh * ow;
        int outSize = out.size();
        int hp = h + 2 * pad;
        int wp = wd + 2 * pad;
        int rowsLen = oh * wp;                         // output plane with the padded row length
        int inLen = hp * wp + k;                       // padded input plane plus the overrun of the last taps
        float[] gp = new float[outC * rowsLen];        // [o][oy][0..wp): columns >= ow stay 0
        float[] gxp = new float[inLen];
        float[] wc = new float[k * k * outC];          // the weights of one input channel, [ky][kx][o]
        for (int t = 0; t < steps; t++) {
            int gb = t * outSize;
            for (int o = 0; o < outC; o++) {
                for (int oy = 0; oy < oh; oy++) {
                    System.arraycopy(g, gb + o * plane + oy * ow, gp, o * rowsLen + oy * wp, ow);
                }
            }
            int xb = t * inSize;
            for (int c = 0; c < inC; c++) {
                System.arraycopy(w, c * k * k * outC, wc, 0, k * k * outC);
                java.util.Arrays.fill(gxp, 0f);
                for (int o = 0; o < outC; o++) {
                    int ob = o * rowsLen;
                    for (int kk = 0; kk < k * k; kk++) {
                        float wv = wc[kk * outC + o];
                        int off = (kk / k) * wp + kk % k;
                        for (int q = 0; q < rowsLen; q++) {
                            gxp[off + q] += wv * gp[ob + q];
                        }
                    }
                }
                int cb = xb + c * h * wd;
                for (int iy = 0; iy < h; iy++) {
                    System.arraycopy(gxp, (iy + pad) * wp + pad, gx, cb + iy * wd, wd);
                }
            }
        }
    }

    /**
     * Whether {@link #backwardThroughPool} applies: this convolution has stride 1 and {@code next} is a pooling
     * layer fed by it.
     */
    boolean fusesPool(Layer next) {
        return stride == 1 && next instanceof Pool2d p && p.inputShape().equals(out);
    }

    /**
     * The input gradient straight from the gradient after the pooling layer {@code pool} that follows this
     * convolution ({@link #fusesPool}): a stride-1 convolution with kernel {@code k} followed by {@code kp x kp}
     * pooling is one convolution with kernel {@code k + kp - 1} and stride {@code kp} whose weights are the box sums
     * of this one's, so its input gradient costs about {@code ((k + kp - 1) / (kp k))^2} of going through every
     * output of this layer ({@code 0.44} for {@code k = 3}, {@code kp = 2}). Equal to {@code pool.backward} followed
     * by {@link #backward} up to the order of the float additions. Split by the phase of the input position modulo
     * {@code kp}, each part is a stride-1 sum of shifted planes, as {@link #backward} at stride 1, with every step's
     * plane in one array so that each (input channel, output channel, tap) is one long loop over all steps.
     *
     * @param x          the forward input (only its steps are read)
     * @param pool       the pooling layer after this one
     * @param pooledGrad {@code dL/d} (the pooling layer's output); not modified
     * @param gradIn     receives {@code dL/d x}; modified
     * @param scratch    this layer's scratch for the sample
     */
    void backwardThroughPool(Tensor x, Pool2d pool, Tensor pooledGrad, Tensor gradIn, Object scratch) {
        int kp = pool.window();
        float sc = pool.scale();
        int inC = in.channels();
        int h = in.height();
        int wd = in.width();
        int inPlane = h * wd;
        int inSize = in.size();
        int outC = out.channels();
        Shape pooled = pool.outputShape();
        int ph = pooled.height();
        int pw = pooled.width();
        int pSize = pooled.size();
        int kc = k + kp - 1;                           // the composite kernel
        int nj = (kc + kp - 1) / kp;                   // composite taps per phase and axis, at most
        int len = pw + nj - 1;                         // row length of the planes below
        int rows = ph + nj - 1;                        // rows of an input phase reached by the pooled outputs
        int steps = x.steps();
        int stepLen = rows * len;                      // one step of a plane: the last nj - 1 rows of gp stay 0
        int all = steps * stepLen;
        int planeLen = all + nj * len;                 // every step of one phase plus the overrun of the last taps
        Scratch s = scratch != null ? (Scratch) scratch : new Scratch();
        float[] comp = s.floats(0, inC * outC * kc * kc);   // [c][o][ey][ex]
        float[] gp = s.floats(1, outC * all);               // [o][t][Py][0..len): columns >= pw, rows >= ph stay 0
        float[] planes = s.floats(2, kp * kp * planeLen);   // [ry][rx][t][my][mx] of one input channel
        for (int c = 0; c < inC; c++) {
            for (int o = 0; o < outC; o++) {
                int cb = (c * outC + o) * kc * kc;
                for (int ey = 0; ey < kc; ey++) {
                    for (int ex = 0; ex < kc; ex++) {
                        float sum = 0f;
                        for (int dy = Math.max(0, ey - k + 1); dy <= Math.min(kp - 1, ey); dy++) {
                            for (int dx = Math.max(0, ex - k + 1); dx <= Math.min(kp - 1, ex); dx++) {
                                sum += w[((c * k + ey - dy) * k + ex - dx) * outC + o];
                            }
                        }
                        comp[cb + ey * kc + ex] = sc * sum;
                    }
                }
            }
        }
        // where input row iy / column ix is read in the planes (phase and position), or -1 if no output reaches it
        int[] rowAt = new int[h];
        int[] colAt = new int[wd];
        for (int iy = 0; iy < h; iy++) {
            int yy = iy + pad;
            rowAt[iy] = yy / kp < rows ? (yy % kp) * kp * planeLen + (yy / kp) * len : -1;
        }
        for (int ix = 0; ix < wd; ix++) {
            int xx = ix + pad;
            colAt[ix] = xx / kp < len ? (xx % kp) * planeLen + xx / kp : -1;
        }
        float[] g = pooledGrad.data();
        float[] gx = gradIn.data();
        java.util.Arrays.fill(gp, 0, outC * all, 0f);
        for (int t = 0; t < steps; t++) {
            int gb = t * pSize;
            for (int o = 0; o < outC; o++) {
                for (int py = 0; py < ph; py++) {
                    System.arraycopy(g, gb + (o * ph + py) * pw, gp, o * all + t * stepLen + py * len, pw);
                }
            }
        }
        // all steps in one loop per (input channel, output channel, composite tap): the shifts stay inside a step
        for (int c = 0; c < inC; c++) {
            java.util.Arrays.fill(planes, 0, kp * kp * planeLen, 0f);
            for (int o = 0; o < outC; o++) {
                int ob = o * all;
                int cb = (c * outC + o) * kc * kc;
                for (int ry = 0; ry < kp; ry++) {
                    for (int rx = 0; rx < kp; rx++) {
                        int pb = (ry * kp + rx) * planeLen;
                        for (int jy = 0; kp * jy + ry < kc; jy++) {
                            for (int jx = 0; kp * jx + rx < kc; jx++) {
                                float wv = comp[cb + (kp * jy + ry) * kc + kp * jx + rx];
                                int off = pb + jy * len + jx;
                                for (int q = 0; q < all; q++) {
                                    planes[off + q] += wv * gp[ob + q];
                                }
                            }
                        }
                    }
                }
            }
            for (int t = 0; t < steps; t++) {
                int cx = t * inSize + c * inPlane;
                int tb = t * stepLen;
                for (int iy = 0; iy < h; iy++) {
                    int ro = rowAt[iy];
                    int xb = cx + iy * wd;
                    for (int ix = 0; ix < wd; ix++) {
                        int co = colAt[ix];
                        gx[xb + ix] = ro >= 0 && co >= 0 ? planes[ro + co + tb] : 0f;
                    }
                }
            }
        }
        gradIn.markDense();
    }

    /** Per-sample buffers, grown when first needed. */
    private static final class Scratch {
        private final float[][] buf = new float[3][];

        float[] floats(int which, int n) {
            float[] b = buf[which];
            if (b == null || b.length < n) {
                b = new float[n];
                buf[which] = b;
            }
            return b;
        }
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
        int nb = o1 - o0;
        int[] nzIndex = new int[in.size()];
        float[] nzValue = new float[in.size()];
        float[] gT = new float[plane * nb];            // [oy][ox][o - o0] of one step
        for (int s = 0; s < count; s++) {
            float[] g = gradOut[s].data();
            Tensor xs = x[s];
            for (int t = 0; t < xs.steps(); t++) {
                int yb = t * outSize;
                int m = nonzeros(xs, t, nzIndex, nzValue);
                if (m > 0) {
                    for (int o = o0; o < o1; o++) {
                        int gb = yb + o * plane;
                        for (int p = 0; p < plane; p++) {
                            gT[p * nb + o - o0] = g[gb + p];
                        }
                    }
                }
                for (int j = 0; j < m; j++) {
                    int i = nzIndex[j];
                    float v = nzValue[j];
                    for (int e = tapStart[i]; e < tapStart[i + 1]; e++) {
                        int wr = tapW[e] + o0;
                        int gp = tapPos[e] * nb;
                        for (int o = 0; o < nb; o++) {
                            gw[wr + o] += v * gT[gp + o];
                        }
                    }
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
}
