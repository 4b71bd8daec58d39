package org.snn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.neuron.PerfectIf;

/**
 * The fused fire-once loop queues the weight rows of positions whose bound is not above the threshold and adds them
 * later: every potential must be the one of adding each row at once, in input-spike order, whenever it is read,
 * also after the weights changed (another state's step refreshes the layer's rows first) and when a presentation
 * queues more rows at a position than the queue holds.
 */
class Conv2dQueuedRowsTest {

    /** 2 -> 3 maps, 3x3 kernel over 6x6, weights in [0, 1) from {@code seed}. */
    private static Conv2dLayer layer(float threshold, long seed) {
        Conv2dLayer l = Conv2dLayer.builder("q", new Shape(2, 6, 6), 3, 3, 3)
                .neurons(PerfectIf.latencyCoded(threshold)).build();
        SplittableRandom rng = new SplittableRandom(seed);
        float[] w = l.weights();
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rng.nextDouble();
        }
        l.weightsChanged();
        return l;
    }

    /** Each input fires at a random step in {@code [0, steps)} or never. */
    private static int[][] input(long seed, int size, int steps) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] perStep = new int[steps][];
        int[] count = new int[steps];
        int[] when = new int[size];
        for (int i = 0; i < size; i++) {
            when[i] = rng.nextInt(steps + 2) - 2; // about a fifth never fires
            if (when[i] >= 0) {
                count[when[i]]++;
            }
        }
        for (int t = 0; t < steps; t++) {
            perStep[t] = new int[count[t]];
            count[t] = 0;
        }
        for (int i = 0; i < size; i++) {
            if (when[i] >= 0) {
                perStep[when[i]][count[when[i]]++] = i;
            }
        }
        return perStep;
    }

    /** The potentials of adding every row at once, in input-spike order (CHW output order). */
    private static float[] eager(Conv2dLayer l, float[] w, int[][] perStep, int steps) {
        float[][] each = new float[steps][];
        java.util.Arrays.fill(each, w);
        return eager(l, each, perStep, steps);
    }

    /** As above with the weights {@code ws[t]} for the spikes of step {@code t}, one running sum per neuron. */
    private static float[] eager(Conv2dLayer l, float[][] ws, int[][] perStep, int steps) {
        Shape in = l.inputShape();
        Shape out = l.outputShape();
        float[] v = new float[out.size()];
        int map = out.height() * out.width();
        for (int t = 0; t < steps; t++) {
            float[] w = ws[t];
            for (int i : perStep[t]) {
                int c = i / (in.height() * in.width());
                int y = i / in.width() % in.height();
                int x = i % in.width();
                for (int oy = 0; oy < out.height(); oy++) {
                    for (int ox = 0; ox < out.width(); ox++) {
                        int ky = y - oy;
                        int kx = x - ox;
                        if (ky < 0 || ky >= 3 || kx < 0 || kx >= 3) {
                            continue;
                        }
                        for (int o = 0; o < out.channels(); o++) {
                            v[o * map + oy * out.width() + ox] += w[l.weightIndex(o, c, ky, kx)];
                        }
                    }
                }
            }
        }
        return v;
    }

    private static void run(Conv2dLayer l, Conv2dLayer.State st, int[][] perStep, int from, int to, int steps) {
        StepContext ctx = new StepContext(1f);
        ctx.begin(steps, false);
        Spikes in = new Spikes(l.inputShape().size());
        Spikes out = new Spikes(l.outputShape().size());
        for (int t = from; t < to; t++) {
            ctx.setStep(t);
            in.clear();
            for (int i : perStep[t]) {
                in.add(i);
            }
            out.clear();
            l.step(in, st, ctx, out);
            l.endStep(out, st, ctx);
        }
    }

    private static float[] potentials(Conv2dLayer.State st, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = st.potential(i);
        }
        return v;
    }

    @Property(tries = 60, seed = "20261201")
    void potentialsAreTheRowsAddedAtOnceInSpikeOrder(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float threshold = (float) (rng.nextDouble() * 20); // from every position above it to none
        Conv2dLayer l = layer(threshold, seed);
        int steps = 5;
        int[][] perStep = input(seed + 1, l.inputShape().size(), steps);
        float[] want = eager(l, l.weightsCopy(), perStep, steps);
        Conv2dLayer.State st = l.newState();
        st.reset();
        run(l, st, perStep, 0, steps, steps);
        assertThat(potentials(st, want.length)).isEqualTo(want);
        assertThat(st.potentials()).isEqualTo(want); // the write-back path too
    }

    @Test
    void rowsLeftQueuedByAPresentationAreAddedWithTheWeightsTheyWereQueuedWith() {
        Conv2dLayer l = layer(1e6f, 3L); // nothing comes near the threshold: every row stays queued
        int steps = 4;
        int[][] perStep = input(4L, l.inputShape().size(), steps);
        float[] before = l.weightsCopy();
        float[] want = eager(l, before, perStep, steps);
        Conv2dLayer.State a = l.newState();
        a.reset();
        run(l, a, perStep, 0, steps, steps);
        l.setWeight(1, 0, 1, 1, 50f); // the weights change, then another state steps: the layer's rows refresh
        Conv2dLayer.State b = l.newState();
        b.reset();
        run(l, b, perStep, 0, 1, steps);
        assertThat(potentials(a, want.length)).isEqualTo(want);
        float[] after = l.weightsCopy();
        assertThat(potentials(b, want.length)).isEqualTo(eager(l, after, new int[][] {perStep[0]}, 1));
    }

    @Test
    void aChangeOfTheWeightsDuringAPresentationCountsFromTheNextStep() {
        Conv2dLayer l = layer(1e6f, 5L);
        int steps = 4;
        int[][] perStep = input(6L, l.inputShape().size(), steps);
        float[] w0 = l.weightsCopy();
        Conv2dLayer.State st = l.newState();
        st.reset();
        run(l, st, perStep, 0, 2, steps);
        l.setWeight(2, 1, 0, 2, 9f); // as a rule learning after a step would
        float[] w1 = l.weightsCopy();
        run(l, st, perStep, 2, steps, steps);
        float[] want = eager(l, new float[][] {w0, w0, w1, w1}, perStep, steps);
        assertThat(potentials(st, want.length)).isEqualTo(want);
        assertThat(want).isNotEqualTo(eager(l, w1, perStep, steps)); // the change matters
    }

    @Test
    void moreRowsThanTheQueueHoldsKeepTheirOrder() {
        // 40 input maps x 1x1 kernel: one position gets 40 rows in one step, more than the 32 the queue holds
        Conv2dLayer l = Conv2dLayer.builder("deep", new Shape(40, 1, 1), 2, 1, 1)
                .neurons(PerfectIf.latencyCoded(1e9f)).build();
        float[] w = l.weights();
        for (int i = 0; i < w.length; i++) {
            w[i] = i % 3 == 0 ? 1e8f : 3f; // the sum depends on the order of the additions
        }
        l.weightsChanged();
        int[][] perStep = {new int[40]};
        for (int i = 0; i < 40; i++) {
            perStep[0][i] = 39 - i; // descending: the order is the input-spike order, not the tap order
        }
        float[] want = new float[2];
        for (int o = 0; o < 2; o++) {
            for (int i : perStep[0]) {
                want[o] += w[l.weightIndex(o, i, 0, 0)];
            }
        }
        Conv2dLayer.State st = l.newState();
        st.reset();
        run(l, st, perStep, 0, 1, 1);
        assertThat(potentials(st, 2)).isEqualTo(want);
    }
}
