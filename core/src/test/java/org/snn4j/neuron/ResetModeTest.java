package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResetModeTest {

    @Test
    void eachModeGivesItsPotentialAfterASpike() {
        // v = -48 reached theta = -50 (threshold -52 plus offset 2); vReset = -65
        assertThat(ResetMode.TO_VALUE.apply(-48f, -50f, -65f)).isEqualTo(-65f);
        assertThat(ResetMode.SUBTRACT.apply(-48f, -50f, -65f)).isEqualTo(-63f); // the 2 mV excess is kept
        assertThat(ResetMode.NONE.apply(-48f, -50f, -65f)).isEqualTo(-48f);
        // exactly at threshold, subtraction lands on vReset
        assertThat(ResetMode.SUBTRACT.apply(-50f, -50f, -65f)).isEqualTo(-65f);
        assertThat(ResetMode.SUBTRACT.apply(1.5f, 1f, 0f)).isEqualTo(0.5f);
    }
}
