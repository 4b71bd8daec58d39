package org.snn4j.layer;

import java.util.Arrays;
import java.util.Objects;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;

/**
 * Max pooling over spikes, per feature map: a pooled neuron fires at the first step at which any input in
 * its {@code k x k} window (stride {@code s}, padding {@code p} that never fires) fires, and at most once
 * per presentation. On latency-coded (cumulative) spike waves this equals SpykeTorch's
 * {@code sf.pooling} ({@code max_pool2d} of each step's wave, floor mode). The output is
 * {@code C x OH x OW} with {@code OH = floor((H + 2p - k) / s) + 1}. Input positions not covered by any
 * window are ignored. A step's output spikes are in ascending neuron order, whatever the order of its input.
 *
 * <p>No neurons and no weights; the per-presentation state is a "fired" flag per output. Immutable and
 * thread-safe; its states are not.
 */
public final class PoolingLayer implements Persistent, Layer {
    private final String name;
    private final Shape inShape;
    private final Shape outShape;
    private final int kH;
    private final int kW;
    private final int stride;
    private final int pad;
    /**
     * Non-overlapping windows (stride = kernel, no padding): the output each input neuron falls in, or -1 for
     * inputs no window covers; null otherwise.
     */
    private final int[] target;

    /**
     * A square pooling window.
     *
     * @param name    layer name, not blank
     * @param inShape input shape
     * @param kernel  window size, >= 1
     * @param stride  stride, >= 1
     * @param padding padding on every side, in {@code [0, kernel / 2]} (as PyTorch's {@code max_pool2d})
     */
    public PoolingLayer(String name, Shape inShape, int kernel, int stride, int padding) {
        this(name, inShape, kernel, kernel, stride, padding);
    }

    /**
     * A {@code kernelH x kernelW} pooling window.
     *
     * @throws IllegalArgumentException naming the bad parameter, or if the window does not fit
     */
    public PoolingLayer(String name, Shape inShape, int kernelH, int kernelW, int stride, int padding) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        this.inShape = Objects.requireNonNull(inShape, "inShape");
        if (kernelH < 1 || kernelW < 1) {
            throw new IllegalArgumentException("kernel must be >= 1x1, got " + kernelH + "x" + kernelW);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be >= 1, got " + stride);
        }
        if (padding < 0 || padding > Math.min(kernelH, kernelW) / 2) {
            throw new IllegalArgumentException("padding must be in [0, " + Math.min(kernelH, kernelW) / 2
                    + "] (at most half the kernel " + kernelH + "x" + kernelW + "), got " + padding);
        }
        this.kH = kernelH;
        this.kW = kernelW;
        this.stride = stride;
        this.pad = padding;
        int oh = Windows.outputSize(inShape.height(), kH, stride, pad);
        int ow = Windows.outputSize(inShape.width(), kW, stride, pad);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("layer " + name + ": pooling " + kH + "x" + kW + " stride " + stride
                    + " padding " + pad + " does not fit input " + inShape);
        }
        this.outShape = new Shape(inShape.channels(), oh, ow);
        if (stride == kH && stride == kW && pad == 0) {
            int inH = inShape.height();
            int inW = inShape.width();
            target = new int[inShape.size()];
            for (int c = 0; c < inShape.channels(); c++) {
                for (int y = 0; y < inH; y++) {
                    for (int x = 0; x < inW; x++) {
                        int oy = y / stride;
                        int ox = x / stride;
                        target[(c * inH + y) * inW + x] = oy < oh && ox < ow ? (c * oh + oy) * ow + ox : -1;
                    }
                }
            }
        } else {
            target = null;
        }
    }

    /** Window height. */
    public int kernelHeight() {
        return kH;
    }

    /** Window width. */
    public int kernelWidth() {
        return kW;
    }

    /** Stride. */
    public int stride() {
        return stride;
    }

    /** Padding on every side. */
    public int padding() {
        return pad;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape inputShape() {
        return inShape;
    }

    @Override
    public Shape outputShape() {
        return outShape;
    }

    /** {@code 0}: no weights, the output depends on the input only. */
    @Override
    public long weightVersion() {
        return 0L;
    }

    @Override
    public LayerState newState() {
        return new State(inShape, outShape);
    }

    /** State of a pooling layer: which outputs have fired in this presentation. Not thread-safe. */
    static final class State extends LayerState {
        final boolean[] fired;

        State(Shape in, Shape out) {
            super(in, out, null);
            fired = new boolean[out.size()];
        }

        @Override
        public void reset() {
            super.reset();
            Arrays.fill(fired, false);
        }
    }

    /** Fires each pooled neuron whose window received its first spike in this step. No synaptic events. */
    @Override
    public void step(Spikes in, LayerState layerState, StepContext ctx, Spikes out) {
        if (!(layerState instanceof State)) {
            throw new IllegalArgumentException("layer " + name + " needs a state created by its newState()");
        }
        State st = (State) layerState;
        boolean[] fired = st.fired;
        int[] inStep = st.inputSpikeStep();
        int t = ctx.step();
        int inH = inShape.height();
        int inW = inShape.width();
        int inMap = inH * inW;
        int outH = outShape.height();
        int outW = outShape.width();
        int outMap = outH * outW;
        int n = in.count();
        int[] idx = in.indices();
        int spikes = 0;
        if (target != null) {
            int[] tg = target;
            for (int k = 0; k < n; k++) {
                int i = idx[k];
                inStep[i] = t;
                int j = tg[i];
                if (j >= 0 && !fired[j]) {
                    fired[j] = true;
                    out.add(j);
                    spikes++;
                }
            }
            ascending(out, spikes);
            st.count(spikes, 0);
            return;
        }
        for (int k = 0; k < n; k++) {
            int i = idx[k];
            inStep[i] = t;
            int c = i / inMap;
            int r = i - c * inMap;
            int y = r / inW;
            int x = r - y * inW;
            int oy1 = Windows.last(y, stride, pad, outH);
            int ox0 = Windows.first(x, kW, stride, pad);
            int ox1 = Windows.last(x, stride, pad, outW);
            for (int oy = Windows.first(y, kH, stride, pad); oy <= oy1; oy++) {
                int base = c * outMap + oy * outW;
                for (int ox = ox0; ox <= ox1; ox++) {
                    int j = base + ox;
                    if (!fired[j]) {
                        fired[j] = true;
                        out.add(j);
                        spikes++;
                    }
                }
            }
        }
        ascending(out, spikes);
        st.count(spikes, 0);
    }

    /**
     * Sorts this step's {@code spikes} output spikes (the last ones of {@code out}) into ascending neuron order:
     * the layer after it then adds its weight rows in an order that does not depend on the order in which the
     * layer before fired (the same float sums whether that layer ran stepped, collapsed or from a cache).
     */
    private static void ascending(Spikes out, int spikes) {
        if (spikes > 1) {
            java.util.Arrays.sort(out.indices(), out.count() - spikes, out.count());
        }
    }

    @Override
    public String toString() {
        return "PoolingLayer[" + name + ": " + inShape + " -> " + outShape + ", " + kH + "x" + kW + " stride "
                + stride + " padding " + pad + "]";
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return LayerCodecs.POOLING;
    }
}
