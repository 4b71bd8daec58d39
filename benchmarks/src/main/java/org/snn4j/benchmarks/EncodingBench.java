package org.snn4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
 * {@code examples/data/mnist10k} (10,000 images: bytes to {@link FloatImage}, filter, normalise, sort, bucket
 * into an {@link EventSource}). Reports images per second with 1 and 2 threads (each thread encodes a
 * contiguous share of the images with the same shared, thread-safe encoder), best of several timed passes
 * after warm-up; also the CPU time the workers used ({@code cpu_s}, best pass) and images per CPU-second,
 * which is less disturbed than wall time on a shared machine. Peer anchor: SpykeTorch 573 images/s with 2 threads on this kind of machine
 * (ANCHORS.md row 1).
 *
 * <p>Run: {@code java -cp benchmarks/target/snn4j-benchmarks.jar org.snn4j.benchmarks.EncodingBench
 * [dataDir] [threads...]}; prints one JSON object per line.
 */
public final class EncodingBench {
    private EncodingBench() {
    }

    /** Entry point: {@code [dataDir] [threads...]}, default {@code examples/data/mnist10k 1 2}. */
    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : defaultDataDir();
        int[] threads = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 2};
        for (String line : run(dir, threads)) {
            System.out.println(line);
        }
    }

    /** Finds {@code examples/data/mnist10k} from the working directory or its parent. */
    public static Path defaultDataDir() {
        for (Path p : new Path[] {Path.of("examples/data/mnist10k"), Path.of("../examples/data/mnist10k")}) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("examples/data/mnist10k not found; pass the directory as first argument");
    }

    /** Runs the workload for each thread count and returns the JSON lines. */
    public static List<String> run(Path dir, int... threadCounts) throws IOException, Exception {
        MnistDataset data = MnistDataset.load(dir);
        int n = data.train().count() + data.test().count();
        byte[] pixels = new byte[n * 784];
        System.arraycopy(data.train().pixels(), 0, pixels, 0, data.train().pixels().length);
        System.arraycopy(data.test().pixels(), 0, pixels, data.train().pixels().length, data.test().pixels().length);
        MozafariEncoder enc = MozafariEncoder.mozafari2019();
        List<String> out = new ArrayList<>();
        for (int threads : threadCounts) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                long[] cpu = new long[1];
                long events = 0;
                for (int w = 0; w < 3; w++) {
                    events = pass(enc, pixels, n, threads, pool, cpu);
                }
                double best = Double.MAX_VALUE;
                double bestCpu = Double.MAX_VALUE;
                for (int r = 0; r < 5; r++) {
                    cpu[0] = 0;
                    long t0 = System.nanoTime();
                    long e = pass(enc, pixels, n, threads, pool, cpu);
                    double s = (System.nanoTime() - t0) / 1e9;
                    if (e != events) {
                        throw new IllegalStateException("non-deterministic event count " + e + " vs " + events);
                    }
                    best = Math.min(best, s);
                    bestCpu = Math.min(bestCpu, cpu[0] / 1e9);
                }
                out.add(String.format(Locale.ROOT,
                        "{\"workload\":\"encode_mnist\",\"metric\":\"images_per_s\",\"value\":%.1f,\"unit\":\"1/s\","
                                + "\"threads\":%d,\"wall_s\":%.4f,\"cpu_s\":%.4f,\"images_per_cpu_s\":%.1f,"
                                + "\"images\":%d,\"events\":%d,\"jdk\":\"%s\",\"cpus\":%d}",
                        n / best, threads, best, bestCpu, n / bestCpu, n, events, System.getProperty("java.version"),
                        Runtime.getRuntime().availableProcessors()));
            } finally {
                pool.shutdown();
            }
        }
        return out;
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
