package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.snn4j.CurrentSource;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.testkit.NeuronModelContract;

/**
 * Event-driven IF with constant currents: the contract (with currents <= 0, so no input means no spike), the
 * predicted crossing against step-by-step iteration of the same float formula, the event-driven path against the
 * clock-driven one with positive currents (same spikes in the same order, same state), and the count law.
 */
class BiasedIfTest extends NeuronModelContract {
    private static final PerfectIfParameters SUB = new PerfectIfParameters(10f, 0f, ResetMode.SUBTRACT, 0f, false,
            ThresholdComparison.GREATER);

    private static float[] currents(int n, double lo, double hi, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            c[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return c;
    }

    @Override
    protected NeuronModel create() {
        return new BiasedIf(SUB, currents(size(), -0.5, 0, 3));
    }

    @Override
    protected float threshold() {
        return 10f;
    }

    @Override
    protected boolean staysAtOrBelowThreshold() {
        return false;
    }

    /** The smallest n with u + c n firing, by iterating n = 1, 2, ... over the same float expression. */
    private static int iterate(float u, float c, float theta, boolean strict) {
        for (int n = 1; n <= 2_000_000; n++) {
            float p = u + c * n;
            if (strict ? p > theta : p >= theta) {
                return n;
            }
        }
        return -1;
    }

    @Property(tries = 2000, seed = "41")
    void predictedCrossingIsTheFirstStepOfTheFloatFormula(@ForAll @FloatRange(min = -20f, max = 20f) float u,
                                                         @ForAll @FloatRange(min = -1f, max = 3f) float c,
                                                         @ForAll @FloatRange(min = 0.01f, max = 20f) float theta,
                                                         @ForAll boolean strict) {
        BiasedIf m = new BiasedIf(SUB.withComparison(strict ? ThresholdComparison.GREATER
                : ThresholdComparison.GREATER_OR_EQUAL), new float[1]);
        // tiny positive currents take up to 2e6 steps by iteration; keep the brute force bounded
        float cc = c > 0f && c < 2e-5f ? 2e-5f : c;
        assertThat(m.firstCrossing(u, cc, theta)).as("u %s c %s theta %s", u, cc, theta)
                .isEqualTo(iterate(u, cc, theta, strict));
    }

    @Test
    void crossingAtTheExactThresholdFollowsTheComparison() {
        BiasedIf ge = new BiasedIf(SUB.withComparison(ThresholdComparison.GREATER_OR_EQUAL), new float[1]);
        BiasedIf gt = new BiasedIf(SUB, new float[1]);
        // 0 + 0.5 * 20 = 10 exactly
        assertThat(ge.firstCrossing(0f, 0.5f, 10f)).isEqualTo(20);
        assertThat(gt.firstCrossing(0f, 0.5f, 10f)).isEqualTo(21);
        assertThat(gt.firstCrossing(0f, 0f, 10f)).isEqualTo(-1);
        assertThat(gt.firstCrossing(11f, -0.5f, 10f)).isEqualTo(1);
        assertThat(gt.firstCrossing(11f, -1.5f, 10f)).isEqualTo(-1);
    }

    /** Runs {@code steps} steps of random sparse input; returns each step's spikes in emission order. */
    private static List<int[]> run(BiasedIf m, NeuronState s, int steps, long seed, double density, float dt) {
        return run(m, s, steps, seed, t -> density, dt, null);
    }

    /**
     * Runs {@code steps} steps of random input of density {@code density(t)}; returns each step's spikes in emission
     * order, and sets {@code dense[t]} to whether the calendar was in the dense mode after step {@code t}.
     */
    private static List<int[]> run(BiasedIf m, NeuronState s, int steps, long seed,
                                   java.util.function.IntToDoubleFunction densityAt, float dt, boolean[] dense) {
        int n = s.size();
        SplittableRandom rng = new SplittableRandom(seed);
        float[] in = new float[n];
        int[] touched = new int[n];
        Spikes out = new Spikes(n);
        List<int[]> spikes = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            Arrays.fill(in, 0f);
            int count = 0;
            double density = densityAt.applyAsDouble(t);
            for (int i = 0; i < n; i++) {
                double r = rng.nextDouble();
                if (r < density) {
                    in[i] = (float) (rng.nextDouble() * 9 - 4);
                    touched[count++] = i;
                } else if (r < 1.2 * density) {
                    touched[count++] = i;      // touched by weights that sum to zero
                }
            }
            out.clear();
            if (m.closedForm()) {
                m.stepTouched(s, in, touched, count, dt, t, out);
            } else {
                m.step(s, in, null, dt, t, out);
            }
            spikes.add(Arrays.copyOf(out.indices(), out.count()));
            if (dense != null) {
                dense[t] = s.calendar().dense();
            }
        }
        return spikes;
    }

    @Test
    void switchingBetweenDenseAndEventDrivenKeepsTheClockDrivenSpikes() {
        // quiet, a burst of input to most neurons (dense), quiet again (back to event-driven), a shorter burst, and
        // a second presentation that starts dense because the first ended dense
        int n = 400;
        float[] cur = currents(n, -0.5, 0.5, 21);
        PerfectIfParameters p = new PerfectIfParameters(10f, 0f, ResetMode.SUBTRACT, 0f, false,
                ThresholdComparison.GREATER);
        BiasedIf event = new BiasedIf(p, CurrentSource.constant(cur), true);
        BiasedIf clock = event.withEventDriven(false);
        NeuronState se = new NeuronState(n, event.stateVariables());
        NeuronState sc = new NeuronState(n, clock.stateVariables());
        java.util.function.IntToDoubleFunction density = t -> t >= 100 && t < 160 ? 0.6
                : t >= 300 && t < 305 ? 0.4 : t >= 390 ? 0.9 : 0.01;
        for (int presentation = 0; presentation < 2; presentation++) {
            se.clear();
            sc.clear();
            event.initialise(se);
            clock.initialise(sc);
            assertThat(se.calendar().endedDense()).as("previous presentation ended dense").isEqualTo(presentation == 1);
            int steps = 400;
            boolean[] dense = new boolean[steps];
            List<int[]> a = run(event, se, steps, 5 + presentation, density, 1f, dense);
            List<int[]> b = run(clock, sc, steps, 5 + presentation, density, 1f, null);
            for (int t = 0; t < steps; t++) {
                assertThat(a.get(t)).as("presentation %d step %d", presentation, t).containsExactly(b.get(t));
            }
            event.advanceTo(se, 1f, steps - 1);
            assertThat(se.get(BiasedIf.V)).containsExactly(sc.get(BiasedIf.V));
            assertThat(se.lastSpikeStep()).containsExactly(sc.lastSpikeStep());
            assertThat(dense[50]).as("dense in the quiet part").isFalse();
            assertThat(dense[120]).as("dense in the burst").isTrue();
            assertThat(dense[250]).as("dense after the burst").isFalse();
            assertThat(dense[399]).as("dense at the end").isTrue();
        }
    }

    @Test
    void eventDrivenPathGivesTheClockDrivenSpikesInTheSameOrder() {
        for (float dt : new float[] {1f, 0.25f}) {
            for (ThresholdComparison cmp : ThresholdComparison.values()) {
                for (ResetMode reset : ResetMode.values()) {
                    int n = 300;
                    float[] cur = currents(n, -1.0, 4.0, 5);
                    cur[7] = 0f;
                    cur[8] = 10f;                  // fires at every step
                    cur[9] = 1e-3f;                // crosses late
                    PerfectIfParameters p = new PerfectIfParameters(10f, reset == ResetMode.TO_VALUE ? -2f : 0f,
                            reset, 0f, false, cmp);
                    BiasedIf event = new BiasedIf(p, CurrentSource.constant(cur), true);
                    BiasedIf clock = event.withEventDriven(false);
                    NeuronState se = new NeuronState(n, event.stateVariables());
                    NeuronState sc = new NeuronState(n, clock.stateVariables());
                    event.initialise(se);
                    clock.initialise(sc);
                    int steps = 500;
                    List<int[]> a = run(event, se, steps, 9, 0.05, dt);
                    List<int[]> b = run(clock, sc, steps, 9, 0.05, dt);
                    int total = 0;
                    for (int t = 0; t < steps; t++) {
                        assertThat(a.get(t)).as("dt %s %s %s step %d", dt, cmp, reset, t).containsExactly(b.get(t));
                        total += a.get(t).length;
                    }
                    assertThat(total).isGreaterThan(steps);
                    event.advanceTo(se, dt, steps - 1);
                    assertThat(se.get(BiasedIf.V)).containsExactly(sc.get(BiasedIf.V));
                    assertThat(se.lastSpikeStep()).containsExactly(sc.lastSpikeStep());
                }
            }
        }
    }

    @Test
    void eventDrivenPathTouchesOnlyNeuronsWithInputOrSpikes() {
        // no input: a neuron with current c fires at steps where the formula crosses; the others are never read,
        // so their base step stays -1
        int n = 1000;
        float[] cur = new float[n];
        cur[3] = 0.3f;
        BiasedIf m = new BiasedIf(SUB, cur);
        NeuronState s = new NeuronState(n, m.stateVariables());
        m.initialise(s);
        Spikes out = new Spikes(n);
        int[] spikeSteps = new int[4];
        int spikes = 0;
        for (int t = 0; t < 100; t++) {
            out.clear();
            m.stepTouched(s, new float[n], new int[0], 0, 1f, t, out);
            if (out.count() > 0) {
                assertThat(out.get(0)).isEqualTo(3);
                spikeSteps[spikes++] = t;
            }
        }
        // v > 10 at 0.3 per step from 0: 0.3 * 34 = 10.2 at step 33; then from 0.2: 33 steps, from 0.1: 33 steps
        assertThat(spikes).isEqualTo(3);
        assertThat(spikeSteps).containsExactly(33, 66, 99, 0);
        for (int i = 0; i < n; i++) {
            assertThat(s.lastUpdateStep()[i]).as("base step of neuron %d", i).isEqualTo(i == 3 ? 99 : -1);
        }
    }

    /** Integer currents and thresholds at dt = 1 keep every float operation exact: floor(I T / theta) spikes. */
    @Property(tries = 200, seed = "43")
    void countIsFloorOfChargeOverThreshold(@ForAll @IntRange(min = 1, max = 50) int current,
                                          @ForAll @IntRange(min = 1, max = 100) int theta,
                                          @ForAll @IntRange(min = 1, max = 400) int steps) {
        net.jqwik.api.Assume.that(current <= theta);
        BiasedIf m = new BiasedIf(new PerfectIfParameters(theta, 0f, ResetMode.SUBTRACT, 0f, false,
                ThresholdComparison.GREATER_OR_EQUAL), new float[] {current});
        NeuronState s = new NeuronState(1, m.stateVariables());
        m.initialise(s);
        Spikes out = new Spikes(1);
        int count = 0;
        for (int t = 0; t < steps; t++) {
            out.clear();
            m.stepTouched(s, new float[1], new int[0], 0, 1f, t, out);
            count += out.count();
        }
        assertThat(count).isEqualTo((int) ((long) current * steps / theta));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new BiasedIf(SUB.withRefractoryMs(1f), new float[1]))
                .hasMessageContaining("refractoryMs");
        assertThatThrownBy(() -> new BiasedIf(SUB.withFireOnce(true), new float[1])).hasMessageContaining("fireOnce");
        BiasedIf m = new BiasedIf(SUB, new float[3]);
        assertThatThrownBy(() -> m.initialise(new NeuronState(4, m.stateVariables())))
                .hasMessageContaining("current for 3 neurons and a population of 4");
        NeuronState s = new NeuronState(3, m.stateVariables());
        m.initialise(s);
        assertThatThrownBy(() -> m.step(s, new float[3], new float[3], 1f, 0, new Spikes(3)))
                .hasMessageContaining("cannot take an external one");
    }
}
