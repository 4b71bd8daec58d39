package org.snn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.examples.papers.DiehlCook2015;

class SweepTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("SweepTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aDiehlCookGridRunsOneTaskPerConfigurationAndMatchesTheSingleJvmRun(@TempDir Path dir) throws Exception {
        String mnist = LocalSpark.repo("examples/data/mnist10k").toString();
        List<DiehlCookSweep.Config> grid = DiehlCookSweep.grid(new int[] {4, 8}, new int[] {1}, 30, 30,
                new long[] {1, 2});
        grid = new java.util.ArrayList<>(grid);
        grid.add(new DiehlCookSweep.Config(4, 1, 99_999, 30, 1)); // more digits than shipped: an error row
        Dataset<Row> res = Sweep.run(spark, grid, DiehlCookSweep.trial(mnist), dir.toString());
        assertThat(res.columns()).containsExactly("index", "neurons", "epochs", "train", "test", "seed", "accuracy",
                "trainSeconds", "taskSeconds", "taskCpuSeconds", "modelPath", "executor", "error");
        List<Row> rows = res.orderBy("index").collectAsList();
        assertThat(rows).hasSize(5);
        for (int i = 0; i < 4; i++) {
            Row r = rows.get(i);
            assertThat(r.isNullAt(r.fieldIndex("error"))).as(String.valueOf(r.get(r.fieldIndex("error")))).isTrue();
            assertThat(r.<Double>getAs("accuracy")).isBetween(0.0, 1.0);
            assertThat(r.<Double>getAs("taskCpuSeconds")).isGreaterThan(0.0);
            Path model = Path.of(r.<String>getAs("modelPath"));
            // Diehl & Cook's --save writes a network file of its composition
            org.snn4j.network.Network saved = org.snn4j.network.NetworkFile.read(model,
                    org.snn4j.learning.LearningCodecs.all());
            assertThat(saved.layer("exc").outputShape().size()).isEqualTo(r.<Integer>getAs("neurons"));
        }
        Row bad = rows.get(4);
        assertThat(bad.<String>getAs("error")).contains("train must be <=");
        assertThat(bad.isNullAt(bad.fieldIndex("accuracy"))).isTrue();
        // SQL over the results: the best configuration
        res.createOrReplaceTempView("sweep");
        Row best = spark.sql("SELECT neurons, seed, accuracy FROM sweep WHERE error IS NULL "
                + "ORDER BY accuracy DESC, index LIMIT 1").first();
        assertThat(best.getDouble(2)).isGreaterThanOrEqualTo(rows.get(0).<Double>getAs("accuracy"));
        // the same configuration in this JVM gives the same accuracy
        DiehlCook2015.Result single = DiehlCook2015.run(new DiehlCook2015.Options(8, 1, 30, 30, 2, 1,
                dir.resolve("single"), null, Path.of(mnist), 0.5f), null);
        assertThat(rows.get(3).<Double>getAs("accuracy")).isEqualTo(single.accuracy());
        assertThat(Files.exists(dir.resolve(grid.get(3).name()).resolve("results.json"))).isTrue();
    }

    @Test
    void gridsAreChecked() {
        assertThatThrownBy(() -> Sweep.run(spark, List.of(), DiehlCookSweep.trial("x"), "o"))
                .hasMessageContaining("at least one");
        DiehlCookSweep.Config c = new DiehlCookSweep.Config(4, 1, 10, 10, 1);
        assertThatThrownBy(() -> Sweep.run(spark, List.of(c, c), DiehlCookSweep.trial("x"), "o"))
                .hasMessageContaining("appears twice");
        assertThatThrownBy(() -> new DiehlCookSweep.Config(0, 1, 10, 10, 1)).hasMessageContaining("neurons >= 1");
    }
}
