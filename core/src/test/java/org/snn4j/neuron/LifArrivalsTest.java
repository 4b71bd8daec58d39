package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@link Lif#arrive} (arrivals one at a time) against a plain re-statement of the LIF update per arrival, bit for
 * bit: potentials, last spike and last update steps, and the spikes in the order they happen. Random parameters
 * (rest 0 or -65 mV, refractory 0-3 steps), threshold offsets, several rows per step that hit the same neurons,
 * gaps of more than the decay table's 1,024 steps; the model as constructed and bound to the step.
 */
public class LifArrivalsTest {
    /** The step, ms. */
    public static final float DT = 0.5f;

    /** The LIF update of one arrival written out plainly (branches as in the class javadoc); step {@link #DT}. */
    public static final class PlainLif {
        final LifParameters p;
        public final float[] v;
        public final int[] lastSpike;
        public final int[] lastUpdate;
        final int ref;

        public PlainLif(LifParameters p, int n) {
            this.p = p;
            v = new float[n];
            Arrays.fill(v, p.vRest());
            lastSpike = new int[n];
            Arrays.fill(lastSpike, -1);
            lastUpdate = new int[n];
            Arrays.fill(lastUpdate, -1);
            ref = Math.round(p.refractoryMs() / DT);
        }

        /** Whether neuron {@code i} ignores input in step {@code t} (refractory, or fired in {@code t}). */
        public boolean refractory(int i, int t) {
            return lastSpike[i] >= 0 && t - lastSpike[i] <= ref;
        }

        /** The exact decay over {@code n} steps rounded once, as the decay table gives it. */
        float decay(int n) {
            double e = n < 1024 ? Math.exp(-n * ((double) DT / p.tauMs())) : Math.exp(-(double) n * DT / p.tauMs());
            return (float) e;
        }

        /**
         * Neuron {@code i}'s potential in step {@code t} before input: decayed from its last update, or from the end
         * of its refractory period, during which it is held at the reset value (a factor of 1 in its update step).
         */
        public float decayed(int i, int t) {
            int from = lastUpdate[i];
            if (lastSpike[i] >= 0 && lastSpike[i] + ref > from) {
                from = lastSpike[i] + ref;
            }
            return p.vRest() + (v[i] - p.vRest()) * decay(t - from);
        }

        /** One arrival, tested at once. */
        void arrive(int i, float w, float offset, int t, List<Integer> fired) {
            if (refractory(i, t)) {
                return;
            }
            float x = decayed(i, t) + w;
            lastUpdate[i] = t;
            if (x >= p.vThreshold() + offset) {
                x = p.vReset();
                lastSpike[i] = t;
                fired.add(i);
            }
            v[i] = x;
        }
    }

    @Property(tries = 40)
    void arrivalsEqualThePlainUpdate(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 5 + r.nextInt(40);
        float vRest = r.nextBoolean() ? 0f : -65f;
        float vThreshold = vRest + 4f + r.nextInt(8);
        float vReset = vRest - r.nextInt(3);
        LifParameters p = new LifParameters(5f + r.nextInt(30), vRest, vReset, vThreshold, 1f,
                r.nextInt(4) * DT, ResetMode.TO_VALUE);
        Lif lif = new Lif(p);
        NeuronModel model = r.nextBoolean() ? lif : lif.bind(DT);
        assertThat(model).isInstanceOf(ArrivalDriven.class);
        ArrivalDriven a = (ArrivalDriven) model;
        NeuronState s = new NeuronState(n, lif.stateVariables());
        lif.initialise(s);
        float[] off = s.thresholdOffset();
        for (int i = 0; i < n; i++) {
            off[i] = r.nextInt(4) == 0 ? (float) (r.nextDouble() * 2 - 1) : 0f;
        }
        PlainLif plain = new PlainLif(p, n);
        Spikes out = new Spikes(n);
        int fired = 0;
        int t = 0;
        for (int step = 0; step < 200; step++) {
            t += r.nextInt(50) == 0 ? 1000 + r.nextInt(200) : 1 + r.nextInt(3);
            out.clear();
            List<Integer> want = new ArrayList<>();
            for (int row = r.nextInt(4); row > 0; row--) {
                int[] targets = r.ints(r.nextInt(n + 1), 0, n).sorted().distinct().toArray();
                float[] w = new float[targets.length];
                for (int k = 0; k < w.length; k++) {
                    w[k] = (float) (r.nextDouble() * 3);
                }
                // a row delivered in pieces, as the threads of a PopulationLayer do
                int cut = targets.length == 0 ? 0 : r.nextInt(targets.length + 1);
                a.arrive(s, targets, w, 0, cut, DT, t, out);
                a.arrive(s, targets, w, cut, targets.length, DT, t, out);
                for (int k = 0; k < targets.length; k++) {
                    plain.arrive(targets[k], w[k], off[targets[k]], t, want);
                }
            }
            assertThat(Arrays.copyOf(out.indices(), out.count())).as("spikes at %d", t)
                    .containsExactly(want.stream().mapToInt(Integer::intValue).toArray());
            fired += want.size();
            float[] v = s.get(Lif.V);
            for (int i = 0; i < n; i++) {
                assertThat(Float.floatToIntBits(v[i])).as("V of neuron %d at %d", i, t)
                        .isEqualTo(Float.floatToIntBits(plain.v[i]));
            }
            assertThat(s.lastSpikeStep()).as("last spikes at %d", t).containsExactly(plain.lastSpike);
            assertThat(s.lastUpdateStep()).as("last updates at %d", t).containsExactly(plain.lastUpdate);
        }
        assertThat(fired).as("the input makes neurons fire").isPositive();
    }

    /**
     * Several arrivals in one step: the weights are added to the potential one by one, and the neuron fires when the
     * running potential reaches its threshold (the weights being >= 0, the same neurons as one test after the last
     * arrival); later arrivals of that step find it fired. (One arrival per neuron and step is the lazy path bit for
     * bit: {@code NeuronModelContract}.)
     */
    @Test
    void aRunningSumThatCrossesFiresOnceAndIgnoresTheRestOfTheStep() {
        Lif lif = new Lif(new LifParameters(20f, 0f, -2f, 1f, 1f, 0f, ResetMode.TO_VALUE));
        NeuronState s = new NeuronState(2, lif.stateVariables());
        lif.initialise(s);
        Spikes out = new Spikes(2);
        // neuron 1 crosses at its second arrival; the third arrival of the same step finds it fired (refractory 0)
        lif.arrive(s, new int[] {1, 0, 1, 1}, new float[] {0.5f, 0.25f, 0.5f, 0.5f}, 0, 4, DT, 0, out);
        assertThat(out.toSortedArray()).containsExactly(1);
        assertThat(s.get(Lif.V)).containsExactly(0.25f, -2f);
        assertThat(s.lastSpikeStep()).containsExactly(-1, 0);
        assertThat(s.lastUpdateStep()).containsExactly(0, 0);
        // with no refractory period it takes input again in the next step, decayed from the reset value
        out.clear();
        lif.arrive(s, new int[] {1}, new float[] {0.5f}, 0, 1, DT, 1, out);
        assertThat(s.get(Lif.V)[1]).isEqualTo(-2f * (float) Math.exp(-DT / 20.0) + 0.5f);
        assertThat(out.count()).isZero();
    }
}
