package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.snn4j.Spikes;
import org.snn4j.layer.LearningRule;
import org.snn4j.learning.WindowStdp.Parameters;
import org.snn4j.learning.WindowStdp.Trigger;

class WindowStdpTest extends LearningRuleContract {

    @Override
    protected LearningRule create(float r1, float r2, WeightBounds bounds) {
        return new WindowStdp(new Parameters(2, new StdpRates(r1, r2), bounds, r1 > r2, Trigger.FIRED));
    }

    private static final float E = 1e-7f;

    private static WindowStdp rule(boolean reset, Trigger trigger) {
        return new WindowStdp(new Parameters(2, new StdpRates(0.1f, -0.05f), WeightBounds.unit(), reset, trigger));
    }

    /** 4 pre, posts as given; pre 0 at 1, pre 1 at 4, pre 2 never, pre 3 at 0, pre 1 again at {@code refire}. */
    private static ToyDenseLayer run(WindowStdp rule, int nPost, int[][] postAt, int refire) {
        ToyDenseLayer layer = new ToyDenseLayer(4, nPost);
        java.util.Arrays.fill(layer.w, 0.5f);
        Spikes[] in = Drive.none(4, 8);
        in[1].add(0);
        in[4].add(1);
        in[0].add(3);
        if (refire >= 0) {
            in[refire].add(1);
        }
        Spikes[] out = Drive.none(nPost, 8);
        for (int j = 0; j < nPost; j++) {
            for (int t : postAt[j]) {
                out[t].add(j);
            }
        }
        Drive.present(rule, layer, layer.newState(), in, out, 0f, 1f);
        return layer;
    }

    @Test
    void increaseInsideTheWindowDecreaseElsewhere() {
        ToyDenseLayer l = run(rule(false, Trigger.FIRED), 1, new int[][] {{4}}, -1);
        // pre 0: 4 - 1 = 3 > 2 -> LTD; pre 1: same step -> LTP; pre 2 never -> LTD; pre 3: 4 > 2 -> LTD
        assertThat(l.get(0, 0)).isCloseTo(0.45f, within(E));
        assertThat(l.get(1, 0)).isCloseTo(0.6f, within(E));
        assertThat(l.get(2, 0)).isCloseTo(0.45f, within(E));
        assertThat(l.get(3, 0)).isCloseTo(0.45f, within(E));
        ToyDenseLayer l2 = run(rule(false, Trigger.FIRED), 1, new int[][] {{3}}, -1);
        assertThat(l2.get(0, 0)).isCloseTo(0.6f, within(E)); // 3 - 1 = 2: edge of the window
    }

    @Test
    void presynapticResetExcludesUsedInputsUntilTheyFireAgain() {
        // post fires at 4 and 5; pre 1 (step 4) is used at 4
        ToyDenseLayer without = run(rule(false, Trigger.FIRED), 1, new int[][] {{4, 5}}, -1);
        assertThat(without.get(1, 0)).isCloseTo(0.7f, within(E));
        ToyDenseLayer with = run(rule(true, Trigger.FIRED), 1, new int[][] {{4, 5}}, -1);
        assertThat(with.get(1, 0)).isCloseTo(0.55f, within(E)); // +0.1 then -0.05
        // pre 1 fires again at step 5: eligible again
        ToyDenseLayer refired = run(rule(true, Trigger.FIRED), 1, new int[][] {{4, 5}}, 5);
        assertThat(refired.get(1, 0)).isCloseTo(0.7f, within(E));
    }

    @Test
    void neuronsFiringInTheSameStepAllSeeTheInputsBeforeTheReset() {
        ToyDenseLayer l = run(rule(true, Trigger.FIRED), 2, new int[][] {{4}, {4}}, -1);
        assertThat(l.get(1, 0)).isCloseTo(0.6f, within(E));
        assertThat(l.get(1, 1)).isCloseTo(0.6f, within(E));
    }

    @Test
    void winnersTriggerOnlyAtTheirFirstSpike() {
        // Drive makes a neuron a winner at its first spike only: the spike at 5 does not learn
        ToyDenseLayer l = run(rule(false, Trigger.WINNERS), 1, new int[][] {{4, 5}}, -1);
        assertThat(l.get(1, 0)).isCloseTo(0.6f, within(E));
        assertThat(l.get(2, 0)).isCloseTo(0.45f, within(E));
    }

    @Test
    void rejectsANegativeWindow() {
        assertThatThrownBy(() -> new Parameters(-1, StdpRates.zero(), WeightBounds.unit(), false, Trigger.FIRED))
                .hasMessage("windowSteps must be >= 0, got -1");
    }
}
