package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;

/**
 * What the neuron models' smaller methods promise, checked on dirty states and non-default parameters:
 * {@code initialise} overwrites every value it owns (non-zero rests and resets), which models are closed-form,
 * the default {@code rest} (back to the initial state), the threshold comparisons at the threshold itself,
 * the parameter copies ({@code with...}) and the presets.
 */
class NeuronModelDetailsTest {

    /** A state with every array dirty. */
    private static NeuronState dirty(NeuronModel m, int n) {
        NeuronState s = new NeuronState(n, m.stateVariables());
        for (var v : m.stateVariables()) {
            Arrays.fill(s.get(v), 123f);
        }
        Arrays.fill(s.lastUpdateStep(), 77);
        Arrays.fill(s.lastSpikeStep(), 66);
        Arrays.fill(s.thresholdOffset(), 3f);
        return s;
    }

    @Test
    void initialiseOverwritesEveryValueItOwns() {
        Integrator integ = new Integrator();
        NeuronState a = dirty(integ, 2);
        integ.initialise(a);
        assertThat(a.get(Integrator.V)).containsOnly(0f);
        assertThat(a.lastUpdateStep()).containsOnly(-1);
        LastStepIf last = new LastStepIf(2f);
        NeuronState b = dirty(last, 2);
        last.initialise(b);
        assertThat(b.get(LastStepIf.V)).containsOnly(0f);
        assertThat(b.lastUpdateStep()).containsOnly(-1);
        PerfectIf pif = new PerfectIf(new PerfectIfParameters(2f, -0.5f, ResetMode.TO_VALUE, 0f, false,
                ThresholdComparison.GREATER_OR_EQUAL));
        NeuronState c = dirty(pif, 2);
        pif.initialise(c);
        assertThat(c.get(PerfectIf.V)).containsOnly(-0.5f);
        assertThat(c.lastUpdateStep()).containsOnly(-1);
        Lif lif = new Lif(new LifParameters(10f, -65f, -70f, -50f, 1f, 0f, ResetMode.TO_VALUE));
        NeuronState d = dirty(lif, 2);
        lif.initialise(d);
        assertThat(d.get(Lif.V)).containsOnly(-65f);
        assertThat(d.lastUpdateStep()).containsOnly(-1);
        BiasedIf bif = new BiasedIf(new PerfectIfParameters(1f, -0.25f, ResetMode.SUBTRACT, 0f, false,
                ThresholdComparison.GREATER), new float[] {0.5f, 0.75f});
        NeuronState e = dirty(bif, 2);
        bif.initialise(e);
        assertThat(e.get(BiasedIf.V)).containsOnly(-0.25f);
        assertThat(e.get(BiasedIf.U)).containsOnly(-0.25f);
        assertThat(e.get(BiasedIf.I)).containsExactly(0.5f, 0.75f);
        assertThat(e.lastUpdateStep()).containsOnly(-1);
        assertThatThrownBy(() -> bif.initialise(new NeuronState(3, bif.stateVariables())))
                .hasMessage("BiasedIf has a current for 2 neurons and a population of 3");
        org.snn4j.CurrentSource nanSource = new org.snn4j.CurrentSource() {
            @Override
            public int size() {
                return 2;
            }

            @Override
            public void current(int step, float[] out) {
                out[0] = 0f;
                out[1] = Float.NaN;
            }
        };
        BiasedIf nan = new BiasedIf(PerfectIfParameters.of(1f), nanSource, true);
        assertThatThrownBy(() -> nan.initialise(new NeuronState(2, nan.stateVariables())))
                .hasMessage("current[1] must be finite, got NaN");
    }

    @Test
    void whichModelsAreClosedForm() {
        assertThat(new Integrator().closedForm()).isTrue();
        assertThat(new LastStepIf(1f).closedForm()).isTrue();
        PerfectIfParameters p = PerfectIfParameters.of(1f);
        assertThat(new PerfectIf(p).closedForm()).isTrue();
        assertThat(new PerfectIf(p.withResetMode(ResetMode.SUBTRACT)).closedForm()).isFalse();
        assertThat(new PerfectIf(p.withResetMode(ResetMode.NONE)).closedForm()).isFalse();
        assertThat(new PerfectIf(p.withResetMode(ResetMode.NONE).withFireOnce(true)).closedForm()).isTrue();
        assertThat(PerfectIf.latencyCoded(1f).closedForm()).isTrue();
        LifParameters lp = LifParameters.defaults();
        assertThat(new Lif(lp).closedForm()).isTrue();
        assertThat(new Lif(lp.withResetMode(ResetMode.SUBTRACT)).closedForm()).isFalse();
        BiasedIf b = new BiasedIf(PerfectIfParameters.of(1f), new float[1]);
        assertThat(b.closedForm()).isTrue();
        assertThat(b.withEventDriven(true)).isSameAs(b);
        BiasedIf clock = b.withEventDriven(false);
        assertThat(clock.closedForm()).isFalse();
        assertThat(clock.toString()).endsWith(", clock-driven]");
        assertThat(b.toString()).doesNotContain("clock-driven").startsWith("BiasedIf[");
        assertThat(clock.withEventDriven(true).closedForm()).isTrue();
        assertThat(clock.parameters()).isEqualTo(PerfectIfParameters.of(1f));
        assertThat(clock.currentSource()).isSameAs(b.currentSource());
    }

    @Test
    void theDefaultRestReturnsToTheInitialState() {
        Izhikevich m = new Izhikevich(IzhikevichParameters.chattering(), IzhikevichIntegrator.EULER, -61f, -9f);
        NeuronState s = dirty(m, 3);
        s.inhibition()[1] = 4f;
        m.rest(s, 0.5f, 10, 20);
        assertThat(s.get(Izhikevich.V)).containsOnly(-61f);
        assertThat(s.get(Izhikevich.U)).containsOnly(-9f);
        assertThat(s.lastSpikeStep()).containsOnly(-1);
        assertThat(s.thresholdOffset()).containsOnly(0f);
        assertThat(s.inhibition()).containsOnly(0f);
    }

    @Test
    void comparisonsAtTheThresholdItself() {
        assertThat(ThresholdComparison.GREATER_OR_EQUAL.fires(2f, 2f)).isTrue();
        assertThat(ThresholdComparison.GREATER.fires(2f, 2f)).isFalse();
        assertThat(ThresholdComparison.GREATER.fires(2.5f, 2f)).isTrue();
        assertThat(ThresholdComparison.GREATER_OR_EQUAL.fires(1.5f, 2f)).isFalse();
        assertThat(ThresholdComparison.GREATER.fires(1.5f, 2f)).isFalse();
        // the same rule inside the models: v reaches exactly 2 after two inputs of 1
        for (ThresholdComparison c : ThresholdComparison.values()) {
            PerfectIf m = new PerfectIf(PerfectIfParameters.of(2f).withComparison(c));
            NeuronState s = new NeuronState(1, m.stateVariables());
            m.initialise(s);
            Spikes out = new Spikes(1);
            m.step(s, new float[] {1f}, null, 1f, 0, out);
            m.step(s, new float[] {1f}, null, 1f, 1, out);
            assertThat(out.count()).as("%s", c).isEqualTo(c == ThresholdComparison.GREATER ? 0 : 1);
            NeuronState lazy = new NeuronState(1, m.stateVariables());
            m.initialise(lazy);
            Spikes lo = new Spikes(1);
            m.stepTouched(lazy, new float[] {1f}, new int[] {0}, 1, 1f, 0, lo);
            m.stepTouched(lazy, new float[] {1f}, new int[] {0}, 1, 1f, 1, lo);
            assertThat(lo.count()).as("lazy %s", c).isEqualTo(out.count());
        }
    }

    @Test
    void parameterCopiesChangeOneFieldEach() {
        LifParameters l = new LifParameters(10f, -65f, -70f, -50f, 2f, 1f, ResetMode.TO_VALUE);
        assertThat(l.withTauMs(11f)).isEqualTo(new LifParameters(11f, -65f, -70f, -50f, 2f, 1f, ResetMode.TO_VALUE));
        assertThat(l.withVRest(-60f)).isEqualTo(new LifParameters(10f, -60f, -70f, -50f, 2f, 1f, ResetMode.TO_VALUE));
        assertThat(l.withVReset(-69f)).isEqualTo(new LifParameters(10f, -65f, -69f, -50f, 2f, 1f, ResetMode.TO_VALUE));
        assertThat(l.withVThreshold(-49f))
                .isEqualTo(new LifParameters(10f, -65f, -70f, -49f, 2f, 1f, ResetMode.TO_VALUE));
        assertThat(l.withResistance(3f)).isEqualTo(new LifParameters(10f, -65f, -70f, -50f, 3f, 1f, ResetMode.TO_VALUE));
        assertThat(l.withRefractoryMs(2f)).isEqualTo(new LifParameters(10f, -65f, -70f, -50f, 2f, 2f, ResetMode.TO_VALUE));
        assertThatThrownBy(() -> l.withVReset(-50f))
                .hasMessage("vReset must be < vThreshold = -50.0 with reset mode TO_VALUE, got -50.0");
        PerfectIfParameters p = PerfectIfParameters.of(2f);
        assertThat(p.withThreshold(3f).threshold()).isEqualTo(3f);
        assertThat(p.withVReset(-1f).vReset()).isEqualTo(-1f);
        assertThat(p.withThreshold(3f).withVReset(-1f)).isEqualTo(new PerfectIfParameters(3f, -1f, ResetMode.TO_VALUE,
                0f, false, ThresholdComparison.GREATER_OR_EQUAL));
        assertThatThrownBy(() -> p.withVReset(2f))
                .hasMessage("vReset must be < threshold = 2.0 with reset mode TO_VALUE, got 2.0");
        assertThat(new PerfectIfParameters(2f, 5f, ResetMode.SUBTRACT, 0f, false, ThresholdComparison.GREATER).vReset())
                .as("any reset value without TO_VALUE").isEqualTo(5f);
        IzhikevichParameters i = IzhikevichParameters.regularSpiking();
        assertThat(i.withA(0.05f)).isEqualTo(new IzhikevichParameters(0.05f, 0.2f, -65f, 8f));
        assertThat(i.withB(0.3f)).isEqualTo(new IzhikevichParameters(0.02f, 0.3f, -65f, 8f));
        assertThat(i.withC(-60f)).isEqualTo(new IzhikevichParameters(0.02f, 0.2f, -60f, 8f));
        assertThat(i.withD(3f)).isEqualTo(new IzhikevichParameters(0.02f, 0.2f, -65f, 3f));
        assertThat(IzhikevichParameters.resonator()).isEqualTo(new IzhikevichParameters(0.1f, 0.26f, -65f, 2f));
        assertThat(new Integrator().toString()).isEqualTo("Integrator");
        assertThat(new Integrator()).isNotEqualTo(new LastStepIf(1f));
        assertThat(new Integrator().hashCode()).isEqualTo(Integrator.class.hashCode());
        assertThat(new LastStepIf(1.5f).toString()).isEqualTo("LastStepIf[threshold=1.5]");
        assertThat(new LastStepIf(1.5f).hashCode()).isEqualTo(Float.hashCode(1.5f));
        assertThat(new PerfectIf(p).toString()).isEqualTo("PerfectIf" + p);
        assertThat(new Lif(l).toString()).isEqualTo("Lif" + l);
    }
}
