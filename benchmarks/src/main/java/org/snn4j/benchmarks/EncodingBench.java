package org.snn4j.benchmarks;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.snn4j.EventSource;
import org.snn4j.encoding.FloatImage;
import org.snn4j.encoding.MozafariEncoder;
import org.snn4j.encoding.dataset.MnistDataset;

/**
 * Workload {@code encode_mnist}: the Mozafari 2019 input pipeline (6 DoG kernels, padding 6, threshold 50,
 * local normalisation radius 8, 15-step equal-count latency code) on every digit of
 * {@code examples/data/mnist10k} (10,000 images; per image: bytes to {@link FloatImage}, filter, normalise,
 * rank, bucket into an {@link EventSource}). Reports images per second with 1 and 2 threads; each thread
 * encodes a contiguous share of the images with the same shared (thread-safe) encoder.
 *
 * <p>Method: 3 warm-up passes, then 7 timed passes over all images; the value is the median wall time,
 * with the best pass and the workers' CPU time (median; images per CPU-second is less disturbed than wall
 * time on a shared machine) also reported. Every pass must produce the same number of events. With
 * {@code --quick}: 500 images, 1 warm-up, 2 timed passes. Peer anchor: SpykeTorch 120 / 573 images/s with
 * 1 / 2 threads on this kind of machine (ANCHORS.md row 1).
 *
 * <p>Run: {@code java -jar benchmarks/target/snn4j-benchmarks.jar encode_mnist} (the data is found from any
 * directory of the repository; {@code --data DIR} names a folder holding {@code mnist10k/}).
 */
public final class EncodingBench implements Workload {

    @Override
    public String description() {
        return "Mozafari input pipeline (6 DoG + local norm + 15-bin latency) on mnist10k, 1 and 2 threads "
                + "(SpykeTorch 120 / 573 img/s)";
    }

    @Override
    public void run(Bench.Settings settings, PrintStream out) throws Exception {
        boolean quick = settings.quick();
        Path dir = settings.dataFolder("mnist10k");
        MnistDataset data = MnistDataset.load(dir);
        int all = data.train().count() + data.test().count();
        int n = quick ? Math.min(500, all) : all;
        byte[] pixels = new byte[all * 784];
        System.arraycopy(data.train().pixels(), 0, pixels, 0, data.train().pixels().length);
        System.arraycopy(data.test().pixels(), 0, pixels, data.train().pixels().length, data.test().pixels().length);
        int warmup = quick ? 1 : 3;
        int runs = quick ? 2 : 7;
        MozafariEncoder enc = MozafariEncoder.mozafari2019();
        for (int threads : new int[] {1, 2}) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                long[] cpu = new long[1];
                long events = pass(enc, pixels, n, threads, pool, cpu);
                for (int w = 0; w < warmup; w++) {
                    pass(enc, pixels, n, threads, pool, cpu);
                }
                double[] wall = new double[runs];
                double[] cpuS = new double[runs];
                for (int r = 0; r < runs; r++) {
                    cpu[0] = 0;
                    long t0 = System.nanoTime();
                    long e = pass(enc, pixels, n, threads, pool, cpu);
                    wall[r] = (System.nanoTime() - t0) / 1e9;
                    cpuS[r] = cpu[0] / 1e9;
                    if (e != events) {
                        throw new IllegalStateException("pass " + r + " gave " + e + " events, first pass " + events);
                    }
                }
                Arrays.sort(wall);
                Arrays.sort(cpuS);
                double median = wall[runs / 2];
                double cpuMedian = cpuS[runs / 2];
                out.println(new Json("encode_mnist", "images_per_s", n / median, "1/s", threads, median)
                        .put("statistic", "median of " + runs + " passes after " + warmup + " warm-up passes")
                        .put("best_wall_s", wall[0])
                        .put("best_images_per_s", n / wall[0])
                        .put("cpu_s_median", cpuMedian)
                        .put("images_per_cpu_s", n / cpuMedian)
                        .put("load_average", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage())
                        .put("images", n)
                        .put("events", events)
                        .put("steps", enc.steps())
                        .put("shape", enc.outputShape().toString())
                        .put("quick", quick));
            } finally {
                pool.shutdown();
            }
        }
    }

    private static long pass(MozafariEncoder enc, byte[] pixels, int n, int threads, ExecutorService pool,
                             long[] cpuNanos) throws Exception {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] cpu = new long[threads];
        List<Future<Long>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = (int) ((long) n * t / threads);
            int to = (int) ((long) n * (t + 1) / threads);
            int slot = t;
            parts.add(pool.submit(() -> {
                long c0 = mx.getCurrentThreadCpuTime();
                long events = 0;
                for (int i = from; i < to; i++) {
                    EventSource src = enc.encode(FloatImage.fromUnsignedBytes(28, 28, pixels, i * 784));
                    events += src.eventCount();
                }
                cpu[slot] = mx.getCurrentThreadCpuTime() - c0;
                return events;
            }));
        }
        long total = 0;
        for (Future<Long> f : parts) {
            total += f.get();
        }
        for (long c : cpu) {
            cpuNanos[0] += c;
        }
        return total;
    }
}
