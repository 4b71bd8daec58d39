package org.snn4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.snn4j.Shape;
import org.snn4j.Winner;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.competition.Competition;
import org.snn4j.competition.KWinnersTakeAll;
import org.snn4j.competition.PointwiseInhibition;
import org.snn4j.encoding.MozafariEncoder;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.learning.BinaryStdp;
import org.snn4j.learning.RateSchedule;
import org.snn4j.learning.StdpRates;
import org.snn4j.learning.WeightBounds;
import org.snn4j.network.Network;
import org.snn4j.network.PresentationResult;
import org.snn4j.network.Simulation;
import org.snn4j.plot.ColorMap;
import org.snn4j.plot.Figure;
import org.snn4j.plot.WeightGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.snn4j.neuron.PerfectIf;

/**
 * <pre>
 * Ex06: a convolutional layer learning features with binary STDP and k-winners-take-all.
 *
 * What it shows: the first layer of Kheradpisheh et al. 2018 (doi:10.1016/j.neunet.2017.12.005) and
 * Mozafari et al. 2019 (doi:10.1016/j.patcog.2019.05.015) in small: MNIST digits go through the DoG and
 * rank-order pipeline of Ex04 (6 x 28 x 28 inputs, 15 steps) into a Conv2dLayer of 8 feature maps with 5x5
 * kernels (padding 2, fire-once perfect integrate-and-fire neurons, threshold 15, weights drawn from
 * N(0.8, 0.05)). The competition is PointwiseInhibition (one feature per position: the earliest, then the
 * strongest) followed by KWinnersTakeAll (k = 5 winners per digit, each excluding its own feature map and
 * every map within 3 positions), composed with Competition.andThen. BinaryStdp updates each winner's kernel:
 * inputs that fired at or before the winner get dw = aPlus w (1 - w), the others dw = aMinus w (1 - w), with
 * aPlus = 0.04, aMinus = -0.03 (constant; the paper starts at 0.004 and doubles every 500 samples, too slow for
 * a demo of a few hundred digits). The kernels move from 0.8 towards 0 or 1: after 300 digits the
 * convergence measure C = mean w (1 - w) of Kheradpisheh 2018 falls from 0.157 to 0.063, with 63 % of the
 * weights below 0.1 and 12 % above 0.9 (with --quick's 30 digits most weights are still on their way down
 * and C has not fallen yet). 300 digits are far fewer than the paper's 60,000: do not expect its clean
 * edge detectors here.
 *
 * Run:  java -jar examples/target/snn4j-examples.jar conv-stdp-kwta [--quick] [--out DIR] [--data DIR]
 *       (--quick trains on 30 digits instead of 300)
 * Prints: the winners (map, row, col, step) of the first 5 digits and of the last one, the wins per feature
 * map, and the weight change: mean |dw|, C before and after, the share of weights below 0.1 or above 0.9.
 * Draws (default folder results/conv-stdp-kwta): kernels-before.png and kernels-after.png, one tile per feature
 * map made of its 6 input-channel kernels (weights 0 white .. 1 black, 12 pixels per weight, 2 tiles a row).
 * Seed 6: the output is reproducible.
 * </pre>
 */
@Command(name = "conv-stdp-kwta")
public final class Ex06_ConvStdpKwta implements Cli.Command {
    static final String BEFORE_PNG = "kernels-before.png";
    static final String AFTER_PNG = "kernels-after.png";

    static final int MAPS = 8;
    static final int KERNEL = 5;

    @Option(names = "--quick", description = "train on 30 digits instead of 300")
    boolean quick;

    @Mixin
    Options.Out out;

    @Mixin
    Options.Data data = new Options.Data("examples/data/mnist10k");

    /** A command-line instance; picocli sets the options. */
    public Ex06_ConvStdpKwta() {
    }

    /** Runs the example. */
    public static void main(String[] args) {
        Launcher.main("conv-stdp-kwta", args);
    }

    /** Runs the example with the parsed options. */
    @Override
    public void run(PrintStream console) throws IOException {
        run(new ExampleOptions(quick, out.dir(), data.given()));
    }

    /** Kheradpisheh 2018's convergence measure: mean of w (1 - w); 0 when every weight is 0 or 1. */
    static double convergence(float[] w) {
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += w[i] * (1.0 - w[i]);
        }
        return sum / w.length;
    }

    private static String describe(List<Winner> ws) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < ws.size(); k++) {
            Winner w = ws.get(k);
            sb.append(String.format(Locale.ROOT, " (map %d, %2d,%2d, t%d)", w.channel(), w.row(), w.col(), w.step()));
        }
        return ws.isEmpty() ? " none" : sb.toString();
    }

    /** Runs the example with parsed options; returns the PNG files written. */
    static List<Path> run(ExampleOptions o) throws IOException {
        long seed = 6;
        int samples = o.quick() ? 30 : 300;
        MnistDataset.Split train = o.mnistTrain();
        MozafariEncoder enc = MozafariEncoder.mozafari2019();
        Shape in = enc.outputShape();
        Conv2dLayer conv = Conv2dLayer.builder("conv", in, MAPS, KERNEL, KERNEL).padding(2)
                .weights(WeightInit.normal(0.8f, 0.05f, seed)).neurons(PerfectIf.latencyCoded(15f)).build();
        Competition competition = new PointwiseInhibition().andThen(new KWinnersTakeAll(5, 3));
        BinaryStdp stdp = new BinaryStdp(MAPS, new StdpRates(0.04f, -0.03f), WeightBounds.unit(), true,
                RateSchedule.constant());
        Network net = Network.builder(in, 1f)
                .add(conv)
                .compete("conv", competition)
                .learn("conv", stdp)
                .build();
        Simulation sim = net.newSimulation(seed);
        float[] before = conv.weights().clone();

        System.out.printf(Locale.ROOT, "Ex06_ConvStdpKwta: %s -> Conv2dLayer %d maps %dx%d, pointwise inhibition + "
                + "5-WTA (radius 3), BinaryStdp (0.04, -0.03); %d training digits, seed %d%n", in, MAPS, KERNEL,
                KERNEL, samples, seed);
        int[] wins = new int[MAPS];
        int noWinner = 0;
        for (int n = 0; n < samples; n++) {
            PresentationResult r = sim.present(enc.encode(train.image(n)), true);
            sim.learn(0f);
            List<Winner> ws = r.winners(0);
            for (int k = 0; k < ws.size(); k++) {
                wins[ws.get(k).channel()]++;
            }
            if (ws.isEmpty()) {
                noWinner++;
            }
            if (n < 5 || n == samples - 1) {
                System.out.printf(Locale.ROOT, "  digit %3d (label %d): %d winners%s%n", n, train.label(n), ws.size(),
                        describe(ws));
            } else if (n == 5) {
                System.out.println("  ...");
            }
        }
        StringBuilder sb = new StringBuilder("  wins per feature map:");
        for (int c = 0; c < MAPS; c++) {
            sb.append(' ').append(c).append('=').append(wins[c]);
        }
        System.out.println(sb.append("   digits with no winner: ").append(noWinner));

        float[] after = conv.weights();
        double change = 0;
        int low = 0;
        int high = 0;
        for (int i = 0; i < after.length; i++) {
            change += Math.abs(after[i] - before[i]);
            low += after[i] < 0.1f ? 1 : 0;
            high += after[i] > 0.9f ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "  weight change: mean |dw| = %.4f over %d weights; convergence C = mean w(1-w):"
                + " %.4f before, %.4f after; %.1f%% of weights < 0.1, %.1f%% > 0.9%n", change / after.length,
                after.length, convergence(before), convergence(after), 100.0 * low / after.length,
                100.0 * high / after.length);

        ExampleOptions.Pictures pics = new ExampleOptions.Pictures(o.out());
        String[] channels = {"ON 3", "OFF 3", "ON 7", "OFF 7", "ON 13", "OFF 13"};
        pics.write(Figure.titled("conv kernels before training (one row per map, each map scaled to its own range; "
                + "dark = strong)", WeightGrid.convByMap(before, MAPS, in.channels(), KERNEL, KERNEL,
                ColorMap.GRAY_INVERTED, 12, channels)), BEFORE_PNG);
        pics.write(Figure.titled("conv kernels after " + samples + " digits of binary STDP (dark = strong)",
                WeightGrid.convByMap(after, MAPS, in.channels(), KERNEL, KERNEL, ColorMap.GRAY_INVERTED, 12, channels)),
                AFTER_PNG);
        return pics.written();
    }
}
