package org.snn4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@link Csr#random} at its edges, with scripted draws: no synapse at p = 0, every pair when each draw says
 * "connected" (more synapses than the first estimate: the buffer grows), and a skip past {@code Integer.MAX_VALUE}
 * that must end the row instead of wrapping around. Written after the session 7 whole-core PIT run (issue 17).
 */
class CsrDrawsTest {
    /** Returns the scripted doubles, then {@code rest} forever. */
    static final class Script implements RandomGenerator {
        private final double[] script;
        private final double rest;
        private int k;

        Script(double rest, double... script) {
            this.script = script;
            this.rest = rest;
        }

        @Override
        public double nextDouble() {
            return k < script.length ? script[k++] : rest;
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void noSynapseAtProbabilityZero() {
        Csr c = Csr.random("x", 6, 9, 0.0, new SplittableRandom(1));
        assertThat(c.post()).isEmpty();
        assertThat(c.rowStart()).containsOnly(0);
    }

    @Test
    void drawsThatAlwaysConnectGiveEveryPairInOrder() {
        // u = 1 - 0 = 1: ln u = 0, no pair is skipped, at any p
        Csr c = Csr.random("x", 10, 100, 0.01, new Script(0.0));
        assertThat(c.rowStart()).hasSize(11);
        for (int i = 0; i <= 10; i++) {
            assertThat(c.rowStart()[i]).isEqualTo(100 * i);
        }
        for (int k = 0; k < 1000; k++) {
            assertThat(c.post()[k]).isEqualTo(k % 100);
        }
    }

    @Test
    void aSkipOfIntegerMaxValueEndsTheRow() {
        double p = 1e-12;
        double logq = Math.log1p(-p);
        double u = Math.exp((Integer.MAX_VALUE + 0.5) * logq);
        assertThat(Math.floor(Math.log(u) / logq)).as("the crafted draw skips 2^31 - 1 pairs").isEqualTo(Integer.MAX_VALUE);
        // row 0: target 0, then a skip of 2^31 - 1 (ends the row); row 1: no skip at all for its 3 targets
        Csr c = Csr.random("x", 2, 3, p, new Script(0.0, 0.0, 1.0 - u));
        assertThat(c.rowStart()).containsExactly(0, 1, 4);
        assertThat(c.post()).containsExactly(0, 0, 1, 2);
    }
}
