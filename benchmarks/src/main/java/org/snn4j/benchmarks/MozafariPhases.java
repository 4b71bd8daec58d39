package org.snn4j.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.snn4j.SpikeSource;
import org.snn4j.Spikes;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.examples.papers.Mozafari2019Composed;
import org.snn4j.examples.papers.MozafariNetwork;
import org.snn4j.examples.papers.SideThread;
import org.snn4j.examples.papers.StepEvents;
import org.snn4j.network.Simulation;

/**
 * Workload {@code mozafari_phases}: the flagship Mozafari 2019 network composed from library parts
 * ({@link Mozafari2019Composed}, core {@code Network}/{@code Simulation}) against the fused, network-specific
 * implementation it replaced ({@link MozafariNetwork}, kept in the examples' test sources as the reference
 * oracle and reached through the examples' test-jar), per phase of the flagship run, on the same digits and
 * the same number of threads.
 *
 * <p>Each side works as the flagship does:
 * <ul>
 *   <li>conv1 STDP: both train conv1 on every digit;</li>
 *   <li>conv2 STDP: the fused side trains on pool1 spikes it computed once per digit (the old flagship's
 *       cache); the composed side presents the encoded digit and its engine replays conv1's frozen output
 *       (the frozen-layer cache, filled in the warm-up round);</li>
 *   <li>conv3 R-STDP: the fused side decides and learns on pool2 maps computed once per digit, with half of
 *       conv3's maps on a helper thread when {@code --threads} is 2 or more (the old flagship); the composed
 *       side presents the encoded digit with {@code Simulation.threads(n)}: the engine replays the frozen
 *       conv1/conv2 output and shares the final-potential pass between the threads;</li>
 *   <li>inference: all three layers from the encoded digit, no caching on either side (each digit is seen
 *       once), the digits split between {@code --threads} workers.</li>
 * </ul>
 * Before the conv3 phase the composed network gets the fused side's conv1/conv2 weights (STDP may break an
 * exact potential tie differently on the two sides), so conv3 sees the same input on both.
 *
 * <p>Method: the digits are encoded once (not timed). Per phase {@code bench.warmup} warm-up rounds (default 3;
 * the composed side's engine methods, called once per presentation or step, reach C2 only after ~3,000
 * presentations, so one round of 1,000 left the first timed rounds on profiled tier-3 code: session 9,
 * {@code -XX:+PrintCompilation}), then {@code rounds} timed rounds, the sides alternating which goes first. With one thread each pass is timed by the thread's CPU time;
 * with more, by wall time (process CPU time reported too). Reports per phase the medians of both sides' images
 * per second and the median of the per-round ratios fused time / composed time (target: at least 1.0).
 * Default: 1,000 training digits, 5 rounds, 1 thread; {@code --quick}: 60 digits, 2 rounds. System properties:
 * {@code bench.digits}, {@code bench.rounds}, {@code bench.phases} (run only the first N phases, 1 to 4, for
 * example 1 for conv1 alone). Each phase's line also lists every timed round's images per second of both sides
 * ({@code composed_rounds}, {@code fused_rounds}) so that slow rounds can be told from slow calls.
 *
 * <p>Run: {@code java -jar benchmarks/target/snn4j-benchmarks.jar mozafari_phases [--threads 2]} from the
 * repository root.
 */
public final class MozafariPhases implements Workload {

    @Override
    public String description() {
        return "Mozafari 2019 per phase: composed on the library engine vs the fused oracle (examples test-jar)";
    }

    @Override
    public void run(Bench.Settings settings, PrintStream out) throws Exception {
        boolean quick = settings.quick();
        int n = quick ? 60 : Integer.getInteger("bench.digits", 1000);
        int rounds = quick ? 2 : Integer.getInteger("bench.rounds", 5);
        int warmup = quick ? 1 : Integer.getInteger("bench.warmup", 3);
        if (warmup < 0 || rounds < 1) {
            throw new IllegalArgumentException("bench.warmup must be >= 0 and bench.rounds >= 1, got " + warmup
                    + " and " + rounds);
        }
        int threads = settings.threads() == null ? 1 : settings.threads();
        int phases = Integer.getInteger("bench.phases", 4);
        if (phases < 1 || phases > 4) {
            throw new IllegalArgumentException("bench.phases: " + phases + ", expected 1 to 4 (the first N phases)");
        }
        long seed = settings.seedOr(1L);
        Path dir = settings.dataFolder("mnist10k");
        MnistDataset.Split train = MnistDataset.load(dir).train();
        n = Math.min(n, train.count());
        Mozafari2019Composed comp = new Mozafari2019Composed(seed);
        comp.threads(threads);
        MozafariNetwork fused = new MozafariNetwork(seed);
        MozafariNetwork.Work ws = fused.newWork();
        for (String c : new String[] {"conv1", "conv2", "conv3"}) {
            if (!Arrays.equals(comp.weightsOIHW(c), fused.weightsOIHW(c))) {
                throw new IllegalStateException(c + ": the two sides start from different weights");
            }
        }
        SpikeSource[] src = new SpikeSource[n];
        StepEvents[] ev = new StepEvents[n];
        int[] labels = new int[n];
        Spikes scratch = new Spikes(comp.inputShape().size());
        for (int i = 0; i < n; i++) {
            src[i] = comp.encode(train.image(i));
            ev[i] = StepEvents.of(comp.encoder().encode(train.image(i)), scratch);
            labels[i] = train.label(i);
        }
        final int nd = n;
        Timer timer = new Timer(threads, rounds, warmup);
        String[] names = {"conv1_stdp", "conv2_stdp", "conv3_rstdp", "inference"};
        double[][] results = new double[names.length][];

        results[0] = timer.phase(() -> {
            for (int i = 0; i < nd; i++) {
                comp.trainConv1(src[i]);
            }
        }, () -> {
            for (int i = 0; i < nd; i++) {
                fused.trainConv1(ev[i], ws);
            }
        });
        if (!Arrays.equals(comp.weightsOIHW("conv1"), fused.weightsOIHW("conv1"))) {
            throw new IllegalStateException("conv1 weights differ after STDP (they are bit-identical by design)");
        }
        if (phases == 1) {
            report(out, names, results, timer, n, rounds, threads, quick, null, -1);
            return;
        }

        StepEvents[] pool1 = new StepEvents[n];
        for (int i = 0; i < n; i++) {
            pool1[i] = fused.pool1Events(ev[i], ws); // the old flagship's pool1 cache, computed once
        }
        results[1] = timer.phase(() -> {
            for (int i = 0; i < nd; i++) {
                comp.trainConv2(src[i]);
            }
        }, () -> {
            for (int i = 0; i < nd; i++) {
                fused.trainConv2(pool1[i], ws);
            }
        });

        comp.setWeightsOIHW("conv1", fused.weightsOIHW("conv1"));
        comp.setWeightsOIHW("conv2", fused.weightsOIHW("conv2"));
        fused.freeze();
        boolean[][] maps = new boolean[n][fused.pool2Size()];
        for (int i = 0; i < n; i++) {
            fused.pool2Map(ev[i], ws, maps[i]); // the old flagship's pool2 cache, computed once
        }
        int[] decC = new int[n];
        int[] decF = new int[n];
        int[] agree3 = new int[1];
        try (SideThread side = threads >= 2 ? new SideThread("mozafari-phases-helper") : null) {
            results[2] = timer.phase(() -> {
                for (int i = 0; i < nd; i++) {
                    decC[i] = comp.trainConv3(src[i], labels[i]);
                }
            }, () -> {
                for (int i = 0; i < nd; i++) {
                    decF[i] = fused.trainConv3(maps[i], labels[i], ws, side);
                }
            });
        }
        for (int i = 0; i < n; i++) {
            agree3[0] += decC[i] == decF[i] ? 1 : 0;
        }
        long[] cache = comp.frozenOutputCacheCounts();

        comp.setWeightsOIHW("conv3", fused.weightsOIHW("conv3"));
        fused.prepareConv3();
        Simulation[] sims = new Simulation[threads];
        MozafariNetwork.Work[] works = new MozafariNetwork.Work[threads];
        for (int w = 0; w < threads; w++) {
            sims[w] = comp.newInferenceSimulation().frozenOutputCache(0);
            works[w] = fused.newWork();
        }
        boolean[][] workerMaps = new boolean[threads][fused.pool2Size()];
        int[] infC = new int[n];
        int[] infF = new int[n];
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "mozafari-phases-worker");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            results[3] = timer.phase(() -> split(pool, threads, nd, (w, i) -> infC[i] = comp.classify(src[i], sims[w])),
                    () -> split(pool, threads, nd, (w, i) -> {
                        boolean[] m = workerMaps[w];
                        fused.pool2Map(ev[i], works[w], m);
                        infF[i] = fused.classify(m, works[w]);
                    }));
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        int agreeInf = 0;
        for (int i = 0; i < n; i++) {
            agreeInf += infC[i] == infF[i] ? 1 : 0;
        }
        report(out, names, results, timer, n, rounds, threads, quick, new long[] {agree3[0], cache[0], cache[1]},
                agreeInf);
    }

    /** Prints one JSON line per phase that ran ({@code results[p] != null}). */
    private static void report(PrintStream out, String[] names, double[][] results, Timer timer, int n, int rounds,
            int threads, boolean quick, long[] conv3Counts, int agreeInf) {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        for (int p = 0; p < names.length && results[p] != null; p++) {
            double[] r = results[p];
            Json j = new Json("mozafari_phases", names[p] + "_ratio", r[2], "x", threads, 0)
                    .put("statistic", "median of " + rounds + " alternating rounds after " + timer.warmup + " warm-up rounds, "
                            + (threads == 1 ? "thread CPU time" : "wall time") + "; ratio = fused time / composed time")
                    .put("composed_images_per_s", round(n / r[0]))
                    .put("fused_images_per_s", round(n / r[1]))
                    .put("composed_rounds", timer.rates(p, 0, n))
                    .put("fused_rounds", timer.rates(p, 1, n))
                    .put("images", n)
                    .put("load_average", load)
                    .put("quick", quick);
            if (threads > 1) {
                j.put("composed_images_per_cpu_s", round(n / r[3])).put("fused_images_per_cpu_s", round(n / r[4]));
            }
            if (p == 2) {
                j.put("same_decisions_last_round", conv3Counts[0]).put("frozen_cache_hits", conv3Counts[1])
                        .put("frozen_cache_misses", conv3Counts[2]);
            }
            if (p == 3) {
                j.put("same_decisions", agreeInf);
            }
            out.println(j);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** One piece of parallel work: digit {@code i} on worker {@code w}. */
    private interface Task {
        void run(int w, int i);
    }

    /** Runs {@code task} for digits {@code 0 .. n-1}, contiguous blocks on {@code threads} workers (the caller is worker 0). */
    private static void split(ExecutorService pool, int threads, int n, Task task) {
        if (threads == 1) {
            for (int i = 0; i < n; i++) {
                task.run(0, i);
            }
            return;
        }
        Future<?>[] f = new Future<?>[threads - 1];
        for (int w = 1; w < threads; w++) {
            int ww = w;
            f[w - 1] = pool.submit(() -> {
                for (int i = n * ww / threads; i < n * (ww + 1) / threads; i++) {
                    task.run(ww, i);
                }
            });
        }
        for (int i = 0; i < n / threads; i++) {
            task.run(0, i);
        }
        try {
            for (Future<?> x : f) {
                x.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("inference worker failed: " + e, e);
        }
    }

    /** {@code -Dbench.trace=true}: every round's times and the JVM's uptime on standard error. */
    private static final boolean TRACE = Boolean.getBoolean("bench.trace");

    /** Alternating timed rounds of two sides. */
    private static final class Timer {
        private final int threads;
        private final int rounds;
        private final int warmup;
        private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        /** Per phase run so far: {composed seconds per round, fused seconds per round}. */
        private final java.util.List<double[][]> perRound = new java.util.ArrayList<>();

        Timer(int threads, int rounds, int warmup) {
            this.threads = threads;
            this.rounds = rounds;
            this.warmup = warmup;
        }

        private long now() {
            return threads == 1 ? mx.getCurrentThreadCpuTime() : System.nanoTime();
        }

        /** Images per second of every timed round of phase {@code p}, side 0 (composed) or 1 (fused), in order. */
        String rates(int p, int side, int n) {
            StringBuilder sb = new StringBuilder();
            for (double sec : perRound.get(p)[side]) {
                sb.append(sb.length() == 0 ? "" : " ").append(Math.round(n / sec));
            }
            return sb.toString();
        }

        /**
         * {@link #warmup} warm-up rounds and {@link #rounds} timed rounds, alternating which side goes first.
         *
         * @return {composed median s, fused median s, median ratio fused/composed, composed median process
         *         CPU s, fused median process CPU s}
         */
        double[] phase(Runnable composed, Runnable fused) {
            double[] c = new double[rounds];
            double[] f = new double[rounds];
            double[] cc = new double[rounds];
            double[] fc = new double[rounds];
            double[] ratio = new double[rounds];
            for (int r = -warmup; r < rounds; r++) {
                boolean fusedFirst = (r & 1) == 1;
                long p0 = os.getProcessCpuTime();
                long t0 = now();
                (fusedFirst ? fused : composed).run();
                long t1 = now();
                long p1 = os.getProcessCpuTime();
                (fusedFirst ? composed : fused).run();
                long t2 = now();
                long p2 = os.getProcessCpuTime();
                if (TRACE) {
                    System.err.printf(java.util.Locale.ROOT, "trace uptime_ms %d round %d %s %.4f s %s %.4f s%n",
                            ManagementFactory.getRuntimeMXBean().getUptime(), r, fusedFirst ? "fused" : "composed",
                            (t1 - t0) / 1e9, fusedFirst ? "composed" : "fused", (t2 - t1) / 1e9);
                }
                if (r >= 0) {
                    c[r] = (fusedFirst ? t2 - t1 : t1 - t0) / 1e9;
                    f[r] = (fusedFirst ? t1 - t0 : t2 - t1) / 1e9;
                    cc[r] = (fusedFirst ? p2 - p1 : p1 - p0) / 1e9;
                    fc[r] = (fusedFirst ? p1 - p0 : p2 - p1) / 1e9;
                    ratio[r] = f[r] / c[r];
                }
            }
            perRound.add(new double[][] {c, f});
            return new double[] {median(c), median(f), median(ratio), median(cc), median(fc)};
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
