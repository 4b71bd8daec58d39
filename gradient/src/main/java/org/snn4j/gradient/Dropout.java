package org.snn4j.gradient;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.snn4j.Shape;

/**
 * Neuron dropout: in training, each unit is kept with probability {@code 1 - rate} for the whole sample (the same
 * mask at every step, as lava-dl's neuron dropout) and scaled by {@code 1 / (1 - rate)}; at inference the layer is
 * the identity. The mask comes from the pass's seed (the trainer derives it from its seed, the epoch and the sample),
 * so results do not depend on threads. No parameters.
 */
public final class Dropout implements Layer {
    private final String name;
    private final Shape shape;
    private final float rate;
    private final long salt;

    /**
     * A dropout layer.
     *
     * @param name  layer name (also salts the mask)
     * @param shape input and output shape
     * @param rate  probability of dropping a unit, in [0, 1)
     */
    public Dropout(String name, Shape shape, float rate) {
        this.name = Objects.requireNonNull(name, "name");
        this.shape = Objects.requireNonNull(shape, "shape");
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException(name + ": rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.salt = name.hashCode() * 0x9E3779B97F4A7C15L;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape inputShape() {
        return shape;
    }

    @Override
    public Shape outputShape() {
        return shape;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Object newScratch(int steps) {
        return new float[shape.size()];
    }

    @Override
    public void forward(Tensor x, Tensor y, Object scratch, Pass pass) {
        float[] mask = (float[]) scratch;
        if (!pass.training() || rate == 0f) {
            y.copyFrom(x);
            java.util.Arrays.fill(mask, 1f);
            return;
        }
        SplittableRandom rng = new SplittableRandom(pass.seed() ^ salt);
        float keep = 1f / (1f - rate);
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextDouble() < rate ? 0f : keep;
        }
        float[] xd = x.data();
        float[] yd = y.data();
        int n = mask.length;
        for (int t = 0; t < x.steps(); t++) {
            int b = t * n;
            for (int i = 0; i < n; i++) {
                yd[b + i] = xd[b + i] * mask[i];
            }
        }
        y.markDense();
    }

    @Override
    public void backward(Tensor x, Tensor y, Tensor gradOut, Tensor gradIn, Object scratch) {
        if (gradIn == null) {
            return;
        }
        float[] mask = (float[]) scratch;
        float[] g = gradOut.data();
        float[] gx = gradIn.data();
        int n = mask.length;
        for (int t = 0; t < x.steps(); t++) {
            int b = t * n;
            for (int i = 0; i < n; i++) {
                gx[b + i] = g[b + i] * mask[i];
            }
        }
        gradIn.markDense();
    }
}
