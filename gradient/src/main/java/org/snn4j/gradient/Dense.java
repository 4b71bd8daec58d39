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

    /** Per-sample buffer: the transposed weights for the input gradient (allocated when first needed). */
    private static final class Scratch {
        float[] wt;
    }

    @Override
    public Object newScratch(int steps) {
        return new Scratch();
    }

    @Override
    public void forward(Tensor x, Tensor out, Object scratch, Pass pass) {
        float[] a = out.data();
        int steps = x.steps();
        for (int t = 0; t < steps; t++) {
            int off = t * nOut;
            if (b != null) {
                System.arraycopy(b, 0, a, off, nOut);
            } else {
                java.util.Arrays.fill(a, off, off + nOut, 0f);
            }
            DenseKernels.addInput(x, t, w, nOut, a, off);
        }
        out.markDense();
    }

    @Override
    public void backward(Tensor x, Tensor out, Tensor gradOut, Tensor gradIn, Object scratch) {
        if (gradIn == null) {
            return;
        }
        Scratch sc = (Scratch) scratch;
        sc.wt = DenseKernels.transpose(w, nIn, nOut, sc.wt);
        float[] g = gradOut.data();
        float[] gx = gradIn.data();
        java.util.Arrays.fill(gx, 0f);
        DenseKernels.addInputGradientAllSteps(sc.wt, nIn, nOut, g, gx, x.steps());
        gradIn.markDense();
    }

    @Override
    public int gradientPartitions() {
        return DenseKernels.partitions(nOut);
    }

    @Override
    public void computeGradients(int partition, Tensor[] x, Tensor[] out, Tensor[] gradOut, Object[] scratch,
                                 int count) {
        int o0 = partition * DenseKernels.BLOCK;
        int o1 = Math.min(nOut, o0 + DenseKernels.BLOCK);
        float[] gw = params.get(0).grad();
        DenseKernels.clearColumns(gw, nIn, nOut, o0, o1);
        float[] gb = Parameter.clearedBiasGradient(params, o0, o1);
        for (int s = 0; s < count; s++) {
            float[] g = gradOut[s].data();
            int steps = x[s].steps();
            for (int t = 0; t < steps; t++) {
                int off = t * nOut;
                DenseKernels.addWeightGradient(x[s], t, g, off, gw, nOut, o0, o1);
                if (gb != null) {
                    for (int o = o0; o < o1; o++) {
                        gb[o] += g[off + o];
                    }
                }
            }
        }
    }
}
