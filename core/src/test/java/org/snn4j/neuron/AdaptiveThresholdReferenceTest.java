package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;

/**
 * {@link AdaptiveThreshold} around a perfect IF neuron against a plain loop, on the clock path and on the lazy
 * path with {@code advanceTo} (issue 17: offsets and spikes at every step, several neurons, non-trivial
 * {@code thetaPlus} and {@code tauTheta}).
 */
class AdaptiveThresholdReferenceTest {
    static final float DT = 0.5f;
    static final float TAU = 4f;
    static final float PLUS = 0.5f;

    private static float pow(int n) {
        return (float) Math.exp(-n * ((double) DT / TAU));
    }

    private static float[] randomInput(SplittableRandom r, int n) {
        float[] in = new float[n];
        for (int i = 0; i < n; i++) {
            in[i] = r.nextInt(3) == 0 ? r.nextInt(8) / 4f : 0f;
        }
        return in;
    }

    @Property(tries = 40)
    void theClockPathDecaysStepsAndRaises(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 2 + r.nextInt(6);
        PerfectIfParameters p = new PerfectIfParameters(1.5f, 0f, ResetMode.SUBTRACT, 0f, false,
                ThresholdComparison.GREATER_OR_EQUAL);
        AdaptiveThreshold model = new AdaptiveThreshold(new PerfectIf(p), PLUS, TAU);
        assertThat(model.closedForm()).isFalse();
        NeuronState s = new NeuronState(n, model.stateVariables());
        model.initialise(s);
        float[] v = new float[n];
        float[] off = new float[n];
        float d = pow(1);
        for (int t = 0; t < 30; t++) {
            float[] in = randomInput(r, n);
            in[0] = 0f; // neuron 0 never fires: it stands for a spike already in the list, which must not be raised
            Spikes out = new Spikes(n);
            out.add(0);
            int preexisting = 1;
            model.step(s, in, null, DT, t, out);
            List<Integer> want = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                off[i] *= d;
                float vi = v[i] + in[i];
                float theta = 1.5f + off[i];
                if (vi >= theta) {
                    vi -= theta;
                    want.add(i);
                }
                v[i] = vi;
            }
            List<Integer> got = new ArrayList<>();
            for (int k = preexisting; k < out.count(); k++) {
                got.add(out.get(k));
            }
            for (int i : want) {
                off[i] += PLUS;
            }
            assertThat(got).as("spikes at %d", t).containsExactlyElementsOf(want);
            assertThat(s.thresholdOffset()).as("offsets at %d", t).containsExactly(off);
            assertThat(s.get(PerfectIf.V)).as("potentials at %d", t).containsExactly(v);
        }
    }

    @Property(tries = 40)
    void theLazyPathDecaysOverTheStepsSinceTheLastUpdate(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 2 + r.nextInt(6);
        PerfectIfParameters p = new PerfectIfParameters(1.5f, -0.25f, ResetMode.TO_VALUE, 0f, false,
                ThresholdComparison.GREATER);
        AdaptiveThreshold model = new AdaptiveThreshold(new PerfectIf(p), PLUS, TAU, false);
        assertThat(model.closedForm()).isTrue();
        assertThat(model.keepsThresholdOffset()).isFalse();
        NeuronState s = new NeuronState(n, model.stateVariables());
        model.initialise(s);
        float[] v = new float[n];
        Arrays.fill(v, -0.25f);
        float[] off = new float[n];
        int[] last = new int[n];
        Arrays.fill(last, -1);
        int steps = 40;
        for (int t = 0; t < steps; t++) {
            int[] touched = new int[n];
            int count = 0;
            float[] in = new float[n];
            for (int i = 0; i < n; i++) {
                if (r.nextInt(3) == 0) {
                    touched[count++] = i;
                    in[i] = r.nextInt(9) / 4f;
                }
            }
            Spikes out = new Spikes(n);
            model.stepTouched(s, in, touched, count, DT, t, out);
            List<Integer> want = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                int i = touched[k];
                off[i] *= pow(t - last[i]);
                last[i] = t;
                float vi = v[i] + in[i];
                if (vi > 1.5f + off[i]) {
                    vi = -0.25f;
                    want.add(i);
                    off[i] += PLUS;
                }
                v[i] = vi;
            }
            assertThat(out.toSortedArray()).as("spikes at %d", t)
                    .containsExactly(want.stream().mapToInt(Integer::intValue).sorted().toArray());
            assertThat(s.thresholdOffset()).as("offsets at %d", t).containsExactly(off);
        }
        // advanceTo brings every offset to the same step
        model.advanceTo(s, DT, steps + 5);
        for (int i = 0; i < n; i++) {
            if (last[i] < steps + 5) {
                off[i] *= pow(steps + 5 - last[i]);
            }
        }
        assertThat(s.thresholdOffset()).containsExactly(off);
        assertThat(s.lastUpdateStep()).containsOnly(steps + 5);
        // advancing to the same step again changes nothing (a monitor may call it at every step)
        model.advanceTo(s, DT, steps + 5);
        assertThat(s.thresholdOffset()).containsExactly(off);
        // and the next lazy step decays from there only
        model.stepTouched(s, new float[n], new int[] {0}, 1, DT, steps + 7, new Spikes(n));
        off[0] *= pow(2);
        if (v[0] > 1.5f + off[0]) {
            off[0] += PLUS; // a potential held above the base threshold fires once the offset has decayed
        }
        assertThat(s.thresholdOffset()).containsExactly(off);
    }

    @Test
    void advanceToAlsoAdvancesTheInnerModel() {
        // a leaky inner model: its potential decays to the rest value over the steps advanced
        LifParameters lp = LifParameters.defaults().withVRest(-2f).withVReset(-2f);
        AdaptiveThreshold model = new AdaptiveThreshold(new Lif(lp), PLUS, TAU);
        NeuronState s = new NeuronState(1, model.stateVariables());
        model.initialise(s);
        s.get(Lif.V)[0] = 8f;
        s.lastUpdateStep()[0] = 0;
        s.thresholdOffset()[0] = 1f;
        model.advanceTo(s, DT, 10);
        assertThat((double) s.get(Lif.V)[0]).isCloseTo(-2 + 10 * Math.exp(-10 * DT / 20.0),
                org.assertj.core.api.Assertions.within(1e-5));
        assertThat(s.thresholdOffset()[0]).isEqualTo(pow(10));
        assertThat(s.lastUpdateStep()[0]).isEqualTo(10);
    }

    @Test
    void advanceToLeavesAClockDrivenInnerModelAlone() {
        AdaptiveThreshold model = new AdaptiveThreshold(new PerfectIf(new PerfectIfParameters(1f, 0f,
                ResetMode.SUBTRACT, 0f, false, ThresholdComparison.GREATER_OR_EQUAL)), PLUS, TAU);
        NeuronState s = new NeuronState(2, model.stateVariables());
        model.initialise(s);
        s.thresholdOffset()[0] = 2f;
        s.thresholdOffset()[1] = 3f;
        model.advanceTo(s, DT, 100);
        assertThat(s.thresholdOffset()).containsExactly(2f, 3f);
    }

    @Test
    void accessorsAndChecks() {
        PerfectIf inner = new PerfectIf(PerfectIfParameters.of(1f));
        AdaptiveThreshold a = new AdaptiveThreshold(inner, 0.05f, 1e7f);
        assertThat(a.inner()).isSameAs(inner);
        assertThat(a.thetaPlus()).isEqualTo(0.05f);
        assertThat(a.tauThetaMs()).isEqualTo(1e7f);
        assertThat(a.keepsThresholdOffset()).isTrue();
        assertThat(a.stateVariables()).isEqualTo(inner.stateVariables());
        assertThat(a.toString()).isEqualTo("AdaptiveThreshold[thetaPlus=0.05, tauThetaMs=1.0E7, persistent=true] of "
                + inner);
        assertThat(new AdaptiveThreshold(inner, 0f, 2f, false).toString())
                .isEqualTo("AdaptiveThreshold[thetaPlus=0.0, tauThetaMs=2.0, persistent=false] of " + inner);
        assertThatThrownBy(() -> new AdaptiveThreshold(inner, -0.1f, 1f)).hasMessageContaining("thetaPlus");
        assertThatThrownBy(() -> new AdaptiveThreshold(inner, 0.1f, 0f)).hasMessageContaining("tauThetaMs");
        assertThatThrownBy(() -> new AdaptiveThreshold(null, 0.1f, 1f)).hasMessage("inner");
        // initialise delegates: the potentials start at the inner model's reset value
        AdaptiveThreshold shifted = new AdaptiveThreshold(new PerfectIf(PerfectIfParameters.of(1f).withVReset(-0.5f)),
                0.1f, 1f);
        NeuronState s = new NeuronState(3, shifted.stateVariables());
        shifted.initialise(s);
        assertThat(s.get(PerfectIf.V)).containsOnly(-0.5f);
    }
}
