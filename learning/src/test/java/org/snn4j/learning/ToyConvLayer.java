package org.snn4j.learning;

import java.util.List;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.layer.StepContext;
import org.snn4j.layer.SynapseKernel;

/**
 * Test-only convolution, 1 input channel, stride 1, zero padding {@code pad}: weights [outC][k][k]; the
 * receptive field of (c, y, x) pairs weight (c, ky, kx) with input (y + ky - pad, x + kx - pad), -1 outside.
 */
final class ToyConvLayer implements PlasticLayer {
    final int outC;
    final int k;
    final int pad;
    final float[] w;
    private final Shape in;
    private final Shape out;

    ToyConvLayer(int h, int wd, int outC, int k, int pad) {
        this.in = new Shape(1, h, wd);
        this.out = new Shape(outC, h + 2 * pad - k + 1, wd + 2 * pad - k + 1);
        this.outC = outC;
        this.k = k;
        this.pad = pad;
        this.w = new float[outC * k * k];
    }

    @Override
    public float[] weights() {
        return w;
    }

    @Override
    public void updateReceptiveField(int post, LayerState state, SynapseKernel kernel) {
        int c = out.channelOf(post);
        int y = out.rowOf(post);
        int x = out.colOf(post);
        for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
                int iy = y + ky - pad;
                int ix = x + kx - pad;
                int pre = iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width() ? in.index(0, iy, ix) : -1;
                int wi = (c * k + ky) * k + kx;
                w[wi] = kernel.newWeight(w[wi], pre, post);
            }
        }
    }

    @Override
    public String name() {
        return "toy-conv";
    }

    @Override
    public Shape inputShape() {
        return in;
    }

    @Override
    public Shape outputShape() {
        return out;
    }

    @Override
    public LayerState newState() {
        return new LayerState(in, out, new NeuronState(out.size(), List.of()));
    }

    @Override
    public void step(Spikes inSpikes, LayerState state, StepContext ctx, Spikes outSpikes) {
        throw new UnsupportedOperationException("test layer has no dynamics");
    }
}
