package org.snn4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.snn4j.Shape;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.cli.Ranges;
import org.snn4j.conversion.AnnToSnn;
import org.snn4j.conversion.ConversionOptions;
import org.snn4j.conversion.ConvertedNetwork;
import org.snn4j.conversion.InputCoding;
import org.snn4j.conversion.SnnClassifier;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.gradient.Adam;
import org.snn4j.gradient.Conv2d;
import org.snn4j.gradient.CountCrossEntropy;
import org.snn4j.gradient.Dense;
import org.snn4j.gradient.Flatten;
import org.snn4j.gradient.Init;
import org.snn4j.gradient.LearningRate;
import org.snn4j.gradient.Pool2d;
import org.snn4j.gradient.Relu;
import org.snn4j.gradient.Samples;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.gradient.Tensor;
import org.snn4j.gradient.Trainer;
import org.snn4j.plot.LineChart;
import org.snn4j.plot.Png;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * <pre>
 * Ex13: ANN-to-SNN conversion on the shipped MNIST subset (8,000 training / 2,000 test digits).
 *
 * What it shows: an ordinary convolutional network (conv 5x5 16 + ReLU, average pool 2, conv 5x5 32 + ReLU,
 * average pool 2, dense 10; biases) trained with snn4j-gradient's trainer (Adam, cross-entropy, one time step:
 * a plain ANN), then converted by AnnToSnn into integrate-and-fire neurons with reset by subtraction, biases as
 * constant currents and data-based normalisation (max, and the 99.9th percentile, on 1,000 training digits),
 * average pooling as fixed-weight convolutions; run on the event-driven engine with analog input (a constant
 * current into the first layer) or Poisson spikes. Prints the ANN's test accuracy, the spiking network's accuracy
 * at T = 4 .. steps, synaptic events and spikes per image and images per second (thread CPU time, one thread),
 * and draws the accuracy-vs-T curve.
 *
 * Run:  java -jar examples/target/snn4j-examples.jar ann-to-snn [--epochs 6] [--steps 64] [--test N]
 *       [--out DIR] [--data DIR] [--quick]
 *   --quick  1 epoch on 600 digits, 100 test digits, 24 steps (the smoke test)
 * Prints: one line per epoch, then a table (normalisation, input, accuracy at each T, events/img, img/s); writes
 * DIR/accuracy-vs-steps.png (default results/ann-to-snn).
 * </pre>
 */
@Command(name = "ann-to-snn")
public final class Ex13_AnnToSnn implements Cli.Command {

    /** MNIST digits as one-step tensors of intensities in [0, 1]. */
    static Samples samples(MnistDataset.Split s, int count) {
        int n = s.rows() * s.cols();
        return new Samples() {
            @Override
            public int size() {
                return count;
            }

            @Override
            public int label(int i) {
                return s.label(i);
            }

            @Override
            public void load(int i, Tensor into) {
                float[] d = into.data();
                byte[] p = s.pixels();
                int base = i * n;
                for (int k = 0; k < n; k++) {
                    d[k] = (p[base + k] & 0xff) / 255f;
                }
                into.markDense();
            }
        };
    }

    /** The ANN: conv 16 5x5 - ReLU - avg pool 2 - conv 32 5x5 - ReLU - avg pool 2 - dense 10. */
    static SpikingNetwork ann(long seed) {
        Shape in = new Shape(1, 28, 28);
        SpikingNetwork.Builder b = SpikingNetwork.builder(in, 1, 1f);
        b.add(new Conv2d("conv1", in, 16, 5, 1, 2, true, Init.uniform(1f), seed));
        b.add(new Relu("relu1", b.currentShape()));
        b.add(new Pool2d("pool1", b.currentShape(), 2, Pool2d.Mode.AVERAGE));
        b.add(new Conv2d("conv2", b.currentShape(), 32, 5, 1, 2, true, Init.uniform(1f), seed + 1));
        b.add(new Relu("relu2", b.currentShape()));
        b.add(new Pool2d("pool2", b.currentShape(), 2, Pool2d.Mode.AVERAGE));
        b.add(new Flatten("flatten", b.currentShape()));
        b.add(new Dense("fc", b.currentShape(), 10, true, Init.uniform(1f), seed + 2));
        return b.build();
    }

    /** Accuracy (%) at each checkpoint, synaptic events and spikes per image, images per CPU second. */
    record Run(String name, double[] accuracy, double eventsPerImage, double spikesPerImage, double imagesPerS) {
    }

    static Run evaluate(String name, ConvertedNetwork c, InputCoding coding, int steps, int[] checkpoints,
                        MnistDataset.Split test, int count) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        SnnClassifier snn = c.classifier(coding, steps, 12);
        float[] img = new float[28 * 28];
        int[] correct = new int[checkpoints.length];
        byte[] p = test.pixels();
        long cpu0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < img.length; k++) {
                img[k] = (p[i * img.length + k] & 0xff) / 255f;
            }
            int[] pred = snn.classify(img, checkpoints);
            for (int k = 0; k < pred.length; k++) {
                correct[k] += pred[k] == test.label(i) ? 1 : 0;
            }
        }
        double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double[] acc = new double[checkpoints.length];
        for (int k = 0; k < acc.length; k++) {
            acc[k] = 100.0 * correct[k] / count;
        }
        return new Run(name, acc, (double) snn.synapticEvents() / count, (double) snn.spikes() / count, count / cpu);
    }

    @Option(names = "--quick", description = "1 epoch, 24 steps, 600 training and 100 test digits")
    boolean quick;

    @Option(names = "--epochs", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "ANN training epochs (default 6, quick 1)")
    Integer epochsOption;

    @Option(names = "--steps", paramLabel = "T", converter = Ranges.AtLeastOne.class,
            description = "SNN time steps (default 64, quick 24)")
    Integer stepsOption;

    @Option(names = "--test", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "test digits (default 2000, quick 100)")
    Integer testOption;

    @Mixin
    Options.Out outDir;

    @Mixin
    Options.Data dataDir = new Options.Data("examples/data/mnist10k");

    /** A command-line instance; picocli sets the options. */
    public Ex13_AnnToSnn() {
    }

    /** Runs the example from the command line; {@code --help} lists the options. */
    public static void main(String[] args) {
        Launcher.main("ann-to-snn", args);
    }

    /**
     * Runs the example with the parsed options.
     *
     * @throws IOException if the data cannot be read or the picture written
     */
    @Override
    public void run(PrintStream console) throws IOException {
        int epochs = Options.orDefault(epochsOption, quick, 1, 6);
        int steps = Options.orDefault(stepsOption, quick, 24, 64);
        int testCount = Options.orDefault(testOption, quick, 100, 2000);
        ExampleOptions opt = new ExampleOptions(quick, outDir.dir(), dataDir.given());
        MnistDataset.Split train = opt.mnistTrain();
        MnistDataset.Split test = opt.mnistTest();
        int trainCount = quick ? 600 : train.count();
        testCount = Math.min(testCount, test.count());
        Samples trainSet = samples(train, trainCount);
        Samples testSet = samples(test, testCount);

        SpikingNetwork ann = ann(1);
        double annAccuracy;
        try (Trainer t = new Trainer(ann, new CountCrossEntropy(1f), Adam.defaults(false),
                LearningRate.step(2e-3f, 3, 0.5f), 32, 2, 7)) {
            for (int e = 0; e < epochs; e++) {
                long t0 = System.nanoTime();
                Trainer.EpochResult r = t.trainEpoch(trainSet, e);
                System.out.printf(Locale.ROOT, "epoch %d: loss %.4f, train %.2f %%, test %.2f %% (%.0f s)%n", e + 1,
                        r.meanLoss(), 100 * r.trainAccuracy(), 100 * t.evaluate(testSet).accuracy(),
                        (System.nanoTime() - t0) / 1e9);
            }
            annAccuracy = 100 * t.evaluate(testSet).accuracy();
        }
        System.out.printf(Locale.ROOT, "ANN test accuracy: %.2f %% (%d digits)%n", annAccuracy, testCount);

        List<Integer> cps = new ArrayList<>();
        for (int T : new int[] {4, 8, 16, 24, 32, 48, 64, 96, 128}) {
            if (T <= steps) {
                cps.add(T);
            }
        }
        if (!cps.contains(steps)) {
            cps.add(steps);
        }
        int[] checkpoints = cps.stream().mapToInt(Integer::intValue).toArray();
        int calibration = Math.min(1000, trainCount);
        ConvertedNetwork max = AnnToSnn.convert(ann, trainSet, ConversionOptions.max(calibration));
        ConvertedNetwork pct = AnnToSnn.convert(ann, trainSet, ConversionOptions.percentile(99.9, calibration));
        List<Run> runs = new ArrayList<>();
        runs.add(evaluate("max, analog", max, InputCoding.ANALOG, steps, checkpoints, test, testCount));
        runs.add(evaluate("p99.9, analog", pct, InputCoding.ANALOG, steps, checkpoints, test, testCount));
        runs.add(evaluate("p99.9, Poisson", pct, InputCoding.POISSON, steps, checkpoints, test, testCount));

        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-16s", "norm, input"));
        for (int T : checkpoints) {
            head.append(String.format(Locale.ROOT, " %7s", "T=" + T));
        }
        System.out.println(head + "  events/img  spikes/img  img/s");
        List<LineChart.Series> series = new ArrayList<>();
        double[] xs = new double[checkpoints.length];
        double[] annLine = new double[checkpoints.length];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = checkpoints[k];
            annLine[k] = annAccuracy;
        }
        for (Run r : runs) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-16s", r.name()));
            for (double a : r.accuracy()) {
                row.append(String.format(Locale.ROOT, " %7.2f", a));
            }
            System.out.println(row + String.format(Locale.ROOT, "  %10.0f  %10.0f  %5.1f", r.eventsPerImage(),
                    r.spikesPerImage(), r.imagesPerS()));
            series.add(new LineChart.Series(r.name(), xs, r.accuracy()));
        }
        series.add(new LineChart.Series("ANN", xs, annLine));
        System.out.printf(Locale.ROOT, "lambda (max): %s%nlambda (p99.9): %s%n",
                java.util.Arrays.toString(max.scales()), java.util.Arrays.toString(pct.scales()));
        Path png = Png.write(LineChart.of("Converted CNN on mnist10k (" + testCount + " test digits)", "time steps T",
                "accuracy (%)", series, Double.NaN, Double.NaN, 720, 420), opt.out().resolve("accuracy-vs-steps.png"));
        System.out.println("wrote " + png);
    }
}
