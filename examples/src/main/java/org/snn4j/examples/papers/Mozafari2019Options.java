package org.snn4j.examples.papers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.cli.Ranges;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Command-line options of {@link Mozafari2019}, parsed by {@link Command} (picocli, through {@link Cli}); every
 * option is checked, and an error names the option, the value and what was expected.
 *
 * @param data       folder with the four MNIST IDX files (raw or gzip)
 * @param epochs1    conv1 STDP epochs
 * @param epochs2    conv2 STDP epochs
 * @param epochs3    conv3 R-STDP epochs
 * @param threads    worker threads for encoding and inference (learning is sequential)
 * @param seed       seed of the initial weights
 * @param save       where to save the trained model, or null
 * @param load       model to load instead of training, or null
 * @param quick      small run for smoke tests: few digits, short epochs
 * @param out        folder for the results JSON and pictures (default {@code results/mozafari2019})
 * @param classify   a PNG digit to classify at the end, or null
 * @param trainLimit use only the first {@code trainLimit} training digits (0 = all)
 * @param testLimit  use only the first {@code testLimit} test digits (0 = all)
 */
public record Mozafari2019Options(Path data, int epochs1, int epochs2, int epochs3, int threads, long seed,
                                  Path save, Path load, boolean quick, Path out, Path classify,
                                  int trainLimit, int testLimit) {

    /** Default data folder, relative to the working directory (or the repository root). */
    public static final String DEFAULT_DATA = "examples/data/mnist10k";
    /** Default R-STDP epochs. */
    public static final int DEFAULT_EPOCHS3 = 40;
    /** R-STDP epochs with {@code --long} (SpykeTorch's script allows up to 680: {@code --epochs3 680}). */
    public static final int LONG_EPOCHS3 = 200;

    /** Checks ranges. */
    public Mozafari2019Options {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(out, "out");
        if (epochs1 < 0 || epochs2 < 0 || epochs3 < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + epochs1 + ", " + epochs2 + ", " + epochs3);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (trainLimit < 0 || testLimit < 0) {
            throw new IllegalArgumentException("limits must be >= 0, got " + trainLimit + " and " + testLimit);
        }
    }

    /**
     * Parses the command line (the options of {@link Command}).
     *
     * @param args not modified
     * @throws IllegalArgumentException naming the option and value on any error (the one line the command line
     *                                  prints)
     */
    public static Mozafari2019Options parse(String... args) {
        return Cli.parse(new Command(), args).options();
    }

    /** The {@code mozafari2019} command: its options, parsed by {@link Cli}, and running {@link Mozafari2019}. */
    @CommandLine.Command(name = "mozafari2019", sortOptions = false, description = {
        "Mozafari et al. 2019: deep convolutional SNN, STDP + R-STDP, on MNIST (mnist10k: 8,000 train / 2,000 test)."},
            footer = {"", "Learning is sequential, so results do not depend on --threads."})
    public static final class Command implements Cli.Command {
        @Mixin
        Options.Data data = new Options.Data(DEFAULT_DATA);

        @Option(names = "--epochs1", paramLabel = "N", converter = Ranges.AtLeastZero.class,
                description = "conv1 STDP epochs (default 2, quick 1)")
        Integer epochs1;

        @Option(names = "--epochs2", paramLabel = "N", converter = Ranges.AtLeastZero.class,
                description = "conv2 STDP epochs (default 4, quick 1)")
        Integer epochs2;

        @Option(names = "--epochs3", paramLabel = "N", converter = Ranges.AtLeastZero.class,
                description = "conv3 R-STDP epochs (default " + DEFAULT_EPOCHS3 + ", quick 2)")
        Integer epochs3;

        @Option(names = "--long", description = LONG_EPOCHS3 + " R-STDP epochs (aims higher; SpykeTorch's script "
                + "allows 680)")
        boolean longRun;

        @Mixin
        Options.Threads threads;

        @Option(names = "--seed", paramLabel = "S",
                description = "seed of the initial weights (default ${DEFAULT-VALUE})")
        long seed = 1L;

        @Option(names = "--save", paramLabel = "FILE", converter = Options.OutputFile.class,
                description = "save the trained model (snn4j model file, written atomically; the folder must exist)")
        Path save;

        @Option(names = "--load", paramLabel = "FILE", converter = org.snn4j.cli.Options.InputFile.class,
                description = "load a model instead of training, then "
                + "evaluate it on the test digits")
        Path load;

        @Option(names = "--quick", description = "smoke run: 300 train / 100 test digits, 1+1+2 epochs (checks "
                + "it runs, not accuracy)")
        boolean quick;

        @Option(names = "--train-limit", paramLabel = "N", converter = Ranges.AtLeastZero.class,
                description = "use only the first N training digits (0: all)")
        Integer trainLimit;

        @Option(names = "--test-limit", paramLabel = "N", converter = Ranges.AtLeastZero.class,
                description = "use only the first N test digits (0: all)")
        Integer testLimit;

        @Mixin
        Options.Out out;

        @Option(names = "--classify", paramLabel = "PNG", converter = org.snn4j.cli.Options.InputFile.class,
                description = "classify one image with the trained or "
                + "loaded model: a white digit on a black background (MNIST polarity), any size (resized to 28x28)")
        Path classify;

        /** A command-line instance; picocli sets the options. */
        public Command() {
        }

        /**
         * The options as a checked record ({@code --quick} and {@code --long} applied).
         *
         * @throws IllegalArgumentException if {@code --long} and {@code --epochs3} are both given
         */
        public Mozafari2019Options options() {
            if (longRun && epochs3 != null) {
                throw new IllegalArgumentException("--long and --epochs3 both set the R-STDP epochs; give one");
            }
            int e1 = Options.orDefault(epochs1, quick, 1, 2);
            int e2 = Options.orDefault(epochs2, quick, 1, 4);
            int e3 = Options.orDefault(epochs3, quick, 2, longRun ? LONG_EPOCHS3 : DEFAULT_EPOCHS3);
            int tr = Options.orDefault(trainLimit, quick, 300, 0);
            int te = Options.orDefault(testLimit, quick, 100, 0);
            Path d = data.given() != null ? data.given() : Path.of(DEFAULT_DATA);
            return new Mozafari2019Options(d, e1, e2, e3, threads.get(), seed, save, load, quick, out.dir(),
                    classify, tr, te);
        }

        /** Runs {@link Mozafari2019#execute} with the parsed options. */
        @Override
        public void run(PrintStream console) throws IOException {
            Mozafari2019.execute(options(), console);
        }
    }
}
