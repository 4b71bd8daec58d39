package org.snn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.snn4j.Shape;
import org.snn4j.neuron.PerfectIf;

/**
 * The fused fire-once loop of {@link Conv2dLayer} (with and without fused pointwise inhibition) against plain-loop
 * restatements written here, with non-zero threshold offsets, inhibited neurons (for a while and for the whole
 * presentation) and two presentations on one state, the second after a reset. Written after the 70c04d2
 * whole-module PIT run (issue 17: survivors in fireOnce, firePointwise, bulk).
 */
class Conv2dFireOnceOffsetsInhibitionTest {

    /** Offsets and inhibition drawn for one presentation; inh null = never requested. */
    private record Setup(float[] off, int[] inh) {
        static Setup draw(SplittableRandom r, int n, int steps, boolean inhibit, boolean finite) {
            float[] off = new float[n];
            for (int i = 0; i < n; i++) {
                off[i] = r.nextInt(4) == 0 ? 0f : (r.nextInt(9) - 3) / 16f; // keeps thr + off between dyadic sums
            }
            int[] inh = null;
            if (inhibit) {
                inh = new int[n];
                for (int i = 0; i < n; i++) {
                    int d = r.nextInt(6);
                    inh[i] = d == 0 ? Integer.MAX_VALUE : d == 1 && finite ? 1 + r.nextInt(steps) : 0;
                }
            }
            return new Setup(off, inh);
        }

        void apply(LayerState st) {
            System.arraycopy(off, 0, st.thresholdOffsets(), 0, off.length);
            if (inh != null) {
                System.arraycopy(inh, 0, st.inhibitedUntil(), 0, inh.length);
            }
        }

        int inhibited(int i) {
            return inh == null ? 0 : inh[i];
        }
    }

    /**
     * Plain fire once: neuron i's spike is its first step with a potential above both the threshold and threshold
     * plus offset; a spike at a step below its inhibition is used up (recorded as its last spike step, never
     * output). Returns {output step per neuron, last spike step per neuron}.
     */
    private static int[][] plainFireOnce(float[][] pot, float thr, Setup s) {
        int n = pot[0].length;
        int[] outStep = new int[n];
        int[] last = new int[n];
        Arrays.fill(outStep, -1);
        Arrays.fill(last, -1);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < pot.length; t++) {
                float p = pot[t][i];
                if (p > thr && s.inhibited(i) == Integer.MAX_VALUE) {
                    break; // inhibited for good
                }
                if (p > thr && p > thr + s.off[i]) {
                    last[i] = t;
                    if (t >= s.inhibited(i)) {
                        outStep[i] = t;
                    }
                    break;
                }
            }
        }
        return new int[][] {outStep, last};
    }

    /**
     * Plain pointwise inhibition decided at every step: at each output position not yet decided, among the
     * features not inhibited for good with a potential above the threshold and threshold plus offset, the highest
     * (the lowest feature on ties) fires and decides the position.
     */
    private static int[] plainPointwise(float[][] pot, float thr, Setup s, Shape out) {
        int map = out.mapSize();
        int[] outStep = new int[out.size()];
        Arrays.fill(outStep, -1);
        for (int pos = 0; pos < map; pos++) {
            for (int t = 0; t < pot.length; t++) {
                int best = -1;
                for (int o = 0; o < out.channels(); o++) {
                    int j = o * map + pos;
                    float p = pot[t][j];
                    if (s.inhibited(j) == 0 && p > thr && p > thr + s.off[j] && (best < 0 || p > pot[t][best])) {
                        best = j;
                    }
                }
                if (best >= 0) {
                    outStep[best] = t;
                    break;
                }
            }
        }
        return outStep;
    }

    private static int[] flatten(LayerHarness.Result r, int n) {
        return r.firstSpike(n);
    }

    private static long spikeTotal(LayerHarness.Result r) {
        return r.spikesPerStep().stream().mapToLong(a -> a.length).sum();
    }

    @Property(tries = 60, seed = "1701")
    void fireOnceWithOffsetsAndInhibitionOverTwoPresentations(@ForAll long seed) {
        RandomCase c = new RandomCase(seed, true, false);
        RandomCase c2 = new RandomCase(seed ^ 0x5DEECE66DL, true, false); // second input for the same shapes
        SplittableRandom r = new SplittableRandom(seed * 31 + 7);
        Conv2dLayer l = c.builder().neurons(PerfectIf.latencyCoded(c.threshold)).build();
        c.load(l);
        Conv2dLayer.State st = l.newState();
        int n = c.out.size();
        int[][] inputs = {c.inputStep, secondInput(c, c2, r)};
        for (int presentation = 0; presentation < 2; presentation++) {
            st.reset();
            Setup s = Setup.draw(r, n, c.steps, r.nextBoolean(), true);
            s.apply(st);
            LayerHarness.Result res = LayerHarness.run(List.of(l), List.of(st), inputs[presentation], c.steps, null, 0);
            float[][] pot = Reference.convPotentials(inputs[presentation], c.steps, c.in, c.wOIHW, c.outC, c.k, c.k,
                    c.stride, c.pad, c.out);
            int[][] want = plainFireOnce(pot, c.threshold, s);
            String what = c + " presentation " + presentation;
            assertThat(flatten(res, n)).as(what).containsExactly(want[0]);
            assertThat(spikeTotal(res)).as(what).isEqualTo(Arrays.stream(want[0]).filter(x -> x >= 0).count());
            assertThat(st.neurons().lastSpikeStep()).as(what).containsExactly(want[1]);
            assertThat(st.neurons().get(PerfectIf.V)).as(what).containsExactly(pot[c.steps - 1]);
        }
    }

    @Property(tries = 60, seed = "1702")
    void fusedPointwiseWithOffsetsAndInhibitionOverTwoPresentations(@ForAll long seed) {
        RandomCase c = new RandomCase(seed, true, false);
        RandomCase c2 = new RandomCase(seed ^ 0x5DEECE66DL, true, false);
        SplittableRandom r = new SplittableRandom(seed * 17 + 3);
        Conv2dLayer l = c.builder().neurons(PerfectIf.latencyCoded(c.threshold)).build();
        c.load(l);
        Conv2dLayer.State st = l.newState();
        int n = c.out.size();
        int[][] inputs = {c.inputStep, secondInput(c, c2, r)};
        for (int presentation = 0; presentation < 2; presentation++) {
            st.reset();
            assertThat(st.fusePointwiseInhibition(true)).isTrue();
            Setup s = Setup.draw(r, n, c.steps, r.nextBoolean(), false);
            s.apply(st);
            LayerHarness.Result res = LayerHarness.run(List.of(l), List.of(st), inputs[presentation], c.steps, null, 0);
            float[][] pot = Reference.convPotentials(inputs[presentation], c.steps, c.in, c.wOIHW, c.outC, c.k, c.k,
                    c.stride, c.pad, c.out);
            int[] want = plainPointwise(pot, c.threshold, s, c.out);
            String what = c + " presentation " + presentation;
            assertThat(flatten(res, n)).as(what).containsExactly(want);
            assertThat(spikeTotal(res)).as(what).isEqualTo(Arrays.stream(want).filter(x -> x >= 0).count());
            assertThat(st.neurons().lastSpikeStep()).as(what).containsExactly(want);
        }
    }

    /** The second presentation's input: c2's pattern cut to c's input size, over c's steps. */
    private static int[] secondInput(RandomCase c, RandomCase c2, SplittableRandom r) {
        int[] in = new int[c.in.size()];
        for (int i = 0; i < in.length; i++) {
            int src = i < c2.inputStep.length ? c2.inputStep[i] : -1;
            in[i] = src < 0 ? (r.nextInt(3) == 0 ? r.nextInt(c.steps) : -1) : src % c.steps;
        }
        return in;
    }
}
