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
    NONE
}
