package org.snn4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The shared argument checks (exact messages, both sides of every bound), the decay table against
 * {@code exp(-n dt / tau)} inside and beyond its table, and random connectivity against its expected density
 * and a hand-checked CSR layout.
 */
class ChecksAndTablesTest {

    @Test
    void realChecksAcceptTheBoundAndNameTheValue() {
        assertThat(Checks.finite("x", -3.5f)).isEqualTo(-3.5f);
        assertThatThrownBy(() -> Checks.finite("x", Float.NaN)).hasMessage("x must be finite, got NaN");
        assertThat(Checks.positive("tau", 0.25f)).isEqualTo(0.25f);
        assertThat(Checks.positive("tau", Float.MIN_VALUE)).isEqualTo(Float.MIN_VALUE);
        assertThatThrownBy(() -> Checks.positive("tau", 0f)).hasMessage("tau must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> Checks.positive("tau", Float.POSITIVE_INFINITY))
                .hasMessage("tau must be finite and > 0, got Infinity");
        assertThatThrownBy(() -> Checks.positive("tau", Float.NaN)).hasMessage("tau must be finite and > 0, got NaN");
        assertThat(Checks.nonNegative("r", 0f)).isZero();
        assertThat(Checks.nonNegative("r", 2f)).isEqualTo(2f);
        assertThatThrownBy(() -> Checks.nonNegative("r", -0.5f)).hasMessage("r must be finite and >= 0, got -0.5");
        assertThatThrownBy(() -> Checks.nonNegative("r", Float.POSITIVE_INFINITY))
                .hasMessage("r must be finite and >= 0, got Infinity");
        assertThat(Checks.below("a", 1f, "b", 2f)).isEqualTo(1f);
        assertThatThrownBy(() -> Checks.below("a", 2f, "b", 2f)).hasMessage("a must be < b = 2.0, got 2.0");
        assertThatThrownBy(() -> Checks.below("a", Float.NaN, "b", 2f)).hasMessage("a must be < b = 2.0, got NaN");
        assertThat(Checks.above("a", 3f, "b", 2f)).isEqualTo(3f);
        assertThatThrownBy(() -> Checks.above("a", 2f, "b", 2f)).hasMessage("a must be > b = 2.0, got 2.0");
        assertThat(Checks.atLeast("n", 4, 4)).isEqualTo(4);
        assertThatThrownBy(() -> Checks.atLeast("n", 3, 4)).hasMessage("n must be >= 4, got 3");
        assertThat(Checks.probability("p", 0.0)).isZero();
        assertThat(Checks.probability("p", 1.0)).isEqualTo(1.0);
        assertThatThrownBy(() -> Checks.probability("p", 1.0000001)).hasMessage("p must be in [0, 1], got 1.0000001");
        assertThatThrownBy(() -> Checks.probability("p", -0.1)).hasMessage("p must be in [0, 1], got -0.1");
        assertThatThrownBy(() -> Checks.probability("p", Double.NaN)).hasMessage("p must be in [0, 1], got NaN");
    }

    @Test
    void stepsCeilRoundsUpButForgivesFloatNoise() {
        assertThat(Checks.stepsCeil(2f, 1f)).isEqualTo(2);
        assertThat(Checks.stepsCeil(2.5f, 1f)).isEqualTo(3);
        assertThat(Checks.stepsCeil(2.01f, 1f)).isEqualTo(3);
        assertThat(Checks.stepsCeil(0f, 0.1f)).isZero();
        assertThat(Checks.stepsCeil(0.3f, 0.1f)).as("0.3 / 0.1 in floats is 3.0000001").isEqualTo(3);
        assertThat(Checks.stepsCeil(5f, 0.5f)).isEqualTo(10);
        assertThat(Checks.stepsCeil(1000f, 0.5f)).isEqualTo(2000);
        assertThat(Checks.stepsCeil(2000.6f, 1f)).isEqualTo(2001);
        assertThatThrownBy(() -> Checks.stepsCeil("refractoryMs", 3e6f, 0.001f))
                .hasMessage("refractoryMs 3000000.0 at dt 0.001 ms is more than 2147483647 steps");
        assertThat(Checks.stepsCeil("refractoryMs", 2.5f, 0.5f)).isEqualTo(5);
    }

    @Test
    void arraySizesMultiplyAndAddWithoutOverflow() {
        assertThat(Checks.arraySize("w", 3, 4, 5)).isEqualTo(60);
        assertThat(Checks.arraySize("w", 7)).isEqualTo(7);
        assertThat(Checks.arraySize("w")).isEqualTo(1);
        assertThat(Checks.arraySize("w", 1L << 40, 0)).as("a zero factor wins before the overflow").isZero();
        assertThat(Checks.arraySize("w", Checks.MAX_ARRAY)).isEqualTo(Checks.MAX_ARRAY);
        assertThatThrownBy(() -> Checks.arraySize("w", Checks.MAX_ARRAY + 1L))
                .hasMessage("w = 2147483640 = 2147483640 exceeds the largest array (2147483639)");
        assertThatThrownBy(() -> Checks.arraySize("w", 65536, 65536, 2))
                .hasMessage("w = 65536 x 65536 x 2 = 8589934592 exceeds the largest array (2147483639)");
        assertThatThrownBy(() -> Checks.arraySize("w", 4, -2, 3))
                .hasMessage("w: factor 1 must be >= 0, got -2 (4 x -2 x 3)");
        assertThat(Checks.arraySizeSum("s", 5, 6)).isEqualTo(11);
        assertThat(Checks.arraySizeSum("s", Checks.MAX_ARRAY - 1, 1)).isEqualTo(Checks.MAX_ARRAY);
        assertThatThrownBy(() -> Checks.arraySizeSum("s", Checks.MAX_ARRAY, 1))
                .hasMessage("s = 2147483639 + 1 must be in [0, 2147483639]");
        assertThatThrownBy(() -> Checks.arraySizeSum("s", -1, 1)).hasMessage("s = -1 + 1 must be in [0, 2147483639]");
        assertThatThrownBy(() -> Checks.arraySizeSum("s", 1, -1)).hasMessage("s = 1 + -1 must be in [0, 2147483639]");
    }

    @Test
    void decayTableMatchesTheExponentialInsideAndBeyondTheTable() {
        DecayTable t = new DecayTable(0.5f, 10f);
        assertThat(t.isFor(0.5f)).isTrue();
        assertThat(t.isFor(0.25f)).isFalse();
        assertThat(t.pow(0)).isEqualTo(1f);
        assertThat(t.one()).isEqualTo((float) Math.exp(-0.05));
        for (int n : new int[] {1, 2, 7, 100, 1023}) {
            assertThat(t.pow(n)).as("pow(%d)", n).isEqualTo((float) Math.exp(-n * 0.05));
        }
        for (int n : new int[] {1024, 1025, 5000}) {
            float e = (float) Math.exp(-n * 0.05);
            assertThat(t.pow(n)).as("pow(%d)", n).isCloseTo(e, org.assertj.core.api.Assertions.within(1e-6f * e));
        }
        DecayTable.Cache c = new DecayTable.Cache(20f);
        DecayTable a = c.forStep(1f);
        assertThat(c.forStep(1f)).isSameAs(a);
        DecayTable b = c.forStep(0.1f);
        assertThat(b).isNotSameAs(a);
        assertThat(b.one()).isEqualTo((float) Math.exp(-(double) 0.1f / 20.0));
        assertThat(c.forStep(1f).one()).isEqualTo((float) Math.exp(-1.0 / 20));
    }

    @Test
    void randomConnectivityHasItsDensityAndAValidLayout() {
        Csr full = Csr.random("t", 3, 4, 1.0, new SplittableRandom(1));
        assertThat(full.rowStart()).containsExactly(0, 4, 8, 12);
        assertThat(full.post()).containsExactly(0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3);
        Csr none = Csr.random("t", 3, 4, 0.0, new SplittableRandom(1));
        assertThat(none.rowStart()).containsExactly(0, 0, 0, 0);
        assertThat(none.post()).isEmpty();
        int nIn = 200;
        int nOut = 300;
        for (double p : new double[] {0.05, 0.3, 0.9}) {
            Csr c = Csr.random("t", nIn, nOut, p, new SplittableRandom(42));
            int[] rows = c.rowStart();
            assertThat(rows).hasSize(nIn + 1);
            assertThat(rows[0]).isZero();
            assertThat(rows[nIn]).isEqualTo(c.post().length);
            for (int i = 0; i < nIn; i++) {
                for (int k = rows[i]; k < rows[i + 1]; k++) {
                    assertThat(c.post()[k]).isBetween(0, nOut - 1);
                    if (k > rows[i]) {
                        assertThat(c.post()[k]).as("targets ascend in a row").isGreaterThan(c.post()[k - 1]);
                    }
                }
            }
            double expected = p * nIn * nOut;
            double sd = Math.sqrt(nIn * nOut * p * (1 - p));
            assertThat((double) c.post().length).as("synapses at p = %s", p).isBetween(expected - 5 * sd,
                    expected + 5 * sd);
            // first targets of the rows are geometric: their mean is (1 - p) / p (capped by the row length)
            double firstMean = 0;
            int rowsWithOne = 0;
            for (int i = 0; i < nIn; i++) {
                if (rows[i + 1] > rows[i]) {
                    firstMean += c.post()[rows[i]];
                    rowsWithOne++;
                }
            }
            firstMean /= rowsWithOne;
            assertThat(firstMean).as("mean first target at p = %s", p).isBetween(0.5 * (1 - p) / p - 0.2,
                    1.5 * (1 - p) / p + 0.2);
        }
        assertThatThrownBy(() -> Csr.random("t", 2, 2, 1.5, new SplittableRandom(1)))
                .hasMessage("p must be in [0, 1], got 1.5");
    }

    @Test
    void csrChecksNameTheBadEntry() {
        int[] rows = {0, 2, 3};
        int[] post = {1, 0, 2};
        float[] w = {1f, 2f, 3f};
        Csr.check("nIn", 2, 3, rows, post, w);
        assertThatThrownBy(() -> Csr.check("nIn", 3, 3, rows, post, w))
                .hasMessage("rowStart must have nIn + 1 = 4 entries, got 3");
        assertThatThrownBy(() -> Csr.check("nIn", 2, 3, rows, post, new float[2]))
                .hasMessage("weight must have post.length = 3 entries, got 2");
        assertThatThrownBy(() -> Csr.check("nIn", 2, 3, new int[] {1, 2, 3}, post, w))
                .hasMessage("rowStart must run from 0 to post.length = 3, got 1 .. 3");
        assertThatThrownBy(() -> Csr.check("nIn", 2, 3, new int[] {0, 2, 2}, post, w))
                .hasMessage("rowStart must run from 0 to post.length = 3, got 0 .. 2");
        assertThatThrownBy(() -> Csr.check("nIn", 3, 3, new int[] {0, 2, 1, 3}, post, w))
                .hasMessage("rowStart must be non-decreasing, rowStart[2] = 1 < 2");
        assertThatThrownBy(() -> Csr.check("nIn", 2, 2, rows, post, w)).hasMessage("post[2] must be in [0, 2), got 2");
        assertThatThrownBy(() -> Csr.check("nIn", 2, 3, rows, new int[] {1, -1, 2}, w))
                .hasMessage("post[1] must be in [0, 3), got -1");
        assertThatThrownBy(() -> Csr.check("nIn", 2, 3, rows, post, new float[] {1f, Float.NaN, 3f}))
                .hasMessage("weight[1] must be finite, got NaN");
        Csr.check("nIn", 2, 3, new int[] {0, 0, 3}, post, w); // an empty row is fine
    }
}
