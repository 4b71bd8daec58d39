package org.snn4j.spark.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.cli.Ranges;
import org.snn4j.encoding.aer.PolarityMode;
import org.snn4j.spark.EventBins;
import org.snn4j.spark.EventFiles;
import org.snn4j.spark.EventParquetWriter;
import org.snn4j.spark.EventReadOptions;
import org.snn4j.spark.EventRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code convert}: a folder of event files (N-MNIST {@code .bin}, AEDAT 2.0 / 3.1 / 4.0) to Parquet, decoded,
 * labelled, optionally down-sampled and binned on the executors ({@link EventFiles}). Without {@code --input} it
 * converts the shipped N-MNIST subset ({@code examples/data/nmnist-small}, labels from its two lists, SLAYER's
 * binning). Prints rows, events, faults, the job's wall time and CPU time (of the whole JVM), and with
 * {@code --compare} the same conversion (decode, bin, write Parquet with {@link EventParquetWriter}) in this JVM on
 * one thread without Spark, in alternating rounds, with the ratio of events per CPU-second.
 *
 * <pre>  snn4j-spark convert [--input PATH] [--output PATH] [--compare] ...</pre>
 */
@Command(name = "convert", sortOptions = false,
        description = "Event files (N-MNIST .bin, AEDAT 2.0/3.1/4.0) to Parquet: decoded, labelled, binned on Spark.")
public final class ConvertCommand implements Cli.Command {
    @Option(names = "--input", paramLabel = "PATH",
            description = "folder or file, any Hadoop URI (default: the shipped examples/data/nmnist-small/files)")
    String input;

    @Option(names = "--output", paramLabel = "PATH",
            description = "Parquet output (default: OUT/events.parquet)")
    String output;

    @Option(names = "--bins", paramLabel = "N", converter = Ranges.AtLeastZero.class,
            description = "binned steps, 0 for none (default ${DEFAULT-VALUE}: SLAYER's 300 x 1 ms)")
    int bins = 300;

    @Option(names = "--bin-us", paramLabel = "US", converter = Ranges.AtLeastOne.class,
            description = "step length in microseconds (default ${DEFAULT-VALUE})")
    int binUs = 1000;

    @Option(names = "--merge-polarity", description = "one channel for both polarities (default: two)")
    boolean merged;

    @Option(names = "--no-events", description = "leave out the t, x, y, on columns (keep only the bins)")
    boolean noEvents;

    @Option(names = "--partitions", paramLabel = "N", converter = Ranges.AtLeastZero.class,
            description = "tasks (and Parquet files) the files are decoded in; 0 for Spark's split of the file list "
                    + "(about 32 small files per task) (default: Spark's default parallelism)")
    Integer partitions;

    @Option(names = "--compare", description = "also run the same conversion (decode, bin, write Parquet) in this "
            + "JVM without Spark, in alternating rounds")
    boolean compare;

    @Option(names = "--rounds", paramLabel = "R", converter = Ranges.AtLeastOne.class,
            description = "repeat the conversion R times (the first round includes Spark's and the JIT's warm-up; "
                    + "default ${DEFAULT-VALUE})")
    int rounds = 1;

    @Mixin
    EventInput events;

    @Mixin
    SparkTools.Master master;

    @Mixin
    Options.Out out;

    /** A command-line instance; picocli sets the options. */
    public ConvertCommand() {
    }

    /** Runs {@code convert} from the command line. */
    public static void main(String[] args) {
        SparkTools.main(prepend("convert", args));
    }

    static String[] prepend(String name, String[] args) {
        String[] a = new String[args.length + 1];
        a[0] = name;
        System.arraycopy(args, 0, a, 1, args.length);
        return a;
    }

    @Override
    public void run(PrintStream console) throws IOException {
        EventReadOptions opts = options();
        String in = input != null ? SparkTools.checkedPath("--input", input)
                : EventInput.shippedFiles();
        String outPath = output != null ? output : out.dir().resolve("events.parquet").toAbsolutePath().toString();
        if (!outPath.contains(":")) {
            Files.createDirectories(Path.of(outPath).toAbsolutePath().getParent());
        }
        SparkSession spark = master.session("snn4j-spark convert");
        try {
            opts = opts.withPartitions(partitions != null ? partitions : spark.sparkContext().defaultParallelism());
            console.printf(Locale.ROOT, "convert %s -> %s (%s, %s, Spark %s, %s, %s partitions)%n", in, outPath,
                    opts.mode(), opts.format() == null ? "format detected" : opts.format(), spark.version(),
                    spark.sparkContext().master(), opts.partitions() == 0 ? "Spark's split of" : opts.partitions() + "");
            List<Path> files = compare ? localFiles(console, in, opts) : null;
            for (int round = 1; round <= rounds; round++) {
                double[] sparkCpu = sparkRound(console, spark, round, in, outPath, opts);
                if (files != null) {
                    double[] single = singleRound(console, round, files, outPath, opts);
                    console.printf(Locale.ROOT, "round %d, events per CPU-second, one JVM / Spark: decode + bin "
                            + "%.2f, decode + bin + write Parquet %.2f%n", round, sparkCpu[0] / single[0],
                            sparkCpu[1] / single[1]);
                }
            }
        } finally {
            spark.stop();
        }
    }

    /**
     * One Spark round: the binaryFile source alone, decode + bin, decode + bin + write Parquet.
     *
     * @return CPU seconds of the whole JVM for decode + bin and for decode + bin + write
     */
    private static double[] sparkRound(PrintStream console, SparkSession spark, int round, String in, String outPath,
                                       EventReadOptions opts) {
        double cpuR = SparkTools.processCpuSeconds();
        long tR = System.nanoTime();
        org.apache.spark.sql.DataFrameReader reader = spark.read().format("binaryFile")
                .option("recursiveFileLookup", "true");
        if (opts.glob() != null) {
            reader = reader.option("pathGlobFilter", opts.glob());
        }
        Dataset<Row> source = reader.load(in);
        Row fr = (opts.partitions() > 0 ? source.coalesce(opts.partitions()) : source).agg(functions.count("*"),
                functions.sum(functions.length(functions.col("content")))).first();
        console.printf(Locale.ROOT, "round %d, Spark's binaryFile source alone: %d files, %,d bytes in %.2f s wall, "
                + "%.2f s CPU (whole JVM)%n", round, fr.getLong(0), fr.isNullAt(1) ? 0 : fr.getLong(1),
                (System.nanoTime() - tR) / 1e9, SparkTools.processCpuSeconds() - cpuR);
        double cpuD = SparkTools.processCpuSeconds();
        long tD = System.nanoTime();
        Row d = EventFiles.read(spark, in, opts).agg(functions.count("*"), functions.sum("events")).first();
        double wallD = (System.nanoTime() - tD) / 1e9;
        double cpuDs = SparkTools.processCpuSeconds() - cpuD;
        long ev = d.isNullAt(1) ? 0 : d.getLong(1);
        console.printf(Locale.ROOT, "round %d, Spark, decode + bin only: %d files, %,d events in %.2f s wall, %.2f s "
                + "CPU (whole JVM): %.0f files/s, %.3g events per CPU-second (load %.1f)%n", round, d.getLong(0), ev,
                wallD, cpuDs, d.getLong(0) / wallD, ev / cpuDs, SparkTools.load());
        double cpu0 = SparkTools.processCpuSeconds();
        long t0 = System.nanoTime();
        EventFiles.writeParquet(EventFiles.read(spark, in, opts), outPath);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = SparkTools.processCpuSeconds() - cpu0;
        Row s = spark.read().parquet(outPath).agg(functions.count("*"), functions.sum("events"),
                functions.sum(functions.expr("CAST(NOT clean AS INT)")),
                functions.sum(functions.expr("CAST(error IS NOT NULL AS INT)")),
                functions.sum(functions.expr("CAST(label IS NOT NULL AS INT)"))).first();
        long rows = s.getLong(0);
        long events = s.isNullAt(1) ? 0 : s.getLong(1);
        console.printf(Locale.ROOT, "round %d, Spark, decode + bin + write Parquet: %d files, %d labelled, %,d events; "
                + "%d with faults, %d unreadable; %.2f s wall, %.2f s CPU (whole JVM): %.0f files/s, %.3g events per "
                + "CPU-second (load %.1f)%n", round, rows, s.getLong(4), events, s.getLong(2), s.getLong(3), wall, cpu,
                rows / wall, events / cpu, SparkTools.load());
        return new double[] {cpuDs, cpu};
    }

    EventReadOptions options() throws IOException {
        EventReadOptions o = events.options(input == null).withKeepEvents(!noEvents);
        if (bins > 0) {
            o = o.withBins(new EventBins(0, binUs, bins, merged ? PolarityMode.MERGED : PolarityMode.SPLIT));
        }
        if (noEvents && bins == 0) {
            throw new IllegalArgumentException("--no-events needs --bins N > 0: the rows would hold no events");
        }
        return o;
    }

    /** The files of a local {@code in} that {@code opts.glob()} selects, sorted; null (and a note) if not local. */
    private static List<Path> localFiles(PrintStream console, String in, EventReadOptions opts) throws IOException {
        if (in.contains("://")) {
            console.println("--compare: only for local paths, skipped");
            return null;
        }
        Path dir = Path.of(in.startsWith("file:") ? java.net.URI.create(in).getPath() : in);
        List<Path> files = new ArrayList<>();
        java.nio.file.PathMatcher m = opts.glob() == null ? null
                : dir.getFileSystem().getPathMatcher("glob:" + opts.glob());
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(p -> m == null || m.matches(p.getFileName())).sorted()
                    .forEach(files::add);
        }
        return files;
    }

    /**
     * The same conversion in this JVM without Spark, on one thread: read each file, decode and bin it
     * ({@link EventFiles#decode(String, byte[], EventReadOptions)}); then again, also writing the rows to one Parquet
     * file ({@link EventParquetWriter}, Spark's schema and compression) next to the output, as
     * {@code OUTPUT-single-jvm.parquet}.
     *
     * @return CPU seconds of the whole JVM (JIT compiler and garbage collector included, as on the Spark side) for
     *         decode + bin and for decode + bin + write
     */
    private static double[] singleRound(PrintStream console, int round, List<Path> files, String outPath,
                                        EventReadOptions opts) throws IOException {
        double[] cpu = new double[2];
        for (int write = 0; write < 2; write++) {
            double cpu0 = SparkTools.processCpuSeconds();
            long t0 = System.nanoTime();
            long events = 0;
            Path single = outPath.startsWith("file:") ? Path.of(java.net.URI.create(outPath + "-single-jvm.parquet"))
                    : outPath.contains(":") ? Path.of(System.getProperty("java.io.tmpdir"), "single-jvm.parquet")
                    : Path.of(outPath + "-single-jvm.parquet");
            try (EventParquetWriter w = write == 1 ? new EventParquetWriter(single) : null) {
                for (Path f : files) {
                    EventRow r = EventFiles.decode(f.toUri().toString(), Files.readAllBytes(f), opts);
                    events += r.getEvents();
                    if (w != null) {
                        w.write(r);
                    }
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            cpu[write] = SparkTools.processCpuSeconds() - cpu0;
            console.printf(Locale.ROOT, "round %d, one JVM, one thread, no Spark, decode + bin%s: %d files, %,d events "
                    + "in %.2f s wall, %.2f s CPU (whole JVM): %.0f files/s, %.3g events per CPU-second (load %.1f)%n",
                    round, write == 1 ? " + write Parquet (" + single.getFileName() + ")" : " only", files.size(),
                    events, wall, cpu[write], files.size() / wall, events / cpu[write], SparkTools.load());
        }
        return cpu;
    }
}
