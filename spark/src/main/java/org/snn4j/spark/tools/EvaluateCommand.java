package org.snn4j.spark.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.cli.Ranges;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.examples.papers.MozafariModelFiles;
import org.snn4j.examples.papers.Mozafari2019Composed;
import org.snn4j.spark.MnistRows;
import org.snn4j.spark.MozafariModel;
import org.snn4j.spark.Scoring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code evaluate}: the flagship's saved model ({@code mozafari2019 --save FILE}) on the MNIST test digits with
 * Spark: the model broadcast once, one network per partition, accuracy and confusion matrix through Spark SQL. With
 * {@code --compare} it also runs the same inference in this JVM on {@code --threads} threads (the example's own
 * inference), checks that every digit gets the same prediction, and prints both throughputs in alternating rounds.
 *
 * <pre>  snn4j-spark evaluate --model FILE [--limit N] [--partitions N] [--compare] [--rounds R]</pre>
 */
@Command(name = "evaluate", sortOptions = false,
        description = "Score MNIST test digits with a saved Mozafari 2019 model on Spark; accuracy and confusion by SQL.")
public final class EvaluateCommand implements Cli.Command {
    @Option(names = "--model", paramLabel = "FILE", required = true, converter = Options.InputFile.class,
            description = "the model written by: snn4j-examples mozafari2019 --save FILE (a network file, or the flat "
                    + "model file of older versions)")
    Path model;

    @Option(names = "--limit", paramLabel = "N", converter = Ranges.AtLeastZero.class,
            description = "the first N test digits, 0 for all (default ${DEFAULT-VALUE})")
    int limit = 0;

    @Option(names = "--partitions", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "partitions of the digits (default: Spark's default parallelism)")
    Integer partitions;

    @Option(names = "--compare", description = "also run the inference in this JVM and compare predictions and speed")
    boolean compare;

    @Option(names = "--rounds", paramLabel = "R", converter = Ranges.AtLeastOne.class,
            description = "alternating Spark / single-JVM rounds with --compare (default ${DEFAULT-VALUE})")
    int rounds = 1;

    @Mixin
    Options.Threads threads;

    @Mixin
    Options.Data data = new Options.Data("examples/data/mnist10k");

    @Mixin
    SparkTools.Master master;

    /** A command-line instance; picocli sets the options. */
    public EvaluateCommand() {
    }

    /** Runs {@code evaluate} from the command line. */
    public static void main(String[] args) {
        SparkTools.main(ConvertCommand.prepend("evaluate", args));
    }

    @Override
    public void run(PrintStream out) throws IOException {
        Path dir = data.find();
        byte[] bytes = Files.readAllBytes(model);
        MozafariModelFiles.fromBytes(bytes); // a damaged model fails here, once, before Spark starts
        long s0 = System.nanoTime();
        SparkSession spark = master.session("snn4j-spark evaluate");
        double startS = (System.nanoTime() - s0) / 1e9;
        try {
            int parts = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
            Dataset<Row> digits = MnistRows.read(spark, dir, true, limit, parts).cache();
            long n = digits.count();
            out.printf(Locale.ROOT, "evaluate %s on %d test digits of %s: Spark %s, %s, %d partitions (session "
                    + "start %.1f s); %s%n", model, n, dir, spark.version(), spark.sparkContext().master(), parts,
                    startS, Cli.runtime());
            int[] single = null;
            for (int round = 0; round < rounds; round++) {
                double cpu0 = SparkTools.processCpuSeconds();
                long t0 = System.nanoTime();
                Dataset<Row> scored = Scoring.score(digits, bytes, new MozafariModel(), "index", "label").cache();
                long rows = scored.count();
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = SparkTools.processCpuSeconds() - cpu0;
                double acc = Scoring.accuracy(scored);
                long silent = scored.filter("prediction < 0").count();
                long events = scored.agg(org.apache.spark.sql.functions.sum("synapticEvents")).first().getLong(0);
                out.printf(Locale.ROOT, "round %d, Spark: %.2f %% right, %d silent; %d digits in %.2f s wall "
                        + "(%.0f digits/s), %.2f s CPU; %.3g synaptic events (load %.1f)%n", round + 1, 100 * acc,
                        silent, rows, wall, rows / wall, cpu, (double) events, SparkTools.load());
                if (round == rounds - 1) {
                    long[][] m = Scoring.confusion(scored, 10);
                    out.println("confusion (rows: true digit; columns: predicted 0-9, silent):");
                    for (int t = 0; t < 10; t++) {
                        StringBuilder sb = new StringBuilder("  " + t + ":");
                        for (long v : m[t]) {
                            sb.append(String.format(Locale.ROOT, " %4d", v));
                        }
                        out.println(sb);
                    }
                }
                if (compare) {
                    long t1 = System.nanoTime();
                    double c1 = SparkTools.processCpuSeconds();
                    single = singleJvm(bytes, dir, (int) n, threads.get());
                    double wall1 = (System.nanoTime() - t1) / 1e9;
                    double cpu1 = SparkTools.processCpuSeconds() - c1;
                    int right = 0;
                    MnistDataset.Split test = MnistRows.splitOf(dir, true);
                    for (int i = 0; i < n; i++) {
                        right += single[i] == test.label(i) ? 1 : 0;
                    }
                    int differ = 0;
                    for (Row r : scored.select("index", "prediction").collectAsList()) {
                        differ += r.getInt(1) == single[r.getInt(0)] ? 0 : 1;
                    }
                    out.printf(Locale.ROOT, "round %d, one JVM, %d threads: %.2f %% right; %d digits in %.2f s wall "
                            + "(%.0f digits/s), %.2f s CPU; Spark / single throughput %.2f; predictions that "
                            + "differ: %d (load %.1f)%n", round + 1, threads.get(), 100.0 * right / n, n, wall1,
                            n / wall1, cpu1, wall1 / wall, differ, SparkTools.load());
                }
                scored.unpersist();
            }
        } finally {
            spark.stop();
        }
    }

    /** The example's inference in this JVM on {@code threads} threads: one network, one simulation per thread. */
    static int[] singleJvm(byte[] modelBytes, Path dir, int n, int threads) throws IOException {
        Mozafari2019Composed net = MozafariModelFiles.fromBytes(modelBytes);
        MnistDataset.Split test = MnistRows.splitOf(dir, true);
        int[] pred = new int[n];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                fs.add(pool.submit(() -> {
                    org.snn4j.network.Simulation sim = net.newInferenceSimulation();
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        pred[i] = MozafariModel.classify(net, sim, test.pixels(), i * 784);
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return pred;
    }
}
