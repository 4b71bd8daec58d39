package org.snn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.examples.papers.Mozafari2019Composed;
import org.snn4j.io.ModelFile;
import org.snn4j.network.NetworkFile;
import org.snn4j.network.Simulation;

class ScoringTest {
    static final int N = 120;
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("ScoringTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aSavedMozafariModelScoresLikeTheSingleJvmInferenceAndSqlCountsIt() throws Exception {
        // an untrained network from a seed: a deterministic classifier (a trained one is measured in docs/spark.md)
        Mozafari2019Composed net = new Mozafari2019Composed(3);
        byte[] model = NetworkFile.toBytes(net.network());
        java.nio.file.Path mnist = LocalSpark.repo("examples/data/mnist10k");
        Dataset<Row> digits = MnistRows.read(spark, mnist, true, N, 3);
        Dataset<Row> scored = Scoring.score(digits, model, new MozafariModel(), "index", "label").cache();
        assertThat(scored.columns()).containsExactly("index", "label", "prediction", "outputSpikes",
                "synapticEvents");
        List<Row> rows = scored.orderBy("index").collectAsList();
        assertThat(rows).hasSize(N);
        // the older flat model format scores the same
        List<Row> fromFlat = Scoring.score(digits, ModelFile.toBytes(net.toModelData()), new MozafariModel(),
                "index").orderBy("index").collectAsList();

        MnistDataset.Split test = MnistRows.splitOf(mnist, true);
        Simulation sim = net.newInferenceSimulation();
        int right = 0;
        int decided = 0;
        for (int i = 0; i < N; i++) {
            int c = MozafariModel.classify(net, sim, test.pixels(), i * 784);
            Row r = rows.get(i);
            assertThat(r.getInt(0)).isEqualTo(i);
            assertThat(r.getInt(2)).as("digit " + i).isEqualTo(c);
            assertThat(fromFlat.get(i).getInt(1)).as("digit " + i + ", flat model file").isEqualTo(c);
            assertThat(r.<Long>getAs("synapticEvents")).isGreaterThan(0L);
            List<Integer> spikes = r.getList(3);
            assertThat(spikes).hasSize(10);
            assertThat(spikes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(c < 0 ? 0 : 1);
            if (c >= 0) {
                decided++;
                assertThat(spikes.get(c)).isEqualTo(1);
            }
            if (c == test.label(i)) {
                right++;
            }
        }
        assertThat(decided).isGreaterThan(0);
        assertThat(Scoring.accuracy(scored)).isEqualTo(right / (double) N);
        long[][] confusion = Scoring.confusion(scored, 10);
        long total = 0;
        long diagonal = 0;
        long silent = 0;
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p <= 10; p++) {
                total += confusion[t][p];
            }
            diagonal += confusion[t][t];
            silent += confusion[t][10];
        }
        assertThat(total).isEqualTo(N);
        assertThat(diagonal).isEqualTo(right);
        assertThat(silent).isEqualTo(N - decided);
        scored.unpersist();
    }

    @Test
    void aDamagedModelFailsTheJobWithTheReadersMessage() {
        java.nio.file.Path mnist = LocalSpark.repo("examples/data/mnist10k");
        byte[] junk = "not a model file".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Scoring.score(MnistRows.read(spark, mnist, true, 4, 1), junk, new MozafariModel(),
                "index", "label").count()).hasStackTraceContaining("ModelFileException");
        assertThatThrownBy(() -> MnistRows.read(spark, mnist, true, 4, 0)).hasMessageContaining("partitions");
    }
}
