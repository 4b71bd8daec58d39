package org.snn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.Integrator;

class PoolingPaddingTest {

    @Test
    void poolFiresOnceAtFirstSpikeOfWindow() {
        Shape in = new Shape(1, 4, 4);
        PoolingLayer pool = new PoolingLayer("p", in, 2, 2, 0);
        assertThat(pool.outputShape()).isEqualTo(new Shape(1, 2, 2));
        int[] input = new int[16];
        Arrays.fill(input, -1);
        input[in.index(0, 1, 1)] = 2; // window (0,0)
        input[in.index(0, 0, 0)] = 1; // window (0,0), earlier
        input[in.index(0, 3, 3)] = 0; // window (1,1)
        LayerHarness.Result r = LayerHarness.run(List.of(pool), input, 3, null, 0);
        assertThat(r.spikesPerStep().get(0)).containsExactly(3);
        assertThat(r.spikesPerStep().get(1)).containsExactly(0);
        assertThat(r.spikesPerStep().get(2)).isEmpty();
        assertThat(r.states().get(0).spikeCount()).isEqualTo(2);
    }

    @Property(tries = 150, seed = "11")
    void poolingMatchesMaxPoolOfCumulativeWaves(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Shape in = new Shape(1 + r.nextInt(3), 2 + r.nextInt(9), 2 + r.nextInt(9));
        int k = 1 + r.nextInt(Math.min(in.height(), in.width()));
        int stride = 1 + r.nextInt(3);
        int pad = r.nextInt(k / 2 + 1);
        int steps = 1 + r.nextInt(5);
        int[] input = new int[in.size()];
        for (int i = 0; i < input.length; i++) {
            input[i] = r.nextInt(4) == 0 ? r.nextInt(steps) : -1;
        }
        PoolingLayer pool = new PoolingLayer("p", in, k, stride, pad);
        Shape out = pool.outputShape();
        assertThat(out.height()).isEqualTo((in.height() + 2 * pad - k) / stride + 1);
        LayerHarness.Result res = LayerHarness.run(List.of(pool), input, steps, null, 0);
        assertThat(res.firstSpike(out.size())).containsExactly(Reference.pool(input, steps, in, k, stride, pad, out));
        int total = 0;
        for (int[] s : res.spikesPerStep()) {
            total += s.length;
        }
        assertThat(total).isEqualTo((int) Arrays.stream(res.firstSpike(out.size())).filter(x -> x >= 0).count());
    }

    /** Non-overlapping windows (stride = kernel, no padding) take the lookup-table path: same result. */
    @Property(tries = 100, seed = "13")
    void nonOverlappingPoolingMatchesTheReference(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Shape in = new Shape(1 + r.nextInt(3), 2 + r.nextInt(9), 2 + r.nextInt(9));
        int k = 1 + r.nextInt(Math.min(3, Math.min(in.height(), in.width())));
        int steps = 1 + r.nextInt(5);
        int[] input = new int[in.size()];
        for (int i = 0; i < input.length; i++) {
            input[i] = r.nextInt(3) == 0 ? r.nextInt(steps) : -1;
        }
        PoolingLayer pool = new PoolingLayer("p", in, k, k, 0);
        Shape out = pool.outputShape();
        LayerHarness.Result res = LayerHarness.run(List.of(pool), input, steps, null, 0);
        assertThat(res.firstSpike(out.size())).containsExactly(Reference.pool(input, steps, in, k, k, 0, out));
    }

    @Test
    void paddingCountsOnlyThisStepsSpikesOfAnOutputThatHeldSome() {
        Shape in = new Shape(1, 2, 2);
        PaddingLayer pad = new PaddingLayer("pad", in, 1);
        LayerState st = pad.newState();
        st.reset();
        StepContext ctx = new StepContext(1f);
        ctx.begin(1, false);
        ctx.setStep(0);
        org.snn4j.Spikes s = new org.snn4j.Spikes(in.size());
        s.add(0);
        s.add(3);
        org.snn4j.Spikes out = new org.snn4j.Spikes(pad.outputShape().size());
        out.add(0);
        out.add(1);
        out.add(2);
        pad.step(s, st, ctx, out);
        assertThat(out.toSortedArray()).containsExactly(0, 1, 2, 5, 10);
        assertThat(st.spikeCount()).isEqualTo(2);
    }

    @Property(tries = 100, seed = "12")
    void paddingIsAnIndexRemap(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Shape in = new Shape(1 + r.nextInt(3), 1 + r.nextInt(6), 1 + r.nextInt(6));
        int top = r.nextInt(3);
        int bottom = r.nextInt(3);
        int left = r.nextInt(3);
        int right = r.nextInt(3);
        PaddingLayer pad = new PaddingLayer("pad", in, top, bottom, left, right);
        Shape out = pad.outputShape();
        assertThat(out).isEqualTo(new Shape(in.channels(), in.height() + top + bottom, in.width() + left + right));
        int steps = 3;
        int[] input = new int[in.size()];
        for (int i = 0; i < input.length; i++) {
            input[i] = r.nextInt(3) == 0 ? -1 : r.nextInt(steps);
        }
        int[] first = LayerHarness.run(List.of(pad), input, steps, null, 0).firstSpike(out.size());
        for (int c = 0; c < out.channels(); c++) {
            for (int y = 0; y < out.height(); y++) {
                for (int x = 0; x < out.width(); x++) {
                    int iy = y - top;
                    int ix = x - left;
                    boolean inside = iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width();
                    assertThat(first[out.index(c, y, x)]).isEqualTo(inside ? input[in.index(c, iy, ix)] : -1);
                }
            }
        }
    }

    @Test
    void mozafariStackShapes() {
        // input 6x28x28 padded by 2 -> conv1 5x5 -> pool 2 -> pad 1 -> conv2 3x3 -> pool 3 -> pad 2 -> conv3 5x5
        PaddingLayer pad0 = new PaddingLayer("pad0", new Shape(6, 28, 28), 2);
        Conv2dLayer c1 = Conv2dLayer.builder("conv1", pad0.outputShape(), 30, 5, 5)
                .neurons(PerfectIf.latencyCoded(15f)).build();
        PoolingLayer p1 = new PoolingLayer("pool1", c1.outputShape(), 2, 2, 0);
        PaddingLayer pad1 = new PaddingLayer("pad1", p1.outputShape(), 1);
        Conv2dLayer c2 = Conv2dLayer.builder("conv2", pad1.outputShape(), 250, 3, 3)
                .neurons(PerfectIf.latencyCoded(10f)).build();
        PoolingLayer p2 = new PoolingLayer("pool2", c2.outputShape(), 3, 3, 0);
        PaddingLayer pad2 = new PaddingLayer("pad2", p2.outputShape(), 2);
        Conv2dLayer c3 = Conv2dLayer.builder("conv3", pad2.outputShape(), 200, 5, 5).neurons(new Integrator()).build();
        assertThat(c1.outputShape()).isEqualTo(new Shape(30, 28, 28));
        assertThat(p1.outputShape()).isEqualTo(new Shape(30, 14, 14));
        assertThat(c2.outputShape()).isEqualTo(new Shape(250, 14, 14));
        assertThat(p2.outputShape()).isEqualTo(new Shape(250, 4, 4));
        assertThat(c3.outputShape()).isEqualTo(new Shape(200, 4, 4));
    }

    @Test
    void badParameters() {
        Shape in = new Shape(1, 4, 4);
        assertThatThrownBy(() -> new PoolingLayer("p", in, 0, 1, 0)).hasMessage("kernel must be >= 1x1, got 0x0");
        assertThatThrownBy(() -> new PoolingLayer("p", in, 2, 0, 0)).hasMessage("stride must be >= 1, got 0");
        assertThatThrownBy(() -> new PoolingLayer("p", in, 2, 2, 2))
                .hasMessage("padding must be in [0, 1] (at most half the kernel 2x2), got 2");
        assertThatThrownBy(() -> new PoolingLayer("p", in, 5, 1, 0)).hasMessageContaining("does not fit input 1x4x4");
        assertThatThrownBy(() -> new PaddingLayer("pad", in, 1, -1, 0, 0))
                .hasMessage("padding must be >= 0, got top 1, bottom -1, left 0, right 0");
    }
}
