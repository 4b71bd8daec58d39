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

/**
 * Distributed inference and evaluation with a saved snn4j model: the model file's bytes are broadcast once; each
 * partition opens one {@link Scorer} from them (a network and its simulation state) and reuses it for every row of
 * the partition; each row gets the prediction, the output spike counts and the synaptic events. {@link #accuracy}
 * and {@link #confusion} are Spark SQL aggregations over the scored rows.
 *
 * <p>What a model is, and how a row becomes its input, is the {@link Model}'s business (one small class per kind of
 * model: {@link MozafariModel} for the flagship's saved model on MNIST rows; switching to another kind of saved
 * network is one class implementing {@link Model}).
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
