package org.snn4j.spark;

import java.io.Serializable;
import java.util.Objects;
import org.snn4j.encoding.aer.BinnedEvents;
import org.snn4j.encoding.aer.EventBinning;
import org.snn4j.encoding.aer.Events;
import org.snn4j.encoding.aer.PolarityMode;

/**
 * Binning of decoded events into per-step spike lists ({@link EventBinning#binned}): {@code steps} steps of
 * {@code stepUs} microseconds from {@code t0Us}, polarities split into two channels or merged. The result is stored
 * per row as the columns {@code offsets} ({@code steps + 1} entries) and {@code inputs} (the inputs that spike in
 * each step, sorted), which {@link EventFiles#binned} turns back into {@link BinnedEvents}.
 *
 * @param t0Us   start of step 0, microseconds
 * @param stepUs step length, microseconds, &gt;= 1
 * @param steps  number of steps, &gt;= 1
 * @param mode   polarity channels
 */
public record EventBins(long t0Us, long stepUs, int steps, PolarityMode mode) implements Serializable {
    /** Checks every field. */
    public EventBins {
        if (stepUs < 1) {
            throw new IllegalArgumentException("stepUs must be >= 1, got " + stepUs);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        Objects.requireNonNull(mode, "mode");
    }

    /** SLAYER's N-MNIST binning: 300 steps of 1 ms from 0, polarities split (2 x 34 x 34 inputs for N-MNIST). */
    public static EventBins slayer() {
        return new EventBins(0, 1000, 300, PolarityMode.SPLIT);
    }

    /** Bins {@code e}. */
    public BinnedEvents apply(Events e) {
        return EventBinning.binned(e, t0Us, stepUs, steps, mode);
    }
}
