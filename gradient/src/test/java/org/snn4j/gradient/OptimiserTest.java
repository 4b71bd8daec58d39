package org.snn4j.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** Optimisers and schedules against hand-computed steps. */
class OptimiserTest {

    @Test
    void adamFirstStepMovesByTheLearningRate() {
        float[] w = {1f, 1f};
        float[] g = {0.5f, -2f};
        Adam adam = Adam.defaults(false);
        float[][] st = new float[adam.stateArrays()][2];
        adam.update(w, g, st, 0, 2, 1, 0.1f);
        assertThat(w[0]).isCloseTo(0.9f, offset(1e-6f));
        assertThat(w[1]).isCloseTo(1.1f, offset(1e-6f));
    }

    @Test
    void amsgradKeepsTheLargestSecondMoment() {
        Adam ams = Adam.defaults(true);
        Adam plain = Adam.defaults(false);
        float[] wa = {0f};
        float[] wp = {0f};
        float[][] sa = new float[3][1];
        float[][] sp = new float[2][1];
        ams.update(wa, new float[] {10f}, sa, 0, 1, 1, 0.1f);
        plain.update(wp, new float[] {10f}, sp, 0, 1, 1, 0.1f);
        for (int k = 2; k < 50; k++) {
            ams.update(wa, new float[] {0.01f}, sa, 0, 1, k, 0.1f);
            plain.update(wp, new float[] {0.01f}, sp, 0, 1, k, 0.1f);
        }
        // hand-computed second step of AMSGrad: vmax stays 0.001 * 100 = 0.1 (v decays below it)
        assertThat(sa[2][0]).isCloseTo(0.1f, offset(1e-5f));
        assertThat(sa[1][0]).isLessThan(sa[2][0]);
        // plain Adam's denominator shrinks as v decays, so it moves further on the small gradients
        assertThat(Math.abs(wp[0])).isGreaterThan(Math.abs(wa[0]));
    }

    @Test
    void adamWeightDecayActsAsL2() {
        Adam adam = new Adam(0.9f, 0.999f, 1e-8f, false, 0.5f);
        float[] w = {2f};
        adam.update(w, new float[] {-1f}, new float[2][1], 0, 1, 1, 0.1f);
        // g' = -1 + 0.5 * 2 = 0: no move
        assertThat(w[0]).isEqualTo(2f);
    }

    @Test
    void sgdMomentum() {
        Sgd sgd = new Sgd(0.9f, 0f, false);
        float[] w = {1f};
        float[][] st = new float[1][1];
        sgd.update(w, new float[] {1f}, st, 0, 1, 1, 0.1f);
        assertThat(w[0]).isCloseTo(0.9f, offset(1e-6f));
        sgd.update(w, new float[] {1f}, st, 0, 1, 2, 0.1f);
        assertThat(w[0]).isCloseTo(0.9f - 0.19f, offset(1e-6f));
    }

    @Test
    void stepSchedule() {
        LearningRate lr = LearningRate.step(0.01f, 30, 0.1f);
        assertThat(lr.at(0)).isEqualTo(0.01f);
        assertThat(lr.at(29)).isEqualTo(0.01f);
        assertThat(lr.at(30)).isCloseTo(0.001f, offset(1e-9f));
        assertThat(lr.at(65)).isCloseTo(0.0001f, offset(1e-10f));
        assertThatThrownBy(() -> LearningRate.step(0.01f, 0, 0.1f)).hasMessageContaining("stepEpochs must be >= 1");
        assertThatThrownBy(() -> new Adam(1f, 0.9f, 1e-8f, false, 0f)).hasMessageContaining("beta1 must be in [0, 1)");
    }
}
