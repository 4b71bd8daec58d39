package org.snn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.neuron.LastStepIf;
import org.snn4j.neuron.NeuronModel;
import org.snn4j.neuron.PerfectIf;

/**
 * {@link DenseLayer}'s fused fire-once and fire-at-last-step loops (dense and compact weights) against plain
 * loops written here, with non-zero threshold offsets, inhibition for a while and for the whole presentation,
 * and two presentations on one state, the second after a reset. Written after the 70c04d2 whole-module PIT run
 * (issue 17: survivors and uncovered mutants in DenseLayer.step and State.reset).
 */
class DenseFusedOffsetsInhibitionTest {

    private record Case(int nIn, int nOut, int steps, float thr, float[] w, int[][] inputs, float[][] off,
                        int[][] inh) {
        static Case draw(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int nIn = 1 + r.nextInt(9);
            int nOut = 2 + r.nextInt(7);
            int steps = 2 + r.nextInt(5);
            float[] w = new float[nIn * nOut];
            for (int i = 0; i < w.length; i++) {
                w[i] = (r.nextInt(33) - 8) / 16f; // dyadic: exact sums, in any order
            }
            float thr = (1 + 2 * r.nextInt(24)) / 32f; // odd /32: never equal to a sum of /16 values
            int[][] inputs = new int[2][nIn];
            float[][] off = new float[2][nOut];
            int[][] inh = new int[2][];
            for (int p = 0; p < 2; p++) {
                for (int i = 0; i < nIn; i++) {
                    inputs[p][i] = r.nextInt(4) == 0 ? -1 : r.nextInt(steps);
                }
                for (int j = 0; j < nOut; j++) {
                    float o = (r.nextInt(9) - 4) / 16f;
                    off[p][j] = thr + o > 0f ? o : 0f; // a threshold at or below 0 would fire without input
                }
                if (r.nextBoolean()) {
                    inh[p] = new int[nOut];
                    for (int j = 0; j < nOut; j++) {
                        int d = r.nextInt(5);
                        inh[p][j] = d == 0 ? Integer.MAX_VALUE : d == 1 ? 1 + r.nextInt(steps) : 0;
                    }
                }
            }
            return new Case(nIn, nOut, steps, thr, w, inputs, off, inh);
        }

        float[][] potentials(int p) {
            float[][] pot = new float[steps][nOut];
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < nIn; i++) {
                    if (inputs[p][i] >= 0 && inputs[p][i] <= t) {
                        for (int j = 0; j < nOut; j++) {
                            pot[t][j] += w[i * nOut + j];
                        }
                    }
                }
            }
            return pot;
        }

        int inhibited(int p, int j) {
            return inh[p] == null ? 0 : inh[p][j];
        }

        DenseLayer layer(NeuronModel model) {
            DenseLayer l = DenseLayer.builder("d", Shape.flat(nIn), nOut).neurons(model).build();
            System.arraycopy(w, 0, l.weights(), 0, w.length);
            l.weightsChanged();
            return l;
        }
    }

    /** Per presentation: the harness result, the neurons' last spike steps, potentials and spike counter after it. */
    private record Two(LayerHarness.Result[] res, int[][] lastSteps, float[][] potentials, long[] spikeCounts) {
    }

    /** Runs both presentations on one state the way the engine does (reset, neurons cleared and initialised). */
    private static Two runTwo(DenseLayer l, Case c) {
        DenseLayer.State st = l.newState();
        LayerHarness.Result[] res = new LayerHarness.Result[2];
        int[][] lastSteps = new int[2][];
        long[] spikeCounts = new long[2];
        float[][] potentials = new float[2][];
        for (int p = 0; p < 2; p++) {
            st.reset();
            NeuronState ns = st.neurons();
            ns.clear();
            l.neuronModel().initialise(ns);
            System.arraycopy(c.off[p], 0, st.thresholdOffsets(), 0, c.nOut);
            if (c.inh[p] != null) {
                System.arraycopy(c.inh[p], 0, st.inhibitedUntil(), 0, c.nOut);
            }
            res[p] = LayerHarness.run(List.of(l), List.of(st), c.inputs[p], c.steps, null, 0);
            lastSteps[p] = ns.lastSpikeStep().clone();
            spikeCounts[p] = st.spikeCount();
            potentials[p] = st.potentials().clone();
        }
        return new Two(res, lastSteps, potentials, spikeCounts);
    }

    @Property(tries = 40, seed = "1703")
    void fireOnceMatchesPlainLoopDenseAndCompact(@ForAll long seed) {
        Case c = Case.draw(seed);
        DenseLayer dense = c.layer(PerfectIf.latencyCoded(c.thr));
        for (DenseLayer l : List.of(dense, dense.compact(0f))) {
            Two two = runTwo(l, c);
            LayerHarness.Result[] res = two.res();
            long total = 0;
            for (int p = 0; p < 2; p++) {
                float[][] pot = c.potentials(p);
                int[] out = new int[c.nOut];
                int[] last = new int[c.nOut];
                Arrays.fill(out, -1);
                Arrays.fill(last, -1);
                for (int j = 0; j < c.nOut; j++) {
                    for (int t = 0; t < c.steps; t++) {
                        if (pot[t][j] > c.thr + c.off[p][j]) {
                            last[j] = t; // a spike removed by inhibition still uses up the one spike
                            out[j] = t >= c.inhibited(p, j) ? t : -1;
                            break;
                        }
                    }
                }
                String what = "seed " + seed + " compact " + l.isCompact() + " presentation " + p;
                assertThat(res[p].firstSpike(c.nOut)).as(what).containsExactly(out);
                assertThat(two.lastSteps()[p]).as(what).containsExactly(last);
                total += Arrays.stream(out).filter(x -> x >= 0).count();
                assertThat(two.spikeCounts()[p]).as(what).isEqualTo(total);
            }
        }
    }

    @Property(tries = 40, seed = "1704")
    void fireAtLastStepMatchesPlainLoopDenseAndCompact(@ForAll long seed) {
        Case c = Case.draw(seed);
        DenseLayer dense = c.layer(new LastStepIf(c.thr));
        for (DenseLayer l : List.of(dense, dense.compact(0f))) {
            Two two = runTwo(l, c);
            LayerHarness.Result[] res = two.res();
            for (int p = 0; p < 2; p++) {
                float[] pot = c.potentials(p)[c.steps - 1];
                int last = c.steps - 1;
                int[] out = new int[c.nOut];
                Arrays.fill(out, -1);
                for (int j = 0; j < c.nOut; j++) {
                    if (pot[j] > c.thr + c.off[p][j] && last >= c.inhibited(p, j)) {
                        out[j] = last;
                    }
                }
                String what = "seed " + seed + " compact " + l.isCompact() + " presentation " + p;
                assertThat(res[p].firstSpike(c.nOut)).as(what).containsExactly(out);
                assertThat(two.lastSteps()[p]).as(what).containsExactly(out);
                assertThat(two.potentials()[p]).as(what).containsExactly(pot);
            }
        }
    }
}
