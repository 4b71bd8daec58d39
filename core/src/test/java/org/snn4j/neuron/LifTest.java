package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.testkit.NeuronModelContract;

/**
 * LIF: the contract, plus the f-I oracle of FORMATS-AND-ORACLES.md 3b (Gerstner et al., Neuronal Dynamics
 * ch. 1): {@code f = 1 / (t_ref + tau ln(RI / (RI - theta)))}, tau 20 ms, theta 1, R 1, t_ref 2 ms.
 */
class LifTest extends NeuronModelContract {
    static final LifParameters FI = new LifParameters(20f, 0f, 0f, 1f, 1f, 2f, ResetMode.TO_VALUE);

    @Override
    protected NeuronModel create() {
        return new Lif(LifParameters.defaults().withVThreshold(10f));
    }

    @Override
    protected float threshold() {
        return 10f;
    }

    @Override
    protected float maxCurrent() {
        return 15f;
    }

    static double analyticRateHz(double ri) {
        if (ri <= 1.0) {
            return 0.0;
        }
        return 1000.0 / (2.0 + 20.0 * Math.log(ri / (ri - 1.0)));
    }

    @Test
    void analyticRatesAreTheOracleNumbers() {
        assertThat(analyticRateHz(1.1)).isCloseTo(20.017, within(5e-4));
        assertThat(analyticRateHz(1.5)).isCloseTo(41.715, within(5e-4));
        assertThat(analyticRateHz(2.0)).isCloseTo(63.040, within(5e-4));
    }

    @Test
    void spikeCountsOverOneSecondMatchTheOracle() {
        float[] currents = {1.1f, 1.5f, 2.0f};
        int[][] fine = NeuronRuns.spikeSteps(new Lif(FI), currents, 0.1f, 10_000);
        int[][] coarse = NeuronRuns.spikeSteps(new Lif(FI), currents, 1f, 1_000);
        assertThat(fine[0]).hasSize(20);
        assertThat(fine[1]).hasSize(41);
        assertThat(fine[2]).hasSize(63);
        assertThat(coarse[1]).hasSize(41);
        assertThat(coarse[2]).hasSize(62);
    }

    @Test
    void interSpikeIntervalsAreWithinOneStepOfTheAnalyticOne() {
        float[] currents = {1.1f, 1.5f, 2.0f, 3f, 5f};
        for (float dt : new float[] {0.1f, 0.25f, 1f}) {
            int steps = Math.round(1000f / dt);
            int[][] sp = NeuronRuns.spikeSteps(new Lif(FI), currents, dt, steps);
            for (int i = 0; i < currents.length; i++) {
                double isi = 1000.0 / analyticRateHz(currents[i]);
                // the first spike: the crossing time tau ln(RI/(RI-theta)) rounded up to the grid
                double first = isi - 2.0;
                assertThat((sp[i][0] + 1) * (double) dt).as("first spike, I=%s dt=%s", currents[i], dt)
                        .isBetween(first - 1e-6, first + dt + 1e-6);
                for (int k = 1; k < sp[i].length; k++) {
                    double sim = (sp[i][k] - sp[i][k - 1]) * (double) dt;
                    assertThat(sim).as("ISI %d, I=%s dt=%s", k, currents[i], dt)
                            .isBetween(isi - 1e-6, isi + dt + 1e-6);
                }
            }
        }
    }

    @Test
    void subthresholdResponseIsTheExactExponential() {
        // V(t) = RI (1 - e^{-t/tau}) from rest, sampled at the end of each step
        float[] cur = {0.8f};
        Lif m = new Lif(FI);
        NeuronState s = new NeuronState(1, m.stateVariables());
        m.initialise(s);
        Spikes out = new Spikes(1);
        for (int t = 0; t < 1000; t++) {
            m.step(s, new float[1], cur, 0.1f, t, out);
            double expected = 0.8 * (1 - Math.exp(-(t + 1) * 0.1 / 20.0));
            assertThat((double) s.get(Lif.V)[0]).isCloseTo(expected, within(1e-5));
        }
        assertThat(out.count()).isZero();
    }

    @Property(tries = 40, seed = "3")
    void rateIsZeroBelowRheobaseAndNonDecreasingInCurrent(@ForAll @FloatRange(min = 0f, max = 6f) float i1,
                                                          @ForAll @FloatRange(min = 0f, max = 6f) float i2) {
        float lo = Math.min(i1, i2);
        float hi = Math.max(i1, i2);
        int[][] sp = NeuronRuns.spikeSteps(new Lif(FI), new float[] {lo, hi}, 0.1f, 5_000);
        assertThat(sp[1].length).isGreaterThanOrEqualTo(sp[0].length);
        if (lo < 0.999f) {
            assertThat(sp[0]).isEmpty();
        }
    }

    @Test
    void refractoryNeuronIgnoresInput() {
        Lif m = new Lif(LifParameters.defaults()); // threshold 20, refractory 2 ms
        NeuronState s = new NeuronState(1, m.stateVariables());
        m.initialise(s);
        Spikes out = new Spikes(1);
        float[] kick = {25f};
        m.step(s, kick, null, 0.1f, 0, out);
        assertThat(out.count()).isEqualTo(1);
        for (int t = 1; t <= 20; t++) {
            out.clear();
            m.step(s, kick, null, 0.1f, t, out);
            assertThat(out.count()).as("step %d is refractory", t).isZero();
            assertThat(s.get(Lif.V)[0]).isZero();
        }
        out.clear();
        m.step(s, kick, null, 0.1f, 21, out);
        assertThat(out.count()).isEqualTo(1);
    }

    @Test
    void subtractResetKeepsTheExcess() {
        Lif m = new Lif(LifParameters.defaults().withResetMode(ResetMode.SUBTRACT).withRefractoryMs(0f));
        NeuronState s = new NeuronState(1, m.stateVariables());
        m.initialise(s);
        Spikes out = new Spikes(1);
        m.step(s, new float[] {25f}, null, 0.1f, 0, out);
        assertThat(out.count()).isEqualTo(1);
        assertThat(s.get(Lif.V)[0]).isCloseTo(5f, within(1e-5f));
        assertThat(m.closedForm()).isFalse();
    }

    @Test
    void badParametersNameTheField() {
        assertThatThrownBy(() -> LifParameters.defaults().withTauMs(-2f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tauMs").hasMessageContaining("-2.0");
        assertThatThrownBy(() -> LifParameters.defaults().withRefractoryMs(Float.NaN))
                .hasMessageContaining("refractoryMs");
        assertThatThrownBy(() -> LifParameters.defaults().withVReset(30f))
                .hasMessageContaining("vReset").hasMessageContaining("30.0");
    }
}
