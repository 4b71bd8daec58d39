package org.snn4j.nir;

/**
 * What a spike means as the input current of a continuous-time NIR neuron. NIR states its neurons as
 * differential equations ({@code tau dv/dt = (v_leak - v) + R I} for LIF) and leaves the discretisation to the
 * backend, so the current that one spike of weight {@code w} injects must be chosen; the two choices differ by
 * a factor {@code dt}.
 */
public enum SpikeConvention {
    /**
     * A spike is a current of amplitude {@code w} held for one time step {@code dt} (area {@code w dt}): it
     * raises an LIF neuron's potential by {@code R w dt / tau} and an IF neuron's by {@code R w dt}. This is
     * how discrete-time simulators that export NIR behave: snnTorch writes {@code tau = dt / (1 - beta)},
     * {@code r = tau / dt} so that the jump is {@code w}, and Norse's LIF step adds {@code dt / tau * (R w)}.
     * The default.
     */
    ONE_STEP_PULSE,
    /**
     * A spike is a Dirac delta of area {@code w} (one NIR time unit times the current unit): it raises an LIF
     * neuron's potential by {@code R w / tau} and an IF neuron's by {@code R w}, independent of {@code dt}. The
     * literal reading of the continuous-time equations.
     */
    DIRAC
}
