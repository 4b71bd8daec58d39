package org.snn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.neuron.PerfectIf;

/**
 * Conv2dLayer's receptive-field walk at every output position (not only position 0), on a layer with two
 * input channels, three maps, a non-square kernel, stride 2 and asymmetric padding: each (weight, pre) pair
 * the kernel is shown is checked against the geometry computed from {@link Shape} independently.
 */
class Conv2dReceptiveFieldTest {

    @Test
    void everyPositionSeesItsOwnWindowAndItsMapsWeights() {
        Shape in = new Shape(2, 7, 6);
        int outC = 3;
        int kH = 3;
        int kW = 2;
        int stride = 2;
        int padH = 1;
        int padW = 0;
        Conv2dLayer l = Conv2dLayer.builder("c", in, outC, kH, kW).stride(stride).padding(padH, padW)
                .neurons(PerfectIf.latencyCoded(1f))
                .build();
        Shape out = l.outputShape();
        assertThat(out).isEqualTo(new Shape(3, (7 + 2 - 3) / 2 + 1, (6 - 2) / 2 + 1));
        float[] w = l.weights();
        for (int k = 0; k < w.length; k++) {
            w[k] = k; // a weight's value names its index
        }
        LayerState state = l.newState();
        for (int post = 0; post < out.size(); post++) {
            int o = out.channelOf(post);
            int oy = out.rowOf(post);
            int ox = out.colOf(post);
            Set<Integer> seenWeights = new HashSet<>();
            int[] padded = {0};
            int[] calls = {0};
            final int p = post;
            l.updateReceptiveField(post, state, (weight, pre, q) -> {
                assertThat(q).isEqualTo(p);
                int wi = (int) weight;
                assertThat(wi % outC).as("map of weight %d", wi).isEqualTo(o);
                int tap = wi / outC; // (c * kH + ky) * kW + kx
                int kx = tap % kW;
                int ky = (tap / kW) % kH;
                int c = tap / (kW * kH);
                int iy = oy * stride - padH + ky;
                int ix = ox * stride - padW + kx;
                boolean inside = iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width();
                if (inside) {
                    assertThat(pre).as("input under tap (%d,%d,%d) of output %d", c, ky, kx, p)
                            .isEqualTo((c * in.height() + iy) * in.width() + ix);
                } else {
                    assertThat(pre).isEqualTo(-1);
                    padded[0]++;
                }
                assertThat(seenWeights.add(wi)).isTrue();
                calls[0]++;
                return weight;
            });
            assertThat(calls[0]).isEqualTo(2 * kH * kW);
            int rowsOutside = 0;
            for (int ky = 0; ky < kH; ky++) {
                int iy = oy * stride - padH + ky;
                rowsOutside += iy < 0 || iy >= in.height() ? 1 : 0;
            }
            assertThat(padded[0]).as("padding taps of output %d", post).isEqualTo(2 * kW * rowsOutside);
        }
    }
}
