package org.snn4j.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Adam (with and without AMSGrad) and SGD (with and without Nesterov momentum) over several steps with
 * non-default settings (betas, a large epsilon, weight decay) against a double-precision transcription of
 * PyTorch's update rules (torch.optim.Adam / SGD documentation), on a sub-range of the arrays (issue 17: values
 * other than the defaults, state carried across steps, entries outside the range untouched).
 */
class OptimiserReferenceTest {
    private static final int N = 6;
    private static final int FROM = 1;
    private static final int TO = 5;

    private static float[][] gradients(long seed, int steps) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] g = new float[steps][N];
        for (int s = 0; s < steps; s++) {
            for (int k = 0; k < N; k++) {
                g[s][k] = (float) r.nextDouble(-2, 2);
            }
        }
        return g;
    }

    @Test
    void adamAndAmsgradFollowTheReference() {
        for (boolean ams : new boolean[] {false, true}) {
            float b1 = 0.7f;
            float b2 = 0.8f;
            float eps = 0.05f;
            float wd = 0.3f;
            Adam adam = new Adam(b1, b2, eps, ams, wd);
            assertThat(adam.stateArrays()).isEqualTo(ams ? 3 : 2);
            float[] w = {0.5f, -1f, 2f, 0.25f, -0.75f, 3f};
            double[] ref = new double[N];
            for (int k = 0; k < N; k++) {
                ref[k] = w[k];
            }
            double[] m = new double[N];
            double[] v = new double[N];
            double[] vmax = new double[N];
            float[][] state = new float[adam.stateArrays()][N];
            float[][] g = gradients(ams ? 2 : 1, 6);
            g[3][2] = 0f; // a small gradient after large ones: AMSGrad keeps the larger second moment
            for (int s = 1; s <= 6; s++) {
                float lr = 0.01f * s;
                adam.update(w, g[s - 1], state, FROM, TO, s, lr);
                for (int k = FROM; k < TO; k++) {
                    double gk = g[s - 1][k] + wd * ref[k];
                    m[k] = b1 * m[k] + (1 - b1) * gk;
                    v[k] = b2 * v[k] + (1 - b2) * gk * gk;
                    vmax[k] = Math.max(vmax[k], v[k]);
                    double mh = m[k] / (1 - Math.pow(b1, s));
                    double vh = (ams ? vmax[k] : v[k]) / (1 - Math.pow(b2, s));
                    ref[k] -= lr * mh / (Math.sqrt(vh) + eps);
                }
                for (int k = 0; k < N; k++) {
                    assertThat((double) w[k]).as("amsgrad %b, step %d, entry %d", ams, s, k)
                            .isCloseTo(ref[k], within(2e-5 * (1 + Math.abs(ref[k]))));
                }
            }
            assertThat(w[0]).isEqualTo(0.5f);
            assertThat(w[5]).isEqualTo(3f);
        }
    }

    @Test
    void sgdWithAndWithoutNesterovFollowsTheReference() {
        for (boolean nesterov : new boolean[] {false, true}) {
            float mu = 0.6f;
            float wd = 0.2f;
            Sgd sgd = new Sgd(mu, wd, nesterov);
            assertThat(sgd.stateArrays()).isEqualTo(1);
            float[] w = {0.5f, -1f, 2f, 0.25f, -0.75f, 3f};
            double[] ref = new double[N];
            for (int k = 0; k < N; k++) {
                ref[k] = w[k];
            }
            double[] buf = new double[N];
            float[][] state = new float[1][N];
            float[][] g = gradients(nesterov ? 4 : 3, 5);
            for (int s = 1; s <= 5; s++) {
                float lr = 0.1f / s;
                sgd.update(w, g[s - 1], state, FROM, TO, s, lr);
                for (int k = FROM; k < TO; k++) {
                    double gk = g[s - 1][k] + wd * ref[k];
                    buf[k] = s == 1 ? gk : mu * buf[k] + gk;
                    ref[k] -= lr * (nesterov ? gk + mu * buf[k] : buf[k]);
                }
                for (int k = 0; k < N; k++) {
                    assertThat((double) w[k]).as("nesterov %b, step %d, entry %d", nesterov, s, k)
                            .isCloseTo(ref[k], within(1e-5 * (1 + Math.abs(ref[k]))));
                }
            }
        }
    }
}
