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
