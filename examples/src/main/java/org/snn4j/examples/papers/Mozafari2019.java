package org.snn4j.examples.papers;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.snn4j.SpikeSource;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.encoding.FloatImage;
import org.snn4j.encoding.MozafariEncoder;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.encoding.filter.DogBanks;
import org.snn4j.examples.Launcher;
import org.snn4j.network.Simulation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mozafari et al. 2019 ("Bio-inspired digit recognition using reward-modulated spike-timing-dependent
 * plasticity in deep convolutional networks", Pattern Recognition 94:87-95,
 * doi:10.1016/j.patcog.2019.05.015): a three-layer convolutional spiking network trained layer by layer,
 * conv1 and conv2 by unsupervised STDP and conv3 by reward-modulated STDP, that classifies MNIST digits
 * with no external classifier. Runs on the shipped mnist10k (8,000 training / 2,000 test digits).
 *
 * <p>Run: {@code mvn -B -ntp -q package -DskipTests && java -jar examples/target/snn4j-examples.jar}
 * (this example is the launcher's default), or with options, {@code ... snn4j-examples.jar Mozafari2019
 * --help}. The run encodes the digits (DoG, local normalisation, 15-step rank-order code), trains conv1
 * (2 epochs) and conv2 (4 epochs), then conv3 for {@code --epochs3} R-STDP epochs, testing after each,
 * and prints a table and writes {@code results/mozafari2019-<time>.json}.
 *
 * <p>The network is {@link Mozafari2019Composed}: library layers in one {@code Network}, each phase a
 * {@code Presentation}. Its speed is the engine's, with no network-specific code: input spikes scatter
 * contiguous weight rows; STDP presentations stop at the step where the last winner appears; pointwise
 * inhibition is decided inside conv1's and conv2's fire-once loop; conv1/conv2 are frozen while later layers
 * learn, so the engine computes their outputs once per digit and replays them (its frozen-layer cache);
 * conv3 fires only at the last step, so its presentations collapse into one final-potential pass. Encoding
 * and inference run on {@code --threads} threads with one simulation per thread; learning is sequential, so
 * the result does not depend on the thread count.
 */
public final class Mozafari2019 {
    private static final Logger LOG = LoggerFactory.getLogger(Mozafari2019.class);
    private static final int RSTDP_BATCH = 1000;

    private Mozafari2019() {
    }

    /** Command-line entry point; {@code --help} lists the options ({@link Mozafari2019Options.Command}). */
    public static void main(String[] args) {
        Launcher.main("mozafari2019", args);
    }

    /**
     * Parses {@code args}, runs, and returns the exit code ({@link Cli#OK}, {@link Cli#USAGE} for bad arguments
     * or input, {@link Cli#FAILED} for an unreadable, damaged or unwritable file).
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new Mozafari2019Options.Command(), args, out, err);
    }

    /**
     * Throughput of one phase.
     *
     * @param name       what ran
     * @param images     images processed (with repeats over epochs)
     * @param seconds    wall time
     * @param cpuSeconds CPU time of the process (all threads) during the phase, NaN if unknown
     */
    public record Phase(String name, long images, double seconds, double cpuSeconds) {
        /** Images per wall-clock second. */
        public double imagesPerSecond() {
            return seconds > 0 ? images / seconds : 0;
        }

        /** Images per CPU second (all threads together): the work rate, less sensitive to a busy machine. */
        public double imagesPerCpuSecond() {
            return cpuSeconds > 0 ? images / cpuSeconds : Double.NaN;
        }
    }

    /**
     * Accuracy after one R-STDP epoch, as fractions.
     *
     * @param epoch         1-based
     * @param trainCorrect  running training accuracy during the epoch (before each sample's update)
     * @param trainSilent   training samples with no decision
     * @param testCorrect   test accuracy after the epoch
     * @param testSilent    test samples with no decision (counted as wrong)
     */
    public record Epoch(int epoch, double trainCorrect, double trainSilent, double testCorrect, double testSilent) {
    }

    /**
     * What a run produced.
     *
     * @param testAccuracy final accuracy on the test digits (full three-layer inference), as a fraction
     * @param testSilent   fraction of silent test digits
     * @param epochs       per-epoch accuracies (empty when a model was loaded)
     * @param phases       per-phase throughput
     * @param network      the trained or loaded network
     * @param totalSeconds wall time of the run
     * @param resultsFile  the JSON written, or null
     * @param classified   the class of {@code --classify}'s image (-1 silent), or null
     */
    public record Result(double testAccuracy, double testSilent, List<Epoch> epochs, List<Phase> phases,
                         Mozafari2019Composed network, double totalSeconds, Path resultsFile, Integer classified) {
    }

    /**
     * Runs the example with parsed options.
     *
     * @param out console for progress lines and the final table (null: silent)
     * @throws IllegalArgumentException if the data folder or a file is missing or invalid
     * @throws IOException              if reading or writing fails
     */
    public static Result execute(Mozafari2019Options o, PrintStream out) throws IOException {
        long t0 = System.nanoTime();
        List<Phase> phases = new ArrayList<>();
        List<Epoch> epochs = new ArrayList<>();
        Path dataDir = Options.find(o.data());
        MnistDataset data = MnistDataset.load(dataDir);
        int nTrain = limit(data.train().count(), o.trainLimit());
        int nTest = limit(data.test().count(), o.testLimit());
        boolean training = o.load() == null;
        say(out, String.format(Locale.ROOT, "Mozafari et al. 2019 on %s: %d train / %d test digits, %d threads, seed %d%s; %s",
                dataDir, training ? nTrain : 0, nTest, o.threads(), o.seed(),
                training ? String.format(Locale.ROOT, ", epochs %d + %d + %d", o.epochs1(), o.epochs2(), o.epochs3())
                        : ", model " + o.load(), Cli.runtime()));

        MozafariEncoder encoder = MozafariEncoder.mozafari2019();
        SpikeSource[] test = encode(encoder, data.test(), nTest, o.threads(), out, phases, "encode test");
        int[] testLabels = labels(data.test(), nTest);

        Mozafari2019Composed net;
        if (training) {
            SpikeSource[] train = encode(encoder, data.train(), nTrain, o.threads(), out, phases, "encode train");
            int[] trainLabels = labels(data.train(), nTrain);
            net = new Mozafari2019Composed(o.seed());
            trainConv1(net, train, o.epochs1(), out, phases);
            trainConv2(net, train, o.epochs2(), out, phases);
            Simulation[] sims = inferenceSimulations(net, o.threads());
            // conv3's pass stays on one thread: sharing its final-potential pass (Simulation.threads(2)) gave the
            // same results but 634 against 864 images/s on this 2-core machine (docs/networks.md, "Threads inside
            // a presentation"); the other threads run the per-epoch tests.
            trainConv3(net, train, trainLabels, test, testLabels, sims, o.epochs3(), o.threads(), out, phases, epochs);
        } else {
            net = MozafariModelFiles.load(o.load());
            LOG.info("loaded model {}", o.load());
        }

        // final evaluation: full inference from the encoded digits (conv1 -> conv2 -> conv3), fresh simulations
        int[] decided = infer(net, test, o.threads(), out, phases);
        int right = 0;
        int silent = 0;
        for (int i = 0; i < nTest; i++) {
            if (decided[i] == testLabels[i]) {
                right++;
            } else if (decided[i] < 0) {
                silent++;
            }
        }
        double acc = nTest == 0 ? 0 : (double) right / nTest;
        double sil = nTest == 0 ? 0 : (double) silent / nTest;
        if (!epochs.isEmpty() && epochs.get(epochs.size() - 1).testCorrect() != acc) {
            LOG.warn("final inference accuracy {} differs from the last epoch's test accuracy {}",
                    ConsoleProgress.percent(acc), ConsoleProgress.percent(epochs.get(epochs.size() - 1).testCorrect()));
        }

        if (o.save() != null) {
            MozafariModelFiles.save(net, o.save());
            say(out, "model saved to " + o.save());
        }
        Integer classified = null;
        if (o.classify() != null) {
            classified = classifyImage(net, encoder, o.classify());
            say(out, o.classify() + ": " + (classified < 0 ? "no decision (silent)" : "digit " + classified));
        }
        List<Path> pictures = MozafariPictures.write(o.out(), net.toModelData(), DogBanks.mozafari(), epochs, decided,
                testLabels);
        double total = (System.nanoTime() - t0) / 1e9;
        printTable(out, epochs, phases, acc, sil, nTest, total);
        say(out, "pictures: " + pictures);
        Path json = null;
        if (o.out() != null) {
            json = ResultsJson.write(o, dataDir, nTrain, nTest, training, epochs, phases, acc, sil, total);
            say(out, "results written to " + json);
        }
        return new Result(acc, sil, List.copyOf(epochs), List.copyOf(phases), net, total, json, classified);
    }

    private static int limit(int count, int lim) {
        return lim == 0 ? count : Math.min(count, lim);
    }

    private static void say(PrintStream out, String s) {
        if (out != null) {
            out.println(s);
        }
    }

    private static int[] labels(MnistDataset.Split split, int n) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = split.label(i);
        }
        return l;
    }

    private static SpikeSource[] encode(MozafariEncoder enc, MnistDataset.Split split, int n, int threads,
                                        PrintStream out, List<Phase> phases, String name) {
        SpikeSource[] ev = new SpikeSource[n];
        ConsoleProgress p = new ConsoleProgress(out, name, n);
        Parallel.forEach(n, threads, 16, (w, i) -> {
            ev[i] = enc.encode(split.image(i));
            p.update(1);
        });
        phases.add(new Phase(name, n, p.finish(), p.cpuSeconds()));
        return ev;
    }

    private static void trainConv1(Mozafari2019Composed net, SpikeSource[] train, int epochs, PrintStream out,
                                   List<Phase> phases) {
        ConsoleProgress p = new ConsoleProgress(out, "conv1 STDP", (long) epochs * train.length);
        for (int e = 0; e < epochs; e++) {
            for (int i = 0; i < train.length; i++) {
                net.trainConv1(train[i]);
                p.update(1);
            }
            LOG.info("conv1 epoch {} done, aPlus {}", e + 1, String.format(Locale.ROOT, "%.4g", net.aPlus("conv1")));
        }
        phases.add(new Phase("conv1 STDP", (long) epochs * train.length, p.finish(), p.cpuSeconds()));
    }

    private static void trainConv2(Mozafari2019Composed net, SpikeSource[] train, int epochs, PrintStream out,
                                   List<Phase> phases) {
        if (epochs == 0) {
            return;
        }
        // conv1 is frozen from here: the engine computes its pooled output once per digit (first epoch) and
        // replays it in the later epochs (its frozen-layer cache)
        ConsoleProgress p = new ConsoleProgress(out, "conv2 STDP", (long) epochs * train.length);
        for (int e = 0; e < epochs; e++) {
            for (int i = 0; i < train.length; i++) {
                net.trainConv2(train[i]);
                p.update(1);
            }
            LOG.info("conv2 epoch {} done, aPlus {}", e + 1, String.format(Locale.ROOT, "%.4g", net.aPlus("conv2")));
        }
        phases.add(new Phase("conv2 STDP (incl. conv1 forward)", (long) epochs * train.length, p.finish(),
                p.cpuSeconds()));
    }

    private static Simulation[] inferenceSimulations(Mozafari2019Composed net, int threads) {
        Simulation[] s = new Simulation[threads];
        for (int i = 0; i < threads; i++) {
            s[i] = net.newInferenceSimulation();
        }
        return s;
    }

    private static void trainConv3(Mozafari2019Composed net, SpikeSource[] train, int[] labels, SpikeSource[] test,
                                   int[] testLabels, Simulation[] sims, int epochs, int threads, PrintStream out,
                                   List<Phase> phases, List<Epoch> history) {
        // SpykeTorch's adaptive rates: the first batch uses the base rates; after each batch of 1,000, reward
        // rates are scaled by that batch's miss rate and punishment rates by its hit rate. conv1 and conv2 are
        // frozen: the engine runs them once per digit (first epoch) and replays pool2's output after that.
        int[] decided = new int[test.length];
        ConsoleProgress p = new ConsoleProgress(out, "conv3 R-STDP", (long) epochs * train.length);
        double testSeconds = 0;
        double testCpu = 0;
        for (int e = 1; e <= epochs; e++) {
            int epochRight = 0;
            int epochSilent = 0;
            for (int b = 0; b < train.length; b += RSTDP_BATCH) {
                int end = Math.min(train.length, b + RSTDP_BATCH);
                int right = 0;
                int wrong = 0;
                for (int i = b; i < end; i++) {
                    int d = net.trainConv3(train[i], labels[i]);
                    if (d < 0) {
                        epochSilent++;
                    } else if (d == labels[i]) {
                        right++;
                    } else {
                        wrong++;
                    }
                }
                epochRight += right;
                p.update(end - b, right, end - b);
                double hit = (double) right / (end - b);
                double miss = (double) wrong / (end - b);
                net.scaleConv3Rates(miss, hit);
            }
            long ts = System.nanoTime();
            double tc = ConsoleProgress.processCpuSeconds();
            // each thread's simulation keeps the pool2 output of the test digits it saw (static assignment)
            Parallel.forEachStatic(test.length, threads, (w, i) -> decided[i] = net.classify(test[i], sims[w]));
            testSeconds += (System.nanoTime() - ts) / 1e9;
            testCpu += ConsoleProgress.processCpuSeconds() - tc;
            int tr = 0;
            int ts2 = 0;
            for (int i = 0; i < test.length; i++) {
                if (decided[i] == testLabels[i]) {
                    tr++;
                } else if (decided[i] < 0) {
                    ts2++;
                }
            }
            int n = Math.max(1, train.length);
            int m = Math.max(1, test.length);
            Epoch ep = new Epoch(e, (double) epochRight / n, (double) epochSilent / n, (double) tr / m, (double) ts2 / m);
            history.add(ep);
            LOG.info("R-STDP epoch {}: train {} test {} (silent {})", e, ConsoleProgress.percent(ep.trainCorrect()),
                    ConsoleProgress.percent(ep.testCorrect()), ConsoleProgress.percent(ep.testSilent()));
        }
        double total = p.finish();
        double cpu = p.cpuSeconds();
        long[] hm = net.frozenOutputCacheCounts();
        LOG.info("frozen-layer cache of the learning simulation: {} hits, {} misses, {} MiB", hm[0], hm[1],
                net.frozenOutputCacheBytes() >> 20);
        phases.add(new Phase("conv3 R-STDP (conv1, conv2 run once per digit)", (long) epochs * train.length,
                total - testSeconds, cpu - testCpu));
        phases.add(new Phase("test after each epoch (conv1, conv2 run once per digit)", (long) epochs * test.length,
                testSeconds, testCpu));
    }

    private static int[] infer(Mozafari2019Composed net, SpikeSource[] test, int threads, PrintStream out,
                               List<Phase> phases) {
        int[] decided = new int[test.length];
        Simulation[] sims = inferenceSimulations(net, threads);
        ConsoleProgress p = new ConsoleProgress(out, "inference (3 layers)", test.length);
        Parallel.forEach(test.length, threads, 16, (w, i) -> {
            decided[i] = net.classify(test[i], sims[w]);
            p.update(1);
        });
        phases.add(new Phase("inference (3 layers, encoded input)", test.length, p.finish(), p.cpuSeconds()));
        return decided;
    }

    /**
     * Classifies one image file: grayscale (colour is converted), resized to 28x28 if needed, MNIST
     * polarity (white digit on black).
     *
     * @return the digit, or -1 if the network is silent
     * @throws IllegalArgumentException if the file is not a readable image
     */
    public static int classifyImage(Mozafari2019Composed net, MozafariEncoder enc, Path png) throws IOException {
        if (!Files.isRegularFile(png)) {
            throw new IllegalArgumentException("--classify: no such file '" + png + "'");
        }
        BufferedImage img = ImageIO.read(png.toFile());
        if (img == null) {
            throw new IllegalArgumentException("--classify: '" + png + "' is not an image ImageIO can read (PNG expected)");
        }
        if (img.getWidth() != 28 || img.getHeight() != 28) {
            BufferedImage small = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = small.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, 28, 28, null);
            g.dispose();
            img = small;
        }
        FloatImage fi = FloatImage.fromBufferedImage(img);
        return net.classify(enc.encode(fi), net.newInferenceSimulation());
    }

    private static void printTable(PrintStream out, List<Epoch> epochs, List<Phase> phases, double acc, double sil,
                                   int nTest, double total) {
        if (out == null) {
            return;
        }
        if (!epochs.isEmpty()) {
            int every = epochs.size() <= 30 ? 1 : (epochs.size() + 19) / 20;
            out.println();
            out.println("R-STDP epoch | train acc | test acc | test silent"
                    + (every > 1 ? "   (every " + every + " epochs; all in the JSON)" : ""));
            for (int i = 0; i < epochs.size(); i++) {
                if (i % every == every - 1 || i == epochs.size() - 1) {
                    Epoch e = epochs.get(i);
                    out.printf(Locale.ROOT, "%12d | %8.2f%% | %7.2f%% | %10.2f%%%n", e.epoch(), 100 * e.trainCorrect(),
                            100 * e.testCorrect(), 100 * e.testSilent());
                }
            }
        }
        out.println();
        out.println("phase                                              | images  | seconds | images/s | CPU s   | img/CPU-s");
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            out.printf(Locale.ROOT, "%-50s | %7d | %7.2f | %8.0f | %7.2f | %8.0f%n", p.name(), p.images(), p.seconds(),
                    p.imagesPerSecond(), p.cpuSeconds(), p.imagesPerCpuSecond());
        }
        out.println();
        out.printf(Locale.ROOT, "test accuracy %.2f %% (%d digits, %.2f %% silent), total time %s, %d CPUs, load average %.1f%n",
                100 * acc, nTest, 100 * sil, ConsoleProgress.time(total), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
