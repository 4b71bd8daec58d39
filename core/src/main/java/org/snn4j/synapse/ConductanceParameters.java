package org.snn4j.synapse;

import java.util.Objects;
import org.snn4j.internal.Checks;

/**
 * Parameters of {@link ExpConductanceLif}, a leaky integrate-and-fire neuron with exponentially decaying
 * excitatory and inhibitory conductances:
 * <pre>  tauM dV/dt = vRest - V + g_e (eExc - V) + g_i (eInh - V),   tauE dg_e/dt = -g_e,   tauI dg_i/dt = -g_i</pre>
 * Conductances are dimensionless, in units of the leak conductance; a synaptic weight (same unit) is added to
 * {@code g_e} or {@code g_i}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tauMs        membrane time constant {@code tauM} (leak capacitance over leak conductance), ms, > 0
 * @param tauExcMs     excitatory conductance time constant, ms, > 0
 * @param tauInhMs     inhibitory conductance time constant, ms, > 0
 * @param vRest        leak reversal (resting) potential, mV
 * @param vThreshold   firing threshold, mV (the per-neuron threshold offset is added)
 * @param vReset       potential after a spike, mV, below {@code vThreshold}
 * @param eExc         excitatory reversal potential, mV
 * @param eInh         inhibitory reversal potential, mV
 * @param refractoryMs absolute refractory period, ms, >= 0 (see {@link SynapticModel} for the step rule)
 * @param integration  the integration method
 */
public record ConductanceParameters(float tauMs, float tauExcMs, float tauInhMs, float vRest, float vThreshold,
                                    float vReset, float eExc, float eInh, float refractoryMs,
                                    ConductanceIntegration integration) {

    /** Checks every field; messages name the field, the value and the allowed range. */
    public ConductanceParameters {
        Checks.positive("tauMs", tauMs);
        Checks.positive("tauExcMs", tauExcMs);
        Checks.positive("tauInhMs", tauInhMs);
        Checks.finite("vRest", vRest);
        Checks.finite("vThreshold", vThreshold);
        Checks.finite("vReset", vReset);
        Checks.finite("eExc", eExc);
        Checks.finite("eInh", eInh);
        Checks.nonNegative("refractoryMs", refractoryMs);
        Objects.requireNonNull(integration, "integration");
        Checks.below("vReset", vReset, "vThreshold", vThreshold);
    }

    /**
     * The COBA network of Brette et al. 2007 (benchmark 1, after Vogels and Abbott 2005;
     * doi:10.1007/s10827-007-0038-6) as in Brian2's example: tauM 20 ms, tauE 5 ms, tauI 10 ms, rest -60 mV,
     * threshold -50 mV, reset -60 mV, E_e 0 mV, E_i -80 mV, refractory 5 ms, forward Euler. Its weights are
     * 0.6 (excitatory, 6 nS over the 10 nS leak) and 6.7 (inhibitory, 67 nS).
     */
    public static ConductanceParameters brette2007() {
        return new ConductanceParameters(20f, 5f, 10f, -60f, -50f, -60f, 0f, -80f, 5f,
                ConductanceIntegration.FORWARD_EULER);
    }

    /** A copy with {@code integration} replaced. */
    public ConductanceParameters withIntegration(ConductanceIntegration v) {
        return new ConductanceParameters(tauMs, tauExcMs, tauInhMs, vRest, vThreshold, vReset, eExc, eInh,
                refractoryMs, v);
    }

    /** A copy with {@code refractoryMs} replaced. */
    public ConductanceParameters withRefractoryMs(float v) {
        return new ConductanceParameters(tauMs, tauExcMs, tauInhMs, vRest, vThreshold, vReset, eExc, eInh, v,
                integration);
    }
}
