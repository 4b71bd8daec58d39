package org.snn4j.neuron;

import org.snn4j.internal.Checks;

/**
 * The four parameters of the Izhikevich (2003) simple model, DOI 10.1109/TNN.2003.820440:
 * <pre>  v' = 0.04 v^2 + 5 v + 140 - u + I,   u' = a (b v - u),   if v &gt;= 30 mV: v &lt;- c, u &lt;- u + d</pre>
 * with {@code v} in mV, time in ms and {@code I} the paper's dimensionless current. The presets are the
 * cell types of the 2003 paper (Fig. 2).
 *
 * <p>Immutable and thread-safe.
 *
 * @param a time scale of the recovery variable {@code u}, 1/ms, > 0
 * @param b sensitivity of {@code u} to {@code v}, finite
 * @param c after-spike reset value of {@code v}, mV, below 30
 * @param d after-spike increment of {@code u}, finite
 */
public record IzhikevichParameters(float a, float b, float c, float d) {

    /** Checks every field. */
    public IzhikevichParameters {
        Checks.positive("a", a);
        Checks.finite("b", b);
        Checks.finite("c", c);
        Checks.finite("d", d);
        if (!(c < Izhikevich.V_PEAK)) {
            throw new IllegalArgumentException("c must be < " + Izhikevich.V_PEAK + " mV (the spike peak), got " + c);
        }
    }

    /** Regular spiking (RS): a 0.02, b 0.2, c -65, d 8. */
    public static IzhikevichParameters regularSpiking() {
        return new IzhikevichParameters(0.02f, 0.2f, -65f, 8f);
    }

    /** Intrinsically bursting (IB): a 0.02, b 0.2, c -55, d 4. */
    public static IzhikevichParameters intrinsicallyBursting() {
        return new IzhikevichParameters(0.02f, 0.2f, -55f, 4f);
    }

    /** Chattering (CH): a 0.02, b 0.2, c -50, d 2. */
    public static IzhikevichParameters chattering() {
        return new IzhikevichParameters(0.02f, 0.2f, -50f, 2f);
    }

    /** Fast spiking (FS): a 0.1, b 0.2, c -65, d 2. */
    public static IzhikevichParameters fastSpiking() {
        return new IzhikevichParameters(0.1f, 0.2f, -65f, 2f);
    }

    /** Low-threshold spiking (LTS): a 0.02, b 0.25, c -65, d 2. */
    public static IzhikevichParameters lowThresholdSpiking() {
        return new IzhikevichParameters(0.02f, 0.25f, -65f, 2f);
    }

    /** Thalamo-cortical (TC): a 0.02, b 0.25, c -65, d 0.05. */
    public static IzhikevichParameters thalamoCortical() {
        return new IzhikevichParameters(0.02f, 0.25f, -65f, 0.05f);
    }

    /** Resonator (RZ): a 0.1, b 0.26, c -65, d 2. */
    public static IzhikevichParameters resonator() {
        return new IzhikevichParameters(0.1f, 0.26f, -65f, 2f);
    }

    /** A copy with {@code a} replaced. */
    public IzhikevichParameters withA(float v) {
        return new IzhikevichParameters(v, b, c, d);
    }

    /** A copy with {@code b} replaced. */
    public IzhikevichParameters withB(float v) {
        return new IzhikevichParameters(a, v, c, d);
    }

    /** A copy with {@code c} replaced. */
    public IzhikevichParameters withC(float v) {
        return new IzhikevichParameters(a, b, v, d);
    }

    /** A copy with {@code d} replaced. */
    public IzhikevichParameters withD(float v) {
        return new IzhikevichParameters(a, b, c, v);
    }
}
