package org.snn4j.neuron;

import java.util.Objects;

/**
 * The arithmetic of the spike response model ({@link SrmParameters}) sampled at a time step {@code dt}: the one
 * home of the kernel recursion, used by the engine's {@link Srm} and by the gradient trainer's SRM neuron, so both
 * compute bit-identical potentials and spikes.
 *
 * <p>Both kernels have the form {@code c k r^k} at step {@code k} (the PSP kernel
 * {@code eps(k dt) = (k dt / tauSr) e^(1 - k dt / tauSr)}: {@code r = e^(-dt / tauSr)}, {@code c = e dt / tauSr};
 * the refractory kernel {@code nu(k dt) = -scaleRef theta (k dt / tauRef) e^(1 - k dt / tauRef)}), which a
 * second-order recursive filter computes exactly with two values per neuron:
 * <pre>  y[t] = r y[t-1] + c r i[t-1],   i[t] = r i[t-1] + x[t]</pre>
 * so {@code y[t] = sum_k c k r^k x[t - k]} at a constant cost per step, with no cut-off of the kernel (slayerPytorch
 * cuts each kernel where it falls below 1 % of its peak). One step of a neuron:
 * <ol>
 *   <li>{@link #potentials}: the PSP filter ({@code y}, {@code i}) and the refractory filter ({@code yr},
 *       {@code ir}) advance, the step's input {@code x[t]} enters {@code i}, and {@code u[t] = y[t] + yr[t]};</li>
 *   <li>the caller decides the spike {@code s[t]} ({@code u >= theta}: the input of step {@code t} reaches the
 *       potential from step {@code t + 1}, as the kernel is 0 at lag 0);</li>
 *   <li>{@link #refractoryInput}: {@code ir[t] = rr ir[t-1] + s[t]} (the spike's refractory response starts at
 *       step {@code t + 1}).</li>
 * </ol>
 * Immutable and thread-safe.
 */
public final class SrmKernels {
    private final SrmParameters p;
    private final float dtMs;
    private final float r;
    private final float cr;
    private final float rr;
    private final float crr;

    /**
     * The kernels at a time step.
     *
     * @param parameters the model
     * @param dtMs       time step in ms, finite and &gt; 0
     */
    public SrmKernels(SrmParameters parameters, float dtMs) {
        this.p = Objects.requireNonNull(parameters, "parameters");
        if (!(dtMs > 0f) || !Float.isFinite(dtMs)) {
            throw new IllegalArgumentException("dtMs must be finite and > 0, got " + dtMs);
        }
        this.dtMs = dtMs;
        this.r = (float) Math.exp(-dtMs / p.tauSrMs());
        float c = (float) (Math.E * dtMs / p.tauSrMs());
        this.cr = c * r;
        this.rr = (float) Math.exp(-dtMs / p.tauRefMs());
        float cRef = (float) (-p.scaleRef() * p.theta() * Math.E * dtMs / p.tauRefMs());
        this.crr = cRef * rr;
    }

    /** The parameters. */
    public SrmParameters parameters() {
        return p;
    }

    /** The time step in ms. */
    public float dtMs() {
        return dtMs;
    }

    /** PSP decay per step {@code r = e^(-dt / tauSr)}. */
    public float pspDecay() {
        return r;
    }

    /** PSP gain {@code c r}, with {@code c = e dt / tauSr}. */
    public float pspGain() {
        return cr;
    }

    /** Refractory decay per step {@code e^(-dt / tauRef)}. */
    public float refractoryDecay() {
        return rr;
    }

    /** Refractory gain {@code c' rr}, with {@code c' = -scaleRef theta e dt / tauRef} (negative or 0). */
    public float refractoryGain() {
        return crr;
    }

    /**
     * The PSP kernel at step {@code k}: {@code eps(k dt) = (k dt / tauSr) e^(1 - k dt / tauSr)} (in double).
     *
     * @param k step, &gt;= 0
     * @return the kernel value
     */
    public double pspKernel(int k) {
        double x = k * (double) dtMs / p.tauSrMs();
        return x * Math.exp(1 - x);
    }

    /**
     * The refractory kernel at step {@code k}: {@code -scaleRef theta (k dt / tauRef) e^(1 - k dt / tauRef)}.
     *
     * @param k step, &gt;= 0
     * @return the kernel value
     */
    public double refractoryKernel(int k) {
        double x = k * (double) dtMs / p.tauRefMs();
        return -p.scaleRef() * p.theta() * x * Math.exp(1 - x);
    }

    /**
     * Step 1 for neurons {@code 0 .. n - 1}: advances both filters, adds the input, writes the potentials.
     *
     * @param y     PSP filter output per neuron; modified
     * @param i     PSP filter input state per neuron; modified
     * @param yr    refractory filter output per neuron; modified
     * @param ir    refractory filter input state per neuron; modified
     * @param x     this step's input at {@code x[xOff + k]} (added to {@code i}); not modified
     * @param xOff  offset of neuron 0 in {@code x}
     * @param u     receives the potentials at {@code u[uOff + k]}; modified
     * @param uOff  offset of neuron 0 in {@code u}
     * @param n     number of neurons
     */
    public void potentials(float[] y, float[] i, float[] yr, float[] ir, float[] x, int xOff, float[] u, int uOff,
                           int n) {
        for (int k = 0; k < n; k++) {
            float yk = r * y[k] + cr * i[k];
            y[k] = yk;
            i[k] = r * i[k] + x[xOff + k];
            float yrk = rr * yr[k] + crr * ir[k];
            yr[k] = yrk;
            u[uOff + k] = yk + yrk;
        }
    }

    /**
     * Step 3 for one neuron: the refractory filter's input state after this step's output {@code s} (1 for a
     * spike, 0 for none; any value in a smooth mode): {@code rr ir + s}.
     *
     * @param ir the state before the step
     * @param s  the step's output
     * @return the new state
     */
    public float refractoryInput(float ir, float s) {
        return rr * ir + s;
    }

    @Override
    public String toString() {
        return "SrmKernels[" + p + ", dt " + dtMs + " ms]";
    }
}
