package org.snn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.neuron.Integrator;
import org.snn4j.neuron.LastStepIf;
import org.snn4j.neuron.NeuronModel;
import org.snn4j.neuron.PerfectIf;

/**
 * {@link Conv2dLayer}'s bulk pass (the first input of a presentation when it is large, or every input of a collapsed
 * presentation) against plain float restatements of its documented summation order, with real (non-dyadic) weights,
 * so that the two orders round differently: with more than half of the inputs that can fire active, the potentials
 * are the per-position weight totals (over the part of the window that can fire) minus the inactive inputs, each in
 * input-channel, tap order; otherwise, and on the step-by-step path, the active inputs added in that order. Silent
 * input borders (declared by the engine before a padding layer, changed between presentations) with and without a
 * spike inside them, three presentations on one state with the weights changed in between (one map, the live array,
 * a receptive-field update), and the bulk pass shared by two threads. Written for issue 17 (survivors in bulk,
 * bulkMaps, refreshRows, Totals, supportSize, slice).
 */
class Conv2dBulkPassTest {

    /** A drawn layer: shapes, stride-1 kernel, OIHW weights (a test-side copy), silent border. */
    private static final class Case {
        final Shape in;
        final int outC;
        final int k;
        final int pad;
        final Shape out;
        final float[] w;
        /** The silent border of the current presentation (the layer keeps one totals cache per border). */
        int top;
        int bottom;
        int left;
        int right;

        Case(SplittableRandom r) {
            int inC = 1 + r.nextInt(3);
            int h = 3 + r.nextInt(4);
            int wd = 3 + r.nextInt(4);
            in = new Shape(inC, h, wd);
            outC = 1 + r.nextInt(4);
            k = 1 + r.nextInt(3);
            pad = r.nextInt(2);
            out = new Shape(outC, Windows.outputSize(h, k, 1, pad), Windows.outputSize(wd, k, 1, pad));
            w = new float[outC * inC * k * k];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (r.nextDouble() * 1.6 - 0.4);
            }
            drawBorder(r);
        }

        void drawBorder(SplittableRandom r) {
            boolean border = r.nextBoolean();
            top = border ? r.nextInt(2) : 0;
            bottom = border ? r.nextInt(2) : 0;
            left = border ? r.nextInt(2) : 0;
            right = border ? r.nextInt(2) : 0;
        }

        int wi(int o, int c, int ky, int kx) {
            return ((o * in.channels() + c) * k + ky) * k + kx;
        }

        boolean inSupport(int y, int x) {
            return y >= top && y < in.height() - bottom && x >= left && x < in.width() - right;
        }

        long support() {
            return (long) in.channels() * (in.height() - top - bottom) * (in.width() - left - right);
        }

        Conv2dLayer build(NeuronModel model) {
            Conv2dLayer l = Conv2dLayer.builder("conv", in, outC, k, k).padding(pad).neurons(model).build();
            load(l);
            return l;
        }

        void load(Conv2dLayer l) {
            int taps = in.channels() * k * k;
            org.ejml.data.FMatrixRMaj m = new org.ejml.data.FMatrixRMaj(outC, taps);
            System.arraycopy(w, 0, m.data, 0, w.length);
            l.setFromMatrixOIHW(m);
        }

        /**
         * Output potential {@code (o, oy, ox)} after one step in which {@code fired} inputs fired: from {@code start},
         * the totals minus the inactive inputs (complement) or the active inputs, in input-channel, tap order.
         */
        float firstStep(boolean[] fired, boolean complement, int o, int oy, int ox) {
            float s = 0f;
            if (complement) {
                for (int c = 0; c < in.channels(); c++) {
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            int iy = oy - pad + ky;
                            int ix = ox - pad + kx;
                            if (iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width() && inSupport(iy, ix)) {
                                s += w[wi(o, c, ky, kx)];
                            }
                        }
                    }
                }
            }
            return addOrSubtract(s, fired, complement, o, oy, ox);
        }

        /** Adds the fired inputs' weights (or subtracts the inputs that did not fire, inside the support). */
        float addOrSubtract(float s, boolean[] fired, boolean complement, int o, int oy, int ox) {
            for (int c = 0; c < in.channels(); c++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        int iy = oy - pad + ky;
                        int ix = ox - pad + kx;
                        if (iy < 0 || iy >= in.height() || ix < 0 || ix >= in.width()) {
                            continue;
                        }
                        boolean f = fired[in.index(c, iy, ix)];
                        if (complement && !f && inSupport(iy, ix)) {
                            s -= w[wi(o, c, ky, kx)];
                        } else if (!complement && f) {
                            s += w[wi(o, c, ky, kx)];
                        }
                    }
                }
            }
            return s;
        }
    }

    /** One presentation's input: per input neuron the step it fires at (or -1), and the steps. */
    private record Input(int[] step, int steps) {
        static Input draw(SplittableRandom r, Case c) {
            int steps = 2 + r.nextInt(3);
            int first = r.nextInt(2); // step 0 may be silent: the bulk pass is for the first input, not step 0
            int[] step = new int[c.in.size()];
            double p = 0.15 + 0.8 * r.nextDouble();
            for (int i = 0; i < step.length; i++) {
                int y = c.in.rowOf(i);
                int x = c.in.colOf(i);
                if (!c.inSupport(y, x)) {
                    step[i] = -1;
                } else if (r.nextDouble() < p) {
                    step[i] = first;
                } else if (first + 1 < steps && r.nextInt(4) == 0) {
                    step[i] = first + 1 + r.nextInt(steps - first - 1); // a later, step-by-step input
                } else {
                    step[i] = -1;
                }
            }
            if (r.nextInt(4) == 0 && c.support() < c.in.size()) { // a spike in the silent border
                int i;
                do {
                    i = r.nextInt(step.length);
                } while (c.inSupport(c.in.rowOf(i), c.in.colOf(i)));
                step[i] = first;
            }
            return new Input(step, steps);
        }

        int firstStep() {
            int f = Integer.MAX_VALUE;
            for (int s : step) {
                if (s >= 0) {
                    f = Math.min(f, s);
                }
            }
            return f;
        }
    }

    /**
     * The documented potentials after each step: the first input step takes the bulk pass when it is at least a
     * quarter of the inputs that can fire (always for a collapsed presentation) and none lies in the silent border;
     * it subtracts from the totals when more than half fired; later steps add their inputs.
     */
    private static float[][] expected(Case c, Input in, boolean collapsed) {
        int n = c.out.size();
        float[][] pot = new float[in.steps()][n];
        float[] v = new float[n];
        int first = in.firstStep();
        for (int t = 0; t < in.steps(); t++) {
            boolean[] fired = new boolean[c.in.size()];
            int count = 0;
            boolean inBorder = false;
            for (int i = 0; i < fired.length; i++) {
                if (in.step()[i] == t) {
                    fired[i] = true;
                    count++;
                    inBorder |= !c.inSupport(c.in.rowOf(i), c.in.colOf(i));
                }
            }
            boolean bulk = t == first && !inBorder && (collapsed || 4L * count >= c.support());
            boolean complement = bulk && 2L * count > c.support();
            for (int o = 0; o < c.outC; o++) {
                for (int oy = 0; oy < c.out.height(); oy++) {
                    for (int ox = 0; ox < c.out.width(); ox++) {
                        int j = c.out.index(o, oy, ox);
                        v[j] = t == first ? c.firstStep(fired, complement, o, oy, ox)
                                : c.addOrSubtract(v[j], fired, false, o, oy, ox);
                    }
                }
            }
            pot[t] = v.clone();
        }
        return pot;
    }

    /** The step that takes the bulk pass, or -1. */
    private static int bulkStep(Case c, Input in, boolean collapsed) {
        int first = in.firstStep();
        long count = 0;
        for (int i = 0; i < in.step().length; i++) {
            if (in.step()[i] == first) {
                if (!c.inSupport(c.in.rowOf(i), c.in.colOf(i))) {
                    return -1;
                }
                count++;
            }
        }
        return collapsed || 4L * count >= c.support() ? first : -1;
    }

    /** Runs one presentation step by step (input spikes in ascending order); per step the output in its own order. */
    static List<int[]> present(Conv2dLayer l, Conv2dLayer.State st, int[] inputStep, int steps) {
        StepContext ctx = new StepContext(1f);
        ctx.begin(steps, false);
        Spikes in = new Spikes(l.inputShape().size());
        List<int[]> raw = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            ctx.setStep(t);
            in.clear();
            for (int i = 0; i < inputStep.length; i++) {
                if (inputStep[i] == t) {
                    in.add(i);
                }
            }
            Spikes out = new Spikes(l.outputShape().size());
            l.step(in, st, ctx, out);
            l.endStep(out, st, ctx);
            raw.add(Arrays.copyOf(out.indices(), out.count()));
        }
        l.finish(st, ctx);
        return raw;
    }

    /** Every neuron's potential through {@link Conv2dLayer.State#potential}. */
    static float[] potentials(Conv2dLayer.State st, int n) {
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
            p[i] = st.potential(i);
        }
        return p;
    }

    /** Changes the weights between presentations in one of the ways the layer tracks, on the layer and the copy. */
    private static String changeWeights(SplittableRandom r, Case c, Conv2dLayer l, Conv2dLayer.State st) {
        int inC = c.in.channels();
        switch (r.nextInt(4)) {
            case 0 -> { // one map through setWeight: that map's cached rows and totals refreshed
                int o = r.nextInt(c.outC);
                for (int q = 0; q < 3; q++) {
                    int ci = r.nextInt(inC);
                    int ky = r.nextInt(c.k);
                    int kx = r.nextInt(c.k);
                    float v = (float) (r.nextDouble() * 2.0 - 0.5);
                    l.setWeight(o, ci, ky, kx, v);
                    c.w[c.wi(o, ci, ky, kx)] = v;
                }
                return "setWeight map " + o;
            }
            case 1 -> { // the live array written, then one map through setWeight before the next step
                float[] live = l.weights();
                for (int i = 0; i < live.length; i++) {
                    live[i] = live[i] * 0.75f + 0.0625f;
                }
                for (int i = 0; i < c.w.length; i++) {
                    c.w[i] = c.w[i] * 0.75f + 0.0625f;
                }
                int o = r.nextInt(c.outC);
                l.setWeight(o, 0, 0, 0, 0.3f);
                c.w[c.wi(o, 0, 0, 0)] = 0.3f;
                return "live array, then setWeight map " + o;
            }
            case 2 -> { // a receptive-field update of one map
                int post = r.nextInt(c.out.size());
                l.updateReceptiveField(post, st, (wOld, pre, p) -> wOld * 0.5f + 0.25f);
                int o = c.out.channelOf(post);
                for (int ci = 0; ci < inC; ci++) {
                    for (int ky = 0; ky < c.k; ky++) {
                        for (int kx = 0; kx < c.k; kx++) {
                            c.w[c.wi(o, ci, ky, kx)] = c.w[c.wi(o, ci, ky, kx)] * 0.5f + 0.25f;
                        }
                    }
                }
                return "receptive field of map " + o;
            }
            default -> {
                return "no change";
            }
        }
    }

    @Property(tries = 120, seed = "4242")
    void potentialsAndSpikesFollowTheBulkPassOrderOverThreePresentations(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Case c = new Case(r);
        int kind = r.nextInt(3);
        float thr = 0.5f + (float) r.nextDouble() * c.in.channels() * c.k * c.k * 0.3f;
        NeuronModel model = kind == 0 ? new Integrator()
                : kind == 1 ? PerfectIf.latencyCoded(thr) : new LastStepIf(thr);
        Conv2dLayer l = c.build(model);
        Conv2dLayer.State st = l.newState();
        int n = c.out.size();
        String change = "first";
        for (int presentation = 0; presentation < 3; presentation++) {
            st.reset();
            st.fusePointwiseInhibition(false);
            boolean collapsed = r.nextInt(3) == 0;
            if (collapsed) {
                st.wholeInputAtOnce();
            }
            if (presentation > 0 && r.nextBoolean()) {
                c.drawBorder(r);
            }
            st.declareSilentInputBorder(c.top, c.bottom, c.left, c.right);
            Input in = Input.draw(r, c);
            List<int[]> raw = present(l, st, in.step(), in.steps());
            float[][] want = expected(c, in, collapsed);
            String what = "in " + c.in + " outC " + c.outC + " k " + c.k + " pad " + c.pad + " border " + c.top + "/"
                    + c.bottom + "/" + c.left + "/" + c.right + " presentation " + presentation + " (" + change
                    + ") collapsed " + collapsed + " model " + model;
            assertThat(potentials(st, n)).as(what).containsExactly(want[in.steps() - 1]);
            for (int t = 0; t < in.steps(); t++) {
                List<Integer> fired = new ArrayList<>();
                for (int j = 0; j < n; j++) {
                    boolean fires = kind == 1 ? want[t][j] > thr && (t == 0 || !(maxBefore(want, t, j) > thr))
                            : kind == 2 && t == in.steps() - 1 && want[t][j] > thr;
                    if (fires) {
                        fired.add(j);
                    }
                }
                int[] got = raw.get(t);
                int[] sorted = got.clone();
                Arrays.sort(sorted);
                assertThat(sorted).as(what + " step " + t)
                        .containsExactly(fired.stream().mapToInt(Integer::intValue).toArray());
                if (t == bulkStep(c, in, collapsed) && kind == 1) {
                    assertThat(got).as(what + " step " + t + ": the bulk pass fires in CHW order").isSorted();
                }
            }
            if (kind == 1) {
                int[] last = st.neurons().lastSpikeStep();
                for (int j = 0; j < n; j++) {
                    int first = -1;
                    for (int t = 0; t < in.steps() && first < 0; t++) {
                        if (want[t][j] > thr) {
                            first = t;
                        }
                    }
                    assertThat(last[j]).as(what + " neuron " + j).isEqualTo(first);
                }
            }
            change = changeWeights(r, c, l, st);
        }
    }

    private static float maxBefore(float[][] pot, int t, int j) {
        float m = Float.NEGATIVE_INFINITY;
        for (int s = 0; s < t; s++) {
            m = Math.max(m, pot[s][j]);
        }
        return m;
    }

    @Test
    void aStepThatTakesTheBulkPassFiresInChwOrder() {
        // 2 maps, 3 x 3 positions, every input fires at once: both maps fire at several positions
        Shape in = new Shape(1, 4, 4);
        Conv2dLayer l = Conv2dLayer.builder("conv", in, 2, 2, 2).neurons(PerfectIf.latencyCoded(1f)).build();
        float[] w = l.weights();
        Arrays.fill(w, 0.375f); // every potential 1.5 > 1: every neuron fires
        Conv2dLayer.State st = l.newState();
        st.reset();
        int[] input = new int[in.size()];
        List<int[]> raw = present(l, st, input, 1);
        int[] all = new int[l.outputShape().size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        assertThat(raw.get(0)).containsExactly(all);
    }

    @Test
    void eachSilentBorderHasItsOwnTotalsOnOneLayer() {
        // borders that differ in one side only, in turn on one state: every presentation subtracts one silent input
        // from the totals of its own border
        SplittableRandom r = new SplittableRandom(11);
        Case c = new Case(r);
        Conv2dLayer l = c.build(new Integrator());
        Conv2dLayer.State st = l.newState();
        int[][] borders = {{0, 0, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}, {1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0},
            {0, 0, 0, 0}};
        for (int[] b : borders) {
            c.top = b[0];
            c.bottom = b[1];
            c.left = b[2];
            c.right = b[3];
            st.reset();
            st.fusePointwiseInhibition(false);
            st.declareSilentInputBorder(c.top, c.bottom, c.left, c.right);
            int[] step = new int[c.in.size()];
            int skip = -1;
            for (int i = 0; i < step.length; i++) {
                boolean inside = c.inSupport(c.in.rowOf(i), c.in.colOf(i));
                step[i] = inside && skip >= 0 ? 0 : -1;
                if (inside && skip < 0) {
                    skip = i; // the first input that can fire stays silent
                }
            }
            Input in = new Input(step, 1);
            present(l, st, step, 1);
            assertThat(potentials(st, c.out.size())).as("in " + c.in + " k " + c.k + " pad " + c.pad + " border "
                    + Arrays.toString(b)).containsExactly(expected(c, in, false)[0]);
        }
    }

    @Test
    void exactlyAQuarterOfTheInputsTakesTheBulkPassAndFiresInChwOrder() {
        // 16 inputs, 4 fire at step 0 (a quarter): the bulk pass, whose spikes come map by map even though only
        // four positions are touched (the step-by-step loop would give them position by position)
        Shape in = new Shape(1, 4, 4);
        Conv2dLayer l = Conv2dLayer.builder("conv", in, 2, 1, 1).neurons(PerfectIf.latencyCoded(0.5f)).build();
        Arrays.fill(l.weights(), 1f);
        Conv2dLayer.State st = l.newState();
        st.reset();
        int[] input = new int[in.size()];
        Arrays.fill(input, -1);
        input[1] = 0;
        input[6] = 0;
        input[11] = 0;
        input[12] = 0;
        List<int[]> raw = present(l, st, input, 1);
        assertThat(raw.get(0)).containsExactly(1, 6, 11, 12, 17, 22, 27, 28);
        // one input fewer: the step-by-step loop, the same spikes position by position in input order (the order
        // in which the next layer adds their weight rows)
        st.reset();
        input[12] = -1;
        raw = present(l, st, input, 1);
        assertThat(raw.get(0)).containsExactly(1, 17, 6, 22, 11, 27);
    }

    @Test
    void twoThreadsShareTheBulkPassOfAnOddNumberOfMaps() {
        // 136 maps: two slices of 64 + 72 maps (boundaries on multiples of 16); every map must be summed
        Shape in = new Shape(2, 3, 3);
        int outC = 136;
        SplittableRandom r = new SplittableRandom(3);
        float[] w = new float[2 * 2 * 2 * outC];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextDouble();
        }
        int[] input = new int[in.size()];
        Arrays.fill(input, 0);
        input[4] = -1; // 17 of 18 inputs: the totals minus one input
        float[][] pots = new float[2][];
        for (int threads = 1; threads <= 2; threads++) {
            Conv2dLayer l = Conv2dLayer.builder("wide", in, outC, 2, 2).neurons(new Integrator()).build();
            System.arraycopy(w, 0, l.weights(), 0, w.length);
            Conv2dLayer.State st = l.newState();
            st.shareWork(threads);
            st.reset();
            present(l, st, input, 1);
            pots[threads - 1] = potentials(st, l.outputShape().size());
            // every potential: the four taps' weights of its window minus the silent input's, in tap order
            for (int o = 0; o < outC; o++) {
                for (int pos = 0; pos < 4; pos++) {
                    int oy = pos / 2;
                    int ox = pos % 2;
                    float s = 0f;
                    for (int c = 0; c < 2; c++) {
                        for (int tap = 0; tap < 4; tap++) {
                            s += w[((c * 2 + tap / 2) * 2 + tap % 2) * outC + o];
                        }
                    }
                    for (int c = 0; c < 2; c++) {
                        for (int tap = 0; tap < 4; tap++) {
                            int iy = oy + tap / 2;
                            int ix = ox + tap % 2;
                            if (c == 0 && iy * 3 + ix == 4) {
                                s -= w[((c * 2 + tap / 2) * 2 + tap % 2) * outC + o];
                            }
                        }
                    }
                    assertThat(pots[threads - 1][o * 4 + pos]).as("threads " + threads + " map " + o + " pos " + pos)
                            .isEqualTo(s);
                }
            }
        }
        assertThat(pots[1]).containsExactly(pots[0]);
    }
}
