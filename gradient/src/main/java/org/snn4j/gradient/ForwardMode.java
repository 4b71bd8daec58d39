package org.snn4j.gradient;

/** How a {@link SurrogateNeuron} turns its potential into output in the forward pass. */
public enum ForwardMode {
    /** Binary spikes: 1 when {@code u >= theta}, else 0 (training and inference). */
    SPIKES,
    /**
     * {@link Surrogate#smooth(float)} of {@code u - theta}: a differentiable network whose exact gradient is the
     * surrogate gradient, for checking the backward pass against finite differences. Not for training.
     */
    SMOOTH
}
