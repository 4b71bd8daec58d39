package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.testkit.NeuronModelContract;

/**
 * {@link BiasCurrent}: a fixed per-neuron current fed to the wrapped model. Checked against the LIF's closed
 * form {@code v(n) = vRest + R I (1 - exp(-n dt / tau))} with three different currents, plus the contract.
 */
class BiasCurrentTest extends NeuronModelContract {
    private static final LifParameters P = new LifParameters(10f, -65f, -70f, -50f, 2f, 0f, ResetMode.TO_VALUE);

    @Override
    protected NeuronModel create() {
        float[] cur = new float[size()];
        for (int i = 0; i < cur.length; i++) {
            cur[i] = 0.05f * (i % 5); // below the 7.5 needed to fire on its own
        }
        return new BiasCurrent(new Lif(P), cur);
    }

    @Override
    protected float threshold() {
        return -50f;
    }

    @Test
    void eachNeuronRelaxesTowardsItsOwnCurrentsSteadyState() {
        float[] cur = {0f, 5f, 10f};
        BiasCurrent m = new BiasCurrent(new Lif(P), cur);
        NeuronState s = new NeuronState(3, m.stateVariables());
        m.initialise(s);
        float[] v = s.get(Lif.V);
        assertThat(v).containsExactly(-65f, -65f, -65f);
        float dt = 1f;
        float[] zero = new float[3];
        Spikes out = new Spikes(3);
        int first = -1;
        for (int t = 0; t < 13; t++) {
            m.step(s, zero, null, dt, t, out);
            double decay = Math.exp(-(t + 1) * dt / 10.0);
            for (int i = 0; i < 3; i++) {
                double expected = -65.0 + 2.0 * cur[i] * (1.0 - decay);
                assertThat((double) v[i]).as("v[%d] after step %d", i, t).isCloseTo(expected, within(1e-3));
            }
            assertThat(out.count()).as("no spike before step 13").isZero();
        }
        // R I = 20 mV for neuron 2: 20 (1 - exp(-n / 10)) >= 15 first at n = 14 (step 13)
        m.step(s, zero, null, dt, 13, out);
        assertThat(out.toSortedArray()).containsExactly(2);
        assertThat(v[2]).isEqualTo(-70f);
        assertThat(s.lastSpikeStep()[2]).isEqualTo(13);
    }

    @Test
    void bindKeepsTheCurrentsAndTheWrappedModelsParameters() {
        float[] cur = {1f, 4f};
        BiasCurrent m = new BiasCurrent(new Lif(P), cur);
        NeuronModel bound = m.bind(0.5f);
        assertThat(bound).isInstanceOf(BiasCurrent.class);
        BiasCurrent b = (BiasCurrent) bound;
        assertThat(b.current()).containsExactly(1f, 4f);
        assertThat(((Lif) b.model()).parameters()).isEqualTo(P);
        NeuronState s1 = new NeuronState(2, m.stateVariables());
        NeuronState s2 = new NeuronState(2, m.stateVariables());
        m.initialise(s1);
        bound.initialise(s2);
        Spikes o1 = new Spikes(2);
        Spikes o2 = new Spikes(2);
        float[] in = new float[2];
        for (int t = 0; t < 20; t++) {
            m.step(s1, in, null, 0.5f, t, o1);
            bound.step(s2, in, null, 0.5f, t, o2);
        }
        assertThat(s2.get(Lif.V)).containsExactly(s1.get(Lif.V));
        // 20 steps of 0.5 ms, tau 10 ms: v = -65 + 2 I (1 - exp(-1))
        double k = 1.0 - Math.exp(-1.0);
        assertThat((double) s2.get(Lif.V)[0]).isCloseTo(-65.0 + 2.0 * k, within(1e-3));
        assertThat((double) s2.get(Lif.V)[1]).isCloseTo(-65.0 + 8.0 * k, within(1e-3));
    }

    @Test
    void currentsAreCopiedInAndOut() {
        float[] cur = {1f, 2f};
        BiasCurrent m = new BiasCurrent(new Lif(P), cur);
        cur[0] = 99f;
        assertThat(m.current()).containsExactly(1f, 2f);
        m.current()[1] = 77f;
        assertThat(m.current()).containsExactly(1f, 2f);
    }

    @Test
    void describesAndDelegates() {
        Lif lif = new Lif(P);
        BiasCurrent m = new BiasCurrent(lif, new float[] {1f, 2f, 3f});
        assertThat(m.model()).isSameAs(lif);
        assertThat(m.closedForm()).isFalse();
        assertThat(lif.closedForm()).isTrue();
        assertThat(m.stateVariables()).isEqualTo(lif.stateVariables());
        assertThat(m.toString()).isEqualTo("BiasCurrent[" + lif + ", 3 currents]");
        assertThat(m.acceptsInhibition()).isEqualTo(lif.acceptsInhibition()).isFalse();
        ConductanceLif cond = new ConductanceLif(ConductanceLifParameters.diehlCook2015());
        assertThat(cond.acceptsInhibition()).isTrue();
        assertThat(new BiasCurrent(cond, new float[1]).acceptsInhibition()).isTrue();
        assertThat(m.codec()).isSameAs(NeuronCodecs.BIAS_CURRENT);
    }

    @Test
    void refusesBadInputByName() {
        Lif lif = new Lif(P);
        assertThatThrownBy(() -> new BiasCurrent(lif, new float[] {0f, Float.NaN}))
                .hasMessage("current[1] must be finite, got NaN");
        assertThatThrownBy(() -> new BiasCurrent(lif, new float[] {Float.NEGATIVE_INFINITY}))
                .hasMessage("current[0] must be finite, got -Infinity");
        BiasCurrent m = new BiasCurrent(lif, new float[] {1f, 2f});
        assertThatThrownBy(() -> new BiasCurrent(m, new float[2]))
                .hasMessage("model is already a BiasCurrent; add the currents instead");
        NeuronState three = new NeuronState(3, m.stateVariables());
        assertThatThrownBy(() -> m.step(three, new float[3], null, 1f, 0, new Spikes(3)))
                .hasMessage("BiasCurrent has 2 currents for a population of 3");
        NeuronState two = new NeuronState(2, m.stateVariables());
        assertThatThrownBy(() -> m.step(two, new float[2], new float[2], 1f, 0, new Spikes(2)))
                .hasMessage("BiasCurrent cannot add a second external current");
        assertThatThrownBy(() -> new BiasCurrent(null, new float[1])).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new BiasCurrent(lif, null)).isInstanceOf(NullPointerException.class);
    }
}
