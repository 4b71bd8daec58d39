package org.snn4j.gradient;

import org.snn4j.internal.Checks;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.snn4j.Shape;

/**
 * All-to-all synapses: {@code a[t][o] = b[o] + sum_i x[t][i] w[i][o]}, applied at every step; the output is the
 * input current of the next (neuron) layer, or of {@link Relu} for a non-spiking network.
 *
 * <p>Weights {@code w[i * nOut + o]} ([input][output], shape {@code {nIn, nOut}}): a spike of input {@code i} adds
 * one contiguous row. When the input is a binary tensor, the forward pass and the weight gradient touch only the
 * inputs that spiked at each step (cost: events x nOut instead of steps x nIn x nOut). Parameters are
 * {@code NAME.weight} and, if enabled, {@code NAME.bias}. Thread-safe for concurrent passes of different samples.
 */
public final class Dense implements Layer {
    private final String name;
    private final Shape in;
    private final int nIn;
    private final int nOut;
    private final float[] w;
    private final float[] b;
    private final List<Parameter> params;
    /**
     * Transposed copy of the weights while a {@link Trainer} holds them fixed ({@link #fixWeights}), else null: the
     * input gradient of every sample of a batch then reads it instead of transposing the weights per sample.
     */
    private float[] fixedWt;
    private float[] wtBuffer;

    /**
     * A dense layer with initialised weights and a zero bias.
     *
     * @param name  layer name
     * @param in    input shape (flattened in CHW order)
     * @param nOut  outputs, &gt;= 1
     * @param bias  whether to learn a bias
     * @param init  weight initialiser ({@code fanIn = in.size()})
     * @param seed  seed of the initialiser
     */
    public Dense(String name, Shape in, int nOut, boolean bias, Init init, long seed) {
        this.name = Objects.requireNonNull(name, "name");
        this.in = Objects.requireNonNull(in, "in");
        if (nOut < 1) {
            throw new IllegalArgumentException(name + ": nOut must be >= 1, got " + nOut);
        }
        this.nIn = in.size();
        this.nOut = nOut;
        this.w = new float[Checks.arraySize(name + ": weights nIn x nOut", nIn, nOut)];
        Objects.requireNonNull(init, "init").fill(w, nIn, nOut, new SplittableRandom(seed));
        this.b = bias ? new float[nOut] : null;
        this.params = Parameter.weightAndBias(name, new int[] {nIn, nOut}, w, b);
    }

    /** The weights {@code [nIn][nOut]} (the layer's own array). */
    public float[] weights() {
        return w;
    }

    /** The bias (the layer's own array), or {@code null}. */
    public float[] bias() {
        return b;
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
        return Shape.flat(nOut);
    }

    @Override
    public List<Parameter> parameters() {
        return params;
    }

    /** Per-sample buffers: the input grouped by input, the transposed weights when no fixed copy exists. */
    private static final class Scratch {
        final InputLists lists = new InputLists();
        float[] wt;
    }

    @Override
    public Object newScratch(int steps) {
        return new Scratch();
    }

    /** The weights will not change until {@link #releaseWeights()}: keep their transpose for the backward passes. */
    void fixWeights() {
        wtBuffer = DenseKernels.transpose(w, nIn, nOut, wtBuffer);
        fixedWt = wtBuffer;
    }

    /** The weights may change again: backward passes transpose them per sample. */
    void releaseWeights() {
        fixedWt = null;
    }

    @Override
    public void forward(Tensor x, Tensor out, Object scratch, Pass pass) {
        Scratch sc = scratch != null ? (Scratch) scratch : new Scratch();
        float[] a = out.data();
        int steps = x.steps();
        for (int t = 0; t < steps; t++) {
            int off = t * nOut;
            if (b != null) {
                System.arraycopy(b, 0, a, off, nOut);
            } else {
                java.util.Arrays.fill(a, off, off + nOut, 0f);
            }
        }
        sc.lists.fill(x);
        DenseKernels.addInputAllSteps(sc.lists, w, nOut, a);
        out.markDense();
    }

    @Override
    public void backward(Tensor x, Tensor out, Tensor gradOut, Tensor gradIn, Object scratch) {
        if (gradIn == null) {
            return;
        }
        float[] wt = fixedWt;
        if (wt == null) {
            Scratch sc = scratch != null ? (Scratch) scratch : new Scratch();
            sc.wt = DenseKernels.transpose(w, nIn, nOut, sc.wt);
            wt = sc.wt;
        }
        float[] g = gradOut.data();
        float[] gx = gradIn.data();
        java.util.Arrays.fill(gx, 0f);
        DenseKernels.addInputGradientAllSteps(wt, nIn, nOut, g, gx, x.steps());
        gradIn.markDense();
    }

    /** Row partitions of the weight gradient, then one for the bias if there is one. */
    @Override
    public int gradientPartitions() {
        return DenseKernels.rowPartitions(nIn, nOut) + (b != null ? 1 : 0);
    }

    @Override
    public void computeGradients(int partition, Tensor[] x, Tensor[] out, Tensor[] gradOut, Object[] scratch,
                                 int count) {
        int parts = DenseKernels.rowPartitions(nIn, nOut);
        if (partition < parts) {
            float[][] g = new float[count][];
            for (int s = 0; s < count; s++) {
                g[s] = gradOut[s].data();
            }
            int i0 = DenseKernels.partitionRow(partition, parts, nIn);
            int i1 = DenseKernels.partitionRow(partition + 1, parts, nIn);
            DenseKernels.weightGradientRows(x, g, count, params.get(0).grad(), nOut, i0, i1);
            return;
        }
        float[] gb = Parameter.clearedBiasGradient(params, 0, nOut);
        for (int s = 0; s < count; s++) {
            float[] g = gradOut[s].data();
            int steps = x[s].steps();
            for (int t = 0; t < steps; t++) {
                int off = t * nOut;
                for (int o = 0; o < nOut; o++) {
                    gb[o] += g[off + o];
                }
            }
        }
    }
}
