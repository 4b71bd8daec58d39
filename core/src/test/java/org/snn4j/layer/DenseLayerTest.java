package org.snn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.Winner;
import org.snn4j.competition.TwoThresholdHomeostasis;
import org.snn4j.competition.WinnerTakeAll;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.Integrator;

class DenseLayerTest {

    @Test
    void handComputedRowsAndFireOnce() {
        DenseLayer l = DenseLayer.builder("d", Shape.flat(2), 3).neurons(PerfectIf.latencyCoded(1.5f)).build();
        float[] w = l.weights(); // [pre][post]
        w[0] = 1f; w[1] = 2f; w[2] = 0f;   // input 0
        w[3] = 1f; w[4] = 0f; w[5] = 1f;   // input 1
        LayerHarness.Result r = LayerHarness.run(List.of(l), new int[] {0, 1}, 3, null, 0);
        assertThat(r.spikesPerStep().get(0)).containsExactly(1);     // v = 1, 2, 0
        assertThat(r.spikesPerStep().get(1)).containsExactly(0);     // v = 2, 2, 1 (1 already fired)
        assertThat(r.spikesPerStep().get(2)).isEmpty();
        assertThat(r.states().get(0).neurons().get(PerfectIf.V)).containsExactly(2f, 2f, 1f);
        assertThat(r.states().get(0).synapticEvents()).isEqualTo(6);
        assertThat(l.weightMatrix().get(1, 2)).isEqualTo(1f);
    }

    /** Reference: every neuron every step; perfect IF with reset 0; recurrent delay 1; optional WTA. */
    private static List<int[]> reference(float[] w, float[] rec, int nIn, int nOut, int[] inputStep, int steps,
                                         float thr, WinnerTakeAll wta) {
        float[] v = new float[nOut];
        int[] inh = new int[nOut];
        boolean[] prev = new boolean[nOut];
        List<int[]> res = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            float[] in = new float[nOut];
            for (int i = 0; i < nIn; i++) {
                if (inputStep[i] == t) {
                    for (int j = 0; j < nOut; j++) {
                        in[j] += w[i * nOut + j];
                    }
                }
            }
            if (rec != null) {
                for (int k = 0; k < nOut; k++) {
                    if (prev[k]) {
                        for (int j = 0; j < nOut; j++) {
                            in[j] += rec[k * nOut + j];
                        }
                    }
                }
            }
            List<Integer> fired = new ArrayList<>();
            for (int j = 0; j < nOut; j++) {
                v[j] += in[j];
                if (v[j] > thr) {
                    v[j] = 0f;
                    if (t >= inh[j]) {
                        fired.add(j);
                    }
                }
            }
            if (wta != null && !fired.isEmpty()) {
                int best = fired.get(0);
                for (int j : fired) {
                    if (v[j] > v[best]) {
                        best = j;
                    }
                }
                for (int j = 0; j < nOut; j++) {
                    if (j != best) {
                        v[j] = wta.resetMv();
                    }
                }
                inh[best] = t + 1 + wta.refractorySteps();
                fired = List.of(best);
            }
            Arrays.fill(prev, false);
            for (int j : fired) {
                prev[j] = true;
            }
            res.add(fired.stream().mapToInt(Integer::intValue).sorted().toArray());
        }
        return res;
    }

    @Property(tries = 120, seed = "41")
    void modelPathWithRecurrenceAndWtaMatchesReference(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int nIn = 1 + r.nextInt(12);
        int nOut = 1 + r.nextInt(8);
        int steps = 1 + r.nextInt(10);
        boolean recurrent = r.nextBoolean();
        boolean useWta = r.nextBoolean();
        boolean closed = r.nextBoolean();
        float thr = (r.nextInt(40) + 0.5f) / 16f;
        DenseLayer.Builder b = DenseLayer.builder("d", Shape.flat(nIn), nOut)
                .neurons(new TestPerfectIf(thr, 0f, closed));
        if (recurrent) {
            b.recurrent(WeightInit.constant(0f));
        }
        DenseLayer l = b.build();
        for (int i = 0; i < l.weights().length; i++) {
            l.weights()[i] = (r.nextInt(33) - 8) / 16f;
        }
        if (recurrent) {
            for (int i = 0; i < nOut * nOut; i++) {
                l.recurrentWeights()[i] = i % (nOut + 1) == 0 ? 0f : (r.nextInt(33) - 16) / 16f;
            }
        }
        int[] input = new int[nIn];
        for (int i = 0; i < nIn; i++) {
            input[i] = r.nextInt(steps + 2) - 1;
        }
        WinnerTakeAll wta = useWta ? new WinnerTakeAll(-r.nextInt(3) / 4f, r.nextInt(3)) : null;
        LayerHarness.Result res = LayerHarness.run(List.of(l), input, steps, wta, 0);
        List<int[]> want = reference(l.weights(), l.recurrentWeights(), nIn, nOut, input, steps, thr, wta);
        for (int t = 0; t < steps; t++) {
            assertThat(res.spikesPerStep().get(t)).as("step " + t).containsExactly(want.get(t));
            if (useWta) {
                assertThat(res.spikesPerStep().get(t).length).isLessThanOrEqualTo(1);
            }
        }
    }

    @Property(tries = 60, seed = "42")
    void compactEqualsDenseWithDroppedWeightsZeroed(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int nIn = 1 + r.nextInt(20);
        int nOut = r.nextBoolean() ? 1 + r.nextInt(10) : 16 + r.nextInt(49); // from 16 outputs also strided rows
        DenseLayer l = DenseLayer.builder("d", Shape.flat(nIn), nOut).weights(WeightInit.uniform(0f, 1f, seed))
                .neurons(PerfectIf.latencyCoded(1.5f)).build();
        DenseLayer chosen = l.compact(0.5f);
        assertThat(chosen.isCompact()).isTrue();
        for (DenseLayer c : List.of(chosen, l.compact(0.5f, true), l.compact(0.5f, false))) {
            assertCompactEqualsZeroed(l, c, nIn, nOut, new SplittableRandom(seed + 1));
        }
    }

    private static void assertCompactEqualsZeroed(DenseLayer l, DenseLayer c, int nIn, int nOut, SplittableRandom r) {
        DenseLayer zeroed = DenseLayer.builder("z", Shape.flat(nIn), nOut)
                .neurons(PerfectIf.latencyCoded(1.5f)).build();
        int kept = 0;
        for (int i = 0; i < l.weights().length; i++) {
            float x = l.weights()[i];
            zeroed.weights()[i] = Math.abs(x) > 0.5f ? x : 0f;
            kept += Math.abs(x) > 0.5f ? 1 : 0;
        }
        assertThat(c.synapseCount()).isEqualTo(kept);
        assertThat(c.weights()).containsExactly(zeroed.weights());
        int[] input = new int[nIn];
        for (int i = 0; i < nIn; i++) {
            input[i] = r.nextInt(5) - 1;
        }
        LayerHarness.Result a = LayerHarness.run(List.of(c), input, 4, null, 0);
        LayerHarness.Result b = LayerHarness.run(List.of(zeroed), input, 4, null, 0);
        for (int t = 0; t < 4; t++) {
            assertThat(a.spikesPerStep().get(t)).containsExactly(b.spikesPerStep().get(t));
        }
        assertThat(a.states().get(0).neurons().get(PerfectIf.V))
                .containsExactly(b.states().get(0).neurons().get(PerfectIf.V));
        assertThat(a.states().get(0).synapticEvents()).isLessThanOrEqualTo(b.states().get(0).synapticEvents());
        assertThatThrownBy(() -> c.updateReceptiveField(0, null, (w, pre, post) -> w))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    /**
     * A compact layer adds its compressed rows where they are estimated faster than its dense rows (dropped weights
     * 0), so a lightly pruned layer adds dense rows and a heavily pruned one compressed rows, with any kernels.
     */
    @Test
    void compactAddsCompressedRowsOnlyWhereEstimatedFaster() {
        DenseLayer l = DenseLayer.builder("d", Shape.flat(200), 128).weights(WeightInit.uniform(0f, 1f, 3))
                .neurons(PerfectIf.latencyCoded(1.5f)).build();
        DenseLayer half = l.compact(0.5f);
        DenseLayer most = l.compact(0.98f);
        assertThat(half.addsCompressedRows()).isFalse();
        assertThat(half.toString()).contains("(dense adds)");
        assertThat(most.addsCompressedRows()).isTrue();
        assertThat(most.toString()).doesNotContain("(dense adds)");
        int[] input = new int[200]; // every input fires at step 0
        LayerHarness.Result a = LayerHarness.run(List.of(half), input, 1, null, 0);
        LayerHarness.Result b = LayerHarness.run(List.of(l.compact(0.5f, true)), input, 1, null, 0);
        assertThat(a.states().get(0).neurons().get(PerfectIf.V))
                .containsExactly(b.states().get(0).neurons().get(PerfectIf.V));
        assertThat(a.states().get(0).synapticEvents()).as("surviving synapses counted either way")
                .isEqualTo(b.states().get(0).synapticEvents()).isEqualTo(half.synapseCount());
    }

    /** More than 65,536 outputs: the compact form stores its targets as int instead of 16 bits; same result. */
    @Test
    void compactWideLayerEqualsDenseWithDroppedWeightsZeroed() {
        int nIn = 3;
        int nOut = (1 << 16) + 7;
        DenseLayer l = DenseLayer.builder("d", Shape.flat(nIn), nOut).neurons(PerfectIf.latencyCoded(0.9f)).build();
        DenseLayer zeroed = DenseLayer.builder("z", Shape.flat(nIn), nOut).neurons(PerfectIf.latencyCoded(0.9f)).build();
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < l.weights().length; i++) {
            float x = r.nextInt(50) == 0 ? 0.2f + r.nextFloat() : 0.1f * r.nextFloat();
            l.weights()[i] = x;
            zeroed.weights()[i] = x > 0.15f ? x : 0f;
        }
        for (int j = nOut - 3; j < nOut; j++) { // outputs beyond 16-bit indices fire at step 1
            l.weights()[j] = 0.05f;
            zeroed.weights()[j] = 0f;
            l.weights()[nOut + j] = 1f;
            zeroed.weights()[nOut + j] = 1f;
        }
        DenseLayer c = l.compact(0.15f);
        LayerHarness.Result a = LayerHarness.run(List.of(c), new int[] {0, 1, 1}, 3, null, 0);
        LayerHarness.Result b = LayerHarness.run(List.of(zeroed), new int[] {0, 1, 1}, 3, null, 0);
        for (int t = 0; t < 3; t++) {
            assertThat(a.spikesPerStep().get(t)).containsExactly(b.spikesPerStep().get(t));
        }
        assertThat(a.spikesPerStep().get(1)).contains(nOut - 3, nOut - 2, nOut - 1);
        assertThat(a.states().get(0).neurons().get(PerfectIf.V))
                .containsExactly(b.states().get(0).neurons().get(PerfectIf.V));
    }

    /** Compact model layers touch only their targets: with a leak-free model the spikes are those of the dense. */
    @Property(tries = 60, seed = "43")
    void compactModelLayerEqualsDenseWithDroppedWeightsZeroed(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int nIn = 1 + r.nextInt(20);
        int nOut = 1 + r.nextInt(70);
        org.snn4j.neuron.PerfectIf model = new org.snn4j.neuron.PerfectIf(
                org.snn4j.neuron.PerfectIfParameters.of(1.5f));
        DenseLayer l = DenseLayer.builder("d", Shape.flat(nIn), nOut).weights(WeightInit.uniform(0f, 1f, seed))
                .neurons(model).build();
        for (DenseLayer c : List.of(l.compact(0.7f), l.compact(0.7f, true), l.compact(0.7f, false))) {
            DenseLayer zeroed = DenseLayer.builder("z", Shape.flat(nIn), nOut).neurons(model).build();
            for (int i = 0; i < l.weights().length; i++) {
                float x = l.weights()[i];
                zeroed.weights()[i] = Math.abs(x) > 0.7f ? x : 0f;
            }
            int[] input = new int[nIn];
            for (int i = 0; i < nIn; i++) {
                input[i] = r.nextInt(7) - 1;
            }
            LayerHarness.Result a = LayerHarness.run(List.of(c), input, 6, null, 0);
            LayerHarness.Result b = LayerHarness.run(List.of(zeroed), input, 6, null, 0);
            for (int t = 0; t < 6; t++) {
                int[] x = a.spikesPerStep().get(t).clone();
                int[] y = b.spikesPerStep().get(t).clone();
                Arrays.sort(x);
                Arrays.sort(y);
                assertThat(x).as("step %d", t).containsExactly(y);
            }
            assertThat(a.states().get(0).synapticEvents()).isLessThanOrEqualTo(b.states().get(0).synapticEvents());
        }
    }

    @Test
    void receptiveFieldWalksColumn() {
        DenseLayer l = DenseLayer.builder("d", Shape.flat(4), 3).neurons(new Integrator()).build();
        List<Integer> pres = new ArrayList<>();
        l.updateReceptiveField(2, l.newState(), (w, pre, post) -> {
            assertThat(post).isEqualTo(2);
            pres.add(pre);
            return 1f;
        });
        assertThat(pres).containsExactly(0, 1, 2, 3);
        for (int i = 0; i < 12; i++) {
            assertThat(l.weights()[i]).isEqualTo(i % 3 == 2 ? 1f : 0f);
        }
    }

    @Test
    void winnerTakeAllResetsOthersAndMakesWinnerRefractory() {
        DenseLayer l = DenseLayer.builder("d", Shape.flat(1), 3).neurons(new TestPerfectIf(1f, 0f, true))
                .weights(WeightInit.constant(0.6f)).build();
        l.weights()[0] = 2f;  // neuron 0 fires every step it gets input
        l.weights()[1] = 2f;  // neuron 1 too (ties -> lowest index wins)
        LayerState st = l.newState();
        st.reset();
        WinnerTakeAll wta = new WinnerTakeAll(0f, 1);
        // the single input fires at steps 0.. via separate presentations is awkward; drive steps by hand
        StepContext ctx = new StepContext(1f);
        ctx.begin(4, true);
        org.snn4j.Spikes in = new org.snn4j.Spikes(1);
        org.snn4j.Spikes out = new org.snn4j.Spikes(3);
        List<Winner> winners = new ArrayList<>();
        int[][] expected = {{0}, {1}, {0}, {1}};
        for (int t = 0; t < 4; t++) {
            ctx.setStep(t);
            in.clear();
            in.add(0);
            out.clear();
            l.step(in, st, ctx, out);
            wta.apply(st, out, ctx, winners);
            assertThat(out.toSortedArray()).as("step " + t).containsExactly(expected[t]);
            float[] v = st.neurons().get(TestPerfectIf.V);
            for (int j = 0; j < 3; j++) {
                if (j != expected[t][0]) {
                    assertThat(v[j]).isEqualTo(0f);
                }
            }
        }
        assertThat(winners).extracting(Winner::neuron).containsExactly(0, 1, 0, 1);
    }

    @Test
    void twoThresholdHomeostasisRaisesOnlyStrongSpikes() {
        DenseLayer l = DenseLayer.builder("d", Shape.flat(1), 2).neurons(PerfectIf.latencyCoded(1f)).build();
        l.weights()[0] = 1.2f; // fires, below 1.3 * 1
        l.weights()[1] = 1.4f; // fires and reaches the learning threshold
        TwoThresholdHomeostasis h = new TwoThresholdHomeostasis(1f, 1.3f, 0.25f, 0.3f, true);
        LayerHarness.Result r = LayerHarness.run(List.of(l), new int[] {0}, 1, h, 0);
        assertThat(r.spikesPerStep().get(0)).containsExactly(0, 1);
        assertThat(r.states().get(0).neurons().thresholdOffset()).containsExactly(0f, 0.25f);
        assertThat(r.winners()).extracting(Winner::neuron).containsExactly(1);
        // the raised threshold holds within a presentation: 1.4 vs threshold 1.25 -> fires, offset capped at 0.3
        assertThatThrownBy(() -> new TwoThresholdHomeostasis(1f, 0.9f, 0.1f, 1f, false))
                .hasMessage("learningFactor must be finite and >= 1, got 0.9");
    }

    @Test
    void badParameters() {
        assertThatThrownBy(() -> DenseLayer.builder("d", Shape.flat(2), 0)).hasMessage("nOut must be >= 1, got 0");
        assertThatThrownBy(() -> DenseLayer.builder("d", Shape.flat(2), 2).build())
                .hasMessageContaining("choose the neurons");
        assertThatThrownBy(() -> DenseLayer.builder("d", Shape.flat(2), 2)
                .neurons(PerfectIf.latencyCoded(1f)).build().recurrentMatrix())
                .hasMessage("layer d has no recurrent weights");
        assertThatThrownBy(() -> WeightInit.uniform(1f, 0f, 1L)).hasMessage("hi must be >= lo = 1.0, got 0.0");
        assertThatThrownBy(() -> WeightInit.normal(0f, -1f, 1L)).hasMessage("std must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> new WinnerTakeAll(0f, -1)).hasMessage("refractorySteps must be >= 0, got -1");
    }

    @Test
    void weightInitStatistics() {
        float[] a = new float[100_000];
        WeightInit.normal(0.8f, 0.05f, 9L).fill(a);
        double mean = 0;
        double sq = 0;
        for (float x : a) {
            mean += x;
            sq += x * x;
        }
        mean /= a.length;
        double std = Math.sqrt(sq / a.length - mean * mean);
        assertThat(mean).isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.001)); // 5 sigma = 0.0008
        assertThat(std).isCloseTo(0.05, org.assertj.core.data.Offset.offset(0.001));
        WeightInit.uniform(-1f, 2f, 9L).fill(a);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float x : a) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertThat(min).isGreaterThanOrEqualTo(-1f).isLessThan(-0.99f);
        assertThat(max).isLessThan(2f).isGreaterThan(1.99f);
    }
}
