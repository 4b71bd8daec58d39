package org.snn4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The snippets of docs/README.md (and the root README's usage snippet, the class {@link QuickStart}). */
class GettingStartedGuideTest {

    /** The README's and the guide's complete first program ({@link QuickStart}, shown with its imports). */
    private static int[] runUsage(long seed) {
        return QuickStart.run(seed);
    }

    @Test
    void usageRunsAndIsReproducible() {
        int[] a = runUsage(42);
        int total = 0;
        for (int c : a) {
            total += c;
        }
        // 100 inputs at 25 Hz mean for 200 ms is ~500 input spikes, each adding ~1 mV to every neuron
        assertThat(total).isGreaterThan(10);
        assertThat(runUsage(42)).containsExactly(a);
        assertThat(runUsage(43)).isNotEqualTo(a);
    }
}
