package org.snn4j.synapse;

import org.snn4j.internal.Checks;

/**
 * Parameters of {@link ExpCurrentLif}, a leaky integrate-and-fire neuron with exponentially decaying
 * excitatory and inhibitory currents:
 * <pre>  tauM dV/dt = vRest - V + I_e + I_i,   tauE dI_e/dt = -I_e,   tauI dI_i/dt = -I_i</pre>
 * Currents are written as {@code R I} in mV; a synaptic weight (mV) is added to {@code I_e} or {@code I_i}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tauMs        membrane time constant {@code tauM}, ms, > 0
 * @param tauExcMs     excitatory current time constant {@code tauE}, ms, > 0
 * @param tauInhMs     inhibitory current time constant {@code tauI}, ms, > 0
 * @param vRest        resting (leak reversal) potential, mV
 * @param vThreshold   firing threshold, mV (the per-neuron threshold offset is added)
 * @param vReset       potential after a spike, mV, below {@code vThreshold}
 * @param refractoryMs absolute refractory period, ms, >= 0 (see {@link SynapticModel} for the step rule)
 */
public record ExpCurrentParameters(float tauMs, float tauExcMs, float tauInhMs, float vRest, float vThreshold,
                                   float vReset, float refractoryMs) {

    /** Checks every field; messages name the field, the value and the allowed range. */
    public ExpCurrentParameters {
        Checks.positive("tauMs", tauMs);
        Checks.positive("tauExcMs", tauExcMs);
        Checks.positive("tauInhMs", tauInhMs);
        Checks.finite("vRest", vRest);
        Checks.finite("vThreshold", vThreshold);
        Checks.finite("vReset", vReset);
        Checks.nonNegative("refractoryMs", refractoryMs);
        Checks.below("vReset", vReset, "vThreshold", vThreshold);
    }

    /**
     * The CUBA network of Brette et al. 2007 (benchmark 2, J. Comput. Neurosci. 23:349,
     * doi:10.1007/s10827-007-0038-6) as in Brian2's example: tauM 20 ms, tauE 5 ms, tauI 10 ms, rest -49 mV
     * (above threshold: the neurons fire on their own), threshold -50 mV, reset -60 mV, refractory 5 ms.
     * Its weights are +1.62 mV (excitatory) and -9 mV (inhibitory).
     */
    public static ExpCurrentParameters brette2007() {
        return new ExpCurrentParameters(20f, 5f, 10f, -49f, -50f, -60f, 5f);
    }

    /** A copy with {@code vRest} replaced. */
    public ExpCurrentParameters withVRest(float v) {
        return new ExpCurrentParameters(tauMs, tauExcMs, tauInhMs, v, vThreshold, vReset, refractoryMs);
    }

    /** A copy with {@code refractoryMs} replaced. */
    public ExpCurrentParameters withRefractoryMs(float v) {
        return new ExpCurrentParameters(tauMs, tauExcMs, tauInhMs, vRest, vThreshold, vReset, v);
    }
}
