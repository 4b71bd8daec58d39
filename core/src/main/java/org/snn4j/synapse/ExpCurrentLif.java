package org.snn4j.synapse;

import java.util.Objects;
import org.snn4j.StateVar;
import org.snn4j.internal.Checks;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;

/**
 * Leaky integrate-and-fire neuron with exponentially decaying excitatory and inhibitory synaptic currents
 * ("CUBA"; Brette et al. 2007, doi:10.1007/s10827-007-0038-6), parameters in {@link ExpCurrentParameters}:
 * <pre>  tauM dV/dt = vRest - V + I_e + I_i + R I_ext,   dI_e/dt = -I_e / tauE,   dI_i/dt = -I_i / tauI</pre>
 *
 * <h2>Integration: exact</h2>
 * The system is linear, so one step of length {@code h} is its exact solution for an external current held
 * over the step ({@code vInf = vRest + R I_ext}):
 * <pre>  V  &lt;- V + (vInf - V) (1 - a_m) + I_e k_e + I_i k_i,   I_e &lt;- I_e a_e,   I_i &lt;- I_i a_i
 *  a_x = e^{-h/tau_x},   k_x = tau_x / (tau_x - tauM) (a_x - a_m)   (k_x = (h / tauM) a_m when tau_x = tauM)</pre>
 * (the "exact" method of Brian2), with the coefficients computed in double and rounded to float once, when
 * the model is bound to the network's step ({@link #bind}). The order within a step and the refractory rule are those of {@link SynapticModel}.
 *
 * <h2>No lazy path</h2>
 * {@link #closedForm()} is false: the state between inputs has a closed form (the formula above with
 * {@code h = n dt}), but a decaying synaptic current keeps raising {@code V} for milliseconds after its last
 * input, so a neuron can cross threshold at a step in which it received nothing; advancing only touched
 * neurons would miss those spikes. Every neuron is stepped every step.
 *
 * <p>State: {@link #V} (mV), {@link #I_EXC} and {@link #I_INH} (mV), {@link #REFRACTORY} (steps) and
 * {@link #INTEGRATING} (1 or 0). The step
 * with arrivals is written without branches, so that the JIT compiler vectorises it. Immutable parameters;
 * thread-safe.
 */
public final class ExpCurrentLif extends ExpSynapticLif implements Persistent {
    /** Membrane potential, mV. */
    public static final StateVar V = new StateVar("v", "mV");
    /** Excitatory synaptic current times the membrane resistance, mV. */
    public static final StateVar I_EXC = new StateVar("i_exc", "mV");
    /** Inhibitory synaptic current times the membrane resistance, mV. */
    public static final StateVar I_INH = new StateVar("i_inh", "mV");
    /** Refractory counter, steps (see {@link SynapticModel}; 0 when the neuron integrates). */
    public static final StateVar REFRACTORY = Refractory.COUNTER;
    /** 1 if the membrane integrates in the current step, 0 while it is held after a spike. */
    public static final StateVar INTEGRATING = Refractory.LIVE;

    private final ExpCurrentParameters p;
    /** The coefficients of the step this model is bound to ({@link #bind}), or null. */
    private final Coefficients bound;

    /** The coefficients of one step of length {@code dtMs}. */
    private record Coefficients(float om, float ae, float ai, float ke, float ki, int refSteps) {
    }

    /** A population model with parameters {@code p}. */
    public ExpCurrentLif(ExpCurrentParameters p) {
        super(V, I_EXC, I_INH, 1f);
        this.p = Objects.requireNonNull(p, "p");
        this.bound = null;
    }

    private ExpCurrentLif(ExpCurrentParameters p, float dtMs) {
        super(V, I_EXC, I_INH, 1f);
        this.p = p;
        Checks.positive("dtMs", dtMs);
        Refractory.boundSteps(p.refractoryMs(), dtMs);
        this.bound = coefficients(p, dtMs);
    }

    /**
     * This model with its integration coefficients and refractory steps computed for step {@code dtMs}.
     *
     * @throws IllegalArgumentException if the refractory period is more than 2^24 steps
     */
    @Override
    public ExpCurrentLif bind(float dtMs) {
        return new ExpCurrentLif(p, dtMs);
    }

    /** True: the spikes depend on the input and the parameters only. */
    @Override
    public boolean replayable() {
        return true;
    }

    /** The parameters. */
    public ExpCurrentParameters parameters() {
        return p;
    }

    @Override
    float vRest() {
        return p.vRest();
    }

    @Override
    float vThreshold() {
        return p.vThreshold();
    }

    @Override
    float vReset() {
        return p.vReset();
    }

    /**
     * The response {@code k} of the membrane after {@code h} ms to a unit synaptic current at time 0 with
     * time constant {@code tauX} (ms), for membrane time constant {@code tauM}: the exact solution of
     * {@code tauM dV/dt = -V + e^{-t/tauX}}, {@code V(0) = 0}.
     */
    static double response(double h, double tauM, double tauX) {
        double am = Math.exp(-h / tauM);
        if (Math.abs(tauX - tauM) <= 1e-9 * tauM) {
            return h / tauM * am;
        }
        return tauX / (tauX - tauM) * (Math.exp(-h / tauX) - am);
    }

    /** The bound coefficients, or (unbound, stepped by hand) those of {@code dtMs}, computed now. */
    private Coefficients coefficients(float dtMs) {
        Coefficients c = bound;
        return c != null ? c : coefficients(p, dtMs);
    }

    private static Coefficients coefficients(ExpCurrentParameters p, float dtMs) {
        double h = dtMs;
        return new Coefficients((float) -Math.expm1(-h / p.tauMs()), (float) Math.exp(-h / p.tauExcMs()),
                (float) Math.exp(-h / p.tauInhMs()), (float) response(h, p.tauMs(), p.tauExcMs()),
                (float) response(h, p.tauMs(), p.tauInhMs()), Refractory.steps(p.refractoryMs(), dtMs));
    }

    /**
     * One step of {@code [from, to)}; a clock step's input goes to {@code I_e} if positive, to {@code I_i} if
     * negative (see {@link SynapticModel}). Input in mV.
     */
    @Override
    int integrate(float[] v, float[] ie, float[] ii, float[] live, float[] exc, float[] inh, float[] current,
                  int from, int to, float dtMs) {
        final Coefficients c = coefficients(dtMs);
        final float om = c.om, ae = c.ae, ai = c.ai, ke = c.ke, ki = c.ki;
        final float vRest = p.vRest();
        if (exc != null && current == null) {
            // short branch-free loops, so that the JIT compiler vectorises them (see Arrivals)
            Arrivals.add(ie, exc, from, to);
            Arrivals.add(ii, inh, from, to);
            for (int i = from; i < to; i++) {
                float e = ie[i];
                float h = ii[i];
                float vi = v[i];
                v[i] = vi + live[i] * ((vRest - vi) * om + e * ke + h * ki);
                ie[i] = e * ae;
                ii[i] = h * ai;
            }
        } else {
            for (int i = from; i < to; i++) {
                float e = ie[i];
                float h = ii[i];
                if (exc != null) {
                    e += exc[i];
                    h += inh[i];
                    exc[i] = 0f;
                    inh[i] = 0f;
                }
                if (live[i] != 0f) {
                    float vi = v[i];
                    float vinf = current == null ? vRest : vRest + current[i];
                    v[i] = vi + ((vinf - vi) * om + e * ke + h * ki);
                }
                ie[i] = e * ae;
                ii[i] = h * ai;
            }
        }
        return c.refSteps;
    }

    @Override
    public String toString() {
        return "ExpCurrentLif" + p;
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return SynapseCodecs.EXP_CURRENT_LIF;
    }
}
