package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** WeightBounds on signed, non-unit intervals: inside, at and just past each bound, and every check. */
class WeightBoundsTest {
    private static final WeightBounds B = new WeightBounds(-0.75f, 2.5f);

    @Test
    void clampKeepsInsideValuesAndMovesOutsideOnesToTheNearestBound() {
        assertThat(B.clamp(0.3f)).isEqualTo(0.3f);
        assertThat(B.clamp(-0.75f)).isEqualTo(-0.75f);
        assertThat(B.clamp(2.5f)).isEqualTo(2.5f);
        assertThat(B.clamp(-0.7500001f)).isEqualTo(-0.75f);
        assertThat(B.clamp(-3f)).isEqualTo(-0.75f);
        assertThat(B.clamp(2.5000002f)).isEqualTo(2.5f);
        assertThat(B.clamp(40f)).isEqualTo(2.5f);
        assertThat(B.clamp(Float.NaN)).isNaN();
    }

    @Test
    void containsIsTheClosedInterval() {
        assertThat(B.contains(-0.75f)).isTrue();
        assertThat(B.contains(2.5f)).isTrue();
        assertThat(B.contains(1f)).isTrue();
        assertThat(B.contains(Math.nextDown(-0.75f))).isFalse();
        assertThat(B.contains(Math.nextUp(2.5f))).isFalse();
        assertThat(B.contains(Float.NaN)).isFalse();
        assertThat(WeightBounds.unit()).isEqualTo(new WeightBounds(0f, 1f));
    }

    @Test
    void rejectsNonFiniteAndEmptyIntervals() {
        assertThatThrownBy(() -> new WeightBounds(Float.NaN, 1f)).hasMessage("lo must be finite, got NaN");
        assertThatThrownBy(() -> new WeightBounds(Float.NEGATIVE_INFINITY, 1f))
                .hasMessage("lo must be finite, got -Infinity");
        assertThatThrownBy(() -> new WeightBounds(0f, Float.POSITIVE_INFINITY))
                .hasMessage("hi must be finite, got Infinity");
        assertThatThrownBy(() -> new WeightBounds(1f, 1f)).hasMessage("hi must be > lo, got lo=1.0, hi=1.0");
        assertThatThrownBy(() -> new WeightBounds(2f, 1f)).hasMessage("hi must be > lo, got lo=2.0, hi=1.0");
        assertThat(new WeightBounds(-1f, Math.nextUp(-1f)).hi()).isGreaterThan(-1f);
    }
}
