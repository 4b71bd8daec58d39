package org.snn4j.gradient;

import java.util.Objects;
import org.snn4j.neuron.ResetMode;

/**
 * Discrete-time current-based leaky integrate-and-fire neuron (lava-dl's CUBA), per step:
 * <pre>
 * i[t] = (1 - currentDecay) i[t-1] + x[t]
 * v[t] = (1 - voltageDecay) vr[t-1] + i[t]
 * s[t] = H(v[t] - theta)
 * vr[t] = v[t] - theta s[t]   (SUBTRACT),  v[t] (1 - s[t])   (TO_VALUE: reset to 0),  v[t]   (NONE)
 * </pre>
 * With {@code currentDecay = 1} the current has no memory and this is the plain discrete LIF
 * {@code v[t] = beta vr[t-1] + x[t]}, {@code beta = 1 - voltageDecay} (snnTorch's {@code Leaky}); see
 * {@link #lif(float, float, ResetMode)}.
 *
 * @param currentDecay fraction of the current lost per step, in [0, 1]
 * @param voltageDecay fraction of the potential lost per step, in [0, 1]
 * @param theta        threshold, &gt; 0
 * @param reset        what a spike does to the potential (core's {@link ResetMode}; TO_VALUE resets to 0)
 */
public record CubaLifParameters(float currentDecay, float voltageDecay, float theta, ResetMode reset) {

    /** Checks every parameter. */
    public CubaLifParameters {
        if (!(currentDecay >= 0f && currentDecay <= 1f)) {
            throw new IllegalArgumentException("currentDecay must be in [0, 1], got " + currentDecay);
        }
        if (!(voltageDecay >= 0f && voltageDecay <= 1f)) {
            throw new IllegalArgumentException("voltageDecay must be in [0, 1], got " + voltageDecay);
        }
        if (!(theta > 0f) || !Float.isFinite(theta)) {
            throw new IllegalArgumentException("theta must be finite and > 0, got " + theta);
        }
        Objects.requireNonNull(reset, "reset");
    }

    /**
     * The plain discrete LIF {@code v[t] = beta vr[t-1] + x[t]} (no current state).
     *
     * @param beta  membrane retention per step, in [0, 1]
     * @param theta threshold, &gt; 0
     * @param reset reset mode
     * @return parameters with {@code currentDecay = 1}, {@code voltageDecay = 1 - beta}
     */
    public static CubaLifParameters lif(float beta, float theta, ResetMode reset) {
        if (!(beta >= 0f && beta <= 1f)) {
            throw new IllegalArgumentException("beta must be in [0, 1], got " + beta);
        }
        return new CubaLifParameters(1f, 1f - beta, theta, reset);
    }

    /**
     * From time constants: {@code decay = 1 - exp(-dt / tau)}.
     *
     * @param tauCurrentMs current time constant in ms, &gt; 0
     * @param tauVoltageMs membrane time constant in ms, &gt; 0
     * @param dtMs         time step in ms, &gt; 0
     * @param theta        threshold, &gt; 0
     * @param reset        reset mode
     * @return the parameters
     */
    public static CubaLifParameters fromTimeConstants(float tauCurrentMs, float tauVoltageMs, float dtMs,
                                                      float theta, ResetMode reset) {
        if (!(tauCurrentMs > 0f) || !(tauVoltageMs > 0f) || !(dtMs > 0f)) {
            throw new IllegalArgumentException("tauCurrentMs, tauVoltageMs and dtMs must be > 0, got "
                    + tauCurrentMs + ", " + tauVoltageMs + ", " + dtMs);
        }
        return new CubaLifParameters((float) -Math.expm1(-dtMs / tauCurrentMs),
                (float) -Math.expm1(-dtMs / tauVoltageMs), theta, reset);
    }
}
