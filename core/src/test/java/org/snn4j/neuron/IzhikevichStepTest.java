package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;

/**
 * One Izhikevich step written out in float, for both integrators, with a current, a synaptic jump and a
 * threshold offset on different neurons; the reset adds d to u; the initial state and the refusals.
 */
class IzhikevichStepTest {

    private static float f(float v, float u, float i) {
        return 0.04f * v * v + 5f * v + 140f - u + i;
    }

    @Test
    void oneStepOfEachIntegratorIsTheFormula() {
        IzhikevichParameters p = new IzhikevichParameters(0.03f, 0.25f, -58f, 6f);
        for (IzhikevichIntegrator integ : IzhikevichIntegrator.values()) {
            Izhikevich m = new Izhikevich(p, integ, -63f, -14f);
            NeuronState s = new NeuronState(3, m.stateVariables());
            m.initialise(s);
            assertThat(s.get(Izhikevich.V)).containsOnly(-63f);
            assertThat(s.get(Izhikevich.U)).containsOnly(-14f);
            float[] cur = {7f, 0f, 0f};
            float[] in = {0f, 2.5f, 0f};
            float dt = 0.5f;
            Spikes out = new Spikes(3);
            m.step(s, in, cur, dt, 4, out);
            boolean half = integ == IzhikevichIntegrator.TWO_HALF_STEPS;
            float h = half ? 0.25f : 0.5f;
            for (int i = 0; i < 3; i++) {
                float v = -63f;
                float u = -14f;
                v += h * f(v, u, cur[i]);
                if (half) {
                    v += h * f(v, u, cur[i]);
                }
                u += dt * 0.03f * (0.25f * v - u);
                v += in[i];
                assertThat(s.get(Izhikevich.V)[i]).as("%s v[%d]", integ, i).isEqualTo(v);
                assertThat(s.get(Izhikevich.U)[i]).as("%s u[%d]", integ, i).isEqualTo(u);
            }
            assertThat(s.lastUpdateStep()).containsOnly(4);
            assertThat(out.count()).isZero();
        }
    }

    @Test
    void aSpikeResetsToCAndAddsDUnlessTheOffsetRaisesThePeak() {
        IzhikevichParameters p = new IzhikevichParameters(0.02f, 0.2f, -55f, 4f);
        Izhikevich m = new Izhikevich(p, IzhikevichIntegrator.EULER, 29f, 1f);
        NeuronState s = new NeuronState(2, m.stateVariables());
        m.initialise(s);
        s.thresholdOffset()[1] = 500f;
        Spikes out = new Spikes(2);
        m.step(s, new float[] {0f, 0f}, null, 0.1f, 9, out);
        assertThat(out.toSortedArray()).containsExactly(0);
        assertThat(s.lastSpikeStep()).containsExactly(9, -1);
        float v = 29f + 0.1f * f(29f, 1f, 0f);
        float u = 1f + 0.1f * 0.02f * (0.2f * v - 1f);
        assertThat(s.get(Izhikevich.V)).containsExactly(-55f, v);
        assertThat(s.get(Izhikevich.U)).containsExactly(u + 4f, u);
    }

    @Test
    void initialStateAndRefusals() {
        IzhikevichParameters p = IzhikevichParameters.regularSpiking();
        Izhikevich m = new Izhikevich(p);
        assertThat(m.integrator()).isEqualTo(IzhikevichIntegrator.EULER);
        assertThat(m.v0()).isEqualTo(-65f);
        assertThat(m.u0()).isEqualTo(0.2f * -65f);
        Izhikevich w = m.withV0(-70f);
        assertThat(w.v0()).isEqualTo(-70f);
        assertThat(w.u0()).isEqualTo(0.2f * -70f);
        assertThat(w.parameters()).isEqualTo(p);
        assertThat(new Izhikevich(p, IzhikevichIntegrator.TWO_HALF_STEPS).u0()).isEqualTo(-13f);
        assertThat(m.toString()).isEqualTo("Izhikevich" + p + "[EULER, v0=-65.0, u0=-13.0]");
        assertThatThrownBy(() -> new Izhikevich(p, IzhikevichIntegrator.EULER, 30f, 0f))
                .hasMessage("v0 must be finite and < 30.0 mV, got 30.0");
        assertThatThrownBy(() -> new Izhikevich(p, IzhikevichIntegrator.EULER, -60f, Float.NaN))
                .hasMessage("u0 must be finite, got NaN");
        assertThatThrownBy(() -> new IzhikevichParameters(0.02f, 0.2f, 30f, 2f))
                .hasMessage("c must be < 30.0 mV (the spike peak), got 30.0");
        assertThatThrownBy(() -> new IzhikevichParameters(0.02f, Float.NaN, -65f, 2f)).hasMessageStartingWith("b ");
        assertThatThrownBy(() -> new IzhikevichParameters(0.02f, 0.2f, -65f, Float.NaN)).hasMessageStartingWith("d ");
        assertThat(IzhikevichParameters.chattering()).isEqualTo(new IzhikevichParameters(0.02f, 0.2f, -50f, 2f));
        assertThat(IzhikevichParameters.intrinsicallyBursting())
                .isEqualTo(new IzhikevichParameters(0.02f, 0.2f, -55f, 4f));
        assertThat(IzhikevichParameters.fastSpiking()).isEqualTo(new IzhikevichParameters(0.1f, 0.2f, -65f, 2f));
        assertThat(IzhikevichParameters.lowThresholdSpiking())
                .isEqualTo(new IzhikevichParameters(0.02f, 0.25f, -65f, 2f));
        assertThat(IzhikevichParameters.thalamoCortical())
                .isEqualTo(new IzhikevichParameters(0.02f, 0.25f, -65f, 0.05f));
    }
}
