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

    @Test
    void subtractResetRemovesThresholdMinusVReset() {
        // SUBTRACT with vReset = -62: V <- V - (theta - vReset) = V - 12
        Lif m = new Lif(new LifParameters(15f, -65f, -62f, -50f, 1f, 0f, ResetMode.SUBTRACT));
        NeuronState s = new NeuronState(1, m.stateVariables());
        m.initialise(s);
        Spikes out = new Spikes(1);
        m.step(s, new float[] {20f}, null, 0.1f, 0, out);
        assertThat(out.toSortedArray()).containsExactly(0);
        assertThat(s.get(Lif.V)[0]).isCloseTo(-45f - 12f, within(1e-4f));
    }

    @Test
    void reachingTheThresholdExactlyFiresOnBothPaths() {
        // rest 0, threshold 20: one input of exactly 20 mV from rest lands on the threshold
        Lif m = new Lif(LifParameters.defaults());
        NeuronState clock = new NeuronState(2, m.stateVariables());
        NeuronState lazy = new NeuronState(2, m.stateVariables());
        m.initialise(clock);
        m.initialise(lazy);
        float[] in = {20f, Math.nextDown(20f)};
        Spikes a = new Spikes(2);
        Spikes b = new Spikes(2);
        m.step(clock, in, null, 0.1f, 0, a);
        m.stepTouched(lazy, in, new int[] {0, 1}, 2, 0.1f, 0, b);
        assertThat(a.toSortedArray()).containsExactly(0);
        assertThat(b.toSortedArray()).containsExactly(0);
    }

    @Test
    void refractoryEndsExactlyAfterRefractoryMsOnBothPaths() {
        // refractory 2 ms at dt 1 ms: after a spike at step 0 the neuron ignores input at steps 1 and 2 and
        // integrates again at step 3
        Lif m = new Lif(new LifParameters(15f, -65f, -70f, -50f, 1f, 2f, ResetMode.TO_VALUE));
        for (int path = 0; path < 2; path++) {
            NeuronState s = new NeuronState(1, m.stateVariables());
            m.initialise(s);
            int[] fired = new int[6];
            for (int t = 0; t < 6; t++) {
                Spikes out = new Spikes(1);
                float[] in = {30f};
                if (path == 0) {
                    m.step(s, in, null, 1f, t, out);
                } else {
                    m.stepTouched(s, in, new int[] {0}, 1, 1f, t, out);
                }
                fired[t] = out.count();
            }
            assertThat(fired).as("path %d", path).containsExactly(1, 0, 0, 1, 0, 0);
        }
    }

    @Test
    void advanceToHoldsARefractoryNeuronAtResetThenRelaxes() {
        // spike at step 0 (dt 1 ms, refractory 2 ms): held at -70 until step 2, then 3 steps of decay to step 5
        Lif m = new Lif(P.withTauMs(15f));
        NeuronState s = new NeuronState(1, m.stateVariables());
        m.initialise(s);
        Spikes out = new Spikes(1);
        m.stepTouched(s, new float[] {20f}, new int[] {0}, 1, 1f, 0, out);
        assertThat(out.toSortedArray()).containsExactly(0);
        m.advanceTo(s, 1f, 5);
        assertThat((double) s.get(Lif.V)[0]).isCloseTo(-65.0 - 5.0 * Math.exp(-3.0 / 15.0), within(1e-4));
    }

    @Test
    void advanceToLeavesModelsWithoutAClosedFormAlone() {
        Lif m = new Lif(new LifParameters(15f, -65f, -62f, -50f, 1f, 0f, ResetMode.SUBTRACT));
        assertThat(m.closedForm()).isFalse();
        assertThat(new Lif(new LifParameters(15f, -50f, -70f, -50f, 1f, 0f, ResetMode.TO_VALUE)).closedForm())
                .as("rest at the threshold").isFalse();
        NeuronState s = new NeuronState(1, m.stateVariables());
        m.initialise(s);
        s.get(Lif.V)[0] = -55f;
        m.advanceTo(s, 1f, 50);
        assertThat(s.get(Lif.V)[0]).isEqualTo(-55f);
    }
}
