package org.snn4j.synapse;

/** How {@link ExpConductanceLif} advances its state by one step of length {@code h}. */
public enum ConductanceIntegration {
    /**
     * Forward Euler on all three variables (Brian2's {@code method='euler'}, used by the Brette 2007 COBA
     * benchmark): {@code V += h/tauM (vRest - V + g_e (E_e - V) + g_i (E_i - V))},
     * {@code g_x *= 1 - h/tau_x}. First order; stable only while {@code h (1 + g_e + g_i) < 2 tauM}.
     */
    FORWARD_EULER,
    /**
     * Exponential Euler: the conductances decay exactly ({@code g_x *= e^{-h/tau_x}}) and the membrane
     * relaxes exactly towards its instantaneous equilibrium with the conductances held over the step,
     * {@code V <- V_inf + (V - V_inf) e^{-h (1 + g_e + g_i)/tauM}},
     * {@code V_inf = (vRest + g_e E_e + g_i E_i) / (1 + g_e + g_i)}. First order in the conductance change
     * over a step, but unconditionally stable and {@code V} never overshoots a reversal potential. One
     * {@code exp} per neuron and step.
     */
    EXPONENTIAL_EULER
}
