package org.snn4j.spark.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.cli.Ranges;
import org.snn4j.encoding.aer.AerFormat;
import org.snn4j.encoding.aer.PolarityMode;
import org.snn4j.gradient.Parameter;
import org.snn4j.gradient.Trainer;
import org.snn4j.gradient.CoreExport;
import org.snn4j.io.AtomicFiles;
import org.snn4j.io.ModelFile;
import org.snn4j.network.NetworkFile;
import org.snn4j.spark.CoreNetworkModel;
import org.snn4j.spark.Scoring;
import org.snn4j.spark.DataParallelTraining;
import org.snn4j.spark.EventBins;
import org.snn4j.spark.EventFiles;
import org.snn4j.spark.EventReadOptions;
import org.snn4j.spark.EventTransform;
import org.snn4j.spark.Labels;
import org.snn4j.spark.NmnistMlp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code train}: data-parallel surrogate-gradient training ({@link DataParallelTraining}) of the SLAYER N-MNIST MLP
 * ({@link NmnistMlp}) on the shipped N-MNIST subset ({@code examples/data/nmnist-small}: 1,000 training and 100 test
 * recordings), decoded and binned on Spark; each epoch's loss and training accuracy, then the test accuracy. With
 * {@code --compare} the single-JVM trainer runs the same epochs from the same start and the largest weight
 * difference is printed.
 *
 * <pre>  snn4j-spark train [--epochs E] [--batch B] [--hidden H] [--downsample F] [--compare] [--save FILE]</pre>
 */
@Command(name = "train", sortOptions = false,
        description = "Data-parallel surrogate-gradient training of the SLAYER N-MNIST MLP on Spark.")
public final class TrainCommand implements Cli.Command {
    @Option(names = "--neuron", paramLabel = "N",
            description = "${COMPLETION-CANDIDATES}: SLAYER's SRM (default) or LIF (exportable to the core engine)")
    NmnistMlp.Neuron neuron = NmnistMlp.Neuron.SRM;

    @Option(names = "--epochs", paramLabel = "E", converter = Ranges.AtLeastOne.class,
            description = "epochs (default ${DEFAULT-VALUE})")
    int epochs = 2;

    @Option(names = "--batch", paramLabel = "B", converter = Ranges.AtLeastOne.class,
            description = "global mini-batch (default ${DEFAULT-VALUE})")
    int batch = 32;

    @Option(names = "--hidden", paramLabel = "H", converter = Ranges.AtLeastOne.class,
            description = "hidden neurons (default ${DEFAULT-VALUE}; SLAYER's example: 512)")
    int hidden = 128;

    @Option(names = "--downsample", paramLabel = "F", converter = Ranges.AtLeastOne.class,
            description = "divide x and y by F: 34 x 34 becomes ceil(34 / F) squared (default ${DEFAULT-VALUE})")
    int downsample = 2;

    @Option(names = "--steps", paramLabel = "T", converter = Ranges.AtLeastOne.class,
            description = "time steps (default ${DEFAULT-VALUE})")
    int steps = 100;

    @Option(names = "--step-ms", paramLabel = "MS", converter = Ranges.AtLeastOne.class,
            description = "step length in ms (default ${DEFAULT-VALUE}; steps x step = the window from 0)")
    int stepMs = 3;

    @Option(names = "--lr", paramLabel = "R", converter = Ranges.PositiveFloat.class,
            description = "learning rate (default ${DEFAULT-VALUE})")
    float lr = 0.01f;

    @Option(names = "--seed", paramLabel = "S", description = "seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--partitions", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "partitions of the training samples (default: Spark's default parallelism)")
    Integer partitions;

    @Option(names = "--compare", description = "also train in this JVM (Trainer, 2 threads) and compare the weights")
    boolean compare;

    @Option(names = "--save", paramLabel = "FILE", description = "write the trained parameters (snn4j model file)")
    Path save;

    @Option(names = "--export", paramLabel = "FILE",
            description = "with --neuron LIF: write the trained network for the core engine (network file)")
    Path export;

    @Mixin
    Options.Data data = new Options.Data("examples/data/nmnist-small");

    @Mixin
    SparkTools.Master master;

    /** A command-line instance; picocli sets the options. */
    public TrainCommand() {
    }

    /** Runs {@code train} from the command line. */
    public static void main(String[] args) {
        SparkTools.main(ConvertCommand.prepend("train", args));
    }

    @Override
    public void run(PrintStream out) throws IOException {
        if (export != null && neuron != NmnistMlp.Neuron.LIF) {
            throw new IllegalArgumentException("--export needs --neuron LIF (SRM neurons have no core model)");
        }
        Path dir = data.find();
        int side = (34 + downsample - 1) / downsample;
        NmnistMlp mlp = new NmnistMlp(neuron, 2, side, side, hidden, 10, steps, stepMs, lr, seed);
        EventReadOptions base = EventReadOptions.defaults().withFormat(AerFormat.NMNIST_BIN).withGlob("*.bs2")
                .withTransforms(EventTransform.downsample(downsample, downsample)).withKeepEvents(false)
                .withBins(new EventBins(0, stepMs * 1000L, steps, PolarityMode.SPLIT));
        String files = dir.resolve("files").toString();
        SparkSession spark = master.session("snn4j-spark train");
        try {
            int parts = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
            JavaRDD<DataParallelTraining.Sample> train = DataParallelTraining.samples(EventFiles.read(spark, files,
                    base.withLabels(Labels.readList(dir.resolve("train1K.txt"))))).repartition(parts).cache();
            org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> testRows = EventFiles.read(spark, files,
                    base.withLabels(Labels.readList(dir.resolve("test100.txt")))).filter("label IS NOT NULL");
            List<DataParallelTraining.Sample> testList = DataParallelTraining.samples(testRows).collect();
            int n = (int) train.count();
            out.printf(Locale.ROOT, "train: %s MLP %d-%d-10, %d steps of %d ms, batch %d, Adam lr %s, seed %d; %d "
                    + "training / %d test recordings in %d partitions; Spark %s, %s; %s%n", neuron, mlp.input().size(), hidden,
                    steps, stepMs, batch, lr, seed, n, testList.size(), parts, spark.version(),
                    spark.sparkContext().master(), Cli.runtime());
            try (DataParallelTraining dp = new DataParallelTraining(spark, mlp, batch, 2)) {
                for (int e = 0; e < epochs; e++) {
                    double cpu0 = SparkTools.processCpuSeconds();
                    long t0 = System.nanoTime();
                    Trainer.EpochResult r = dp.trainEpoch(train, n, e);
                    double wall = (System.nanoTime() - t0) / 1e9;
                    out.printf(Locale.ROOT, "epoch %d: loss %.4f, train accuracy %.2f %%; %.1f s wall (%.0f "
                            + "samples/s), %.1f s CPU (load %.1f)%n", e + 1, r.meanLoss(), 100 * r.trainAccuracy(),
                            wall, n / wall, SparkTools.processCpuSeconds() - cpu0, SparkTools.load());
                }
                Trainer.Evaluation ev = dp.trainer().evaluate(DataParallelTraining.local(testList));
                out.printf(Locale.ROOT, "test accuracy %.2f %% (%d recordings)%n", 100 * ev.accuracy(),
                        testList.size());
                if (compare) {
                    List<DataParallelTraining.Sample> all = train.collect();
                    try (Trainer single = mlp.create(batch, 2)) {
                        long t0 = System.nanoTime();
                        for (int e = 0; e < epochs; e++) {
                            single.trainEpoch(DataParallelTraining.local(all), e);
                        }
                        double wall = (System.nanoTime() - t0) / 1e9;
                        double diff = 0;
                        double max = 0;
                        List<Parameter> a = dp.network().parameters();
                        List<Parameter> b = single.network().parameters();
                        for (int p = 0; p < a.size(); p++) {
                            for (int i = 0; i < a.get(p).size(); i++) {
                                diff = Math.max(diff, Math.abs(a.get(p).value()[i] - b.get(p).value()[i]));
                                max = Math.max(max, Math.abs(b.get(p).value()[i]));
                            }
                        }
                        out.printf(Locale.ROOT, "single JVM (Trainer, 2 threads): %d epochs in %.1f s wall; largest "
                                + "weight difference %.3g (largest weight %.3g)%n", epochs, wall, diff, max);
                    }
                }
                if (save != null) {
                    ModelFile.write(save, dp.network().toModelData());
                    out.println("model: " + save);
                }
                if (neuron == NmnistMlp.Neuron.LIF) {
                    // the trained network on the event-driven core engine, scored on Spark (one simulation per partition)
                    byte[] core = NetworkFile.toBytes(CoreExport.toNetwork(dp.network()));
                    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> scored = Scoring.score(testRows, core,
                            new CoreNetworkModel(CoreNetworkModel.networkFile(), seed), "path", "label").cache();
                    long events = scored.agg(org.apache.spark.sql.functions.sum("synapticEvents")).first().getLong(0);
                    out.printf(Locale.ROOT, "core engine on Spark: test accuracy %.2f %% (%d recordings), %.3g "
                            + "synaptic events%n", 100 * Scoring.accuracy(scored), scored.count(), (double) events);
                    if (export != null) {
                        AtomicFiles.write(export, core);
                        out.println("core network: " + export);
                    }
                }
            }
        } finally {
            spark.stop();
        }
    }
}
