package org.snn4j.neuron;

import java.util.Objects;
import org.snn4j.internal.Checks;

/**
 * Parameters of the perfect (non-leaky) integrate-and-fire neuron {@link PerfectIf}:
 * {@code dV/dt = I} plus delta synaptic jumps. Potentials in mV, times in ms, the external current in
 * mV/ms.
 *
 * <p>Immutable and thread-safe.
 *
 * @param threshold    firing threshold {@code theta}, mV (the per-neuron threshold offset is added to it)
 * @param vReset       initial potential and potential after a spike ({@link ResetMode#TO_VALUE}), mV; with
 *                     TO_VALUE it must be below {@code threshold}
 * @param resetMode    what a spike does to the potential
 * @param refractoryMs absolute refractory period, ms, >= 0 ({@code ceil(refractoryMs / dt)} steps after the
 *                     spike step, potential held, input ignored)
 * @param fireOnce     if true a neuron fires at most once per presentation (latency-coded conv nets); its
 *                     potential keeps integrating according to the reset mode
 * @param comparison   {@code V >= theta} (default) or strictly {@code V > theta} (SpykeTorch)
 */
public record PerfectIfParameters(float threshold, float vReset, ResetMode resetMode, float refractoryMs,
                                  boolean fireOnce, ThresholdComparison comparison) {

    /** Checks every field. */
    public PerfectIfParameters {
        Checks.finite("threshold", threshold);
        Checks.finite("vReset", vReset);
        Objects.requireNonNull(resetMode, "resetMode");
        Checks.nonNegative("refractoryMs", refractoryMs);
        Objects.requireNonNull(comparison, "comparison");
        if (resetMode == ResetMode.TO_VALUE && !(vReset < threshold)) {
            throw new IllegalArgumentException("vReset must be < threshold = " + threshold
                    + " with reset mode TO_VALUE, got " + vReset);
        }
    }

    /** Threshold {@code theta}, reset to 0 mV, no refractory period, may fire repeatedly, {@code V >= theta}. */
    public static PerfectIfParameters of(float threshold) {
        return new PerfectIfParameters(threshold, 0f, ResetMode.TO_VALUE, 0f, false,
                ThresholdComparison.GREATER_OR_EQUAL);
    }

    /**
     * The neuron of latency-coded convolutional networks as in SpykeTorch (Kheradpisheh et al. 2018,
     * DOI 10.1016/j.neunet.2017.12.005; Mozafari et al. 2019, DOI 10.1016/j.patcog.2019.05.015): fires at most
     * once, strictly above {@code threshold}, and keeps its potential (no reset) so that competition can
     * compare potentials.
     */
    public static PerfectIfParameters latencyCoded(float threshold) {
        return new PerfectIfParameters(threshold, 0f, ResetMode.NONE, 0f, true, ThresholdComparison.GREATER);
    }

    /** A copy with {@code threshold} replaced. */
    public PerfectIfParameters withThreshold(float v) {
        return new PerfectIfParameters(v, vReset, resetMode, refractoryMs, fireOnce, comparison);
    }

    /** A copy with {@code vReset} replaced. */
    public PerfectIfParameters withVReset(float v) {
        return new PerfectIfParameters(threshold, v, resetMode, refractoryMs, fireOnce, comparison);
    }

    /** A copy with {@code resetMode} replaced. */
    public PerfectIfParameters withResetMode(ResetMode v) {
        return new PerfectIfParameters(threshold, vReset, v, refractoryMs, fireOnce, comparison);
    }

    /** A copy with {@code refractoryMs} replaced. */
    public PerfectIfParameters withRefractoryMs(float v) {
        return new PerfectIfParameters(threshold, vReset, resetMode, v, fireOnce, comparison);
    }

    /** A copy with {@code fireOnce} replaced. */
    public PerfectIfParameters withFireOnce(boolean v) {
        return new PerfectIfParameters(threshold, vReset, resetMode, refractoryMs, v, comparison);
    }

    /** A copy with {@code comparison} replaced. */
    public PerfectIfParameters withComparison(ThresholdComparison v) {
        return new PerfectIfParameters(threshold, vReset, resetMode, refractoryMs, fireOnce, v);
    }
}
