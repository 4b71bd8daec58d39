package org.snn4j.synapse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.SpikeSource;
import org.snn4j.Spikes;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;

/** Projections, ring-buffer delays and thread partitioning of {@link PopulationLayer}. */
class PopulationLayerTest {
    static final ExpCurrentParameters P = new ExpCurrentParameters(20f, 5f, 10f, 0f, 10f, 0f, 2f);

    /** Input neuron {@code k} fires at step {@code at[k]} (or never if negative). */
    record Pulses(int steps, int[] at) implements SpikeSource {
        @Override
        public int size() {
            return at.length;
        }

        @Override
        public void emit(int step, Spikes out) {
            for (int k = 0; k < at.length; k++) {
                if (at[k] == step) {
                    out.add(k);
                }
            }
        }
    }

    @Test
    void randomProjectionHasTheExpectedDensityAndSortedRows() {
        Projection p = Projection.random(400, 300, 0.05, 0.5f, Receptor.EXCITATORY, 2, new SplittableRandom(3));
        assertThat((double) p.synapseCount()).isCloseTo(0.05 * 400 * 300, within(4 * Math.sqrt(6000.0)));
        int[] rows = p.rowStart();
        int[] t = p.targets();
        for (int i = 0; i < 400; i++) {
            for (int k = rows[i] + 1; k < rows[i + 1]; k++) {
                assertThat(t[k]).isGreaterThan(t[k - 1]);
            }
        }
        Projection q = Projection.random(400, 300, 0.05, 0.5f, Receptor.EXCITATORY, 2, new SplittableRandom(3));
        assertThat(q.targets()).isEqualTo(t);
    }

    @Test
    void fromCsrSortsRowsAndNamesBadEntries() {
        Projection p = Projection.fromCsr(2, 4, new int[] {0, 3, 4}, new int[] {3, 1, 2, 0},
                new float[] {0.3f, 0.1f, 0.2f, 0.4f}, Receptor.INHIBITORY, 1);
        assertThat(p.targets()).containsExactly(1, 2, 3, 0);
        assertThat(p.weights()).containsExactly(0.1f, 0.2f, 0.3f, 0.4f);
        assertThatThrownBy(() -> Projection.fromCsr(2, 4, new int[] {0, 1, 2}, new int[] {0, 4}, new float[2],
                Receptor.EXCITATORY, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("post[1]").hasMessageContaining("4");
        assertThatThrownBy(() -> Projection.fromCsr(3, 4, new int[] {0, 2, 1, 2}, new int[] {0, 1}, new float[2],
                Receptor.EXCITATORY, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-decreasing");
        assertThatThrownBy(() -> Projection.random(2, 2, 0.5, 1f, Receptor.EXCITATORY, -1, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delaySteps");
    }

    /** The step at which the excitatory current of neuron 0 first becomes non-zero, for an input delay. */
    @Test
    void inputDelaysShiftTheArrivalByWholeSteps() {
        for (int d = 0; d <= 7; d += 7) {
            Projection p = Projection.fromCsr(1, 1, new int[] {0, 1}, new int[] {0}, new float[] {2f},
                    Receptor.EXCITATORY, d);
            PopulationLayer layer = PopulationLayer.builder("pop", Shape.flat(1), 1, new ExpCurrentLif(P)).input(p)
                    .build();
            Network net = Network.builder(Shape.flat(1), 0.1f).add(layer).build();
            Simulation sim = net.newSimulation(1);
            var trace = sim.recordState("pop", ExpCurrentLif.I_EXC, 0);
            sim.present(new Pulses(30, new int[] {5}));
            float[] ie = trace.trace(0);
            int first = -1;
            for (int t = 0; t < ie.length; t++) {
                if (ie[t] != 0f && first < 0) {
                    first = t;
                }
            }
            assertThat(first).as("delay %d", d).isEqualTo(5 + d);
            assertThat(ie[first]).isEqualTo(2f * (float) Math.exp(-0.1 / 5));
            assertThat(sim.synapticEvents(0)).isEqualTo(1);
        }
    }

    @Test
    void recurrentDelayCountsFromTheSpikeStep() {
        // neuron 0 is driven over threshold by its input; neuron 1 receives neuron 0's spikes with delay 4
        Projection drive = Projection.fromCsr(1, 2, new int[] {0, 1}, new int[] {0}, new float[] {200f},
                Receptor.EXCITATORY, 0);
        Projection rec = Projection.fromCsr(1, 2, new int[] {0, 1}, new int[] {1}, new float[] {-1.5f},
                Receptor.INHIBITORY, 4);
        PopulationLayer layer = PopulationLayer.builder("pop", Shape.flat(1), 2, new ExpCurrentLif(P)).input(drive)
                .recurrent(0, rec).build();
        Network net = Network.builder(Shape.flat(1), 0.1f).add(layer).build();
        Simulation sim = net.newSimulation(1);
        SpikeRaster raster = sim.recordSpikes("pop");
        var trace = sim.recordState("pop", ExpCurrentLif.I_INH, 1);
        sim.present(new Pulses(40, new int[] {2}));
        assertThat(raster.count()).isEqualTo(1);
        int ts = raster.steps()[0];
        float[] ii = trace.trace(0);
        for (int t = 0; t < ts + 4; t++) {
            assertThat(ii[t]).as("step %d", t).isZero();
        }
        assertThat(ii[ts + 4]).isEqualTo(-1.5f * (float) Math.exp(-0.1 / 10));
    }

    @Test
    void recurrentProjectionsNeedADelayAndAFittingRange() {
        Projection p = Projection.random(10, 20, 0.1, 1f, Receptor.EXCITATORY, 0, new SplittableRandom(1));
        assertThatThrownBy(() -> PopulationLayer.builder("pop", Shape.flat(1), 20, new ExpCurrentLif(P))
                .recurrent(0, p)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delaySteps");
        assertThatThrownBy(() -> PopulationLayer.builder("pop", Shape.flat(1), 20, new ExpCurrentLif(P))
                .recurrent(15, p.withDelaySteps(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[15, 25)");
        assertThatThrownBy(() -> PopulationLayer.builder("pop", Shape.flat(3), 20, new ExpCurrentLif(P)).input(p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("preSize 10");
    }

    /** A small random recurrent network with external Poisson-like drive; spikes as (step, neuron) pairs. */
    static List<long[]> run(int threads, SynapticModel model, float we, float wi) {
        SplittableRandom rng = new SplittableRandom(42);
        int n = 500;
        int nIn = 100;
        PopulationLayer layer = PopulationLayer.builder("pop", Shape.flat(nIn), n, model)
                .input(Projection.random(nIn, n, 0.1, we, Receptor.EXCITATORY, 0, rng))
                .recurrent(0, Projection.random(400, n, 0.05, we, Receptor.EXCITATORY, 1, rng))
                .recurrent(400, Projection.random(100, n, 0.05, wi, Receptor.INHIBITORY, 3, rng))
                .initialState((s, r) -> {
                    float[] v = s.get(s.variables().get(0));
                    for (int i = 0; i < v.length; i++) {
                        v[i] += (float) (5 * r.nextDouble());
                    }
                }, 9)
                .threads(threads).build();
        Network net = Network.builder(Shape.flat(nIn), 0.1f).add(layer).build();
        Simulation sim = net.newSimulation(7);
        SpikeRaster raster = sim.recordSpikes("pop");
        List<long[]> all = new ArrayList<>();
        for (int rep = 0; rep < 2; rep++) {
            raster.clear();
            sim.present(new DenseDrive(2000, nIn, 0.01, 11));
            int[] st = raster.steps();
            int[] ne = raster.neurons();
            for (int k = 0; k < st.length; k++) {
                all.add(new long[] {rep, st[k], ne[k]});
            }
        }
        return all;
    }

    /** Each input fires with probability p per step, from a fixed seed per presentation. */
    record DenseDrive(int steps, int size, double p, long seed) implements SpikeSource {
        @Override
        public void emit(int step, Spikes out) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + step);
            for (int k = 0; k < size; k++) {
                if (r.nextDouble() < p) {
                    out.add(k);
                }
            }
        }
    }

    /** Both synaptic models with an excitatory and an inhibitory weight that make a small network fire. */
    record Weighted(SynapticModel m, float we, float wi) {
        static List<Weighted> both() {
            return List.of(new Weighted(new ExpCurrentLif(P), 3f, -9f),
                    new Weighted(new ExpConductanceLif(ConductanceParameters.brette2007()), 0.6f, 6.7f));
        }
    }

    @Test
    void sameSpikesAtAnyThreadCount() {
        for (Weighted c : Weighted.both()) {
            SynapticModel m = c.m();
            float we = c.we();
            float wi = c.wi();
            List<long[]> one = run(1, m, we, wi);
            assertThat(one.size()).as("spikes of %s", m).isGreaterThan(200);
            for (int threads = 2; threads <= 3; threads++) {
                List<long[]> more = run(threads, m, we, wi);
                assertThat(more).as("%d threads", threads).hasSameSizeAs(one);
                for (int k = 0; k < one.size(); k++) {
                    assertThat(more.get(k)).isEqualTo(one.get(k));
                }
            }
        }
    }

    @Test
    void deltaModelMatchesSparseLayerAtAnyThreadCount() {
        int nIn = 200;
        int n = 1000;
        org.snn4j.neuron.Lif lif = new org.snn4j.neuron.Lif(org.snn4j.neuron.LifParameters.defaults()
                .withVThreshold(2f));
        org.snn4j.layer.SparseLayer sparse = org.snn4j.layer.SparseLayer.random("pop", Shape.flat(nIn),
                Shape.flat(n), 0.1, 0.5f, lif, new SplittableRandom(4));
        List<int[]> ref = spikes(sparse, nIn);
        assertThat(ref.get(0).length).isGreaterThan(100);
        for (int threads = 1; threads <= 3; threads++) {
            Projection p = Projection.random(nIn, n, 0.1, 0.5f, Receptor.EXCITATORY, 0, new SplittableRandom(4));
            PopulationLayer layer = PopulationLayer.builder("pop", Shape.flat(nIn), n, lif).input(p).threads(threads)
                    .build();
            List<int[]> got = spikes(layer, nIn);
            assertThat(got.get(0)).as("%d threads, steps", threads).isEqualTo(ref.get(0));
            assertThat(got.get(1)).as("%d threads, neurons", threads).isEqualTo(ref.get(1));
        }
        assertThatThrownBy(() -> PopulationLayer.builder("pop", Shape.flat(nIn), n, lif)
                .recurrent(0, Projection.random(n, n, 0.1, 1f, Receptor.EXCITATORY, 1, new SplittableRandom(1)))
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("SynapticModel");
    }

    /**
     * Arrivals due in the step that delivers them are added straight to the synaptic variables, the others go
     * through the ring: the spikes equal, bit for bit, a plain re-statement (one loop per synapse into the state
     * or a ring slot, then the model's {@code stepRange} with the slot, zeroes when nothing is delayed) for both
     * models, at 1 and 2 threads, with and without delayed sources.
     */
    @Test
    void directArrivalsMatchAPlainReference() {
        for (Weighted c : Weighted.both()) {
            SynapticModel m = c.m();
            float we = c.we();
            float wi = c.wi();
            for (int delayed = 0; delayed <= 1; delayed++) {
                SplittableRandom rng = new SplittableRandom(42 + delayed);
                int n = 300;
                int nIn = 60;
                Projection[] proj = {
                    Projection.random(nIn, n, 0.1, we, Receptor.EXCITATORY, delayed * 2, rng),
                    Projection.random(240, n, 0.05, we, Receptor.EXCITATORY, 1, rng),
                    Projection.random(60, n, 0.05, wi, Receptor.INHIBITORY, 1 + delayed * 2, rng)};
                int[] offset = {0, 0, 240};
                boolean[] recurrent = {false, true, true};
                PopulationLayer.InitialState init = (s, r) -> {
                    float[] v = s.get(s.variables().get(0));
                    for (int i = 0; i < v.length; i++) {
                        v[i] += (float) (5 * r.nextDouble());
                    }
                };
                SpikeSource drive = new DenseDrive(1500, nIn, 0.02, 3);
                List<long[]> ref = plainReference((ExpSynapticLif) m, proj, offset, recurrent, n, init, 9, drive);
                assertThat(ref.size()).as("spikes of %s", m).isGreaterThan(100);
                for (int threads = 1; threads <= 2; threads++) {
                    PopulationLayer layer = PopulationLayer.builder("pop", Shape.flat(nIn), n, m).input(proj[0])
                            .recurrent(0, proj[1]).recurrent(240, proj[2]).initialState(init, 9).threads(threads)
                            .build();
                    Simulation sim = Network.builder(Shape.flat(nIn), 0.1f).add(layer).build().newSimulation(7);
                    SpikeRaster raster = sim.recordSpikes("pop");
                    sim.present(drive);
                    assertThat(raster.count()).as("%s, delayed %d, %d threads", m, delayed, threads)
                            .isEqualTo(ref.size());
                    for (int k = 0; k < ref.size(); k++) {
                        assertThat(new long[] {raster.steps()[k], raster.neurons()[k]}).isEqualTo(ref.get(k));
                    }
                }
            }
        }
    }

    /** The population of {@link #directArrivalsMatchAPlainReference} written out plainly, one thread. */
    private static List<long[]> plainReference(ExpSynapticLif m, Projection[] proj, int[] offset, boolean[] recurrent,
                                               int n, PopulationLayer.InitialState init, long initSeed,
                                               SpikeSource drive) {
        org.snn4j.NeuronState s = new org.snn4j.NeuronState(n, m.stateVariables());
        m.initialise(s);
        init.apply(s, new SplittableRandom(initSeed));
        int ring = 1;
        for (Projection p : proj) {
            ring = Math.max(ring, p.delaySteps() + 1);
        }
        float[][] exc = new float[ring][n];
        float[][] inh = new float[ring][n];
        Spikes in = new Spikes(drive.size());
        Spikes prev = new Spikes(n);
        Spikes out = new Spikes(n);
        List<long[]> all = new ArrayList<>();
        for (int t = 0; t < drive.steps(); t++) {
            in.clear();
            drive.emit(t, in);
            for (int k = 0; k < proj.length; k++) {
                Projection p = proj[k];
                Spikes spikes = recurrent[k] ? prev : in;
                int arrival = recurrent[k] ? t - 1 + p.delaySteps() : t + p.delaySteps();
                boolean exc0 = p.receptor() == Receptor.EXCITATORY;
                float[] dst = arrival == t ? s.get(m.receiving(p.receptor()))
                        : exc0 ? exc[arrival % ring] : inh[arrival % ring];
                int[] rows = p.rowStart();
                int[] post = p.targets();
                float[] w = p.weights();
                for (int j = 0; j < spikes.count(); j++) {
                    int pre = spikes.indices()[j] - offset[k];
                    if (pre < 0 || pre >= p.preSize()) {
                        continue;
                    }
                    for (int q = rows[pre]; q < rows[pre + 1]; q++) {
                        dst[post[q]] += w[q];
                    }
                }
            }
            out.clear();
            m.stepRange(s, exc[t % ring], inh[t % ring], 0, n, 0.1f, t, out);
            for (int j = 0; j < out.count(); j++) {
                all.add(new long[] {t, out.indices()[j]});
            }
            prev.copyFrom(out);
        }
        return all;
    }

    /** (step, neuron) of every spike, sorted by step then neuron. */
    private static List<int[]> spikes(org.snn4j.layer.Layer layer, int nIn) {
        Network net = Network.builder(Shape.flat(nIn), 0.1f).add(layer).build();
        Simulation sim = net.newSimulation(3);
        SpikeRaster raster = sim.recordSpikes("pop");
        sim.present(new DenseDrive(1000, nIn, 0.01, 5));
        int[] st = raster.steps();
        int[] ne = raster.neurons();
        long[] key = new long[st.length];
        for (int k = 0; k < st.length; k++) {
            key[k] = (long) st[k] << 32 | ne[k];
        }
        java.util.Arrays.sort(key);
        int[] s = new int[key.length];
        int[] nn = new int[key.length];
        for (int k = 0; k < key.length; k++) {
            s[k] = (int) (key[k] >>> 32);
            nn[k] = (int) key[k];
        }
        return List.of(s, nn);
    }
}
