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
import org.snn4j.gradient.BatchNorm;
import org.snn4j.gradient.Conv2d;
import org.snn4j.gradient.CountCrossEntropy;
import org.snn4j.gradient.Dense;
import org.snn4j.gradient.Dropout;
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
 * average pool 2, dropout 0.2, dense 128 + ReLU, dropout 0.2, dense 10; biases) trained with snn4j-gradient's trainer (Adam, cross-entropy, one time step:
 * a plain ANN), then converted by AnnToSnn into integrate-and-fire neurons with reset by subtraction, biases as
 * constant currents and data-based normalisation (max, and the 99.9th percentile, on 1,000 training digits),
 * average pooling as fixed-weight convolutions; run on the event-driven engine with analog input (a constant
 * current into the first layer) or Poisson spikes. Prints the ANN's test accuracy, the spiking network's accuracy
 * at T = 4 .. steps, synaptic events and spikes per image and images per second (thread CPU time, one thread),
 * and draws the accuracy-vs-T curve.
 *
 * Run:  java -jar examples/target/snn4j-examples.jar ann-to-snn [--epochs 12] [--shift 1] [--steps 64] [--test N]
 *       [--ann FILE] [--clock] [--out DIR] [--data DIR] [--quick]
 *   default: 12 epochs with random shifts of up to 1 pixel, learning rate halved every 4 (about 550 s of CPU for
 *   the training, 40-65 s per epoch), then the three spiking runs on the 2,000 test digits (40-55 s of CPU each)
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

    /**
     * {@code base} with every image shifted by up to {@code k} pixels in x and y (zero fill), the shift drawn from
     * {@code seed}, the epoch and the sample number: the same for any number of trainer threads.
     */
    static Samples shifted(Samples base, int rows, int cols, int k, long seed, int epoch) {
        if (k == 0) {
            return base;
        }
        return new Samples() {
            @Override
            public int size() {
                return base.size();
            }

            @Override
            public int label(int i) {
                return base.label(i);
            }

            @Override
            public void load(int i, Tensor into) {
                base.load(i, into);
                java.util.SplittableRandom r = new java.util.SplittableRandom(seed * 0x9E3779B97F4A7C15L
                        + epoch * 0xBF58476D1CE4E5B9L + i);
                int dx = r.nextInt(2 * k + 1) - k;
                int dy = r.nextInt(2 * k + 1) - k;
                if (dx == 0 && dy == 0) {
                    return;
                }
                float[] d = into.data();
                float[] src = java.util.Arrays.copyOf(d, rows * cols);
                for (int y = 0; y < rows; y++) {
                    int sy = y - dy;
                    for (int x = 0; x < cols; x++) {
                        int sx = x - dx;
                        d[y * cols + x] = sy >= 0 && sy < rows && sx >= 0 && sx < cols ? src[sy * cols + sx] : 0f;
                    }
                }
                into.markDense();
            }
        };
    }

    /**
     * The ANN: conv {@code c1} 5x5 - ReLU - avg pool 2 - conv {@code c2} 5x5 - ReLU - avg pool 2 - [dense
     * {@code hidden} - ReLU - dropout] - dense 10.
     */
    static SpikingNetwork ann(long seed, int c1, int c2, int hidden, float dropout, boolean bn) {
        Shape in = new Shape(1, 28, 28);
        SpikingNetwork.Builder b = SpikingNetwork.builder(in, 1, 1f);
        b.add(new Conv2d("conv1", in, c1, 5, 1, 2, true, Init.uniform(1f), seed));
        if (bn) {
            b.add(new BatchNorm("bn1", b.currentShape(), BatchNorm.Axis.CHANNEL));
        }
        b.add(new Relu("relu1", b.currentShape()));
        b.add(new Pool2d("pool1", b.currentShape(), 2, Pool2d.Mode.AVERAGE));
        b.add(new Conv2d("conv2", b.currentShape(), c2, 5, 1, 2, true, Init.uniform(1f), seed + 1));
        if (bn) {
            b.add(new BatchNorm("bn2", b.currentShape(), BatchNorm.Axis.CHANNEL));
        }
        b.add(new Relu("relu2", b.currentShape()));
        b.add(new Pool2d("pool2", b.currentShape(), 2, Pool2d.Mode.AVERAGE));
        b.add(new Flatten("flatten", b.currentShape()));
        if (hidden > 0) {
            if (dropout > 0f) {
                b.add(new Dropout("drop1", b.currentShape(), dropout));
            }
            b.add(new Dense("fc1", b.currentShape(), hidden, true, Init.uniform(1f), seed + 3));
            if (bn) {
                b.add(new BatchNorm("bn3", b.currentShape(), BatchNorm.Axis.FEATURE));
            }
            b.add(new Relu("relu3", b.currentShape()));
        }
        if (dropout > 0f) {
            b.add(new Dropout("drop2", b.currentShape(), dropout));
        }
        b.add(new Dense("fc", b.currentShape(), 10, true, Init.uniform(1f), seed + 2));
        return b.build();
    }

    /** Writes every parameter of {@code net} (count, then each array's length and values). */
    static void writeParameters(SpikingNetwork net, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(file)))) {
            out.writeInt(net.parameters().size());
            for (org.snn4j.gradient.Parameter p : net.parameters()) {
                out.writeInt(p.size());
                for (float v : p.value()) {
                    out.writeFloat(v);
                }
            }
        }
    }

    /** Reads what {@link #writeParameters} wrote into {@code net}, checking the sizes. */
    static void readParameters(SpikingNetwork net, Path file) throws IOException {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(
                Files.newInputStream(file)))) {
            int n = in.readInt();
            if (n != net.parameters().size()) {
                throw new IOException(file + ": " + n + " parameter arrays, the network has " + net.parameters().size()
                        + " (same --channels, --hidden, --dropout as when it was written?)");
            }
            for (org.snn4j.gradient.Parameter p : net.parameters()) {
                int size = in.readInt();
                if (size != p.size()) {
                    throw new IOException(file + ": parameter " + p.name() + " has " + size + " values, expected "
                            + p.size());
                }
                float[] v = p.value();
                for (int i = 0; i < size; i++) {
                    v[i] = in.readFloat();
                }
            }
        }
    }

    /** CPU time of the whole process (all threads), ns, or 0 where the JVM does not report it. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0L;
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
            description = "ANN training epochs (default 12, quick 1)")
    Integer epochsOption;

    @Option(names = "--steps", paramLabel = "T", converter = Ranges.AtLeastOne.class,
            description = "SNN time steps (default 64, quick 24)")
    Integer stepsOption;

    @Option(names = "--test", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "test digits (default 2000, quick 100)")
    Integer testOption;

    @Option(names = "--channels", paramLabel = "C1,C2", split = ",", description = "channels of conv1 and conv2"
            + " (default 16,32)")
    int[] channels = {16, 32};

    @Option(names = "--hidden", paramLabel = "N", converter = Ranges.AtLeastZero.class,
            description = "units of a hidden dense layer before the logits, 0 for none (default 128)")
    int hidden = 128;

    @Option(names = "--dropout", paramLabel = "P", description = "dropout before the dense layers (default 0.2)")
    float dropout = 0.2f;

    @Option(names = "--shift", paramLabel = "K", converter = Ranges.AtLeastZero.class,
            description = "training augmentation: random shifts of up to K pixels (default 1)")
    int shift = 1;

    @Option(names = "--ann", paramLabel = "FILE", description = "the trained ANN's parameters: read if the file"
            + " exists (no training), else written after training")
    Path annFile;

    @Option(names = "--clock", description = "also run the 99.9th-percentile analog network with every neuron stepped"
            + " at every step (the clock-driven reference), alternating with the event-driven run, and compare")
    boolean clock;

    @Option(names = "--lr-step", paramLabel = "E", converter = Ranges.AtLeastOne.class,
            description = "epochs between halvings of the learning rate 2e-3 (default 4)")
    int lrStep = 4;

    @Option(names = "--bn", description = "batch norm after every convolution and hidden dense layer (folded into"
            + " their weights by the conversion)")
    boolean bn;

    @Option(names = "--weight-decay", paramLabel = "L2", description = "Adam's L2 weight decay (default 0)")
    float weightDecay;

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
        int epochs = Options.orDefault(epochsOption, quick, 1, 12);
        int steps = Options.orDefault(stepsOption, quick, 24, 64);
        int testCount = Options.orDefault(testOption, quick, 100, 2000);
        ExampleOptions opt = new ExampleOptions(quick, outDir.dir(), dataDir.given());
        MnistDataset.Split train = opt.mnistTrain();
        MnistDataset.Split test = opt.mnistTest();
        int trainCount = quick ? 600 : train.count();
        testCount = Math.min(testCount, test.count());
        Samples trainSet = samples(train, trainCount);
        Samples testSet = samples(test, testCount);

        if (channels.length != 2 || channels[0] < 1 || channels[1] < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--channels takes two positive numbers, e.g. 16,32");
        }
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--dropout must be in [0, 1), got " + dropout);
        }
        if (!(weightDecay >= 0f)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--weight-decay must be >= 0, got " + weightDecay);
        }
        SpikingNetwork ann = ann(1, channels[0], channels[1], hidden, dropout, bn);
        double annAccuracy;
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        try (Trainer t = new Trainer(ann, new CountCrossEntropy(1f), new Adam(0.9f, 0.999f, 1e-8f, false, weightDecay),
                LearningRate.step(2e-3f, lrStep, 0.5f), 32, 2, 7)) {
            if (annFile != null && Files.isRegularFile(annFile)) {
                readParameters(ann, annFile);
                System.out.println("read the ANN's parameters from " + annFile + " (no training)");
            } else {
                long cpuStart = processCpuNanos();
                for (int e = 0; e < epochs; e++) {
                    long t0 = System.nanoTime();
                    long c0 = processCpuNanos();
                    Trainer.EpochResult r = t.trainEpoch(shifted(trainSet, 28, 28, shift, 11, e), e);
                    System.out.printf(Locale.ROOT, "epoch %d: loss %.4f, train %.2f %%, test %.2f %% (%.0f s, %.0f"
                                    + " CPU-s, load %.1f)%n", e + 1, r.meanLoss(), 100 * r.trainAccuracy(),
                            100 * t.evaluate(testSet).accuracy(), (System.nanoTime() - t0) / 1e9,
                            (processCpuNanos() - c0) / 1e9, os.getSystemLoadAverage());
                }
                System.out.printf(Locale.ROOT, "training: %.0f CPU-s%n", (processCpuNanos() - cpuStart) / 1e9);
                if (annFile != null) {
                    writeParameters(ann, annFile);
                    System.out.println("wrote the ANN's parameters to " + annFile);
                }
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
        if (clock) {
            // alternating rounds of 100 images, event-driven and clock-driven, so both see the same load
            double cpuEvent = 0;
            double cpuClock = 0;
            long spikesEvent = 0;
            long spikesClock = 0;
            int same = 0;
            ConvertedNetwork pctClock = pct.withEventDriven(false);
            SnnClassifier ev = pct.classifier(InputCoding.ANALOG, steps, 12);
            SnnClassifier cl = pctClock.classifier(InputCoding.ANALOG, steps, 12);
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            float[] img = new float[28 * 28];
            byte[] px = test.pixels();
            for (int from = 0; from < testCount; from += 100) {
                int to = Math.min(testCount, from + 100);
                for (int mode = 0; mode < 2; mode++) {
                    SnnClassifier c = mode == 0 ? ev : cl;
                    long c0 = mx.getCurrentThreadCpuTime();
                    for (int i = from; i < to; i++) {
                        for (int k = 0; k < img.length; k++) {
                            img[k] = (px[i * img.length + k] & 0xff) / 255f;
                        }
                        int[] pred = c.classify(img, new int[] {steps});
                        if (mode == 0) {
                            same += pred[0];
                        } else {
                            same -= pred[0];
                        }
                    }
                    double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
                    if (mode == 0) {
                        cpuEvent += cpu;
                    } else {
                        cpuClock += cpu;
                    }
                }
            }
            spikesEvent = ev.spikes();
            spikesClock = cl.spikes();
            System.out.printf(Locale.ROOT, "p99.9 analog, event-driven: %.1f images/CPU-s; clock-driven: %.1f"
                            + " images/CPU-s; spikes %d vs %d, synaptic events %d vs %d (%s), load %.1f%n",
                    testCount / cpuEvent, testCount / cpuClock, spikesEvent, spikesClock, ev.synapticEvents(),
                    cl.synapticEvents(), spikesEvent == spikesClock && same == 0 ? "same" : "DIFFERENT",
                    os.getSystemLoadAverage());
        }

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
