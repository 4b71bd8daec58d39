package org.snn4j.gradient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/** Central finite differences against an analytic gradient. */
final class GradCheck {
    private GradCheck() {
    }

    /**
     * Checks {@code analytic[k]} against {@code (L(x + h) - L(x - h)) / 2h} for every (or {@code maxChecks} random)
     * entries of {@code x}.
     */
    static void check(String what, float[] x, float[] analytic, DoubleSupplier loss, float h, int maxChecks,
                      long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = Math.min(maxChecks, x.length);
        double maxAbs = 0;
        for (int j = 0; j < analytic.length; j++) {
            maxAbs = Math.max(maxAbs, Math.abs(analytic[j]));
        }
        assertThat(maxAbs).as(what + ": the analytic gradient is all zero").isGreaterThan(0);
        int nonzero = 0;
        for (int c = 0; c < n; c++) {
            int k = n == x.length ? c : rng.nextInt(x.length);
            float saved = x[k];
            x[k] = saved + h;
            double up = loss.getAsDouble();
            x[k] = saved - h;
            double down = loss.getAsDouble();
            x[k] = saved;
            double fd = (up - down) / (2 * h);
            double an = analytic[k];
            if (Math.abs(fd) > 1e-3 * maxAbs) {
                nonzero++;
            }
            assertThat(Math.abs(fd - an)).as("%s: entry %d: finite difference %g, backward %g", what, k, fd, an)
                    .isLessThanOrEqualTo(0.02 * Math.max(Math.abs(fd), Math.abs(an)) + 2e-3 * maxAbs);
        }
        assertThat(nonzero).as(what + ": checked entries with a nonzero gradient").isGreaterThan(0);
    }

    static float[] random(SplittableRandom rng, int n, double lo, double hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        }
        return v;
    }

    static Tensor tensor(int steps, org.snn4j.Shape shape, float[] values) {
        Tensor t = new Tensor(steps, shape);
        System.arraycopy(values, 0, t.data(), 0, values.length);
        t.markDense();
        return t;
    }
}
