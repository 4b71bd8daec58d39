package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.snn4j.learning.WeightCompaction.Quantisation;
import org.snn4j.learning.WeightCompaction.Stats;

/**
 * {@link WeightCompaction} at the exact bounds of its checks and with every statistic checked by value (issue 17;
 * {@code UtilitiesTest} has the basic cases).
 */
class WeightCompactionTest {

    @Test
    void aWeightExactlyAtTheThresholdIsKept() {
        float[] w = {0.25f, -0.25f, 0.2499f, -0.2499f, 0f};
        assertThat(WeightCompaction.prune(w, 0.25f)).isEqualTo(3);
        assertThat(w).containsExactly(0.25f, -0.25f, 0f, 0f, 0f);
        float[] none = {0f, 1e-30f, -2f};
        assertThat(WeightCompaction.prune(none, 0f)).isZero();
        assertThat(none).containsExactly(0f, 1e-30f, -2f);
    }

    @Test
    void thresholdsMustBeFiniteAndNotNegative() {
        for (float bad : new float[] {-1f, -Float.MIN_VALUE, Float.NaN, Float.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> WeightCompaction.compact(new float[2], bad, null))
                    .hasMessage("threshold must be finite and >= 0, got " + bad);
        }
        assertThatThrownBy(() -> WeightCompaction.compact((float[]) null, 0f, null)).hasMessage("weights");
        assertThatThrownBy(() -> WeightCompaction.quantise(new float[1], null)).hasMessage("q");
        assertThat(WeightCompaction.prune(new float[] {Float.MAX_VALUE}, Float.MAX_VALUE)).isZero();
    }

    @Test
    void quantisationReportsWhatItChanged() {
        // levels 0, 0.25, 0.5, 0.75, 1 do not exist for 2 bits: levels are 0, 1/3, 2/3, 1
        float[] w = {0f, 0.1f, 1f, 0.6f, 2f, -0.5f, 0.5f, 1f / 3};
        Stats s = WeightCompaction.quantise(w, new Quantisation(2, WeightBounds.unit()));
        assertThat(w).containsExactly(0f, 0f, 1f, 2f / 3, 1f, 0f, 2f / 3, 1f / 3);
        assertThat(s.total()).isEqualTo(8);
        assertThat(s.pruned()).isZero();
        assertThat(s.quantised()).isEqualTo(8);
        // changed: 0.1, 0.6, 2, -0.5, 0.5
        assertThat(s.changed()).isEqualTo(5);
        double e01 = 0.1f;
        double e06 = Math.abs((double) (2f / 3) - 0.6f);
        double e05 = Math.abs((double) (2f / 3) - 0.5f);
        assertThat(s.maxAbsError()).isEqualTo(1.0);
        assertThat(s.meanAbsError()).isEqualTo((e01 + e06 + 1.0 + 0.5 + e05) / 8);
        assertThat(s.prunedFraction()).isZero();
    }

    @Test
    void pruningAndQuantisationTogether() {
        float[] w = {0.01f, 0.9f, -0.03f, 0.4f};
        Stats s = WeightCompaction.compact(w, 0.05f, Quantisation.binary(WeightBounds.unit()));
        assertThat(w).containsExactly(0f, 1f, 0f, 0f);
        assertThat(s.pruned()).isEqualTo(2);
        assertThat(s.quantised()).isEqualTo(2);
        assertThat(s.prunedFraction()).isEqualTo(0.5);
        float[] three = {0.01f, 0.5f, 0.5f};
        assertThat(WeightCompaction.compact(three, 0.05f, null).prunedFraction()).isEqualTo(1.0 / 3);
    }

    @Test
    void anEmptyArrayHasNoErrors() {
        Stats s = WeightCompaction.compact(new float[0], 0.1f, Quantisation.binary(WeightBounds.unit()));
        assertThat(s).isEqualTo(new Stats(0, 0, 0, 0, 0.0, 0.0));
        assertThat(s.prunedFraction()).isZero();
        assertThat(s.meanAbsError()).isZero();
    }

    @Test
    void aLayerIsCompactedInPlace() {
        ToyDenseLayer layer = new ToyDenseLayer(2, 2);
        layer.set(0, 0, 0.02f);
        layer.set(0, 1, 0.8f);
        layer.set(1, 0, 0.3f);
        layer.set(1, 1, 0.04f);
        Stats s = WeightCompaction.compact(layer, 0.05f, Quantisation.binary(WeightBounds.unit()));
        assertThat(layer.get(0, 0)).isZero();
        assertThat(layer.get(0, 1)).isEqualTo(1f);
        assertThat(layer.get(1, 0)).isZero();
        assertThat(layer.get(1, 1)).isZero();
        assertThat(s.total()).isEqualTo(4);
        assertThat(s.pruned()).isEqualTo(2);
        assertThat(s.changed()).isEqualTo(4);
        assertThatThrownBy(() -> WeightCompaction.compact((org.snn4j.layer.PlasticLayer) null, 0f, null))
                .hasMessage("layer");
    }

    @Test
    void quantisationLevelsAtEveryBitWidth() {
        assertThatThrownBy(() -> new Quantisation(17, WeightBounds.unit())).hasMessage("bits must be in [1, 16], got 17");
        assertThatThrownBy(() -> new Quantisation(1, null)).hasMessage("bounds");
        Quantisation q16 = new Quantisation(16, new WeightBounds(-1f, 1f));
        assertThat(q16.levels()).isEqualTo(65536);
        assertThat(q16.quantise(-1f)).isEqualTo(-1f);
        assertThat(q16.quantise(1f)).isEqualTo(1f);
        assertThat(q16.quantise(5f)).isEqualTo(1f);
        assertThat(q16.quantise(-5f)).isEqualTo(-1f);
        Quantisation q3 = new Quantisation(3, new WeightBounds(-0.5f, 3f));
        assertThat(q3.levels()).isEqualTo(8);
        // step 0.5: levels -0.5, 0, 0.5, ..., 3; 0.74 -> 0.5, 0.75 (tie) -> 1, 1.2 -> 1
        assertThat(q3.quantise(0.74f)).isEqualTo(0.5f);
        assertThat(q3.quantise(0.75f)).isEqualTo(1f);
        assertThat(q3.quantise(1.2f)).isEqualTo(1f);
        assertThat(q3.quantise(-0.2f)).isEqualTo(0f);
        assertThat(Quantisation.binary(WeightBounds.unit()).levels()).isEqualTo(2);
        assertThat(Quantisation.binary(WeightBounds.unit()).bits()).isEqualTo(1);
    }
}
