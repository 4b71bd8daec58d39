package org.snn4j.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.snn4j.Shape;
import org.snn4j.SpikeSource;
import org.snn4j.Spikes;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.synapse.ConductanceParameters;
import org.snn4j.synapse.ExpConductanceLif;
import org.snn4j.synapse.ExpCurrentLif;
import org.snn4j.synapse.ExpCurrentParameters;
import org.snn4j.synapse.PopulationLayer;
import org.snn4j.synapse.Projection;
import org.snn4j.synapse.Receptor;

/**
 * The two networks of Brette et al. 2007 (J. Comput. Neurosci. 23:349, doi:10.1007/s10827-007-0038-6), as
 * Brian2's examples and {@code shared/tools/peers/brian2_coba.py} run them: 4,000 integrate-and-fire
 * neurons, the first 3,200 excitatory and the last 800 inhibitory, every ordered pair connected with
 * probability 0.02 (self-connections allowed), no delay (Brian2's {@code on_pre}: the synaptic variable
 * jumps after the update of the spike's step), dt 0.1 ms, 1 s, refractory 5 ms, no external input.
 * <ul>
 *   <li><b>coba</b> (benchmark 1, Vogels and Abbott 2005): {@link ExpConductanceLif} with
 *       {@link ConductanceParameters#brette2007()} (forward Euler, as Brian2's {@code method='euler'}); weights
 *       0.6 and 6.7 leak conductances; initial {@code V = -60 + (5 N(0,1) - 5)} mV,
 *       {@code g_e = 1.5 N(0,1) + 4}, {@code g_i = 12 N(0,1) + 20}.</li>
 *   <li><b>cuba</b> (benchmark 2): {@link ExpCurrentLif} with {@link ExpCurrentParameters#brette2007()}
 *       (exact integration, as Brian2's {@code method='exact'}); weights +1.62 mV and -9 mV; initial
 *       {@code V = -60 + 10 U(0,1)} mV, currents 0.</li>
 * </ul>
 * Reported: synaptic events per second of wall time (Brian2's definition: the sum over spikes of the
 * spiking neuron's out-degree), spikes, the mean rate, the main thread's CPU time ({@code cpu_s_median}) and
 * that of all the JVM's threads ({@code all_threads_cpu_s_median}: with {@code --threads N} the workers, whose
 * spinning between steps counts too).
 * Method: one checked run, warm-up runs, then timed runs of {@code Simulation.present} (each a full 1 s,
 * same initial state and same spikes every time); the value is the median. A {@link SpikeRaster} is attached
 * (Brian2's runs have a {@code SpikeMonitor}). Options: {@code --quick}, {@code --threads N}, {@code --seed N}.
 */
final class Brette2007 implements Workload {
    /** Which network. */
    enum Kind { CUBA, COBA }

    static final Brette2007 CUBA = new Brette2007(Kind.CUBA);
    static final Brette2007 COBA = new Brette2007(Kind.COBA);

    static final int N = 4000;
    static final int N_EXC = 3200;
    static final float DT = 0.1f;
    static final int STEPS = 10_000;

    private final Kind kind;

    private Brette2007(Kind kind) {
        this.kind = kind;
    }

    @Override
    public String description() {
        return kind == Kind.COBA
                ? "Brette 2007 COBA: 4,000 conductance LIF, p=0.02, dt 0.1 ms, 1 s; options --quick, --threads N, --seed N"
                : "Brette 2007 CUBA: 4,000 current LIF, p=0.02, dt 0.1 ms, 1 s; options --quick, --threads N, --seed N";
    }

    /** The network: one {@link PopulationLayer} named "P" with two recurrent projections. */
    static Network network(Kind kind, int threads, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        boolean coba = kind == Kind.COBA;
        float we = coba ? 0.6f : 1.62f;
        float wi = coba ? 6.7f : -9f;
        Projection ce = Projection.random(N_EXC, N, 0.02, we, Receptor.EXCITATORY, 1, rng);
        Projection ci = Projection.random(N - N_EXC, N, 0.02, wi, Receptor.INHIBITORY, 1, rng);
        PopulationLayer.Builder b = coba
                ? PopulationLayer.builder("P", Shape.flat(1), N, new ExpConductanceLif(ConductanceParameters.brette2007()))
                : PopulationLayer.builder("P", Shape.flat(1), N, new ExpCurrentLif(ExpCurrentParameters.brette2007()));
        b.recurrent(0, ce).recurrent(N_EXC, ci).threads(threads);
        if (coba) {
            b.initialState((s, r) -> {
                float[] v = s.get(ExpConductanceLif.V);
                float[] ge = s.get(ExpConductanceLif.G_EXC);
                float[] gi = s.get(ExpConductanceLif.G_INH);
                for (int i = 0; i < N; i++) {
                    v[i] = (float) (-60.0 + r.nextGaussian() * 5 - 5);
                    ge[i] = (float) (r.nextGaussian() * 1.5 + 4);
                    gi[i] = (float) (r.nextGaussian() * 12 + 20);
                }
            }, rng.nextLong());
        } else {
            b.initialState((s, r) -> {
                float[] v = s.get(ExpCurrentLif.V);
                for (int i = 0; i < N; i++) {
                    v[i] = (float) (-60.0 + r.nextDouble() * 10);
                }
            }, rng.nextLong());
        }
        return Network.builder(Shape.flat(1), DT).add(b.build()).build();
    }

    /** No external input, for {@code steps} steps. */
    record Silence(int steps) implements SpikeSource {
        @Override
        public int size() {
            return 1;
        }

        @Override
        public void emit(int step, Spikes out) {
        }
    }

    /** One run's spikes per neuron and the synaptic events by Brian2's definition. */
    record Outcome(int[] counts, long spikes, long events, double meanRateHz) {
    }

    /** Runs one presentation of {@code steps} steps and returns the per-neuron spike counts. */
    static Outcome run(Simulation sim, SpikeRaster raster, int steps) {
        raster.clear();
        sim.present(new Silence(steps));
        int[] counts = raster.countsPerNeuron(N);
        PopulationLayer layer = (PopulationLayer) sim.network().layer(0);
        return outcome(counts, layer, steps);
    }

    private static Outcome outcome(int[] counts, PopulationLayer layer, int steps) {
        long spikes = 0;
        long events = 0;
        for (int i = 0; i < N; i++) {
            spikes += counts[i];
            events += (long) counts[i] * layer.outDegree(i);
        }
        return new Outcome(counts, spikes, events, spikes / (double) N / (steps * DT / 1000.0));
    }

    @Override
    public void run(Bench.Settings settings, PrintStream out) {
        boolean quick = settings.quick();
        long seed = settings.seedOr(12345);
        int threads = settings.threads() != null ? settings.threads() : 1;
        int steps = quick ? 2_000 : STEPS;
        int warmup = quick ? 1 : 3;
        int runs = quick ? 2 : 7;
        Network net = network(kind, threads, seed);
        Simulation sim = net.newSimulation(seed);
        SpikeRaster raster = sim.recordSpikes("P");
        Outcome check = run(sim, raster, steps);
        for (int i = 0; i < warmup; i++) {
            run(sim, raster, steps);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        double[] proc = new double[runs];
        for (int r = 0; r < runs; r++) {
            raster.clear();
            long p0 = allThreadsCpuNanos(mx);
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            sim.present(new Silence(steps));
            wall[r] = (System.nanoTime() - t0) / 1e9;
            cpu[r] = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            proc[r] = (allThreadsCpuNanos(mx) - p0) / 1e9;
            if (raster.count() != check.spikes()) {
                throw new IllegalStateException("run " + r + " differs: " + raster.count() + " spikes vs "
                        + check.spikes());
            }
        }
        double median = median(wall);
        String name = kind == Kind.COBA ? "coba" : "cuba";
        out.println(new Json(name, "synaptic_events_per_s", check.events() / median, "1/s", threads, median)
                .put("statistic", "median of " + runs + " runs after " + warmup + " warm-up runs")
                .put("best_wall_s", min(wall))
                .put("cpu_s_median", median(cpu))
                .put("all_threads_cpu_s_median", median(proc))
                .put("synaptic_events_per_cpu_s", check.events() / median(cpu))
                .put("load_average", os.getSystemLoadAverage())
                .put("synaptic_events", check.events())
                .put("synapses", ((PopulationLayer) net.layer(0)).synapseCount())
                .put("spikes", check.spikes())
                .put("mean_rate_hz", check.meanRateHz())
                .put("bio_s", steps * DT / 1000.0)
                .put("dt_ms", (double) DT)
                .put("seed", seed)
                .put("quick", quick));
    }

    /**
     * The CPU time of every live thread of this JVM, ns (the worker threads of {@code --threads N} included; JIT
     * compiler threads are idle after the warm-up). Nanosecond resolution, unlike the process CPU time of
     * {@code OperatingSystemMXBean}, which is counted in 10 ms ticks on Linux.
     */
    static long allThreadsCpuNanos(ThreadMXBean mx) {
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            long c = mx.getThreadCpuTime(id);
            if (c > 0) {
                sum += c;
            }
        }
        return sum;
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] a) {
        double m = a[0];
        for (int i = 1; i < a.length; i++) {
            m = Math.min(m, a[i]);
        }
        return m;
    }
}
