package org.snn4j.encoding.filter;

import org.snn4j.Shape;
import org.snn4j.encoding.FeatureMaps;

/**
 * Sets every value below {@code threshold} to 0 and keeps the others ({@code torch.where(x < t, 0, x)}).
 * Immutable and thread-safe.
 *
 * @param threshold not NaN
 */
public record Threshold(float threshold) implements MapFilter {

    /** Checks the threshold. */
    public Threshold {
        if (Float.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must not be NaN");
        }
    }

    @Override
    public Shape outputShape(Shape in) {
        return in;
    }

    @Override
    public FeatureMaps apply(FeatureMaps input) {
        float[] in = input.data();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            float v = in[i];
            out[i] = v < threshold ? 0f : v;
        }
        return FeatureMaps.wrap(input.shape(), out);
    }
}
