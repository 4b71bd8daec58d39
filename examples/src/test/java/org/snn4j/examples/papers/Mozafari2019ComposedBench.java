package org.snn4j.examples.papers;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
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
 * done beforehand and not timed on either side. Both start from the same weights (the fast side's, copied). Each
 * phase runs one warm-up round and then {@code -Dbench.rounds} (default 5) timed rounds over the digits, the two
 * sides alternating which goes first; each side's pass is timed by the thread's CPU time (less disturbed by other
 * processes than wall time) and the row gives the medians and the median per-round speed ratio composed / fast
 * (fast time / composed time; the target is >= 1) (so
 * each layer trains on every digit once per round).
 *
 * <p>Run (it lives in the test sources, next to the reference it times):
 * {@code mvn -B -ntp -q -pl examples -am -DskipTests package test-compile} then
 * {@code java -cp examples/target/test-classes:examples/target/snn4j-examples.jar
 * org.snn4j.examples.papers.Mozafari2019ComposedBench [N digits, default 200] [--no-cache] [--data DIR]}
 * ({@code --help}). The fast side recomputes conv1/conv2 in every round; the composed side's engine caches the
 * output of frozen layers per digit (so from the second round on its conv2 phase skips conv1, and its conv3 and
 * inference phases skip conv1 and conv2) unless {@code --no-cache}, which gives both sides the same work.
 */
@Command(name = "mozafari2019-composed-bench")
public final class Mozafari2019ComposedBench implements Cli.Command {
    @Parameters(index = "0", arity = "0..1", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "training digits (default ${DEFAULT-VALUE})")
    int n = 200;

    @Option(names = "--no-cache", description = "turn the engine's frozen-layer output cache off on the composed"
            + " side (then both sides do the same work per image in every round)")
    boolean noCache;

    @Mixin
    Options.Data dataDir = new Options.Data("examples/data/mnist10k");

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
        MnistDataset data = MnistDataset.load(dataDir.find());
        n = Math.min(n, data.train().count());
        Mozafari2019Composed comp = new Mozafari2019Composed(1);
        if (noCache) {
            comp.frozenOutputCache(0);
        }
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
        System.out.printf(Locale.ROOT, "Mozafari 2019, %d mnist10k training digits, 1 thread; images per CPU-second, median of %d alternating rounds after a warm-up round; ratio = "
                + "median per-round speed of composed / fast (>= 1: composed at least as fast); frozen-layer cache %s; %s; "
                + "load %.2f%n", n, ROUNDS, noCache ? "off" : "on", Cli.runtime(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "%-34s %12s %12s %8s%n", "phase", "composed", "fast", "ratio");
        final int n1 = n;
        row("conv1 STDP", n, phase(() -> {
            for (int i = 0; i < n1; i++) {
                comp.trainConv1(src[i]);
            }
        }, () -> {
            for (int i = 0; i < n1; i++) {
                fast.trainConv1(ev[i], ws);
            }
        }));
        row("conv2 STDP (+ conv1 forward)", n, phase(() -> {
            for (int i = 0; i < n1; i++) {
                comp.trainConv2(src[i]);
            }
        }, () -> {
            for (int i = 0; i < n1; i++) {
                fast.trainConv2(fast.pool1Events(ev[i], ws), ws);
            }
        }));
        // conv2 STDP may break exact potential ties differently on the two sides (see Mozafari2019EquivalenceTest):
        // from here on both use the fast side's conv1/conv2 weights, so conv3 sees the same input on both
        comp.setWeightsOIHW("conv1", fast.conv1.weightsOIHW());
        comp.setWeightsOIHW("conv2", fast.conv2.weightsOIHW());
        fast.freeze();
        boolean[] map = new boolean[fast.pool2Size()];
        int[] dec3 = new int[n];
        int[] dec3f = new int[n];
        int[] firstDiff = {-1};
        int[] pass3 = {0};
        row("conv3 R-STDP (+ conv1, conv2)", n, phase(() -> {
            for (int i = 0; i < n1; i++) {
                dec3[i] = comp.trainConv3(src[i], labels[i]);
            }
        }, () -> {
            for (int i = 0; i < n1; i++) {
                fast.pool2Map(ev[i], ws, map);
                if (firstDiff[0] < 0 && Boolean.getBoolean("bench.exact")) {
                    exactCheck(fast, ws, map, dec3[i]);
                }
                dec3f[i] = fast.trainConv3(map, labels[i], ws);
            }
        }, () -> {
            for (int i = 0; i < n1 && firstDiff[0] < 0; i++) {
                if (dec3[i] != dec3f[i]) {
                    firstDiff[0] = pass3[0] * n1 + i;
                }
            }
            pass3[0]++;
        }));
        fast.prepareConv3();
        Simulation inf = comp.newInferenceSimulation();
        if (noCache) {
            inf.frozenOutputCache(0);
        }
        int[] dc = new int[n];
        int[] df = new int[n];
        row("inference (all layers)", n, phase(() -> {
            for (int i = 0; i < n1; i++) {
                dc[i] = comp.classify(src[i], inf);
            }
        }, () -> {
            for (int i = 0; i < n1; i++) {
                fast.pool2Map(ev[i], ws, map);
                df[i] = fast.classify(map, ws);
            }
        }));
        int agree = 0;
        int rightC = 0;
        int rightF = 0;
        for (int i = 0; i < n; i++) {
            agree += dc[i] == df[i] ? 1 : 0;
            rightC += dc[i] == labels[i] ? 1 : 0;
            rightF += df[i] == labels[i] ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "first R-STDP sample decided differently: %d (-1: none; a difference comes from"
                + " a near-tie of two conv3 potentials, ~1e-6 relative, that the two summation orders round apart)%n",
                firstDiff[0]);
        System.out.printf(Locale.ROOT, "load average %.2f at the end%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
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

    /** Timed rounds after one warm-up round ({@code -Dbench.rounds}, default 5). */
    static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

    /** One phase without a per-round check. */
    private static double[] phase(Runnable composed, Runnable fused) {
        return phase(composed, fused, () -> { });
    }

    /**
     * Runs one warm-up round, then {@link #ROUNDS} timed rounds of both sides, alternating which side goes
     * first, timing each side's pass over the digits by this thread's CPU time; {@code afterRound} runs after
     * every round (not timed).
     *
     * @return {composed median s, fused median s, median of the per-round speed ratios fused time / composed time}
     */
    private static double[] phase(Runnable composed, Runnable fused, Runnable afterRound) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] c = new double[ROUNDS];
        double[] f = new double[ROUNDS];
        double[] ratio = new double[ROUNDS];
        for (int r = -1; r < ROUNDS; r++) {
            boolean fusedFirst = (r & 1) == 1;
            long t0 = mx.getCurrentThreadCpuTime();
            (fusedFirst ? fused : composed).run();
            long t1 = mx.getCurrentThreadCpuTime();
            (fusedFirst ? composed : fused).run();
            long t2 = mx.getCurrentThreadCpuTime();
            afterRound.run();
            if (r >= 0) {
                c[r] = (fusedFirst ? t2 - t1 : t1 - t0) / 1e9;
                f[r] = (fusedFirst ? t1 - t0 : t2 - t1) / 1e9;
                ratio[r] = f[r] / c[r];
            }
        }
        Arrays.sort(c);
        Arrays.sort(f);
        Arrays.sort(ratio);
        return new double[] {c[ROUNDS / 2], f[ROUNDS / 2], ratio[ROUNDS / 2]};
    }

    private static void row(String name, int n, double[] m) {
        System.out.printf(Locale.ROOT, "%-34s %12.1f %12.1f %8.2f%n", name, n / m[0], n / m[1], m[2]);
    }
}
