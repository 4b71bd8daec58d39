package org.snn4j.gradient;

/** Whether the backward pass follows the reset (or refractory) path from a spike back into the potential. */
public enum ResetGradient {
    /** The reset is treated as a constant (SLAYER: "no gradient through the refractory term"; snnTorch's detach). */
    DETACHED,
    /** The exact gradient of the forward pass, through the reset or refractory kernel as well. */
    FULL
}
