package org.snn4j.examples.papers;

import java.util.Locale;
import java.util.SplittableRandom;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.encoding.PoissonEncoder;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.neuron.ConductanceLif;

/**
 * Diagnostic: trains the Diehl &amp; Cook network on the composed engine ({@link DiehlCookComposed}) and on the
 * fused oracle ({@link DiehlCookNetwork}) side by side and reports, per kind, the first presentation where they
 * differ: input spike trains (drawn by each side from the same random stream), spike counts, thresholds, weights,
 * membrane potentials at the end of the presentation.
 *
 * <pre>
 * java -cp examples/target/test-classes:examples/target/snn4j-examples.jar \
 *     org.snn4j.examples.papers.DiehlCookDivergence [neurons (100)] [presentations (2000)] [seed (42)] [mode]
 * </pre>
 * Modes:
 * <ul>
 *   <li>{@code resync} (default): both start from the oracle's initial weights; every presentation draws its
 *       trains from a fresh {@code SplittableRandom} seeded per digit and repeat (the same stream for both
 *       sides); after a presentation that differs, the composed network is set to the oracle's weights,
 *       thresholds and potentials (and is fed the oracle's trains where they differed), so that every kind of
 *       difference is counted independently over the whole run.</li>
 *   <li>{@code stream}: exactly the example's training ({@code DiehlCook2015} against
 *       {@code DiehlCookOracleRun}): each side builds its own network from the seed and draws from its own
 *       chained training stream; nothing is re-synchronised, the run stops at the first difference.</li>
 * </ul>
 */
public final class DiehlCookDivergence {
    private DiehlCookDivergence() {
    }

    /** Differences of one kind: how many presentations, and whether the first was printed. */
    static final class Kind {
        final String name;
        int count;

        Kind(String name) {
            this.name = name;
        }

        boolean first() {
            return count++ == 0;
        }
    }

    public static void main(String[] args) throws Exception {
        int neurons = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int total = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
        boolean stream = args.length > 3 && args[3].equals("stream");
        MnistDataset.Split train = MnistDataset.load(DiehlCook2015.Options.defaults().data()).train();
        byte[] px = train.pixels();
        int nIn = 784;
        DiehlCookParameters p = DiehlCookParameters.paper();
        Shape image = new Shape(1, 28, 28);

        SplittableRandom rootO = new SplittableRandom(seed);
        SplittableRandom rootC = new SplittableRandom(seed);
        long weightSeed = rootO.nextLong();
        rootO.nextLong();
        rootO.nextLong();
        SplittableRandom rngO = rootO.split();
        rootC.nextLong();
        rootC.nextLong();
        rootC.nextLong();
        SplittableRandom rngC = rootC.split();

        DiehlCookNetwork oracle = new DiehlCookNetwork(p, nIn, neurons, weightSeed);
        DiehlCookComposed composed = new DiehlCookComposed(p, image, neurons, weightSeed);
        float[] wO = oracle.weights();
        float[] wC = composed.layer().weights();
        int initDiff = countDiff(wO, wC);
        System.out.printf(Locale.ROOT, "%s mode, %d neurons, %d presentations, seed %d%n", stream ? "stream" : "resync",
                neurons, total, seed);
        System.out.printf(Locale.ROOT, "initial weights: %d of %d differ (max |diff| %.3g)%n", initDiff, wO.length,
                maxDiff(wO, wC));
        if (!stream) {
            System.arraycopy(wO, 0, wC, 0, wO.length);
        }
        DiehlCookNetwork.Simulation os = oracle.newSimulation();
        DiehlCookComposed.Presenter pc = composed.newPresenter();
        float[] vC = pc.simulation().state(DiehlCookComposed.LAYER).neurons().get(ConductanceLif.V);
        float[] thO = oracle.theta();
        float[] thC = pc.theta();
        PoissonEncoder[] enc = new PoissonEncoder[p.maxRepeats() + 1];
        for (int r = 0; r < enc.length; r++) {
            enc[r] = PoissonEncoder.forNetwork(composed.network(), p.maxRateHz() + r * p.rateBoostHz(),
                    p.presentSteps() * (double) p.dtMs(), 255.0);
        }
        Kind kTrain = new Kind("input trains");
        Kind kCounts = new Kind("spike counts");
        Kind kTheta = new Kind("thresholds");
        Kind kWeights = new Kind("weights");
        Kind kV = new Kind("potentials");
        Kind kRepeat = new Kind("repeat decisions");
        Kind[] kinds = {kTrain, kCounts, kTheta, kWeights, kV, kRepeat};
        float[] x = new float[nIn];
        float[] wBefore = new float[wO.length];
        long presentations = 0;
        long hiClampCandidates = 0;
        int firstAny = -1;
        digits:
        for (int d = 0; d < total; d++) {
            int off = (d % train.count()) * nIn;
            for (int i = 0; i < nIn; i++) {
                x[i] = px[off + i] & 0xFF;
            }
            for (int r = 0; ; r++) {
                presentations++;
                float rate = p.maxRateHz() + r * p.rateBoostHz();
                SplittableRandom ro = rngO;
                SplittableRandom rc = rngC;
                if (!stream) {
                    long s = seed * 0x9E3779B97F4A7C15L + d * 1_000_003L + r;
                    ro = new SplittableRandom(s);
                    rc = new SplittableRandom(s);
                }
                System.arraycopy(wO, 0, wBefore, 0, wO.length);
                int totO = os.run(px, off, rate, true, ro);
                EventSource srcO = os.lastInput();
                EventSource srcC = enc[r].encode(x, rc);
                boolean any = false;
                String trainDiff = trainDiff(srcO, srcC, nIn);
                if (trainDiff != null) {
                    any = true;
                    if (kTrain.first()) {
                        System.out.printf(Locale.ROOT, "digit %d repeat %d (presentation %d): input trains differ: %s%n",
                                d, r, presentations, trainDiff);
                    }
                    if (!stream) {
                        srcC = srcO;
                    }
                }
                long totC = pc.presentOnce(srcC, true).outputSpikes(0);
                int[] cO = os.counts();
                int[] cC = pc.counts();
                if (!java.util.Arrays.equals(cO, cC) || totO != totC) {
                    any = true;
                    if (kCounts.first()) {
                        StringBuilder sb = new StringBuilder();
                        for (int j = 0; j < neurons; j++) {
                            if (cO[j] != cC[j]) {
                                sb.append(String.format(Locale.ROOT, " n%d:%d/%d", j, cO[j], cC[j]));
                            }
                        }
                        System.out.printf(Locale.ROOT, "digit %d repeat %d (presentation %d): spike counts differ "
                                + "(oracle/composed):%s; totals %d/%d%n", d, r, presentations, sb, totO, totC);
                    }
                }
                if (countDiff(thO, thC) > 0) {
                    any = true;
                    if (kTheta.first()) {
                        int j = firstDiff(thO, thC);
                        System.out.printf(Locale.ROOT, "digit %d repeat %d: thresholds differ at %d of %d neurons, "
                                + "first n%d: %s / %s%n", d, r, countDiff(thO, thC), neurons, j, thO[j], thC[j]);
                    }
                }
                int wd = countDiff(wO, wC);
                if (wd > 0) {
                    any = true;
                    int above = 0;
                    for (int k = 0; k < wO.length; k++) {
                        if (wO[k] != wC[k] && wBefore[k] > p.wMax()) {
                            above++;
                        }
                    }
                    hiClampCandidates += above;
                    if (kWeights.first()) {
                        int k = firstDiff(wO, wC);
                        System.out.printf(Locale.ROOT, "digit %d repeat %d: weights differ at %d synapses (max |diff| "
                                + "%.3g), %d of them above wMax before the presentation; first pre %d post %d: "
                                + "before %s, oracle %s, composed %s%n", d, r, wd, maxDiff(wO, wC), above,
                                k / neurons, k % neurons, wBefore[k], wO[k], wC[k]);
                    }
                }
                float[] vO = os.potentials();
                if (countDiff(vO, vC) > 0) {
                    any = true;
                    if (kV.first()) {
                        int j = firstDiff(vO, vC);
                        System.out.printf(Locale.ROOT, "digit %d repeat %d: potentials differ at %d neurons, first "
                                + "n%d: %s / %s%n", d, r, countDiff(vO, vC), j, vO[j], vC[j]);
                    }
                }
                os.rest();
                boolean doneO = totO >= p.minSpikes() || r >= p.maxRepeats();
                boolean doneC = totC >= p.minSpikes() || r >= p.maxRepeats();
                if (doneO != doneC) {
                    any = true;
                    kRepeat.first();
                }
                if (any) {
                    if (firstAny < 0) {
                        firstAny = d;
                    }
                    if (stream) {
                        System.out.printf(Locale.ROOT, "stream mode: stopped at the first difference (digit %d)%n", d);
                        break digits;
                    }
                    System.arraycopy(wO, 0, wC, 0, wO.length);
                    System.arraycopy(thO, 0, thC, 0, neurons);
                    System.arraycopy(vO, 0, vC, 0, neurons);
                }
                if (doneO) {
                    break;
                }
            }
            if ((d + 1) % 500 == 0) {
                System.out.printf(Locale.ROOT, "  %d digits, %d presentations%n", d + 1, presentations);
            }
        }
        System.out.printf(Locale.ROOT, "summary over %d presentations (first difference at digit %d):%n", presentations,
                firstAny);
        for (Kind k : kinds) {
            System.out.printf(Locale.ROOT, "  %-16s differ in %d presentations%n", k.name, k.count);
        }
        System.out.printf(Locale.ROOT, "  differing weights that were above wMax before the presentation: %d%n",
                hiClampCandidates);
    }

    /** Null if both sources emit the same indices in the same order at every step, else a description. */
    static String trainDiff(EventSource a, EventSource b, int n) {
        if (a.steps() != b.steps()) {
            return "steps " + a.steps() + " / " + b.steps();
        }
        Spikes sa = new Spikes(n);
        Spikes sb = new Spikes(n);
        int steps = 0;
        String first = null;
        for (int t = 0; t < a.steps(); t++) {
            sa.clear();
            sb.clear();
            a.emit(t, sa);
            b.emit(t, sb);
            boolean same = sa.count() == sb.count();
            for (int k = 0; same && k < sa.count(); k++) {
                same = sa.get(k) == sb.get(k);
            }
            if (!same) {
                steps++;
                if (first == null) {
                    first = "step " + t + ": oracle " + java.util.Arrays.toString(java.util.Arrays.copyOf(sa.indices(),
                            sa.count())) + ", composed " + java.util.Arrays.toString(java.util.Arrays.copyOf(
                            sb.indices(), sb.count()));
                }
            }
        }
        return first == null ? null : steps + " steps differ, first " + first;
    }

    static int countDiff(float[] a, float[] b) {
        int c = 0;
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToIntBits(a[i]) != Float.floatToIntBits(b[i])) {
                c++;
            }
        }
        return c;
    }

    static int firstDiff(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToIntBits(a[i]) != Float.floatToIntBits(b[i])) {
                return i;
            }
        }
        return -1;
    }

    static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }
}
