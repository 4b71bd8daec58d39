package org.snn4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** The tests' Spark: {@code local[2]}, no UI, few shuffle partitions; one per test class. */
final class LocalSpark {
    private LocalSpark() {
    }

    static SparkSession start(String name) {
        return SparkSession.builder()
                .master("local[2]")
                .appName(name)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    /** A folder of the repository, from the module's folder (where surefire runs). */
    static Path repo(String relative) {
        Path p = Path.of("..").resolve(relative).normalize();
        if (!Files.exists(p)) {
            throw new IllegalStateException("missing " + p.toAbsolutePath());
        }
        return p;
    }
}
