package org.snn4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@link Checks} at its limits: the step count's slack is relative (so it matters for long durations) but never
 * takes a whole step off (it did from a million steps on: fixed in session 7), the largest counts, and a product
 * whose long arithmetic would wrap around to a small number is still refused. Written after the
 * session 7 whole-core PIT run (issue 17).
 */
class ChecksLimitsTest {
    @Test
    void theSlackIsRelativeToTheStepCountButNeverLosesAWholeStep() {
        // 1e6 steps: the slack is one step, so half a step above rounds down ...
        assertThat(Checks.stepsCeil(1_000_000.5f, 1f)).isEqualTo(1_000_000);
        assertThat(Checks.stepsCeil(2_000_000.75f, 2f)).isEqualTo(1_000_000);
        // ... but a whole number of steps stays whole (subtracting a slack of a step or more lost one)
        assertThat(Checks.stepsCeil(1_000_000f, 1f)).isEqualTo(1_000_000);
        assertThat(Checks.stepsCeil(1_000_002f, 1f)).isEqualTo(1_000_002);
        assertThat(Checks.stepsCeil(1e8f, 1f)).isEqualTo(100_000_000);
        assertThat(Checks.stepsCeil(2.5f, 1f)).isEqualTo(3);
        assertThat(Checks.stepsCeil(3e5f + 0.5f, 1f)).isEqualTo(300_001); // slack 0.3 steps
        // 2^31 - 128 steps is the largest float count below 2^31; 2^31 is refused
        assertThat(Checks.stepsCeil(2.14748352E9f, 1f)).isEqualTo(2147483520);
        assertThatThrownBy(() -> Checks.stepsCeil("refractoryMs", 2.14748365E9f, 1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refractoryMs 2.14748365E9 at dt 1.0 ms is more than 2147483647 steps");
    }

    @Test
    void aProductThatWouldWrapAroundIsRefused() {
        // 2^22 three times is 2^66, which a long multiplication wraps to 0
        assertThatThrownBy(() -> Checks.arraySize("w", 1L << 22, 1L << 22, 1L << 22))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("w = 4194304 x 4194304 x 4194304 = 73786976294838206464 exceeds the largest array (2147483639)");
        assertThat(Checks.arraySize("w", 1L << 15, 1L << 15)).isEqualTo(1 << 30);
        assertThat(Checks.arraySize("w", 7L, 306783377L)).isEqualTo(Checks.MAX_ARRAY);
        assertThatThrownBy(() -> Checks.arraySize("w", 2L, 1L << 30)).isInstanceOf(IllegalArgumentException.class);
    }
}
