package org.snn4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.snn4j.EventSource;
import org.snn4j.encoding.aer.BinnedEvents;
import org.snn4j.gradient.CoreExport;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.io.ModelFile;
import org.snn4j.learning.LearningCodecs;
import org.snn4j.monitor.SpikeCounts;
import org.snn4j.network.Network;
import org.snn4j.network.NetworkFile;
import org.snn4j.network.Simulation;

/**
 * Any core {@link Network} as a {@link Scoring.Model} for binned event rows ({@link EventFiles} with
 * {@link EventBins}): per partition one network is read from the model bytes and one {@link Simulation} made from it
 * (seed {@code seed}), reused for every row; each row's bins are presented ({@code Simulation.present}, inference),
 * the output layer's spikes counted ({@link SpikeCounts}); the prediction is the output neuron with the most spikes
 * (the lowest index on a tie, -1 if none fired), the synaptic events those of the presentation.
 *
 * <p>How the bytes become a network is the {@link Reader}: {@link #networkFile()} reads a whole saved network
 * ({@link NetworkFile}: {@code NetworkFile.write} / {@code toBytes}, with the core and learning codecs);
 * {@link #gradient(NmnistMlp)} rebuilds a network trained by the gradient module from its saved parameters and exports
 * it to core ({@link CoreExport}).
 *
 * <p>With {@code bins} the rows hold events rather than bins ({@code t, x, y, on, width, height}: {@link EventFiles}
 * with its events kept, or the Parquet {@code snn4j-spark convert} writes) and each row's events are binned with
 * {@code bins} before they are presented ({@link Scoring#scoreEvents} chooses the binning from the network's time step
 * and checks the input shape).
 *
 * @param reader how the model bytes become a network
 * @param seed   the simulation's seed (for networks with random parts)
 * @param bins   how each row's events are binned, or null if the rows are binned already ({@code offsets, inputs})
 */
public record CoreNetworkModel(Reader reader, long seed, EventBins bins) implements Scoring.Model {

    /** Reads a core network from a model file's bytes; serialisable (shipped to executors). */
    @FunctionalInterface
    public interface Reader extends Serializable {
        /**
         * Reads the network.
         *
         * @param modelFile the bytes; not modified
         * @return a new network
         * @throws IOException if the bytes are not a valid model
         */
        Network read(byte[] modelFile) throws IOException;
    }

    /** Checks the reader. */
    public CoreNetworkModel {
        Objects.requireNonNull(reader, "reader");
    }

    /** A model for rows binned already (no {@code bins}). */
    public CoreNetworkModel(Reader reader, long seed) {
        this(reader, seed, null);
    }

    /** A reader of network files ({@link NetworkFile#fromBytes}, with the learning module's codecs). */
    public static Reader networkFile() {
        return bytes -> NetworkFile.fromBytes(bytes, LearningCodecs.all());
    }

    /**
     * A reader of networks trained by the gradient module: the bytes are a model file of
     * {@code SpikingNetwork.toModelData()} (such as {@code snn4j-spark train --save}); the layers are rebuilt by
     * {@code mlp}'s code, the parameters loaded, and the network exported to core ({@link CoreExport}: LIF neurons
     * only, so {@code mlp.neuron()} must be {@link NmnistMlp.Neuron#LIF}).
     */
    public static Reader gradient(NmnistMlp mlp) {
        Objects.requireNonNull(mlp, "mlp");
        return bytes -> {
            SpikingNetwork net = mlp.network();
            net.loadParameters(ModelFile.fromBytes(bytes));
            return CoreExport.toNetwork(net);
        };
    }

    @Override
    public Scoring.Scorer open(byte[] modelFile) throws IOException {
        Network net = reader.read(modelFile);
        Simulation sim = net.newSimulation(seed);
        int last = net.layerCount() - 1;
        SpikeCounts counts = sim.attach(net.layer(last).name(),
                new SpikeCounts(net.layer(last).outputShape().size()));
        return row -> {
            BinnedEvents b = bins == null ? EventFiles.binned(row) : bins.apply(EventFiles.events(row));
            EventSource src = b.toEventSource().withDtMs(net.dtMs());
            long before = sim.totalSynapticEvents();
            sim.present(src);
            int[] c = counts.copy();
            int best = -1;
            for (int i = 0; i < c.length; i++) {
                if (c[i] > 0 && (best < 0 || c[i] > c[best])) {
                    best = i;
                }
            }
            return new Scoring.Score(best, c, sim.totalSynapticEvents() - before);
        };
    }
}
