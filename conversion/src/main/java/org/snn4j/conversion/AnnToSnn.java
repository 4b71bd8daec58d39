package org.snn4j.conversion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.snn4j.Shape;
import org.snn4j.gradient.Conv2d;
import org.snn4j.gradient.Dense;
import org.snn4j.gradient.Dropout;
import org.snn4j.gradient.Flatten;
import org.snn4j.gradient.Layer;
import org.snn4j.gradient.Pass;
import org.snn4j.gradient.Pool2d;
import org.snn4j.gradient.Relu;
import org.snn4j.gradient.Samples;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.gradient.Tensor;
import org.snn4j.gradient.Workspace;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.neuron.BiasCurrent;
import org.snn4j.neuron.NeuronModel;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;
import org.snn4j.neuron.ResetMode;
import org.snn4j.neuron.ThresholdComparison;

/**
 * ANN-to-SNN conversion (Diehl et al. 2015, DOI 10.1109/IJCNN.2015.7280696; Rueckauer et al. 2017, DOI
 * 10.3389/fnins.2017.00682): a ReLU network trained with snn4j-gradient's own trainer (layers {@link Conv2d},
 * {@link Dense}, {@link Pool2d}, {@link Relu}, {@link Flatten}, {@link Dropout}; one time step) becomes a network of
 * core layers with integrate-and-fire neurons that runs on the event-driven engine.
 *
 * <h2>The method</h2>
 * <ul>
 *   <li>Each convolution or dense layer followed by a ReLU becomes a {@link Conv2dLayer} / {@link DenseLayer} of
 *       {@link PerfectIf} neurons with threshold 1 and <b>reset by subtraction</b> (the rate of such a neuron over
 *       {@code T} steps approximates its clipped ReLU activation with an error below {@code 1 / T}).</li>
 *   <li><b>Biases as constant currents</b>: a bias {@code b} becomes a {@link BiasCurrent} adding {@code b} to the
 *       potential at every step.</li>
 *   <li><b>Data-based normalisation</b>: the activations of every layer are recorded on calibration samples;
 *       {@code lambda} is their maximum or a percentile ({@link Normalisation}); weights are multiplied by
 *       {@code lambda_prev / lambda} and biases divided by {@code lambda} ({@code lambda} of the input: 1, for
 *       inputs in [0, 1]).</li>
 *   <li><b>Average pooling as a fixed-weight convolution</b>: a {@link Pool2d} becomes a {@link Conv2dLayer} with
 *       kernel and stride {@code k} and weight {@code 1 / k^2} (sum pooling: 1) from each channel to itself, with
 *       IF neurons, normalised like any layer.</li>
 *   <li>The last layer (the logits) integrates without firing: its neurons' potentials are the sum over time of
 *       the logits' input, and the class is the largest potential at any step {@code T}.</li>
 *   <li>Batch normalisation: snn4j-gradient has no batch-norm layer, so there is nothing to fold; max pooling is
 *       refused (snn4j-gradient has none, and a spiking max needs a gating method this class does not
 *       implement); so is any spiking or recurrent layer.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe (the ANN's parameters must not change during a conversion).
 */
public final class AnnToSnn {
    private AnnToSnn() {
    }

    /** A synaptic stage of the ANN: its layer (Conv2d, Dense or Pool2d), whether a ReLU follows, its output. */
    static final class Stage {
        final Layer layer;
        final int layerIndex;
        boolean relu;
        int outAct;          // index in the workspace of the stage's (post-ReLU) output

        Stage(Layer layer, int layerIndex) {
            this.layer = layer;
            this.layerIndex = layerIndex;
            this.outAct = layerIndex + 1;
        }
    }

    static IllegalArgumentException refuse(Layer l, String why) {
        return new IllegalArgumentException("layer " + l.name() + " (" + l.getClass().getSimpleName()
                + ") cannot be converted: " + why);
    }

    /** The ANN's synaptic stages, checking the layer types and order. */
    static List<Stage> stages(SpikingNetwork ann) {
        if (ann.steps() != 1) {
            throw new IllegalArgumentException("an ANN to convert runs one time step; this network has " + ann.steps()
                    + " (train it with steps = 1 and Relu layers)");
        }
        List<Stage> stages = new ArrayList<>();
        List<Layer> layers = ann.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l instanceof Conv2d || l instanceof Dense || l instanceof Pool2d) {
                if (!stages.isEmpty() && !stages.get(stages.size() - 1).relu) {
                    throw refuse(l, "the layer before it, " + stages.get(stages.size() - 1).layer.name()
                            + ", has no ReLU; integrate-and-fire neurons only represent non-negative activations");
                }
                if (l instanceof Pool2d && stages.isEmpty()) {
                    throw refuse(l, "a network must start with a convolution or dense layer");
                }
                Stage st = new Stage(l, i);
                st.relu = l instanceof Pool2d;       // pooling of ReLU outputs is non-negative already
                stages.add(st);
            } else if (l instanceof Relu) {
                if (stages.isEmpty()) {
                    throw refuse(l, "a ReLU must follow a convolution, dense or pooling layer");
                }
                Stage s = stages.get(stages.size() - 1);
                s.relu = true;
                s.outAct = i + 1;
            } else if (l instanceof Flatten || l instanceof Dropout) {
                if (!stages.isEmpty() && stages.get(stages.size() - 1).outAct == i) {
                    stages.get(stages.size() - 1).outAct = i + 1;    // identity at inference
                }
            } else {
                throw refuse(l, "only Conv2d, Dense, Pool2d (sum or average), Relu, Flatten and Dropout convert (max"
                        + " pooling and spiking or recurrent layers have no rate-preserving integrate-and-fire form here)");
            }
        }
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("the network has no Conv2d or Dense layer to convert");
        }
        Stage last = stages.get(stages.size() - 1);
        if (last.layer instanceof Pool2d) {
            throw refuse(last.layer, "the last synaptic layer must be a Conv2d or Dense (the logits)");
        }
        return stages;
    }

    /**
     * Converts {@code ann}, normalising with the first {@code options.calibrationSamples()} samples of
     * {@code calibration} (training data).
     *
     * @throws IllegalArgumentException naming the layer that cannot be converted
     */
    public static ConvertedNetwork convert(SpikingNetwork ann, Samples calibration, ConversionOptions options) {
        Objects.requireNonNull(ann, "ann");
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(options, "options");
        List<Stage> stages = stages(ann);
        double[] lambda = scales(ann, stages, calibration, options);
        List<org.snn4j.layer.Layer> layers = new ArrayList<>();
        Shape in = ann.inputShape();
        double prev = 1.0;
        for (int k = 0; k < stages.size(); k++) {
            Stage s = stages.get(k);
            boolean last = k == stages.size() - 1;
            double lam = last ? 1.0 : lambda[k];
            org.snn4j.layer.Layer l = build(s.layer, in, prev / lam, 1.0 / lam, last, options.dtMs());
            layers.add(l);
            in = l.outputShape();
            prev = lam;
        }
        double[] lam = Arrays.copyOf(lambda, stages.size() - 1);
        return new ConvertedNetwork(ann, stages.get(0).layer, layers, lam, options);
    }

    /** The neuron model of a converted layer: IF with reset by subtraction, or the non-firing read-out. */
    static NeuronModel model(boolean readout, float[] biasPerNeuron) {
        PerfectIfParameters p = readout
                ? new PerfectIfParameters(Float.MAX_VALUE, 0f, ResetMode.NONE, 0f, false,
                ThresholdComparison.GREATER_OR_EQUAL)
                : new PerfectIfParameters(1f, 0f, ResetMode.SUBTRACT, 0f, false, ThresholdComparison.GREATER_OR_EQUAL);
        NeuronModel m = new PerfectIf(p);
        if (biasPerNeuron != null) {
            for (float b : biasPerNeuron) {
                if (b != 0f) {
                    return new BiasCurrent(m, biasPerNeuron);
                }
            }
        }
        return m;
    }

    /** The per-neuron current (mV/ms) of a per-channel bias scaled by {@code f}, for {@code out} neurons. */
    static float[] biasCurrent(float[] bias, Shape out, double f, float dtMs) {
        if (bias == null) {
            return null;
        }
        float[] c = new float[out.size()];
        int map = out.height() * out.width();
        boolean perChannel = bias.length == out.channels() && out.size() != bias.length;
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) (bias[perChannel ? i / map : i] * f / dtMs);
        }
        return c;
    }

    private static org.snn4j.layer.Layer build(Layer src, Shape in, double wScale, double bScale, boolean readout,
                                               float dtMs) {
        if (src instanceof Conv2d) {
            Conv2d c = (Conv2d) src;
            Shape out = c.outputShape();
            Conv2dLayer l = Conv2dLayer.builder(c.name(), in, out.channels(), c.kernelSize(), c.kernelSize())
                    .stride(c.stride()).padding(c.padding())
                    .neurons(model(readout, biasCurrent(c.bias(), out, bScale, dtMs))).build();
            copyScaled(c.weights(), l.weights(), wScale);
            return l;
        }
        if (src instanceof Dense) {
            Dense d = (Dense) src;
            int nOut = d.outputShape().size();
            DenseLayer l = DenseLayer.builder(d.name(), in, nOut)
                    .neurons(model(readout, biasCurrent(d.bias(), Shape.flat(nOut), bScale, dtMs))).build();
            copyScaled(d.weights(), l.weights(), wScale);
            return l;
        }
        Pool2d p = (Pool2d) src;
        double[] ks = probe(p);
        int k = (int) ks[0];
        int ch = in.channels();
        float f = (float) (ks[1] * wScale);
        Conv2dLayer l = Conv2dLayer.builder(p.name(), in, ch, k, k).stride(k).neurons(model(false, null)).build();
        for (int c = 0; c < ch; c++) {
            for (int y = 0; y < k; y++) {
                for (int x = 0; x < k; x++) {
                    l.setWeight(c, c, y, x, f);
                }
            }
        }
        return l;
    }

    /**
     * The window size and the scale (1 for sum, {@code 1/k^2} for average) of a pooling layer, measured through its
     * forward pass with unit inputs (Pool2d exposes neither).
     */
    static double[] probe(Pool2d p) {
        Shape in = p.inputShape();
        Tensor x = new Tensor(1, in);
        Tensor y = new Tensor(1, p.outputShape());
        Object scratch = p.newScratch(1);
        float scale = 0f;
        int k = 0;
        for (int r = 0; r < in.height(); r++) {
            java.util.Arrays.fill(x.data(), 0f);
            x.data()[in.index(0, r, 0)] = 1f;
            x.markDense();
            p.forward(x, y, scratch, Pass.inference());
            float v = y.data()[0];
            if (v == 0f) {
                break;
            }
            scale = v;
            k = r + 1;
        }
        if (k == 0) {
            throw refuse(p, "its forward pass gives no output for a unit input");
        }
        return new double[] {k, scale};
    }

    private static void copyScaled(float[] src, float[] dst, double f) {
        if (src.length != dst.length) {
            throw new IllegalStateException("weight layouts differ: " + src.length + " vs " + dst.length);
        }
        for (int i = 0; i < src.length; i++) {
            dst[i] = (float) (src[i] * f);
        }
    }

    /** lambda of every stage but the last, from the calibration activations. */
    static double[] scales(SpikingNetwork ann, List<Stage> stages, Samples data, ConversionOptions o) {
        int n = Math.min(o.calibrationSamples(), data.size());
        if (n < 1) {
            throw new IllegalArgumentException("the calibration set is empty");
        }
        int m = stages.size() - 1;
        double[] max = new double[m];
        FloatList[] values = new FloatList[m];
        for (int k = 0; k < m; k++) {
            values[k] = new FloatList();
        }
        Workspace ws = ann.newWorkspace();
        for (int i = 0; i < n; i++) {
            data.load(i, ws.input());
            ann.forward(ws, Pass.inference());
            for (int k = 0; k < m; k++) {
                Tensor t = ws.activation(stages.get(k).outAct);
                float[] a = t.data();
                int size = t.size() * t.steps();
                for (int j = 0; j < size; j++) {
                    float v = a[j];
                    if (v > 0f) {
                        if (v > max[k]) {
                            max[k] = v;
                        }
                        if (o.normalisation() == Normalisation.PERCENTILE) {
                            values[k].add(v);
                        }
                    }
                }
            }
        }
        double[] lambda = new double[m];
        for (int k = 0; k < m; k++) {
            double l = o.normalisation() == Normalisation.MAX ? max[k] : values[k].percentile(o.percentile());
            lambda[k] = l > 0 ? l : 1.0;   // a layer that never fired on the calibration data keeps its scale
        }
        return lambda;
    }

    /** A growable float array with a percentile. */
    static final class FloatList {
        float[] a = new float[1024];
        int n;

        void add(float v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, 2 * n);
            }
            a[n++] = v;
        }

        /** The {@code p}-th percentile (nearest rank), or 0 if empty. */
        double percentile(double p) {
            if (n == 0) {
                return 0;
            }
            float[] s = Arrays.copyOf(a, n);
            Arrays.sort(s);
            // nearest rank ceil(p / 100 * n), with a tolerance so that a rank that is a whole number in decimal
            // (99.9 % of 3,000 = 2,997) is not pushed up by the binary rounding of p
            double x = p / 100.0 * n;
            int r = (int) Math.ceil(x - 1e-9 * Math.max(1.0, x)) - 1;
            return s[Math.max(0, Math.min(n - 1, r))];
        }
    }
}
