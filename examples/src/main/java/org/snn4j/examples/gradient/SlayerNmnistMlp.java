package org.snn4j.examples.gradient;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.snn4j.Shape;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Ranges;
import org.snn4j.encoding.dataset.NmnistDataset;
import org.snn4j.examples.Launcher;
import org.snn4j.gradient.Adam;
import org.snn4j.gradient.Dense;
import org.snn4j.gradient.Init;
import org.snn4j.gradient.LearningRate;
import org.snn4j.gradient.SpikeCountLoss;
import org.snn4j.gradient.SpikingLayer;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.gradient.Srm;
import org.snn4j.neuron.SrmParameters;
import org.snn4j.gradient.Trainer;
import org.snn4j.io.AtomicFiles;
import org.snn4j.plot.LineChart;
import org.snn4j.plot.Png;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * <pre>
 * slayerPytorch's N-MNIST MLP example, trained with snn4j's surrogate-gradient trainer (module snn4j-gradient).
 *
 * What it shows: a 2312-512-10 network of SLAYER spike-response-model neurons (theta 10, tauSr 10 ms, tauRef 1 ms,
 * scaleRef 2; surrogate tauRho 1, scaleRho 1) on N-MNIST binned into 1 ms steps over 300 ms, trained with the
 * spike-count loss (60 spikes for the true class, 10 for the others, over the whole 300 ms), Adam with learning
 * rate 0.01 and AMSGrad, batch 8, 100 epochs, on the 1,000 training recordings shipped in
 * examples/data/nmnist-small, tested on its 100 test recordings after every epoch. The forward pass and the weight
 * gradient of the first layer touch only the input pixels that spiked at each step. slayerPytorch's published
 * notebook of this example ends at 93-94 % test accuracy (best 97 %).
 *
 * Run:  java -jar examples/target/snn4j-examples.jar slayer-nmnist-mlp [--epochs 100] [--seeds 1] [--seed 1]
 *           [--threads 2] [--data DIR] [--out DIR] [--train N] [--test N] [--batch 8] [--flat-error] [--quick]
 *       (--data: the shipped subset by default, or a full N-MNIST with Train/0..9 and Test/0..9;
 *        --seeds K trains K networks with seeds seed .. seed+K-1 and reports the mean last-epoch accuracy;
 *        --quick: 2 epochs on 120 / 50 recordings)
 * Prints: one line per epoch (loss, training accuracy, test accuracy, test loss, seconds; the loss is
 * 1/2 sum_o (count_o - target_o)^2 per sample, 300 times the per-sample loss slayerPytorch's notebook prints),
 * then the last-epoch accuracy of each seed and their mean; writes results.json and accuracy.png into --out (default results/slayer-nmnist-mlp).
 * </pre>
 */
@Command(name = "slayer-nmnist-mlp")
public final class SlayerNmnistMlp implements Cli.Command {
    /** Command-line options (see the class comment). */
    record Options(int epochs, int seeds, long seed, int threads, Path data, Path out, int train, int test,
                   int batch, boolean flatError) {
    }

    @Option(names = "--batch", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "samples per update (default ${DEFAULT-VALUE}, slayerPytorch's notebook and script)")
    int batch = BATCH;

    @Option(names = "--flat-error", description = "spread the count error evenly over the window (the exact "
            + "gradient) instead of SLAYER's PSP-filtered error assignment")
    boolean flatError;

    @Option(names = "--epochs", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "training epochs (default 100, quick 2)")
    Integer epochs;

    @Option(names = "--seeds", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "independent runs with seeds seed, seed+1, ... (default ${DEFAULT-VALUE})")
    int seeds = 1;

    @Option(names = "--seed", paramLabel = "S", description = "first seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Mixin
    org.snn4j.cli.Options.Threads threads;

    @Option(names = "--train", paramLabel = "N", converter = Ranges.AtLeastZero.class,
            description = "training recordings, 0: all (default 0, quick 120)")
    Integer train;

    @Option(names = "--test", paramLabel = "N", converter = Ranges.AtLeastZero.class,
            description = "test recordings, 0: all (default 0, quick 50)")
    Integer test;

    @Option(names = "--quick", description = "2 epochs on 120 / 50 recordings")
    boolean quick;

    @Mixin
    org.snn4j.cli.Options.Data data = new org.snn4j.cli.Options.Data("examples/data/nmnist-small");

    @Mixin
    org.snn4j.cli.Options.Out out;

    /** A command-line instance; picocli sets the options. */
    public SlayerNmnistMlp() {
    }

    /** The parsed options ({@code --quick} applied under explicit values). */
    Options options() {
        return new Options(org.snn4j.cli.Options.orDefault(epochs, quick, 2, 100), seeds, seed, threads.get(),
                data.find(), out.dir(), org.snn4j.cli.Options.orDefault(train, quick, 120, 0),
                org.snn4j.cli.Options.orDefault(test, quick, 50, 0), batch, flatError);
    }

    /** Time steps (1 ms each) per sample. */
    static final int STEPS = 300;

    /**
     * Samples per update: 8, the {@code batch_size} of slayerPytorch's nmnistMLP notebook and script (its
     * network.yaml's {@code nSample: 12} is not read by them).
     */
    public static final int BATCH = 8;

    /**
     * The network of slayerPytorch's example: dense 2312-512 and 512-10 (no bias; weights uniform in
     * +-10/sqrt(fanIn), slayerPytorch's weightScale 10 over PyTorch's default), SRM neurons after each.
     *
     * @param seed weight seed
     * @return the network
     */
    public static SpikingNetwork network(long seed) {
        SrmParameters p = SrmParameters.slayerNmnist();
        Srm srm = Srm.slayer(p, DT_MS, 1f, 1f);
        Shape in = NmnistDataset.SHAPE;
        return SpikingNetwork.builder(in, STEPS, DT_MS)
                .add(new Dense("fc1", in, 512, false, Init.uniform(10f), seed))
                .add(new SpikingLayer("srm1", Shape.flat(512), srm))
                .add(new Dense("fc2", Shape.flat(512), 10, false, Init.uniform(10f), seed + 1))
                .add(new SpikingLayer("srm2", Shape.flat(10), srm))
                .build();
    }

    /**
     * A trainer with the example's loss and optimiser.
     *
     * @param net     the network
     * @param threads worker threads
     * @param seed    shuffling seed
     * @return the trainer (close it)
     */
    public static Trainer trainer(SpikingNetwork net, int threads, long seed) {
        return trainer(net, threads, seed, BATCH, false);
    }

    /**
     * A trainer with the example's optimiser and a chosen batch size and error assignment.
     *
     * @param net       the network
     * @param threads   worker threads
     * @param seed      shuffling seed
     * @param batch     samples per update
     * @param flatError true: the count error spread evenly over the window (exact gradient); false: SLAYER's
     *                  PSP-filtered error assignment ({@link SpikeCountLoss#slayer(int, float, float, float)})
     * @return the trainer (close it)
     */
    public static Trainer trainer(SpikingNetwork net, int threads, long seed, int batch, boolean flatError) {
        float tauSrSteps = SrmParameters.slayerNmnist().tauSrMs() / DT_MS;
        SpikeCountLoss loss = flatError ? SpikeCountLoss.slayer(STEPS, 60f, 10f)
                : SpikeCountLoss.slayer(STEPS, 60f, 10f, tauSrSteps);
        return new Trainer(net, loss, Adam.defaults(true), LearningRate.constant(0.01f), batch, threads, seed);
    }

    /** Time step in ms. */
    static final float DT_MS = 1f;

    /** Runs the example from the command line; {@code --help} lists the options. */
    public static void main(String[] args) {
        Launcher.main("slayer-nmnist-mlp", args);
    }

    /** Runs the example with the parsed options. */
    @Override
    public void run(PrintStream console) throws IOException {
        Options o = options();
        NmnistDataset.Binning bin = NmnistDataset.Binning.slayer();
        long t0 = System.nanoTime();
        NmnistSamples train = NmnistSamples.load(o.data(), NmnistDataset.Split.TRAIN, bin, o.train());
        NmnistSamples test = NmnistSamples.load(o.data(), NmnistDataset.Split.TEST, bin, o.test());
        double loadS = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "slayer-nmnist-mlp: %d training / %d test recordings from %s (%.1f input "
                        + "spikes per sample, loaded in %.1f s), %d epochs x %d seed(s), %d threads%n", train.size(),
                test.size(), o.data(), train.meanSpikes(), loadS, o.epochs(), o.seeds(), o.threads());
        List<double[]> testCurves = new ArrayList<>();
        List<double[]> trainCurves = new ArrayList<>();
        double[] last = new double[o.seeds()];
        double[] runSeconds = new double[o.seeds()];
        double[] best = new double[o.seeds()];
        StringBuilder epochsJson = new StringBuilder();
        for (int r = 0; r < o.seeds(); r++) {
            long seed = o.seed() + r;
            SpikingNetwork net = network(seed);
            double[] testAcc = new double[o.epochs()];
            double[] trainAcc = new double[o.epochs()];
            long runStart = System.nanoTime();
            try (Trainer tr = trainer(net, o.threads(), seed, o.batch(), o.flatError())) {
                for (int e = 0; e < o.epochs(); e++) {
                    long es = System.nanoTime();
                    Trainer.EpochResult res = tr.trainEpoch(train, e);
                    double trainS = (System.nanoTime() - es) / 1e9;
                    Trainer.Evaluation ev = tr.evaluate(test);
                    double epochS = (System.nanoTime() - es) / 1e9;
                    testAcc[e] = ev.accuracy();
                    trainAcc[e] = res.trainAccuracy();
                    best[r] = Math.max(best[r], ev.accuracy());
                    System.out.printf(Locale.ROOT, "seed %d epoch %3d/%d  loss %8.2f  train %5.1f %%  test %5.1f %%"
                                    + "  test loss %8.2f  (%.2f s train, %.2f s epoch)%n", seed, e + 1, o.epochs(),
                            res.meanLoss(), 100 * res.trainAccuracy(), 100 * ev.accuracy(), ev.meanLoss(), trainS,
                            epochS);
                    if (epochsJson.length() > 0) {
                        epochsJson.append(",\n");
                    }
                    epochsJson.append(String.format(Locale.ROOT, "    {\"seed\": %d, \"epoch\": %d, \"loss\": %.4f, "
                                    + "\"train_accuracy\": %.4f, \"test_accuracy\": %.4f, \"test_loss\": %.4f, "
                                    + "\"train_seconds\": %.3f}",
                            seed, e + 1, res.meanLoss(), res.trainAccuracy(), ev.accuracy(), ev.meanLoss(), trainS));
                }
            }
            runSeconds[r] = (System.nanoTime() - runStart) / 1e9;
            last[r] = testAcc[o.epochs() - 1];
            testCurves.add(testAcc);
            trainCurves.add(trainAcc);
            System.out.printf(Locale.ROOT, "seed %d: last-epoch test accuracy %.1f %% (best %.1f %%), %.1f s for %d "
                    + "epochs%n", seed, 100 * last[r], 100 * best[r], runSeconds[r], o.epochs());
        }
        double mean = 0;
        for (double a : last) {
            mean += a / last.length;
        }
        System.out.printf(Locale.ROOT, "mean last-epoch test accuracy over %d seed(s): %.2f %%%n", o.seeds(),
                100 * mean);
        Files.createDirectories(o.out());
        StringBuilder js = new StringBuilder();
        js.append("{\n  \"example\": \"slayer-nmnist-mlp\",\n");
        js.append(String.format(Locale.ROOT, "  \"data\": \"%s\",\n  \"train_samples\": %d,\n  \"test_samples\": %d,\n"
                        + "  \"epochs\": %d,\n  \"batch\": %d,\n  \"error\": \"%s\",\n  \"threads\": %d,\n  \"jdk\": \"%s\",\n"
                        + "  \"mean_input_spikes\": %.1f,\n",
                o.data().toString().replace("\\", "/"), train.size(), test.size(), o.epochs(), o.batch(),
                o.flatError() ? "flat" : "psp", o.threads(),
                System.getProperty("java.version"), train.meanSpikes()));
        js.append("  \"runs\": [\n");
        for (int r = 0; r < o.seeds(); r++) {
            js.append(String.format(Locale.ROOT, "    {\"seed\": %d, \"last_test_accuracy\": %.4f, "
                            + "\"best_test_accuracy\": %.4f, \"seconds\": %.1f}%s%n", o.seed() + r, last[r], best[r],
                    runSeconds[r], r + 1 < o.seeds() ? "," : ""));
        }
        js.append(String.format(Locale.ROOT, "  ],\n  \"mean_last_test_accuracy\": %.4f,\n  \"per_epoch\": [\n",
                mean));
        js.append(epochsJson).append("\n  ]\n}\n");
        Path json = o.out().resolve("results.json");
        AtomicFiles.write(json, js.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<LineChart.Series> series = new ArrayList<>();
        for (int r = 0; r < o.seeds(); r++) {
            series.add(LineChart.Series.of("test, seed " + (o.seed() + r), testCurves.get(r)));
            series.add(LineChart.Series.of("train, seed " + (o.seed() + r), trainCurves.get(r)));
        }
        Path png = Png.write(LineChart.of("SLAYER N-MNIST MLP (2312-512-10): accuracy per epoch", "epoch - 1",
                "accuracy", series, 0.0, 1.2, 720, 420), o.out().resolve("accuracy.png"));
        System.out.println("wrote " + json + " and " + png);
    }
}
