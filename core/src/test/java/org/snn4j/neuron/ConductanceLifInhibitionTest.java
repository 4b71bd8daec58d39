package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;

/**
 * ConductanceLif's inhibitory jumps counted per step, inside and beyond its table of powers (m = 2, 255, 256, 300),
 * on neurons that also get excitatory input, against {@code eInh + (V - eInh)(1 - jump)^m}; then the next step
 * starts from no inhibition.
 */
class ConductanceLifInhibitionTest {

    @Test
    void manyInhibitorySpikesInOneStepAreOnePowerOfTheJump() {
        ConductanceLifParameters p = new ConductanceLifParameters(50f, -60f, -62f, -40f, 5f, -90f, 0.02f, 0.01f, 2f,
                ThresholdComparison.GREATER);
        ConductanceLif m = new ConductanceLif(p);
        int[] counts = {0, 2, 255, 256, 300};   // the table holds m < 256
        NeuronState s = new NeuronState(counts.length, m.stateVariables());
        m.initialise(s);
        float[] v = s.get(ConductanceLif.V);
        for (int i = 0; i < counts.length; i++) {
            v[i] = -50f;
            s.inhibition()[i] = counts[i];
        }
        float dt = 0.5f;
        float[] in = {1.5f, 1.5f, 1.5f, 1.5f, 1.5f};
        Spikes out = new Spikes(counts.length);
        m.step(s, in, null, dt, 0, out);
        double d = Math.exp(-dt / 50.0);
        for (int i = 0; i < counts.length; i++) {
            double x = -60 + (-50 + 60) * d;
            x += 0.02 * 1.5 * (5 - x);
            if (counts[i] > 0) {
                x = -90 + (x + 90) * Math.pow(0.99, counts[i]);
            }
            assertThat((double) v[i]).as("v[%d] after %d inhibitory spikes", i, counts[i]).isCloseTo(x, within(1e-3));
            assertThat(s.inhibition()[i]).as("inhibition consumed").isZero();
        }
        assertThat(out.count()).isZero();
        // next step: no inhibition left, the neurons relax and are excited again
        float[] before = v.clone();
        m.step(s, in, null, dt, 1, out);
        for (int i = 0; i < counts.length; i++) {
            double x = -60 + (before[i] + 60) * d;
            x += 0.02 * 1.5 * (5 - x);
            assertThat((double) v[i]).as("v[%d] on the second step", i).isCloseTo(x, within(1e-3));
        }
    }

    @Test
    void boundAndUnboundModelsStepAlike() {
        ConductanceLifParameters p = ConductanceLifParameters.diehlCook2015();
        ConductanceLif m = new ConductanceLif(p);
        NeuronModel b = m.bind(0.5f);
        assertThat(b).isInstanceOf(ConductanceLif.class);
        assertThat(((ConductanceLif) b).parameters()).isEqualTo(p);
        assertThat(b.acceptsInhibition()).isTrue();
        NeuronState s1 = new NeuronState(3, m.stateVariables());
        NeuronState s2 = new NeuronState(3, m.stateVariables());
        m.initialise(s1);
        b.initialise(s2);
        float[] in = {40f, 2f, 0f};
        Spikes o1 = new Spikes(3);
        Spikes o2 = new Spikes(3);
        int spikes = 0;
        for (int t = 0; t < 80; t++) {
            o1.clear();
            o2.clear();
            s1.inhibition()[2] = t % 3;
            s2.inhibition()[2] = t % 3;
            m.step(s1, in, null, 0.5f, t, o1);
            b.step(s2, in, null, 0.5f, t, o2);
            assertThat(o2.toSortedArray()).isEqualTo(o1.toSortedArray());
            spikes += o1.count();
        }
        assertThat(s2.get(ConductanceLif.V)).containsExactly(s1.get(ConductanceLif.V));
        assertThat(s2.lastSpikeStep()).containsExactly(s1.lastSpikeStep());
        assertThat(spikes).isPositive();
        // neuron 0 fires at once, then every 11 steps: refractory for ceil(5 / 0.5) = 10 steps after each spike
        assertThat(s1.lastSpikeStep()[0]).isEqualTo(77);
        assertThat(m.toString()).isEqualTo("ConductanceLif" + p);
    }
}
