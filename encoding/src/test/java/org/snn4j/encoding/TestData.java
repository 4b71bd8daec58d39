package org.snn4j.encoding;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shipped {@code examples/data/mnist10k} from the module directory or the repository root. */
public final class TestData {
    private TestData() {
    }

    /** The mnist10k directory. */
    public static Path mnist10k() {
        String base = System.getProperty("basedir", ".");
        Path[] candidates = {
            Path.of(base, "..", "examples", "data", "mnist10k"),
            Path.of(base, "examples", "data", "mnist10k"),
            Path.of("..", "examples", "data", "mnist10k"),
            Path.of("examples", "data", "mnist10k")
        };
        for (Path p : candidates) {
            if (Files.isDirectory(p)) {
                return p.normalize();
            }
        }
        throw new IllegalStateException("examples/data/mnist10k not found from " + Path.of(base).toAbsolutePath());
    }
}
