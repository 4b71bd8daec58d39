package org.snn4j.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.encoding.FeatureMaps;
import org.snn4j.encoding.FloatImage;
import org.snn4j.encoding.MozafariEncoder;
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
 * Ex04: the input pipeline of Mozafari et al. 2019 (doi:10.1016/j.patcog.2019.05.015) on one digit.
 *
 * What it shows: MozafariEncoder.mozafari2019() turns a 28x28 MNIST digit into 6 feature maps with a bank of
 * difference-of-Gaussians filters (ON and OFF centre at sizes 3, 7 and 13; padding 6, threshold 50), a local
 * normalisation (radius 8), and then a rank-order latency code of 15 steps: the strongest responses fire at
 * step 0, the weakest at step 14, every input fires at most once, zero responses never fire, and the
 * positive responses are shared out in (nearly) equal numbers per step. The example checks those facts and
 * prints them.
 *
 * Run:  java -jar examples/target/snn4j-examples.jar dog-rank-order [--quick] [--out DIR] [--data DIR]
 *       (--quick encodes the same digit; the example is already fast)
 * Prints: the non-zero responses per DoG map, then the latency code: spikes per step (per map and in all),
 * and whether every non-zero response fired exactly once.
 * Draws (default folder results/dog-rank-order): digit.png (224x224), dog-maps.png (the 6 filtered maps in a
 * 3x2 grid, each scaled by its own range, 6 pixels per value), latency.png (the same grid showing the
 * step at which each input fires: black = step 0, lighter = later, white = never) and raster.png (800x400;
 * neuron = (map * 28 + y) * 28 + x).
 * </pre>
 */
@Command(name = "dog-rank-order")
public final class Ex04_DogRankOrder implements Cli.Command {
    static final String DIGIT_PNG = "digit.png";
    static final String MAPS_PNG = "dog-maps.png";
    static final String LATENCY_PNG = "latency.png";
    static final String RASTER_PNG = "raster.png";
    static final int RASTER_W = 800;
    static final int RASTER_H = 400;

    private static final String[] MAP_NAMES = {"ON 3", "OFF 3", "ON 7", "OFF 7", "ON 13", "OFF 13"};

    @Option(names = "--quick",
            description = "accepted like in every example; changes nothing (this example is already fast)")
    boolean quick;

    @Mixin
    Options.Out out;

    @Mixin
    Options.Data data = new Options.Data("examples/data/mnist10k");

    /** A command-line instance; picocli sets the options. */
    public Ex04_DogRankOrder() {
    }

    /** Runs the example. */
    public static void main(String[] args) {
        Launcher.main("dog-rank-order", args);
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
        MozafariEncoder enc = MozafariEncoder.mozafari2019();
        FeatureMaps maps = enc.filter(digit);
        EventSource code = enc.encode(digit);
        Shape shape = enc.outputShape();
        int steps = code.steps();

        System.out.printf(Locale.ROOT, "Ex04_DogRankOrder: MNIST test digit 0 (label %d) -> %s, %d steps%n",
                test.label(0), shape, steps);
        int[] nonZero = new int[shape.channels()];
        float[] data = maps.data();
        for (int i = 0; i < data.length; i++) {
            if (data[i] > 0f) {
                nonZero[shape.channelOf(i)]++;
            }
        }
        System.out.print("  non-zero responses per map:");
        for (int c = 0; c < nonZero.length; c++) {
            System.out.printf(Locale.ROOT, "  %s: %d", MAP_NAMES[c], nonZero[c]);
        }
        System.out.printf(Locale.ROOT, "  (all: %d of %d)%n", maps.countNonZero(), data.length);

        // the latency code, step by step
        int[] evStep = new int[code.eventCount()];
        int[] evNeuron = new int[code.eventCount()];
        int[] fired = new int[shape.size()];
        int[] firstStep = new int[shape.size()];
        Arrays.fill(firstStep, -1);
        int n = 0;
        Spikes s = new Spikes(shape.size());
        StringBuilder header = new StringBuilder("  step");
        for (int c = 0; c < MAP_NAMES.length; c++) {
            header.append(String.format(Locale.ROOT, " %7s", MAP_NAMES[c]));
        }
        System.out.println(header.append("     all  cumulative"));
        for (int t = 0; t < steps; t++) {
            s.clear();
            code.emit(t, s);
            int[] perMap = new int[shape.channels()];
            for (int k = 0; k < s.count(); k++) {
                int i = s.get(k);
                perMap[shape.channelOf(i)]++;
                fired[i]++;
                firstStep[i] = t;
                evStep[n] = t;
                evNeuron[n++] = i;
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %4d", t));
            for (int c = 0; c < perMap.length; c++) {
                row.append(String.format(Locale.ROOT, " %7d", perMap[c]));
            }
            System.out.println(row.append(String.format(Locale.ROOT, " %7d %11d", s.count(), n)));
        }
        int once = 0;
        int wrong = 0;
        for (int i = 0; i < fired.length; i++) {
            boolean positive = data[i] > 0f;
            if (positive && fired[i] == 1) {
                once++;
            } else if (positive || fired[i] != 0) {
                wrong++;
            }
        }
        System.out.printf(Locale.ROOT, "  %d of %d non-zero responses fired exactly once; %d inputs broke the "
                + "rule (expected 0)%n", once, maps.countNonZero(), wrong);

        ExampleOptions.Pictures pics = new ExampleOptions.Pictures(o.out());
        pics.write(Figure.titled("the digit", Figure.withColorBar(HeatMap.of(digit.data(), digit.height(),
                digit.width(), 0, 255, ColorMap.GRAY, 8), ColorMap.GRAY, 0, 255, "intensity")), DIGIT_PNG);
        // the six DoG maps on one scale (0 .. the largest response), labelled by filter
        float max = 0f;
        for (int i = 0; i < data.length; i++) {
            max = Math.max(max, data[i]);
        }
        int plane = shape.height() * shape.width();
        List<BufferedImage> panels = new ArrayList<>();
        List<BufferedImage> latencyPanels = new ArrayList<>();
        for (int c = 0; c < shape.channels(); c++) {
            panels.add(HeatMap.of(Arrays.copyOfRange(data, c * plane, (c + 1) * plane), shape.height(), shape.width(),
                    0, Math.max(max, 1e-6f), ColorMap.HOT, 6));
            // first spike step of every input; inputs that never fired are drawn white (step = steps)
            float[] latency = new float[plane];
            for (int i = 0; i < plane; i++) {
                int f = firstStep[c * plane + i];
                latency[i] = f < 0 ? steps : f;
            }
            latencyPanels.add(HeatMap.of(latency, shape.height(), shape.width(), 0, steps, ColorMap.GRAY, 6));
        }
        List<String> captions = Arrays.asList(MAP_NAMES);
        pics.write(Figure.titled("DoG responses (ON/OFF centre, filter sizes 3, 7, 13 pixels), one scale",
                Figure.withColorBar(Figure.panels(panels, captions, 3), ColorMap.HOT, 0, Math.max(max, 1e-6f),
                        "response")), MAPS_PNG);
        pics.write(Figure.titled("rank-order code: step of each input's spike (black first, white never)",
                Figure.withColorBar(Figure.panels(latencyPanels, captions, 3), ColorMap.GRAY, 0, steps,
                        "time step")), LATENCY_PNG);
        pics.write(SpikeRaster.of("latency code: one spike per non-zero response, strongest first", "time step",
                "input (map, row, column)", evStep, evNeuron, n, steps, shape.size(), RASTER_W, RASTER_H), RASTER_PNG);
        return pics.written();
    }
}
