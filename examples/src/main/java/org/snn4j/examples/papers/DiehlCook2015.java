package org.snn4j.examples.papers;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.snn4j.Shape;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Ranges;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.examples.Launcher;
import org.snn4j.learning.ClassAssignment;
import org.snn4j.learning.LearningCodecs;
import org.snn4j.learning.SpikeCountReadout;
import org.snn4j.network.NetworkFile;
import org.snn4j.plot.ColorMap;
import org.snn4j.plot.ConfusionMatrixPlot;
import org.snn4j.plot.Figure;
import org.snn4j.plot.Normalisation;
import org.snn4j.plot.Png;
import org.snn4j.plot.WeightGrid;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Diehl &amp; Cook 2015, "Unsupervised learning of digit recognition using spike-timing-dependent plasticity",
 * Front. Comput. Neurosci. 9:99, doi:10.3389/fncom.2015.00099, on the project's mnist10k (8,000 training and
 * 2,000 test digits): unsupervised STDP training, then labelling of the neurons on the training digits
 * (learning off) and classification of the test digits. The network is composed from library parts and runs on
 * the library's {@code Network} / {@code Simulation} ({@link DiehlCookComposed}, which lists the parts and how it
 * differs from the former fused simulator, kept in test scope as the reference {@code DiehlCookNetwork}).
 *
 * <pre>
 * java -jar examples/target/snn4j-examples.jar diehl-cook-2015 [options]      (--help lists them)
 *   --neurons N   excitatory neurons (400)          --epochs E     training epochs (8)
 *   --train N     training digits (8000)            --test N       test digits (2000)
 *   --seed S      seed (42)                         --threads T    threads for labelling/testing (all cores)
 *   --quick       tiny run: 20 neurons, 1 epoch, 300 train, 100 test
 *   --out DIR     results directory (results/diehl-cook-2015)
 *   --save FILE   write the trained network and its class assignment (snn4j network file, NetworkFile)
 *   --load FILE   evaluate a saved network (--save) without training: its weights, thresholds and, when saved,
 *                 its class assignment (otherwise the neurons are labelled on the training digits); the number
 *                 of neurons comes from the file
 *   --data DIR    mnist10k directory (examples/data/mnist10k)
 *   --dt MS       time step (0.5)
 * </pre>
 * Training is sequential; labelling and testing run digits in parallel, one simulation per thread, and give
 * the same result for any thread count (each digit has its own random stream, derived from the seed and its
 * index). Output: a progress line at most every 2 s, the accuracy, {@code results.json}, the learned receptive
 * fields ({@code receptive-fields.png}) and the confusion matrix ({@code confusion.png}).
 */
public final class DiehlCook2015 {
    private static final int CLASSES = 10;

    private DiehlCook2015() {
    }

    /**
     * Command-line options.
     *
     * @param neurons number of excitatory neurons, &gt; 0
     * @param epochs  training epochs, &gt;= 0
     * @param train   training digits, &gt; 0
     * @param test    test digits, &gt; 0
     * @param seed    seed of weights and input spikes
     * @param threads threads for labelling and testing, &gt; 0
     * @param out     results directory
     * @param save    model file to write, or {@code null}
     * @param load    saved network to evaluate instead of training ({@code --save} file), or {@code null}
     * @param data    mnist10k directory
     * @param dtMs    time step, ms
     */
    public record Options(int neurons, int epochs, int train, int test, long seed, int threads, Path out, Path save,
            Path load, Path data, float dtMs) {
        /** Checks every field. */
        public Options {
            if (neurons <= 0) {
                throw new IllegalArgumentException("neurons must be > 0, got " + neurons);
            }
            if (epochs < 0) {
                throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
            }
            if (train <= 0) {
                throw new IllegalArgumentException("train must be > 0, got " + train);
            }
            if (test <= 0) {
                throw new IllegalArgumentException("test must be > 0, got " + test);
            }
            if (threads <= 0) {
                throw new IllegalArgumentException("threads must be > 0, got " + threads);
            }
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(data, "data");
            if (!(dtMs > 0f)) {
                throw new IllegalArgumentException("dtMs must be > 0, got " + dtMs);
            }
        }

        /** Options that train (no {@code --load}); the other fields as in the canonical constructor. */
        public Options(int neurons, int epochs, int train, int test, long seed, int threads, Path out, Path save,
                Path data, float dtMs) {
            this(neurons, epochs, train, test, seed, threads, out, save, null, data, dtMs);
        }

        /**
         * The defaults: 400 neurons, 8 epochs (64,000 presentations, about the paper's 60,000), 8000/2000 digits,
         * seed 42, all cores, output in {@code results/diehl-cook-2015}.
         */
        public static Options defaults() {
            return parse();
        }

        /**
         * Parses command-line arguments ({@link Command}'s options) over {@link #defaults()}.
         *
         * @param args the arguments
         * @return the options
         * @throws IllegalArgumentException on an unknown option or a bad value (naming both), with the one line the
         *                                  command line prints
         */
        public static Options parse(String... args) {
            return Cli.parse(new Command(), args).options();
        }
    }

    /** The {@code diehl-cook-2015} command: its options, parsed by {@link Cli}, and running {@link #run}. */
    @CommandLine.Command(name = "diehl-cook-2015", sortOptions = false)
    public static final class Command implements Cli.Command {
        @Option(names = "--neurons", paramLabel = "N", converter = Ranges.AtLeastOne.class,
                description = "excitatory neurons (default 400, quick 20)")
        Integer neurons;

        @Option(names = "--epochs", paramLabel = "E", converter = Ranges.AtLeastZero.class,
                description = "training epochs (default 8, quick 1)")
        Integer epochs;

        @Option(names = "--train", paramLabel = "N", converter = Ranges.AtLeastOne.class,
                description = "training digits (default 8000, quick 300)")
        Integer train;

        @Option(names = "--test", paramLabel = "N", converter = Ranges.AtLeastOne.class,
                description = "test digits (default 2000, quick 100)")
        Integer test;

        @Option(names = "--seed", paramLabel = "S", description = "seed of weights and input spikes (default ${DEFAULT-VALUE})")
        long seed = 42L;

        @Mixin
        org.snn4j.cli.Options.Threads threads;

        @Option(names = "--quick", description = "tiny run: 20 neurons, 1 epoch, 300 train, 100 test digits")
        boolean quick;

        @Mixin
        org.snn4j.cli.Options.Out out;

        @Option(names = "--save", paramLabel = "FILE", converter = org.snn4j.cli.Options.OutputFile.class,
                description = "write the trained network and its class assignment (snn4j network file; the folder "
                        + "must exist)")
        Path save;

        @Option(names = "--load", paramLabel = "FILE", converter = org.snn4j.cli.Options.InputFile.class,
                description = "evaluate a saved network (a --save file) without training; its neuron count comes "
                        + "from the file")
        Path load;

        @Mixin
        org.snn4j.cli.Options.Data data = new org.snn4j.cli.Options.Data("examples/data/mnist10k");

        @Option(names = "--dt", paramLabel = "MS", converter = Ranges.PositiveFloat.class,
                description = "time step in ms (default ${DEFAULT-VALUE})")
        float dt = 0.5f;

        /** A command-line instance; picocli sets the options. */
        public Command() {
        }

        /**
         * The parsed options as a checked record ({@code --quick} applied under the explicit values; the data folder
         * located by {@link org.snn4j.cli.Options#find}).
         *
         * @throws IllegalArgumentException if the data folder is not found
         */
        public Options options() {
            return new Options(org.snn4j.cli.Options.orDefault(neurons, quick, 20, 400),
                    org.snn4j.cli.Options.orDefault(epochs, quick, 1, 8),
                    org.snn4j.cli.Options.orDefault(train, quick, 300, 8000),
                    org.snn4j.cli.Options.orDefault(test, quick, 100, 2000), seed, threads.get(), out.dir(), save,
                    load, data.find(), dt);
        }

        @Override
        public void run(PrintStream console) throws IOException {
            DiehlCook2015.run(options(), console);
        }
    }

    /**
     * What a run produced.
     *
     * @param accuracy        test accuracy in [0, 1]
     * @param correct         correctly classified test digits
     * @param tested          test digits
     * @param undecided       test digits for which no assigned neuron fired
     * @param trainSeconds    wall time of training (all epochs)
     * @param labelSeconds    wall time of labelling
     * @param testSeconds     wall time of testing
     * @param trainDigitsPerS training digits per second
     * @param confusion       {@code confusion[true][predicted]}
     * @param predictions     the class decided for each test digit ({@code -1}: undecided)
     * @param json            results file
     * @param fieldsPng       receptive-field picture
     * @param confusionPng    confusion-matrix picture
     * @param network         the trained network
     * @param theta           the trained threshold offsets, mV
     * @param assignment      class of each neuron ({@code -1}: never fired while labelling)
     */
    public record Result(double accuracy, int correct, int tested, int undecided, double trainSeconds,
            double labelSeconds, double testSeconds, double trainDigitsPerS, int[][] confusion, int[] predictions,
            Path json,
            Path fieldsPng, Path confusionPng, DiehlCookComposed network, float[] theta, int[] assignment) {
    }

    /** Runs the example from the command line; {@code --help} lists the options ({@link Command}). */
    public static void main(String[] args) {
        Launcher.main("diehl-cook-2015", args);
    }

    /**
     * Trains, labels and tests as described in the class description.
     *
     * @param o   options
     * @param log where progress and results are printed, or {@code null} for silence
     * @return the result
     * @throws IOException if the data cannot be read or the results cannot be written
     */
    public static Result run(Options o, PrintStream log) throws IOException {
        Objects.requireNonNull(o, "o");
        PrintStream out = log != null ? log : new PrintStream(java.io.OutputStream.nullOutputStream());
        MnistDataset ds = MnistDataset.load(org.snn4j.cli.Options.find(o.data()));
        MnistDataset.Split trainSet = ds.train();
        MnistDataset.Split testSet = ds.test();
        if (o.train() > trainSet.count()) {
            throw new IllegalArgumentException("train must be <= " + trainSet.count() + " (digits in "
                    + o.data() + "), got " + o.train());
        }
        if (o.test() > testSet.count()) {
            throw new IllegalArgumentException("test must be <= " + testSet.count() + " (digits in "
                    + o.data() + "), got " + o.test());
        }
        int pixels = trainSet.rows() * trainSet.cols();
        DiehlCookParameters p = DiehlCookParameters.paper().withDtMs(o.dtMs());
        SplittableRandom root = new SplittableRandom(o.seed());
        long weightSeed = root.nextLong();
        long labelSeed = root.nextLong();
        long testSeed = root.nextLong();
        SplittableRandom trainRng = root.split();
        Shape image = new Shape(1, trainSet.rows(), trainSet.cols());
        DiehlCookComposed net;
        int[] savedAssignment = null;
        int epochs = o.epochs();
        if (o.load() != null) {
            // a saved network: its size from the file, its weights and thresholds copied into the composition
            NetworkFile.Contents saved = NetworkFile.readContents(o.load(), LearningCodecs.all());
            int neurons = saved.network().layer(0).outputShape().size();
            net = new DiehlCookComposed(p, image, neurons, weightSeed);
            NetworkFile.readInto(o.load(), net.network(), LearningCodecs.all());
            for (Object extra : saved.extras()) {
                if (extra instanceof ClassAssignment a && savedAssignment == null) {
                    savedAssignment = a.neuronClass();
                }
            }
            if (savedAssignment != null && (savedAssignment.length != neurons)) {
                throw new IllegalArgumentException(o.load() + ": the class assignment has " + savedAssignment.length
                        + " neurons, the network " + neurons);
            }
            epochs = 0;
            out.printf(Locale.ROOT, "Diehl & Cook 2015: %d neurons loaded from %s (%s), %d test digits, dt %.2f ms, "
                    + "seed %d, %d thread(s); %s%n", neurons, o.load(), savedAssignment != null
                    ? "with its class assignment" : "labelled on " + o.train() + " training digits", o.test(), o.dtMs(),
                    o.seed(), o.threads(), Cli.runtime());
        } else {
            net = new DiehlCookComposed(p, image, o.neurons(), weightSeed);
            out.printf(Locale.ROOT, "Diehl & Cook 2015: %d neurons, %d epoch(s) x %d training digits, %d test digits, "
                    + "dt %.2f ms, seed %d, %d thread(s); %s%n", o.neurons(), o.epochs(), o.train(), o.test(), o.dtMs(),
                    o.seed(), o.threads(), Cli.runtime());
        }
        int n = net.neurons();

        // training: sequential
        DiehlCookComposed.Presenter sim = net.newPresenter();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : -1L;
        long t0 = System.nanoTime();
        int totalTrain = epochs * o.train();
        Progress prog = new Progress(out, "train", totalTrain);
        for (int e = 0; e < epochs; e++) {
            for (int d = 0; d < o.train(); d++) {
                sim.present(trainSet.pixels(), d * pixels, true, trainRng);
                prog.update(e * o.train() + d + 1);
            }
        }
        double trainS = (System.nanoTime() - t0) / 1e9;
        double trainCpuS = cpu0 >= 0 ? (mx.getCurrentThreadCpuTime() - cpu0) / 1e9 : Double.NaN;
        double trainRate = totalTrain > 0 ? totalTrain / trainS : 0;
        if (o.load() == null) {
            out.printf(Locale.ROOT, "training: %d digits in %.1f s wall, %.1f s CPU (%.1f digits/s, %d presentations "
                + "with repeats, %.3g synaptic events/s)%n", totalTrain, trainS, trainCpuS, trainRate,
                sim.presentations(), sim.synapticEvents() / Math.max(trainS, 1e-9));
        }

        // labelling: parallel, learning off
        long t1 = System.nanoTime();
        float[] theta = sim.theta().clone();
        int[] assignment;
        if (savedAssignment != null) {
            assignment = savedAssignment;
        } else {
            int[][] labelCounts = evaluate(net, theta, trainSet, o.train(), labelSeed, o.threads(), new Progress(out,
                    "label", o.train()));
            int[] trainLabels = new int[o.train()];
            for (int d = 0; d < o.train(); d++) {
                trainLabels[d] = trainSet.label(d);
            }
            assignment = SpikeCountReadout.assign(labelCounts, trainLabels, CLASSES);
        }
        double labelS = (System.nanoTime() - t1) / 1e9;

        // testing
        long t2 = System.nanoTime();
        int[][] testCounts = evaluate(net, theta, testSet, o.test(), testSeed, o.threads(), new Progress(out, "test",
                o.test()));
        int[][] confusion = new int[CLASSES][CLASSES];
        int[] predictions = new int[o.test()];
        int correct = 0;
        int undecided = 0;
        for (int d = 0; d < o.test(); d++) {
            int truth = testSet.label(d);
            int pred = SpikeCountReadout.classify(testCounts[d], assignment, CLASSES);
            predictions[d] = pred;
            if (pred < 0) {
                undecided++;
                continue;
            }
            confusion[truth][pred]++;
            if (pred == truth) {
                correct++;
            }
        }
        double testS = (System.nanoTime() - t2) / 1e9;
        double acc = correct / (double) o.test();
        int assigned = 0;
        for (int j = 0; j < assignment.length; j++) {
            if (assignment[j] >= 0) {
                assigned++;
            }
        }
        if (savedAssignment != null) {
            out.printf(Locale.ROOT, "class assignment from %s; %d of %d neurons assigned a class%n", o.load(),
                    assigned, n);
        } else {
            out.printf(Locale.ROOT, "labelling: %d digits in %.1f s; %d of %d neurons assigned a class%n", o.train(),
                    labelS, assigned, n);
        }
        out.printf(Locale.ROOT, "test accuracy: %.2f %% (%d / %d, %d undecided) in %.1f s%n", 100 * acc, correct,
                o.test(), undecided, testS);

        // pictures and files
        Files.createDirectories(o.out());
        int scale = n <= 400 ? 2 : 1;
        Path fields = Png.write(Figure.titled("receptive fields of the " + n + " excitatory neurons " + (o.load() != null
                ? "loaded from " + o.load().getFileName() : "after " + o.epochs() + " epoch(s)")
                + " (weights, each tile scaled to its own range)", WeightGrid.dense(
                net.layer().weights(), image, n, Normalisation.PER_TILE,
                ColorMap.HOT, scale, 0)), o.out().resolve("receptive-fields.png"));
        String[] names = new String[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            names[c] = Integer.toString(c);
        }
        Path conf = Png.write(Figure.titled(String.format(Locale.ROOT, "test digits: %.2f %% right, %d undecided "
                + "(rows: true digit, columns: decision)", 100 * acc, undecided), ConfusionMatrixPlot.of(confusion, names,
                36)), o.out().resolve("confusion.png"));
        if (o.save() != null) {
            // the whole network (weights, neuron, competition and rule parameters, the trained thresholds) and the
            // neurons' classes, as typed sections: NetworkFile.readContents(file, LearningCodecs.all())
            NetworkFile.write(sim.simulation(), List.of(new ClassAssignment(CLASSES, assignment)), o.save());
            out.println("model: " + o.save());
        }
        Path json = o.out().resolve("results.json");
        writeJson(json, o, n, epochs, acc, correct, undecided, trainS, trainCpuS, trainRate, labelS, testS, assigned,
                confusion, sim.synapticEvents(), sim.presentations());
        out.println("results: " + json);
        out.println("receptive fields: " + fields);
        out.println("confusion matrix: " + conf);
        return new Result(acc, correct, o.test(), undecided, trainS, labelS, testS, trainRate, confusion, predictions,
                json,
                fields, conf, net, theta, assignment);
    }

    /**
     * Presents digits {@code 0..count-1} with learning off and thresholds {@code theta}, in parallel, and returns
     * their spike counts. Digit
     * {@code d} uses the random stream {@code SplittableRandom(seed + d * golden gamma)}, so the result does not
     * depend on the number of threads.
     *
     * @return {@code counts[digit][neuron]}
     */
    static int[][] evaluate(DiehlCookComposed net, float[] theta, MnistDataset.Split split, int count, long seed, int threads,
            Progress prog) {
        int pixels = split.rows() * split.cols();
        int[][] counts = new int[count][];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        int workers = Math.min(threads, count);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "diehl-cook-eval");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                fs.add(pool.submit(() -> {
                    DiehlCookComposed.Presenter s = net.newPresenter();
                    System.arraycopy(theta, 0, s.theta(), 0, theta.length);
                    for (int d = next.getAndIncrement(); d < count; d = next.getAndIncrement()) {
                        SplittableRandom rng = new SplittableRandom(seed + d * 0x9E3779B97F4A7C15L);
                        counts[d] = s.present(split.pixels(), d * pixels, false, rng).clone();
                        done.incrementAndGet();
                    }
                }));
            }
            for (int k = 0; k < fs.size(); k++) {
                Future<?> f = fs.get(k);
                while (true) {
                    try {
                        f.get(200, TimeUnit.MILLISECONDS);
                        break;
                    } catch (java.util.concurrent.TimeoutException te) {
                        prog.update(done.get());
                    }
                }
            }
            prog.update(count);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("evaluation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return counts;
    }

    private static void writeJson(Path file, Options o, int neurons, int epochs, double acc, int correct, int undecided, double trainS,
            double trainCpuS, double trainRate, double labelS, double testS, int assigned, int[][] confusion,
            long synEvents, long presentations) throws IOException {
        StringBuilder sb = new StringBuilder(1024);
        sb.append("{\n");
        sb.append("  \"example\": \"DiehlCook2015\",\n");
        sb.append(String.format(Locale.ROOT, "  \"neurons\": %d,%n  \"epochs\": %d,%n  \"trainDigits\": %d,%n"
                + "  \"testDigits\": %d,%n  \"seed\": %d,%n  \"threads\": %d,%n  \"dtMs\": %s,%n",
                neurons, epochs, o.train(), o.test(), o.seed(), o.threads(), Float.toString(o.dtMs())));
        sb.append("  \"loaded\": ").append(o.load() == null ? "null" : ResultsJson.str(o.load().toString()))
                .append(",\n");
        sb.append(String.format(Locale.ROOT, "  \"testAccuracy\": %.6f,%n  \"correct\": %d,%n  \"undecided\": %d,%n"
                + "  \"neuronsAssigned\": %d,%n", acc, correct, undecided, assigned));
        sb.append(String.format(Locale.ROOT, "  \"trainCpuSeconds\": %s,%n",
                Double.isNaN(trainCpuS) ? "null" : String.format(Locale.ROOT, "%.3f", trainCpuS)));
        sb.append(String.format(Locale.ROOT, "  \"trainSeconds\": %.3f,%n  \"trainDigitsPerSecond\": %.2f,%n"
                + "  \"trainPresentations\": %d,%n  \"trainSynapticEvents\": %d,%n  \"labelSeconds\": %.3f,%n"
                + "  \"testSeconds\": %.3f,%n", trainS, trainRate, presentations, synEvents, labelS, testS));
        sb.append(String.format(Locale.ROOT, "  \"jdk\": \"%s\",%n  \"kernels\": \"%s\",%n  \"kernelLanes\": %d,%n"
                + "  \"cpus\": %d,%n", Cli.jdk(), Cli.kernels(), Cli.kernelLanes(),
                Runtime.getRuntime().availableProcessors()));
        sb.append("  \"confusion\": [");
        for (int r = 0; r < confusion.length; r++) {
            sb.append(r == 0 ? "\n    [" : ",\n    [");
            for (int c = 0; c < confusion[r].length; c++) {
                if (c > 0) {
                    sb.append(", ");
                }
                sb.append(confusion[r][c]);
            }
            sb.append(']');
        }
        sb.append("\n  ]\n}\n");
        try {
            org.snn4j.io.AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Progress of a phase counted in digits done so far (an absolute count, polled from the workers), printed in
     * the examples' one style by {@link ConsoleProgress}.
     */
    static final class Progress {
        private final ConsoleProgress line;
        private long reported;

        Progress(PrintStream out, String what, int total) {
            this.line = new ConsoleProgress(out, what, total);
        }

        synchronized void update(int done) {
            if (done > reported) {
                line.update(done - reported);
                reported = done;
            }
        }
    }
}
