package org.snn4j.examples.papers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.snn4j.SpikeSource;
import org.snn4j.Spikes;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.cli.Ranges;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.network.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Throughput of {@link Mozafari2019Composed} (library parts) next to {@link MozafariNetwork} (the fast,
 * network-specific implementation) on the same digits, one thread, per phase: conv1 STDP, conv2 STDP (conv1
 * forward included), conv3 R-STDP (conv1 and conv2 forward included) and inference (all layers). Encoding is
 * done beforehand and not timed on either side. Both start from the same weights (the fast side's, copied). Each phase runs twice over the digits; the first pass warms
 * the JIT up and the second is timed (so each layer trains on every digit twice).
 *
 * <p>Run: {@code java -cp examples/target/snn4j-examples.jar org.snn4j.examples.papers.Mozafari2019ComposedBench
 * [N digits, default 200] [--fire-once] [--data DIR]} ({@code --help}). The fast side's own example caches conv1/conv2 outputs between
 * epochs; this benchmark does not (both sides do the same work per image).
 */
@Command(name = "mozafari2019-composed-bench")
public final class Mozafari2019ComposedBench implements Cli.Command {
    @Parameters(index = "0", arity = "0..1", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "training digits (default ${DEFAULT-VALUE})")
    int n = 200;

    @Option(names = "--fire-once", description = "the composed side uses the built-in fire-once loop")
    boolean fireOnce;

    @Mixin
    Options.Data dataDir;

    /** A command-line instance; picocli sets the options. */
    public Mozafari2019ComposedBench() {
    }

    /** Runs the comparison; {@code --help} lists the arguments. */
    public static void main(String[] args) {
        Cli.main(new Mozafari2019ComposedBench(), args);
    }

    @Override
    public void run(PrintStream console) throws IOException {
        int n = this.n;
        Mozafari2019Composed.Neurons neurons = fireOnce ? Mozafari2019Composed.Neurons.FIRE_ONCE
                : Mozafari2019Composed.Neurons.PERFECT_IF;
        MnistDataset data = MnistDataset.load(dataDir.find("examples/data/mnist10k"));
        n = Math.min(n, data.train().count());
        Mozafari2019Composed comp = new Mozafari2019Composed(neurons, 1);
        MozafariNetwork fast = new MozafariNetwork(1);
        MozafariNetwork.Work ws = fast.newWork();
        comp.setWeightsOIHW("conv1", fast.conv1.weightsOIHW());
        comp.setWeightsOIHW("conv2", fast.conv2.weightsOIHW());
        comp.setWeightsOIHW("conv3", fast.conv3.weightsOIHW());
        SpikeSource[] src = new SpikeSource[n];
        StepEvents[] ev = new StepEvents[n];
        int[] labels = new int[n];
        Spikes scratch = new Spikes(comp.inputShape().size());
        for (int i = 0; i < n; i++) {
            src[i] = comp.encode(data.train().image(i));
            ev[i] = StepEvents.of(comp.encoder().encode(data.train().image(i)), scratch);
            labels[i] = data.train().label(i);
        }
        System.out.printf(Locale.ROOT, "Mozafari 2019, %d mnist10k training digits, 1 thread, composed with %s "
                + "neurons; images/s of the second (timed) pass, %s%n", n, neurons, Cli.runtime());
        System.out.printf(Locale.ROOT, "%-34s %12s %12s %8s%n", "phase", "composed", "fast", "ratio");
        double[] c = new double[2];
        double[] f = new double[2];
        for (int pass = 0; pass < 2; pass++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                comp.trainConv1(src[i]);
            }
            c[pass] = seconds(t0);
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                fast.trainConv1(ev[i], ws);
            }
            f[pass] = seconds(t0);
        }
        row("conv1 STDP", n, c[1], f[1]);
        for (int pass = 0; pass < 2; pass++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                comp.trainConv2(src[i]);
            }
            c[pass] = seconds(t0);
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                fast.trainConv2(fast.pool1Events(ev[i], ws), ws);
            }
            f[pass] = seconds(t0);
        }
        row("conv2 STDP (+ conv1 forward)", n, c[1], f[1]);
        // conv2 STDP may break exact potential ties differently on the two sides (see Mozafari2019EquivalenceTest):
        // from here on both use the fast side's conv1/conv2 weights, so conv3 sees the same input on both
        comp.setWeightsOIHW("conv1", fast.conv1.weightsOIHW());
        comp.setWeightsOIHW("conv2", fast.conv2.weightsOIHW());
        fast.freeze();
        boolean[] map = new boolean[fast.pool2Size()];
        int[] dec3 = new int[n];
        int firstDiff = -1;
        for (int pass = 0; pass < 2; pass++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                dec3[i] = comp.trainConv3(src[i], labels[i]);
            }
            c[pass] = seconds(t0);
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                fast.pool2Map(ev[i], ws, map);
                if (firstDiff < 0 && Boolean.getBoolean("bench.exact")) {
                    exactCheck(fast, ws, map, dec3[i]);
                }
                int d = fast.trainConv3(map, labels[i], ws);
                if (d != dec3[i] && firstDiff < 0) {
                    firstDiff = pass * n + i;
                }
            }
            f[pass] = seconds(t0);
        }
        row("conv3 R-STDP (+ conv1, conv2)", n, c[1], f[1]);
        fast.prepareConv3();
        Simulation inf = comp.newInferenceSimulation();
        int agree = 0;
        int rightC = 0;
        int rightF = 0;
        for (int pass = 0; pass < 2; pass++) {
            int[] dc = new int[n];
            int[] df = new int[n];
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                dc[i] = comp.classify(src[i], inf);
            }
            c[pass] = seconds(t0);
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                fast.pool2Map(ev[i], ws, map);
                df[i] = fast.classify(map, ws);
            }
            f[pass] = seconds(t0);
            agree = 0;
            rightC = 0;
            rightF = 0;
            for (int i = 0; i < n; i++) {
                if (dc[i] == df[i]) {
                    agree++;
                }
                rightC += dc[i] == labels[i] ? 1 : 0;
                rightF += df[i] == labels[i] ? 1 : 0;
            }
        }
        row("inference (all layers)", n, c[1], f[1]);
        System.out.printf(Locale.ROOT, "first R-STDP sample decided differently: %d (-1: none; a difference comes from"
                + " a near-tie of two conv3 potentials, ~1e-6 relative, that the two summation orders round apart)%n",
                firstDiff);
        System.out.printf(Locale.ROOT, "after training: %d of %d decisions agree; training-set accuracy composed %d, "
                + "fast %d%n", agree, n, rightC, rightF);
    }

    /**
     * Diagnostic ({@code -Dbench.exact=true}): when the two sides decide differently, prints conv3's two best
     * potentials summed exactly (double) and in each side's float order.
     */
    private static void exactCheck(MozafariNetwork fast, MozafariNetwork.Work ws, boolean[] map, int composedClass) {
        fast.prepareConv3();
        int wf = fast.lastWinner(map, ws);
        int fc = wf < 0 ? -1 : wf / 16 / 20;
        if (fc == composedClass) {
            return;
        }
        float[] w = fast.conv3.weightsOIHW();
        float[] fastPot = ws.c3.potentials();
        double best = -1;
        int bestN = -1;
        double bestOther = -1;
        int bestOtherN = -1;
        for (int o = 0; o < 200; o++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    double s = 0;
                    for (int c = 0; c < 250; c++) {
                        for (int ky = 0; ky < 5; ky++) {
                            for (int kx = 0; kx < 5; kx++) {
                                int iy = y - 2 + ky;
                                int ix = x - 2 + kx;
                                if (iy >= 0 && iy < 4 && ix >= 0 && ix < 4 && map[(c * 4 + iy) * 4 + ix]) {
                                    s += w[((o * 250 + c) * 5 + ky) * 5 + kx];
                                }
                            }
                        }
                    }
                    int n = (o * 4 + y) * 4 + x;
                    if (o / 20 == composedClass && s > bestOther) {
                        bestOther = s;
                        bestOtherN = n;
                    }
                    if (s > best) {
                        best = s;
                        bestN = n;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "exact argmax %d (%.6f, class %d); fast chose %d (class %d, float %.6f); best of"
                + " the composed class %d: %d (exact %.6f, fast float %.6f)%n", bestN, best, bestN / 320, wf, fc,
                fastPot[(wf % 16) * 200 + wf / 16], composedClass, bestOtherN, bestOther,
                fastPot[(bestOtherN % 16) * 200 + bestOtherN / 16]);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void row(String name, int n, double comp, double fast) {
        System.out.printf(Locale.ROOT, "%-34s %12.1f %12.1f %8.1f%n", name, n / comp, n / fast, comp / fast);
    }
}
