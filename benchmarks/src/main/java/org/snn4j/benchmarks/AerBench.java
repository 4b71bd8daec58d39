package org.snn4j.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.snn4j.encoding.aer.AerRecording;
import org.snn4j.encoding.aer.Aedat4;
import org.snn4j.encoding.aer.Events;
import org.snn4j.encoding.aer.NmnistBin;
import org.snn4j.encoding.aer.ReadOptions;

/**
 * Event-file decoding throughput, one JSON line per workload:
 * <ul>
 *   <li>{@code aer_nmnist}: the shipped N-MNIST sample (21,625 bytes, 4,325 events) decoded from memory in
 *       strict mode, as it is: the same bytes the numpy peer ({@code shared/tools/peers/nmnist_numpy_decode.py})
 *       decodes from memory (file reading excluded on both sides) into per-event x, y, polarity and
 *       timestamp. {@code value} and {@code cpu_events_per_s}: {@link NmnistBin#readInto} into one
 *       {@link Events.Builder} cleared and reused call after call (no allocation per event; the peer allocates
 *       its arrays on every call, as numpy must); {@code events_per_s_alloc} and {@code cpu_events_per_s_alloc}:
 *       {@link NmnistBin#read(byte[], ReadOptions)}, which allocates the event arrays on every call;
 *       {@code events_per_s_4mb}, {@code cpu_events_per_s_4mb}: {@code read} of the sample repeated to about
 *       4 MB (11 MB of output arrays per call, so memory-bound; lenient mode, because every repetition restarts
 *       the clock, which is counted as time going backwards);</li>
 *   <li>{@code aer_aedat4}: the shipped AEDAT 4.0 sample (949,253 bytes, 111,954 events, 118 LZ4 packets)
 *       decoded from memory in strict mode, including LZ4 decompression, IMU packet checks and the
 *       FileDataTable check, on {@code --threads N} threads (default 1). {@code value} and
 *       {@code cpu_events_per_s}: {@link Aedat4#readInto} into one {@link Events.Builder} cleared and reused
 *       call after call, with one {@link Aedat4.DecodeThreads} kept for all calls (its helper threads parked
 *       between calls); {@code events_per_s_alloc}, {@code cpu_events_per_s_alloc} and
 *       {@code process_cpu_events_per_s_alloc}: {@link Aedat4#read(byte[], ReadOptions, int)}, which allocates
 *       the event arrays and starts its helper threads on every call.</li>
 * </ul>
 * The samples are read from the shipped {@code examples/data/events/} (or {@code --data DIR}'s {@code events/}).
 * Usage: {@code java -jar benchmarks/target/snn4j-benchmarks.jar aer_nmnist aer_aedat4 [--quick]}. Besides the wall-clock rate ({@code value}) each
 * line carries {@code cpu_events_per_s}, the rate over this thread's CPU time, which is less disturbed by other
 * processes on a shared machine (with {@code --threads} above 1 it leaves out the decoding threads),
 * {@code process_cpu_events_per_s}, the rate over the CPU time of the whole JVM (every thread, including the
 * garbage collector and the JIT compiler: the figure to compare across thread counts), and {@code best_events_per_s}, the fastest round ({@code aer_nmnist} also gives
 * {@code best_cpu_events_per_s}, the fastest round by CPU time, to set beside the numpy peer's best of 20). Warm-up is 3 s and at least 1 s of
 * the thread's CPU time (the JIT compiler threads need CPU too). Single-threaded except {@code aer_aedat4 --threads N}; the value is the median of timed rounds after warm-up.
 */
public final class AerBench {
    private AerBench() {
    }

    /** The {@code aer_nmnist} workload. */
    public static final Workload NMNIST = new Workload() {
        @Override
        public String description() {
            return "N-MNIST .bin decoding (the shipped 4,325-event sample as the numpy peer decodes it, and repeated to 4 MB), events/s";
        }

        @Override
        public void run(Bench.Settings settings, PrintStream out) throws IOException {
            out.println(nmnist(settings.quick(), settings.dataFolder("events")));
        }
    };

    /** The {@code aer_aedat4} workload. */
    public static final Workload AEDAT4 = new Workload() {
        @Override
        public String description() {
            return "AEDAT 4.0 decoding incl. LZ4 (shipped 111,954-event sample, in memory), events/s";
        }

        @Override
        public void run(Bench.Settings settings, PrintStream out) throws IOException {
            out.println(aedat4(settings.quick(), settings.dataFolder("events"),
                    settings.threads() == null ? 1 : settings.threads()));
        }
    };

    private static byte[] bytes(Path dir, String name) throws IOException {
        return Files.readAllBytes(dir.resolve(name));
    }

    /** The {@code aer_nmnist} workload: decoded events per second. */
    public static String nmnist(boolean quick, Path dir) throws IOException {
        byte[] one = bytes(dir, "sample_nmnist.bin");
        int reps = (4 << 20) / one.length;
        byte[] data = new byte[one.length * reps];
        for (int r = 0; r < reps; r++) {
            System.arraycopy(one, 0, data, r * one.length, one.length);
        }
        Measure reuse = measure(decodeNmnistInto(one, ReadOptions.strict()), one.length / 5, quick);
        Measure alloc = measure(decodeNmnist(one, ReadOptions.strict()), one.length / 5, quick);
        Measure large = measure(decodeNmnist(data, ReadOptions.lenient()), data.length / 5, quick);
        return json("aer_nmnist", reuse).put("best_cpu_events_per_s", reuse.bestCpuEventsPerS())
                .put("events_per_s_alloc", alloc.eventsPerS()).put("cpu_events_per_s_alloc", alloc.cpuEventsPerS())
                .put("events_per_s_4mb", large.eventsPerS())
                .put("cpu_events_per_s_4mb", large.cpuEventsPerS()).put("quick", quick).toString();
    }

    /** {@link NmnistBin#readInto} into one builder, cleared before every call. */
    private static Work decodeNmnistInto(byte[] data, ReadOptions o) {
        Events.Builder into = Events.builder(NmnistBin.NMNIST_SIZE, NmnistBin.NMNIST_SIZE, data.length / 5);
        return () -> {
            try {
                NmnistBin.readInto(data, 0, data.length, o, into.clear());
                return into.size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static Work decodeNmnist(byte[] data, ReadOptions o) {
        return () -> {
            try {
                AerRecording rec = NmnistBin.read(data, o);
                return rec.events().size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** The {@code aer_aedat4} workload at one thread. */
    public static String aedat4(boolean quick, Path dir) throws IOException {
        return aedat4(quick, dir, 1);
    }

    /**
     * The {@code aer_aedat4} workload: decoded events per second, with {@link Aedat4#read(byte[], ReadOptions, int)}
     * at {@code threads} threads (1 = the sequential reader).
     */
    public static String aedat4(boolean quick, Path dir, int threads) throws IOException {
        byte[] data = bytes(dir, "sample.aedat4");
        ReadOptions o = ReadOptions.strict();
        Events first = Aedat4.read(data, o, threads).events();
        Events.Builder into = Events.builder(first.width(), first.height(), first.size());
        Measure reuse;
        try (Aedat4.DecodeThreads pool = new Aedat4.DecodeThreads(threads)) {
            reuse = measure(() -> {
                try {
                    return Aedat4.readInto(data, o, pool, into.clear()).events();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, 111_954, quick);
        }
        Measure alloc = measure(() -> {
            try {
                return Aedat4.read(data, o, threads).events().size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, 111_954, quick);
        return json("aer_aedat4", reuse, threads).put("best_cpu_events_per_s", reuse.bestCpuEventsPerS())
                .put("events_per_s_alloc", alloc.eventsPerS()).put("cpu_events_per_s_alloc", alloc.cpuEventsPerS())
                .put("process_cpu_events_per_s_alloc", alloc.processCpuEventsPerS())
                .put("quick", quick).toString();
    }

    private interface Work {
        long run();
    }

    private record Measure(double eventsPerS, double bestEventsPerS, double cpuEventsPerS, double bestCpuEventsPerS,
                           double processCpuEventsPerS, double wallS) {
    }

    private static Measure measure(Work w, long expected, boolean quick) {
        long t00 = System.nanoTime();
        long sink = 0;
        long warm = System.nanoTime() + (quick ? 100_000_000L : 3_000_000_000L);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        // 3 s, and at least 1 s of this thread's CPU time (on a loaded machine 3 s of wall clock can be little CPU)
        long warmCpu = mx.getCurrentThreadCpuTime() + (quick ? 0L : 1_000_000_000L);
        while (System.nanoTime() < warm || mx.getCurrentThreadCpuTime() < warmCpu) {
            sink += w.run();
        }
        double[] rates = new double[quick ? 3 : 15];
        double[] cpuRates = new double[rates.length];
        double[] processRates = new double[rates.length];
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < rates.length; r++) {
            long n = 0;
            long c0 = mx.getCurrentThreadCpuTime();
            long p0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            long t1;
            do {
                long got = w.run();
                if (got != expected) {
                    throw new IllegalStateException("decoded " + got + " events, expected " + expected);
                }
                n += got;
                t1 = System.nanoTime();
            } while (t1 - t0 < (quick ? 20_000_000L : 100_000_000L));
            rates[r] = n / ((t1 - t0) / 1e9);
            cpuRates[r] = n / ((mx.getCurrentThreadCpuTime() - c0) / 1e9);
            processRates[r] = n / ((os.getProcessCpuTime() - p0) / 1e9);
        }
        Arrays.sort(rates);
        Arrays.sort(cpuRates);
        Arrays.sort(processRates);
        if (sink == 42) {
            System.out.print("");
        }
        return new Measure(rates[rates.length / 2], rates[rates.length - 1], cpuRates[cpuRates.length / 2],
                cpuRates[cpuRates.length - 1], processRates[processRates.length / 2], (System.nanoTime() - t00) / 1e9);
    }

    private static Json json(String workload, Measure m) {
        return json(workload, m, 1);
    }

    private static Json json(String workload, Measure m, int threads) {
        return new Json(workload, "events_per_s", m.eventsPerS(), "1/s", threads, m.wallS()).put("best_events_per_s", m.bestEventsPerS())
                .put("cpu_events_per_s", m.cpuEventsPerS()).put("process_cpu_events_per_s", m.processCpuEventsPerS());
    }
}
