package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.testkit.NeuronModelContract;

/**
 * ConductanceLif: the contract, plus hand-computed recurrences (Diehl &amp; Cook 2015 parameters, dt 0.5 ms).
 */
class ConductanceLifTest extends NeuronModelContract {
    static final ConductanceLifParameters DC = ConductanceLifParameters.diehlCook2015();

    @Override
    protected NeuronModel create() {
        return new ConductanceLif(DC);
    }

    @Override
    protected float threshold() {
        return -52f;
    }

    static NeuronState state(ConductanceLif m, int n) {
        NeuronState s = new NeuronState(n, m.stateVariables());
        m.initialise(s);
        return s;
    }

    @Test
    void constantInputFollowsThePlainRecurrenceAndFiresAtTheSameStep() {
        ConductanceLif m = new ConductanceLif(DC);
        NeuronState s = state(m, 1);
        float[] in = {0.3f};
        Spikes out = new Spikes(1);
        // reference in double: v <- -65 + (v + 65) e^{-0.005}; v <- v + 0.01 * 0.3 * (0 - v); spike if v > -52
        double d = Math.exp(-0.5 / 100);
        double v = -65;
        int refEnd = -1;
        int spikes = 0;
        int first = -1;
        int firstGot = -1;
        for (int t = 0; t < 700; t++) {
            out.clear();
            m.step(s, in, null, 0.5f, t, out);
            if (out.count() > 0 && firstGot < 0) {
                firstGot = t;
            }
            if (refEnd >= t) {
                continue;
            }
            v = -65 + (v + 65) * d;
            v += 0.01 * 0.3 * (0 - v);
            if (v > -52) {
                v = -65;
                refEnd = t + 10; // ceil(5 / 0.5)
                spikes++;
                if (first < 0) {
                    first = t;
                }
            }
            if (t == 20 && spikes == 0) {
                assertThat((double) s.get(ConductanceLif.V)[0]).isCloseTo(v, org.assertj.core.api.Assertions.within(1e-3));
            }
        }
        assertThat(first).isPositive();
        assertThat(firstGot).isEqualTo(first);
        assertThat(s.lastSpikeStep()[0]).isPositive();
    }

    @Test
    void inhibitorySpikesPullTowardsTheInhibitoryReversalPotentialAndAreConsumed() {
        ConductanceLif m = new ConductanceLif(DC);
        NeuronState s = state(m, 2);
        float[] inh = s.inhibition();
        inh[0] = 2f;
        Spikes out = new Spikes(2);
        m.step(s, new float[2], null, 0.5f, 0, out);
        float q = (float) Math.pow(1.0 - DC.inhibitoryJump(), 2);
        float rest = -65f + (-65f - -65f) * (float) Math.exp(-0.005);
        assertThat(s.get(ConductanceLif.V)[0]).isEqualTo(-100f + (rest - -100f) * q); // about -84.75 mV
        assertThat(s.get(ConductanceLif.V)[0]).isBetween(-85f, -84.5f);
        assertThat(s.get(ConductanceLif.V)[1]).isEqualTo(-65f);
        assertThat(inh[0]).as("consumed").isZero();
        assertThat(out.count()).isZero();
    }

    @Test
    void refractoryStepsHoldTheResetPotentialAndDropInput() {
        ConductanceLif m = new ConductanceLif(DC);
        NeuronState s = state(m, 1);
        s.get(ConductanceLif.V)[0] = -52.5f;
        Spikes out = new Spikes(1);
        m.step(s, new float[] {2f}, null, 0.5f, 0, out); // leak to -52.56, then +1.05 mV: fires
        assertThat(out.count()).isOne();
        float[] big = {50f};
        for (int t = 1; t <= 10; t++) {
            out.clear();
            s.inhibition()[0] = 3f;
            m.step(s, big, null, 0.5f, t, out);
            assertThat(out.count()).as("step %d", t).isZero();
            assertThat(s.get(ConductanceLif.V)[0]).isEqualTo(-65f);
            assertThat(s.inhibition()[0]).isZero();
        }
        out.clear();
        m.step(s, big, null, 0.5f, 11, out);
        assertThat(out.count()).as("free again").isOne();
    }

    @Test
    void strictAndNonStrictThresholds() {
        ConductanceLifParameters p = new ConductanceLifParameters(100f, -65f, -65f, -52f, 0f, -100f, 0f, 0f, 0f,
                ThresholdComparison.GREATER);
        // tau huge relative to dt would still leak; use exactly the threshold after the leak: start at threshold
        // with vRest = threshold - 13 and no leak change check via the offset instead
        ConductanceLif strict = new ConductanceLif(p);
        ConductanceLif loose = new ConductanceLif(new ConductanceLifParameters(100f, -65f, -65f, -52f, 0f, -100f, 0f,
                0f, 0f, ThresholdComparison.GREATER_OR_EQUAL));
        for (ConductanceLif m : new ConductanceLif[] {strict, loose}) {
            NeuronState s = state(m, 1);
            float v = -65f + (-50f - -65f) * (float) Math.exp(-0.005);
            s.get(ConductanceLif.V)[0] = -50f;
            s.thresholdOffset()[0] = v - -52f; // the threshold is exactly the potential after the leak
            Spikes out = new Spikes(1);
            m.step(s, new float[1], null, 0.5f, 0, out);
            assertThat(out.count()).isEqualTo(m == strict ? 0 : 1);
        }
    }

    @Test
    void rejectsCurrentAndBadParameters() {
        ConductanceLif m = new ConductanceLif(DC);
        NeuronState s = state(m, 1);
        assertThatThrownBy(() -> m.step(s, new float[1], new float[1], 0.5f, 0, new Spikes(1)))
                .hasMessageContaining("no external current");
        assertThatThrownBy(() -> new ConductanceLifParameters(100f, -65f, -65f, -52f, 0f, -100f, 0.01f, 1f, 5f,
                ThresholdComparison.GREATER)).hasMessage("inhibitoryJump must be in [0, 1) (one inhibitory spike may "
                + "not overshoot eInh), got 1.0");
        assertThatThrownBy(() -> new ConductanceLifParameters(100f, -65f, -50f, -52f, 0f, -100f, 0.01f, 0.3f, 5f,
                ThresholdComparison.GREATER)).hasMessage("vReset must be < vThreshold = -52.0, got -50.0");
        assertThatThrownBy(() -> new ConductanceLifParameters(-1f, -65f, -65f, -52f, 0f, -100f, 0.01f, 0.3f, 5f,
                ThresholdComparison.GREATER)).hasMessageContaining("tauMs");
    }
}
