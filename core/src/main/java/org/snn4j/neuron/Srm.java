package org.snn4j.neuron;

import java.util.List;
import java.util.Objects;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;

/**
 * SLAYER's spike response model neuron (Shrestha and Orchard 2018; {@link SrmParameters}) on the engine:
 * {@code u(t) = (eps * x)(t) + (nu * s)(t)}, a spike when {@code u >= theta + thresholdOffset[i]}, with the alpha
 * PSP kernel {@code eps} and the refractory kernel {@code nu}, both computed exactly per step by
 * {@link SrmKernels} (the same arithmetic as the gradient trainer's SRM neuron, so a trained network deployed here
 * gives the same spikes). There is no reset: the refractory kernel pulls the potential down after a spike.
 *
 * <p>Inputs: {@code input[i]} (the summed weights of this step's input spikes) enters the PSP filter and reaches
 * the potential from the next step on (the kernel is 0 at lag 0). An external current, if given, enters the same
 * way as {@code current[i] * dt} per step.
 *
 * <p>State: {@link #U} (the potential, in the units of {@code theta}) and the filter states {@link #PSP},
 * {@link #PSP_IN}, {@link #REF}, {@link #REF_IN}. Clock-driven (the potential moves without input, so the lazy
 * path is not used). Immutable parameters; thread-safe.
 */
public final class Srm implements Persistent, NeuronModel {
    /** Potential. */
    public static final StateVar U = new StateVar("u", "");
    /** PSP filter output (the PSP part of {@code u}). */
    public static final StateVar PSP = new StateVar("psp", "");
    /** PSP filter input state. */
    public static final StateVar PSP_IN = new StateVar("psp_in", "");
    /** Refractory filter output (the refractory part of {@code u}). */
    public static final StateVar REF = new StateVar("ref", "");
    /** Refractory filter input state. */
    public static final StateVar REF_IN = new StateVar("ref_in", "");

    private final SrmParameters p;
    private final float dtMs;
    private final SrmKernels kernels;

    /**
     * An SRM population model for one time step (the kernels are sampled at it).
     *
     * @param parameters kernels and threshold
     * @param dtMs       the step of the simulations it runs in, ms
     */
    public Srm(SrmParameters parameters, float dtMs) {
        this.p = Objects.requireNonNull(parameters, "parameters");
        this.kernels = new SrmKernels(parameters, dtMs);
        this.dtMs = dtMs;
    }

    /** The parameters. */
    public SrmParameters parameters() {
        return p;
    }

    /** The kernels at the model's step. */
    public SrmKernels kernels() {
        return kernels;
    }

    @Override
    public List<StateVar> stateVariables() {
        return List.of(U, PSP, PSP_IN, REF, REF_IN);
    }

    /** Every variable at 0 (the cleared state): at rest. */
    @Override
    public void initialise(NeuronState s) {
        java.util.Arrays.fill(s.lastUpdateStep(), -1);
    }

    /** The step the kernels are sampled at, ms. */
    public float dtMs() {
        return dtMs;
    }

    /**
     * This model, whose kernels are already sampled at its own step: a network stepped at {@code dtMs} may use it
     * only if that is the model's step.
     *
     * @throws IllegalArgumentException if {@code dtMs} is not {@link #dtMs()}
     */
    @Override
    public NeuronModel bind(float dtMs) {
        if (dtMs != this.dtMs) {
            throw new IllegalArgumentException("Srm dtMs is " + this.dtMs + " (its kernels are sampled at that step), "
                    + "the network steps " + dtMs + " ms");
        }
        return this;
    }

    /**
     * Clock-driven step of every neuron, at the model's own step {@link #dtMs()} (the argument is not read: a
     * network refuses the model at build if its step differs, see {@link #bind}).
     */
    @Override
    public void step(NeuronState s, float[] input, float[] current, float dtMs, int t, Spikes out) {
        int n = s.size();
        float[] x = input;
        if (current != null) {
            x = new float[n];
            for (int k = 0; k < n; k++) {
                x[k] = input[k] + current[k] * this.dtMs;
            }
        }
        float[] u = s.get(U);
        kernels.potentials(s.get(PSP), s.get(PSP_IN), s.get(REF), s.get(REF_IN), x, 0, u, 0, n);
        float[] off = s.thresholdOffset();
        int[] lastSpike = s.lastSpikeStep();
        int[] lastUpdate = s.lastUpdateStep();
        float[] ir = s.get(REF_IN);
        float theta = p.theta();
        for (int k = 0; k < n; k++) {
            lastUpdate[k] = t;
            float fired = 0f;
            if (u[k] >= theta + off[k]) {
                fired = 1f;
                lastSpike[k] = t;
                out.add(k);
            }
            ir[k] = kernels.refractoryInput(ir[k], fired);
        }
    }

    /** True: the spikes depend on the input and the parameters only. */
    @Override
    public boolean replayable() {
        return true;
    }

    @Override
    public String toString() {
        return "Srm" + p + "@" + dtMs + "ms";
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return NeuronCodecs.SRM;
    }
}
