package org.snn4j.synapse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.neuron.NeuronModel;
import org.snn4j.testkit.NeuronModelContract;

/**
 * The exponential current synapse onto a LIF: the contract, and the closed-form post-synaptic potential
 * {@code V(t) - vRest = w tauX/(tauX - tauM) (e^{-t/tauX} - e^{-t/tauM})} (and {@code w t/tau e^{-t/tau}} for
 * equal time constants), its peak time {@code tauM tauX/(tauM - tauX) ln(tauM/tauX)}, and Brian2's
 * refractory rule.
 */
class ExpCurrentLifTest extends NeuronModelContract {
    static final ExpCurrentParameters P = new ExpCurrentParameters(20f, 5f, 10f, 0f, 10f, 0f, 2f);

    @Override
    protected NeuronModel create() {
        return new ExpCurrentLif(P);
    }

    @Override
    protected float threshold() {
        return 10f;
    }

    @Override
    protected float maxCurrent() {
        return 15f;
    }

    /** V of a single neuron after each of {@code steps} steps, given arrivals at step 0 only. */
    static float[] trace(ExpCurrentLif m, float exc, float inh, int steps, float dt) {
        NeuronState s = new NeuronState(1, m.stateVariables());
        m.initialise(s);
        float[] e = {exc};
        float[] h = {inh};
        float[] v = new float[steps];
        Spikes out = new Spikes(1);
        for (int t = 0; t < steps; t++) {
            m.stepRange(s, e, h, 0, 1, dt, t, out);
            v[t] = s.get(ExpCurrentLif.V)[0];
        }
        assertThat(out.count()).isZero();
        return v;
    }

    static double psp(double w, double t, double tauM, double tauX) {
        if (tauX == tauM) {
            return w * t / tauM * Math.exp(-t / tauM);
        }
        return w * tauX / (tauX - tauM) * (Math.exp(-t / tauX) - Math.exp(-t / tauM));
    }

    @Test
    void excitatoryPspMatchesTheClosedForm() {
        ExpCurrentLif m = new ExpCurrentLif(P);
        float dt = 0.1f;
        float[] v = trace(m, 3f, 0f, 1000, dt);
        int argmax = 0;
        for (int k = 0; k < v.length; k++) {
            double t = (k + 1) * (double) dt;
            assertThat((double) v[k]).as("V after step %d", k).isCloseTo(psp(3, t, 20, 5), within(2e-5));
            if (v[k] > v[argmax]) {
                argmax = k;
            }
        }
        double peak = 20.0 * 5 / 15 * Math.log(4.0); // 9.242 ms
        assertThat((argmax + 1) * (double) dt).isCloseTo(peak, within(0.1));
        assertThat((double) v[argmax]).isCloseTo(psp(3, peak, 20, 5), within(1e-4));
    }

    @Test
    void inhibitoryPspUsesTheInhibitoryTimeConstant() {
        ExpCurrentLif m = new ExpCurrentLif(P);
        float[] v = trace(m, 0f, -2f, 800, 0.1f);
        for (int k = 0; k < v.length; k++) {
            assertThat((double) v[k]).isCloseTo(psp(-2, (k + 1) * 0.1, 20, 10), within(2e-5));
        }
        assertThat(v[100]).isNegative();
    }

    @Test
    void equalTimeConstantsGiveTheAlphaShape() {
        ExpCurrentLif m = new ExpCurrentLif(new ExpCurrentParameters(20f, 20f, 20f, 0f, 10f, 0f, 2f));
        float[] v = trace(m, 1f, 0f, 1000, 0.1f);
        for (int k = 0; k < v.length; k++) {
            assertThat((double) v[k]).isCloseTo(psp(1, (k + 1) * 0.1, 20, 20), within(2e-5));
        }
    }

    @Test
    void theStepIsExactAtAnyStepLength() {
        // one 1 ms step equals ten 0.1 ms steps up to float rounding (exact integration, not Euler)
        ExpCurrentLif m = new ExpCurrentLif(P);
        float[] coarse = trace(m, 3f, -2f, 50, 1f);
        float[] fine = trace(m, 3f, -2f, 500, 0.1f);
        for (int k = 0; k < 50; k++) {
            assertThat(coarse[k]).isCloseTo(fine[10 * k + 9], within(5e-5f));
        }
    }

    @Test
    void refractoryFollowsBrian2sRule() {
        // r = round(2 / 0.1) = 20: held during steps ts+1 .. ts+19, integrating again at ts+20
        ExpCurrentLif m = new ExpCurrentLif(P);
        NeuronState s = new NeuronState(1, m.stateVariables());
        m.initialise(s);
        Spikes out = new Spikes(1);
        float[] e = {0f};
        float[] h = {0f};
        float[] cur = {12f};
        int ts = -1;
        float[] v = new float[1000];
        for (int t = 0; t < 1000; t++) {
            out.clear();
            m.step(s, new float[1], cur, 0.1f, t, out);
            v[t] = s.get(ExpCurrentLif.V)[0];
            if (out.count() > 0 && ts < 0) {
                ts = t;
            }
        }
        assertThat(ts).isPositive();
        for (int t = ts; t < ts + 20; t++) {
            assertThat(v[t]).as("step %d", t).isEqualTo(0f);
        }
        assertThat(v[ts + 20]).isPositive();
        // the rest of the trajectory: V = 12 (1 - e^{-(t - ts - 19) dt / tau}) after the hold
        assertThat((double) v[ts + 29]).isCloseTo(12 * (1 - Math.exp(-1.0 / 20)), within(1e-4));
        assertThat(e[0]).isZero();
        assertThat(h[0]).isZero();
    }

    @Test
    void signedInputGoesToTheMatchingSynapse() {
        ExpCurrentLif m = new ExpCurrentLif(P);
        NeuronState s = new NeuronState(2, m.stateVariables());
        m.initialise(s);
        m.step(s, new float[] {2f, -3f}, null, 0.1f, 0, new Spikes(2));
        float ae = (float) Math.exp(-0.1 / 5);
        float ai = (float) Math.exp(-0.1 / 10);
        assertThat(s.get(ExpCurrentLif.I_EXC)).containsExactly(2f * ae, 0f);
        assertThat(s.get(ExpCurrentLif.I_INH)).containsExactly(0f, -3f * ai);
    }

    /**
     * The threshold pass compares with the threshold alone while no offset has been handed out (known zero), and
     * with {@code threshold + offset} otherwise: the same spikes and state, bit for bit, for a driven population
     * stepped both ways (zero offsets handed out in the second); an offset written after it was handed out is
     * honoured (the raised neurons never fire), and zeroing the offsets makes them known zero again.
     */
    @Test
    void thresholdPassWithoutOffsetsGivesTheSameSpikes() {
        ExpCurrentLif m = new ExpCurrentLif(P).bind(0.1f);
        int n = 64;
        NeuronState known = new NeuronState(n, m.stateVariables());
        NeuronState handed = new NeuronState(n, m.stateVariables());
        NeuronState raised = new NeuronState(n, m.stateVariables());
        for (NeuronState s : new NeuronState[] {known, handed, raised}) {
            s.clear();
            m.initialise(s);
        }
        assertThat(known.thresholdOffsetsZero()).isTrue();
        assertThat(handed.thresholdOffset()).containsOnly(0f);
        assertThat(handed.thresholdOffsetsZero()).isFalse();
        float[] off = raised.thresholdOffset();
        for (int i = 0; i < n; i += 2) {
            off[i] = 1e6f;
        }
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        Spikes a = new Spikes(n);
        Spikes b = new Spikes(n);
        Spikes c = new Spikes(n);
        long spikes = 0;
        for (int t = 0; t < 2000; t++) {
            float[] e = new float[n];
            float[] h = new float[n];
            for (int i = 0; i < n; i++) {
                e[i] = rng.nextInt(4) == 0 ? 3f : 0f;
                h[i] = rng.nextInt(10) == 0 ? -2f : 0f;
            }
            a.clear();
            b.clear();
            c.clear();
            m.stepRange(known, e.clone(), h.clone(), 0, n, 0.1f, t, a);
            m.stepRange(handed, e.clone(), h.clone(), 0, n, 0.1f, t, b);
            m.stepRange(raised, e, h, 0, n, 0.1f, t, c);
            assertThat(java.util.Arrays.copyOf(b.indices(), b.count())).as("step %d", t).isEqualTo(java.util.Arrays.copyOf(a.indices(), a.count()));
            for (int i : java.util.Arrays.copyOf(c.indices(), c.count())) {
                assertThat(i % 2).as("raised neuron %d fired at step %d", i, t).isEqualTo(1);
            }
            spikes += a.count();
        }
        assertThat(spikes).isGreaterThan(500);
        for (org.snn4j.StateVar var : m.stateVariables()) {
            assertThat(handed.get(var)).as("%s", var).isEqualTo(known.get(var));
        }
        assertThat(known.thresholdOffsetsZero()).isTrue();
        raised.zeroThresholdOffsets();
        assertThat(raised.thresholdOffsetsZero()).isTrue();
    }

    @Test
    void stepRangeConsumesTheArrivalsOfItsRangeOnly() {
        ExpCurrentLif m = new ExpCurrentLif(P);
        NeuronState s = new NeuronState(4, m.stateVariables());
        m.initialise(s);
        float[] e = {1f, 1f, 1f, 1f};
        float[] h = {-1f, -1f, -1f, -1f};
        m.stepRange(s, e, h, 1, 3, 0.1f, 0, new Spikes(4));
        assertThat(e).containsExactly(1f, 0f, 0f, 1f);
        assertThat(h).containsExactly(-1f, 0f, 0f, -1f);
        assertThat(s.get(ExpCurrentLif.I_EXC)[0]).isZero();
        assertThat(s.get(ExpCurrentLif.I_EXC)[1]).isPositive();
    }

    @Test
    void badParametersAreNamed() {
        assertThatThrownBy(() -> new ExpCurrentParameters(20f, -5f, 10f, 0f, 10f, 0f, 2f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tauExcMs").hasMessageContaining("-5.0");
        assertThatThrownBy(() -> new ExpCurrentParameters(20f, 5f, 10f, 0f, 10f, 10f, 2f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vReset");
    }

    @Test
    void brettePresetIsThePublishedNetwork() {
        ExpCurrentParameters b = ExpCurrentParameters.brette2007();
        assertThat(b.vRest()).isEqualTo(-49f);
        assertThat(b.vThreshold()).isEqualTo(-50f);
        assertThat(b.vReset()).isEqualTo(-60f);
        assertThat(new ExpCurrentLif(b).closedForm()).isFalse();
    }
}
