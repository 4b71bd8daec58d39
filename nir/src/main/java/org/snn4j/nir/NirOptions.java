package org.snn4j.nir;

import java.util.Objects;

/**
 * How continuous-time NIR maps to snn4j's time steps, for {@link NirImport} and {@link NirExport}.
 *
 * <p>Time: snn4j works in ms; NIR's table of primitives says ms too, but Norse and snnTorch write time
 * constants in seconds ({@code tau = 0.0025} for 2.5 ms). {@code timeUnitMs} is the length of one NIR time
 * unit in ms: 1 for ms, 1000 for seconds. The NIR step {@code dt} is {@code dtMs / timeUnitMs}.
 *
 * @param dtMs       the snn4j network's time step, ms, finite and > 0
 * @param timeUnitMs one NIR time unit in ms (1: ms, 1000: s), finite and > 0
 * @param spikes     what a spike injects (see {@link SpikeConvention})
 */
public record NirOptions(float dtMs, float timeUnitMs, SpikeConvention spikes) {

    /** Checks every field. */
    public NirOptions {
        if (!(dtMs > 0f) || !Float.isFinite(dtMs)) {
            throw new IllegalArgumentException("dtMs must be finite and > 0, got " + dtMs);
        }
        if (!(timeUnitMs > 0f) || !Float.isFinite(timeUnitMs)) {
            throw new IllegalArgumentException("timeUnitMs must be finite and > 0, got " + timeUnitMs);
        }
        Objects.requireNonNull(spikes, "spikes");
    }

    /** Step {@code dtMs}, NIR times in ms, spikes as one-step pulses (the peers' practice). */
    public static NirOptions ofDtMs(float dtMs) {
        return new NirOptions(dtMs, 1f, SpikeConvention.ONE_STEP_PULSE);
    }

    /**
     * Step {@code dtMs}, NIR times in seconds, spikes as one-step pulses: files written by snnTorch and Norse.
     */
    public static NirOptions seconds(float dtMs) {
        return new NirOptions(dtMs, 1000f, SpikeConvention.ONE_STEP_PULSE);
    }

    /** A copy with {@code spikes} replaced. */
    public NirOptions withSpikes(SpikeConvention s) {
        return new NirOptions(dtMs, timeUnitMs, s);
    }

    /** The step in NIR time units, {@code dtMs / timeUnitMs}. */
    public double dt() {
        return (double) dtMs / timeUnitMs;
    }

    /** The factor {@code dt} or 1 that multiplies {@code R w} in a spike's effect (see {@link SpikeConvention}). */
    double spikeArea() {
        return spikes == SpikeConvention.ONE_STEP_PULSE ? dt() : 1.0;
    }
}
