package org.snn4j.gradient;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.snn4j.Shape;
import org.snn4j.internal.Checks;

/**
 * Batch normalisation (Ioffe and Szegedy 2015) over time: {@code y = gamma (x - mean) / sqrt(var + eps) + beta}
 * per group, where a group is a channel ({@link Axis#CHANNEL}, for convolution maps: its {@code H x W} positions)
 * or a single feature ({@link Axis#FEATURE}, for dense layers). In training, {@code mean} and {@code var} (biased)
 * are taken over the batch, the time steps and the positions of the group ({@code N = B T H W} values); at
 * inference the running statistics are used. The running statistics follow PyTorch's {@code BatchNorm}:
 * {@code running = (1 - momentum) running + momentum batch}, with the unbiased variance {@code var N / (N - 1)};
 * they are updated by every training pass.
 *
 * <p>In a spiking network the layer normalises the synaptic current between a {@link Dense} / {@link Conv2d}
 * (or a {@link Pool2d} of currents) and a {@link SpikingLayer}; in an ANN it sits before {@link Relu}. Either way
 * its output is real-valued. Parameters {@code NAME.weight} ({@code gamma}, 1 at start) and {@code NAME.bias}
 * ({@code beta}, 0), both of shape {@code {groups}}; buffers {@code NAME.runningMean} (0) and
 * {@code NAME.runningVar} (1), saved with the parameters ({@link SpikingNetwork#toModelData()}).
 *
 * <p>The training pass couples the samples of a batch ({@link BatchLayer}); every sum over the batch runs in
 * batch order, then time, then position, in double precision, split over groups only, so the result does not
 * depend on the thread count. Scale and shift fold into the preceding weights for inference
 * ({@link #inferenceScale()}, {@link #inferenceShift()}).
 */
public final class BatchNorm implements BatchLayer {
    /** What a statistic is shared by. */
    public enum Axis {
        /** One statistic per channel, over its {@code H x W} positions (after a convolution). */
        CHANNEL,
        /** One statistic per feature, i.e. per entry of a step (after a dense layer). */
        FEATURE
    }

    /** PyTorch's default {@code eps}. */
    public static final float DEFAULT_EPS = 1e-5f;
    /** PyTorch's default {@code momentum}. */
    public static final float DEFAULT_MOMENTUM = 0.1f;

    private final String name;
    private final Shape shape;
    private final Axis axis;
    private final int groups;
    private final int inner;
    private final float eps;
    private final float momentum;
    private final float[] gamma;
    private final float[] beta;
    private final float[] runningMean;
    private final float[] runningVar;
    private final List<Parameter> params;
    private final List<Parameter> buffers;
    private final int block;

    /**
     * Batch norm with PyTorch's defaults ({@code eps} 1e-5, {@code momentum} 0.1).
     *
     * @param name  layer name
     * @param shape input and output shape
     * @param axis  per channel or per feature
     */
    public BatchNorm(String name, Shape shape, Axis axis) {
        this(name, shape, axis, DEFAULT_EPS, DEFAULT_MOMENTUM);
    }

    /**
     * Batch norm.
     *
     * @param name     layer name
     * @param shape    input and output shape
     * @param axis     per channel or per feature
     * @param eps      added to the variance, finite and &gt; 0
     * @param momentum weight of a batch's statistics in the running statistics, in (0, 1]
     */
    public BatchNorm(String name, Shape shape, Axis axis, float eps, float momentum) {
        this.name = Objects.requireNonNull(name, "name");
        this.shape = Objects.requireNonNull(shape, "shape");
        this.axis = Objects.requireNonNull(axis, "axis");
        if (!(eps > 0f) || !Float.isFinite(eps)) {
            throw new IllegalArgumentException(name + ": eps must be finite and > 0, got " + eps);
        }
        if (!(momentum > 0f && momentum <= 1f)) {
            throw new IllegalArgumentException(name + ": momentum must be in (0, 1], got " + momentum);
        }
        this.eps = eps;
        this.momentum = momentum;
        this.groups = axis == Axis.CHANNEL ? shape.channels() : shape.size();
        this.inner = shape.size() / groups;
        this.gamma = new float[groups];
        this.beta = new float[groups];
        this.runningMean = new float[groups];
        this.runningVar = new float[groups];
        Arrays.fill(gamma, 1f);
        Arrays.fill(runningVar, 1f);
        int[] dims = {groups};
        this.params = List.of(new Parameter(name + ".weight", dims, gamma), new Parameter(name + ".bias", dims, beta));
        this.buffers = List.of(new Parameter(name + ".runningMean", dims, runningMean),
                new Parameter(name + ".runningVar", dims, runningVar));
        this.block = Math.max(1, (256 + inner - 1) / inner);
    }

    /** Per channel or per feature. */
    public Axis axis() {
        return axis;
    }

    /** Number of statistics (channels or features). */
    public int groups() {
        return groups;
    }

    /** The group of entry {@code i} of a step. */
    public int groupOf(int i) {
        return i / inner;
    }

    /** {@code eps}. */
    public float eps() {
        return eps;
    }

    /** {@code momentum}. */
    public float momentum() {
        return momentum;
    }

    /** {@code gamma} per group (the layer's own array). */
    public float[] gamma() {
        return gamma;
    }

    /** {@code beta} per group (the layer's own array). */
    public float[] beta() {
        return beta;
    }

    /** Running mean per group (the layer's own array). */
    public float[] runningMean() {
        return runningMean;
    }

    /** Running (unbiased) variance per group (the layer's own array). */
    public float[] runningVar() {
        return runningVar;
    }

    /** The inference pass as {@code y = scale x + shift}: {@code scale = gamma / sqrt(runningVar + eps)}. */
    public float[] inferenceScale() {
        float[] s = new float[groups];
        for (int g = 0; g < groups; g++) {
            s[g] = (float) (gamma[g] / Math.sqrt((double) runningVar[g] + eps));
        }
        return s;
    }

    /** The inference pass as {@code y = scale x + shift}: {@code shift = beta - scale runningMean}. */
    public float[] inferenceShift() {
        float[] s = inferenceScale();
        float[] b = new float[groups];
        for (int g = 0; g < groups; g++) {
            b[g] = beta[g] - s[g] * runningMean[g];
        }
        return b;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape inputShape() {
        return shape;
    }

    @Override
    public Shape outputShape() {
        return shape;
    }

    @Override
    public List<Parameter> parameters() {
        return params;
    }

    @Override
    public List<Parameter> buffers() {
        return buffers;
    }

    /** One sample's buffers: the normalised input and the batch's {@code 1 / sqrt(var + eps)} per group. */
    private static final class Scratch {
        final float[] xhat;
        final float[] invStd;

        Scratch(int steps, int size, int groups) {
            xhat = new float[Checks.arraySize("BatchNorm: steps x size", steps, size)];
            invStd = new float[groups];
        }
    }

    @Override
    public Object newScratch(int steps) {
        return new Scratch(steps, shape.size(), groups);
    }

    @Override
    public void forward(Tensor in, Tensor out, Object scratch, Pass pass) {
        if (pass.training()) {
            forwardBatch(new Tensor[] {in}, new Tensor[] {out}, new Object[] {scratch}, 1, BatchLoop.serial());
            return;
        }
        float[] scale = inferenceScale();
        float[] shift = inferenceShift();
        float[] x = in.data();
        float[] y = out.data();
        int size = shape.size();
        for (int t = 0; t < in.steps(); t++) {
            int base = t * size;
            for (int g = 0; g < groups; g++) {
                float a = scale[g];
                float b = shift[g];
                int lo = base + g * inner;
                for (int k = lo; k < lo + inner; k++) {
                    y[k] = a * x[k] + b;
                }
            }
        }
        out.markDense();
    }

    private int partitions() {
        return (groups + block - 1) / block;
    }

    @Override
    public void forwardBatch(Tensor[] in, Tensor[] out, Object[] scratch, int count, BatchLoop loop) {
        float[] mean = new float[groups];
        float[] invStd = new float[groups];
        int steps = in[0].steps();
        long n = (long) count * steps * inner;
        loop.forEach(partitions(), part -> {
            int g0 = part * block;
            int g1 = Math.min(groups, g0 + block);
            double[] sum = new double[g1 - g0];
            sumGroups(in, null, null, count, g0, g1, sum, null);
            for (int g = g0; g < g1; g++) {
                mean[g] = (float) (sum[g - g0] / n);
            }
            double[] ss = new double[g1 - g0];
            sumGroups(in, null, mean, count, g0, g1, ss, null);
            for (int g = g0; g < g1; g++) {
                double var = ss[g - g0] / n;
                invStd[g] = (float) (1.0 / Math.sqrt(var + eps));
                double unbiased = n > 1 ? var * n / (n - 1) : var;
                runningMean[g] = (1f - momentum) * runningMean[g] + momentum * mean[g];
                runningVar[g] = (float) ((1f - momentum) * runningVar[g] + momentum * unbiased);
            }
        });
        int size = shape.size();
        loop.forEach(count, s -> {
            Scratch sc = (Scratch) scratch[s];
            System.arraycopy(invStd, 0, sc.invStd, 0, groups);
            float[] x = in[s].data();
            float[] y = out[s].data();
            float[] xh = sc.xhat;
            for (int t = 0; t < steps; t++) {
                int base = t * size;
                for (int g = 0; g < groups; g++) {
                    float m = mean[g];
                    float is = invStd[g];
                    float a = gamma[g];
                    float b = beta[g];
                    int lo = base + g * inner;
                    for (int k = lo; k < lo + inner; k++) {
                        float h = (x[k] - m) * is;
                        xh[k] = h;
                        y[k] = a * h + b;
                    }
                }
            }
            out[s].markDense();
        });
    }

    /**
     * For groups {@code [g0, g1)}: {@code acc[g - g0] = sum} over samples (in order), steps and positions of
     * {@code x} (if {@code mean} is null), of {@code (x - mean[g])^2} (if {@code mean} is given), or, with
     * {@code a} as the output gradients: of {@code dy} into {@code acc} and of {@code dy xhat} into
     * {@code acc2}.
     */
    private void sumGroups(Tensor[] a, Object[] scratch, float[] mean, int count, int g0, int g1, double[] acc,
                           double[] acc2) {
        int size = shape.size();
        for (int s = 0; s < count; s++) {
            float[] v = a[s].data();
            float[] xh = scratch == null ? null : ((Scratch) scratch[s]).xhat;
            int steps = a[s].steps();
            for (int t = 0; t < steps; t++) {
                int base = t * size;
                for (int g = g0; g < g1; g++) {
                    int lo = base + g * inner;
                    double s1 = 0;
                    if (xh != null) {
                        double s2 = 0;
                        for (int k = lo; k < lo + inner; k++) {
                            s1 += v[k];
                            s2 += (double) v[k] * xh[k];
                        }
                        acc2[g - g0] += s2;
                    } else if (mean == null) {
                        for (int k = lo; k < lo + inner; k++) {
                            s1 += v[k];
                        }
                    } else {
                        double m = mean[g];
                        for (int k = lo; k < lo + inner; k++) {
                            double d = v[k] - m;
                            s1 += d * d;
                        }
                    }
                    acc[g - g0] += s1;
                }
            }
        }
    }

    @Override
    public void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, Object scratch) {
        backwardBatch(new Tensor[] {in}, new Tensor[] {out}, new Tensor[] {gradOut},
                gradIn == null ? null : new Tensor[] {gradIn}, new Object[] {scratch}, 1, BatchLoop.serial());
    }

    @Override
    public void backwardBatch(Tensor[] in, Tensor[] out, Tensor[] gradOut, Tensor[] gradIn, Object[] scratch,
                              int count, BatchLoop loop) {
        if (gradIn == null) {
            return;
        }
        float[] meanDy = new float[groups];
        float[] meanDyXhat = new float[groups];
        int steps = in[0].steps();
        long n = (long) count * steps * inner;
        loop.forEach(partitions(), part -> {
            int g0 = part * block;
            int g1 = Math.min(groups, g0 + block);
            double[] s1 = new double[g1 - g0];
            double[] s2 = new double[g1 - g0];
            sumGroups(gradOut, scratch, null, count, g0, g1, s1, s2);
            for (int g = g0; g < g1; g++) {
                meanDy[g] = (float) (s1[g - g0] / n);
                meanDyXhat[g] = (float) (s2[g - g0] / n);
            }
        });
        int size = shape.size();
        loop.forEach(count, s -> {
            Scratch sc = (Scratch) scratch[s];
            float[] dy = gradOut[s].data();
            float[] dx = gradIn[s].data();
            float[] xh = sc.xhat;
            for (int t = 0; t < steps; t++) {
                int base = t * size;
                for (int g = 0; g < groups; g++) {
                    float a = gamma[g] * sc.invStd[g];
                    float md = meanDy[g];
                    float mdx = meanDyXhat[g];
                    int lo = base + g * inner;
                    for (int k = lo; k < lo + inner; k++) {
                        dx[k] = a * (dy[k] - md - xh[k] * mdx);
                    }
                }
            }
            gradIn[s].markDense();
        });
    }

    @Override
    public int gradientPartitions() {
        return partitions();
    }

    @Override
    public void computeGradients(int partition, Tensor[] in, Tensor[] out, Tensor[] gradOut, Object[] scratch,
                                 int count) {
        int g0 = partition * block;
        int g1 = Math.min(groups, g0 + block);
        double[] s1 = new double[g1 - g0];
        double[] s2 = new double[g1 - g0];
        sumGroups(gradOut, scratch, null, count, g0, g1, s1, s2);
        float[] gGamma = params.get(0).grad();
        float[] gBeta = params.get(1).grad();
        for (int g = g0; g < g1; g++) {
            gGamma[g] = (float) s2[g - g0];
            gBeta[g] = (float) s1[g - g0];
        }
    }
}
