package org.snn4j.neuron;

import java.util.Objects;
import org.snn4j.internal.Checks;

/**
 * Parameters of {@link ConductanceLif}, a leaky integrate-and-fire neuron whose synapses are conductances
 * with reversal potentials, delivered as delta conductances: potentials in mV, times in ms, conductances
 * relative to the leak conductance (dimensionless).
 *
 * <p>A conductance with time constant {@code tauSyn} that jumps by {@code w} moves the membrane, integrated
 * over its whole decay, by about {@code (tauSyn / tau) w (E - V)}. Delivering that integral in the step of the
 * spike gives the gains below: {@code excitatoryGain = tauGe / tau} per unit weight, and
 * {@code inhibitoryJump = wInh tauGi / tau} per inhibitory spike (Diehl &amp; Cook 2015,
 * doi:10.3389/fncom.2015.00099: 1/100 and 17 * 2/100).
 *
 * <p>Immutable and thread-safe.
 *
 * @param tauMs          membrane time constant, ms, &gt; 0
 * @param vRest          resting (leak reversal) potential, mV
 * @param vReset         potential after a spike, mV, below {@code vThreshold}
 * @param vThreshold     firing threshold, mV, above {@code vRest} (the per-neuron threshold offset is added)
 * @param eExc           excitatory reversal potential, mV
 * @param eInh           inhibitory reversal potential, mV
 * @param excitatoryGain membrane change per unit of synaptic input and mV of driving force
 *                       ({@code tauGe / tau}), finite, &gt;= 0
 * @param inhibitoryJump fraction of {@code V - eInh} removed by one inhibitory spike ({@code wInh tauGi / tau}),
 *                       in [0, 1)
 * @param refractoryMs   absolute refractory period, ms, &gt;= 0: {@code ceil(refractoryMs / dt)} steps after the
 *                       spike step during which the potential is held at {@code vReset} and input is ignored
 * @param comparison     how the potential is compared with the threshold
 */
public record ConductanceLifParameters(float tauMs, float vRest, float vReset, float vThreshold, float eExc,
                                       float eInh, float excitatoryGain, float inhibitoryJump, float refractoryMs,
                                       ThresholdComparison comparison) {

    /** Checks every field; messages name the field, the value and the allowed range. */
    public ConductanceLifParameters {
        Checks.positive("tauMs", tauMs);
        Checks.finite("vRest", vRest);
        Checks.finite("vReset", vReset);
        Checks.finite("vThreshold", vThreshold);
        Checks.finite("eExc", eExc);
        Checks.finite("eInh", eInh);
        Checks.nonNegative("excitatoryGain", excitatoryGain);
        Checks.nonNegative("refractoryMs", refractoryMs);
        Objects.requireNonNull(comparison, "comparison");
        if (!(inhibitoryJump >= 0f && inhibitoryJump < 1f)) {
            throw new IllegalArgumentException("inhibitoryJump must be in [0, 1) (one inhibitory spike may not "
                    + "overshoot eInh), got " + inhibitoryJump);
        }
        Checks.above("vThreshold", vThreshold, "vRest", vRest);
        Checks.below("vReset", vReset, "vThreshold", vThreshold);
    }

    /**
     * The excitatory neurons of Diehl &amp; Cook 2015 (doi:10.3389/fncom.2015.00099, and the authors' Brian
     * script): tau 100 ms, rest and reset -65 mV, threshold -52 mV (strict), E_exc 0 mV, E_inh -100 mV,
     * excitatory gain tauGe / tau = 1 / 100, inhibitory jump 17 * 2 / 100 = 0.34 (weight 17 through a 2 ms
     * conductance), refractory 5 ms.
     */
    public static ConductanceLifParameters diehlCook2015() {
        return new ConductanceLifParameters(100f, -65f, -65f, -52f, 0f, -100f, 1f / 100f, 17f * 2f / 100f, 5f,
                ThresholdComparison.GREATER);
    }
}
