package org.snn4j.synapse;

import java.util.Objects;
import org.snn4j.StateVar;
import org.snn4j.internal.Checks;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;

/**
 * Leaky integrate-and-fire neuron with exponentially decaying excitatory and inhibitory conductances and
 * reversal potentials ("COBA"; Vogels and Abbott 2005, doi:10.1523/JNEUROSCI.3508-05.2005; Brette et al.
 * 2007, doi:10.1007/s10827-007-0038-6), parameters in {@link ConductanceParameters}:
 * <pre>  tauM dV/dt = vRest - V + g_e (E_e - V) + g_i (E_i - V) + R I_ext,  dg_e/dt = -g_e/tauE,  dg_i/dt = -g_i/tauI</pre>
 *
 * <h2>Integration</h2>
 * The membrane equation is not linear in the state (conductance times potential), so there is no exact
 * step; {@link ConductanceParameters#integration()} chooses forward Euler (Brian2's method for the Brette
 * benchmark, the default of the preset) or exponential Euler (see {@link ConductanceIntegration}). Both are
 * first order: the error against the exact trajectory shrinks in proportion to {@code dt} (tested against
 * a fine-step double-precision reference). The order within a step and the refractory rule are those of
 * {@link SynapticModel}. {@link #closedForm()} is false: every neuron is stepped every step.
 *
 * <p>State: {@link #V} (mV), {@link #G_EXC} and {@link #G_INH} (leak-conductance units), {@link #REFRACTORY}
 * (1 or 0). The forward-Euler step with arrivals is written without branches, so that the JIT compiler
 * vectorises it. The coefficients are computed once, when the model is bound to the network's step
 * ({@link #bind}), which refuses a step forward Euler cannot take. Immutable parameters; thread-safe.
 */
public final class ExpConductanceLif extends ExpSynapticLif implements Persistent {
    /** Membrane potential, mV. */
    public static final StateVar V = new StateVar("v", "mV");
    /** Excitatory conductance over the leak conductance, dimensionless. */
    public static final StateVar G_EXC = new StateVar("g_exc", "1");
    /** Inhibitory conductance over the leak conductance, dimensionless. */
    public static final StateVar G_INH = new StateVar("g_inh", "1");
    /** Refractory counter, steps (see {@link SynapticModel}; 0 when the neuron integrates). */
    public static final StateVar REFRACTORY = Refractory.COUNTER;
    /** 1 if the membrane integrates in the current step, 0 while it is held after a spike. */
    public static final StateVar INTEGRATING = Refractory.LIVE;

    private final ConductanceParameters p;
    /** The coefficients of the step this model is bound to ({@link #bind}), or null. */
    private final Coefficients bound;

    /** Per-step coefficients: {@code hm = dt/tauM}, the conductance decay factors, the refractory steps. */
    private record Coefficients(float hm, float de, float di, int refSteps) {
    }

    /** A population model with parameters {@code p}. */
    public ExpConductanceLif(ConductanceParameters p) {
        super(V, G_EXC, G_INH, -1f);
        this.p = Objects.requireNonNull(p, "p");
        this.bound = null;
    }

    private ExpConductanceLif(ConductanceParameters p, float dtMs) {
        super(V, G_EXC, G_INH, -1f);
        this.p = p;
        Checks.positive("dtMs", dtMs);
        if (p.integration() == ConductanceIntegration.FORWARD_EULER) {
            if (dtMs > p.tauExcMs() || dtMs > p.tauInhMs()) {
                boolean exc = dtMs > p.tauExcMs();
                throw new IllegalArgumentException("ExpConductanceLif forward Euler needs dtMs <= " + (exc ? "tauExcMs"
                        : "tauInhMs") + " (the conductance decay factor 1 - dt/tau would be negative), got "
                        + (exc ? "tauExcMs = " + p.tauExcMs() : "tauInhMs = " + p.tauInhMs()) + ", dtMs = " + dtMs);
            }
            if (!(dtMs < 2f * p.tauMs())) {
                throw new IllegalArgumentException("ExpConductanceLif forward Euler needs dtMs < 2 tauMs (the membrane "
                        + "step diverges beyond), got tauMs = " + p.tauMs() + ", dtMs = " + dtMs);
            }
        }
        Refractory.boundSteps(p.refractoryMs(), dtMs);
        this.bound = coefficients(p, dtMs);
    }

    /**
     * This model with its integration coefficients and refractory steps computed for step {@code dtMs}.
     *
     * @throws IllegalArgumentException with forward Euler, if {@code dtMs} exceeds a conductance time constant
     *                                  (its decay factor {@code 1 - dt/tau} would be negative) or is
     *                                  {@code >= 2 tauMs} (the membrane step diverges); or if the refractory
     *                                  period is more than 2^24 steps
     */
    @Override
    public ExpConductanceLif bind(float dtMs) {
        return new ExpConductanceLif(p, dtMs);
    }

    /** True: the spikes depend on the input and the parameters only. */
    @Override
    public boolean replayable() {
        return true;
    }

    /** The parameters. */
    public ConductanceParameters parameters() {
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

    /** The bound coefficients, or (unbound, stepped by hand) those of {@code dtMs}, computed now. */
    private Coefficients coefficients(float dtMs) {
        Coefficients c = bound;
        return c != null ? c : coefficients(p, dtMs);
    }

    private static Coefficients coefficients(ConductanceParameters p, float dtMs) {
        double h = dtMs;
        boolean euler = p.integration() == ConductanceIntegration.FORWARD_EULER;
        return new Coefficients((float) (h / p.tauMs()),
                (float) (euler ? 1.0 - h / p.tauExcMs() : Math.exp(-h / p.tauExcMs())),
                (float) (euler ? 1.0 - h / p.tauInhMs() : Math.exp(-h / p.tauInhMs())),
                Refractory.steps(p.refractoryMs(), dtMs));
    }

    /**
     * One step of {@code [from, to)}; a clock step's input goes to {@code g_e} if positive, its magnitude to
     * {@code g_i} if negative (see {@link SynapticModel}). Input in leak-conductance units.
     */
    @Override
    int integrate(float[] v, float[] ge, float[] gi, float[] live, float[] exc, float[] inh, float[] current,
                  int from, int to, float dtMs) {
        final Coefficients c = coefficients(dtMs);
        if (exc == null || current != null || p.integration() != ConductanceIntegration.FORWARD_EULER) {
            general(v, ge, gi, live, exc, inh, current, from, to, c);
        } else {
            euler(v, ge, gi, live, exc, inh, from, to, c);
        }
        return c.refSteps;
    }

    /**
     * Forward Euler with arrivals and no external current, as three short loops without branches (a held
     * neuron's update is multiplied by {@code live = 0}): short bodies are what the JIT compiler unrolls and
     * vectorises (one fused loop exceeds its unrolling limit and runs several times slower).
     */
    private void euler(float[] v, float[] ge, float[] gi, float[] live, float[] exc, float[] inh, int from, int to,
                       Coefficients c) {
        Arrivals.add(ge, exc, from, to);
        Arrivals.add(gi, inh, from, to);
        final float hm = c.hm, de = c.de, di = c.di;
        final float vRest = p.vRest();
        final float eE = p.eExc();
        final float eI = p.eInh();
        for (int i = from; i < to; i++) {
            float vi = v[i];
            float a = ge[i];
            float b = gi[i];
            v[i] = vi + live[i] * (hm * (vRest - vi + a * (eE - vi) + b * (eI - vi)));
            ge[i] = a * de;
            gi[i] = b * di;
        }
    }

    /** Every other case (signed input already in the state, external current, exponential Euler). */
    private void general(float[] v, float[] ge, float[] gi, float[] live, float[] exc, float[] inh, float[] current,
                         int from, int to, Coefficients c) {
        final float hm = c.hm, de = c.de, di = c.di;
        final boolean euler = p.integration() == ConductanceIntegration.FORWARD_EULER;
        final float vRest = p.vRest();
        final float eE = p.eExc();
        final float eI = p.eInh();
        for (int i = from; i < to; i++) {
            float a = ge[i];
            float b = gi[i];
            if (exc != null) {
                a += exc[i];
                b += inh[i];
                exc[i] = 0f;
                inh[i] = 0f;
            }
            if (live[i] != 0f) {
                float vi = v[i];
                float rest = current == null ? vRest : vRest + current[i];
                if (euler) {
                    v[i] = vi + hm * (rest - vi + a * (eE - vi) + b * (eI - vi));
                } else {
                    float gt = 1f + a + b;
                    float vinf = (rest + a * eE + b * eI) / gt;
                    v[i] = vinf + (vi - vinf) * (float) Math.exp(-hm * gt);
                }
            }
            ge[i] = a * de;
            gi[i] = b * di;
        }
    }

    @Override
    public String toString() {
        return "ExpConductanceLif" + p;
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return SynapseCodecs.EXP_CONDUCTANCE_LIF;
    }
}
