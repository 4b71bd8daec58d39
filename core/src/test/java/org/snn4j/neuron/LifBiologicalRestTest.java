package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.testkit.NeuronModelContract;

/**
 * LIF with non-degenerate potentials (rest -65 mV, reset -70 mV, threshold -50 mV, tau 15 ms): the contract
 * (the lazy and clock paths must agree, which they do not if {@code V - vRest} is mutated) plus the closed-form
 * relaxation towards rest, {@code V(n) = vRest + (V0 - vRest) e^{-n dt/tau}}.
 */
class LifBiologicalRestTest extends NeuronModelContract {
    static final LifParameters P = new LifParameters(15f, -65f, -70f, -50f, 1f, 2f, ResetMode.TO_VALUE);

    @Override
    protected NeuronModel create() {
        return new Lif(P);
    }

    @Override
    protected float threshold() {
        return -50f;
    }

    @Test
    void lazyPathRelaxesTowardsRestInClosedForm() {
        Lif m = new Lif(P);
        NeuronState s = new NeuronState(3, m.stateVariables());
        m.initialise(s);
        assertThat(s.get(Lif.V)).containsExactly(-65f, -65f, -65f);
        float[] in = {10f, 0f, 4f};
        int[] touched = {0, 2};
        Spikes out = new Spikes(3);
        float dt = 0.5f;
        m.stepTouched(s, in, touched, 2, dt, 0, out);
        assertThat(out.count()).isZero();
        assertThat(s.get(Lif.V)[0]).isCloseTo(-55f, within(1e-4f));
        m.advanceTo(s, dt, 40);
        double decay = Math.exp(-40 * dt / 15.0);
        assertThat((double) s.get(Lif.V)[0]).isCloseTo(-65.0 + 10.0 * decay, within(1e-4));
        assertThat((double) s.get(Lif.V)[2]).isCloseTo(-65.0 + 4.0 * decay, within(1e-4));
        assertThat(s.get(Lif.V)[1]).isCloseTo(-65f, within(1e-4f));
    }

    @Test
    void spikeResetsToVResetNotToRest() {
        Lif m = new Lif(P);
        NeuronState s = new NeuronState(1, m.stateVariables());
        m.initialise(s);
        Spikes out = new Spikes(1);
        m.step(s, new float[] {16f}, null, 0.1f, 0, out);
        assertThat(out.toSortedArray()).containsExactly(0);
        assertThat(s.get(Lif.V)[0]).isEqualTo(-70f);
    }
}
