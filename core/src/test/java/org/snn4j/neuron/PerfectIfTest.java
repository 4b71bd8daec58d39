package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.testkit.NeuronModelContract;

/** Perfect IF: the contract and the count law {@code floor(I T / theta)} (FORMATS-AND-ORACLES.md test 6). */
class PerfectIfTest extends NeuronModelContract {
    @Override
    protected NeuronModel create() {
        return new PerfectIf(PerfectIfParameters.of(10f).withRefractoryMs(0.5f));
    }

    @Override
    protected float threshold() {
        return 10f;
    }

    /** Integer currents, thresholds and step counts at dt = 1 ms keep every float operation exact. */
    @Property(tries = 200, seed = "17", maxDiscardRatio = 10)
    void countIsFloorOfChargeOverThresholdWithSubtractiveReset(@ForAll @IntRange(min = 1, max = 50) int current,
                                                              @ForAll @IntRange(min = 1, max = 100) int theta,
                                                              @ForAll @IntRange(min = 1, max = 400) int steps) {
        // at most one spike per step, so the law needs I dt <= theta
        net.jqwik.api.Assume.that(current <= theta);
        PerfectIf m = new PerfectIf(PerfectIfParameters.of(theta).withResetMode(ResetMode.SUBTRACT));
        int[][] sp = NeuronRuns.spikeSteps(m, new float[] {current}, 1f, steps);
        assertThat(sp[0]).hasSize((int) ((long) current * steps / theta));
    }

    @Property(tries = 100, seed = "18")
    void resetToZeroFiresEveryCeilThetaOverISteps(@ForAll @IntRange(min = 1, max = 50) int current,
                                                  @ForAll @IntRange(min = 1, max = 100) int theta) {
        PerfectIf m = new PerfectIf(PerfectIfParameters.of(theta));
        int steps = 500;
        int period = (theta + current - 1) / current;
        int[][] sp = NeuronRuns.spikeSteps(m, new float[] {current}, 1f, steps);
        assertThat(sp[0]).hasSize(steps / period);
    }

    @Test
    void strictComparisonNeedsMoreThanTheThreshold() {
        PerfectIf ge = new PerfectIf(PerfectIfParameters.of(10f));
        PerfectIf gt = new PerfectIf(PerfectIfParameters.of(10f).withComparison(ThresholdComparison.GREATER));
        Spikes out = new Spikes(1);
        NeuronState s = new NeuronState(1, ge.stateVariables());
        ge.initialise(s);
        ge.step(s, new float[] {10f}, null, 1f, 0, out);
        assertThat(out.count()).isEqualTo(1);
        out.clear();
        gt.initialise(s);
        s.lastSpikeStep()[0] = -1;
        gt.step(s, new float[] {10f}, null, 1f, 0, out);
        assertThat(out.count()).isZero();
        gt.step(s, new float[] {0.001f}, null, 1f, 1, out);
        assertThat(out.count()).isEqualTo(1);
    }

    @Test
    void latencyCodedFiresOnceAndKeepsItsPotential() {
        PerfectIf m = new PerfectIf(PerfectIfParameters.latencyCoded(5f));
        NeuronState s = new NeuronState(1, m.stateVariables());
        m.initialise(s);
        Spikes out = new Spikes(1);
        int spikes = 0;
        for (int t = 0; t < 10; t++) {
            out.clear();
            m.step(s, new float[] {2f}, null, 1f, t, out);
            spikes += out.count();
        }
        assertThat(spikes).isEqualTo(1);
        assertThat(s.lastSpikeStep()[0]).isEqualTo(2); // 2, 4, 6 > 5 at step 2
        assertThat(s.get(PerfectIf.V)[0]).isEqualTo(20f);
        assertThat(m.closedForm()).isTrue();
    }

    @Test
    void badParametersNameTheField() {
        assertThatThrownBy(() -> PerfectIfParameters.of(Float.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
        assertThatThrownBy(() -> PerfectIfParameters.of(1f).withRefractoryMs(-1f))
                .hasMessageContaining("refractoryMs").hasMessageContaining("-1.0");
    }
}
