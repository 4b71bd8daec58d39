package org.snn4j.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.plot.Png;

/**
 * The command-line options shared by the picture-writing examples (Ex03 to Ex07), and the bookkeeping of
 * the PNG files they write.
 *
 * <pre>
 *   --quick      a small version (the smoke test runs every example with it)
 *   --out DIR    where pictures go (default results/&lt;example&gt;)
 *   --data DIR   the MNIST folder (default examples/data/mnist10k, or data/mnist10k from inside examples/)
 * </pre>
 *
 * @param quick whether to run the small version
 * @param out   output folder for pictures
 * @param data  MNIST folder, or {@code null} to look in the default places
 */
record ExampleOptions(boolean quick, Path out, Path data) {

    /** Checks {@code out}. */
    ExampleOptions {
        Objects.requireNonNull(out, "out");
    }

    /**
     * Parses {@code args}.
     *
     * @param args       the example's arguments
     * @param defaultOut the example's short name; pictures go to {@code results/<defaultOut>} by default
     * @throws IllegalArgumentException naming an unknown argument or a missing value
     */
    static ExampleOptions parse(String[] args, String defaultOut) {
        boolean quick = false;
        Path out = Path.of("results", defaultOut);
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--quick")) {
                quick = true;
            } else if ((a.equals("--out") || a.equals("--data")) && i + 1 < args.length) {
                Path p = Path.of(args[++i]);
                if (a.equals("--out")) {
                    out = p;
                } else {
                    data = p;
                }
            } else {
                throw new IllegalArgumentException("unknown or incomplete argument '" + a
                        + "', expected --quick, --out DIR or --data DIR");
            }
        }
        return new ExampleOptions(quick, out, data);
    }

    /** The shipped MNIST folder: {@code --data}, else the first of the default places that exists. */
    Path mnistDir() {
        if (data != null) {
            return data;
        }
        Path[] candidates = {Path.of("examples", "data", "mnist10k"), Path.of("data", "mnist10k")};
        for (Path p : candidates) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("MNIST data not found: run from the repository root or pass --data DIR "
                + "(looked in " + candidates[0].toAbsolutePath() + ")");
    }

    /** The test split of the shipped MNIST subset (2,000 digits; loads in well under a second). */
    MnistDataset.Split mnistTest() throws IOException {
        Path dir = mnistDir();
        return MnistDataset.loadSplit(gzOrPlain(dir, MnistDataset.TEST_IMAGES),
                gzOrPlain(dir, MnistDataset.TEST_LABELS));
    }

    /** The training split of the shipped MNIST subset (8,000 digits). */
    MnistDataset.Split mnistTrain() throws IOException {
        Path dir = mnistDir();
        return MnistDataset.loadSplit(gzOrPlain(dir, MnistDataset.TRAIN_IMAGES),
                gzOrPlain(dir, MnistDataset.TRAIN_LABELS));
    }

    private static Path gzOrPlain(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        return Files.isRegularFile(gz) ? gz : dir.resolve(name);
    }

    /** Collects and prints the pictures an example writes. */
    static final class Pictures {
        private final Path dir;
        private final List<Path> written = new ArrayList<>();

        Pictures(Path dir) {
            this.dir = dir;
        }

        /** Writes {@code image} as {@code dir/name}, prints the path and remembers it. */
        Path write(BufferedImage image, String name) {
            Path p = Png.write(image, dir.resolve(name));
            written.add(p);
            System.out.println("  wrote " + p + " (" + image.getWidth() + "x" + image.getHeight() + ")");
            return p;
        }

        /** The files written so far, in order. */
        List<Path> written() {
            return List.copyOf(written);
        }
    }
}
