package org.snn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.Spikes;

/**
 * {@link PoolingLayer}: each step's spikes in ascending order (after spikes already in the buffer), the spike
 * counter, inputs outside every window, a second presentation after a reset, and the constructor's messages.
 * Written after the 70c04d2 whole-module PIT run (issue 17: survivors in PoolingLayer.step, ascending, init,
 * State.reset; SynapticInput's size check).
 */
class PoolingOrderResetValidationTest {

    private static int[] step(PoolingLayer p, LayerState st, int t, int steps, Spikes out, int... inputs) {
        StepContext ctx = new StepContext(1f);
        ctx.begin(steps, true);
        ctx.setStep(t);
        Spikes in = new Spikes(p.inputShape().size());
        for (int i : inputs) {
            in.add(i);
        }
        p.step(in, st, ctx, out);
        return Arrays.copyOf(out.indices(), out.count());
    }

    @Test
    void nonOverlappingWindowsSortTheirSpikesCountThemAndIgnoreInputsOutsideEveryWindow() {
        // 2 channels, 5x7 input, 2x2 stride 2: output 2x2x3; row 4 and column 6 lie in no window
        PoolingLayer p = new PoolingLayer("p", new Shape(2, 5, 7), 2, 2, 0);
        assertThat(p.outputShape()).isEqualTo(new Shape(2, 2, 3));
        LayerState st = p.newState();
        st.reset();
        Spikes out = new Spikes(p.outputShape().size());
        out.add(9); // already in the buffer from before (a window that does not fire): left first, not sorted in
        Shape in = p.inputShape();
        int[] got = step(p, st, 0, 3, out, in.index(1, 3, 5), in.index(0, 4, 1), in.index(1, 0, 0),
                in.index(0, 2, 3), in.index(0, 3, 6), in.index(0, 0, 1), in.index(0, 1, 0));
        // (1,3,5) -> 6 + 3 + 2 = 11, (1,0,0) -> 6, (0,2,3) -> 4,
        // (0,0,1) and (0,1,0) -> 0 once; (0,4,1) and (0,3,6) -> none
        assertThat(got).containsExactly(9, 0, 4, 6, 11);
        assertThat(st.spikeCount()).isEqualTo(4);
        // step 1: the same windows again fire nothing; a new one fires
        Spikes out2 = new Spikes(p.outputShape().size());
        assertThat(step(p, st, 1, 3, out2, in.index(0, 0, 0), in.index(1, 1, 2), in.index(0, 1, 1)))
                .containsExactly(7);
        assertThat(st.spikeCount()).isEqualTo(5);
        assertThat(st.inputSpikeStep()[in.index(0, 0, 0)]).isEqualTo(1);
        assertThat(st.inputSpikeStep()[in.index(0, 4, 1)]).isZero();
        // second presentation: after the reset every window may fire again, and the input steps are cleared
        st.reset();
        assertThat(st.inputSpikeStep()).containsOnly(-1);
        Spikes out3 = new Spikes(p.outputShape().size());
        assertThat(step(p, st, 0, 3, out3, in.index(1, 1, 2), in.index(0, 0, 0))).containsExactly(0, 7);
        assertThat(st.spikeCount()).isEqualTo(7); // counters are kept across presentations
    }

    @Test
    void overlappingWindowsSortTheirSpikesAndCountThem() {
        // 1 channel, 4x5 input, 3x2 kernel, stride 1, padding 1: output 4x6 (general path)
        PoolingLayer p = new PoolingLayer("q", new Shape(1, 4, 5), 3, 2, 1, 1);
        Shape o = p.outputShape();
        assertThat(o).isEqualTo(new Shape(1, 4, 6));
        LayerState st = p.newState();
        st.reset();
        Spikes out = new Spikes(o.size());
        out.add(20); // already in the buffer: left first
        int[] got = step(p, st, 0, 2, out, 3 * 5 + 4, 0);
        // input (y,x) lies in window (oy,ox) for oy in [y-1, y+1] and ox in [x, x+1], clipped to the output:
        // (3,4) -> rows 2..3, columns 4..5; (0,0) -> rows 0..1, columns 0..1
        assertThat(got).containsExactly(20, 0, 1, 6, 7, 16, 17, 22, 23);
        assertThat(st.spikeCount()).isEqualTo(8);
        Spikes out2 = new Spikes(o.size());
        // (1,1): rows 0..2, columns 1..2, of which 1 and 7 fired already
        assertThat(step(p, st, 1, 2, out2, 5 + 1)).containsExactly(2, 8, 13, 14);
        assertThat(st.spikeCount()).isEqualTo(12);
        st.reset();
        Spikes out3 = new Spikes(o.size());
        assertThat(step(p, st, 0, 2, out3, 0)).containsExactly(0, 1, 6, 7);
        assertThat(st.inputSpikeStep()[0]).isZero();
        assertThat(st.inputSpikeStep()[6]).isEqualTo(-1);
    }

    @Test
    void constructorMessagesNameTheParameter() {
        Shape in = new Shape(1, 6, 6);
        assertThatThrownBy(() -> new PoolingLayer(" ", in, 2, 2, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must not be blank");
        assertThatThrownBy(() -> new PoolingLayer("p", in, 0, 2, 1, 0)).hasMessage("kernel must be >= 1x1, got 0x2");
        assertThatThrownBy(() -> new PoolingLayer("p", in, 2, 0, 1, 0)).hasMessage("kernel must be >= 1x1, got 2x0");
        assertThatThrownBy(() -> new PoolingLayer("p", in, 2, 0, 0)).hasMessage("stride must be >= 1, got 0");
        assertThatThrownBy(() -> new PoolingLayer("p", in, 2, 1, -1))
                .hasMessage("padding must be in [0, 1] (at most half the kernel 2x2), got -1");
        assertThatThrownBy(() -> new PoolingLayer("p", in, 4, 5, 1, 3))
                .hasMessage("padding must be in [0, 2] (at most half the kernel 4x5), got 3");
        assertThatThrownBy(() -> new PoolingLayer("p", new Shape(1, 3, 6), 4, 2, 1, 0))
                .hasMessage("layer p: pooling 4x2 stride 1 padding 0 does not fit input " + new Shape(1, 3, 6));
        assertThatThrownBy(() -> new PoolingLayer("p", new Shape(1, 6, 3), 2, 4, 1, 0))
                .hasMessage("layer p: pooling 2x4 stride 1 padding 0 does not fit input " + new Shape(1, 6, 3));
        PoolingLayer ok = new PoolingLayer("p", new Shape(1, 3, 3), 3, 3, 1, 1);
        assertThat(ok.outputShape()).isEqualTo(new Shape(1, 3, 3));
        assertThat(ok.toString()).isEqualTo("PoolingLayer[p: " + new Shape(1, 3, 3) + " -> " + new Shape(1, 3, 3)
                + ", 3x3 stride 1 padding 1]");
        assertThatThrownBy(() -> ok.step(new Spikes(9), new LayerState(ok.inputShape(), ok.outputShape(), null),
                new StepContext(1f), new Spikes(9))).hasMessage("layer p needs a state created by its newState()");
    }

    @Test
    void synapticInputAcceptsZeroNeuronsAndRejectsNegativeSizesByValue() {
        assertThat(new SynapticInput(0).size()).isZero();
        assertThat(new SynapticInput(1).size()).isEqualTo(1);
        assertThatThrownBy(() -> new SynapticInput(-1)).hasMessage("size must be >= 0, got -1");
    }
}
