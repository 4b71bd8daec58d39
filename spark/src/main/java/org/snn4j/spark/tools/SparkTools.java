package org.snn4j.spark.tools;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.snn4j.cli.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The entry point of {@code snn4j-spark.jar}:
 * <pre>
 *   spark-submit --class org.snn4j.spark.tools.SparkTools snn4j-spark.jar COMMAND [options]
 *   java @spark/spark-jvm.options -cp snn4j-spark.jar:SPARK_JARS org.snn4j.spark.tools.SparkTools COMMAND [options]
 * </pre>
 * Commands: {@code convert} ({@link ConvertCommand}), {@code evaluate} ({@link EvaluateCommand}), {@code sweep}
 * ({@link SweepCommand}), {@code train} ({@link TrainCommand}). Parsing, help and errors are the {@code cli}
 * module's: {@code --help}, one-line usage errors with exit 2, a damaged file exit 1.
 */
@Command(name = "snn4j-spark", description = "snn4j on Apache Spark: event data sets, evaluation, sweeps, "
        + "data-parallel training.", footer = {"", "snn4j-spark COMMAND --help lists a command's options. Without "
        + "spark-submit (no spark.master set) the commands start an embedded local[2] Spark."})
public final class SparkTools {
    private SparkTools() {
    }

    /** Runs a command; exits with its code unless 0. */
    public static void main(String[] args) {
        Cli.exit(run(args, System.out, System.err));
    }

    /** Parses and runs, without exiting the JVM (for tests). */
    public static int run(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
        CommandLine cl = Cli.commandLine(new Top());
        Cli.addSubcommand(cl, "convert", new ConvertCommand());
        Cli.addSubcommand(cl, "evaluate", new EvaluateCommand());
        Cli.addSubcommand(cl, "sweep", new SweepCommand());
        Cli.addSubcommand(cl, "train", new TrainCommand());
        return Cli.run(cl, args, out, err);
    }

    /** The top-level command (only lists the subcommands). */
    @Command(name = "snn4j-spark", description = "snn4j on Apache Spark: event data sets, evaluation, sweeps, "
            + "data-parallel training.", footer = {"", "snn4j-spark COMMAND --help lists a command's options. "
            + "Without spark-submit (no spark.master set) the commands start an embedded local[2] Spark."})
    static final class Top {
    }

    /** {@code --master URL}: the Spark master; default spark-submit's, else {@code local[2]}. */
    public static final class Master {
        @Option(names = "--master", paramLabel = "URL",
                description = "Spark master (default: the one spark-submit sets, else local[2])")
        String master;

        /** Creates the mixin (picocli fills it). */
        public Master() {
        }

        /**
         * The session: {@code --master} if given, else the master {@code spark-submit} set, else {@code local[2]}.
         *
         * @param app the application name
         */
        public SparkSession session(String app) {
            SparkSession.Builder b = SparkSession.builder().appName(app);
            if (master != null) {
                b = b.master(master);
            } else if (!new SparkConf().contains("spark.master")) {
                b = b.master("local[2]").config("spark.ui.enabled", "false");
            }
            return b.getOrCreate();
        }
    }

    /**
     * Checks a path for the data set: a URI with a scheme ({@code hdfs://}, {@code s3a://}, {@code file:}) is taken
     * as given; a plain path must exist here.
     *
     * @throws IllegalArgumentException naming the option and the path
     */
    static String checkedPath(String option, String path) {
        if (path.contains(":")) {
            return path;
        }
        if (!Files.exists(Path.of(path))) {
            throw new IllegalArgumentException(option + ": no such file or folder '" + path + "'");
        }
        return Path.of(path).toAbsolutePath().normalize().toString();
    }

    /** CPU time of this whole JVM (every thread, Spark's executors in local mode included), seconds. */
    static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** The 1-minute load average, or -1. */
    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
