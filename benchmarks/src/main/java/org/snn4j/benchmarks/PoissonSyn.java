package org.snn4j.benchmarks;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.snn4j.Shape;
import org.snn4j.layer.Layer;
import org.snn4j.layer.SparseLayer;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.network.Network;
import org.snn4j.network.PresentationResult;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.synapse.PopulationLayer;
import org.snn4j.synapse.Projection;
import org.snn4j.synapse.Receptor;

/**
 * The Brian2 "poisson_syn" workload (ANCHORS.md section 3): 10,000 LIF neurons (tau 20 ms, threshold 20 mV
 * above rest, reset to rest, refractory 2 ms, exact integration) driven by 1,000 Poisson sources at 20 Hz
 * through random synapses with p = 0.1 (about 1.0 M), +0.5 mV each, dt 0.1 ms, 1 s of biological time. By
 * default one thread on a {@code SparseLayer}; with {@code --threads N} the same synapses in a
 * {@code PopulationLayer} whose neurons are split over N threads. The Poisson spikes are generated during the run (inside the timing), as Brian2's PoissonGroup is.
 * Synaptic events = sum over input spikes of the source's out-degree (Brian2's definition).
 *
 * <p>A {@code SpikeRaster} records every output spike during the timed runs (the Brian2 anchor runs had a
 * {@code SpikeMonitor} on all neurons). Method: one checked run, 3 warm-up runs, then 7 timed runs of {@code Simulation.present} (each a full 1 s); the value
 * is the median events/s, with the best also reported. Compare with {@code benchmarks/brian2/brette2007_standalone.py
 * --workload poisson_syn} run in the same sitting: Brian2 C++ standalone did 68-76 M events/s on 2026-11-30 on a
 * host with AVX-512 and 27-37 M events per loop CPU second the same day on one without (README, "Performance").
 */
final class PoissonSyn implements Workload {
    @Override
    public String description() {
        return "10k LIF, 1k Poisson sources at 20 Hz, p=0.1 synapses (~1 M), dt 0.1 ms, 1 s (compare brian2_standalone.py);"
                + " options --quick, --seed N, --threads N";
    }

    @Override
    public void run(Bench.Settings settings, PrintStream out) {
        boolean quick = settings.quick();
        int nIn = 1000;
        int nOut = 10_000;
        float dt = 0.1f;
        int steps = quick ? 1000 : 10_000;
        int warmup = quick ? 1 : 3;
        int runs = quick ? 2 : 7;
        long seed = settings.seedOr(12345);
        SplittableRandom root = new SplittableRandom(seed);
        LifParameters p = LifParameters.defaults(); // tau 20, rest 0, reset 0, threshold 20, refractory 2
        // --threads N: the same synapses (same generator calls) in a PopulationLayer split over N threads
        boolean partitioned = settings.threads() != null;
        int threads = partitioned ? settings.threads() : 1;
        Layer layer;
        long synapses;
        if (partitioned) {
            Projection proj = Projection.random(nIn, nOut, 0.1, 0.5f, Receptor.EXCITATORY, 0, root.split());
            layer = PopulationLayer.builder("exc", Shape.flat(nIn), nOut, new Lif(p)).input(proj).threads(threads)
                    .build();
            synapses = proj.synapseCount();
        } else {
            SparseLayer sparse = SparseLayer.random("exc", Shape.flat(nIn), Shape.flat(nOut), 0.1, 0.5f, new Lif(p),
                    root.split());
            layer = sparse;
            synapses = sparse.synapseCount();
        }
        Network net = Network.builder(Shape.flat(nIn), dt).add(layer).build();
        Simulation sim = net.newSimulation(seed);
        PoissonSources src = new PoissonSources(nIn, steps, 20.0, dt, root.nextLong());

        // a spike raster on every neuron stays attached, as Brian2's SpikeMonitor was in the anchor runs
        SpikeRaster raster = sim.recordSpikes("exc");
        sim.resetCounters();
        PresentationResult check = sim.present(src);
        long events = sim.synapticEvents(0);
        long outSpikes = check.outputSpikes(0);
        int active = countActive(raster, nOut);

        for (int i = 0; i < warmup; i++) {
            sim.present(src);
        }
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = 0; r < runs; r++) {
            sim.resetCounters();
            raster.clear();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            PresentationResult res = sim.present(src);
            wall[r] = (System.nanoTime() - t0) / 1e9;
            cpu[r] = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            if (res.outputSpikes(0) != outSpikes || sim.synapticEvents(0) != events || raster.count() != outSpikes) {
                throw new IllegalStateException("run " + r + " differs: " + res.outputSpikes(0) + " spikes vs "
                        + outSpikes);
            }
        }
        double[] sorted = wall.clone();
        Arrays.sort(sorted);
        double median = sorted[runs / 2];
        double best = sorted[0];
        double[] cpuSorted = cpu.clone();
        Arrays.sort(cpuSorted);
        double cpuMedian = cpuSorted[runs / 2];
        double bioS = steps * dt / 1000.0;
        out.println(new Json("poisson_syn", "synaptic_events_per_s", events / median, "1/s", threads, median)
                .put("statistic", "median of " + runs + " runs after " + warmup + " warm-up runs")
                .put("best_wall_s", best)
                .put("best_synaptic_events_per_s", events / best)
                .put("cpu_s_median", cpuMedian)
                .put("synaptic_events_per_cpu_s", events / cpuMedian)
                .put("load_average", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage())
                .put("synaptic_events", events)
                .put("synapses", synapses)
                .put("layer", partitioned ? "PopulationLayer" : "SparseLayer")
                .put("output_spikes", outSpikes)
                .put("output_rate_hz", outSpikes / (double) nOut / bioS)
                .put("neurons_that_fired", active)
                .put("spike_raster", true)
                .put("bio_s", bioS)
                .put("dt_ms", (double) dt)
                .put("seed", seed)
                .put("quick", quick));
    }

    private static int countActive(SpikeRaster r, int n) {
        int[] c = r.countsPerNeuron(n);
        int a = 0;
        for (int i = 0; i < n; i++) {
            if (c[i] > 0) {
                a++;
            }
        }
        return a;
    }
}
