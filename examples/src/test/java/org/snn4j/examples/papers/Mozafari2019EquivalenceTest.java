package org.snn4j.examples.papers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snn4j.SpikeSource;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.encoding.MozafariEncoder;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.network.PresentationResult;
import org.snn4j.network.Simulation;

/**
 * Issue 5's composition check: {@link Mozafari2019Composed} (library parts only: encoder, padding, conv,
 * pooling layers, PerfectIf / fire-once neurons, pointwise inhibition, k-WTA, BinaryStdp, R-STDP, run by
 * Network / Simulation) against the fast, network-specific {@link MozafariNetwork}, on real mnist10k digits,
 * with the fast side's initial weights copied across ({@code [outC][inC][k][k]} on both sides). Both neuron
 * paths of the composed network are checked.
 *
 * <p>What is compared, exactly: encoded input spikes; conv1 and conv2 first-spike steps in inference (no
 * inhibition); conv1 and conv2 STDP winners (map, row, column, step) sample by sample and the weights after
 * training (bit-identical: both sides now apply the learning module's BinaryStdp arithmetic); the pool2 map
 * that conv3 reads, conv3's winner neuron and class; R-STDP decisions and conv3 weights after training.
 *
 * <p>The one documented difference: float summation order. The fast side adds weight rows in input-spike
 * order, the library layer in tap order {@code (c, ky, kx)} per step (the PerfectIf path adds one partial sum
 * per step), both accumulating across steps. When two candidates of one feature map have exactly equal
 * potentials (same step, equal exact sums: frequent in conv2, whose pooled input is sparse, about 4 of 160
 * winners on these digits), rounding decides which one the k-WTA sees as larger, and the sides may pick
 * different ones. The test checks that every such difference is an exact tie (sums in double equal to
 * 1e-6), counts it, and re-synchronises the weights. SpykeTorch recomputes each step's potentials from
 * scratch, so its ties go to the lower index (the fast side's usual result).
 */
class Mozafari2019EquivalenceTest {
    private static final long SEED = 2019;
    private static final int N_INFER = 30;
    private static final int N_TRAIN = 20;
    private static MnistDataset data;
    private static final MozafariEncoder ENCODER = MozafariEncoder.mozafari2019();

    @BeforeAll
    static void load() throws IOException {
        Path p = Path.of("data/mnist10k");
        if (!Files.isDirectory(p)) {
            p = Path.of("examples/data/mnist10k");
        }
        data = MnistDataset.load(p);
    }

    /** The two networks, the composed one with the fast one's initial weights. */
    private record Pair(MozafariNetwork fast, MozafariNetwork.Work ws, Mozafari2019Composed comp) {
    }

    private static Pair pair() {
        MozafariNetwork fast = new MozafariNetwork(SEED);
        Mozafari2019Composed comp = new Mozafari2019Composed(SEED + 1);
        comp.setWeightsOIHW("conv1", fast.conv1.weightsOIHW());
        comp.setWeightsOIHW("conv2", fast.conv2.weightsOIHW());
        comp.setWeightsOIHW("conv3", fast.conv3.weightsOIHW());
        // (Arrays.equals: AssertJ's containsExactly is quadratic on arrays of a million floats)
        assertThat(Arrays.equals(comp.weightsOIHW("conv1"), fast.conv1.weightsOIHW())).isTrue();
        assertThat(Arrays.equals(comp.weightsOIHW("conv2"), fast.conv2.weightsOIHW())).isTrue();
        assertThat(Arrays.equals(comp.weightsOIHW("conv3"), fast.conv3.weightsOIHW())).isTrue();
        return new Pair(fast, fast.newWork(), comp);
    }

    private static StepEvents fastInput(MnistDataset.Split split, int i) {
        return StepEvents.of(ENCODER.encode(split.image(i)), new Spikes(ENCODER.outputShape().size()));
    }

    /** First spike step of every neuron in the raster's last presentation (-1 = silent). */
    private static int[] firstSteps(SpikeRaster r, int size) {
        int[] f = new int[size];
        Arrays.fill(f, -1);
        for (int k = 0; k < r.count(); k++) {
            int n = r.neuron(k);
            if (f[n] < 0) {
                f[n] = r.step(k);
            }
        }
        return f;
    }

    private static int mismatches(int[] a, int[] b) {
        int m = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                m++;
            }
        }
        return m;
    }

    @Test
    void encodedInputSpikesAreIdentical() {
        Mozafari2019Composed comp = new Mozafari2019Composed(SEED);
        Spikes s = new Spikes(comp.inputShape().size());
        long total = 0;
        for (int i = 0; i < N_INFER; i++) {
            SpikeSource src = comp.encode(data.test().image(i));
            StepEvents ev = fastInput(data.test(), i);
            assertThat(src.steps()).isEqualTo(Mozafari2019Composed.STEPS).isEqualTo(ev.steps());
            for (int t = 0; t < src.steps(); t++) {
                s.clear();
                src.emit(t, s);
                int[] a = Arrays.copyOf(s.indices(), s.count());
                int[] b = new int[ev.offsets()[t + 1] - ev.offsets()[t]];
                for (int k = 0; k < b.length; k++) {
                    b[k] = ev.neuron(ev.offsets()[t] + k);
                }
                Arrays.sort(a);
                Arrays.sort(b);
                assertThat(a).as("digit %d step %d", i, t).containsExactly(b);
                total += a.length;
            }
        }
        assertThat(total).isGreaterThan(100L * N_INFER);
    }

    @Test
    void inferenceFirstSpikeStepsOfConv1AndConv2AreIdentical() {
        Pair p = pair();
        Simulation sim = p.comp().newInferenceSimulation();
        SpikeRaster r1 = sim.recordSpikes("conv1");
        SpikeRaster r2 = sim.recordSpikes("conv2");
        int n1 = p.fast().conv1.outputSize();
        int n2 = p.fast().conv2.outputSize();
        int[] f1 = new int[n1];
        int[] f2 = new int[n2];
        long spikes1 = 0;
        long spikes2 = 0;
        for (int i = 0; i < N_INFER; i++) {
            StepEvents ev = fastInput(data.test(), i);
            p.fast().conv1.forwardSteps(ev, p.ws().c1, f1);
            p.fast().conv2.forwardSteps(p.fast().pool1Events(ev, p.ws()), p.ws().c2, f2);
            r1.clear();
            r2.clear();
            sim.present(p.comp().encode(data.test().image(i)), Mozafari2019Composed.INFERENCE);
            int[] g1 = firstSteps(r1, n1);
            int[] g2 = firstSteps(r2, n2);
            assertThat(mismatches(f1, g1)).as("conv1 first-spike mismatches, digit %d", i).isZero();
            assertThat(mismatches(f2, g2)).as("conv2 first-spike mismatches, digit %d", i).isZero();
            spikes1 += r1.count();
            spikes2 += r2.count();
        }
        assertThat(spikes1).isGreaterThan(1000L * N_INFER);
        assertThat(spikes2).isGreaterThan(100L * N_INFER);
    }

    private static List<String> fastWinners(SpikingConv.Work w) {
        List<String> l = new ArrayList<>();
        for (int k = 0; k < w.winners(); k++) {
            l.add(w.winnerChannel(k) + "/" + w.winnerRow(k) + "/" + w.winnerCol(k) + "@" + w.winnerStep(k));
        }
        return l;
    }

    private static List<String> libraryWinners(List<Winner> ws) {
        List<String> l = new ArrayList<>();
        for (Winner w : ws) {
            l.add(w.channel() + "/" + w.row() + "/" + w.col() + "@" + w.step());
        }
        return l;
    }

    /**
     * Compares trained weights: bit-identical, or every difference at most one ulp (see the class note on
     * the STDP arithmetic). Returns "n of N weights differ, max |diff| d" for the report.
     */
    private static String compareWeights(float[] fast, float[] lib) {
        assertThat(lib).hasSameSizeAs(fast);
        int n = 0;
        double max = 0;
        for (int i = 0; i < fast.length; i++) {
            if (Float.floatToIntBits(fast[i]) != Float.floatToIntBits(lib[i])) {
                n++;
                double d = Math.abs((double) fast[i] - lib[i]);
                max = Math.max(max, d);
                assertThat(d).as("weight %d: fast %s, library %s", i, fast[i], lib[i])
                        .isLessThanOrEqualTo(Math.ulp(fast[i]));
            }
        }
        assertThat(max).isLessThanOrEqualTo(1e-6);
        assertThat(n).as("weights that differ at all").isLessThanOrEqualTo(fast.length / 100);
        return String.format(Locale.ROOT, "%d of %d weights differ, max |diff| %.3g", n, fast.length, max);
    }

    /** First spike step of every neuron of a latency-coded presentation (-1 = silent). */
    private static int[] firstSteps(StepEvents ev) {
        int[] f = new int[ev.size()];
        Arrays.fill(f, -1);
        for (int t = 0; t < ev.steps(); t++) {
            for (int e = ev.offsets()[t]; e < ev.offsets()[t + 1]; e++) {
                f[ev.neuron(e)] = t;
            }
        }
        return f;
    }

    /**
     * The potential of conv neuron {@code (o, y, x)} at step {@code t}, summed in double (exact for these
     * magnitudes): the sum of {@code W[o, c, ky, kx]} over the inputs of its window that fired by {@code t}.
     */
    private static double exactPotential(float[] oihw, int inC, int inH, int inW, int pad, int k, int[] first,
                                         int o, int y, int x, int t) {
        double s = 0;
        for (int c = 0; c < inC; c++) {
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int iy = y - pad + ky;
                    int ix = x - pad + kx;
                    if (iy >= 0 && iy < inH && ix >= 0 && ix < inW) {
                        int f = first[(c * inH + iy) * inW + ix];
                        if (f >= 0 && f <= t) {
                            s += oihw[((o * inC + c) * k + ky) * k + kx];
                        }
                    }
                }
            }
        }
        return s;
    }

    /**
     * Trains one conv layer on both sides sample by sample and compares the winners. They must be identical,
     * except where the first differing winner of a sample is an exact tie (both candidates fire at the same
     * step and their exactly summed potentials are equal to 1e-6 relative): then float rounding, which
     * depends on the summation order, breaks the tie (see the class note), the composed network gets the fast
     * one's weights back, and the tie is counted. Returns {winners compared, ties}.
     */
    private static int[] trainAndCompare(Pair p, String layer, int samples) {
        boolean first = layer.equals("conv1");
        SpikingConv fc = first ? p.fast().conv1 : p.fast().conv2;
        SpikingConv.Work fw = first ? p.ws().c1 : p.ws().c2;
        int inC = first ? 6 : 30;
        int in = first ? 28 : 14;
        int pad = first ? 2 : 1;
        int k = first ? 5 : 3;
        int winners = 0;
        int ties = 0;
        for (int i = 0; i < samples; i++) {
            float[] before = fc.weightsOIHW();
            StepEvents ev = fastInput(data.train(), i);
            StepEvents layerIn = first ? ev : p.fast().pool1Events(ev, p.ws());
            List<Winner> lib;
            if (first) {
                p.fast().trainConv1(layerIn, p.ws());
                lib = p.comp().trainConv1(p.comp().encode(data.train().image(i)));
            } else {
                p.fast().trainConv2(layerIn, p.ws());
                lib = p.comp().trainConv2(p.comp().encode(data.train().image(i)));
            }
            List<String> a = fastWinners(fw);
            List<String> b = libraryWinners(lib);
            winners += b.size();
            if (a.equals(b)) {
                continue;
            }
            int j = 0;
            while (j < Math.min(a.size(), b.size()) && a.get(j).equals(b.get(j))) {
                j++;
            }
            assertThat(j).as("%s sample %d: winner lists differ in length only: fast %s, library %s", layer, i, a, b)
                    .isLessThan(Math.min(a.size(), b.size()));
            int[] f = firstSteps(layerIn);
            Winner wl = lib.get(j);
            double vl = exactPotential(before, inC, in, in, pad, k, f, wl.channel(), wl.row(), wl.col(), wl.step());
            double vf = exactPotential(before, inC, in, in, pad, k, f, fw.winnerChannel(j), fw.winnerRow(j),
                    fw.winnerCol(j), fw.winnerStep(j));
            assertThat(fw.winnerStep(j)).as("%s sample %d winner %d: fast %s, library %s", layer, i, j, a, b)
                    .isEqualTo(wl.step());
            assertThat(Math.abs(vl - vf)).as("%s sample %d winner %d is not a tie: fast %s (%s), library %s (%s)",
                    layer, i, j, a.get(j), vf, b.get(j), vl).isLessThanOrEqualTo(1e-6 * Math.abs(vf));
            ties++;
            p.comp().setWeightsOIHW(layer, fc.weightsOIHW());
        }
        return new int[]{winners, ties};
    }

    @Test
    void conv1StdpWinnersAndWeightsAreIdentical() {
        Pair p = pair();
        int[] r = trainAndCompare(p, "conv1", N_TRAIN);
        System.out.printf("conv1: %d winners, %d exact ties broken differently%n", r[0], r[1]);
        assertThat(r[0]).isEqualTo(5 * N_TRAIN);
        assertThat(r[1]).as("exact ties broken differently").isLessThanOrEqualTo(1);
        assertThat(compareWeights(p.fast().conv1.weightsOIHW(), p.comp().weightsOIHW("conv1"))).startsWith("0 of ");
        assertThat(p.comp().conv1Rule().samples()).isEqualTo(N_TRAIN);
    }

    @Test
    void conv2StdpWinnersAndWeightsAreIdentical() {
        Pair p = pair();
        int[] r = trainAndCompare(p, "conv2", N_TRAIN);
        System.out.printf("conv2: %d winners, %d exact ties broken differently%n", r[0], r[1]);
        assertThat(r[0]).isGreaterThan(7 * N_TRAIN);
        // exact ties are common in conv2 (sparse pooled input: neighbouring windows often see equal sums)
        assertThat(r[1]).as("exact ties broken differently").isLessThanOrEqualTo(N_TRAIN / 2);
        assertThat(compareWeights(p.fast().conv2.weightsOIHW(), p.comp().weightsOIHW("conv2"))).startsWith("0 of ");
    }

    @Test
    void conv3InputsAndDecisionsAreIdentical() {
        Pair p = pair();
        // a little training first, so conv1/conv2 have learnt something (same on both sides, checked above)
        for (int i = 0; i < N_TRAIN; i++) {
            StepEvents ev = fastInput(data.train(), i);
            p.fast().trainConv1(ev, p.ws());
            p.comp().trainConv1(p.comp().encode(data.train().image(i)));
        }
        for (int i = 0; i < N_TRAIN; i++) {
            StepEvents pool1 = p.fast().pool1Events(fastInput(data.train(), i), p.ws());
            p.fast().trainConv2(pool1, p.ws());
            p.comp().trainConv2(p.comp().encode(data.train().image(i)));
        }
        // conv2 training may break exact ties differently (see the class note): start inference from equal weights
        p.comp().setWeightsOIHW("conv1", p.fast().conv1.weightsOIHW());
        p.comp().setWeightsOIHW("conv2", p.fast().conv2.weightsOIHW());
        p.fast().freeze();
        Simulation sim = p.comp().newInferenceSimulation();
        SpikeRaster pool2 = sim.recordSpikes("pool2");
        boolean[] map = new boolean[p.fast().pool2Size()];
        int decided = 0;
        for (int i = 0; i < N_INFER; i++) {
            StepEvents ev = fastInput(data.test(), i);
            p.fast().pool2Map(ev, p.ws(), map);
            int fastClass = p.fast().classify(map, p.ws());
            int fastWinner = p.fast().lastWinner(map, p.ws());
            pool2.clear();
            PresentationResult r = sim.present(p.comp().encode(data.test().image(i)),
                    Mozafari2019Composed.INFERENCE);
            boolean[] g = new boolean[map.length];
            for (int k = 0; k < pool2.count(); k++) {
                g[pool2.neuron(k)] = true;
            }
            assertThat(Arrays.equals(g, map)).as("pool2 map (conv3 input) of digit %d", i).isTrue();
            List<Winner> w = r.winners(Mozafari2019Composed.CONV3);
            assertThat(w.isEmpty() ? -1 : w.get(0).neuron()).as("conv3 winner of digit %d", i).isEqualTo(fastWinner);
            assertThat(Mozafari2019Composed.decision(w)).isEqualTo(fastClass);
            if (fastClass >= 0) {
                decided++;
            }
        }
        assertThat(decided).isEqualTo(N_INFER);
        // R-STDP on conv3: same decisions, rewards and punishments, so the same conv3 weights
        int rewarded = 0;
        for (int i = 0; i < N_TRAIN; i++) {
            int label = data.train().label(i);
            p.fast().pool2Map(fastInput(data.train(), i), p.ws(), map);
            int a = p.fast().trainConv3(map, label, p.ws());
            int b = p.comp().trainConv3(p.comp().encode(data.train().image(i)), label);
            assertThat(b).as("R-STDP decision of training digit %d", i).isEqualTo(a);
            if (a == label) {
                rewarded++;
            }
        }
        System.out.printf("conv3 R-STDP: %d samples, %d rewarded, conv3 weights: %s%n", N_TRAIN, rewarded,
                compareWeights(p.fast().conv3.weightsOIHW(), p.comp().weightsOIHW("conv3")));
        assertThat(compareWeights(p.fast().conv3.weightsOIHW(), p.comp().weightsOIHW("conv3"))).startsWith("0 of ");
    }

    /**
     * The engine's frozen-layer cache (the one home for "frozen layers give the same output every epoch") changes
     * no result: conv2 STDP and conv3 R-STDP over two epochs, with the cache on (hits from the second epoch) and
     * off, give the same winners, decisions and weights.
     */
    @Test
    void frozenLayerCacheChangesNoWinnerDecisionOrWeight() {
        Mozafari2019Composed on = new Mozafari2019Composed(SEED);
        Mozafari2019Composed off = new Mozafari2019Composed(SEED);
        off.frozenOutputCache(0);
        SpikeSource[] in = new SpikeSource[N_TRAIN];
        for (int i = 0; i < N_TRAIN; i++) {
            in[i] = on.encode(data.train().image(i));
        }
        for (int e = 0; e < 2; e++) {
            for (int i = 0; i < N_TRAIN; i++) {
                // the same winners with bit-identical potentials: pool1 emits each step's spikes in ascending order
                // and the cache replays them so, so conv2 sums in the same order either way
                assertThat(on.trainConv2(in[i])).as("conv2 winners %d", i).containsExactlyElementsOf(off.trainConv2(in[i]));
            }
        }
        assertThat(Arrays.equals(on.weightsOIHW("conv2"), off.weightsOIHW("conv2"))).isTrue();
        assertThat(on.frozenOutputCacheCounts()[0]).as("cache hits in conv2's second epoch").isEqualTo(N_TRAIN);
        on.threads(2); // the shared final-potential pass: the same decisions
        for (int e = 0; e < 2; e++) {
            for (int i = 0; i < N_TRAIN; i++) {
                int label = data.train().label(i);
                assertThat(on.trainConv3(in[i], label)).as("R-STDP decision %d", i)
                        .isEqualTo(off.trainConv3(in[i], label));
            }
        }
        assertThat(on.frozenOutputCacheCounts()[0]).as("cache hits in conv3's second epoch").isEqualTo(2L * N_TRAIN);
        assertThat(off.frozenOutputCacheCounts()).containsExactly(0L, 0L);
        assertThat(Arrays.equals(on.weightsOIHW("conv3"), off.weightsOIHW("conv3"))).isTrue();
        assertThat(Arrays.equals(on.weightsOIHW("conv3"), new Mozafari2019Composed(SEED).weightsOIHW("conv3")))
                .as("R-STDP changed conv3").isFalse();
    }
}
