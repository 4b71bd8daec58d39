package org.snn4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CurrentSourceTest {
    @Test
    void constantFillsEveryStep() {
        CurrentSource c = CurrentSource.constant(3, 2.5f);
        float[] out = new float[3];
        c.current(7, out);
        assertThat(out).containsExactly(2.5f, 2.5f, 2.5f);
        assertThat(c.size()).isEqualTo(3);
    }

    @Test
    void perNeuronConstantIsCopied() {
        float[] v = {1f, 2f};
        CurrentSource c = CurrentSource.constant(v);
        v[0] = 99f;
        float[] out = new float[2];
        c.current(0, out);
        assertThat(out).containsExactly(1f, 2f);
    }

    @Test
    void timeGridUsesTheDecimalStep() {
        // t = k * 0.2 with 0.2 as a decimal: step 50 is exactly 10.0 ms, so "t > 10" is false there
        CurrentSource c = CurrentSource.ofTime(1, 0.2f, t -> t > 10 && t < 13 ? 7.04 : 0);
        float[] out = new float[1];
        int on = 0;
        int first = -1;
        for (int k = 0; k < 100; k++) {
            c.current(k, out);
            if (out[0] != 0f) {
                on++;
                first = first < 0 ? k : first;
            }
        }
        assertThat(first).isEqualTo(51);
        assertThat(on).isEqualTo(14);
    }

    @Test
    void gainsScaleTheFunction() {
        CurrentSource c = CurrentSource.ofTime(new float[] {1f, -2f}, 1f, t -> t);
        float[] out = new float[2];
        c.current(3, out);
        assertThat(out).containsExactly(3f, -6f);
    }

    @Test
    void badArgumentsNameTheField() {
        assertThatThrownBy(() -> CurrentSource.constant(2, Float.NaN)).hasMessageContaining("value");
        assertThatThrownBy(() -> CurrentSource.constant(new float[] {1f, Float.POSITIVE_INFINITY}))
                .hasMessageContaining("values[1]");
        assertThatThrownBy(() -> CurrentSource.ofTime(2, 0f, t -> t)).hasMessageContaining("dtMs")
                .hasMessageContaining("0.0");
    }
}
