package org.snn4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.snn4j.EventSource;
import org.snn4j.Spikes;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.encoding.FloatImage;
import org.snn4j.encoding.PoissonEncoder;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.plot.ColorMap;
import org.snn4j.plot.Figure;
import org.snn4j.plot.HeatMap;
import org.snn4j.plot.SpikeRaster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * <pre>
 * Ex03: Poisson (rate) coding of an MNIST digit.
 *
 * What it shows: the first digit of the shipped MNIST test split (a 3) turned into 784 spike trains by a
 * PoissonEncoder: pixel intensity x in 0..255 fires at rate r = 100 Hz * x / 255, i.e. with probability
 * p = r * dt / 1000 at each 1 ms step, for 1 s (200 ms with --quick). The pixels are grouped by intensity, and
 * for each group the expected spike count (the sum of p over its pixels and steps) is compared with the
 * measured one; z is (measured - expected) / sqrt(sum p (1 - p) steps), so |z| &lt; 3 is what chance allows.
 * Dark pixels (x = 0) never fire.
 *
 * Run:  java -jar examples/target/snn4j-examples.jar poisson-encoding [--quick] [--out DIR] [--data DIR]
 * Prints: the table of intensity groups (pixels, rate range, expected and measured counts, z) and the PNGs.
 * Draws (default folder results/poisson-encoding): digit.png, the digit as a heat map (224x224), and
 * raster.png, the spike raster of the 784 inputs (800x400; neuron = row-major pixel index).
 * Seed 3: the output is reproducible.
 * </pre>
 */
@Command(name = "poisson-encoding")
public final class Ex03_PoissonEncoding implements Cli.Command {
    /** Picture file names and sizes, for the pictures test. */
    static final String DIGIT_PNG = "digit.png";
    static final String RASTER_PNG = "raster.png";
    static final int RASTER_W = 800;
    static final int RASTER_H = 400;
    static final int DIGIT_SCALE = 8;

    private static final int[] GROUP_HI = {0, 63, 127, 191, 254, 255};

    @Option(names = "--quick", description = "simulate 200 ms instead of 1 s")
    boolean quick;

    @Mixin
    Options.Out out;

    @Mixin
    Options.Data data = new Options.Data("examples/data/mnist10k");

    /** A command-line instance; picocli sets the options. */
    public Ex03_PoissonEncoding() {
    }

    /** Runs the example. */
    public static void main(String[] args) {
        Launcher.main("poisson-encoding", args);
    }

    /** Runs the example with the parsed options. */
    @Override
    public void run(PrintStream console) throws IOException {
        run(new ExampleOptions(quick, out.dir(), data.given()));
    }

    /** Runs the example with parsed options; returns the PNG files written. */
    static List<Path> run(ExampleOptions o) throws IOException {
        MnistDataset.Split test = o.mnistTest();
        FloatImage digit = test.image(0);
        float[] x = digit.data();
        double durationMs = o.quick() ? 200 : 1000;
        PoissonEncoder enc = new PoissonEncoder(100.0, durationMs, 1.0, 255.0);
        EventSource src = enc.encode(x, new SplittableRandom(3));
        int steps = enc.steps();

        // measured spikes per pixel, and every event for the raster
        int[] perPixel = new int[x.length];
        int[] evStep = new int[src.eventCount()];
        int[] evNeuron = new int[src.eventCount()];
        int n = 0;
        Spikes s = new Spikes(x.length);
        for (int t = 0; t < steps; t++) {
            s.clear();
            src.emit(t, s);
            for (int k = 0; k < s.count(); k++) {
                int i = s.get(k);
                perPixel[i]++;
                evStep[n] = t;
                evNeuron[n++] = i;
            }
        }

        System.out.printf(Locale.ROOT, "Ex03_PoissonEncoding: MNIST test digit 0 (label %d), %s, %d steps, "
                + "%d spikes%n", test.label(0), enc, steps, n);
        System.out.printf(Locale.ROOT, "  %-9s %7s %15s %12s %10s %7s%n", "intensity", "pixels", "rate (Hz)",
                "expected", "measured", "z");
        int lo = 0;
        double totalExpected = 0;
        for (int g = 0; g < GROUP_HI.length; g++) {
            int hi = GROUP_HI[g];
            int pixels = 0;
            double expected = 0;
            double variance = 0;
            long measured = 0;
            for (int i = 0; i < x.length; i++) {
                if (x[i] >= lo && x[i] <= hi) {
                    double p = enc.probability(x[i]);
                    pixels++;
                    expected += p * steps;
                    variance += p * (1 - p) * steps;
                    measured += perPixel[i];
                }
            }
            double z = variance > 0 ? (measured - expected) / Math.sqrt(variance) : 0.0;
            System.out.printf(Locale.ROOT, "  %3d-%-5d %7d %6.1f - %6.1f %12.1f %10d %7.2f%n", lo, hi, pixels,
                    100.0 * lo / 255, 100.0 * hi / 255, expected, measured, z);
            totalExpected += expected;
            lo = hi + 1;
        }
        System.out.printf(Locale.ROOT, "  all       %7d %15s %12.1f %10d%n", x.length, "", totalExpected, n);

        ExampleOptions.Pictures pics = new ExampleOptions.Pictures(o.out());
        pics.write(Figure.titled("the digit (Poisson rates are proportional to intensity)", Figure.withColorBar(
                HeatMap.of(x, digit.height(), digit.width(), 0, 255, ColorMap.GRAY, DIGIT_SCALE), ColorMap.GRAY, 0, 255,
                "intensity")), DIGIT_PNG);
        pics.write(SpikeRaster.of("Poisson spikes of the digit's 784 pixels (100 Hz at intensity 255)",
                "time (ms)", "pixel (row by row)", evStep, evNeuron, n, steps, x.length, RASTER_W, RASTER_H), RASTER_PNG);
        return pics.written();
    }
}
