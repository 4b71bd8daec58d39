package org.snn4j.conversion;

/** How an image enters the converted network. */
public enum InputCoding {
    /**
     * Constant current: the first layer's neurons receive {@code (W x + b) / lambda_1} every step (Rueckauer et
     * al. 2017), so the input adds no sampling noise.
     */
    ANALOG,
    /**
     * Spikes: pixel {@code x} in [0, 1] fires at each step with probability {@code x} (a Poisson / Bernoulli rate
     * code, {@code org.snn4j.encoding.PoissonEncoder}), seeded from the simulation.
     */
    POISSON
}
