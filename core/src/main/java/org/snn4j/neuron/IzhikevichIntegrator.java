package org.snn4j.neuron;

/**
 * Numerical scheme of {@link Izhikevich}. Spike counts depend on the scheme and the step: pin both in
 * tests (FORMATS-AND-ORACLES.md 3a).
 */
public enum IzhikevichIntegrator {
    /**
     * Forward Euler with {@code u} updated from the new {@code v}, for any {@code dt} (the 2004 paper's
     * {@code figure1.m}): {@code v += dt (0.04 v^2 + 5 v + 140 - u + I); u += dt a (b v - u)}.
     */
    EULER,
    /**
     * The 2003 paper's network code: {@code v} advanced in two half-steps of {@code dt/2} "for numerical
     * stability", then {@code u += dt a (b v - u)} from the new {@code v} (the paper uses dt = 1 ms).
     */
    TWO_HALF_STEPS
}
