package org.snn4j.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.snn4j.Shape;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.encoding.aer.Events;
import org.snn4j.encoding.aer.NmnistEmulator;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.encoding.dataset.NmnistDataset;
import org.snn4j.io.AtomicFiles;
import org.snn4j.plot.ColorMap;
import org.snn4j.plot.LineChart;
import org.snn4j.plot.Normalisation;
import org.snn4j.plot.WeightGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * <pre>
 * Ex11: the N-MNIST emulator against real N-MNIST recordings.
 *
 * What it shows: NmnistEmulator turns the 10,000 shipped MNIST digits (examples/data/mnist10k) into N-MNIST-like
 * event streams (34x34 sensor, three saccades of 100 ms, per-pixel log-intensity thresholds, refractory period,
 * background noise; camera seed 1, sample seed = index for training digits, 100,000 + index for test digits) and
 * compares them with the 1,100 real recordings shipped in examples/data/nmnist-small (or a full N-MNIST given with
 * --nmnist DIR): events per recording, ON fraction, first and last event times, share of events per saccade,
 * per-class means, and the polarity convention (ON events trail the motion).
 *
 * Run:  java -jar examples/target/snn4j-examples.jar nmnist-emulator [--quick] [--out DIR] [--data DIR]
 *       [--nmnist DIR] [--threads N]
 *       (--quick: 200 emulated training digits and 200 real recordings; default: all 8,000 + 2,000 digits and
 *       all real recordings; --data the MNIST folder, --nmnist the real N-MNIST folder)
 * Prints: the statistics of the real and the emulated recordings side by side, the per-class means, and the
 * emulation speed (recordings per second and process CPU milliseconds per recording, JIT and GC included).
 * Writes (default folder results/nmnist-emulator): real-vs-emulated.png (top row: real recording 1, a 5; bottom
 * row: the first emulated 5; one tile per saccade, ON - OFF events per pixel, red ON, blue OFF),
 * event-rate.png (events per 5 ms, mean over recordings, real and emulated) and nmnist-emulator.json (the
 * statistics).
 * </pre>
 */
@Command(name = "nmnist-emulator")
public final class Ex11_NmnistEmulator implements Cli.Command {
    static final String PAIR_PNG = "real-vs-emulated.png";
    static final String RATE_PNG = "event-rate.png";
    static final String JSON = "nmnist-emulator.json";
    static final long CAMERA_SEED = 1;
    static final long TEST_SEED_OFFSET = 100_000;
    private static final int BINS = 70; // 5 ms bins over 350 ms

    @Option(names = "--quick",
            description = "200 emulated training digits (no test digits) and at most 200 real recordings per "
            + "split, instead of all")
    boolean quick;

    @Mixin
    Options.Out out;

    @Mixin
    Options.Data data = new Options.Data("examples/data/mnist10k");

    @Option(names = "--nmnist", paramLabel = "DIR", converter = Options.DataFolder.class,
            description = "the real N-MNIST folder (default: examples/data/nmnist-small, looked for like --data)")
    Path nmnist;

    @Mixin
    Options.Threads threads;

    /** A command-line instance; picocli sets the options. */
    public Ex11_NmnistEmulator() {
    }

    /** Runs the example from the command line; {@code --help} lists the options. */
    public static void main(String[] args) {
        Launcher.main("nmnist-emulator", args);
    }

    /** Runs the example with the parsed options. */
    @Override
    public void run(PrintStream console) throws IOException, InterruptedException {
        run(quick, out.dir(), data.given(), nmnist, threads.get());
    }

    /** Runs the example and returns the pictures and the JSON file it wrote (in that order). */
    static List<Path> run(boolean quick, Path out, Path mnistDir, Path nmnistDir, int threads)
            throws IOException, InterruptedException {
        ExampleOptions o = new ExampleOptions(quick, out, mnistDir);
        Path realDir = nmnistDir != null ? nmnistDir : Options.find(Path.of("examples", "data", "nmnist-small"));
        NmnistEmulator em = NmnistEmulator.defaults(CAMERA_SEED);

        // real recordings
        NmnistEmulator.Statistics real = new NmnistEmulator.Statistics();
        double[] realRate = new double[BINS];
        Events realFive = null;
        int realLimit = quick ? 200 : Integer.MAX_VALUE;
        for (NmnistDataset.Split split : NmnistDataset.Split.values()) {
            NmnistDataset d = NmnistDataset.load(realDir, split);
            int n = Math.min(d.size(), realLimit);
            for (int i = 0; i < n; i++) {
                Events e = d.sample(i).events();
                real.add(e, d.label(i));
                histogram(e, realRate);
                if (realFive == null && d.label(i) == 5) {
                    realFive = e;
                }
            }
        }
        System.out.printf(Locale.ROOT, "real: %,d recordings from %s%n", real.samples(), realDir);

        // emulated digits, in parallel over indices (each recording has its own seed: same result at any thread count)
        MnistDataset.Split train = o.mnistTrain();
        MnistDataset.Split test = o.mnistTest();
        int nTrain = quick ? 200 : train.count();
        int nTest = quick ? 0 : test.count();
        long cpu0 = processCpuNs();
        long wall0 = System.nanoTime();
        Events[] trainRec = em.emulateAll(nTrain, train::image, 0, threads);
        Events[] testRec = em.emulateAll(nTest, test::image, TEST_SEED_OFFSET, threads);
        double wallS = (System.nanoTime() - wall0) / 1e9;
        long cpuTotal = processCpuNs() - cpu0;
        Events[] emulated = new Events[nTrain + nTest];
        int[] labels = new int[nTrain + nTest];
        for (int i = 0; i < emulated.length; i++) {
            emulated[i] = i < nTrain ? trainRec[i] : testRec[i - nTrain];
            labels[i] = i < nTrain ? train.label(i) : test.label(i - nTrain);
        }
        NmnistEmulator.Statistics emu = new NmnistEmulator.Statistics();
        double[] emuRate = new double[BINS];
        Events emuFive = null;
        for (int i = 0; i < emulated.length; i++) {
            emu.add(emulated[i], labels[i]);
            histogram(emulated[i], emuRate);
            if (emuFive == null && labels[i] == 5) {
                emuFive = emulated[i];
            }
        }
        System.out.printf(Locale.ROOT, "emulated: %,d recordings (%,d training + %,d test digits) in %.1f s with %d "
                + "threads: %.0f recordings/s, %.2f ms process CPU per recording (JIT and GC included)%n",
                emulated.length, nTrain, nTest, wallS, threads, emulated.length / wallS, cpuTotal / 1e6 / emulated.length);

        System.out.println();
        System.out.printf(Locale.ROOT, "%-34s %12s %12s%n", "", "real", "emulated");
        row("events per recording (mean)", real.meanEvents(), emu.meanEvents(), "%12.0f");
        row("events per recording (sd)", real.sdEvents(), emu.sdEvents(), "%12.0f");
        row("ON fraction", real.onFraction(), emu.onFraction(), "%12.3f");
        for (int k = 0; k < 3; k++) {
            row("share of events in saccade " + (k + 1), real.saccadeFraction(k), emu.saccadeFraction(k), "%12.3f");
        }
        row("first event, latest (ms)", real.maxFirstUs() / 1e3, emu.maxFirstUs() / 1e3, "%12.1f");
        row("last event, earliest (ms)", real.minLastUs() / 1e3, emu.minLastUs() / 1e3, "%12.1f");
        row("last event, mean (ms)", real.meanLastUs() / 1e3, emu.meanLastUs() / 1e3, "%12.1f");
        row("last event, latest (ms)", real.maxLastUs() / 1e3, emu.maxLastUs() / 1e3, "%12.1f");
        row("ON - OFF column, saccade 3 (px)", real.onMinusOffX(), emu.onMinusOffX(), "%12.2f");
        System.out.println();
        System.out.printf(Locale.ROOT, "%-8s", "digit");
        for (int c = 0; c < 10; c++) {
            System.out.printf(Locale.ROOT, "%7d", c);
        }
        System.out.printf(Locale.ROOT, "%n%-8s", "real");
        for (int c = 0; c < 10; c++) {
            System.out.printf(Locale.ROOT, "%7.0f", real.classMean(c));
        }
        System.out.printf(Locale.ROOT, "%n%-8s", "emulated");
        for (int c = 0; c < 10; c++) {
            System.out.printf(Locale.ROOT, "%7.0f", emu.classMean(c));
        }
        System.out.println();

        ExampleOptions.Pictures pics = new ExampleOptions.Pictures(out);
        Files.createDirectories(out);
        pics.write(pair(realFive, emuFive), PAIR_PNG);
        pics.write(rate(realRate, real.samples(), emuRate, emu.samples()), RATE_PNG);
        Path json = out.resolve(JSON);
        AtomicFiles.write(json, json(real, emu, emulated.length, wallS, threads, cpuTotal)
                .getBytes(StandardCharsets.UTF_8));
        System.out.println("  wrote " + json);
        List<Path> written = new ArrayList<>(pics.written());
        written.add(json);
        return written;
    }

    /** CPU time of this JVM, nanoseconds (the workers' time included; GC and JIT threads too). */
    private static long processCpuNs() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return -1;
    }

    private static void row(String name, double real, double emu, String fmt) {
        System.out.printf(Locale.ROOT, "%-34s" + fmt + fmt + "%n", name, real, emu);
    }

    private static void histogram(Events e, double[] bins) {
        for (int i = 0; i < e.size(); i++) {
            bins[(int) Math.min(BINS - 1, e.t(i) / 5000)]++;
        }
    }

    /** Two rows (real, emulated) of three tiles (saccades): ON - OFF events per pixel, scaled to [0, 1] around 0.5. */
    private static BufferedImage pair(Events real, Events emu) {
        Events[] rows = {real, emu};
        float[] v = new float[6 * 34 * 34];
        for (int r = 0; r < 2; r++) {
            Events e = rows[r];
            for (int i = 0; i < e.size(); i++) {
                long t = e.t(i);
                int s = t < 105_000 ? 0 : t < 210_000 ? 1 : 2;
                v[(r * 3 + s) * 34 * 34 + e.y(i) * 34 + e.x(i)] += e.isOn(i) ? 1 : -1;
            }
        }
        float max = 1;
        for (int i = 0; i < v.length; i++) {
            max = Math.max(max, Math.abs(v[i]));
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.5f + v[i] / (2 * max);
        }
        return WeightGrid.tiles(v, new Shape(1, 34, 34), 6, Normalisation.NONE, ColorMap.DIVERGING, 6, 3);
    }

    private static BufferedImage rate(double[] real, long nReal, double[] emu, long nEmu) {
        float[] a = new float[BINS];
        float[] b = new float[BINS];
        double max = 0;
        for (int k = 0; k < BINS; k++) {
            a[k] = (float) (real[k] / nReal);
            b[k] = (float) (emu[k] / nEmu);
            max = Math.max(max, Math.max(a[k], b[k]));
        }
        return LineChart.of("events per 5 ms (mean per recording)", "time (ms)", "events",
                List.of(LineChart.Series.of("real N-MNIST", a, 2.5, 5), LineChart.Series.of("emulated", b, 2.5, 5)),
                0, Math.ceil(max * 1.1), 640, 400);
    }

    private static String json(NmnistEmulator.Statistics real, NmnistEmulator.Statistics emu, int n, double wallS,
            int threads, long cpuNs) {
        StringBuilder j = new StringBuilder("{\n");
        j.append(String.format(Locale.ROOT, "  \"emulated_recordings\": %d,%n  \"threads\": %d,%n  \"wall_s\": %.3f,%n"
                + "  \"process_cpu_ms_per_recording\": %.3f,%n", n, threads, wallS, cpuNs / 1e6 / n));
        stats(j, "real", real);
        j.append(",\n");
        stats(j, "emulated", emu);
        j.append("\n}\n");
        return j.toString();
    }

    private static void stats(StringBuilder j, String name, NmnistEmulator.Statistics s) {
        j.append(String.format(Locale.ROOT, "  \"%s\": {\"recordings\": %d, \"mean_events\": %.1f, "
                + "\"sd_events\": %.1f, \"on_fraction\": %.4f, "
                + "\"saccade_fractions\": [%.4f, %.4f, %.4f], \"first_event_max_ms\": %.3f, \"last_event_min_ms\": %.3f, "
                + "\"last_event_mean_ms\": %.3f, \"last_event_max_ms\": %.3f, \"on_minus_off_x_saccade3\": %.3f, "
                + "\"class_means\": [", name, s.samples(), s.meanEvents(), s.sdEvents(), s.onFraction(), s.saccadeFraction(0),
                s.saccadeFraction(1), s.saccadeFraction(2), s.maxFirstUs() / 1e3, s.minLastUs() / 1e3,
                s.meanLastUs() / 1e3, s.maxLastUs() / 1e3, s.onMinusOffX()));
        for (int c = 0; c < 10; c++) {
            j.append(String.format(Locale.ROOT, c == 0 ? "%.1f" : ", %.1f", s.classMean(c)));
        }
        j.append("]}");
    }
}
