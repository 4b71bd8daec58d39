package org.snn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** StepContext's checks at both sides of their bounds; uniform weights drawn as documented and never at {@code hi}. */
class StepContextAndUniformTest {

    @Test
    void stepContextChecksAtTheirBounds() {
        assertThatThrownBy(() -> new StepContext(0f)).hasMessage("dtMs must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> new StepContext(Float.POSITIVE_INFINITY))
                .hasMessage("dtMs must be finite and > 0, got Infinity");
        assertThatThrownBy(() -> new StepContext(Float.NaN)).hasMessage("dtMs must be finite and > 0, got NaN");
        StepContext c = new StepContext(Float.MIN_VALUE);
        assertThat(c.dtMs()).isEqualTo(Float.MIN_VALUE);
        c.begin(0, true);                 // a presentation of no steps is allowed
        assertThat(c.steps()).isZero();
        assertThat(c.learning()).isTrue();
        assertThatThrownBy(() -> c.begin(-1, false)).hasMessage("steps must be >= 0, got -1");
    }

    @Test
    void uniformWeightsAreLoPlusSpanTimesTheSeededFloatAndBelowHi() {
        float[] w = new float[200];
        WeightInit.uniform(-1f, 3f, 11).fill(w);
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < w.length; i++) {
            assertThat(w[i]).as("w[%d]", i).isEqualTo(-1f + 4f * r.nextFloat());
        }
        // a span of one ulp: lo + span * f rounds to hi for f >= 1/2; those draws are lo
        float hi = Math.nextUp(1f);
        WeightInit.uniform(1f, hi, 3).fill(w);
        assertThat(w).containsOnly(1f);
    }
}
