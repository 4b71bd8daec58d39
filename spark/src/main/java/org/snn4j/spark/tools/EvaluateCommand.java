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
import org.apache.spark.sql.functions;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.cli.Ranges;
import org.snn4j.encoding.aer.PolarityMode;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.examples.papers.MozafariModelFiles;
import org.snn4j.examples.papers.Mozafari2019Composed;
import org.snn4j.spark.CoreNetworkModel;
import org.snn4j.spark.EventFiles;
import org.snn4j.spark.EventReadOptions;
import org.snn4j.spark.MnistRows;
import org.snn4j.spark.MozafariModel;
import org.snn4j.spark.Scoring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code evaluate}: scoring with a saved model on Spark, the model broadcast once, one network per partition,
 * accuracy and confusion matrix through Spark SQL. Two kinds of model:
 * <ul>
 *   <li>{@code --model FILE}: the flagship's saved model ({@code mozafari2019 --save FILE}) on the MNIST test digits.
 *       With {@code --compare} it also runs the same inference in this JVM on {@code --threads} threads (the
 *       example's own inference), checks that every digit gets the same prediction, and prints both throughputs in
 *       alternating rounds;</li>
 *   <li>{@code --network FILE}: any saved core network ({@code NetworkFile}) on event recordings: a folder of event
 *       files or the Parquet {@code convert} wrote ({@code --events}, default the shipped N-MNIST subset), binned to
 *       the network's time step ({@link Scoring#scoreEvents}); a network whose input does not fit the sensor and the
 *       polarity channels is refused in one line before anything is scored.</li>
 * </ul>
 *
 * <pre>  snn4j-spark evaluate --model FILE [--limit N] [--partitions N] [--compare] [--rounds R]
 *  snn4j-spark evaluate --network FILE [--events DIR|PARQUET] [--steps N] [--merge-polarity] [--downsample F]</pre>
 */
@Command(name = "evaluate", sortOptions = false,
        description = "Score MNIST digits with a saved Mozafari 2019 model (--model), or event recordings with a saved "
                + "core network (--network), on Spark; accuracy and confusion by SQL.")
public final class EvaluateCommand implements Cli.Command {
    @Option(names = "--model", paramLabel = "FILE", converter = Options.InputFile.class,
            description = "the model written by: snn4j-examples mozafari2019 --save FILE (a network file, or the flat "
                    + "model file of older versions)")
    Path model;

    @Option(names = "--network", paramLabel = "FILE", converter = Options.InputFile.class,
            description = "a saved core network (NetworkFile) to score event recordings with")
    Path network;

    @Option(names = "--events", paramLabel = "PATH",
            description = "with --network: a folder of event files, or the Parquet written by convert (a .parquet "
                    + "path or a folder holding .parquet files); default: the shipped N-MNIST subset")
    String events;

    @Option(names = "--steps", paramLabel = "N", converter = Ranges.AtLeastZero.class,
            description = "with --network: steps per recording, of the network's time step; 0 for as many as the "
                    + "longest recording needs (default ${DEFAULT-VALUE})")
    int steps = 0;

    @Option(names = "--merge-polarity", description = "with --network: one input channel for both polarities "
            + "(default: two)")
    boolean merged;

    @Option(names = "--seed", paramLabel = "S", description = "with --network: the simulations' seed (default "
            + "${DEFAULT-VALUE})")
    long seed = 1;

    @Mixin
    EventInput eventInput;

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
        if ((model == null) == (network == null)) {
            throw new IllegalArgumentException("give one of --model FILE (a Mozafari 2019 model, on MNIST digits) and "
                    + "--network FILE (a core network, on event recordings)");
        }
        if (network != null) {
            if (compare) {
                throw new IllegalArgumentException("--compare is for --model only");
            }
            runNetwork(out);
            return;
        }
        if (events != null) {
            throw new IllegalArgumentException("--events is for --network only");
        }
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
                    printConfusion(out, Scoring.confusion(scored, 10));
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

    /** {@code --network}: a saved core network on event rows. */
    private void runNetwork(PrintStream out) throws IOException {
        byte[] bytes = Files.readAllBytes(network);
        org.snn4j.network.Network net = CoreNetworkModel.networkFile().read(bytes); // a damaged file fails here, once
        String in = events != null ? SparkTools.checkedPath("--events", events) : EventInput.shippedFiles();
        boolean parquet = isParquet(in);
        EventReadOptions opts = eventInput.options(events == null);
        if (parquet && (eventInput.format != null || eventInput.glob != null || !eventInput.labelLists.isEmpty()
                || eventInput.fromFolder || eventInput.strict || eventInput.downsample > 1)) {
            throw new IllegalArgumentException("--format, --glob, --label-list, --labels-from-folder, --strict and "
                    + "--downsample are for event files; " + in + " is Parquet (give them to convert)");
        }
        PolarityMode mode = merged ? PolarityMode.MERGED : PolarityMode.SPLIT;
        long s0 = System.nanoTime();
        SparkSession spark = master.session("snn4j-spark evaluate");
        double startS = (System.nanoTime() - s0) / 1e9;
        try {
            int parts = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
            // event files are decoded once and kept (scoreEvents reads the rows' sizes before scoring them)
            Dataset<Row> rows = parquet ? spark.read().parquet(in)
                    : EventFiles.read(spark, in, opts.withPartitions(parts)).cache();
            out.printf(Locale.ROOT, "evaluate %s (input %s, %d layers, dt %s ms) on %s (%s): Spark %s, %s (session "
                    + "start %.1f s); %s%n", network, net.inputShape(), net.layerCount(), net.dtMs(), in,
                    parquet ? "Parquet" : "event files", spark.version(), spark.sparkContext().master(), startS,
                    Cli.runtime());
            double cpu0 = SparkTools.processCpuSeconds();
            long t0 = System.nanoTime();
            Dataset<Row> scored = Scoring.scoreEvents(rows, bytes, steps, mode, seed).cache();
            long n = scored.count();
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = SparkTools.processCpuSeconds() - cpu0;
            long unreadable = rows.filter("error IS NOT NULL").count();
            Dataset<Row> labelled = scored.filter("label IS NOT NULL");
            long nl = labelled.count();
            long silent = scored.filter("prediction < 0").count();
            Row ev = scored.agg(functions.sum("synapticEvents")).first();
            out.printf(Locale.ROOT, "%d recordings scored (%d unreadable left out), %d labelled: %.2f %% right, %d "
                    + "silent; %.2f s wall (%.0f recordings/s), %.2f s CPU (whole JVM); %.3g synaptic events (load "
                    + "%.1f)%n", n, unreadable, nl, nl == 0 ? Double.NaN : 100 * Scoring.accuracy(labelled), silent,
                    wall, n / wall, cpu, ev.isNullAt(0) ? 0.0 : (double) ev.getLong(0), SparkTools.load());
            if (nl > 0) {
                printConfusion(out, Scoring.confusion(labelled, net.layer(net.layerCount() - 1).outputShape().size()));
            }
        } finally {
            spark.stop();
        }
    }

    /** Whether {@code path} is Parquet: a {@code .parquet} path, or a local folder holding {@code .parquet} files. */
    static boolean isParquet(String path) throws IOException {
        if (path.endsWith(".parquet") || path.endsWith(".parquet/")) {
            return true;
        }
        if (path.contains(":")) {
            return false;
        }
        Path p = Path.of(path);
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (java.util.stream.Stream<Path> s = Files.list(p)) {
            return s.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
        }
    }

    /** Prints a confusion matrix of {@link Scoring#confusion}: rows true class, columns predicted, then silent. */
    private static void printConfusion(PrintStream out, long[][] m) {
        out.println("confusion (rows: true class; columns: predicted 0-" + (m.length - 1) + ", silent):");
        for (int t = 0; t < m.length; t++) {
            StringBuilder sb = new StringBuilder("  " + t + ":");
            for (long v : m[t]) {
                sb.append(String.format(Locale.ROOT, " %4d", v));
            }
            out.println(sb);
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
