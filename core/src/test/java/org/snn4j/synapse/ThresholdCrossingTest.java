package org.snn4j.synapse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;

/**
 * The threshold pass with a scratch array ({@link Refractory#firstCrossing}, the capped copy compared with
 * {@link Arrays#mismatch}) finds exactly the neurons of the plain scan {@code v[i] >= threshold}, in the same order,
 * also for the values where a float comparison is delicate (NaN, both zeros, infinities, the neighbours of the
 * threshold) and for thresholds where the capped copy cannot work (minus infinity, NaN: the plain scan is used).
 */
class ThresholdCrossingTest {
    private static final float[] SPECIAL = {Float.NaN, -0f, 0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, -50f, Math.nextDown(-50f),
        Math.nextUp(-50f), -60f, -49f, 1f, -1f, Float.MIN_NORMAL, -Float.MIN_NORMAL,
        Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffc00000)};

    private static final float[] THRESHOLDS = {-50f, 0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE,
        -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e-30f, -1e30f};

    private static int plainFirst(float[] v, float threshold, int from, int to) {
        for (int i = from; i < to; i++) {
            if (v[i] >= threshold) {
                return i;
            }
        }
        return to;
    }

    /** firstCrossing against the plain loop, from every start, for arrays of delicate values. */
    @Test
    void firstCrossingIsThePlainScan() {
        SplittableRandom rng = new SplittableRandom(7);
        int checked = 0;
        int found = 0;
        for (float th : THRESHOLDS) {
            float below = Math.nextDown(th);
            if (!(below < th)) {
                continue; // minus infinity and NaN: fire() takes the plain scan (tested below)
            }
            for (int trial = 0; trial < 200; trial++) {
                int n = 1 + rng.nextInt(70);
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = rng.nextInt(3) == 0 ? SPECIAL[rng.nextInt(SPECIAL.length)]
                            : rng.nextInt(2) == 0 ? th : Float.intBitsToFloat(rng.nextInt());
                }
                float[] capped = new float[n];
                for (int i = 0; i < n; i++) {
                    capped[i] = Math.min(v[i], below);
                }
                for (int from = 0; from <= n; from++) {
                    int want = plainFirst(v, th, from, n);
                    assertThat(Refractory.firstCrossing(v, capped, from, n))
                            .as("threshold %s, from %d, v %s", th, from, Arrays.toString(v)).isEqualTo(want);
                    checked++;
                    found += want < n ? 1 : 0;
                }
            }
        }
        assertThat(checked).isGreaterThan(10_000);
        assertThat(found).isGreaterThan(checked / 4);
    }

    /** The whole pass with and without the scratch: the same spikes, potentials, counters, flags and spike steps. */
    @Test
    void firePassWithScratchEqualsThePlainPass() {
        SplittableRandom rng = new SplittableRandom(11);
        List<org.snn4j.StateVar> vars = List.of(ExpCurrentLif.V, Refractory.COUNTER, Refractory.LIVE);
        int fired = 0;
        for (float th : THRESHOLDS) {
            for (int trial = 0; trial < 50; trial++) {
                int n = 1 + rng.nextInt(300);
                NeuronState a = new NeuronState(n, vars);
                NeuronState b = new NeuronState(n, vars);
                for (int i = 0; i < n; i++) {
                    float x = rng.nextInt(4) == 0 ? SPECIAL[rng.nextInt(SPECIAL.length)]
                            : rng.nextInt(3) == 0 ? th : (float) (rng.nextGaussian() * 10 - 55);
                    float live = rng.nextInt(5) == 0 ? 0f : 1f;
                    for (NeuronState s : new NeuronState[] {a, b}) {
                        s.get(ExpCurrentLif.V)[i] = x;
                        s.get(Refractory.LIVE)[i] = live;
                        s.get(Refractory.COUNTER)[i] = 1f - live;
                    }
                }
                int from = rng.nextInt(n);
                int to = from + rng.nextInt(n - from + 1);
                Spikes sa = new Spikes(n);
                Spikes sb = new Spikes(n);
                Refractory.fire(a, a.get(Refractory.COUNTER), a.get(Refractory.LIVE), th, -60f, 7, from, to, 3, sa,
                        null);
                float[] scratch = new float[n];
                Refractory.fire(b, b.get(Refractory.COUNTER), b.get(Refractory.LIVE), th, -60f, 7, from, to, 3, sb,
                        scratch);
                String what = "threshold " + th + ", range [" + from + ", " + to + ")";
                assertThat(Arrays.copyOf(sb.indices(), sb.count())).as(what)
                        .isEqualTo(Arrays.copyOf(sa.indices(), sa.count()));
                for (org.snn4j.StateVar var : vars) {
                    float[] x = a.get(var);
                    float[] y = b.get(var);
                    for (int i = 0; i < n; i++) {
                        assertThat(Float.floatToRawIntBits(y[i])).as("%s %s[%d]", what, var.name(), i)
                                .isEqualTo(Float.floatToRawIntBits(x[i]));
                    }
                }
                assertThat(b.lastSpikeStep()).as(what).isEqualTo(a.lastSpikeStep());
                fired += sa.count();
            }
        }
        assertThat(fired).isGreaterThan(1000);
    }

    /** A minus-infinity threshold: every integrating neuron fires (the capped copy would miss -inf itself). */
    @Test
    void minusInfinityThresholdFiresEveryIntegratingNeuron() {
        NeuronState s = new NeuronState(4, List.of(ExpCurrentLif.V, Refractory.COUNTER, Refractory.LIVE));
        s.get(ExpCurrentLif.V)[0] = Float.NEGATIVE_INFINITY;
        s.get(ExpCurrentLif.V)[1] = -1e30f;
        s.get(ExpCurrentLif.V)[2] = Float.NaN;
        s.get(ExpCurrentLif.V)[3] = 0f;
        Arrays.fill(s.get(Refractory.LIVE), 1f);
        Spikes out = new Spikes(4);
        Refractory.fire(s, s.get(Refractory.COUNTER), s.get(Refractory.LIVE), Float.NEGATIVE_INFINITY, -60f, 2, 0, 4,
                0, out, new float[4]);
        assertThat(Arrays.copyOf(out.indices(), out.count())).containsExactly(0, 1, 3);
    }

    /** A COBA population stepped with and without the scratch: the same spikes and state for 3,000 steps. */
    @Test
    void conductanceModelStepsTheSameWithTheScratch() {
        ExpConductanceLif m = new ExpConductanceLif(ConductanceParameters.brette2007()).bind(0.1f);
        int n = 300;
        NeuronState a = new NeuronState(n, m.stateVariables());
        NeuronState b = new NeuronState(n, m.stateVariables());
        m.initialise(a);
        m.initialise(b);
        SplittableRandom rng = new SplittableRandom(3);
        float[] scratch = new float[n];
        Spikes sa = new Spikes(n);
        Spikes sb = new Spikes(n);
        long spikes = 0;
        for (int t = 0; t < 3000; t++) {
            float[] e = new float[n];
            float[] h = new float[n];
            for (int i = 0; i < n; i++) {
                e[i] = rng.nextInt(3) == 0 ? 0.6f * rng.nextInt(6) : 0f;
                h[i] = rng.nextInt(8) == 0 ? 6.7f : 0f;
            }
            sa.clear();
            sb.clear();
            m.stepRange(a, e.clone(), h.clone(), 0, n, 0.1f, t, sa);
            m.stepRange(b, e, h, 0, n, 0.1f, t, sb, scratch);
            assertThat(Arrays.copyOf(sb.indices(), sb.count())).as("step %d", t)
                    .isEqualTo(Arrays.copyOf(sa.indices(), sa.count()));
            spikes += sa.count();
        }
        for (org.snn4j.StateVar var : m.stateVariables()) {
            assertThat(b.get(var)).as(var.name()).isEqualTo(a.get(var));
        }
        assertThat(spikes).isGreaterThan(500);
    }
}
