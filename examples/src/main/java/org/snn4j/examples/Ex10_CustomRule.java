package org.snn4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.Winner;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.competition.WinnerTakeAll;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.LearningRule;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.layer.SynapseKernel;
import org.snn4j.layer.WeightInit;
import org.snn4j.network.Network;
import org.snn4j.network.PresentationResult;
import org.snn4j.network.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.snn4j.neuron.PerfectIf;

/**
 * Example 10: writing your own learning rule.
 *
 * <p>What it shows: a complete learning rule written outside the library, {@link InstarRule} (competitive
 * "instar" Hebbian learning, Grossberg 1976: the winner's weights move towards the input pattern,
 * {@code w <- w + eta (x - w)}, which keeps them in [0, 1] without clamping), plugged into a
 * {@link DenseLayer} with {@link WinnerTakeAll} competition through {@link Network.Builder#learn}, exactly
 * like a library rule: no change to the library. The rule only implements
 * {@link LearningRule#afterSample} and hands its per-synapse math to the layer as a {@link SynapseKernel};
 * the layer walks its own synapses, so the same rule would work on a convolution unchanged.
 *
 * <p>Data: three noisy 6x6 latency-coded patterns (a horizontal bar, a vertical bar, a diagonal), 8 steps
 * per presentation. After training, each pattern is presented without learning, the first output to fire
 * is recorded, and the learned receptive fields are printed as ASCII pictures: each output neuron ends
 * up selective to one pattern.
 *
 * <p>Run: {@code java -jar examples/target/snn4j-examples.jar custom-rule [--quick] [--out DIR]}
 * ({@code --quick}: fewer samples, for the smoke test). Writes the winner counts per test pattern as
 * {@code winners.csv} in {@code --out} (default {@code results/custom-rule}). Fixed seed 10: the output is reproducible.
 */
@Command(name = "custom-rule")
public final class Ex10_CustomRule implements Cli.Command {
    private static final int SIDE = 6;
    private static final int STEPS = 8;
    private static final int OUTPUTS = 3;
    private static final String[] PATTERN_NAMES = {"horizontal", "vertical", "diagonal"};

    @Option(names = "--quick", description = "train on 60 samples instead of 300")
    boolean quick;

    @Mixin
    Options.Out output;

    /** A command-line instance; picocli sets the options. */
    public Ex10_CustomRule() {
    }

    /**
     * The user's rule: competitive instar learning on the first winner of each presentation. For each
     * synapse {@code i -> j} of the winner {@code j}: {@code x_i = 1} if input {@code i} fired at or before
     * the winner's spike step, else 0, and {@code w <- w + eta * (x_i - w)}.
     *
     * <p>Not thread-safe (one kernel object reused, no allocation per update).
     */
    public static final class InstarRule implements LearningRule {
        private final float eta;
        private final Kernel kernel = new Kernel();

        /** @param eta learning rate in (0, 1] */
        public InstarRule(float eta) {
            if (!(eta > 0f && eta <= 1f)) {
                throw new IllegalArgumentException("eta must be in (0, 1], got " + eta);
            }
            this.eta = eta;
        }

        /** Moves the first winner's weights towards the inputs that fired before it. */
        @Override
        public void afterSample(PlasticLayer layer, LayerState state, List<Winner> winners, float reward) {
            if (winners.isEmpty()) {
                return;
            }
            Winner first = winners.get(0);
            kernel.preSteps = state.inputSpikeStep();
            kernel.postStep = first.step();
            layer.updateReceptiveField(first.neuron(), state, kernel);
        }

        private final class Kernel implements SynapseKernel {
            int[] preSteps;
            int postStep;

            @Override
            public float newWeight(float w, int pre, int post) {
                float x = pre >= 0 && preSteps[pre] >= 0 && preSteps[pre] <= postStep ? 1f : 0f;
                return w + eta * (x - w);
            }
        }
    }

    /** The three patterns as 0/1 masks over the 6x6 grid. */
    static boolean[][] patterns() {
        boolean[][] p = new boolean[3][SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                p[0][y * SIDE + x] = y == 1 || y == 2;                 // horizontal bar
                p[1][y * SIDE + x] = x == 3 || x == 4;                 // vertical bar
                p[2][y * SIDE + x] = x == y || x == y + 1;             // diagonal
            }
        }
        return p;
    }

    /** Latency code with noise: pattern pixels fire early (p = 0.9), others rarely and late. */
    static EventSource encode(boolean[] pattern, SplittableRandom rng) {
        int[] steps = new int[pattern.length];
        int[] index = new int[pattern.length];
        int n = 0;
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i] && rng.nextDouble() < 0.9) {
                steps[n] = rng.nextInt(3);
                index[n++] = i;
            } else if (!pattern[i] && rng.nextDouble() < 0.1) {
                steps[n] = 2 + rng.nextInt(STEPS - 2);
                index[n++] = i;
            }
        }
        return EventSource.of(STEPS, pattern.length, Arrays.copyOf(steps, n), Arrays.copyOf(index, n));
    }

    /** The first winner of the read-out layer in a presentation, or -1. */
    static int firstWinner(PresentationResult r) {
        List<Winner> w = r.winners(0);
        return w.isEmpty() ? -1 : w.get(0).neuron();
    }

    /** The receptive field of {@code post} as ASCII art, darkest = strongest. */
    static String picture(DenseLayer layer, int post) {
        String shades = " .:-=+*#%@";
        float[] w = layer.weightsCopy();
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < SIDE; y++) {
            sb.append("    |");
            for (int x = 0; x < SIDE; x++) {
                float v = w[(y * SIDE + x) * OUTPUTS + post];
                int k = Math.max(0, Math.min(shades.length() - 1, (int) (v * shades.length())));
                sb.append(shades.charAt(k)).append(shades.charAt(k));
            }
            sb.append("|\n");
        }
        return sb.toString();
    }

    /**
     * Trains and evaluates; returns {@code counts[pattern][neuron]}, how often each neuron won first for
     * each pattern in the evaluation; prints the receptive fields and the table to {@code out} unless it is null.
     */
    static int[][] run(int trainingSamples, int testsPerPattern, PrintStream out) {
        long seed = 10;
        SplittableRandom rng = new SplittableRandom(seed);
        DenseLayer layer = DenseLayer.builder("readout", new Shape(1, SIDE, SIDE), OUTPUTS)
                .weights(WeightInit.uniform(0.2f, 0.6f, seed)).neurons(PerfectIf.latencyCoded(3.0f)).build();
        // the user's rule plugs in like any library rule
        Network net = Network.builder(layer.inputShape(), 1f)
                .add(layer)
                .compete("readout", new WinnerTakeAll(0f, STEPS))
                .learn("readout", new InstarRule(0.1f))
                .build();
        Simulation sim = net.newSimulation(seed);
        boolean[][] patterns = patterns();
        for (int n = 0; n < trainingSamples; n++) {
            int p = rng.nextInt(patterns.length);
            sim.present(encode(patterns[p], rng), true);
            sim.learn(0f);
        }
        int[][] counts = new int[patterns.length][OUTPUTS + 1];
        for (int p = 0; p < patterns.length; p++) {
            for (int k = 0; k < testsPerPattern; k++) {
                int win = firstWinner(sim.present(encode(patterns[p], rng)));
                counts[p][win < 0 ? OUTPUTS : win]++;
            }
        }
        if (out != null) {
            out.println("Ex10_CustomRule: instar rule on a DenseLayer 36 -> 3 with winner-take-all, "
                    + trainingSamples + " training samples, seed " + seed);
            for (int j = 0; j < OUTPUTS; j++) {
                out.println("  receptive field of output " + j + ":");
                out.print(picture(layer, j));
            }
            out.println("  first winner per test pattern (" + testsPerPattern + " noisy tests each):");
            for (int p = 0; p < patterns.length; p++) {
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < OUTPUTS; j++) {
                    sb.append(" out").append(j).append('=').append(counts[p][j]);
                }
                sb.append(" silent=").append(counts[p][OUTPUTS]);
                out.printf("    %-10s%s%n", PATTERN_NAMES[p], sb);
            }
        }
        return counts;
    }

    /** Runs the example from the command line; {@code --help} lists the options. */
    public static void main(String[] args) {
        Launcher.main("custom-rule", args);
    }

    /** Runs the example with the parsed options, printing to {@code out}. */
    @Override
    public void run(PrintStream out) throws IOException {
        int[][] counts = run(quick ? 60 : 300, quick ? 10 : 50, out);
        StringBuilder csv = new StringBuilder("pattern");
        for (int j = 0; j < OUTPUTS; j++) {
            csv.append(",out").append(j);
        }
        csv.append(",silent\n");
        for (int p = 0; p < counts.length; p++) {
            csv.append(PATTERN_NAMES[p]);
            for (int j = 0; j <= OUTPUTS; j++) {
                csv.append(',').append(counts[p][j]);
            }
            csv.append('\n');
        }
        out.println("winner counts written to " + output.write("winners.csv", csv.toString()));
    }
}
