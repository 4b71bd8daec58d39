package org.snn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.Integrator;

class Conv2dLayerTest {

    private static Conv2dLayer handLayer(float threshold) {
        Conv2dLayer l = Conv2dLayer.builder("c", new Shape(1, 3, 3), 1, 2, 2)
                .neurons(PerfectIf.latencyCoded(threshold)).build();
        l.setWeight(0, 0, 0, 0, 1f);
        l.setWeight(0, 0, 0, 1, 2f);
        l.setWeight(0, 0, 1, 0, 3f);
        l.setWeight(0, 0, 1, 1, 4f);
        return l;
    }

    @Test
    void handComputedTwoSpikes() {
        Conv2dLayer l = handLayer(4.5f);
        assertThat(l.outputShape()).isEqualTo(new Shape(1, 2, 2));
        int[] input = new int[9];
        Arrays.fill(input, -1);
        input[0] = 0; // (0,0) at step 0: only output (0,0), weight W[0,0] = 1
        input[4] = 1; // (1,1) at step 1: outputs (0,0)+=4, (0,1)+=3, (1,0)+=2, (1,1)+=1
        LayerHarness.Result r = LayerHarness.run(List.of(l), input, 3, null, 0);
        assertThat(r.spikesPerStep().get(0)).isEmpty();
        assertThat(r.spikesPerStep().get(1)).containsExactly(0); // 1 + 4 = 5 > 4.5
        assertThat(r.spikesPerStep().get(2)).isEmpty(); // fire once
        LayerState st = r.states().get(0);
        assertThat(st.neurons().get(PerfectIf.V)).containsExactly(5f, 3f, 2f, 1f);
        assertThat(st.neurons().lastSpikeStep()).containsExactly(1, -1, -1, -1);
        assertThat(st.synapticEvents()).isEqualTo(5);
        assertThat(st.spikeCount()).isEqualTo(1);
        assertThat(st.inputSpikeStep()[4]).isEqualTo(1);
    }

    @Test
    void thresholdIsStrictAndOffsetRaisesIt() {
        Conv2dLayer l = handLayer(5f);
        int[] input = new int[9];
        Arrays.fill(input, -1);
        input[0] = 0;
        input[4] = 1;
        assertThat(LayerHarness.run(List.of(l), input, 2, null, 0).spikesPerStep().get(1)).isEmpty(); // 5 > 5 false
        Conv2dLayer l2 = handLayer(4f);
        Conv2dLayer.State st = l2.newState();
        st.reset();
        st.neurons().thresholdOffset()[0] = 1f;
        LayerHarness.Result r = LayerHarness.run(List.of(l2), List.of(st), input, 2, null, 0);
        assertThat(r.spikesPerStep().get(1)).isEmpty();
    }

    @Test
    void strideAndPaddingWindow() {
        // 1x4x4 input, 1x3x3 kernel of ones, stride 2, padding 1: output 2x2, each output sums a 3x3 window
        Conv2dLayer l = Conv2dLayer.builder("c", new Shape(1, 4, 4), 1, 3, 3).stride(2).padding(1)
                .weights(WeightInit.constant(1f)).neurons(new Integrator()).build();
        assertThat(l.outputShape()).isEqualTo(new Shape(1, 2, 2));
        int[] input = new int[16];
        Arrays.fill(input, 0); // all fire at step 0
        LayerHarness.Result r = LayerHarness.run(List.of(l), input, 1, null, 0);
        assertThat(r.spikesPerStep().get(0)).isEmpty();
        // output (0,0) sees rows -1..1, cols -1..1 -> 4 real inputs; (0,1) sees rows -1..1, cols 1..3 -> 6
        assertThat(r.states().get(0).neurons().get(PerfectIf.V)).containsExactly(4f, 6f, 6f, 9f);
    }

    @Test
    void rowListsGrowWhenEveryInputFiresInOneStep() {
        Shape in = new Shape(4, 5, 5); // 36 taps per position > the initial list capacity of 16
        Conv2dLayer l = Conv2dLayer.builder("c", in, 3, 3, 3).padding(1).weights(WeightInit.constant(0.25f))
                .neurons(new Integrator()).build();
        int[] input = new int[in.size()];
        for (int rep = 0; rep < 2; rep++) {
            LayerHarness.Result r = LayerHarness.run(List.of(l), input, 1, null, 0);
            float[] v = r.states().get(0).neurons().get(PerfectIf.V);
            assertThat(v[l.outputShape().index(1, 2, 2)]).isEqualTo(36 * 0.25f); // interior: all 36 taps
            assertThat(v[l.outputShape().index(2, 0, 0)]).isEqualTo(16 * 0.25f); // corner: 4 channels x 2 x 2
        }
    }

    @Property(tries = 150, seed = "20261123")
    void fireOnceMatchesDenseReferenceExactly(@ForAll long seed) {
        RandomCase c = new RandomCase(seed, true, false);
        Conv2dLayer l = c.builder().neurons(PerfectIf.latencyCoded(c.threshold)).build();
        c.load(l);
        LayerHarness.Result r = LayerHarness.run(List.of(l), c.inputStep, c.steps, null, 0);
        float[][] pot = c.referencePotentials();
        int[] expected = Reference.fireOnce(pot, c.threshold);
        assertThat(r.firstSpike(c.out.size())).as(c.toString()).containsExactly(expected);
        // each neuron fires at most once
        int total = 0;
        for (int[] s : r.spikesPerStep()) {
            total += s.length;
        }
        assertThat(total).isEqualTo((int) Arrays.stream(expected).filter(x -> x >= 0).count());
        assertThat(r.states().get(0).neurons().get(PerfectIf.V)).containsExactly(pot[c.steps - 1]);
        assertThat(r.states().get(0).neurons().lastSpikeStep()).containsExactly(expected);
    }

    @Property(tries = 60, seed = "7")
    void potentialsWithinToleranceForRealWeights(@ForAll long seed) {
        RandomCase c = new RandomCase(seed, false, false);
        Conv2dLayer l = c.builder().neurons(new Integrator()).build();
        c.load(l);
        LayerHarness.Result r = LayerHarness.run(List.of(l), c.inputStep, c.steps, null, 0);
        float[] got = r.states().get(0).neurons().get(PerfectIf.V);
        float[] want = c.referencePotentials()[c.steps - 1];
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-4f * (1 + Math.abs(want[i]))));
        }
        for (int[] s : r.spikesPerStep()) {
            assertThat(s).isEmpty();
        }
    }

    @Property(tries = 100, seed = "99")
    void modelPathMatchesReferenceIntegrateAndFireWithReset(@ForAll long seed) {
        RandomCase c = new RandomCase(seed, true, false);
        boolean closed = (seed & 1) == 0;
        Conv2dLayer l = c.builder().neurons(new TestPerfectIf(c.threshold, 0f, closed)).build();
        c.load(l);
        LayerHarness.Result r = LayerHarness.run(List.of(l), c.inputStep, c.steps, null, 0);
        // reference: v += conv(events of step t); fire if v > thr, reset to 0 (every neuron, every step)
        float[][] ev = Reference.events(c.inputStep, c.steps);
        float[] v = new float[c.out.size()];
        for (int t = 0; t < c.steps; t++) {
            float[] in = Reference.conv(ev[t], c.in, c.wOIHW, c.outC, c.k, c.k, c.stride, c.pad, c.out);
            List<Integer> fired = new ArrayList<>();
            for (int i = 0; i < v.length; i++) {
                v[i] += in[i];
                if (v[i] > c.threshold) {
                    v[i] = 0f;
                    fired.add(i);
                }
            }
            assertThat(r.spikesPerStep().get(t)).as(c + " step " + t)
                    .containsExactly(fired.stream().mapToInt(Integer::intValue).toArray());
        }
        assertThat(r.states().get(0).neurons().get(TestPerfectIf.V)).containsExactly(v);
    }

    @Property(tries = 50, seed = "5")
    void synapticEventsCountEveryWeightAdded(@ForAll long seed) {
        RandomCase c = new RandomCase(seed, true, true);
        Conv2dLayer l = c.builder().neurons(new Integrator()).build();
        LayerHarness.Result r = LayerHarness.run(List.of(l), c.inputStep, c.steps, null, 0);
        // reference: count (output position, input spike) pairs with the input inside the window
        long expected = 0;
        for (int i = 0; i < c.inputStep.length; i++) {
            if (c.inputStep[i] < 0) {
                continue;
            }
            int y = c.in.rowOf(i);
            int x = c.in.colOf(i);
            for (int oy = 0; oy < c.out.height(); oy++) {
                for (int ox = 0; ox < c.out.width(); ox++) {
                    int ky = y + c.pad - oy * c.stride;
                    int kx = x + c.pad - ox * c.stride;
                    if (ky >= 0 && ky < c.k && kx >= 0 && kx < c.k) {
                        expected += c.outC;
                    }
                }
            }
        }
        assertThat(r.states().get(0).synapticEvents()).isEqualTo(expected);
    }

    @Test
    void resetClearsEverything() {
        Conv2dLayer l = handLayer(4.5f);
        int[] input = new int[9];
        Arrays.fill(input, -1);
        input[0] = 0;
        input[4] = 1;
        Conv2dLayer.State st = l.newState();
        st.reset();
        LayerHarness.Result a = LayerHarness.run(List.of(l), List.of(st), input, 3, null, 0);
        st.reset();
        LayerHarness.Result b = LayerHarness.run(List.of(l), List.of(st), input, 3, null, 0);
        for (int t = 0; t < 3; t++) {
            assertThat(b.spikesPerStep().get(t)).containsExactly(a.spikesPerStep().get(t));
        }
        assertThat(st.potential(0)).isEqualTo(5f);
        assertThat(st.synapticEvents()).isEqualTo(10); // counters are kept across presentations
    }

    @Test
    void receptiveFieldWalkPairsWeightsWithInputsAndPadding() {
        Shape in = new Shape(2, 3, 3);
        Conv2dLayer l = Conv2dLayer.builder("c", in, 3, 3, 3).padding(1).neurons(PerfectIf.latencyCoded(1f)).build();
        int post = l.outputShape().index(2, 0, 0); // channel 2, top-left corner: row/col -1 are padding
        List<int[]> calls = new ArrayList<>();
        l.updateReceptiveField(post, l.newState(), (w, pre, p) -> {
            calls.add(new int[] {pre, p});
            return w + 1f;
        });
        assertThat(calls).hasSize(2 * 3 * 3);
        int padded = 0;
        for (int[] call : calls) {
            assertThat(call[1]).isEqualTo(post);
            if (call[0] < 0) {
                padded++;
            }
        }
        assertThat(padded).isEqualTo(2 * 5); // per input channel: 5 of 9 taps in the padding
        assertThat(calls.get(4)[0]).isEqualTo(in.index(0, 0, 0)); // tap (c0, ky1, kx1) sees input (0,0,0)
        for (int o = 0; o < 3; o++) {
            for (int c = 0; c < 2; c++) {
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        assertThat(l.weight(o, c, ky, kx)).isEqualTo(o == 2 ? 1f : 0f);
                    }
                }
            }
        }
    }

    @Test
    void weightViewsAndLayout() {
        Conv2dLayer l = Conv2dLayer.builder("c", new Shape(2, 4, 4), 3, 2, 2)
                .weights(WeightInit.uniform(0f, 1f, 1L)).neurons(PerfectIf.latencyCoded(1f)).build();
        FMatrixRMaj oihw = l.toMatrixOIHW();
        assertThat(oihw.numRows).isEqualTo(3);
        assertThat(oihw.numCols).isEqualTo(8);
        assertThat(oihw.get(1, (1 * 2 + 0) * 2 + 1)).isEqualTo(l.weight(1, 1, 0, 1));
        assertThat(l.weights()[l.weightIndex(1, 1, 0, 1)]).isEqualTo(l.weight(1, 1, 0, 1));
        FMatrixRMaj view = l.weightMatrix();
        view.set(3, 2, 42f); // tap (c0, ky1, kx1), output 2
        assertThat(l.weight(2, 0, 1, 1)).isEqualTo(42f);
        Conv2dLayer copy = Conv2dLayer.builder("d", new Shape(2, 4, 4), 3, 2, 2)
                .neurons(PerfectIf.latencyCoded(1f)).build();
        copy.setFromMatrixOIHW(l.toMatrixOIHW());
        assertThat(copy.weights()).containsExactly(l.weights());
        assertThatThrownBy(() -> copy.setFromMatrixOIHW(new FMatrixRMaj(2, 8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3x8").hasMessageContaining("2x8");
    }

    @Test
    void badParametersAreNamed() {
        Shape in = new Shape(1, 4, 4);
        assertThatThrownBy(() -> Conv2dLayer.builder("c", in, 0, 3, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("outChannels must be >= 1, got 0");
        assertThatThrownBy(() -> Conv2dLayer.builder("c", in, 1, 3, 3).stride(0))
                .hasMessage("stride must be >= 1, got 0");
        assertThatThrownBy(() -> Conv2dLayer.builder("c", in, 1, 3, 3).padding(-1))
                .hasMessage("padding must be >= 0, got -1x-1");
        assertThatThrownBy(() -> Conv2dLayer.builder("c", in, 1, 5, 5).neurons(PerfectIf.latencyCoded(1f)).build())
                .hasMessageContaining("does not fit input 1x4x4");
        assertThatThrownBy(() -> Conv2dLayer.builder("c", in, 1, 3, 3).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("choose the neurons");
        assertThatThrownBy(() -> Conv2dLayer.builder("c", in, 1, 3, 3).neurons(PerfectIf.latencyCoded(Float.NaN)))
                .hasMessage("threshold must be finite, got NaN");
        Conv2dLayer l = Conv2dLayer.builder("c", in, 1, 3, 3).neurons(PerfectIf.latencyCoded(1f)).build();
        assertThatThrownBy(() -> l.step(new Spikes(16), new LayerState(in, l.outputShape(), null),
                new StepContext(1f), new Spikes(4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer c needs a state created by its newState()");
    }

    @Test
    void sameSeedSameWeights() {
        Shape in = new Shape(2, 5, 5);
        Conv2dLayer a = Conv2dLayer.builder("a", in, 4, 3, 3).weights(WeightInit.normal(0.8f, 0.05f, 3L))
                .neurons(PerfectIf.latencyCoded(1f)).build();
        Conv2dLayer b = Conv2dLayer.builder("b", in, 4, 3, 3).weights(WeightInit.normal(0.8f, 0.05f, 3L))
                .neurons(PerfectIf.latencyCoded(1f)).build();
        Conv2dLayer c = Conv2dLayer.builder("c", in, 4, 3, 3).weights(WeightInit.normal(0.8f, 0.05f, 4L))
                .neurons(PerfectIf.latencyCoded(1f)).build();
        assertThat(a.weights()).containsExactly(b.weights());
        assertThat(a.weights()).isNotEqualTo(c.weights());
    }
}
