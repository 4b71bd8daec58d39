package org.snn4j.spark.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.cli.Ranges;
import org.snn4j.spark.DiehlCookSweep;
import org.snn4j.spark.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sweep}: a grid of Diehl &amp; Cook 2015 configurations (neurons x epochs x seeds) on Spark, one configuration
 * per task, one thread each; prints the table sorted by accuracy and writes it as {@code OUT/sweep.csv}, each
 * configuration's results, pictures and model under {@code OUT/<configuration>/}.
 *
 * <pre>  snn4j-spark sweep [--neurons 100,400] [--epochs 1,2] [--seeds 1,2,3] [--train N] [--test N] [--quick]</pre>
 */
@Command(name = "sweep", sortOptions = false,
        description = "Train a grid of Diehl & Cook 2015 configurations on Spark, one per task; accuracy table.")
public final class SweepCommand implements Cli.Command {
    @Option(names = "--neurons", paramLabel = "N,N", split = ",", converter = Ranges.AtLeastOne.class,
            description = "excitatory neurons (default 100,400; quick 5,10)")
    List<Integer> neurons;

    @Option(names = "--epochs", paramLabel = "E,E", split = ",", converter = Ranges.AtLeastZero.class,
            description = "training epochs (default 1)")
    List<Integer> epochs;

    @Option(names = "--seeds", paramLabel = "S,S", split = ",", description = "seeds (default 1,2)")
    List<Long> seeds;

    @Option(names = "--train", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "training digits (default 1000, quick 100)")
    Integer train;

    @Option(names = "--test", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "test digits (default 500, quick 100)")
    Integer test;

    @Option(names = "--quick", description = "tiny grid: 5 and 10 neurons, 1 epoch, seeds 1 and 2, 100 / 100 digits")
    boolean quick;

    @Mixin
    Options.Data data = new Options.Data("examples/data/mnist10k");

    @Mixin
    Options.Out out;

    @Mixin
    SparkTools.Master master;

    /** A command-line instance; picocli sets the options. */
    public SweepCommand() {
    }

    /** Runs {@code sweep} from the command line. */
    public static void main(String[] args) {
        SparkTools.main(ConvertCommand.prepend("sweep", args));
    }

    private static int[] ints(List<Integer> given, int... fallback) {
        return given != null ? given.stream().mapToInt(Integer::intValue).toArray() : fallback;
    }

    @Override
    public void run(PrintStream console) throws IOException {
        Path mnist = data.find();
        List<DiehlCookSweep.Config> grid = DiehlCookSweep.grid(
                ints(neurons, quick ? new int[] {5, 10} : new int[] {100, 400}), ints(epochs, 1),
                Options.orDefault(train, quick, 100, 1000), Options.orDefault(test, quick, 100, 500),
                seeds != null ? seeds.stream().mapToLong(Long::longValue).toArray() : new long[] {1, 2});
        Path dir = out.dir().toAbsolutePath();
        SparkSession spark = master.session("snn4j-spark sweep");
        try {
            console.printf(Locale.ROOT, "sweep: %d Diehl & Cook configurations as Spark tasks (%s, default "
                    + "parallelism %d); data %s; output %s%n", grid.size(), spark.sparkContext().master(),
                    spark.sparkContext().defaultParallelism(), mnist, dir);
            long t0 = System.nanoTime();
            Dataset<Row> res = Sweep.run(spark, grid, DiehlCookSweep.trial(mnist.toString()), dir.toString());
            double wall = (System.nanoTime() - t0) / 1e9;
            res.orderBy(res.col("accuracy").desc_nulls_last()).show(grid.size(), false);
            double cpu = res.agg(org.apache.spark.sql.functions.sum("taskCpuSeconds")).first().getDouble(0);
            console.printf(Locale.ROOT, "%d configurations in %.1f s wall; %.1f task CPU-seconds (load %.1f)%n",
                    grid.size(), wall, cpu, SparkTools.load());
            StringBuilder csv = new StringBuilder(String.join(",", res.columns())).append('\n');
            for (Row r : res.orderBy("index").collectAsList()) {
                for (int i = 0; i < r.length(); i++) {
                    if (i > 0) {
                        csv.append(',');
                    }
                    Object v = r.get(i);
                    csv.append(v == null ? "" : v.toString().replace(',', ';').replace('\n', ' '));
                }
                csv.append('\n');
            }
            console.println("table: " + out.write("sweep.csv", csv.toString()));
        } finally {
            spark.stop();
        }
    }
}
