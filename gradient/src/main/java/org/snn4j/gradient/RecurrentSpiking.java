package org.snn4j.gradient;

import org.snn4j.internal.Checks;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.snn4j.Shape;

/**
 * A recurrent spiking layer: {@code a[t][o] = sum_i x[t][i] w[i][o] + sum_j s[t-1][j] r[j][o]}, then the neurons
 * ({@link SurrogateNeuron}) turn {@code a} into spikes {@code s}. The backward pass runs through time through the
 * neurons and the recurrent weights: {@code dL/ds[t] += sum_o r[j][o] dL/da[t+1][o]}.
 *
 * <p>Parameters {@code NAME.weight} ({@code {nIn, n}}) and {@code NAME.recurrent} ({@code {n, n}}), [from][to]
 * layout. Binary inputs and the layer's own spikes are used event-driven, as in {@link Dense}.
 */
public final class RecurrentSpiking implements Layer {
    private final String name;
    private final Shape in;
    private final int nIn;
    private final int n;
    private final float[] w;
    private final float[] r;
    private final SurrogateNeuron neuron;
    private final List<Parameter> params;

    private static final class Scratch {
        final NeuronTrace trace;
        final float[] a;
        final float[] gs;
        final float[] ga;
        float[] wt;
        float[] rt;

        Scratch(NeuronTrace trace, int size) {
            this.trace = trace;
            this.a = new float[size];
            this.gs = new float[size];
            this.ga = new float[size];
        }
    }

    /**
     * A recurrent layer.
     *
     * @param name      layer name
     * @param in        input shape
     * @param n         neurons, &gt;= 1
     * @param neuron    neuron model
     * @param init      initialiser of the input weights ({@code fanIn = in.size()})
     * @param recurrent initialiser of the recurrent weights ({@code fanIn = n})
     * @param seed      seed of the initialisers
     */
    public RecurrentSpiking(String name, Shape in, int n, SurrogateNeuron neuron, Init init, Init recurrent,
                            long seed) {
        this.name = Objects.requireNonNull(name, "name");
        this.in = Objects.requireNonNull(in, "in");
        if (n < 1) {
            throw new IllegalArgumentException(name + ": n must be >= 1, got " + n);
        }
        this.nIn = in.size();
        this.n = n;
        this.neuron = Objects.requireNonNull(neuron, "neuron");
        this.w = new float[Checks.arraySize(name + ": weights nIn x n", nIn, n)];
        this.r = new float[Checks.arraySize(name + ": recurrent weights n x n", n, n)];
        SplittableRandom rng = new SplittableRandom(seed);
        Objects.requireNonNull(init, "init").fill(w, nIn, n, rng);
        Objects.requireNonNull(recurrent, "recurrent").fill(r, n, n, rng);
        this.params = List.of(new Parameter(name + ".weight", new int[] {nIn, n}, w),
                new Parameter(name + ".recurrent", new int[] {n, n}, r));
    }

    /** The input weights {@code [nIn][n]} (the layer's own array). */
    public float[] weights() {
        return w;
    }

    /** The recurrent weights {@code [n][n]}, [from][to] (the layer's own array). */
    public float[] recurrentWeights() {
        return r;
    }

    /** The neuron model. */
    public SurrogateNeuron neuron() {
        return neuron;
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
        return Shape.flat(n);
    }

    @Override
    public List<Parameter> parameters() {
        return params;
    }

    @Override
    public Object newScratch(int steps) {
        return new Scratch(neuron.newTrace(steps, n), steps * n);
    }

    @Override
    public void forward(Tensor x, Tensor out, Object scratch, Pass pass) {
        Scratch sc = (Scratch) scratch;
        float[] a = sc.a;
        float[] s = out.data();
        int steps = x.steps();
        for (int t = 0; t < steps; t++) {
            int off = t * n;
            java.util.Arrays.fill(a, off, off + n, 0f);
            DenseKernels.addInput(x, t, w, n, a, off);
            if (t > 0) {
                DenseKernels.addDense(s, off - n, n, r, n, a, off);
            }
            neuron.forwardStep(t, n, a, s, sc.trace);
        }
        if (neuron.forwardMode() == ForwardMode.SPIKES) {
            out.indexBinary();
        } else {
            out.markDense();
        }
    }

    @Override
    public void backward(Tensor x, Tensor out, Tensor gradOut, Tensor gradIn, Object scratch) {
        Scratch sc = (Scratch) scratch;
        float[] g = gradOut.data();
        float[] gs = sc.gs;
        float[] ga = sc.ga;
        float[] s = out.data();
        int steps = x.steps();
        sc.rt = DenseKernels.transpose(r, n, n, sc.rt);
        for (int t = steps - 1; t >= 0; t--) {
            int off = t * n;
            System.arraycopy(g, off, gs, off, n);
            if (t + 1 < steps) {
                DenseKernels.addInputGradient(sc.rt, n, n, ga, off + n, gs, off);
            }
            neuron.backwardStep(t, n, s, gs, ga, sc.trace);
        }
        if (gradIn != null) {
            float[] gx = gradIn.data();
            java.util.Arrays.fill(gx, 0f);
            sc.wt = DenseKernels.transpose(w, nIn, n, sc.wt);
            for (int t = 0; t < steps; t++) {
                DenseKernels.addInputGradient(sc.wt, nIn, n, ga, t * n, gx, t * nIn);
            }
            gradIn.markDense();
        }
    }

    @Override
    public int gradientPartitions() {
        return DenseKernels.partitions(n);
    }

    @Override
    public void computeGradients(int partition, Tensor[] x, Tensor[] out, Tensor[] gradOut, Object[] scratch,
                                 int count) {
        int o0 = partition * DenseKernels.BLOCK;
        int o1 = Math.min(n, o0 + DenseKernels.BLOCK);
        float[] gw = params.get(0).grad();
        float[] gr = params.get(1).grad();
        DenseKernels.clearColumns(gw, nIn, n, o0, o1);
        DenseKernels.clearColumns(gr, n, n, o0, o1);
        for (int smp = 0; smp < count; smp++) {
            float[] ga = ((Scratch) scratch[smp]).ga;
            int steps = x[smp].steps();
            for (int t = 0; t < steps; t++) {
                DenseKernels.addWeightGradient(x[smp], t, ga, t * n, gw, n, o0, o1);
                if (t > 0) {
                    DenseKernels.addWeightGradient(out[smp], t - 1, ga, t * n, gr, n, o0, o1);
                }
            }
        }
    }
}
