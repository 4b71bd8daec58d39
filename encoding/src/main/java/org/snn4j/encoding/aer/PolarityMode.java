package org.snn4j.encoding.aer;

/** How polarity maps to channels when events become frames or spikes. */
public enum PolarityMode {
    /** Two channels: 0 = OFF, 1 = ON; neuron index {@code (p * H + y) * W + x} on a {@code 2 x H x W} shape. */
    SPLIT,
    /** One channel for both polarities; neuron index {@code y * W + x} on a {@code 1 x H x W} shape. */
    MERGED;

    /** Number of channels. */
    public int channels() {
        return this == SPLIT ? 2 : 1;
    }
}
