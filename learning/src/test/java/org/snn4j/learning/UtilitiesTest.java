package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.snn4j.learning.WeightCompaction.Quantisation;
import org.snn4j.learning.WeightCompaction.Stats;

class UtilitiesTest {

    @Test
    void normalisationScalesEachColumnToTheTarget() {
        ToyDenseLayer l = new ToyDenseLayer(3, 2);
        l.set(0, 0, 1f);
        l.set(1, 0, 2f);
        l.set(2, 0, 1f);
        WeightNormalisation.normaliseAll(l, l.newState(), 2f); // column 1 sums to 0: unchanged
        assertThat(l.get(0, 0)).isEqualTo(0.5f);
        assertThat(l.get(1, 0)).isEqualTo(1f);
        assertThat(l.get(2, 0)).isEqualTo(0.5f);
        assertThat(l.get(0, 1)).isZero();
        assertThat(WeightNormalisation.normalise(l, l.newState(), 0, 3f)).isEqualTo(2.0);
        assertThat(l.get(1, 0)).isEqualTo(1.5f);
    }

    @Test
    void pruningCountsAndZeroesSmallWeights() {
        float[] w = {0.01f, -0.02f, 0.5f, -0.7f, 0f, 0.049f};
        assertThat(WeightCompaction.prune(w, 0.05f)).isEqualTo(4);
        assertThat(w).containsExactly(0f, 0f, 0.5f, -0.7f, 0f, 0f);
    }

    @Test
    void binaryAndTwoBitQuantisation() {
        float[] w = {0.02f, 0.3f, 0.6f, 0.97f};
        Stats s = WeightCompaction.compact(w, 0.05f, Quantisation.binary(WeightBounds.unit()));
        assertThat(w).containsExactly(0f, 0f, 1f, 1f);
        assertThat(s.pruned()).isEqualTo(1);
        assertThat(s.quantised()).isEqualTo(3);
        assertThat(s.changed()).isEqualTo(4);
        assertThat(s.maxAbsError()).isCloseTo(0.4, within(1e-6));
        assertThat(s.meanAbsError()).isCloseTo((0.02 + 0.3 + 0.4 + 0.03) / 4, within(1e-6));

        float[] v = {0.1f, 0.2f, 0.5f, 0.9f, 1.4f, -0.3f};
        WeightCompaction.quantise(v, new Quantisation(2, WeightBounds.unit()));
        assertThat(v).containsExactly(0f, 1f / 3, 2f / 3, 1f, 1f, 0f); // 0.5 ties upwards to 2/3
        float[] signed = {-0.9f, -0.2f, 0.4f};
        WeightCompaction.quantise(signed, Quantisation.binary(new WeightBounds(-1f, 1f)));
        assertThat(signed).containsExactly(-1f, -1f, 1f);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new Quantisation(0, WeightBounds.unit())).hasMessage("bits must be in [1, 16], got 0");
        assertThatThrownBy(() -> WeightCompaction.prune(new float[1], -1f))
                .hasMessage("threshold must be finite and >= 0, got -1.0");
    }
}
