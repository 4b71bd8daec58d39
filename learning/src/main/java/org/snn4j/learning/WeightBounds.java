package org.snn4j.learning;

/**
 * The closed interval {@code [lo, hi]} that a learning rule keeps weights in. Signed weights are
 * allowed: {@code new WeightBounds(-1, 1)} is valid.
 *
 * <p>Immutable and thread-safe.
 *
 * @param lo the lowest weight, in mV; finite
 * @param hi the highest weight, in mV; finite and {@code > lo}
 */
public record WeightBounds(float lo, float hi) {

    /** Checks that both bounds are finite and {@code lo < hi}. */
    public WeightBounds {
        if (!Float.isFinite(lo)) {
            throw new IllegalArgumentException("lo must be finite, got " + lo);
        }
        if (!Float.isFinite(hi)) {
            throw new IllegalArgumentException("hi must be finite, got " + hi);
        }
        if (!(lo < hi)) {
            throw new IllegalArgumentException("hi must be > lo, got lo=" + lo + ", hi=" + hi);
        }
    }

    /** The unit interval {@code [0, 1]} (SpykeTorch's default). */
    public static WeightBounds unit() {
        return new WeightBounds(0f, 1f);
    }

    /** {@code w} clamped to {@code [lo, hi]}; NaN stays NaN. */
    public float clamp(float w) {
        return w < lo ? lo : (w > hi ? hi : w);
    }

    /** Whether {@code lo <= w <= hi}. */
    public boolean contains(float w) {
        return w >= lo && w <= hi;
    }
}
