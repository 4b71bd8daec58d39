package org.snn4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.snn4j.gradient.Parameter;
import org.snn4j.gradient.Samples;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.gradient.Tensor;
import org.snn4j.gradient.Trainer;
import org.snn4j.io.ModelFile;

/**
 * Synchronous data-parallel surrogate-gradient training on Spark with the gradient module's {@link Trainer}.
 *
 * <p>For each global mini-batch (the batches of {@link Trainer#trainEpoch}: the same shuffled order, the same batch
 * size): the driver broadcasts the current parameters (a {@link ModelFile} byte array); every partition that holds
 * samples of the batch rebuilds the network with the {@link TrainerFactory}, loads the parameters and computes the
 * gradient of its share ({@link Trainer#shareGradient}: its samples in batch order, each loss scaled by 1 / batch
 * size); the driver sums the shares' gradients <em>in partition order</em> (the first copied, the others added) and
 * applies the optimiser once ({@link Trainer#applyGradients}) on its own trainer, which holds the optimiser state.
 *
 * <p>Result: the summed gradient equals the single-JVM trainer's gradient of the same batch up to the order of the
 * float additions (the single trainer adds every sample into one accumulator; here each share has its own, then the
 * shares are added). With one partition it is bit-identical to {@link Trainer#trainEpoch}; with several it agrees
 * within float rounding and is deterministic: the same partitioning gives bit-identical weights on every run,
 * whatever order the tasks finish in (tested in {@code DataParallelTrainingTest}). The reduction is a collect to
 * the driver in a fixed order, the one-level equivalent of {@code treeAggregate}: the driver holds one gradient
 * per partition that takes part in the batch.
 *
 * <p>Not thread-safe; {@link #close()} closes the driver's trainer.
 */
public final class DataParallelTraining implements AutoCloseable {

    /**
     * Builds a trainer on a fresh network, the same code on the driver and on every executor (the network's layers
     * are code; the parameters come from the broadcast). Must be serialisable: a lambda assigned to this type is.
     */
    @FunctionalInterface
    public interface TrainerFactory extends Serializable {
        /**
         * A new trainer.
         *
         * @param batchSize samples per update (the trainer's workspaces)
         * @param threads   worker threads (1 on the executors: Spark runs one task per core)
         * @return the trainer, its network's parameters initialised as the factory does
         */
        Trainer create(int batchSize, int threads);
    }

    /**
     * One training sample on the cluster.
     *
     * @param index   the sample's number in the data set, 0 .. n-1
     * @param label   its class
     * @param offsets per-step offsets into {@code inputs} ({@code steps + 1} entries)
     * @param inputs  the inputs that spike in each step
     */
    public record Sample(int index, int label, int[] offsets, int[] inputs) implements Serializable {
        /** Checks the fields. */
        public Sample {
            if (index < 0 || label < 0) {
                throw new IllegalArgumentException("index and label must be >= 0, got " + index + ", " + label);
            }
            Objects.requireNonNull(offsets, "offsets");
            Objects.requireNonNull(inputs, "inputs");
        }
    }

    private final JavaSparkContext jsc;
    private final TrainerFactory factory;
    private final int batchSize;
    private final Trainer driver;

    /**
     * A data-parallel trainer.
     *
     * @param spark     the session
     * @param factory   builds the network and trainer (on the driver with {@code threads}, on executors with 1)
     * @param batchSize samples per global mini-batch, &gt;= 1
     * @param threads   threads of the driver's optimiser step, &gt;= 1
     */
    public DataParallelTraining(SparkSession spark, TrainerFactory factory, int batchSize, int threads) {
        this.jsc = JavaSparkContext.fromSparkContext(Objects.requireNonNull(spark, "spark").sparkContext());
        this.factory = Objects.requireNonNull(factory, "factory");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.driver = factory.create(batchSize, threads);
    }

    /** The driver's trainer; its network holds the current parameters. */
    public Trainer trainer() {
        return driver;
    }

    /** The driver's network. */
    public SpikingNetwork network() {
        return driver.network();
    }

    /**
     * The labelled, binned rows of an {@link EventFiles} data set as training samples, numbered in the order of their
     * paths (so the numbering, and with it the epoch order, does not depend on how Spark listed the files). Rows
     * with an error or without a label are left out.
     *
     * @param binned rows with the columns {@code path}, {@code label}, {@code error}, {@code offsets},
     *               {@code inputs}
     * @return the samples, in the partitions of the sorted rows
     */
    public static JavaRDD<Sample> samples(Dataset<Row> binned) {
        Dataset<Row> ok = binned.filter("error IS NULL AND label IS NOT NULL AND offsets IS NOT NULL")
                .orderBy("path").select("label", "offsets", "inputs");
        return ok.javaRDD().zipWithIndex().map(t -> new Sample(Math.toIntExact(t._2()), t._1().getInt(0),
                EventFiles.ints(t._1().getList(1)), EventFiles.ints(t._1().getList(2))));
    }

    /**
     * The same samples in one JVM, for the single-JVM trainer (numbered by {@link Sample#index()}).
     *
     * @param samples the samples, numbered 0 .. n-1 without gaps
     */
    public static Samples local(List<Sample> samples) {
        Sample[] byIndex = new Sample[samples.size()];
        for (Sample s : samples) {
            if (s.index() >= byIndex.length || byIndex[s.index()] != null) {
                throw new IllegalArgumentException("samples must be numbered 0 .. " + (byIndex.length - 1)
                        + " once each, got index " + s.index());
            }
            byIndex[s.index()] = s;
        }
        return new View(Arrays.asList(byIndex));
    }

    /**
     * One epoch in the order of {@link Trainer#trainEpoch} ({@link Trainer#epochOrder} of the driver's trainer).
     *
     * @param data  the samples, numbered 0 .. n-1 (cache it: every batch reads it)
     * @param n     the number of samples
     * @param epoch the epoch
     * @return mean loss and training accuracy, as {@link Trainer#trainEpoch} reports them
     */
    public Trainer.EpochResult trainEpoch(JavaRDD<Sample> data, int n, int epoch) {
        int[] order = driver.epochOrder(n, epoch);
        double loss = 0;
        int correct = 0;
        for (int b = 0; b < n; b += batchSize) {
            int count = Math.min(batchSize, n - b);
            long[] c = new long[1];
            loss += trainBatch(data, Arrays.copyOfRange(order, b, b + count), epoch, c);
            correct += (int) c[0];
        }
        return new Trainer.EpochResult(epoch, n == 0 ? 0 : loss / n, n == 0 ? 0 : (double) correct / n, n);
    }

    /**
     * One synchronous update on the samples {@code batch} (in this order).
     *
     * @param data    the samples
     * @param batch   sample numbers, 1 .. the batch size of them; not modified
     * @param epoch   the epoch (learning rate, dropout masks)
     * @param correct if not null, {@code correct[0]} receives how many samples were predicted right
     * @return the sum of the samples' losses
     */
    public double trainBatch(JavaRDD<Sample> data, int[] batch, int epoch, long[] correct) {
        if (batch.length < 1 || batch.length > batchSize) {
            throw new IllegalArgumentException("batch must hold 1 to " + batchSize + " samples, got " + batch.length);
        }
        Broadcast<byte[]> params = jsc.broadcast(ModelFile.toBytes(driver.network().toModelData()));
        int[] ids = batch.clone();
        int global = batch.length;
        int bs = batchSize;
        TrainerFactory f = factory;
        List<Share> shares;
        try {
            shares = data.mapPartitionsWithIndex((part, it) -> share(part, it, ids, global, bs, epoch, f,
                    params.value()), false).collect();
        } finally {
            params.destroy();
        }
        List<Share> sorted = new ArrayList<>(shares);
        sorted.sort((a, b) -> Integer.compare(a.partition, b.partition));
        int samples = 0;
        for (Share s : sorted) {
            samples += s.count;
        }
        if (samples != global) {
            throw new IllegalArgumentException("the data set holds " + samples + " of the " + global
                    + " samples of the batch; are they numbered 0 .. n-1?");
        }
        List<Parameter> ps = driver.network().parameters();
        double loss = 0;
        long right = 0;
        for (int k = 0; k < sorted.size(); k++) {
            Share s = sorted.get(k);
            for (int p = 0; p < ps.size(); p++) {
                float[] g = ps.get(p).grad();
                float[] add = s.gradients[p];
                if (k == 0) {
                    System.arraycopy(add, 0, g, 0, g.length);
                } else {
                    for (int i = 0; i < g.length; i++) {
                        g[i] += add[i];
                    }
                }
            }
            loss += s.loss;
            right += s.correct;
        }
        driver.applyGradients(epoch);
        if (correct != null) {
            correct[0] = right;
        }
        return loss;
    }

    /** The executors' side: the gradient of this partition's share of the batch, or nothing if it has none. */
    private static Iterator<Share> share(int partition, Iterator<Sample> it, int[] batch, int global, int batchSize,
                                         int epoch, TrainerFactory factory, byte[] params) throws Exception {
        Map<Integer, Integer> position = new HashMap<>();
        for (int k = 0; k < batch.length; k++) {
            position.put(batch[k], k);
        }
        List<Sample> mine = new ArrayList<>();
        while (it.hasNext()) {
            Sample s = it.next();
            if (position.containsKey(s.index())) {
                mine.add(s);
            }
        }
        if (mine.isEmpty()) {
            return java.util.Collections.emptyIterator();
        }
        mine.sort((a, b) -> Integer.compare(position.get(a.index()), position.get(b.index())));
        int[] ids = new int[mine.size()];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = mine.get(k).index();
        }
        try (Trainer t = factory.create(batchSize, 1)) {
            t.network().loadParameters(ModelFile.fromBytes(params));
            double loss = t.shareGradient(new View(mine), ids, 0, ids.length, global, epoch);
            List<Parameter> ps = t.network().parameters();
            float[][] g = new float[ps.size()][];
            for (int p = 0; p < g.length; p++) {
                g[p] = ps.get(p).grad().clone();
            }
            return List.of(new Share(partition, ids.length, loss, t.correct(), g)).iterator();
        }
    }

    @Override
    public void close() {
        driver.close();
    }

    /** A partition's gradient of its share of a batch. */
    private static final class Share implements Serializable {
        private static final long serialVersionUID = 1L;
        final int partition;
        final int count;
        final double loss;
        final int correct;
        final float[][] gradients;

        Share(int partition, int count, double loss, int correct, float[][] gradients) {
            this.partition = partition;
            this.count = count;
            this.loss = loss;
            this.correct = correct;
            this.gradients = gradients;
        }
    }

    /** Samples looked up by their global number. */
    private static final class View implements Samples {
        private final Map<Integer, Sample> byIndex = new HashMap<>();

        View(List<Sample> samples) {
            for (Sample s : samples) {
                byIndex.put(s.index(), s);
            }
        }

        @Override
        public int size() {
            return byIndex.size();
        }

        @Override
        public int label(int i) {
            return get(i).label();
        }

        @Override
        public void load(int i, Tensor into) {
            Sample s = get(i);
            into.setSpikes(s.offsets(), s.inputs());
        }

        private Sample get(int i) {
            Sample s = byIndex.get(i);
            if (s == null) {
                throw new IllegalArgumentException("no sample " + i + " here");
            }
            return s;
        }
    }
}
