package org.snn4j.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;

/** Every loss against finite differences, and their values against hand-computed numbers. */
class LossGradientTest {

    static void check(Loss loss, long seed) {
        int steps = 6;
        Shape s = Shape.flat(4);
        Tensor out = GradCheck.tensor(steps, s, GradCheck.random(new SplittableRandom(seed), steps * 4, 0, 1));
        Tensor grad = new Tensor(steps, s);
        Tensor scratch = new Tensor(steps, s);
        loss.loss(out, 2, grad, 0.5f);
        GradCheck.check(loss.toString(), out.data(), grad.data().clone(),
                () -> 0.5 * loss.loss(out, 2, scratch, 1f), 1e-2f, 24, seed);
    }

    @Test
    void spikeCountCounts() {
        check(new SpikeCountLoss(1, 5, 3f, 0.5f, SpikeCountLoss.Normalisation.COUNT), 1);
    }

    @Test
    void spikeCountRates() {
        check(new SpikeCountLoss(0, 6, 0.8f, 0.1f, SpikeCountLoss.Normalisation.RATE), 2);
    }

    /**
     * SLAYER's PSP-filtered error assignment: the gradient equals {@code e_o} (the count error, held fixed) times
     * the derivative of the window's summed PSP {@code sum_{t in window} (eps * s_o)(t) / sum_k eps(k)}, computed
     * here by direct convolution with the alpha kernel and finite differences.
     */
    @Test
    void spikeCountPspFilteredErrorIsTheAdjointOfThePspSum() {
        int steps = 40;
        int from = 5;
        int to = 32;
        float tau = 4f;
        int n = 3;
        Shape shape = Shape.flat(n);
        SpikeCountLoss loss = new SpikeCountLoss(from, to, 9f, 2f, SpikeCountLoss.Normalisation.COUNT, tau);
        Tensor out = GradCheck.tensor(steps, shape, GradCheck.random(new SplittableRandom(7), steps * n, 0, 1));
        float[] e = new float[n];
        for (int o = 0; o < n; o++) {
            for (int t = from; t < to; t++) {
                e[o] += out.data()[t * n + o];
            }
            e[o] -= o == 1 ? 9f : 2f;
        }
        Tensor grad = new Tensor(steps, shape);
        float l = loss.loss(out, 1, grad, 0.5f);
        assertThat((double) l).isCloseTo(0.5 * (e[0] * e[0] + e[1] * e[1] + e[2] * e[2]),
                org.assertj.core.data.Offset.offset(1e-3));
        double sum = 0;
        for (int k = 0; k < 10_000; k++) {
            sum += k / tau * Math.exp(1 - k / tau);
        }
        double kernelSum = sum;
        float[] x = out.data();
        GradCheck.check("psp-filtered count error", x, grad.data().clone(), () -> {
            double f = 0;
            for (int o = 0; o < n; o++) {
                double psp = 0;
                for (int t = from; t < to; t++) {
                    for (int k = 0; k <= t; k++) {
                        psp += k / tau * Math.exp(1 - k / tau) * x[(t - k) * n + o];
                    }
                }
                f += 0.5 * e[o] * psp / kernelSum;
            }
            return f;
        }, 1e-2f, steps * n, 7);
        // 27 steps (about 7 tau) before the window's end the gradient is within 2 % of the count error; 0 at the end
        assertThat((double) grad.data()[from * n]).isCloseTo(0.5 * e[0],
                org.assertj.core.data.Offset.offset(0.02 * Math.abs(0.5 * e[0])));
        assertThat(grad.data()[(to - 1) * n]).isZero();
        assertThat(grad.data()[(steps - 1) * n + 2]).isZero();
        assertThatThrownBy(() -> new SpikeCountLoss(0, 3, 1f, 0f, SpikeCountLoss.Normalisation.COUNT, -1f))
                .hasMessageContaining("errorTauSteps must be finite and >= 0, got -1.0");
    }

    @Test
    void crossEntropy() {
        check(new CountCrossEntropy(0.7f), 3);
    }

    @Test
    void spikeCountValueAndPrediction() {
        // two outputs, three steps: counts 2 and 1; targets 3 (label 0) and 0
        Tensor out = GradCheck.tensor(3, Shape.flat(2), new float[] {1, 0, 1, 1, 0, 0});
        Tensor g = new Tensor(3, Shape.flat(2));
        float l = SpikeCountLoss.slayer(3, 3f, 0f).loss(out, 0, g, 1f);
        assertThat(l).isEqualTo(0.5f * 1 + 0.5f * 1);
        assertThat(g.data()).containsExactly(-1, 1, -1, 1, -1, 1);
        assertThat(SpikeCountLoss.slayer(3, 3f, 0f).predict(out)).isEqualTo(0);
        assertThatThrownBy(() -> SpikeCountLoss.slayer(3, 3f, 0f).loss(out, 2, g, 1f))
                .hasMessageContaining("label must be in [0, 2), got 2");
    }

    @Test
    void crossEntropyValue() {
        Tensor out = GradCheck.tensor(1, Shape.flat(2), new float[] {2, 0});
        Tensor g = new Tensor(1, Shape.flat(2));
        float l = new CountCrossEntropy(1f).loss(out, 1, g, 1f);
        assertThat((double) l).isCloseTo(Math.log(1 + Math.exp(2)), org.assertj.core.data.Offset.offset(1e-5));
    }
}
