package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.testkit.NeuronModelContract;

/** Adaptive threshold around LIF: the contract and the offset dynamics (Diehl & Cook 2015). */
class AdaptiveThresholdTest extends NeuronModelContract {
    @Override
    protected NeuronModel create() {
        return new AdaptiveThreshold(new Lif(LifParameters.defaults().withVThreshold(10f)), 0.5f, 50f);
    }

    @Override
    protected float threshold() {
        return 10f;
    }

    @Override
    protected boolean staysAtOrBelowThreshold() {
        return true;
    }

    @Override
    protected boolean lazyPathIsExact() {
        return false;
    }

    @Test
    void offsetRisesPerSpikeAndDecaysExponentially() {
        AdaptiveThreshold m = new AdaptiveThreshold(new Lif(LifParameters.defaults().withRefractoryMs(0f)), 2f, 10f);
        NeuronState s = new NeuronState(1, m.stateVariables());
        m.initialise(s);
        Spikes out = new Spikes(1);
        m.step(s, new float[] {25f}, null, 1f, 0, out);
        assertThat(out.count()).isEqualTo(1);
        assertThat(s.thresholdOffset()[0]).isEqualTo(2f);
        // 21 mV no longer fires: the threshold is now 20 + 2 e^{-1/10}
        out.clear();
        m.step(s, new float[] {21f}, null, 1f, 1, out);
        assertThat(out.count()).isZero();
        assertThat((double) s.thresholdOffset()[0]).isCloseTo(2 * Math.exp(-0.1), within(1e-6));
        for (int t = 2; t < 12; t++) {
            m.step(s, new float[1], null, 1f, t, out);
        }
        assertThat((double) s.thresholdOffset()[0]).isCloseTo(2 * Math.exp(-1.1), within(1e-6));
        assertThat(m.keepsThresholdOffset()).isTrue();
    }

    @Test
    void lazyOffsetDecayMatchesClockDecay() {
        AdaptiveThreshold m = new AdaptiveThreshold(new Lif(LifParameters.defaults()), 1f, 30f);
        NeuronState a = new NeuronState(1, m.stateVariables());
        NeuronState b = new NeuronState(1, m.stateVariables());
        m.initialise(a);
        m.initialise(b);
        a.thresholdOffset()[0] = 3f;
        b.thresholdOffset()[0] = 3f;
        Spikes out = new Spikes(1);
        float[] in = new float[1];
        for (int t = 0; t < 50; t++) {
            m.step(a, in, null, 0.5f, t, out);
        }
        in[0] = 1f;
        m.step(a, in, null, 0.5f, 50, out);
        m.stepTouched(b, in, new int[] {0}, 1, 0.5f, 50, out);
        assertThat(b.thresholdOffset()[0]).isCloseTo(a.thresholdOffset()[0], within(1e-5f));
        assertThat(b.get(Lif.V)[0]).isCloseTo(a.get(Lif.V)[0], within(1e-5f));
    }
}
