package org.snn4j.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.snn4j.cli.Options;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.plot.Png;

/**
 * The parsed options of the picture-writing examples (Ex03 to Ex07: {@code --quick}, {@code --out DIR},
 * {@code --data DIR}, parsed by {@link org.snn4j.cli.Cli}), and the bookkeeping of the PNG files they write.
 *
 * @param quick whether to run the small version
 * @param out   output folder for pictures
 * @param data  MNIST folder given with {@code --data}, or {@code null} for the shipped one
 */
record ExampleOptions(boolean quick, Path out, Path data) {

    /** Checks {@code out}. */
    ExampleOptions {
        Objects.requireNonNull(out, "out");
    }

    /** The shipped MNIST folder: {@code --data}, else {@code examples/data/mnist10k}, found by {@link Options#find}. */
    Path mnistDir() {
        return Options.find(data != null ? data : Path.of("examples", "data", "mnist10k"));
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
