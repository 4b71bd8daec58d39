package org.snn4j.encoding;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shipped data folders under {@code examples/data} from the module directory or the repository root. */
public final class TestData {
    private TestData() {
    }

    /** The mnist10k directory. */
    public static Path mnist10k() {
        return shipped("mnist10k");
    }

    /** The nmnist-small directory (1,100 real N-MNIST recordings). */
    public static Path nmnistSmall() {
        return shipped("nmnist-small");
    }

    private static Path shipped(String name) {
        String base = System.getProperty("basedir", ".");
        Path[] candidates = {
            Path.of(base, "..", "examples", "data", name),
            Path.of(base, "examples", "data", name),
            Path.of("..", "examples", "data", name),
            Path.of("examples", "data", name)
        };
        for (Path p : candidates) {
            if (Files.isDirectory(p)) {
                return p.normalize();
            }
        }
        throw new IllegalStateException("examples/data/" + name + " not found from " + Path.of(base).toAbsolutePath());
    }
}
