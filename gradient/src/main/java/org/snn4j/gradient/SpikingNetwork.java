package org.snn4j.gradient;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.snn4j.Shape;
import org.snn4j.io.ModelData;

/**
 * A feed-forward sequence of differentiable {@link Layer}s over {@code steps} time steps of {@code dtMs} each.
 * Holds the topology and the parameters; all per-sample buffers live in a {@link Workspace}
 * ({@link #newWorkspace()}), one per sample processed at a time. Parameters must not change while passes run.
 */
public final class SpikingNetwork {
    private final Shape input;
    private final int steps;
    private final float dtMs;
    private final List<Layer> layers;
    private final List<Parameter> parameters;
    private final List<Parameter> buffers;

    private SpikingNetwork(Shape input, int steps, float dtMs, List<Layer> layers) {
        this.input = input;
        this.steps = steps;
        this.dtMs = dtMs;
        this.layers = List.copyOf(layers);
        List<Parameter> ps = new ArrayList<>();
        List<Parameter> bs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int l = 0; l < layers.size(); l++) {
            if (!names.add(layers.get(l).name())) {
                throw new IllegalArgumentException("layer name " + layers.get(l).name() + " is used twice");
            }
            ps.addAll(layers.get(l).parameters());
            bs.addAll(layers.get(l).buffers());
        }
        this.parameters = List.copyOf(ps);
        this.buffers = List.copyOf(bs);
    }

    /**
     * Starts a network.
     *
     * @param input shape of one input step
     * @param steps time steps per sample, &gt;= 1
     * @param dtMs  time step in ms, &gt; 0 (neuron models are built with the same value)
     * @return a builder
     */
    public static Builder builder(Shape input, int steps, float dtMs) {
        return new Builder(input, steps, dtMs);
    }

    /** Shape of one input step. */
    public Shape inputShape() {
        return input;
    }

    /** Shape of one output step. */
    public Shape outputShape() {
        return layers.get(layers.size() - 1).outputShape();
    }

    /** Time steps per sample. */
    public int steps() {
        return steps;
    }

    /** Time step in ms. */
    public float dtMs() {
        return dtMs;
    }

    /** The layers in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** Every trainable parameter, layer by layer. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Every buffer (learnt state outside the optimiser, e.g. batch-norm running statistics), layer by layer. */
    public List<Parameter> buffers() {
        return buffers;
    }

    /** Buffers for one sample: the input tensor to fill, every layer's output, gradients and scratch. */
    public Workspace newWorkspace() {
        return new Workspace(this);
    }

    /**
     * Runs the forward pass on {@code ws.input()}.
     *
     * @param ws   the sample's workspace (its input already filled); modified
     * @param pass training or inference
     * @return the output tensor (owned by the workspace)
     */
    public Tensor forward(Workspace ws, Pass pass) {
        forward(ws, pass, 0, layers.size());
        return ws.output();
    }

    /** Runs layers {@code [from, to)} of the forward pass of one sample. */
    void forward(Workspace ws, Pass pass, int from, int to) {
        for (int l = from; l < to; l++) {
            layers.get(l).forward(ws.activation(l), ws.activation(l + 1), ws.scratch(l), pass);
        }
    }

    /**
     * Runs the backward pass from {@code ws.outputGradient()} (set by a loss), leaving each layer's
     * {@code dL/d out} in the workspace for {@link Layer#computeGradients}. No gradient is computed for the input.
     *
     * @param ws the workspace of the last forward pass; modified
     */
    public void backward(Workspace ws) {
        backward(ws, 0, layers.size());
    }

    /**
     * Runs layers {@code [from, to)} of the backward pass of one sample, last layer first. A stride-1 convolution
     * followed by pooling takes its input gradient straight from the gradient after the pooling
     * ({@link Conv2d#backwardThroughPool}); the pooling layer's backward pass still writes the convolution's output
     * gradient, which its weight gradient reads.
     */
    void backward(Workspace ws, int from, int to) {
        for (int l = to - 1; l >= from; l--) {
            Tensor gIn = l == 0 ? null : ws.gradient(l);
            Layer layer = layers.get(l);
            if (gIn != null && l + 1 < layers.size() && layer instanceof Conv2d c && c.fusesPool(layers.get(l + 1))) {
                c.backwardThroughPool(ws.activation(l), (Pool2d) layers.get(l + 1), ws.gradient(l + 2), gIn,
                        ws.scratch(l));
            } else {
                layer.backward(ws.activation(l), ws.activation(l + 1), ws.gradient(l + 1), gIn, ws.scratch(l));
            }
        }
    }

    /**
     * The parameters and buffers as model data for core's {@link org.snn4j.io.ModelFile} (one array per parameter
     * or buffer, named as it, plus {@code gradient.steps} and {@code gradient.dtMs}); the layers themselves are code, so
     * a saved network is loaded into a network built by the same code ({@link #loadParameters}).
     *
     * @return new model data holding copies of the values
     */
    public ModelData toModelData() {
        ModelData d = new ModelData();
        d.putText("format", "snn4j-gradient");
        d.putInt("gradient.steps", steps);
        d.putReal("gradient.dtMs", dtMs);
        for (Parameter par : saved()) {
            d.putArray(par.name(), par.shape(), par.value().clone());
        }
        return d;
    }

    /**
     * Overwrites every parameter and buffer from model data written by {@link #toModelData()}. Every array is checked before
     * any is copied, so a bad model leaves the network unchanged.
     *
     * @param d the data; not modified
     * @throws IllegalArgumentException if a parameter is missing, has another shape or holds a NaN or infinite
     *                                  value (naming the array and the index)
     */
    public void loadParameters(ModelData d) {
        List<Parameter> all = saved();
        float[][] values = new float[all.size()][];
        for (int p = 0; p < all.size(); p++) {
            Parameter par = all.get(p);
            if (!d.arrayNames().contains(par.name())) {
                throw new IllegalArgumentException("model data has no array " + par.name());
            }
            float[] v = d.array(par.name(), par.shape());
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    throw new IllegalArgumentException("array " + par.name() + " value " + i + " must be finite, got "
                            + v[i]);
                }
            }
            values[p] = v;
        }
        for (int p = 0; p < all.size(); p++) {
            System.arraycopy(values[p], 0, all.get(p).value(), 0, values[p].length);
        }
    }

    /** Parameters, then buffers. */
    private List<Parameter> saved() {
        List<Parameter> all = new ArrayList<>(parameters);
        all.addAll(buffers);
        return all;
    }

    /** Builds a {@link SpikingNetwork}, checking that each layer's input shape is the previous one's output. */
    public static final class Builder {
        private final Shape input;
        private final int steps;
        private final float dtMs;
        private final List<Layer> layers = new ArrayList<>();

        private Builder(Shape input, int steps, float dtMs) {
            this.input = Objects.requireNonNull(input, "input");
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be >= 1, got " + steps);
            }
            if (!(dtMs > 0f) || !Float.isFinite(dtMs)) {
                throw new IllegalArgumentException("dtMs must be finite and > 0, got " + dtMs);
            }
            this.steps = steps;
            this.dtMs = dtMs;
        }

        /** The shape the next layer must accept. */
        public Shape currentShape() {
            return layers.isEmpty() ? input : layers.get(layers.size() - 1).outputShape();
        }

        /**
         * Appends a layer.
         *
         * @param layer the layer; its input shape must equal {@link #currentShape()}
         * @return this builder
         */
        public Builder add(Layer layer) {
            Objects.requireNonNull(layer, "layer");
            Shape cur = currentShape();
            if (!layer.inputShape().equals(cur)) {
                throw new IllegalArgumentException("layer " + layer.name() + " expects input " + layer.inputShape()
                        + ", got " + cur);
            }
            layers.add(layer);
            return this;
        }

        /** The network. */
        public SpikingNetwork build() {
            if (layers.isEmpty()) {
                throw new IllegalStateException("a network needs at least one layer");
            }
            return new SpikingNetwork(input, steps, dtMs, layers);
        }
    }
}
