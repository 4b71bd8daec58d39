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
import org.snn4j.encoding.aer.AerFormat;
import org.snn4j.encoding.aer.PolarityMode;
import org.snn4j.encoding.aer.ReadMode;
import org.snn4j.spark.EventBins;
import org.snn4j.spark.EventFiles;
import org.snn4j.spark.EventReadOptions;
import org.snn4j.spark.EventTransform;
import org.snn4j.spark.Labels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code convert}: a folder of event files (N-MNIST {@code .bin}, AEDAT 2.0 / 3.1 / 4.0) to Parquet, decoded,
 * labelled, optionally down-sampled and binned on the executors ({@link EventFiles}). Without {@code --input} it
 * converts the shipped N-MNIST subset ({@code examples/data/nmnist-small}, labels from its two lists, SLAYER's
 * binning). Prints rows, events, faults, the job's wall time and CPU time, and with {@code --compare} the same
 * decoding and binning in this JVM's driver thread without Spark.
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

    @Option(names = "--format", paramLabel = "F",
            description = "format of every file: ${COMPLETION-CANDIDATES} (default: detected per file; "
                    + "NMNIST_BIN for the shipped subset's .bs2 files)")
    AerFormat format;

    @Option(names = "--glob", paramLabel = "GLOB", description = "file-name filter, such as *.bin (default: all)")
    String glob;

    @Option(names = "--label-list", paramLabel = "FILE", converter = Options.InputFile.class,
            description = "a 'SAMPLE CLASS' list (repeatable); default for the shipped subset: its two lists")
    List<Path> labelLists = new ArrayList<>();

    @Option(names = "--labels-from-folder", description = "the label is the file's folder name (N-MNIST layout)")
    boolean fromFolder;

    @Option(names = "--strict", description = "fail the job at the first damaged file (default: lenient, reported)")
    boolean strict;

    @Option(names = "--downsample", paramLabel = "F", converter = Ranges.AtLeastOne.class,
            description = "divide x and y by F (default ${DEFAULT-VALUE})")
    int downsample = 1;

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

    @Option(names = "--compare", description = "also decode and bin the same files in this JVM without Spark")
    boolean compare;

    @Option(names = "--rounds", paramLabel = "R", converter = Ranges.AtLeastOne.class,
            description = "repeat the conversion R times (the first round includes Spark's and the JIT's warm-up; "
                    + "default ${DEFAULT-VALUE})")
    int rounds = 1;

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
                : Options.find(Path.of("examples/data/nmnist-small")).resolve("files").toString();
        String outPath = output != null ? output : out.dir().resolve("events.parquet").toAbsolutePath().toString();
        if (!outPath.contains(":")) {
            Files.createDirectories(Path.of(outPath).toAbsolutePath().getParent());
        }
        SparkSession spark = master.session("snn4j-spark convert");
        try {
            int cores = spark.sparkContext().defaultParallelism();
            console.printf(Locale.ROOT, "convert %s -> %s (%s, %s, Spark %s, %s, default parallelism %d)%n", in,
                    outPath, opts.mode(), opts.format() == null ? "format detected" : opts.format(), spark.version(),
                    spark.sparkContext().master(), cores);
            for (int round = 1; round <= rounds; round++) {
                double cpuR = SparkTools.processCpuSeconds();
                long tR = System.nanoTime();
                org.apache.spark.sql.DataFrameReader reader = spark.read().format("binaryFile")
                        .option("recursiveFileLookup", "true");
                if (opts.glob() != null) {
                    reader = reader.option("pathGlobFilter", opts.glob());
                }
                Row fr = reader.load(in).agg(functions.count("*"), functions.sum(functions.length(
                        functions.col("content")))).first();
                console.printf(Locale.ROOT, "round %d, Spark's binaryFile source alone: %d files, %,d bytes in %.2f s "
                        + "wall, %.2f s CPU (whole JVM)%n", round, fr.getLong(0), fr.isNullAt(1) ? 0 : fr.getLong(1),
                        (System.nanoTime() - tR) / 1e9, SparkTools.processCpuSeconds() - cpuR);
                double cpuD = SparkTools.processCpuSeconds();
                long tD = System.nanoTime();
                Row d = EventFiles.read(spark, in, opts).agg(functions.count("*"), functions.sum("events")).first();
                double wallD = (System.nanoTime() - tD) / 1e9;
                double cpuDs = SparkTools.processCpuSeconds() - cpuD;
                long ev = d.isNullAt(1) ? 0 : d.getLong(1);
                console.printf(Locale.ROOT, "round %d, decode + bin only: %d files, %,d events in %.2f s wall, %.2f s "
                        + "CPU (whole JVM): %.0f files/s, %.3g events per CPU-second (load %.1f)%n", round,
                        d.getLong(0), ev, wallD, cpuDs, d.getLong(0) / wallD, ev / cpuDs, SparkTools.load());
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
                console.printf(Locale.ROOT, "round %d, decode + bin + write Parquet: %d files, %d labelled, %,d "
                        + "events; %d with faults, %d unreadable; %.2f s wall, %.2f s CPU (whole JVM): %.0f files/s, "
                        + "%.3g events per CPU-second (load %.1f)%n", round, rows, s.getLong(4), events, s.getLong(2),
                        s.getLong(3), wall, cpu, rows / wall, events / cpu, SparkTools.load());
            }
            if (compare) {
                single(console, in, opts);
            }
        } finally {
            spark.stop();
        }
    }

    EventReadOptions options() throws IOException {
        boolean shipped = input == null;
        EventReadOptions o = EventReadOptions.defaults().withMode(strict ? ReadMode.STRICT : ReadMode.LENIENT)
                .withFormat(format != null ? format : shipped ? AerFormat.NMNIST_BIN : null)
                .withGlob(glob != null ? glob : shipped ? "*.bs2" : null)
                .withKeepEvents(!noEvents);
        List<Path> lists = new ArrayList<>(labelLists);
        if (shipped && lists.isEmpty() && !fromFolder) {
            Path d = Options.find(Path.of("examples/data/nmnist-small"));
            lists.add(d.resolve("train1K.txt"));
            lists.add(d.resolve("test100.txt"));
        }
        if (fromFolder && !lists.isEmpty()) {
            throw new IllegalArgumentException("--labels-from-folder and --label-list exclude each other");
        }
        o = o.withLabels(fromFolder ? Labels.fromFolder() : lists.isEmpty() ? Labels.none() : Labels.readLists(lists));
        if (downsample > 1) {
            o = o.withTransforms(EventTransform.downsample(downsample, downsample));
        }
        if (bins > 0) {
            o = o.withBins(new EventBins(0, binUs, bins, merged ? PolarityMode.MERGED : PolarityMode.SPLIT));
        }
        if (noEvents && bins == 0) {
            throw new IllegalArgumentException("--no-events needs --bins N > 0: the rows would hold no events");
        }
        return o;
    }

    /** The same decoding and binning in the driver thread, local files only. */
    private static void single(PrintStream console, String in, EventReadOptions opts) throws IOException {
        Path dir = Path.of(in.startsWith("file:") ? java.net.URI.create(in).getPath() : in);
        if (in.contains("://")) {
            console.println("--compare: only for local paths, skipped");
            return;
        }
        List<Path> files = new ArrayList<>();
        java.nio.file.PathMatcher m = opts.glob() == null ? null
                : dir.getFileSystem().getPathMatcher("glob:" + opts.glob());
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(p -> m == null || m.matches(p.getFileName())).sorted()
                    .forEach(files::add);
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) {
            long cpu0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long events = 0;
            for (Path f : files) {
                events += EventFiles.decode(f.toUri().toString(), Files.readAllBytes(f), opts).getEvents();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            console.printf(Locale.ROOT, "single JVM, one thread, no Spark (round %d): %d files, %,d events, decode + "
                    + "bin %.2f s wall, %.2f s CPU: %.0f files/s, %.3g events per CPU-second (no Parquet; load %.1f)%n",
                    round + 1, files.size(), events, wall, cpu, files.size() / wall, events / cpu, SparkTools.load());
        }
    }
}
