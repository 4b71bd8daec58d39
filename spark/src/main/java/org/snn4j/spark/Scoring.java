package org.snn4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.snn4j.encoding.aer.PolarityMode;
import org.snn4j.network.Network;
import org.snn4j.network.NetworkFile;
import org.snn4j.network.Simulation;

/**
 * Distributed inference and evaluation with a saved snn4j model: the model file's bytes are broadcast once; each
 * partition opens one {@link Scorer} from them (a network and its simulation state) and reuses it for every row of
 * the partition; each row gets the prediction, the output spike counts and the synaptic events. {@link #accuracy}
 * and {@link #confusion} are Spark SQL aggregations over the scored rows.
 *
 * <p>What a model is, and how a row becomes its input, is the {@link Model}'s business (one small class per kind of
 * model: {@link MozafariModel} for the flagship's saved model on MNIST rows, {@link CoreNetworkModel} for any saved
 * core network on event rows; switching to another kind of saved network is one class implementing {@link Model}).
 * {@link #scoreEvents} scores event rows with a saved core network, binning them to its time step.
 */
public final class Scoring {
    private Scoring() {
    }

    /**
     * The outcome for one row.
     *
     * @param prediction     the class, or -1 if the network did not decide (silent)
     * @param outputSpikes   spikes of each output neuron (or class), as the model defines them
     * @param synapticEvents synaptic events (weight additions) the row cost
     */
    public record Score(int prediction, int[] outputSpikes, long synapticEvents) {
    }

    /** Scores rows on one executor thread: one per partition, reused across its rows; not thread-safe. */
    @FunctionalInterface
    public interface Scorer {
        /**
         * Scores one row.
         *
         * @param row the sample (the model names the columns it reads)
         * @return the score
         */
        Score score(Row row);
    }

    /** A kind of saved model: opens a {@link Scorer} from the model file's bytes. Serialisable (shipped to executors). */
    @FunctionalInterface
    public interface Model extends Serializable {
        /**
         * Builds a network and its simulation state from a model file's bytes.
         *
         * @param modelFile the bytes of the saved model; not modified
         * @return a scorer for one partition
         * @throws IOException if the bytes are not a valid model of this kind
         */
        Scorer open(byte[] modelFile) throws IOException;
    }

    /**
     * Scores every row of {@code samples}: the model file is broadcast once, one scorer per partition.
     *
     * @param samples   the rows; must hold the columns the model reads and {@code keep}
     * @param modelFile the saved model's bytes
     * @param model     how to open and run it
     * @param keep      columns of {@code samples} copied to the result (such as {@code "index"}, {@code "label"})
     * @return the {@code keep} columns, then {@code prediction} (int), {@code outputSpikes} (array of int),
     *         {@code synapticEvents} (long); lazy, like any Spark transformation
     */
    public static Dataset<Row> score(Dataset<Row> samples, byte[] modelFile, Model model, String... keep) {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(modelFile, "modelFile");
        Objects.requireNonNull(model, "model");
        SparkSession spark = samples.sparkSession();
        Broadcast<byte[]> bytes = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(modelFile);
        List<StructField> fields = new ArrayList<>();
        int[] keepIndex = new int[keep.length];
        for (int k = 0; k < keep.length; k++) {
            StructField f = samples.schema().apply(keep[k]);
            fields.add(f);
            keepIndex[k] = samples.schema().fieldIndex(keep[k]);
        }
        fields.add(DataTypes.createStructField("prediction", DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField("outputSpikes",
                DataTypes.createArrayType(DataTypes.IntegerType, false), false));
        fields.add(DataTypes.createStructField("synapticEvents", DataTypes.LongType, false));
        StructType schema = DataTypes.createStructType(fields);
        MapPartitionsFunction<Row, Row> f = it -> new ScoreIterator(model.open(bytes.value()), it, keepIndex);
        return samples.mapPartitions(f, Encoders.row(schema));
    }

    /**
     * Scores decoded event rows with a saved core network ({@link NetworkFile}): each row's events are binned into
     * steps of the network's time step ({@link #binsFor}) and presented to one {@link Simulation} per partition
     * ({@link CoreNetworkModel}). Before anything is scored, the network is read on the driver and its input shape
     * checked against the rows' sensor ({@code channels x height x width}; {@link #checkInput}). Rows with an
     * {@code error} (unreadable files) are left out.
     *
     * @param events      rows with the columns {@code path, label, width, height, error, t, x, y, on}: from
     *                    {@link EventFiles#read} with the events kept, or the Parquet {@code snn4j-spark convert}
     *                    writes, read back with {@code spark.read().parquet(path)}
     * @param networkFile a saved network's bytes ({@code NetworkFile.toBytes}; learning rules' state readable with
     *                    {@code LearningCodecs.all()})
     * @param steps       steps per recording, or 0 for as many as the longest recording needs
     * @param mode        polarity channels of the network's input
     * @param seed        the simulations' seed
     * @return {@code path, label, prediction, outputSpikes, synapticEvents} per readable row; lazy
     * @throws IOException              if {@code networkFile} is not a valid network file
     * @throws IllegalArgumentException if the rows hold no events, or the network's time step or input shape does
     *                                  not fit them (one line naming both)
     */
    public static Dataset<Row> scoreEvents(Dataset<Row> events, byte[] networkFile, int steps, PolarityMode mode,
                                           long seed) throws IOException {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(mode, "mode");
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0 (0: as many as the longest recording needs), got "
                    + steps);
        }
        for (String c : List.of("path", "label", "width", "height", "error", "t", "x", "y", "on")) {
            if (!List.of(events.schema().fieldNames()).contains(c)) {
                throw new IllegalArgumentException("the event rows have no column '" + c + "' (expected the columns "
                        + "of EventFiles.read or of snn4j-spark convert's Parquet)");
            }
        }
        Network net = CoreNetworkModel.networkFile().read(networkFile);
        Dataset<Row> readable = events.filter("error IS NULL");
        List<Row> kinds = readable.selectExpr("width", "height", "t IS NULL AS noEvents").distinct().collectAsList();
        long lastUs = 0;
        if (steps == 0) {
            Row m = readable.selectExpr("max(array_max(t))").first();
            lastUs = m.isNullAt(0) ? 0 : m.getLong(0);
        }
        EventBins bins = binsFor(net, steps, lastUs, mode);
        for (Row k : kinds) {
            if (k.getBoolean(2)) {
                throw new IllegalArgumentException("the event rows hold no events (t, x, y, on are null: converted "
                        + "with --no-events?); score them with the events kept");
            }
            checkInput(net, bins, k.getInt(0), k.getInt(1));
        }
        return score(readable, networkFile, new CoreNetworkModel(CoreNetworkModel.networkFile(), seed, bins),
                "path", "label");
    }

    /**
     * The binning of events for {@code net}: steps of the network's time step from 0, {@code steps} of them (0: as
     * many as events up to {@code lastUs} microseconds need).
     *
     * @throws IllegalArgumentException if the network's step is not a whole number of microseconds
     */
    public static EventBins binsFor(Network net, int steps, long lastUs, PolarityMode mode) {
        double us = net.dtMs() * 1000.0;
        long stepUs = Math.round(us);
        if (stepUs < 1 || Math.abs(us - stepUs) > 1e-3 * Math.max(1, us)) {
            throw new IllegalArgumentException("the network's time step " + net.dtMs() + " ms is not a whole number "
                    + "of microseconds; events cannot be binned to it");
        }
        int n = steps > 0 ? steps : (int) Math.max(1, Math.min(Integer.MAX_VALUE, lastUs / stepUs + 1));
        return new EventBins(0, stepUs, n, mode);
    }

    /**
     * Checks that binned events of a {@code width x height} sensor fit the network's input.
     *
     * @throws IllegalArgumentException one line naming the network's input shape and what the events give
     */
    public static void checkInput(Network net, EventBins bins, int width, int height) {
        int channels = bins.mode().channels();
        long given = (long) channels * width * height;
        if (net.inputShape().size() != given) {
            throw new IllegalArgumentException("the network's input is " + net.inputShape() + " ("
                    + net.inputShape().size() + " inputs), the events give " + channels + " x " + height + " x "
                    + width + " = " + given + " (" + channels + (channels == 1 ? " channel: polarities merged" :
                    " channels: polarities split") + ", sensor " + width + " x " + height
                    + " after the transforms); change the down-sampling or the polarity channels");
        }
    }

    /** The fraction of rows whose {@code prediction} equals {@code label} (silent rows count as wrong). */
    public static double accuracy(Dataset<Row> scored) {
        Row r = scored.selectExpr("avg(CAST(prediction = label AS DOUBLE))").first();
        return r.isNullAt(0) ? 0 : r.getDouble(0);
    }

    /**
     * The confusion matrix {@code [true class][predicted class]} ({@code classes + 1} columns: the last counts
     * silent rows), from a Spark SQL {@code GROUP BY label, prediction}.
     *
     * @throws IllegalArgumentException if a label or prediction is outside {@code [0, classes)}
     */
    public static long[][] confusion(Dataset<Row> scored, int classes) {
        long[][] m = new long[classes][classes + 1];
        for (Row r : scored.groupBy("label", "prediction").count().collectAsList()) {
            int truth = r.getInt(0);
            int pred = r.getInt(1);
            if (truth < 0 || truth >= classes || pred < -1 || pred >= classes) {
                throw new IllegalArgumentException("label and prediction must be in [0, " + classes + ") (prediction -1:"
                        + " silent), got " + truth + ", " + pred);
            }
            m[truth][pred < 0 ? classes : pred] += r.getLong(2);
        }
        return m;
    }

    /** Scores a partition's rows lazily with one scorer. */
    private static final class ScoreIterator implements Iterator<Row> {
        private final Scorer scorer;
        private final Iterator<Row> in;
        private final int[] keep;

        ScoreIterator(Scorer scorer, Iterator<Row> in, int[] keep) {
            this.scorer = scorer;
            this.in = in;
            this.keep = keep;
        }

        @Override
        public boolean hasNext() {
            return in.hasNext();
        }

        @Override
        public Row next() {
            Row r = in.next();
            Score s = scorer.score(r);
            Object[] v = new Object[keep.length + 3];
            for (int k = 0; k < keep.length; k++) {
                v[k] = r.get(keep[k]);
            }
            v[keep.length] = s.prediction();
            v[keep.length + 1] = s.outputSpikes();
            v[keep.length + 2] = s.synapticEvents();
            return RowFactory.create(v);
        }
    }
}
