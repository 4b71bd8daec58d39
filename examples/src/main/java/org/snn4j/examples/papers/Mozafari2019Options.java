package org.snn4j.examples.papers;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Command-line options of {@link Mozafari2019}, parsed by hand (no dependency: a dozen flags do not need
 * a CLI library). Every flag is checked; an error names the flag, the value and what was expected.
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
 * @param out        folder for the results JSON
 * @param classify   a PNG digit to classify at the end, or null
 * @param trainLimit use only the first {@code trainLimit} training digits (0 = all)
 * @param testLimit  use only the first {@code testLimit} test digits (0 = all)
 * @param help       print usage and exit
 */
public record Mozafari2019Options(Path data, int epochs1, int epochs2, int epochs3, int threads, long seed,
                                  Path save, Path load, boolean quick, Path out, Path classify,
                                  int trainLimit, int testLimit, boolean help) {

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

    /** The usage text printed by {@code --help}. */
    public static String usage() {
        return String.join("\n",
                "Mozafari et al. 2019: deep convolutional SNN, STDP + R-STDP, on MNIST (mnist10k: 8,000 train / 2,000 test).",
                "",
                "usage: java -jar examples/target/snn4j-examples.jar [Mozafari2019] [options]",
                "",
                "  --data DIR       MNIST IDX files (train-images-idx3-ubyte[.gz], ...); default " + DEFAULT_DATA,
                "                   (relative to the working directory, else to the repository root)",
                "  --epochs1 N      conv1 STDP epochs (default 2)",
                "  --epochs2 N      conv2 STDP epochs (default 4)",
                "  --epochs3 N      conv3 R-STDP epochs (default " + DEFAULT_EPOCHS3 + ")",
                "  --long           " + LONG_EPOCHS3 + " R-STDP epochs (aims higher; SpykeTorch's script allows 680)",
                "  --threads N      threads for encoding and inference (default: available processors);",
                "                   learning is sequential, so results do not depend on N",
                "  --seed S         seed of the initial weights (default 1)",
                "  --save FILE      save the trained model (snn4j model file, written atomically)",
                "  --load FILE      load a model instead of training, then evaluate it on the test digits",
                "  --quick          smoke run: 300 train / 100 test digits, 1+1+2 epochs (checks it runs, not accuracy)",
                "  --train-limit N  use only the first N training digits; --test-limit N: the first N test digits",
                "  --out DIR        where results JSON goes (default results/)",
                "  --classify PNG   classify one image with the trained/loaded model; the PNG must show a",
                "                   white digit on a black background (MNIST polarity), grayscale or colour,",
                "                   any size (resized to 28x28)",
                "  --help           this text");
    }

    /**
     * Parses the command line.
     *
     * @param args not modified
     * @throws IllegalArgumentException naming the flag and value on any error
     */
    public static Mozafari2019Options parse(String... args) {
        Path data = Path.of(DEFAULT_DATA);
        int e1 = 2;
        int e2 = 4;
        Integer e3 = null;
        boolean longRun = false;
        int threads = Runtime.getRuntime().availableProcessors();
        long seed = 1L;
        Path save = null;
        Path load = null;
        boolean quick = false;
        Path out = Path.of("results");
        Path classify = null;
        Integer trainLimit = null;
        Integer testLimit = null;
        boolean help = false;
        boolean e1Set = false;
        boolean e2Set = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--data" -> data = Path.of(value(args, i++));
                case "--epochs1" -> {
                    e1 = nonNegative(a, value(args, i++));
                    e1Set = true;
                }
                case "--epochs2" -> {
                    e2 = nonNegative(a, value(args, i++));
                    e2Set = true;
                }
                case "--epochs3" -> e3 = nonNegative(a, value(args, i++));
                case "--long" -> longRun = true;
                case "--threads" -> {
                    threads = nonNegative(a, value(args, i++));
                    if (threads < 1) {
                        throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
                    }
                }
                case "--seed" -> {
                    String v = value(args, i++);
                    try {
                        seed = Long.parseLong(v);
                    } catch (NumberFormatException ex) {
                        throw new IllegalArgumentException("--seed expects an integer, got '" + v + "'");
                    }
                }
                case "--save" -> save = Path.of(value(args, i++));
                case "--load" -> load = Path.of(value(args, i++));
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(value(args, i++));
                case "--classify" -> classify = Path.of(value(args, i++));
                case "--train-limit" -> trainLimit = nonNegative(a, value(args, i++));
                case "--test-limit" -> testLimit = nonNegative(a, value(args, i++));
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option '" + a + "'; see --help");
            }
        }
        if (longRun && e3 != null) {
            throw new IllegalArgumentException("--long and --epochs3 both set the R-STDP epochs; give one");
        }
        int epochs3 = e3 != null ? e3 : (longRun ? LONG_EPOCHS3 : DEFAULT_EPOCHS3);
        if (quick) {
            e1 = e1Set ? e1 : 1;
            e2 = e2Set ? e2 : 1;
            epochs3 = e3 != null ? e3 : 2;
            trainLimit = trainLimit != null ? trainLimit : 300;
            testLimit = testLimit != null ? testLimit : 100;
        }
        return new Mozafari2019Options(data, e1, e2, epochs3, threads, seed, save, load, quick, out, classify,
                trainLimit == null ? 0 : trainLimit, testLimit == null ? 0 : testLimit, help);
    }

    private static String value(String[] args, int i) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new IllegalArgumentException(args[i] + " expects a value");
        }
        return args[i + 1];
    }

    private static int nonNegative(String flag, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new IllegalArgumentException(flag + " must be >= 0, got " + n);
            }
            return n;
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(flag + " expects a non-negative integer, got '" + v + "'");
        }
    }
}
