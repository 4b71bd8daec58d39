package org.snn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snn4j.encoding.aer.AerFormat;
import org.snn4j.encoding.aer.PolarityMode;
import org.snn4j.gradient.Parameter;
import org.snn4j.gradient.Samples;
import org.snn4j.gradient.Trainer;

class DataParallelTrainingTest {
    static final int STEPS = 30;
    static final NmnistMlp MLP = new NmnistMlp(NmnistMlp.Neuron.SRM, 2, 17, 17, 24, 10, STEPS, 10f, 0.01f, 5);
    static SparkSession spark;
    static JavaRDD<DataParallelTraining.Sample> data;
    static List<DataParallelTraining.Sample> all;

    @BeforeAll
    static void start() throws Exception {
        spark = LocalSpark.start("DataParallelTrainingTest");
        // 40 training recordings of the shipped subset (files 10..49), 17 x 17 after 2 x 2 down-sampling
        EventReadOptions opts = EventReadOptions.defaults().withFormat(AerFormat.NMNIST_BIN).withGlob("[1-4]?.bs2")
                .withLabels(Labels.readList(LocalSpark.repo("examples/data/nmnist-small/train1K.txt")))
                .withTransforms(EventTransform.downsample(2, 2))
                .withBins(new EventBins(0, 10_000, STEPS, PolarityMode.SPLIT)).withKeepEvents(false);
        data = DataParallelTraining.samples(EventFiles.read(spark,
                LocalSpark.repo("examples/data/nmnist-small/files").toString(), opts)).repartition(3).cache();
        all = data.collect();
        assertThat(all).hasSize(40);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static float[][] values(Trainer t) {
        List<Parameter> ps = t.network().parameters();
        float[][] w = new float[ps.size()][];
        for (int p = 0; p < w.length; p++) {
            w[p] = ps.get(p).value().clone();
        }
        return w;
    }

    /** The single-JVM trainer on the same samples, same batches. */
    static float[][] single(int batch, Trainer.EpochResult[] out) {
        Samples local = DataParallelTraining.local(all);
        try (Trainer t = MLP.create(batch, 2)) {
            out[0] = t.trainEpoch(local, 0);
            return values(t);
        }
    }

    static float[][] distributed(JavaRDD<DataParallelTraining.Sample> rdd, int batch, Trainer.EpochResult[] out) {
        try (DataParallelTraining dp = new DataParallelTraining(spark, MLP, batch, 1)) {
            out[0] = dp.trainEpoch(rdd, 40, 0);
            assertThat(dp.trainer().updates()).isEqualTo((40 + batch - 1) / batch);
            return values(dp.trainer());
        }
    }

    @Test
    void onePartitionIsBitIdenticalToTheSingleJvmTrainer() {
        Trainer.EpochResult[] a = new Trainer.EpochResult[1];
        Trainer.EpochResult[] b = new Trainer.EpochResult[1];
        float[][] ref = single(16, a);
        float[][] dp = distributed(data.coalesce(1), 16, b);
        float[][] init = values(MLP.create(1, 1));
        for (int p = 0; p < ref.length; p++) {
            assertThat(dp[p]).as("parameter " + p).containsExactly(ref[p]);
            assertThat(Arrays.equals(ref[p], init[p])).as("training changed parameter " + p).isFalse();
        }
        assertThat(b[0].meanLoss()).isEqualTo(a[0].meanLoss());
        assertThat(b[0].trainAccuracy()).isEqualTo(a[0].trainAccuracy());
    }

    @Test
    void threePartitionsAgreeWithinRoundingAndAreDeterministic() {
        Trainer.EpochResult[] a = new Trainer.EpochResult[1];
        Trainer.EpochResult[] b = new Trainer.EpochResult[1];
        Trainer.EpochResult[] c = new Trainer.EpochResult[1];
        float[][] ref = single(16, a);
        float[][] dp1 = distributed(data, 16, b);
        float[][] dp2 = distributed(data, 16, c);
        double maxDiff = 0;
        double maxAbs = 0;
        for (int p = 0; p < ref.length; p++) {
            assertThat(dp2[p]).as("same partitioning, same weights: parameter " + p).containsExactly(dp1[p]);
            for (int i = 0; i < ref[p].length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(dp1[p][i] - ref[p][i]));
                maxAbs = Math.max(maxAbs, Math.abs(ref[p][i]));
            }
        }
        // 3 Adam updates from float sums in another order: differences of the order of float rounding
        assertThat(maxDiff).isLessThan(1e-5 * maxAbs);
        assertThat(b[0].meanLoss()).isCloseTo(a[0].meanLoss(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(b[0].trainAccuracy()).isEqualTo(a[0].trainAccuracy());
    }

    @Test
    void aBatchWithSamplesThatAreNotInTheDataSetIsRefused() {
        try (DataParallelTraining dp = new DataParallelTraining(spark, MLP, 4, 1)) {
            assertThatThrownBy(() -> dp.trainBatch(data, new int[] {0, 1, 99}, 0, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds 2 of the 3 samples");
            assertThatThrownBy(() -> dp.trainBatch(data, new int[5], 0, null))
                    .hasMessageContaining("1 to 4 samples, got 5");
        }
    }
}
