package org.snn4j.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.competition.WinnerTakeAll;
import org.snn4j.encoding.PoissonEncoder;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.learning.ExponentialStdp;
import org.snn4j.network.Network;
import org.snn4j.network.Presentation;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;

/**
 * Workload {@code frozen_dense}: what the frozen-layer output cache gives a user's multi-layer dense network now
 * that dense layers report a weight version. The network is plain library composition: 784 Poisson inputs (MNIST
 * digits, 64 Hz at full intensity, 150 steps of 1 ms, encoded once with {@code PoissonEncoder.forNetwork}) -> a
 * frozen dense layer of 300 LIF neurons -> a dense layer of 50 LIF neurons with winner-take-all and Diehl &amp; Cook's
 * exponential STDP, trained layer-wise for 3 epochs over the digits ({@code Presentation.training().learnOnly("h2")}).
 * "Before" is the same training with the cache off ({@code Simulation.frozenOutputCache(0)}): what the engine did
 * when dense layers were never cached. Each round trains a fresh network with each setting, in alternating order,
 * timing the thread's CPU time; both must end with bit-identical weights. Reports the medians over the rounds of
 * each side's presentations per CPU-second and of the per-round speed-up; a second line gives the price of the
 * cache when no source repeats (inference, every digit presented once: each presentation records the frozen layer's
 * output and never replays it). Default 300 digits, 5 rounds; {@code --quick}: 30 digits, 2 rounds.
 *
 * <p>Run: {@code java -jar benchmarks/target/snn4j-benchmarks.jar frozen_dense} from the repository root.
 */
public final class FrozenDenseBench implements Workload {
    private static final int HIDDEN = 300;
    private static final int OUT = 50;
    private static final int EPOCHS = 3;

    @Override
    public String description() {
        return "784-300-50 dense LIF, layer-wise STDP of the 2nd layer: frozen-layer cache on vs off, CPU time";
    }

    @Override
    public void run(Bench.Settings settings, PrintStream out) throws Exception {
        boolean quick = settings.quick();
        int n = quick ? 30 : 300;
        int rounds = quick ? 2 : 5;
        Path dir = settings.dataFolder("mnist10k");
        MnistDataset.Split train = MnistDataset.load(dir).train();
        Network shape = network();
        PoissonEncoder enc = PoissonEncoder.forNetwork(shape, 64, 150, 255);
        Simulation encoding = shape.newSimulation(settings.seedOr(5));
        EventSource[] codes = new EventSource[n];
        for (int i = 0; i < n; i++) {
            codes[i] = enc.encode(train.image(i).data(), encoding.random());
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] off = new double[rounds];
        double[] on = new double[rounds];
        double[] ratio = new double[rounds];
        long[] hits = new long[2];
        double[] onceRatio = new double[rounds];
        train(codes, false, mx, hits); // warm-up, both sides
        train(codes, true, mx, hits);
        for (int r = 0; r < rounds; r++) {
            boolean onFirst = (r & 1) == 1;
            long onceA = once(codes, onFirst, mx);
            long onceB = once(codes, !onFirst, mx);
            onceRatio[r] = (double) (onFirst ? onceB : onceA) / (onFirst ? onceA : onceB);
            Object[] a = train(codes, onFirst, mx, hits);
            Object[] b = train(codes, !onFirst, mx, hits);
            Object[] withCache = onFirst ? a : b;
            Object[] without = onFirst ? b : a;
            if (!Arrays.equals((float[]) withCache[0], (float[]) without[0])) {
                throw new IllegalStateException("round " + r + ": the cache changed the trained weights");
            }
            double offS = (long) without[1] / 1e9;
            double onS = (long) withCache[1] / 1e9;
            off[r] = EPOCHS * n / offS;
            on[r] = EPOCHS * n / onS;
            ratio[r] = offS / onS;
        }
        Arrays.sort(off);
        Arrays.sort(on);
        Arrays.sort(ratio);
        Arrays.sort(onceRatio);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        out.println(new Json("frozen_dense", "speedup", ratio[rounds / 2], "x", 1, 0)
                .put("statistic", "median of " + rounds + " alternating rounds, thread CPU time")
                .put("presentations_per_cpu_s_cache_off", off[rounds / 2])
                .put("presentations_per_cpu_s_cache_on", on[rounds / 2])
                .put("cache_hits_last_run", hits[0])
                .put("cache_misses_last_run", hits[1])
                .put("identical_weights", true)
                .put("digits", n)
                .put("epochs", EPOCHS)
                .put("load_average", load)
                .put("quick", quick));
        // the price when no source repeats: each presentation records the frozen layer's output, never replayed
        out.println(new Json("frozen_dense", "speedup_sources_seen_once", onceRatio[rounds / 2], "x", 1, 0)
                .put("statistic", "median of " + rounds + " alternating rounds, thread CPU time, inference, each "
                        + "digit presented once (cache off time / cache on time)")
                .put("digits", n)
                .put("load_average", load)
                .put("quick", quick));
    }

    /** Presents every code once (inference) to a fresh network; returns the thread CPU ns. */
    private static long once(EventSource[] codes, boolean cache, ThreadMXBean mx) {
        Simulation sim = network().newSimulation(7);
        if (!cache) {
            sim.frozenOutputCache(0);
        }
        long c0 = mx.getCurrentThreadCpuTime();
        for (EventSource code : codes) {
            sim.present(code);
        }
        return mx.getCurrentThreadCpuTime() - c0;
    }

    /** A fresh 784-300-50 network (the same weights every time). */
    static Network network() {
        Shape in = Shape.flat(784);
        LifParameters lif = LifParameters.defaults().withVThreshold(20f);
        DenseLayer h1 = DenseLayer.builder("h1", in, HIDDEN).weights(WeightInit.uniform(0f, 1.6f, 11))
                .neurons(new Lif(lif)).build();
        DenseLayer h2 = DenseLayer.builder("h2", h1.outputShape(), OUT).weights(WeightInit.uniform(0f, 1f, 12))
                .neurons(new Lif(lif.withVThreshold(8f))).build();
        return Network.builder(in, 1f).add(h1).add(h2)
                .compete("h2", new WinnerTakeAll(-65f, 5))
                .learn("h2", new ExponentialStdp(ExponentialStdp.Parameters.diehlCook2015()))
                .build();
    }

    /** Trains h2 of a fresh network for {@link #EPOCHS} epochs; returns {h2 weights, thread CPU ns}. */
    private static Object[] train(EventSource[] codes, boolean cache, ThreadMXBean mx, long[] hits) {
        Network net = network();
        Simulation sim = net.newSimulation(7);
        if (!cache) {
            sim.frozenOutputCache(0);
        }
        Presentation p = Presentation.training().learnOnly("h2");
        long c0 = mx.getCurrentThreadCpuTime();
        for (int e = 0; e < EPOCHS; e++) {
            for (EventSource code : codes) {
                sim.present(code, p);
                sim.learn(0f);
            }
        }
        long cpu = mx.getCurrentThreadCpuTime() - c0;
        if (cache) {
            long[] c = sim.frozenOutputCacheCounts();
            hits[0] = c[0];
            hits[1] = c[1];
        }
        return new Object[] {((DenseLayer) net.layer("h2")).weightsCopy(), cpu};
    }
}
