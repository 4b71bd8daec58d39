package org.snn4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.Winner;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.competition.KWinnersTakeAll;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.learning.RewardModulatedStdp;
import org.snn4j.learning.StdpRates;
import org.snn4j.learning.WeightBounds;
import org.snn4j.network.Network;
import org.snn4j.network.PresentationResult;
import org.snn4j.network.Simulation;
import org.snn4j.plot.ConfusionMatrixPlot;
import org.snn4j.plot.Figure;
import org.snn4j.plot.LineChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.snn4j.neuron.PerfectIf;

/**
 * <pre>
 * Ex07: a spiking readout trained by reward-modulated STDP (R-STDP).
 *
 * What it shows: the decision layer of Mozafari et al. 2018 (doi:10.1109/TNNLS.2018.2826721) and 2019
 * (doi:10.1016/j.patcog.2019.05.015) on a synthetic 4-class task. Each class has a fixed prototype, 12 of 40
 * feature neurons (drawn at random; prototypes overlap); a sample of class c is a latency code of 10 steps in
 * which each prototype feature fires with probability 0.8 in steps 0..3 and each other feature fires with
 * probability 0.15 at a random step (noise). A DenseLayer 40 -&gt; 16 of fire-once integrate-and-fire neurons
 * (threshold 3, weights N(0.5, 0.05)) reads the features; neuron j votes for class j mod 4, and
 * KWinnersTakeAll(1, 0) makes the first neuron to fire (ties: highest potential) the decision. After each
 * training sample the reward is +1 if the winner's class is right, -1 if wrong (0 if no neuron fired), and
 * RewardModulatedStdp updates the winner's weights: on reward the inputs that fired at or before it get
 * +0.04 and the others -0.03 (STDP); on punishment they get -0.04 and +0.005 (anti-STDP); weights stay in
 * [0.2, 0.8]. (Mozafari's rates are 10x smaller, for 60,000 MNIST samples.) No neuron is told its class: the
 * votes are fixed and reward alone shapes the weights.
 *
 * Run:  java -jar examples/target/snn4j-examples.jar rstdp-readout [--quick] [--out DIR]
 *       (--quick: 3 epochs of 40 samples and 40 test samples instead of 8 x 200 and 400)
 * Prints: the test accuracy before training (chance is 0.25), then per epoch the training accuracy (decisions
 * while learning) and the test accuracy (no learning), and the final confusion matrix.
 * Draws (default folder results/rstdp-readout): accuracy.png, training and test accuracy per epoch (640x400,
 * y axis 0..1.2),
 * and confusion.png, the final test confusion matrix (rows true class, columns decision; 48-pixel cells).
 * Seed 7: the output is reproducible.
 * </pre>
 */
@Command(name = "rstdp-readout")
public final class Ex07_RStdpReadout implements Cli.Command {
    static final String ACCURACY_PNG = "accuracy.png";
    static final String CONFUSION_PNG = "confusion.png";
    static final int CHART_W = 640;
    static final int CHART_H = 400;

    static final int FEATURES = 40;
    static final int CLASSES = 4;
    static final int PER_CLASS = 4;
    static final int PROTOTYPE = 12;
    static final int STEPS = 10;

    @Option(names = "--quick", description = "3 epochs of 40 samples and 40 test samples instead of 8 x 200 and 400")
    boolean quick;

    @Mixin
    Options.Out out;

    /** A command-line instance; picocli sets the options. */
    public Ex07_RStdpReadout() {
    }

    /** Runs the example. */
    public static void main(String[] args) {
        Launcher.main("rstdp-readout", args);
    }

    /** Runs the example with the parsed options. */
    @Override
    public void run(PrintStream console) throws IOException {
        run(new ExampleOptions(quick, out.dir(), null));
    }

    /** {@code PROTOTYPE} distinct features per class, drawn with {@code rng}. */
    static boolean[][] prototypes(SplittableRandom rng) {
        boolean[][] p = new boolean[CLASSES][FEATURES];
        for (int c = 0; c < CLASSES; c++) {
            int n = 0;
            while (n < PROTOTYPE) {
                int i = rng.nextInt(FEATURES);
                if (!p[c][i]) {
                    p[c][i] = true;
                    n++;
                }
            }
        }
        return p;
    }

    /** One noisy latency-coded sample of a class. */
    static EventSource sample(boolean[] prototype, SplittableRandom rng) {
        int[] steps = new int[FEATURES];
        int[] index = new int[FEATURES];
        int n = 0;
        for (int i = 0; i < FEATURES; i++) {
            if (prototype[i] ? rng.nextDouble() < 0.8 : rng.nextDouble() < 0.15) {
                steps[n] = prototype[i] ? rng.nextInt(4) : rng.nextInt(STEPS);
                index[n++] = i;
            }
        }
        return EventSource.of(STEPS, FEATURES, Arrays.copyOf(steps, n), Arrays.copyOf(index, n));
    }

    /** The class voted for by the presentation's winner, or -1 if no neuron fired. */
    static int decision(PresentationResult r) {
        List<Winner> w = r.winners(0);
        return w.isEmpty() ? -1 : w.get(0).neuron() % CLASSES;
    }

    /** Test accuracy on {@code labels}/{@code samples}; fills {@code confusion} (may be null). */
    static double test(Simulation sim, EventSource[] samples, int[] labels, int[][] confusion) {
        int right = 0;
        for (int k = 0; k < samples.length; k++) {
            int d = decision(sim.present(samples[k]));
            right += d == labels[k] ? 1 : 0;
            if (confusion != null && d >= 0) {
                confusion[labels[k]][d]++;
            }
        }
        return right / (double) samples.length;
    }

    /** Runs the example with parsed options; returns the PNG files written. */
    static List<Path> run(ExampleOptions o) throws IOException {
        long seed = 7;
        int epochs = o.quick() ? 3 : 8;
        int perEpoch = o.quick() ? 40 : 200;
        int nTest = o.quick() ? 40 : 400;
        SplittableRandom rng = new SplittableRandom(seed);
        SplittableRandom dataRng = rng.split();
        boolean[][] proto = prototypes(dataRng);
        EventSource[] testSet = new EventSource[nTest];
        int[] testLabels = new int[nTest];
        for (int k = 0; k < nTest; k++) {
            testLabels[k] = k % CLASSES;
            testSet[k] = sample(proto[testLabels[k]], dataRng);
        }

        Shape in = Shape.flat(FEATURES);
        DenseLayer readout = DenseLayer.builder("readout", in, CLASSES * PER_CLASS)
                .weights(WeightInit.normal(0.5f, 0.05f, seed)).neurons(PerfectIf.latencyCoded(3f)).build();
        RewardModulatedStdp rule = new RewardModulatedStdp(1, new StdpRates(0.04f, -0.03f),
                new StdpRates(-0.04f, 0.005f), new WeightBounds(0.2f, 0.8f), false);
        Network net = Network.builder(in, 1f)
                .add(readout)
                .compete("readout", new KWinnersTakeAll(1, 0))
                .learn("readout", rule)
                .build();
        Simulation sim = net.newSimulation(seed);

        System.out.printf(Locale.ROOT, "Ex07_RStdpReadout: %d classes, %d features, DenseLayer %d -> %d fire-once, "
                + "first spike decides, RewardModulatedStdp; %d epochs of %d samples, %d test samples, seed %d%n",
                CLASSES, FEATURES, FEATURES, CLASSES * PER_CLASS, epochs, perEpoch, nTest, seed);
        double[] trainAcc = new double[epochs + 1];
        double[] testAcc = new double[epochs + 1];
        trainAcc[0] = Double.NaN;
        testAcc[0] = test(sim, testSet, testLabels, null);
        System.out.printf(Locale.ROOT, "  %5s %10s %10s%n", "epoch", "train acc", "test acc");
        System.out.printf(Locale.ROOT, "  %5d %10s %10.3f%n", 0, "-", testAcc[0]);
        SplittableRandom trainRng = rng.split();
        int[][] confusion = new int[CLASSES][CLASSES];
        for (int e = 1; e <= epochs; e++) {
            int right = 0;
            for (int k = 0; k < perEpoch; k++) {
                int label = trainRng.nextInt(CLASSES);
                PresentationResult r = sim.present(sample(proto[label], trainRng), true);
                int d = decision(r);
                right += d == label ? 1 : 0;
                sim.learn(d < 0 ? 0f : d == label ? 1f : -1f);
            }
            trainAcc[e] = right / (double) perEpoch;
            testAcc[e] = test(sim, testSet, testLabels, e == epochs ? confusion : null);
            System.out.printf(Locale.ROOT, "  %5d %10.3f %10.3f%n", e, trainAcc[e], testAcc[e]);
        }
        System.out.println("  test confusion matrix after training (rows: true class, columns: decision):");
        for (int c = 0; c < CLASSES; c++) {
            StringBuilder sb = new StringBuilder("    class " + c + ":");
            for (int d = 0; d < CLASSES; d++) {
                sb.append(String.format(Locale.ROOT, " %4d", confusion[c][d]));
            }
            System.out.println(sb);
        }

        ExampleOptions.Pictures pics = new ExampleOptions.Pictures(o.out());
        pics.write(LineChart.of("R-STDP readout: accuracy per epoch", "epoch", "accuracy",
                List.of(LineChart.Series.of("training (while learning)", trainAcc),
                        LineChart.Series.of("test", testAcc)), 0.0, 1.0, CHART_W, CHART_H), ACCURACY_PNG);
        pics.write(Figure.titled("test confusion matrix (rows: true class, columns: decision)",
                ConfusionMatrixPlot.of(confusion, null, 48)), CONFUSION_PNG);
        return pics.written();
    }
}
