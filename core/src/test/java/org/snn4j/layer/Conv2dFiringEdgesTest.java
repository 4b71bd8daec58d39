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
import org.snn4j.Spikes;
import org.snn4j.neuron.Integrator;
import org.snn4j.neuron.LastStepIf;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.ResetMode;

/**
 * {@link Conv2dLayer}'s firing loops at their edges, each against numbers worked out here: potentials exactly at the
 * threshold and at threshold plus offset (fire once, pointwise inhibition, fire at the last step), ties between
 * features, the bound of the fire-once loop after a weight raised between presentations, fused pointwise inhibition
 * with positions stopped by the engine ({@link Conv2dLayer.State#stopAround}) and neurons inhibited for the whole
 * presentation (decided positions stop integrating), the model-call loop (synaptic events, inhibition, lazy
 * potentials brought up to date by {@code finish}) and the layer's checks. Written for issue 17 (survivors of the
 * 3453ed9 PIT run in fireOnce, firePointwise, fireAtLastStep, stopAround, refreshRows, feedModel, finish).
 */
class Conv2dFiringEdgesTest {

    private static int[] never(int n) {
        int[] s = new int[n];
        Arrays.fill(s, -1);
        return s;
    }

    /** Per step, the sorted output. */
    private static List<int[]> sorted(List<int[]> raw) {
        List<int[]> s = new ArrayList<>();
        for (int[] a : raw) {
            int[] c = a.clone();
            Arrays.sort(c);
            s.add(c);
        }
        return s;
    }

    // ---------------------------------------------------------------------------------------------- fire once

    /** 1 x 1 x 3 input, stride 2, 1 x 1 kernel: two positions (inputs 0 and 2) that never take the bulk pass. */
    private static Conv2dLayer twoPositions(float thr, float[] wPerMap) {
        Conv2dLayer l = Conv2dLayer.builder("c", new Shape(1, 1, 3), wPerMap.length, 1, 1).stride(2)
                .neurons(PerfectIf.latencyCoded(thr)).build();
        for (int o = 0; o < wPerMap.length; o++) {
            l.setWeight(o, 0, 0, 0, wPerMap[o]);
        }
        return l;
    }

    @Test
    void fireOnceIsStrictAtTheThresholdAndAtThresholdPlusOffsetOnTheStepwisePath() {
        // map 0: potential 1.0 = threshold, offset -0.25; map 1: 1.5 = threshold + offset 0.5; map 2: 1.25 fires
        Conv2dLayer l = twoPositions(1f, new float[] {1f, 1.5f, 1.25f});
        Conv2dLayer.State st = l.newState();
        st.reset();
        float[] off = st.thresholdOffsets();
        off[0] = -0.25f; // map 0, position 0
        off[2] = 0.5f; // map 1, position 0
        off[3] = -0.25f; // map 1, position 1: 1.5 > 1.25, fires
        int[] input = {0, -1, 1};
        List<int[]> out = sorted(Conv2dBulkPassTest.present(l, st, input, 3));
        assertThat(out.get(0)).containsExactly(4); // map 2 position 0
        assertThat(out.get(1)).containsExactly(3, 5); // map 1 position 1, map 2 position 1
        assertThat(out.get(2)).isEmpty();
        assertThat(st.neurons().lastSpikeStep()).containsExactly(-1, -1, -1, 1, 0, 1);
    }

    @Test
    void anInhibitedNeuronAtThresholdPlusOffsetKeepsItsSpikeForLater() {
        // map 0 at position 0 reaches 1.5 = threshold + offset 0.5 at step 0 while inhibited until step 2: its spike
        // is not used up; at step 1 a second input lifts it to 3.0 (still inhibited): used up, never output
        Conv2dLayer l = Conv2dLayer.builder("c", new Shape(1, 1, 2), 1, 1, 2).neurons(PerfectIf.latencyCoded(1f))
                .build();
        l.setWeight(0, 0, 0, 0, 1.5f);
        l.setWeight(0, 0, 0, 1, 1.5f);
        Conv2dLayer.State st = l.newState();
        st.reset();
        st.thresholdOffsets()[0] = 0.5f;
        st.inhibitedUntil()[0] = 3;
        List<int[]> out = Conv2dBulkPassTest.present(l, st, new int[] {0, -1}, 2);
        assertThat(out.get(0)).isEmpty();
        assertThat(st.neurons().lastSpikeStep()).containsExactly(-1); // at 1.5 the spike is not used up
        st.reset();
        st.thresholdOffsets()[0] = 0.5f;
        st.inhibitedUntil()[0] = 2;
        out = Conv2dBulkPassTest.present(l, st, new int[] {0, 1}, 3);
        assertThat(out.get(0)).isEmpty();
        assertThat(out.get(1)).isEmpty();
        assertThat(st.neurons().lastSpikeStep()).containsExactly(1); // used up at step 1 while inhibited
    }

    @Test
    void fireOnceIsStrictAtTheThresholdOnTheBulkPass() {
        // both inputs at step 0 take the bulk pass: maps at exactly the threshold (offset below) and exactly at
        // threshold + offset do not fire
        Conv2dLayer l = Conv2dLayer.builder("c", new Shape(1, 1, 2), 3, 1, 1).neurons(PerfectIf.latencyCoded(1f))
                .build();
        l.setWeight(0, 0, 0, 0, 1f);
        l.setWeight(1, 0, 0, 0, 1.5f);
        l.setWeight(2, 0, 0, 0, 1.25f);
        Conv2dLayer.State st = l.newState();
        st.reset();
        float[] off = st.thresholdOffsets();
        off[0] = -0.25f;
        off[1] = -0.25f;
        off[2] = 0.5f;
        off[3] = 0.5f;
        List<int[]> out = Conv2dBulkPassTest.present(l, st, new int[] {0, 0}, 1);
        assertThat(out.get(0)).containsExactly(4, 5);
    }

    @Test
    void aWeightRaisedBetweenPresentationsRaisesTheBoundOfEveryPositionItReaches() {
        // 5 x 5 input, 3 x 3 kernel, stride 2 (no bulk pass), weights 0.1, threshold 1.2; the four inputs of the
        // top-left 2 x 2 corner touch output position 0 only. Then map 1's nine taps are raised to 0.5: those
        // four inputs give 2.0 > 1.2 and map 1 fires there (its bound must follow the raised weights)
        Shape in = new Shape(1, 5, 5);
        Conv2dLayer l = Conv2dLayer.builder("c", in, 2, 3, 3).stride(2).neurons(PerfectIf.latencyCoded(1.2f)).build();
        Arrays.fill(l.weights(), 0.1f);
        Conv2dLayer.State st = l.newState();
        int[] input = never(in.size());
        input[0] = 0;
        input[1] = 0;
        input[5] = 0;
        input[6] = 0;
        st.reset();
        assertThat(Conv2dBulkPassTest.present(l, st, input, 1).get(0)).isEmpty();
        for (int ky = 0; ky < 3; ky++) {
            for (int kx = 0; kx < 3; kx++) {
                l.setWeight(1, 0, ky, kx, 0.5f);
            }
        }
        st.reset();
        assertThat(Conv2dBulkPassTest.present(l, st, input, 1).get(0)).containsExactly(4);
        assertThat(st.potential(4)).isEqualTo(2f);
        assertThat(st.potential(0)).isCloseTo(0.4f, org.assertj.core.data.Offset.offset(1e-6f));
        // and lowered again: nothing fires (the bound stays a bound)
        for (int ky = 0; ky < 3; ky++) {
            for (int kx = 0; kx < 3; kx++) {
                l.setWeight(1, 0, ky, kx, 0.1f);
            }
        }
        st.reset();
        assertThat(Conv2dBulkPassTest.present(l, st, input, 1).get(0)).isEmpty();
        assertThat(st.potential(4)).isCloseTo(0.4f, org.assertj.core.data.Offset.offset(1e-6f));
    }

    // ---------------------------------------------------------------------------------------------- pointwise

    @Test
    void pointwiseTakesTheNextFeatureWhenTheHighestIsExactlyAtItsOffset() {
        // position 0: map 0 at 1.5 = 1 + offset 0.5 (not above), map 1 at 1.25 (offset 0): map 1 fires
        Conv2dLayer l = twoPositions(1f, new float[] {1.5f, 1.25f});
        Conv2dLayer.State st = l.newState();
        st.reset();
        st.fusePointwiseInhibition(true);
        st.thresholdOffsets()[0] = 0.5f;
        List<int[]> out = Conv2dBulkPassTest.present(l, st, new int[] {0, -1, -1}, 1);
        assertThat(out.get(0)).containsExactly(2);
    }

    @Test
    void pointwiseWithInhibitionRequestedIsStrictAtTheThreshold() {
        // inhibitedUntil requested (all 0): the general loop. Map 0 at 1.0 = threshold with offset -0.25 (not above
        // the threshold), map 1 at 1.25 below its threshold plus offset 1.5: nothing fires
        Conv2dLayer l = twoPositions(1f, new float[] {1f, 1.25f});
        Conv2dLayer.State st = l.newState();
        st.reset();
        st.fusePointwiseInhibition(true);
        st.inhibitedUntil();
        st.thresholdOffsets()[0] = -0.25f;
        st.thresholdOffsets()[2] = 0.5f;
        List<int[]> out = Conv2dBulkPassTest.present(l, st, new int[] {0, -1, -1}, 2);
        assertThat(out.get(0)).isEmpty();
        assertThat(out.get(1)).isEmpty();
    }

    @Test
    void pointwiseWithInhibitionRequestedKeepsTheFirstOfTiedFeatures() {
        // maps 0 and 1 tied at 1.5 at position 1: map 0 fires (neuron 1)
        Conv2dLayer l = twoPositions(1f, new float[] {1.5f, 1.5f});
        Conv2dLayer.State st = l.newState();
        st.reset();
        st.fusePointwiseInhibition(true);
        st.inhibitedUntil();
        List<int[]> out = Conv2dBulkPassTest.present(l, st, new int[] {-1, -1, 0}, 1);
        assertThat(out.get(0)).containsExactly(1);
    }

    /** Plain offsets and whole-presentation inhibition for the pointwise property. */
    private record Setup(float[] off, int[] inh) {
        static Setup draw(SplittableRandom r, int n) {
            float[] off = new float[n];
            int[] inh = new int[n];
            for (int i = 0; i < n; i++) {
                off[i] = r.nextInt(4) == 0 ? 0f : (r.nextInt(9) - 3) / 16f;
                inh[i] = r.nextInt(5) == 0 ? Integer.MAX_VALUE : 0;
            }
            return new Setup(off, inh);
        }
    }

    /** A stopAround call after a step. */
    private record Stop(int step, int row, int col, int radius) {
    }

    /**
     * Plain pointwise inhibition decided at every step with positions stopped by the engine: a position is decided
     * when a feature fires (the highest above the threshold and its offset, not inhibited; the lowest on ties), when
     * every feature is inhibited for good and has been above the threshold, or when a stop covers it; from then on
     * its potentials stay those of that step. Returns {output step per neuron, potential index step per position}.
     */
    private static int[][] plainPointwise(float[][] pot, float thr, Setup s, Shape out, List<Stop> stops,
                                          boolean pointwise) {
        int map = out.mapSize();
        int n = out.size();
        int[] outStep = never(n);
        int[] frozen = new int[map];
        Arrays.fill(frozen, pot.length - 1);
        boolean[] decided = new boolean[map];
        boolean[] done = new boolean[n];
        for (int t = 0; t < pot.length; t++) {
            for (int pos = 0; pos < map; pos++) {
                if (decided[pos]) {
                    continue;
                }
                int best = -1;
                int left = 0;
                for (int o = 0; o < out.channels(); o++) {
                    int j = o * map + pos;
                    float p = pot[t][j];
                    if (p > thr && !done[j]) {
                        if (s.inh[j] == Integer.MAX_VALUE) {
                            done[j] = true;
                        } else if (p > thr + s.off[j] && (best < 0 || p > pot[t][best])) {
                            best = j;
                        }
                    }
                    left += done[j] ? 0 : 1;
                }
                if (!pointwise) {
                    for (int o = 0; o < out.channels(); o++) {
                        int j = o * map + pos;
                        float p = pot[t][j];
                        if (!done[j] && p > thr && p > thr + s.off[j]) {
                            done[j] = true;
                            outStep[j] = t;
                        }
                    }
                    continue;
                }
                if (best >= 0 || left == 0) {
                    if (best >= 0) {
                        outStep[best] = t;
                    }
                    decided[pos] = true;
                    frozen[pos] = t;
                }
            }
            for (Stop stop : stops) {
                if (stop.step() == t && pointwise) {
                    for (int y = Math.max(0, stop.row() - stop.radius());
                         y <= Math.min(out.height() - 1, stop.row() + stop.radius()); y++) {
                        for (int x = Math.max(0, stop.col() - stop.radius());
                             x <= Math.min(out.width() - 1, stop.col() + stop.radius()); x++) {
                            int pos = y * out.width() + x;
                            if (!decided[pos]) {
                                decided[pos] = true;
                                frozen[pos] = t;
                            }
                        }
                    }
                }
            }
        }
        return new int[][] {outStep, frozen};
    }

    @Property(tries = 80, seed = "31337")
    void pointwiseWithStopsAndWholePresentationInhibitionOverTwoPresentations(@ForAll long seed) {
        RandomCase c = new RandomCase(seed, true, false);
        SplittableRandom r = new SplittableRandom(seed * 13 + 5);
        Conv2dLayer l = c.builder().neurons(PerfectIf.latencyCoded(c.threshold)).build();
        c.load(l);
        Conv2dLayer.State st = l.newState();
        int n = c.out.size();
        int map = c.out.mapSize();
        for (int presentation = 0; presentation < 2; presentation++) {
            st.reset();
            boolean pointwise = presentation == 0 || r.nextInt(3) > 0;
            st.fusePointwiseInhibition(pointwise);
            Setup s = Setup.draw(r, n);
            System.arraycopy(s.off(), 0, st.thresholdOffsets(), 0, n);
            boolean inhibit = r.nextBoolean();
            if (inhibit) {
                System.arraycopy(s.inh(), 0, st.inhibitedUntil(), 0, n);
            } else {
                Arrays.fill(s.inh(), 0);
            }
            int[] input = presentation == 0 ? c.inputStep : new RandomCase(seed + 1, true, false).inputStep;
            input = Arrays.copyOf(input, c.in.size());
            for (int i = 0; i < input.length; i++) {
                input[i] = input[i] < 0 ? -1 : input[i] % c.steps;
            }
            int firstInput = Integer.MAX_VALUE;
            for (int v : input) {
                if (v >= 0) {
                    firstInput = Math.min(firstInput, v);
                }
            }
            List<Stop> stops = new ArrayList<>();
            for (int t = firstInput; t < c.steps; t++) {
                if (r.nextInt(3) == 0) {
                    stops.add(new Stop(t, r.nextInt(c.out.height() + 2) - 1, r.nextInt(c.out.width() + 2) - 1,
                            r.nextInt(3)));
                }
            }
            // run, calling stopAround after the steps drawn
            StepContext ctx = new StepContext(1f);
            ctx.begin(c.steps, false);
            Spikes in = new Spikes(c.in.size());
            int[] got = never(n);
            for (int t = 0; t < c.steps; t++) {
                ctx.setStep(t);
                in.clear();
                for (int i = 0; i < input.length; i++) {
                    if (input[i] == t) {
                        in.add(i);
                    }
                }
                Spikes out = new Spikes(n);
                l.step(in, st, ctx, out);
                for (int k = 0; k < out.count(); k++) {
                    assertThat(got[out.get(k)]).isEqualTo(-1);
                    got[out.get(k)] = t;
                }
                for (Stop stop : stops) {
                    if (stop.step() == t) {
                        st.stopAround(stop.row(), stop.col(), stop.radius());
                    }
                }
            }
            l.finish(st, ctx);
            float[][] pot = Reference.convPotentials(input, c.steps, c.in, c.wOIHW, c.outC, c.k, c.k, c.stride, c.pad,
                    c.out);
            int[][] want = plainPointwise(pot, c.threshold, s, c.out, stops, pointwise);
            String what = c + " presentation " + presentation + " pointwise " + pointwise + " inhibit " + inhibit
                    + " stops " + stops;
            assertThat(got).as(what).containsExactly(want[0]);
            assertThat(st.neurons().lastSpikeStep()).as(what).containsExactly(want[0]);
            float[] wantPot = new float[n];
            for (int j = 0; j < n; j++) {
                wantPot[j] = pot[want[1][j % map]][j];
            }
            assertThat(Conv2dBulkPassTest.potentials(st, n)).as(what + ": decided positions stop integrating")
                    .containsExactly(wantPot);
        }
    }

    // ---------------------------------------------------------------------------------------------- last step

    @Test
    void lastStepFiringUsesOffsetsAndInhibitionAndASecondPresentationForgetsTheFirst() {
        // 1 x 3 x 3 input, 2 maps, 2 x 2 kernel of 0.25 (map 0) and 0.5 (map 1), threshold 0.6, 3 steps
        Shape in = new Shape(1, 3, 3);
        Conv2dLayer l = Conv2dLayer.builder("c", in, 2, 2, 2).neurons(new LastStepIf(0.6f)).build();
        for (int ky = 0; ky < 2; ky++) {
            for (int kx = 0; kx < 2; kx++) {
                l.setWeight(0, 0, ky, kx, 0.25f);
                l.setWeight(1, 0, ky, kx, 0.5f);
            }
        }
        Conv2dLayer.State st = l.newState();
        st.reset();
        int[] input = new int[in.size()];
        Arrays.fill(input, 1); // every window full: map 0 at 1.0, map 1 at 2.0
        float[] off = st.thresholdOffsets();
        off[0] = 0.375f; // 1.0 > 0.975: fires
        off[1] = 0.4f; // 1.0 = 0.6 + 0.4: does not fire (float 0.6f + 0.4f rounds to 1.0f)
        off[2] = -0.5f; // fires
        off[5] = 1.5f; // 2.0 < 2.1: does not fire
        int[] inh = st.inhibitedUntil();
        inh[3] = 2; // inhibited until the last step itself: fires
        inh[4] = 3; // until after it: does not fire
        inh[6] = Integer.MAX_VALUE;
        List<int[]> out = sorted(Conv2dBulkPassTest.present(l, st, input, 3));
        assertThat(out.get(0)).isEmpty();
        assertThat(out.get(1)).isEmpty();
        assertThat(0.6f + 0.4f).isEqualTo(1.0f);
        assertThat(out.get(2)).containsExactly(0, 2, 3, 7);
        assertThat(st.neurons().lastSpikeStep()).containsExactly(2, -1, 2, 2, -1, -1, -1, 2);
        // second presentation: only input 0 fires (position 0 only: map 0 at 0.25, map 1 at 0.5): nothing fires,
        // and no spike step of the first presentation is left
        st.reset();
        int[] one = never(in.size());
        one[0] = 0;
        out = sorted(Conv2dBulkPassTest.present(l, st, one, 2));
        assertThat(out.get(1)).isEmpty();
        assertThat(st.neurons().lastSpikeStep()).containsExactly(-1, -1, -1, -1, -1, -1, -1, -1);
    }

    // ---------------------------------------------------------------------------------------------- model calls

    @Property(tries = 40, seed = "808")
    void modelCallsCountEventsAndRemoveInhibitedSpikes(@ForAll long seed) {
        RandomCase c = new RandomCase(seed, true, false);
        SplittableRandom r = new SplittableRandom(seed);
        Conv2dLayer l = c.builder().neurons(new TestPerfectIf(c.threshold)).build();
        c.load(l);
        assertThat(l.fusedFireOnce()).isFalse();
        Conv2dLayer.State st = l.newState();
        st.reset();
        int n = c.out.size();
        int[] inh = st.inhibitedUntil();
        for (int i = 0; i < n; i++) {
            inh[i] = r.nextInt(3) == 0 ? c.steps : r.nextInt(3) == 0 ? r.nextInt(c.steps + 1) : 0;
        }
        int[] inhCopy = inh.clone();
        List<int[]> out = sorted(Conv2dBulkPassTest.present(l, st, c.inputStep, c.steps));
        float[][] ev = Reference.events(c.inputStep, c.steps);
        float[] v = new float[n];
        long events = 0;
        for (int t = 0; t < c.steps; t++) {
            float[] add = Reference.conv(ev[t], c.in, c.wOIHW, c.outC, c.k, c.k, c.stride, c.pad, c.out);
            List<Integer> fired = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                v[i] += add[i];
                if (v[i] > c.threshold) {
                    v[i] = 0f;
                    if (t >= inhCopy[i]) {
                        fired.add(i);
                    }
                }
            }
            assertThat(out.get(t)).as(c + " step " + t).containsExactly(fired.stream().mapToInt(x -> x).toArray());
            // one event per weight added: per input spike, outC per output position whose window holds it
            for (int i = 0; i < c.inputStep.length; i++) {
                if (c.inputStep[i] != t) {
                    continue;
                }
                for (int oy = 0; oy < c.out.height(); oy++) {
                    for (int ox = 0; ox < c.out.width(); ox++) {
                        int ky = c.in.rowOf(i) + c.pad - oy * c.stride;
                        int kx = c.in.colOf(i) + c.pad - ox * c.stride;
                        if (ky >= 0 && ky < c.k && kx >= 0 && kx < c.k) {
                            events += c.outC;
                        }
                    }
                }
            }
        }
        assertThat(st.synapticEvents()).as(c.toString()).isEqualTo(events);
    }

    @Test
    void modelCallsWithAWideFlatKernel() {
        // 1 x 2 x 5 input, 1 x 3 kernel (fewer taps in a column than in a row), two maps, model calls
        Shape in = new Shape(1, 2, 5);
        Conv2dLayer l = Conv2dLayer.builder("flat", in, 2, 1, 3).neurons(new TestPerfectIf(1f)).build();
        for (int kx = 0; kx < 3; kx++) {
            l.setWeight(0, 0, 0, kx, 0.5f);
            l.setWeight(1, 0, 0, kx, 0.25f * (kx + 1));
        }
        Conv2dLayer.State st = l.newState();
        st.reset();
        int[] input = new int[in.size()]; // every input at step 0
        List<int[]> out = sorted(Conv2dBulkPassTest.present(l, st, input, 1));
        // every window full: map 0 at 1.5 fires at all 6 positions, map 1 at 1.5 too
        assertThat(out.get(0)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(st.synapticEvents()).isEqualTo(6 * 3 * 2);
    }

    @Test
    void aLazyModelIsBroughtUpToTheLastStepByFinishAndStartsAtRest() {
        LifParameters p = new LifParameters(20f, -65f, -65f, -50f, 1f, 0f, ResetMode.TO_VALUE);
        Shape in = new Shape(1, 4, 4);
        Conv2dLayer l = Conv2dLayer.builder("lif", in, 2, 3, 3).neurons(new Lif(p)).build();
        Arrays.fill(l.weights(), 2f);
        Conv2dLayer.State st = l.newState();
        int n = l.outputShape().size();
        float[] rest = new float[n];
        Arrays.fill(rest, -65f);
        assertThat(Conv2dBulkPassTest.potentials(st, n)).as("a new state starts at rest").containsExactly(rest);
        int[] input = never(in.size());
        input[0] = 0; // reaches output position 0 only (tap 0, 0)
        input[5] = 0; // reaches all four positions
        Conv2dBulkPassTest.present(l, st, input, 6);
        // after step 0 position 0 held -65 + 4, the others -65 + 2; then five steps of decay to step 5
        double decay = Math.exp(-5.0 / 20.0);
        assertThat(st.potential(0)).isCloseTo((float) (-65 + 4 * decay), org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(st.potential(1)).isCloseTo((float) (-65 + 2 * decay), org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(st.potential(7)).isCloseTo((float) (-65 + 2 * decay), org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void aNewStateFiresWithoutAReset() {
        Shape in = new Shape(1, 3, 3);
        Conv2dLayer l = Conv2dLayer.builder("c", in, 1, 2, 2).stride(1).neurons(PerfectIf.latencyCoded(0.5f)).build();
        Arrays.fill(l.weights(), 0.375f);
        int[] input = never(in.size());
        input[4] = 0; // the centre: in every window, 0.375; then the corners
        input[0] = 1;
        input[8] = 1;
        List<int[]> out = sorted(Conv2dBulkPassTest.present(l, l.newState(), input, 2));
        assertThat(out.get(0)).isEmpty();
        assertThat(out.get(1)).containsExactly(0, 3);
    }

    @Test
    void theNeuronStateReadsZeroPotentialsAfterAReset() {
        // a reader of neurons() (a monitor at the start of a presentation) must not see the last presentation
        Shape in = new Shape(1, 3, 3);
        Conv2dLayer l = Conv2dLayer.builder("c", in, 2, 2, 2).neurons(PerfectIf.latencyCoded(5f)).build();
        Arrays.fill(l.weights(), 0.5f);
        Conv2dLayer.State st = l.newState();
        st.reset();
        int[] input = never(in.size());
        input[4] = 0;
        Conv2dBulkPassTest.present(l, st, input, 1);
        float[] v = st.neurons().get(PerfectIf.V);
        float[] half = new float[8];
        Arrays.fill(half, 0.5f);
        assertThat(v).containsExactly(half);
        st.reset();
        assertThat(st.neurons().get(PerfectIf.V)).containsExactly(new float[8]);
    }

    // ---------------------------------------------------------------------------------------------- checks

    @Test
    void weightsAreCheckedPerIndexAndTheSignCacheFollowsEveryChange() {
        Conv2dLayer l = Conv2dLayer.builder("c", new Shape(2, 4, 4), 3, 2, 3).neurons(new Integrator()).build();
        assertThat(l.nonNegativeWeights()).as("all zero").isTrue();
        l.setWeight(2, 1, 1, 2, -0.5f);
        assertThat(l.nonNegativeWeights()).isFalse();
        l.setWeight(2, 1, 1, 2, 0f);
        assertThat(l.nonNegativeWeights()).isTrue();
        l.weights()[5] = -1f;
        assertThat(l.nonNegativeWeights()).isFalse();
        // indices inside the flat array but outside their own dimension
        assertThatThrownBy(() -> l.weight(0, 0, 0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> l.weight(3, 0, 0, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> l.setWeight(0, 0, 2, 0, 1f)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> l.setWeight(0, 2, 0, 0, 1f)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(l.weight(2, 1, 1, 2)).isEqualTo(0f);
        // matrices of the wrong shape, also with the right number of elements
        assertThatThrownBy(() -> l.setFromMatrixOIHW(new org.ejml.data.FMatrixRMaj(4, 12)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expects a 3x12 weight matrix, got 4x12");
        assertThatThrownBy(() -> l.setFromMatrixOIHW(new org.ejml.data.FMatrixRMaj(3, 13)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 3x13");
        assertThatThrownBy(() -> l.setFromMatrixOIHW(new org.ejml.data.FMatrixRMaj(6, 6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 6x6");
    }

    @Test
    void statesOfOtherLayersAndKindsAreRefusedByName() {
        Shape in = new Shape(1, 3, 3);
        Conv2dLayer a = Conv2dLayer.builder("a", in, 1, 2, 2).neurons(new Integrator()).build();
        Conv2dLayer b = Conv2dLayer.builder("b", in, 1, 2, 2).neurons(new Integrator()).build();
        StepContext ctx = new StepContext(1f);
        ctx.begin(1, false);
        ctx.setStep(0);
        Spikes s = new Spikes(in.size());
        Spikes out = new Spikes(4);
        assertThatThrownBy(() -> a.step(s, b.newState(), ctx, out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer a needs a state created by its newState()");
        assertThatThrownBy(() -> a.step(s, new PoolingLayer("p", in, 1, 1, 0).newState(), ctx, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PoolingLayer$State");
        assertThatThrownBy(() -> a.finish(null, ctx)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got null");
    }

    @Test
    void describesItselfAndItsLoops() {
        Shape in = new Shape(2, 5, 6);
        Conv2dLayer fused = Conv2dLayer.builder("conv1", in, 4, 3, 2).stride(2).padding(1, 0)
                .neurons(PerfectIf.latencyCoded(1f)).build();
        assertThat(fused.toString()).startsWith("Conv2dLayer[conv1: ").contains(in.toString())
                .contains(fused.outputShape().toString()).contains("kernel 3x2").contains("stride 2")
                .contains("padding 1x0").endsWith(" (fused)]");
        Conv2dLayer model = Conv2dLayer.builder("conv2", in, 4, 3, 2).neurons(new TestPerfectIf(1f)).build();
        assertThat(model.toString()).doesNotContain("(fused)").endsWith("]");
        assertThat(fused.fusedFireOnce()).isTrue();
        assertThat(model.fusedFireOnce()).isFalse();
        Conv2dLayer decide = Conv2dLayer.builder("d", in, 1, 1, 1).neurons(new Integrator()).build();
        assertThat(decide.fusedFireOnce()).isFalse();
        assertThat(decide.firesOnlyAtLastStep()).isTrue();
        assertThat(Conv2dLayer.builder("e", in, 1, 1, 1).neurons(new LastStepIf(1f)).build().firesOnlyAtLastStep())
                .isTrue();
        assertThat(fused.firesOnlyAtLastStep()).isFalse();
        assertThat(model.firesOnlyAtLastStep()).isFalse();
    }

    @Test
    void aKernelThatDoesNotFitOneDirectionIsNamed() {
        Shape in = new Shape(1, 3, 5);
        assertThatThrownBy(() -> Conv2dLayer.builder("tall", in, 1, 4, 2).neurons(new Integrator()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer tall: kernel 4x2")
                .hasMessageContaining("does not fit input");
        assertThatThrownBy(() -> Conv2dLayer.builder("wide", in, 1, 2, 6).neurons(new Integrator()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer wide: kernel 2x6")
                .hasMessageContaining("does not fit input");
    }

    @Test
    void theBuilderNamesABlankNameAndEachNegativePadding() {
        Shape in = new Shape(1, 3, 3);
        assertThatThrownBy(() -> Conv2dLayer.builder(" ", in, 1, 2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must not be blank");
        assertThatThrownBy(() -> Conv2dLayer.builder("c", in, 1, 2, 2).padding(0, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("padding must be >= 0, got 0x-1");
        assertThatThrownBy(() -> Conv2dLayer.builder("c", in, 1, 2, 2).padding(-2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("padding must be >= 0, got -2x0");
        Conv2dLayer l = Conv2dLayer.builder("c", in, 1, 2, 2).padding(0, 1).neurons(new Integrator()).build();
        assertThat(l.paddingH()).isZero();
        assertThat(l.paddingW()).isEqualTo(1);
    }

    @Test
    void silentBordersMustLeaveAnInputThatCanFire() {
        Shape in = new Shape(2, 4, 5);
        Conv2dLayer.State st = Conv2dLayer.builder("c", in, 1, 2, 2).neurons(PerfectIf.latencyCoded(1f)).build()
                .newState();
        st.declareSilentInputBorder(0, 0, 0, 0);
        st.declareSilentInputBorder(1, 2, 0, 0);
        st.declareSilentInputBorder(2, 1, 4, 0);
        st.declareSilentInputBorder(0, 3, 0, 4);
        int[][] bad = {{-1, 0, 0, 0}, {0, -1, 0, 0}, {0, 0, -1, 0}, {0, 0, 0, -1}, {2, 2, 0, 0}, {4, 0, 0, 0},
            {0, 4, 0, 0}, {0, 0, 3, 2}, {0, 0, 5, 0}, {0, 0, 0, 5}};
        for (int[] b : bad) {
            assertThatThrownBy(() -> st.declareSilentInputBorder(b[0], b[1], b[2], b[3])).as(Arrays.toString(b))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("silent border " + b[0] + "/" + b[1] + "/" + b[2] + "/" + b[3]);
        }
    }

    @Test
    void spikeCountsOnlyThisStepsSpikesOfAnOutputThatHeldSome() {
        Shape in = new Shape(1, 3, 3);
        Conv2dLayer l = Conv2dLayer.builder("c", in, 2, 2, 2).neurons(PerfectIf.latencyCoded(0.5f)).build();
        Arrays.fill(l.weights(), 1f);
        Conv2dLayer.State st = l.newState();
        st.reset();
        StepContext ctx = new StepContext(1f);
        ctx.begin(1, false);
        ctx.setStep(0);
        Spikes s = new Spikes(in.size());
        s.add(0); // position 0 of both maps
        Spikes out = new Spikes(8);
        out.add(7);
        out.add(6);
        l.step(s, st, ctx, out);
        assertThat(out.toSortedArray()).containsExactly(0, 4, 6, 7);
        assertThat(st.spikeCount()).isEqualTo(2);
    }

    @Test
    void theReceptiveFieldWalkMarksEveryPaddedTapOnEverySide() {
        // 2 x 3 x 4 input, 3 x 2 kernel, stride 1, padding 1 x 1: every side of the input has padded taps
        Shape in = new Shape(2, 3, 4);
        Conv2dLayer l = Conv2dLayer.builder("c", in, 2, 3, 2).padding(1, 1).neurons(new Integrator()).build();
        Shape out = l.outputShape();
        Conv2dLayer.State st = l.newState();
        for (int post = 0; post < out.size(); post++) {
            List<Integer> got = new ArrayList<>();
            l.updateReceptiveField(post, st, (w, pre, p) -> {
                got.add(pre);
                return w;
            });
            List<Integer> want = new ArrayList<>();
            int oy = out.rowOf(post);
            int ox = out.colOf(post);
            for (int c = 0; c < 2; c++) {
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 2; kx++) {
                        int iy = oy - 1 + ky;
                        int ix = ox - 1 + kx;
                        boolean inside = iy >= 0 && iy <= 2 && ix >= 0 && ix <= 3;
                        want.add(inside ? in.index(c, iy, ix) : -1);
                    }
                }
            }
            assertThat(got).as("post " + post).isEqualTo(want);
        }
    }
}
