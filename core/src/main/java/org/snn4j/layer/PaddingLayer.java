package org.snn4j.layer;

import org.snn4j.internal.Checks;
import java.util.Objects;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;

/**
 * Zero padding of every feature map ({@code top}, {@code bottom} rows, {@code left}, {@code right}
 * columns) as a pure index remap of spikes: input {@code (c, y, x)} becomes output
 * {@code (c, y + top, x + left)}; padding neurons never fire. Equivalent to SpykeTorch's {@code sf.pad}
 * with value 0 on spike waves. No neurons, no weights, no synaptic events. Immutable and thread-safe.
 */
public final class PaddingLayer implements Persistent, Layer {
    private final String name;
    private final Shape inShape;
    private final Shape outShape;
    private final int top;
    private final int left;
    /** The output neuron of each input neuron (a lookup per spike instead of two divisions). */
    private final int[] target;

    /** The same padding {@code p >= 0} on every side. */
    public PaddingLayer(String name, Shape inShape, int p) {
        this(name, inShape, p, p, p, p);
    }

    /**
     * @throws IllegalArgumentException if a padding is negative or the output is too large
     */
    public PaddingLayer(String name, Shape inShape, int top, int bottom, int left, int right) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        this.inShape = Objects.requireNonNull(inShape, "inShape");
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got top " + top + ", bottom " + bottom
                    + ", left " + left + ", right " + right);
        }
        this.top = top;
        this.left = left;
        this.outShape = new Shape(inShape.channels(),
                Checks.arraySizeSum("layer " + name + ": output height = input height + top + bottom",
                        inShape.height(), (long) top + bottom),
                Checks.arraySizeSum("layer " + name + ": output width = input width + left + right",
                        inShape.width(), (long) left + right));
        int inH = inShape.height();
        int inW = inShape.width();
        int outH = outShape.height();
        int outW = outShape.width();
        target = new int[inShape.size()];
        for (int c = 0, i = 0; c < inShape.channels(); c++) {
            for (int y = 0; y < inH; y++) {
                for (int x = 0; x < inW; x++, i++) {
                    target[i] = (c * outH + y + top) * outW + x + left;
                }
            }
        }
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

    /** Rows added above. */
    public int top() {
        return top;
    }

    /** Rows added below. */
    public int bottom() {
        return outShape.height() - inShape.height() - top;
    }

    /** Columns added on the left. */
    public int left() {
        return left;
    }

    /** Columns added on the right. */
    public int right() {
        return outShape.width() - inShape.width() - left;
    }

    /** {@code 0}: no weights, the output depends on the input only. */
    @Override
    public long weightVersion() {
        return 0L;
    }

    @Override
    public LayerState newState() {
        return new LayerState(inShape, outShape, null);
    }

    /** Remaps every input spike to its padded position. */
    @Override
    public void step(Spikes in, LayerState state, StepContext ctx, Spikes out) {
        int[] inStep = state.inputSpikeStep();
        int t = ctx.step();
        int[] tg = target;
        int n = in.count();
        int[] idx = in.indices();
        int before = out.count();
        for (int k = 0; k < n; k++) {
            int i = idx[k];
            inStep[i] = t;
            out.add(tg[i]);
        }
        state.count(out.count() - before, 0);
    }

    @Override
    public String toString() {
        return "PaddingLayer[" + name + ": " + inShape + " -> " + outShape + "]";
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return LayerCodecs.PADDING;
    }
}
