package org.snn4j.encoding.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Kernel values against their closed forms with non-trivial parameters (issue 17, pattern 1: rotated, elongated,
 * phase-shifted Gabors whose symmetries do not hide a wrong sign), every parameter check, and the value object's
 * equality and copies.
 */
class KernelDetailsTest {

    /** The Gabor formula written out per pixel, then mean 0 and max |w| 1 (what the class documents). */
    private static double[] gaborReference(int size, double thetaDeg, double sigma, double lambda, double gamma,
                                           double psi) {
        double[] k = new double[size * size];
        int w = size / 2;
        double th = thetaDeg * Math.PI / 180;
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                double x = col - w;
                double y = row - w;
                double along = Math.cos(th) * x + Math.sin(th) * y;
                double across = Math.cos(th) * y - Math.sin(th) * x;
                double env = Math.exp(-(along * along + gamma * gamma * across * across) / (2 * sigma * sigma));
                k[row * size + col] = env * Math.cos(2 * Math.PI * along / lambda + psi);
            }
        }
        return normalise(k, true);
    }

    private static double[] normalise(double[] k, boolean byMaxAbs) {
        double mean = 0;
        for (double v : k) {
            mean += v / k.length;
        }
        double max = 0;
        for (int i = 0; i < k.length; i++) {
            k[i] -= mean;
            max = Math.max(max, byMaxAbs ? Math.abs(k[i]) : k[i]);
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= max;
        }
        return k;
    }

    private static void sameValues(Kernel k, double[] ref) {
        int n = k.size();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                assertThat((double) k.weight(r, c)).as("%s (%d, %d)", k, r, c).isCloseTo(ref[r * n + c], within(2e-6));
            }
        }
    }

    @Test
    void gaborKernelsEqualTheirFormula() {
        double[][] cases = {{7, 30, 1.7, 3.5, 0.5, 0.4}, {5, 120, 1.1, 2.5, 2.0, -1.0}, {9, -15, 2.5, 4, 0.3, 0},
            {3, 45, 0.9, 2, 1, Math.PI / 2}};
        for (double[] c : cases) {
            Kernel k = Kernel.gabor((int) c[0], c[1], c[2], c[3], c[4], c[5]);
            sameValues(k, gaborReference((int) c[0], c[1], c[2], c[3], c[4], c[5]));
        }
        // an odd (sine) Gabor: its most negative weight has the largest magnitude, so max |w| (not max w) is 1
        Kernel odd = Kernel.gabor(7, 0, 1.5, 4, 1, -Math.PI / 2 + 0.3);
        float min = 0;
        float max = 0;
        for (float v : odd.weights()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(Math.max(-min, max)).isEqualTo(1f);
        assertThat(min).isEqualTo(-1f);
        assertThat(max).isLessThan(1f);
        // the bank: lambda = size / 2, sigma = 0.8 lambda, gamma 0.3, psi 0
        Kernel[] bank = Kernel.gaborBank(9, 20, 110);
        sameValues(bank[0], gaborReference(9, 20, 3.6, 4.5, 0.3, 0));
        sameValues(bank[1], gaborReference(9, 110, 3.6, 4.5, 0.3, 0));
        assertThat(bank[1].toString()).isEqualTo("Gabor(9, 110.0deg, 3.6, 4.5, 0.3, 0.0)");
    }

    @Test
    void mexicanHatAndDogEqualTheirFormulas() {
        double sigma = 1.3;
        int n = 7;
        double[] hat = new double[n * n];
        double[] dog = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double r2 = (r - 3) * (r - 3) + (c - 3) * (c - 3);
                double q = r2 / (2 * sigma * sigma);
                hat[r * n + c] = (1 - q) * Math.exp(-q);
                // DoG(7, 1.2, 2.1): normalised Gaussians of the two sigmas, narrow minus wide
                dog[r * n + c] = Math.exp(-r2 / (2 * 1.2 * 1.2)) / (2 * Math.PI * 1.2 * 1.2)
                        - Math.exp(-r2 / (2 * 2.1 * 2.1)) / (2 * Math.PI * 2.1 * 2.1);
            }
        }
        sameValues(Kernel.mexicanHatOn(n, sigma), normalise(hat.clone(), false));
        double[] off = normalise(hat, false);
        for (int i = 0; i < off.length; i++) {
            off[i] = -off[i];
        }
        sameValues(Kernel.mexicanHatOff(n, sigma), off);
        sameValues(Kernel.dog(n, 1.2, 2.1), normalise(dog, false));
        assertThat(Kernel.mexicanHatOn(n, sigma).toString()).isEqualTo("MexicanHatOn(7, 1.3)");
        assertThat(Kernel.mexicanHatOff(n, sigma).toString()).isEqualTo("MexicanHatOff(7, 1.3)");
        assertThat(Kernel.dog(n, 1.2, 2.1).toString()).isEqualTo("DoG(7, 1.2, 2.1)");
    }

    @Test
    void everyParameterIsChecked() {
        for (int size : new int[] {0, -1, 2, 6}) {
            assertThatThrownBy(() -> Kernel.of(size, new float[Math.max(0, size * size)]))
                    .hasMessage("size must be odd and >= 1, got " + size);
            assertThatThrownBy(() -> Kernel.dog(size, 1, 2)).hasMessage("size must be odd and >= 1, got " + size);
            assertThatThrownBy(() -> Kernel.mexicanHatOn(size, 1)).hasMessage("size must be odd and >= 1, got " + size);
            assertThatThrownBy(() -> Kernel.gabor(size, 0, 1, 2, 1, 0)).hasMessage("size must be odd and >= 1, got " + size);
        }
        assertThatThrownBy(() -> Kernel.dog(1, 1, 2)).hasMessage("size must be >= 3 for a DoG kernel, got 1");
        assertThatThrownBy(() -> Kernel.mexicanHatOn(1, 1)).hasMessage("size must be >= 3 for a Mexican hat, got 1");
        assertThatThrownBy(() -> Kernel.gabor(1, 0, 1, 2, 1, 0)).hasMessage("size must be >= 3 for a Gabor kernel, got 1");
        assertThatThrownBy(() -> Kernel.dog(3, 1, 0)).hasMessage("sigma2 must be > 0 and finite, got 0.0");
        assertThatThrownBy(() -> Kernel.dog(3, Double.POSITIVE_INFINITY, 1))
                .hasMessage("sigma1 must be > 0 and finite, got Infinity");
        assertThatThrownBy(() -> Kernel.mexicanHatOn(3, Double.NaN)).hasMessage("sigma must be > 0 and finite, got NaN");
        assertThatThrownBy(() -> Kernel.gabor(3, 0, 0, 2, 1, 0)).hasMessage("sigma must be > 0 and finite, got 0.0");
        assertThatThrownBy(() -> Kernel.gabor(3, 0, 1, 2, -1, 0)).hasMessage("gamma must be > 0 and finite, got -1.0");
        assertThatThrownBy(() -> Kernel.gabor(3, Double.NaN, 1, 2, 1, 0))
                .hasMessage("thetaDegrees must be finite, got NaN");
        assertThatThrownBy(() -> Kernel.gabor(3, 0, 1, 2, 1, Double.NEGATIVE_INFINITY))
                .hasMessage("psi must be finite, got -Infinity");
        assertThatThrownBy(() -> Kernel.gaborBank(5)).hasMessage("orientationsDegrees must not be empty");
        assertThatThrownBy(() -> Kernel.of(1, new float[] {Float.POSITIVE_INFINITY}))
                .hasMessage("weights[0] must be finite, got Infinity");
        // size 1 is a valid plain kernel
        assertThat(Kernel.of(1, new float[] {-2.5f}).weight(0, 0)).isEqualTo(-2.5f);
        // so wide that every weight is exactly 1: nothing is left after the mean
        assertThatThrownBy(() -> Kernel.mexicanHatOn(3, 1e20))
                .hasMessage("kernel is degenerate (no positive weight after mean subtraction)");
    }

    @Test
    void kernelsAreValuesWithDefensiveCopies() {
        float[] w = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        Kernel a = Kernel.of(3, w);
        w[0] = 100;
        assertThat(a.weight(0, 0)).isEqualTo(1f);
        assertThat(a.weight(1, 2)).isEqualTo(6f);
        assertThat(a.weight(2, 1)).isEqualTo(8f);
        a.weights()[4] = -1;
        assertThat(a.weight(1, 1)).isEqualTo(5f);
        Kernel b = Kernel.of(3, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).hasToString("Kernel3x3");
        assertThat(a).isNotEqualTo(Kernel.of(3, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 8}));
        assertThat(Kernel.of(1, new float[] {1})).isNotEqualTo(Kernel.of(3, new float[9])).isNotEqualTo("Kernel1x1");
        assertThat(Kernel.of(1, new float[] {1}).hashCode()).isNotEqualTo(Kernel.of(1, new float[] {2}).hashCode());
        assertThatThrownBy(() -> a.weight(3, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> a.weight(0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
