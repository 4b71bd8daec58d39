package org.snn4j.gradient;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The exponential surrogate's fast {@code e^y} against {@code Math.exp}. */
class FastExpTest {
    @Test
    void matchesMathExpOnTheNegativeAxis() {
        double worst = 0;
        for (float y = 0f; y > -87f; y -= 0.000731f) {
            double exact = Math.exp(y);
            double rel = Math.abs(Surrogate.Exponential.expNegative(y) - exact) / exact;
            worst = Math.max(worst, rel);
        }
        assertThat(worst).isLessThan(3e-7);
        assertThat(Surrogate.Exponential.expNegative(0f)).isEqualTo(1f);
        assertThat(Surrogate.Exponential.expNegative(-200f)).isEqualTo(0f);
    }
}
