package org.snn4j.neuron;

/**
 * What happens to the membrane potential when a neuron fires.
 */
public enum ResetMode {
    /** {@code V <- vReset}. */
    TO_VALUE,
    /**
     * {@code V <- V - (theta - vReset)}, where {@code theta} is the neuron's threshold (with its offset): a
     * neuron exactly at threshold lands on {@code vReset}, any excess is kept ("reset by subtraction").
     */
    SUBTRACT,
    /** {@code V} is left unchanged (the neuron still fires; used with fire-once latency coding). */
    NONE;

    /**
     * The potential after a spike: the one home of the three rules above for every neuron model.
     *
     * @param v      the potential that reached the threshold
     * @param theta  the threshold it reached (with its offset)
     * @param vReset the model's reset potential
     */
    public float apply(float v, float theta, float vReset) {
        switch (this) {
            case TO_VALUE:
                return vReset;
            case SUBTRACT:
                return v - (theta - vReset);
            default:
                return v;
        }
    }
}
