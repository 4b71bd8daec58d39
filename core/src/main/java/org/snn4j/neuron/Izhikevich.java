package org.snn4j.neuron;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.internal.Checks;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;

/**
 * Izhikevich (2003) simple spiking model, DOI 10.1109/TNN.2003.820440:
 * <pre>  v' = 0.04 v^2 + 5 v + 140 - u + I,   u' = a (b v - u),   if v &gt;= 30 + offset: v &lt;- c, u &lt;- u + d</pre>
 * {@code v} in mV, time in ms, {@code I} (the {@code current} argument) dimensionless as in the paper.
 * Synaptic input (mV) is added to {@code v} after the integration step, before the threshold test. The
 * scheme is chosen by {@link IzhikevichIntegrator}; the arithmetic is in float. Clock-driven only
 * ({@link #closedForm()} is false).
 *
 * <p>State: {@link #V} (mV) and {@link #U}. Initial values {@code v0} (default -65 mV) and {@code u0}
 * (default {@code b v0}). Immutable; thread-safe.
 */
public final class Izhikevich implements Persistent, NeuronModel {
    /** Membrane potential, mV. */
    public static final StateVar V = new StateVar("v", "mV");
    /** Recovery variable (same units as v' times ms, dimensionless in the paper). */
    public static final StateVar U = new StateVar("u", "");
    /** The spike peak, mV: {@code v >= 30 + thresholdOffset} fires. */
    public static final float V_PEAK = 30f;

    private final IzhikevichParameters p;
    private final IzhikevichIntegrator integrator;
    private final float v0;
    private final float u0;
    /** Bound to a step ({@link #bind}): the step, ms, and {@code a dt}; else NaN. */
    private final float boundDt;
    private final float boundDtA;

    /** Euler, {@code v0 = -65}, {@code u0 = b v0}. */
    public Izhikevich(IzhikevichParameters p) {
        this(p, IzhikevichIntegrator.EULER);
    }

    /** The given scheme, {@code v0 = -65}, {@code u0 = b v0}. */
    public Izhikevich(IzhikevichParameters p, IzhikevichIntegrator integrator) {
        this(p, integrator, -65f, Objects.requireNonNull(p, "p").b() * -65f);
    }

    /**
     * @param v0 initial membrane potential, mV, finite and below 30
     * @param u0 initial recovery variable, finite
     */
    public Izhikevich(IzhikevichParameters p, IzhikevichIntegrator integrator, float v0, float u0) {
        this.p = Objects.requireNonNull(p, "p");
        this.integrator = Objects.requireNonNull(integrator, "integrator");
        if (!Float.isFinite(v0) || !(v0 < V_PEAK)) {
            throw new IllegalArgumentException("v0 must be finite and < " + V_PEAK + " mV, got " + v0);
        }
        if (!Float.isFinite(u0)) {
            throw new IllegalArgumentException("u0 must be finite, got " + u0);
        }
        this.v0 = v0;
        this.u0 = u0;
        this.boundDt = Float.NaN;
        this.boundDtA = Float.NaN;
    }

    private Izhikevich(Izhikevich unbound, float dtMs) {
        this.p = unbound.p;
        this.integrator = unbound.integrator;
        this.v0 = unbound.v0;
        this.u0 = unbound.u0;
        Checks.positive("dtMs", dtMs);
        float dtA = dtMs * p.a();
        if (!(dtA < 2f)) {
            throw new IllegalArgumentException("Izhikevich a * dtMs must be < 2 (the Euler step of u diverges beyond), "
                    + "got a = " + p.a() + ", dtMs = " + dtMs);
        }
        this.boundDt = dtMs;
        this.boundDtA = dtA;
    }

    /**
     * This model with {@code a dt} computed for step {@code dtMs}.
     *
     * @throws IllegalArgumentException if {@code a * dtMs >= 2}: the Euler step of {@code u} would diverge
     */
    @Override
    public NeuronModel bind(float dtMs) {
        return new Izhikevich(this, dtMs);
    }

    /** A copy starting from {@code v0} with {@code u0 = b v0}. */
    public Izhikevich withV0(float v0) {
        return new Izhikevich(p, integrator, v0, p.b() * v0);
    }

    /** The parameters. */
    public IzhikevichParameters parameters() {
        return p;
    }

    /** The integration scheme. */
    public IzhikevichIntegrator integrator() {
        return integrator;
    }

    /** Initial {@code v}, mV. */
    public float v0() {
        return v0;
    }

    /** Initial {@code u}. */
    public float u0() {
        return u0;
    }

    @Override
    public List<StateVar> stateVariables() {
        return List.of(V, U);
    }

    /** Sets {@code v = v0}, {@code u = u0}. */
    @Override
    public void initialise(NeuronState s) {
        Arrays.fill(s.get(V), v0);
        Arrays.fill(s.get(U), u0);
    }

    /**
     * One step of every neuron with the chosen scheme.
     *
     * @param s       modified: {@code v}, {@code u}, {@code lastSpikeStep}, {@code lastUpdateStep}
     * @param input   synaptic jumps, mV; not modified
     * @param current the paper's {@code I}, or null for zero; not modified
     * @param out     modified: neurons that fire are added
     */
    @Override
    public void step(NeuronState s, float[] input, float[] current, float dtMs, int t, Spikes out) {
        final float[] v = s.get(V);
        final float[] u = s.get(U);
        final int[] lastSpike = s.lastSpikeStep();
        final int[] lastUpdate = s.lastUpdateStep();
        final float[] off = s.thresholdOffset();
        final float a = p.a();
        final float b = p.b();
        final float c = p.c();
        final float d = p.d();
        final boolean half = integrator == IzhikevichIntegrator.TWO_HALF_STEPS;
        final boolean bound = boundDt == boundDt;
        final float dt = bound ? boundDt : dtMs;
        final float h = half ? 0.5f * dt : dt;
        final float dtA = bound ? boundDtA : dt * a; // (dt a) (b v - u): the same product as dt * a * (b v - u)
        final int n = s.size();
        for (int i = 0; i < n; i++) {
            float vi = v[i];
            float ui = u[i];
            float ii = current == null ? 0f : current[i];
            vi += h * (0.04f * vi * vi + 5f * vi + 140f - ui + ii);
            if (half) {
                vi += h * (0.04f * vi * vi + 5f * vi + 140f - ui + ii);
            }
            ui += dtA * (b * vi - ui);
            vi += input[i];
            if (vi >= V_PEAK + off[i]) {
                vi = c;
                ui += d;
                lastSpike[i] = t;
                out.add(i);
            }
            v[i] = vi;
            u[i] = ui;
            lastUpdate[i] = t;
        }
    }

    /** True: the spikes depend on the input and the parameters only. */
    @Override
    public boolean replayable() {
        return true;
    }

    @Override
    public String toString() {
        return "Izhikevich" + p + "[" + integrator + ", v0=" + v0 + ", u0=" + u0 + "]";
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return NeuronCodecs.IZHIKEVICH;
    }
}
