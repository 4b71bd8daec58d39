package org.snn4j.network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.snn4j.Shape;
import org.snn4j.competition.Competition;
import org.snn4j.competition.CompetitionCodecs;
import org.snn4j.io.AtomicFiles;
import org.snn4j.io.Codec;
import org.snn4j.io.ModelFileException;
import org.snn4j.io.Persistent;
import org.snn4j.io.SectionFile;
import org.snn4j.io.SectionReader;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.Layer;
import org.snn4j.layer.LayerCodecs;
import org.snn4j.layer.LearningRule;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.neuron.NeuronCodecs;
import org.snn4j.synapse.SynapseCodecs;

/**
 * Saves and loads a whole {@link Network}: its input shape and step, every layer (topology, weights, neuron model
 * or built-in firing), competition and learning rule with their parameters, and the persistent threshold offsets
 * (homeostasis) of a simulation. Each component is a typed section of a {@link SectionFile} written by the
 * component's own {@link Codec} ({@link Persistent}), so any network composed of saveable parts round-trips with no
 * code of its own; versioned, CRC32-checked, written atomically.
 *
 * <pre>{@code
 * NetworkFile.write(sim, file);                                  // network + sim's persistent thresholds
 * Network net = NetworkFile.read(file, LearningCodecs.all());    // rules of snn4j-learning need their codecs
 * byte[] bytes = NetworkFile.toBytes(net);                       // to broadcast
 * Network copy = NetworkFile.fromBytes(bytes, LearningCodecs.all(), List.of(MyNeuron.CODEC));
 * NetworkFile.readInto(file, trained, LearningCodecs.all());     // weights + thresholds into a network built in code
 * }</pre>
 *
 * <p>The reader knows the codecs of core's components ({@link #coreCodecs()}); the codecs of other modules
 * ({@code org.snn4j.learning.LearningCodecs.all()}) and of a user's own components are passed explicitly. A section
 * whose type no codec reads gives {@link ModelFileException.Kind#UNKNOWN_SECTION} naming it; a damaged or forged file
 * gives only {@link ModelFileException} (see {@link SectionFile}). A component that is not {@link Persistent} (a layer
 * driven by a current function, a user's component without a codec) cannot be written: writing throws
 * {@link IllegalArgumentException} naming it.
 *
 * <p>What is not saved: the state of a presentation (membrane potentials, traces), simulations, monitors, seeds.
 * Learning rules save their parameters and the learning state they carry between samples (rate schedules,
 * sample counters) through their codecs. Stateless and thread-safe.
 */
public final class NetworkFile {
    private static final String ROOT = "network";

    /**
     * What a network file holds: the network and the components saved with it (for example the class assignment
     * of a spike-count read-out), in the order they were given.
     *
     * @param network the network
     * @param extras  the other saved components (unmodifiable)
     */
    public record Contents(Network network, List<Object> extras) {
        /** Copies the list. */
        public Contents {
            Objects.requireNonNull(network, "network");
            extras = List.copyOf(extras);
        }

        /**
         * The first extra component of class {@code type}.
         *
         * @throws IllegalArgumentException if there is none, listing what there is
         */
        public <T> T extra(Class<T> type) {
            for (Object o : extras) {
                if (type.isInstance(o)) {
                    return type.cast(o);
                }
            }
            List<String> kinds = new ArrayList<>();
            for (Object o : extras) {
                kinds.add(o.getClass().getSimpleName());
            }
            throw new IllegalArgumentException("the file holds no " + type.getSimpleName() + "; its extras are " + kinds);
        }
    }

    /** The root of a network file: the network, the threshold offsets to start simulations from, the extras. */
    private record Saved(Network network, float[][] offsets, List<?> extras) implements Persistent {
        @Override
        public Codec<?> codec() {
            return NETWORK;
        }
    }

    /** One layer with what is attached to it. */
    private record Stage(Layer layer, Competition competition, LearningRule rule, float[] offsets)
            implements Persistent {
        @Override
        public Codec<?> codec() {
            return STAGE;
        }
    }

    private static final Codec<Stage> STAGE = Codec.of("snn4j.network.Stage", Stage.class,
            (s, out) -> {
                out.putComponent("layer", s.layer()).putOptionalComponent("competition", s.competition())
                        .putOptionalComponent("rule", s.rule());
                if (s.offsets() != null) {
                    out.putFloats("thresholdOffsets", s.offsets());
                }
            },
            in -> new Stage(in.getComponent("layer", Layer.class),
                    in.getOptionalComponent("competition", Competition.class),
                    in.getOptionalComponent("rule", LearningRule.class),
                    in.has("thresholdOffsets") ? in.getFloats("thresholdOffsets") : null));

    private static final Codec<Saved> NETWORK = Codec.of("snn4j.Network", Saved.class,
            (s, out) -> {
                Network n = s.network();
                List<Stage> stages = new ArrayList<>(n.layerCount());
                for (int i = 0; i < n.layerCount(); i++) {
                    stages.add(new Stage(n.layer(i), n.competition(i), n.learningRule(i), s.offsets()[i]));
                }
                out.putComponent("input", n.inputShape()).putFloat("dtMs", n.dtMs()).putComponents("stages", stages);
                if (!s.extras().isEmpty()) {
                    out.putComponents("extras", s.extras());
                }
            },
            NetworkFile::readNetwork);

    private NetworkFile() {
    }

    /**
     * The codecs of core's components: shapes, layers ({@link LayerCodecs}), neuron models ({@link NeuronCodecs}),
     * competitions ({@link CompetitionCodecs}), synapse models and population layers ({@link SynapseCodecs}) and
     * the network itself. The reader always uses them.
     */
    public static List<Codec<?>> coreCodecs() {
        List<Codec<?>> all = new ArrayList<>();
        all.add(NETWORK);
        all.add(STAGE);
        all.add(Shape.CODEC);
        all.addAll(LayerCodecs.all());
        all.addAll(NeuronCodecs.all());
        all.addAll(CompetitionCodecs.all());
        all.addAll(SynapseCodecs.all());
        return List.copyOf(all);
    }

    private static Saved readNetwork(SectionReader in) throws ModelFileException {
        Network.Builder b = Network.builder(in.getComponent("input", Shape.class), in.getFloat("dtMs"));
        List<Stage> stages = in.getComponents("stages", Stage.class);
        for (Stage s : stages) {
            // the writer saves the offsets of every layer that keeps them: demand them (of the layer's size) before
            // the network allocates its own
            boolean keeps = s.competition() != null && s.competition().keepsThresholdOffset();
            int size = s.layer().outputShape().size();
            if (keeps && (s.offsets() == null || s.offsets().length != size)) {
                throw new IllegalArgumentException("layer " + s.layer().name() + " keeps threshold offsets, so its "
                        + "stage needs thresholdOffsets of " + size + " values, got "
                        + (s.offsets() == null ? "none" : s.offsets().length));
            }
        }
        for (Stage s : stages) {
            b.add(s.layer());
            if (s.competition() != null) {
                b.compete(s.layer().name(), s.competition());
            }
            if (s.rule() != null) {
                b.learn(s.layer().name(), s.rule());
            }
        }
        Network net = b.build();
        float[][] offsets = new float[stages.size()][];
        for (int i = 0; i < stages.size(); i++) {
            float[] saved = stages.get(i).offsets();
            float[] live = net.thresholdOffsets(i);
            if (saved != null && live != null) {
                if (saved.length != live.length) {
                    throw new IllegalArgumentException("layer " + net.layer(i).name() + ": " + saved.length
                            + " threshold offsets for " + live.length + " neurons");
                }
                System.arraycopy(saved, 0, live, 0, live.length);
            }
            offsets[i] = live;
        }
        List<Object> extras = in.has("extras") ? in.getComponents("extras", Object.class) : List.of();
        return new Saved(net, offsets, extras);
    }

    // ---- writing ----

    /**
     * The bytes of a network file of {@code network}, with the threshold offsets its simulations start from
     * ({@link Network#thresholdOffsets(int)}).
     *
     * @throws IllegalArgumentException if a component cannot be saved (not {@link Persistent}), naming it
     */
    public static byte[] toBytes(Network network) {
        return toBytes(network, List.of());
    }

    /**
     * {@link #toBytes(Network)} with other components saved alongside (each {@link Persistent}; read back with
     * {@link #contentsFromBytes}).
     */
    public static byte[] toBytes(Network network, List<?> extras) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(extras, "extras");
        float[][] offsets = new float[network.layerCount()][];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = network.thresholdOffsets(i);
        }
        return SectionFile.toBytes(new Saved(network, offsets, extras), ROOT);
    }

    /**
     * The bytes of a network file of {@code sim}'s network with {@code sim}'s persistent threshold offsets (the
     * homeostasis it has learned), for the layers whose offsets persist ({@link Simulation#keepsThresholdOffset}).
     *
     * @throws IllegalArgumentException if a component cannot be saved, naming it
     */
    public static byte[] toBytes(Simulation sim) {
        return toBytes(sim, List.of());
    }

    /** {@link #toBytes(Simulation)} with other components saved alongside (each {@link Persistent}). */
    public static byte[] toBytes(Simulation sim, List<?> extras) {
        Objects.requireNonNull(sim, "sim");
        Objects.requireNonNull(extras, "extras");
        Network network = sim.network();
        float[][] offsets = new float[network.layerCount()][];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = sim.keepsThresholdOffset(i) ? sim.state(i).thresholdOffsets() : network.thresholdOffsets(i);
        }
        return SectionFile.toBytes(new Saved(network, offsets, extras), ROOT);
    }

    /** Writes {@link #toBytes(Network)} to {@code file} atomically. */
    public static void write(Network network, Path file) throws IOException {
        byte[] bytes = toBytes(network);
        AtomicFiles.write(Objects.requireNonNull(file, "file"), bytes);
    }

    /** Writes {@link #toBytes(Simulation)} to {@code file} atomically. */
    public static void write(Simulation sim, Path file) throws IOException {
        write(sim, List.of(), file);
    }

    /** Writes {@link #toBytes(Simulation, List)} to {@code file} atomically. */
    public static void write(Simulation sim, List<?> extras, Path file) throws IOException {
        byte[] bytes = toBytes(sim, extras);
        AtomicFiles.write(Objects.requireNonNull(file, "file"), bytes);
    }

    // ---- reading ----

    /**
     * Decodes a network: new layers with the saved weights, competitions, rules, and the saved threshold offsets
     * as the start of every new simulation ({@link Network#thresholdOffsets(int)}).
     *
     * @param codecs codecs of components outside core (each list, e.g. {@code LearningCodecs.all()})
     * @throws ModelFileException if the bytes are not a valid network file, or a section has no codec
     */
    @SafeVarargs
    public static Network fromBytes(byte[] bytes, Collection<? extends Codec<?>>... codecs) throws ModelFileException {
        return contentsFromBytes(bytes, codecs).network();
    }

    /** The network and the extras saved with it ({@link #fromBytes(byte[], Collection[])}). */
    @SafeVarargs
    public static Contents contentsFromBytes(byte[] bytes, Collection<? extends Codec<?>>... codecs)
            throws ModelFileException {
        try {
            Saved s = SectionFile.fromBytes(bytes, Saved.class, ROOT, all(codecs));
            return new Contents(s.network(), new ArrayList<>(s.extras()));
        } catch (ModelFileException e) {
            throw hint(e);
        }
    }

    /**
     * Reads a network file ({@link #fromBytes(byte[], Collection[])}).
     *
     * @throws ModelFileException as {@code fromBytes}, the message starting with the file name
     * @throws IOException        if the file cannot be read
     */
    @SafeVarargs
    public static Network read(Path file, Collection<? extends Codec<?>>... codecs) throws IOException {
        return readContents(file, codecs).network();
    }

    /** The network and the extras saved with it ({@link #read(Path, Collection[])}). */
    @SafeVarargs
    public static Contents readContents(Path file, Collection<? extends Codec<?>>... codecs) throws IOException {
        try {
            Saved s = SectionFile.read(file, Saved.class, ROOT, all(codecs));
            return new Contents(s.network(), new ArrayList<>(s.extras()));
        } catch (ModelFileException e) {
            throw hint(e);
        }
    }

    /**
     * Loads the weights and threshold offsets of a saved network into {@code target}, a network of the same
     * structure built in code: the same step length and the same layers (name, kind, input and output shape) in the
     * same order. Copies every
     * plastic layer's weights (and a dense layer's recurrent weights) and the offsets new simulations start from;
     * the parameters of models, competitions and rules stay those of {@code target}. Simulations created before
     * the call keep their own offsets.
     *
     * @throws ModelFileException {@link ModelFileException.Kind#MISMATCH} naming the first layer whose name, kind
     *                            or shape differs (nothing is copied then), or any error of {@code fromBytes}
     */
    @SafeVarargs
    public static void readInto(byte[] bytes, Network target, Collection<? extends Codec<?>>... codecs)
            throws ModelFileException {
        Objects.requireNonNull(target, "target");
        copy(fromBytes(bytes, codecs), target);
    }

    /** {@link #readInto(byte[], Network, Collection[])} from a file. */
    @SafeVarargs
    public static void readInto(Path file, Network target, Collection<? extends Codec<?>>... codecs)
            throws IOException {
        Objects.requireNonNull(target, "target");
        Network saved = read(file, codecs);
        try {
            copy(saved, target);
        } catch (ModelFileException e) {
            throw new ModelFileException(e.kind(), e.offset(), e.field(), file + ": " + e.detail());
        }
    }

    private static void copy(Network saved, Network target) throws ModelFileException {
        if (saved.dtMs() != target.dtMs()) {
            throw mismatch("network", "saved network steps " + saved.dtMs() + " ms, target " + target.dtMs() + " ms");
        }
        if (!saved.inputShape().equals(target.inputShape()) || saved.layerCount() != target.layerCount()) {
            throw mismatch("network", "saved network " + saved.inputShape() + " -> " + saved.layerCount()
                    + " layers, target " + target.inputShape() + " -> " + target.layerCount() + " layers");
        }
        for (int i = 0; i < saved.layerCount(); i++) {
            Layer s = saved.layer(i);
            Layer t = target.layer(i);
            String where = "layer " + i + " (" + t.name() + ")";
            if (!s.name().equals(t.name()) || s.getClass() != t.getClass()) {
                throw mismatch(where, "saved " + s.getClass().getSimpleName() + " '" + s.name() + "', target "
                        + t.getClass().getSimpleName() + " '" + t.name() + "'");
            }
            if (!s.inputShape().equals(t.inputShape()) || !s.outputShape().equals(t.outputShape())) {
                throw mismatch(where, "saved shape " + s.inputShape() + " -> " + s.outputShape() + ", target "
                        + t.inputShape() + " -> " + t.outputShape());
            }
            if (s instanceof PlasticLayer sp
                    && sp.weightsView().remaining() != ((PlasticLayer) t).weightsView().remaining()) {
                throw mismatch(where, "saved " + sp.weightsView().remaining() + " weights, target "
                        + ((PlasticLayer) t).weightsView().remaining());
            }
            if (s instanceof DenseLayer sd && sd.hasRecurrentWeights() != ((DenseLayer) t).hasRecurrentWeights()) {
                throw mismatch(where, "recurrent weights in only one of saved and target");
            }
            float[] so = saved.thresholdOffsets(i);
            float[] to = target.thresholdOffsets(i);
            if (so != null && to == null) {
                throw mismatch(where, "saved threshold offsets, but no component of the target layer keeps them");
            }
        }
        for (int i = 0; i < saved.layerCount(); i++) {
            Layer s = saved.layer(i);
            Layer t = target.layer(i);
            if (s instanceof PlasticLayer sp) {
                float[] tw = ((PlasticLayer) t).weights();
                sp.weightsView().get(tw);
                if (t instanceof Conv2dLayer c) {
                    c.weightsChanged(); // written after weights() handed the array out: drop derived caches
                } else if (t instanceof DenseLayer d) {
                    d.weightsChanged();
                }
            }
            if (s instanceof DenseLayer sd && sd.hasRecurrentWeights()) {
                float[] tr = ((DenseLayer) t).recurrentWeights();
                sd.recurrentWeightsView().get(tr);
                ((DenseLayer) t).weightsChanged();
            }
            float[] so = saved.thresholdOffsets(i);
            float[] to = target.thresholdOffsets(i);
            if (to != null) {
                if (so != null) {
                    System.arraycopy(so, 0, to, 0, to.length);
                } else {
                    Arrays.fill(to, 0f);
                }
            }
        }
    }

    /** Adds where snn4j's own codecs outside core are to an unknown-section error. */
    private static ModelFileException hint(ModelFileException e) {
        if (e.kind() == ModelFileException.Kind.UNKNOWN_SECTION && e.detail().contains("'snn4j.learning.")) {
            return new ModelFileException(e.kind(), e.offset(), e.field(), e.detail()
                    + " (snn4j's learning rules: org.snn4j.learning.LearningCodecs.all())");
        }
        return e;
    }

    private static ModelFileException mismatch(String where, String message) {
        return new ModelFileException(ModelFileException.Kind.MISMATCH, -1, where, message);
    }

    @SafeVarargs
    private static List<Codec<?>> all(Collection<? extends Codec<?>>... extra) {
        List<Codec<?>> all = new ArrayList<>(coreCodecs());
        for (Collection<? extends Codec<?>> c : extra) {
            all.addAll(Objects.requireNonNull(c, "codecs"));
        }
        return all;
    }
}
