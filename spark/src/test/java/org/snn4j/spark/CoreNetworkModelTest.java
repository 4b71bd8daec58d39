package org.snn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.encoding.aer.AerFormat;
import org.snn4j.encoding.aer.PolarityMode;
import org.snn4j.gradient.CoreExport;
import org.snn4j.gradient.Pass;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.gradient.Tensor;
import org.snn4j.gradient.Workspace;
import org.snn4j.io.ModelFile;
import org.snn4j.network.NetworkFile;

class CoreNetworkModelTest {
    static final int STEPS = 40;
    static final NmnistMlp LIF = new NmnistMlp(NmnistMlp.Neuron.LIF, 2, 12, 12, 16, 10, STEPS, 7.5f, 0.01f, 11);
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("CoreNetworkModelTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aGradientTrainedLifNetworkScoresOnTheCoreEngineLikeTheTrainersForwardPass() throws Exception {
        SpikingNetwork trained = LIF.network();
        byte[] model = ModelFile.toBytes(trained.toModelData());
        EventReadOptions opts = EventReadOptions.defaults().withFormat(AerFormat.NMNIST_BIN).withGlob("?.bs2")
                .withLabels(Labels.readList(LocalSpark.repo("examples/data/nmnist-small/train1K.txt")))
                .withTransforms(EventTransform.downsample(3, 3)).withKeepEvents(false)
                .withBins(new EventBins(0, 7500, STEPS, PolarityMode.SPLIT));
        Dataset<Row> rows = EventFiles.read(spark, LocalSpark.repo("examples/data/nmnist-small/files").toString(),
                opts).repartition(3);
        List<Row> scored = Scoring.score(rows, model, new CoreNetworkModel(CoreNetworkModel.gradient(LIF), 1),
                "path", "label", "offsets", "inputs", "channels", "height", "width", "error").collectAsList();
        assertThat(scored).hasSize(9);
        // the trainer's own forward pass, rows in another order: the same output spikes for every recording
        List<Row> shuffled = new ArrayList<>(scored);
        Collections.reverse(shuffled);
        Workspace ws = trained.newWorkspace();
        long spikes = 0;
        for (Row r : shuffled) {
            Tensor in = ws.input();
            in.setSpikes(EventFiles.binned(r).offsets(), EventFiles.binned(r).inputs());
            Tensor out = trained.forward(ws, Pass.inference());
            int[] expected = new int[10];
            for (int t = 0; t < STEPS; t++) {
                for (int o = 0; o < 10; o++) {
                    expected[o] += out.data()[t * 10 + o] != 0f ? 1 : 0;
                }
            }
            List<Integer> got = r.getList(r.fieldIndex("outputSpikes"));
            for (int o = 0; o < 10; o++) {
                assertThat(got.get(o)).as(r.getString(0) + " output " + o).isEqualTo(expected[o]);
                spikes += expected[o];
            }
            int best = -1;
            for (int o = 0; o < 10; o++) {
                if (expected[o] > 0 && (best < 0 || expected[o] > expected[best])) {
                    best = o;
                }
            }
            assertThat(r.<Integer>getAs("prediction")).isEqualTo(best);
            assertThat(r.<Long>getAs("synapticEvents")).isGreaterThan(0L);
        }
        assertThat(spikes).as("the network is not silent").isGreaterThan(0L);

        // the same network saved whole (NetworkFile) and read by the executors: the same scores
        byte[] whole = NetworkFile.toBytes(CoreExport.toNetwork(trained));
        java.util.Map<String, Row> fromFile = new java.util.HashMap<>();
        for (Row r : Scoring.score(rows, whole, new CoreNetworkModel(CoreNetworkModel.networkFile(), 1), "path")
                .collectAsList()) {
            fromFile.put(r.getString(0), r);
        }
        for (Row r : scored) {
            Row f = fromFile.get(r.getString(0));
            assertThat(f.<Integer>getAs("prediction")).isEqualTo(r.<Integer>getAs("prediction"));
            assertThat(f.getList(f.fieldIndex("outputSpikes"))).isEqualTo(r.getList(r.fieldIndex("outputSpikes")));
            assertThat(f.<Long>getAs("synapticEvents")).isEqualTo(r.<Long>getAs("synapticEvents"));
        }
    }

    @Test
    void eventRowsAreBinnedToTheNetworksStepAndAMismatchedInputIsRefusedInOneLine(@TempDir Path dir)
            throws Exception {
        org.snn4j.network.Network net = CoreExport.toNetwork(LIF.network());
        assertThat(net.dtMs()).isEqualTo(7.5f);
        byte[] file = NetworkFile.toBytes(net);
        EventReadOptions opts = EventReadOptions.defaults().withFormat(AerFormat.NMNIST_BIN).withGlob("?.bs2")
                .withLabels(Labels.readList(LocalSpark.repo("examples/data/nmnist-small/train1K.txt")))
                .withTransforms(EventTransform.downsample(3, 3)).withPartitions(2);
        Dataset<Row> events = EventFiles.read(spark, LocalSpark.repo("examples/data/nmnist-small/files").toString(),
                opts);
        // through Parquet, as snn4j-spark convert writes it
        String parquet = dir.resolve("events.parquet").toString();
        EventFiles.writeParquet(events, parquet);
        Map<String, Row> got = new HashMap<>();
        for (Row r : Scoring.scoreEvents(spark.read().parquet(parquet), file, STEPS, PolarityMode.SPLIT, 1)
                .collectAsList()) {
            got.put(r.getString(0), r);
        }
        // the reference: rows binned explicitly at 7.5 ms, scored by the model of binned rows
        List<Row> expected = Scoring.score(EventFiles.read(spark,
                LocalSpark.repo("examples/data/nmnist-small/files").toString(), opts.withKeepEvents(false)
                        .withBins(new EventBins(0, 7500, STEPS, PolarityMode.SPLIT))), file,
                new CoreNetworkModel(CoreNetworkModel.networkFile(), 1), "path", "label").collectAsList();
        assertThat(got).hasSize(9);
        long spikes = 0;
        for (Row e : expected) {
            Row g = got.get(e.getString(0));
            assertThat(g.<Integer>getAs("label")).isEqualTo(e.<Integer>getAs("label"));
            assertThat(g.<Integer>getAs("prediction")).isEqualTo(e.<Integer>getAs("prediction"));
            assertThat(g.getList(g.fieldIndex("outputSpikes"))).isEqualTo(e.getList(e.fieldIndex("outputSpikes")));
            assertThat(g.<Long>getAs("synapticEvents")).isEqualTo(e.<Long>getAs("synapticEvents")).isPositive();
            for (Object c : g.getList(g.fieldIndex("outputSpikes"))) {
                spikes += (Integer) c;
            }
        }
        assertThat(spikes).as("the network is not silent").isPositive();
        // steps 0: as many steps as the longest recording needs
        assertThat(Scoring.binsFor(net, 0, 15_000, PolarityMode.SPLIT)).isEqualTo(
                new EventBins(0, 7500, 3, PolarityMode.SPLIT));

        // polarities merged: 1 x 12 x 12 inputs against the network's 2 x 12 x 12, refused before scoring
        assertThatThrownBy(() -> Scoring.scoreEvents(events, file, STEPS, PolarityMode.MERGED, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("\n")
                .hasMessageContaining("the network's input is 2x12x12 (288 inputs), the events give 1 x 12 x 12 = 144");
        // not down-sampled: a 34 x 34 sensor
        assertThatThrownBy(() -> Scoring.scoreEvents(EventFiles.read(spark,
                LocalSpark.repo("examples/data/nmnist-small/files").toString(), opts.withTransforms()), file, STEPS,
                PolarityMode.SPLIT, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the events give 2 x 34 x 34 = 2312");
    }
}
