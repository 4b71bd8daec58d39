package org.snn4j.neuron;

import java.util.Objects;
import org.snn4j.internal.Checks;

/**
 * Parameters of the leaky integrate-and-fire neuron {@link Lif}:
 * {@code tau dV/dt = -(V - vRest) + R I}, delta synaptic jumps, threshold, reset and an absolute
 * refractory period. Potentials in mV, times in ms, {@code R I} in mV (so {@code resistance} is in
 * mV per unit of the external current; with {@code resistance = 1} the current is given directly as
 * {@code R I} in mV).
 *
 * <p>Immutable and thread-safe.
 *
 * @param tauMs        membrane time constant {@code tau}, ms, > 0
 * @param vRest        resting potential, mV
 * @param vReset       potential after a spike ({@link ResetMode#TO_VALUE}), mV; with TO_VALUE it must be
 *                     below {@code vThreshold}
 * @param vThreshold   firing threshold, mV (the per-neuron threshold offset is added to it)
 * @param resistance   membrane resistance {@code R} applied to the external current, mV per current unit,
 *                     finite
 * @param refractoryMs absolute refractory period, ms, >= 0; it lasts {@code ceil(refractoryMs / dt)} steps
 *                     after the spike step, during which the potential is held and input is ignored
 * @param resetMode    what a spike does to the potential
 */
public record LifParameters(float tauMs, float vRest, float vReset, float vThreshold, float resistance,
                            float refractoryMs, ResetMode resetMode) {

    /** Checks every field; messages name the field, the value and the allowed range. */
    public LifParameters {
        Checks.positive("tauMs", tauMs);
        Checks.finite("vRest", vRest);
        Checks.finite("vReset", vReset);
        Checks.finite("vThreshold", vThreshold);
        Checks.finite("resistance", resistance);
        Checks.nonNegative("refractoryMs", refractoryMs);
        Objects.requireNonNull(resetMode, "resetMode");
        if (resetMode == ResetMode.TO_VALUE && !(vReset < vThreshold)) {
            throw new IllegalArgumentException("vReset must be < vThreshold = " + vThreshold
                    + " with reset mode TO_VALUE, got " + vReset);
        }
    }

    /**
     * The neuron of the Brian2 "poisson_syn" benchmark (ANCHORS.md section 3), potentials relative to rest:
     * tau 20 ms, rest 0 mV, reset 0 mV, threshold 20 mV, R 1, refractory 2 ms, reset to value.
     */
    public static LifParameters defaults() {
        return new LifParameters(20f, 0f, 0f, 20f, 1f, 2f, ResetMode.TO_VALUE);
    }

    /** A copy with {@code tauMs} replaced. */
    public LifParameters withTauMs(float v) {
        return new LifParameters(v, vRest, vReset, vThreshold, resistance, refractoryMs, resetMode);
    }

    /** A copy with {@code vRest} replaced. */
    public LifParameters withVRest(float v) {
        return new LifParameters(tauMs, v, vReset, vThreshold, resistance, refractoryMs, resetMode);
    }

    /** A copy with {@code vReset} replaced. */
    public LifParameters withVReset(float v) {
        return new LifParameters(tauMs, vRest, v, vThreshold, resistance, refractoryMs, resetMode);
    }

    /** A copy with {@code vThreshold} replaced. */
    public LifParameters withVThreshold(float v) {
        return new LifParameters(tauMs, vRest, vReset, v, resistance, refractoryMs, resetMode);
    }

    /** A copy with {@code resistance} replaced. */
    public LifParameters withResistance(float v) {
        return new LifParameters(tauMs, vRest, vReset, vThreshold, v, refractoryMs, resetMode);
    }

    /** A copy with {@code refractoryMs} replaced. */
    public LifParameters withRefractoryMs(float v) {
        return new LifParameters(tauMs, vRest, vReset, vThreshold, resistance, v, resetMode);
    }

    /** A copy with {@code resetMode} replaced. */
    public LifParameters withResetMode(ResetMode v) {
        return new LifParameters(tauMs, vRest, vReset, vThreshold, resistance, refractoryMs, v);
    }
}
