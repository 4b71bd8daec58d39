package org.snn4j.neuron;

/**
 * How the membrane potential is compared with the threshold {@code theta}. SpykeTorch fires on
 * {@code V > theta} (strict, {@code torch.threshold}); Brian2, BindsNET and most textbooks on
 * {@code V >= theta}.
 */
public enum ThresholdComparison {
    /** Fires when {@code V >= theta} (the default). */
    GREATER_OR_EQUAL,
    /** Fires when {@code V > theta} (strict, as SpykeTorch). */
    GREATER;

    /** Whether {@code v} fires against {@code theta} under this comparison. */
    public boolean fires(float v, float theta) {
        return this == GREATER_OR_EQUAL ? v >= theta : v > theta;
    }
}
