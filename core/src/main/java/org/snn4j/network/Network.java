package org.snn4j.network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.snn4j.Shape;
import org.snn4j.competition.Competition;
import org.snn4j.layer.Layer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.LearningRule;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.neuron.NeuronModel;

/**
 * A feed-forward chain of layers, built once with {@link #builder(Shape, float)}: the topology, the
 * weights (inside the layers), the competition and learning rule attached to each layer, and the step
 * length. Every shape is checked at {@link Builder#build()}. A network holds no simulation state: create
 * one {@link Simulation} per thread with {@link #newSimulation(long)}; simulations share the weights
 * read-only (learning modifies them, so learn on one simulation at a time).
 *
 * <pre>{@code
 * Network net = Network.builder(Shape.flat(1000), 0.1f)
 *         .add(SparseLayer.random("exc", Shape.flat(1000), Shape.flat(10_000), 0.1, 0.5f, new Lif(p), rng))
 *         .build();
 * Simulation sim = net.newSimulation(42);
 * PresentationResult r = sim.present(source);
 * }</pre>
 *
 * <p>Immutable (apart from the weights the layers own) and thread-safe.
 */
public final class Network {
    private final Shape inputShape;
    private final float dtMs;
    private final List<Layer> layers;
    private final Competition[] competitions;
    private final LearningRule[] rules;
    private final Map<String, Integer> index;
    private final float[][] offsets;
    /** Each layer's neuron model with {@link #dtMs} bound ({@link NeuronModel#bind}), or null. */
    private final NeuronModel[] bound;

    private Network(Builder b) {
        this.inputShape = b.inputShape;
        this.dtMs = b.dtMs;
        this.layers = Collections.unmodifiableList(new ArrayList<>(b.layers));
        this.competitions = new Competition[layers.size()];
        this.rules = new LearningRule[layers.size()];
        this.index = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            index.put(layers.get(i).name(), i);
        }
        for (Map.Entry<String, Competition> e : b.competitions.entrySet()) {
            competitions[index.get(e.getKey())] = e.getValue();
        }
        for (Map.Entry<String, LearningRule> e : b.rules.entrySet()) {
            rules[index.get(e.getKey())] = e.getValue();
        }
        this.bound = b.bound;
        this.offsets = new float[layers.size()][];
        for (int i = 0; i < layers.size(); i++) {
            if (competitions[i] != null && competitions[i].keepsThresholdOffset()) {
                offsets[i] = new float[layers.get(i).outputShape().size()];
            }
        }
    }

    /**
     * Starts a network whose input population has shape {@code input}, stepped every {@code dtMs} ms.
     *
     * @throws IllegalArgumentException if {@code dtMs} is not finite and > 0
     */
    public static Builder builder(Shape input, float dtMs) {
        return new Builder(input, dtMs);
    }

    /** The input population's shape. */
    public Shape inputShape() {
        return inputShape;
    }

    /**
     * Layer {@code i}'s neuron model bound to this network's step (computed at build), or null for a layer
     * without neurons; the simulations step it.
     */
    NeuronModel boundModel(int i) {
        return bound[i];
    }

    /** The step length, ms. */
    public float dtMs() {
        return dtMs;
    }

    /** The layers in order (unmodifiable). */
    public List<Layer> layers() {
        return layers;
    }

    /** Number of layers. */
    public int layerCount() {
        return layers.size();
    }

    /** The layer at {@code i}. */
    public Layer layer(int i) {
        return layers.get(i);
    }

    /**
     * The position of the layer called {@code name}.
     *
     * @throws IllegalArgumentException if there is none, listing the names
     */
    public int indexOf(String name) {
        Integer i = index.get(Objects.requireNonNull(name, "name"));
        if (i == null) {
            throw new IllegalArgumentException("no layer named " + name + "; layers are " + names());
        }
        return i;
    }

    /** The layer called {@code name}. */
    public Layer layer(String name) {
        return layers.get(indexOf(name));
    }

    /** The competition of layer {@code i}, or null. */
    public Competition competition(int i) {
        return competitions[Objects.checkIndex(i, competitions.length)];
    }

    /** The learning rule of layer {@code i}, or null. */
    public LearningRule learningRule(int i) {
        return rules[Objects.checkIndex(i, rules.length)];
    }

    /**
     * The threshold offsets (mV) every new {@link Simulation} of this network starts with in layer {@code i}: the
     * persistent homeostasis state, as restored from a network file ({@link NetworkFile}); zero in a network
     * built in code. Live array, or null if the layer's competition does not declare persistent offsets
     * ({@link Competition#keepsThresholdOffset()}). A simulation copies it
     * when it is created and keeps its own offsets from then on ({@link LayerState#thresholdOffsets()});
     * {@link NetworkFile#write(Simulation, java.nio.file.Path)} saves a simulation's offsets with the network.
     */
    public float[] thresholdOffsets(int i) {
        return offsets[Objects.checkIndex(i, offsets.length)];
    }

    private List<String> names() {
        List<String> n = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            n.add(layers.get(i).name());
        }
        return n;
    }

    /**
     * A new simulation with all the mutable state of one run, seeded with {@code seed} (same seed, same
     * results). Not thread-safe: one per thread.
     */
    public Simulation newSimulation(long seed) {
        return new Simulation(this, seed);
    }

    /** A description of the network, without a seed. */
    public NetworkDescription describe() {
        return describe(OptionalLong.empty());
    }

    NetworkDescription describe(OptionalLong seed) {
        List<LayerDescription> ds = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            NeuronModel m = l.neuronModel();
            ds.add(new LayerDescription(i, l.name(), l.getClass().getSimpleName(), l.inputShape(), l.outputShape(),
                    String.valueOf(l), m == null ? "" : m.toString(),
                    competitions[i] == null ? "" : competitions[i].toString(),
                    rules[i] == null ? "" : rules[i].toString()));
        }
        return new NetworkDescription(version(), inputShape, dtMs, seed, ds);
    }

    /** The snn4j version from the jar manifest, or {@code "dev"}. */
    public static String version() {
        String v = Network.class.getPackage() == null ? null : Network.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String toString() {
        return "Network[" + inputShape + " -> " + names() + ", dt " + dtMs + " ms]";
    }

    /**
     * Builds a {@link Network}: add layers in order, attach competitions and learning rules by layer name,
     * then {@link #build()}. Not thread-safe.
     */
    public static final class Builder {
        private final Shape inputShape;
        private final float dtMs;
        private NeuronModel[] bound;
        private final List<Layer> layers = new ArrayList<>();
        private final Map<String, Competition> competitions = new HashMap<>();
        private final Map<String, LearningRule> rules = new HashMap<>();

        private Builder(Shape inputShape, float dtMs) {
            this.inputShape = Objects.requireNonNull(inputShape, "input");
            if (!(dtMs > 0f) || !Float.isFinite(dtMs)) {
                throw new IllegalArgumentException("dtMs must be finite and > 0, got " + dtMs);
            }
            this.dtMs = dtMs;
        }

        /** Appends a layer; its input shape must be the previous layer's output (checked at build). */
        public Builder add(Layer layer) {
            layers.add(Objects.requireNonNull(layer, "layer"));
            return this;
        }

        /** Applies {@code competition} after every step of the layer called {@code layer}. */
        public Builder compete(String layer, Competition competition) {
            Objects.requireNonNull(layer, "layer");
            Objects.requireNonNull(competition, "competition");
            if (competitions.putIfAbsent(layer, competition) != null) {
                throw new IllegalArgumentException("layer " + layer + " already has a competition");
            }
            return this;
        }

        /** Trains the layer called {@code layer} (a {@link PlasticLayer}) with {@code rule}. */
        public Builder learn(String layer, LearningRule rule) {
            Objects.requireNonNull(layer, "layer");
            Objects.requireNonNull(rule, "rule");
            if (rules.putIfAbsent(layer, rule) != null) {
                throw new IllegalArgumentException("layer " + layer + " already has a learning rule");
            }
            return this;
        }

        /**
         * Checks the chain and builds the network.
         *
         * @throws IllegalArgumentException if there is no layer, a name is repeated, a layer's input shape is
         *                                  not its predecessor's output ("layer conv2 expects 30x16x16 input,
         *                                  got 30x14x14"), a competition or rule names no layer, or a rule is
         *                                  attached to a layer that is not plastic
         */
        public Network build() {
            if (layers.isEmpty()) {
                throw new IllegalArgumentException("a network needs at least one layer");
            }
            Map<String, Integer> seen = new HashMap<>();
            Shape prev = inputShape;
            String prevName = "the network input";
            for (int i = 0; i < layers.size(); i++) {
                Layer l = layers.get(i);
                String name = Objects.requireNonNull(l.name(), "name of layer " + i);
                if (seen.put(name, i) != null) {
                    throw new IllegalArgumentException("layer name " + name + " is used twice (layers "
                            + seen.get(name) + " and " + i + ")");
                }
                if (!prev.equals(l.inputShape())) {
                    throw new IllegalArgumentException("layer " + name + " expects " + l.inputShape()
                            + " input, got " + prev + " from " + prevName);
                }
                prev = Objects.requireNonNull(l.outputShape(), "output shape of layer " + name);
                prevName = "layer " + name;
            }
            bound = new NeuronModel[layers.size()];
            for (int i = 0; i < layers.size(); i++) {
                NeuronModel m = layers.get(i).neuronModel();
                if (m != null) {
                    try {
                        bound[i] = Objects.requireNonNull(m.bind(dtMs), "bind(dt) of " + m);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("layer " + layers.get(i).name() + ": " + e.getMessage(), e);
                    }
                }
            }
            for (String n : competitions.keySet()) {
                if (!seen.containsKey(n)) {
                    throw new IllegalArgumentException("competition attached to unknown layer " + n + "; layers are "
                            + seen.keySet());
                }
            }
            for (Map.Entry<String, Competition> e : competitions.entrySet()) {
                Layer l = layers.get(seen.get(e.getKey()));
                NeuronModel m = l.neuronModel();
                if (e.getValue().sendsInhibition() && (m == null || !m.acceptsInhibition())) {
                    throw new IllegalArgumentException("layer " + l.name() + ": competition " + e.getValue()
                            + " sends inhibitory input, but the layer's neuron model " + (m == null ? "(none: built-in "
                            + "firing)" : m.getClass().getSimpleName()) + " does not accept it "
                            + "(NeuronModel.acceptsInhibition())");
                }
            }
            for (String n : rules.keySet()) {
                Integer i = seen.get(n);
                if (i == null) {
                    throw new IllegalArgumentException("learning rule attached to unknown layer " + n
                            + "; layers are " + seen.keySet());
                }
                if (!(layers.get(i) instanceof PlasticLayer)) {
                    throw new IllegalArgumentException("layer " + n + " (" + layers.get(i).getClass().getSimpleName()
                            + ") is not a PlasticLayer, so it cannot learn");
                }
            }
            return new Network(this);
        }
    }
}
