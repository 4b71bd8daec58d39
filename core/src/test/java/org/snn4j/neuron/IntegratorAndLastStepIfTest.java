package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;

/** The two firing-time models: hand-computed potentials, no spikes before the last step, strict last-step threshold. */
class IntegratorAndLastStepIfTest {

    @Test
    void integratorAddsInputAndCurrentAndNeverFires() {
        Integrator m = new Integrator();
        NeuronState s = new NeuronState(3, m.stateVariables());
        m.initialise(s);
        Spikes out = new Spikes(3);
        m.step(s, new float[] {1f, -2f, 0.5f}, new float[] {2f, 0f, 1f}, 0.5f, 0, out);
        assertThat(s.get(Integrator.V)).containsExactly(2f, -2f, 1f);
        m.stepTouched(s, new float[] {100f, 0f, 3f}, new int[] {0, 2}, 2, 0.5f, 1, out);
        assertThat(s.get(Integrator.V)).containsExactly(102f, -2f, 4f);
        m.lastStep(s, 1, out);
        assertThat(out.count()).isZero();
        assertThat(s.lastUpdateStep()).containsExactly(1, 0, 1);
        assertThat(new Integrator()).isEqualTo(m).hasSameHashCodeAs(m);
    }

    @Test
    void lastStepIfIntegratesSilentlyThenFiresStrictlyAboveItsThresholdPlusOffset() {
        LastStepIf m = new LastStepIf(1f);
        NeuronState s = new NeuronState(4, m.stateVariables());
        m.initialise(s);
        s.thresholdOffset()[3] = 0.5f;
        Spikes out = new Spikes(4);
        m.step(s, new float[] {5f, 1f, 1.25f, 1.25f}, null, 1f, 0, out);
        assertThat(out.count()).isZero();
        m.lastStep(s, 7, out);
        assertThat(out.indices()).startsWith(0, 2); // 1 > 1 false; 1.25 > 1.5 false
        assertThat(out.count()).isEqualTo(2);
        assertThat(s.lastSpikeStep()).containsExactly(7, -1, 7, -1);
        assertThat(s.get(LastStepIf.V)).containsExactly(5f, 1f, 1.25f, 1.25f); // potentials kept
        assertThat(m).isEqualTo(new LastStepIf(1f)).isNotEqualTo(new LastStepIf(2f));
        assertThatThrownBy(() -> new LastStepIf(Float.POSITIVE_INFINITY)).hasMessageContaining("threshold");
    }
}
