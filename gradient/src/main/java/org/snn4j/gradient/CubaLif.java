package org.snn4j.gradient;

import java.util.Objects;
import org.snn4j.neuron.ResetMode;

/**
 * Current-based LIF (lava-dl's CUBA) and, with {@code currentDecay = 1}, the plain discrete LIF, with a surrogate
 * spike derivative; equations in {@link CubaLifParameters}.
 *
 * <p>Backward pass (adjoints {@code L_v}, {@code L_i}, surrogate {@code f'}): with {@code A_v = (1 - voltageDecay)
 * L_v[t+1]} and {@code A_i = (1 - currentDecay) L_i[t+1]},
 * {@code L_v[t] = A_v dvr/dv + (dL/ds[t] + A_v dvr/ds) f'(v[t] - theta)}, {@code L_i[t] = L_v[t] + A_i},
 * {@code dL/dx[t] = L_i[t]}; {@code dvr/ds} ({@code -theta} or {@code -v}) is dropped when the reset gradient is
 * {@link ResetGradient#DETACHED}. Immutable and thread-safe.
 */
public final class CubaLif implements SurrogateNeuron {
    private static final int SAVED_V = 0;
    private static final int CARRY_I = 0;
    private static final int CARRY_V = 1;

    private final CubaLifParameters p;
    private final Surrogate surrogate;
    private final ForwardMode mode;
    private final ResetGradient resetGradient;
    private final float currentKeep;
    private final float voltageKeep;

    /**
     * A CUBA-LIF model.
     *
     * @param parameters    the neuron's parameters
     * @param surrogate     the surrogate spike derivative
     * @param mode          spikes (training) or smooth (gradient checks)
     * @param resetGradient whether the backward pass follows the reset
     */
    public CubaLif(CubaLifParameters parameters, Surrogate surrogate, ForwardMode mode, ResetGradient resetGradient) {
        this.p = Objects.requireNonNull(parameters, "parameters");
        this.surrogate = Objects.requireNonNull(surrogate, "surrogate");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.resetGradient = Objects.requireNonNull(resetGradient, "resetGradient");
        this.currentKeep = 1f - p.currentDecay();
        this.voltageKeep = 1f - p.voltageDecay();
    }

    /**
     * A spiking CUBA-LIF with a detached reset (the usual training set-up).
     *
     * @param parameters the neuron's parameters
     * @param surrogate  the surrogate spike derivative
     * @return the model
     */
    public static CubaLif of(CubaLifParameters parameters, Surrogate surrogate) {
        return new CubaLif(parameters, surrogate, ForwardMode.SPIKES, ResetGradient.DETACHED);
    }

    /** The parameters. */
    public CubaLifParameters parameters() {
        return p;
    }

    /** The surrogate derivative. */
    public Surrogate surrogate() {
        return surrogate;
    }

    @Override
    public int savedVariables() {
        return 1;
    }

    @Override
    public int carriedVariables() {
        return 2;
    }

    @Override
    public ForwardMode forwardMode() {
        return mode;
    }

    @Override
    public void forwardStep(int t, int n, float[] in, float[] out, NeuronTrace tr) {
        if (t == 0) {
            tr.clearCarries();
        }
        float[] ci = tr.carry(CARRY_I);
        float[] cv = tr.carry(CARRY_V);
        float[] sv = tr.saved(SAVED_V);
        float theta = p.theta();
        ResetMode reset = p.reset();
        boolean spikes = mode == ForwardMode.SPIKES;
        int base = t * n;
        for (int k = 0; k < n; k++) {
            float i = currentKeep * ci[k] + in[base + k];
            float v = voltageKeep * cv[k] + i;
            float s = spikes ? (v >= theta ? 1f : 0f) : surrogate.smooth(v - theta);
            ci[k] = i;
            sv[base + k] = v;
            out[base + k] = s;
            if (reset == ResetMode.SUBTRACT) {
                cv[k] = v - theta * s;
            } else if (reset == ResetMode.TO_VALUE) {
                cv[k] = v * (1f - s);
            } else {
                cv[k] = v;
            }
        }
    }

    @Override
    public void backwardStep(int t, int n, float[] out, float[] gradOut, float[] gradIn, NeuronTrace tr) {
        if (t == tr.saved(SAVED_V).length / n - 1) {
            tr.clearCarries();
        }
        float[] ai = tr.carry(CARRY_I);
        float[] av = tr.carry(CARRY_V);
        float[] sv = tr.saved(SAVED_V);
        float theta = p.theta();
        ResetMode reset = p.reset();
        boolean full = resetGradient == ResetGradient.FULL;
        int base = t * n;
        for (int k = 0; k < n; k++) {
            float v = sv[base + k];
            float s = out[base + k];
            float aV = av[k];
            float gs = gradOut[base + k];
            float direct;
            if (reset == ResetMode.SUBTRACT) {
                direct = aV;
                if (full) {
                    gs -= theta * aV;
                }
            } else if (reset == ResetMode.TO_VALUE) {
                direct = aV * (1f - s);
                if (full) {
                    gs -= v * aV;
                }
            } else {
                direct = aV;
            }
            float lv = direct + gs * surrogate.derivative(v - theta);
            float li = lv + ai[k];
            gradIn[base + k] = li;
            av[k] = voltageKeep * lv;
            ai[k] = currentKeep * li;
        }
    }
}
