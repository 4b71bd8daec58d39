package org.snn4j.learning;

/**
 * A pair of signed learning rates: {@code aPlus} is applied to causal pairs (the pre-synaptic neuron
 * fired at or before the post-synaptic one, or inside the learning window), {@code aMinus} to the
 * others. Signs are free: ordinary STDP has {@code aPlus > 0 > aMinus}; anti-STDP (the punishment of
 * Mozafari 2019) has {@code aPlus < 0 < aMinus}; zero rates switch learning off.
 *
 * <p>Immutable and thread-safe.
 *
 * @param aPlus  rate for causal (pre-then-post, or same-step) pairs; finite
 * @param aMinus rate for acausal pairs and pre neurons that never fired; finite
 */
public record StdpRates(float aPlus, float aMinus) {

    /** Checks that both rates are finite. */
    public StdpRates {
        if (!Float.isFinite(aPlus)) {
            throw new IllegalArgumentException("aPlus must be finite, got " + aPlus);
        }
        if (!Float.isFinite(aMinus)) {
            throw new IllegalArgumentException("aMinus must be finite, got " + aMinus);
        }
    }

    /** Both rates zero: learning off. */
    public static StdpRates zero() {
        return new StdpRates(0f, 0f);
    }

    /**
     * Both rates multiplied by {@code factor}, each computed in double and rounded once to float
     * ({@code (float) (aPlus * factor)}), as SpykeTorch's adaptive rates are.
     */
    public StdpRates scaled(double factor) {
        return new StdpRates((float) (aPlus * factor), (float) (aMinus * factor));
    }

    /** Both rates negated (the anti-STDP mirror of these rates). */
    public StdpRates negated() {
        return new StdpRates(-aPlus, -aMinus);
    }
}
