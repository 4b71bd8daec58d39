package org.snn4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.snn4j.Shape;
import org.snn4j.Winner;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.competition.WinnerTakeAll;
import org.snn4j.encoding.PoissonEncoder;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.learning.ExponentialStdp;
import org.snn4j.learning.WeightBounds;
import org.snn4j.learning.WeightNormalisation;
import org.snn4j.monitor.StateTrace;
import org.snn4j.network.Network;
import org.snn4j.network.PresentationResult;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.ResetMode;
import org.snn4j.plot.ColorMap;
import org.snn4j.plot.Figure;
import org.snn4j.plot.LineChart;
import org.snn4j.plot.Normalisation;
import org.snn4j.plot.WeightGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * <pre>
 * Ex05: unsupervised learning of repeating patterns with trace STDP and winner-take-all.
 *
 * What it shows: 64 Poisson inputs (an 8x8 grid) drive a DenseLayer of 4 leaky integrate-and-fire neurons
 * (tau 10 ms, threshold 5 mV, reset 0 mV, refractory 2 ms, each input spike adds its weight in mV). Each
 * presentation (50 ms at dt 1 ms) shows one of four patterns, a horizontal bar, a vertical bar and the two
 * diagonals: pattern pixels fire at 150 Hz, every other pixel at 15 Hz (noise). WinnerTakeAll lets one neuron
 * fire per step and resets the others to 0 mV; ExponentialStdp (pair-based, Song, Miller &amp; Abbott 2000,
 * doi:10.1038/78829; traces 20 ms, nearest pairing, etaPlus 0.1, etaMinus 0.01, soft bounds [0, 1]) learns
 * online, and after every sample the winners' weights are normalised to sum 12 (WeightNormalisation, as
 * Diehl &amp; Cook 2015), so a neuron can only grow weights on one pattern by taking them from the others.
 * Each neuron ends up selective to one pattern.
 *
 * Run:  java -jar examples/target/snn4j-examples.jar dense-stdp [--quick] [--out DIR]
 *       (--quick trains on 80 samples instead of 400)
 * Prints: for each pattern, how often each output fired first in 20 noisy test presentations, before and
 * after training, and the number of patterns with a distinct preferred neuron.
 * Draws (default folder results/dense-stdp): weights.png, the 4 receptive fields (8x8 each, 20 pixels per
 * weight, one scale for all: white = weakest, black = strongest) and membrane.png, the potential of
 * output 0 while the four patterns are shown one after the other after training (640x320).
 * Seed 5: the output is reproducible.
 * </pre>
 */
@Command(name = "dense-stdp")
public final class Ex05_DenseStdp implements Cli.Command {
    static final String WEIGHTS_PNG = "weights.png";
    static final String MEMBRANE_PNG = "membrane.png";
    static final int MEMBRANE_W = 640;
    static final int MEMBRANE_H = 320;

    static final int SIDE = 8;
    static final int OUTPUTS = 4;
    static final String[] NAMES = {"horizontal", "vertical", "diagonal", "anti-diag."};
    private static final float NORM_TARGET = 12f;
    private static final int TESTS = 20;

    @Option(names = "--quick", description = "train on 80 samples instead of 400")
    boolean quick;

    @Mixin
    Options.Out out;

    /** A command-line instance; picocli sets the options. */
    public Ex05_DenseStdp() {
    }

    /** Runs the example. */
    public static void main(String[] args) {
        Launcher.main("dense-stdp", args);
    }

    /** Runs the example with the parsed options. */
    @Override
    public void run(PrintStream console) throws IOException {
        run(new ExampleOptions(quick, out.dir(), null));
    }

    /** The four patterns as intensities: 1 on the pattern, 0.1 elsewhere. */
    static float[][] patterns() {
        float[][] p = new float[4][SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int i = y * SIDE + x;
                p[0][i] = y == 2 || y == 3 ? 1f : 0.1f;
                p[1][i] = x == 5 || x == 6 ? 1f : 0.1f;
                p[2][i] = x == y || x == y + 1 ? 1f : 0.1f;
                p[3][i] = x + y == SIDE - 1 || x + y == SIDE ? 1f : 0.1f;
            }
        }
        return p;
    }

    /** The first winner of a presentation, or -1 if no output fired. */
    static int firstWinner(PresentationResult r) {
        List<Winner> w = r.winners(0);
        return w.isEmpty() ? -1 : w.get(0).neuron();
    }

    /** {@code counts[pattern][neuron]} of first winners over {@code TESTS} presentations; last column silent. */
    static int[][] evaluate(Simulation sim, PoissonEncoder enc, float[][] patterns, SplittableRandom rng) {
        int[][] counts = new int[patterns.length][OUTPUTS + 1];
        for (int p = 0; p < patterns.length; p++) {
            for (int k = 0; k < TESTS; k++) {
                int w = firstWinner(sim.present(enc.encode(patterns[p], rng)));
                counts[p][w < 0 ? OUTPUTS : w]++;
            }
        }
        return counts;
    }

    /** Prints the table of first winners; returns the preferred (most frequent) neuron of each pattern. */
    static int[] print(String title, int[][] counts) {
        System.out.println("  " + title + " (first output to fire, " + TESTS + " tests per pattern):");
        int[] preferred = new int[counts.length];
        for (int p = 0; p < counts.length; p++) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "    %-11s", NAMES[p]));
            int best = 0;
            for (int j = 0; j <= OUTPUTS; j++) {
                sb.append(String.format(Locale.ROOT, " %s=%2d", j < OUTPUTS ? "out" + j : "silent", counts[p][j]));
                if (j < OUTPUTS && counts[p][j] > counts[p][best]) {
                    best = j;
                }
            }
            preferred[p] = best;
            System.out.println(sb.append("   -> out").append(best));
        }
        return preferred;
    }

    /** Runs the example with parsed options; returns the PNG files written. */
    static List<Path> run(ExampleOptions o) throws IOException {
        long seed = 5;
        int samples = o.quick() ? 80 : 400;
        SplittableRandom rng = new SplittableRandom(seed);
        Shape in = new Shape(1, SIDE, SIDE);
        LifParameters lif = new LifParameters(10f, 0f, 0f, 5f, 1f, 2f, ResetMode.TO_VALUE);
        DenseLayer layer = DenseLayer.builder("dense", in, OUTPUTS)
                .weights(WeightInit.uniform(0.1f, 0.3f, seed)).neurons(new Lif(lif)).build();
        ExponentialStdp.Parameters stdp = new ExponentialStdp.Parameters(20f, 20f, 0.1f, 0.01f,
                WeightBounds.unit(), ExponentialStdp.Pairing.NEAREST, ExponentialStdp.Bounding.MULTIPLICATIVE);
        Network net = Network.builder(in, 1f)
                .add(layer)
                .compete("dense", new WinnerTakeAll(0f, 0))
                .learn("dense", new ExponentialStdp(stdp))
                .build();
        Simulation sim = net.newSimulation(seed);
        PoissonEncoder enc = PoissonEncoder.forNetwork(net, 150.0, 50.0, 1.0); // the network's 1 ms steps
        float[][] patterns = patterns();

        System.out.printf(Locale.ROOT, "Ex05_DenseStdp: DenseLayer 64 -> %d LIF, WinnerTakeAll, ExponentialStdp "
                + "%s, normalised to sum %.0f; %d training samples of 50 ms, seed %d%n", OUTPUTS, stdp,
                NORM_TARGET, samples, seed);
        print("before training", evaluate(sim, enc, patterns, rng));
        for (int n = 0; n < samples; n++) {
            float[] p = patterns[rng.nextInt(patterns.length)];
            PresentationResult r = sim.present(enc.encode(p, rng), true);
            sim.learn(0f);
            List<Winner> ws = r.winners(0);
            for (int k = 0; k < ws.size(); k++) {
                WeightNormalisation.normalise(layer, sim.state("dense"), ws.get(k).neuron(), NORM_TARGET);
            }
        }
        int[] preferred = print("after training", evaluate(sim, enc, patterns, rng));
        boolean[] used = new boolean[OUTPUTS];
        int distinct = 0;
        for (int p = 0; p < preferred.length; p++) {
            if (!used[preferred[p]]) {
                used[preferred[p]] = true;
                distinct++;
            }
        }
        System.out.printf(Locale.ROOT, "  %d of %d patterns have their own preferred output%n", distinct,
                patterns.length);

        // membrane potential of output 0 while the four patterns are shown one after the other
        StateTrace trace = sim.recordState("dense", Lif.V, 0);
        for (int p = 0; p < patterns.length; p++) {
            sim.present(enc.encode(patterns[p], rng));
        }
        sim.detach(trace);

        ExampleOptions.Pictures pics = new ExampleOptions.Pictures(o.out());
        float wMin = Float.POSITIVE_INFINITY;
        float wMax = Float.NEGATIVE_INFINITY;
        for (float w : layer.weightsCopy()) {
            wMin = Math.min(wMin, w);
            wMax = Math.max(wMax, w);
        }
        pics.write(Figure.titled("weights of the " + OUTPUTS + " outputs after training (one tile per output)",
                Figure.withColorBar(WeightGrid.dense(layer.weightsCopy(), in, OUTPUTS, Normalisation.GLOBAL,
                        ColorMap.GRAY_INVERTED, 20, OUTPUTS), ColorMap.GRAY_INVERTED, wMin, Math.max(wMin + 1e-6f, wMax),
                        "weight")),
                WEIGHTS_PNG);
        List<LineChart.Series> series = new ArrayList<>();
        series.add(LineChart.Series.of("output 0 (patterns in order, 50 steps each)", trace.trace(0), 0.0, 1.0));
        pics.write(LineChart.of("membrane potential of output 0 after training", "step", "v (mV)", series,
                Double.NaN, Double.NaN, MEMBRANE_W, MEMBRANE_H), MEMBRANE_PNG);
        return pics.written();
    }
}
