package org.snn4j.examples.papers;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.snn4j.SpikeSource;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.encoding.dataset.MnistDataset;

/**
 * Diagnostic: trains the flagship's schedule on both the composed network and the fused oracle from the same
 * initial weights and reports the first point where they differ (conv1/conv2 winners and weights per epoch,
 * then conv3 R-STDP decisions per sample), with the exact (double) potentials of the two candidate winners.
 * Run: {@code java -cp examples/target/test-classes:examples/target/snn4j-examples.jar
 * org.snn4j.examples.papers.MozafariDivergence [train digits] [conv3 epochs]}.
 */
public final class MozafariDivergence {
    private MozafariDivergence() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        int e3 = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        MnistDataset.Split train = MnistDataset.load(Path.of("examples/data/mnist10k")).train();
        n = Math.min(n, train.count());
        Mozafari2019Composed comp = new Mozafari2019Composed(1);
        MozafariNetwork fused = new MozafariNetwork(1);
        MozafariNetwork.Work ws = fused.newWork();
        SpikeSource[] src = new SpikeSource[n];
        StepEvents[] ev = new StepEvents[n];
        int[] labels = new int[n];
        Spikes scratch = new Spikes(comp.inputShape().size());
        for (int i = 0; i < n; i++) {
            src[i] = comp.encode(train.image(i));
            ev[i] = StepEvents.of(comp.encoder().encode(train.image(i)), scratch);
            labels[i] = train.label(i);
        }
        for (int e = 0; e < 2; e++) {
            int diff = 0;
            for (int i = 0; i < n; i++) {
                List<Winner> wc = comp.trainConv1(src[i]);
                fused.trainConv1(ev[i], ws);
                if (!same(wc, fused.conv1.winners(ws.c1)) && diff++ == 0) {
                    System.out.printf(Locale.ROOT, "conv1 epoch %d digit %d: winners differ%n  composed %s%n  fused    %s%n",
                            e, i, wc, fused.conv1.winners(ws.c1));
                }
            }
            System.out.printf(Locale.ROOT, "conv1 epoch %d: %d digits with other winners; weights equal: %s%n", e, diff,
                    Arrays.equals(comp.weightsOIHW("conv1"), fused.weightsOIHW("conv1")));
        }
        StepEvents[] pool1 = new StepEvents[n];
        for (int i = 0; i < n; i++) {
            pool1[i] = fused.pool1Events(ev[i], ws);
        }
        for (int e = 0; e < 4; e++) {
            int diff = 0;
            for (int i = 0; i < n; i++) {
                List<Winner> wc = comp.trainConv2(src[i]);
                fused.trainConv2(pool1[i], ws);
                if (!same(wc, fused.conv2.winners(ws.c2)) && diff++ == 0) {
                    System.out.printf(Locale.ROOT, "conv2 epoch %d digit %d: winners differ%n  composed %s%n  fused    %s%n",
                            e, i, wc, fused.conv2.winners(ws.c2));
                }
            }
            System.out.printf(Locale.ROOT, "conv2 epoch %d: %d digits with other winners; weights equal: %s%n", e, diff,
                    Arrays.equals(comp.weightsOIHW("conv2"), fused.weightsOIHW("conv2")));
        }
        comp.setWeightsOIHW("conv1", fused.weightsOIHW("conv1"));
        comp.setWeightsOIHW("conv2", fused.weightsOIHW("conv2"));
        fused.freeze();
        boolean[][] maps = new boolean[n][fused.pool2Size()];
        for (int i = 0; i < n; i++) {
            fused.pool2Map(ev[i], ws, maps[i]);
        }
        int shown = 0;
        for (int e = 1; e <= e3 && shown < 3; e++) {
            int right = 0;
            int wrong = 0;
            int inBatch = 0;
            int rightF = 0;
            int wrongF = 0;
            for (int i = 0; i < n && shown < 3; i++) {
                int dc = comp.trainConv3(src[i], labels[i]);
                fused.prepareConv3();
                int wf = fused.lastWinner(maps[i], ws);
                int df = fused.trainConv3(maps[i], labels[i], ws);
                if (dc != df) {
                    shown++;
                    System.out.printf(Locale.ROOT, "conv3 epoch %d digit %d: composed class %d, fused class %d (fused winner %d)%n",
                            e, i, dc, df, wf);
                    if (shown == 1 && wf >= 0) {
                        // the weights before this sample: the fused side changed only its winner's map, the
                        // composed side only its own winner's map (another class)
                        float[] before = fused.weightsOIHW("conv3");
                        float[] wc = comp.weightsOIHW("conv3");
                        int mf = wf / 16;
                        System.arraycopy(wc, mf * 6250, before, mf * 6250, 6250);
                        exact(before, maps[i], wf, dc);
                        float[] pot = ws.c3.potentials();
                        System.out.printf(Locale.ROOT, "  fused float potential of its winner %.9f%n",
                                pot[(wf % 16) * 200 + wf / 16]);
                    }
                }
                right += dc == labels[i] ? 1 : 0;
                wrong += dc >= 0 && dc != labels[i] ? 1 : 0;
                rightF += df == labels[i] ? 1 : 0;
                wrongF += df >= 0 && df != labels[i] ? 1 : 0;
                if (++inBatch == Mozafari2019Composed.RSTDP_BATCH || i == n - 1) {
                    comp.scaleConv3Rates((double) wrong / inBatch, (double) right / inBatch);
                    fused.scaleConv3Rates((double) wrongF / inBatch, (double) rightF / inBatch);
                    right = wrong = rightF = wrongF = inBatch = 0;
                }
            }
            System.out.printf(Locale.ROOT, "conv3 epoch %d done: weights equal %s%n", e,
                    Arrays.equals(comp.weightsOIHW("conv3"), fused.weightsOIHW("conv3")));
        }
    }

    private static boolean same(List<Winner> a, List<Winner> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).neuron() != b.get(i).neuron() || a.get(i).step() != b.get(i).step()) {
                return false;
            }
        }
        return true;
    }

    /** The exact (double) potentials of the fused winner and the best neuron of the composed class. */
    private static void exact(float[] w, boolean[] map, int fusedWinner, int composedClass) {
        double best = -1;
        int bestN = -1;
        double bestOther = -1;
        int bestOtherN = -1;
        double fusedExact = 0;
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
                    int nIdx = (o * 4 + y) * 4 + x;
                    if (nIdx == fusedWinner) {
                        fusedExact = s;
                    }
                    if (o / 20 == composedClass && s > bestOther) {
                        bestOther = s;
                        bestOtherN = nIdx;
                    }
                    if (s > best) {
                        best = s;
                        bestN = nIdx;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "  exact argmax %d (%.9f); fused winner %d exact %.9f; best of the composed class:"
                + " %d exact %.9f (difference %.3g)%n", bestN, best, fusedWinner, fusedExact, bestOtherN, bestOther,
                fusedExact - bestOther);
    }
}
