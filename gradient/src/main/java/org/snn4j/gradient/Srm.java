package org.snn4j.gradient;

import java.util.Objects;
import org.snn4j.neuron.SrmKernels;
import org.snn4j.neuron.SrmParameters;

/**
 * SLAYER's spike response model neuron with a surrogate derivative (core's {@link SrmParameters}), sampled at the
 * time step {@code dt}: {@code u[t] = sum_k eps(k dt) x[t-k] + sum_k nu(k dt) s[t-k]}.
 *
 * <p>The forward pass is core's {@link SrmKernels} (exact second-order recursive filters for both kernels; the
 * engine's {@link org.snn4j.neuron.Srm} runs the same arithmetic, so an exported network spikes identically):
 * the cost per step is constant instead of the kernel length, and the kernels are not cut off (slayerPytorch cuts
 * each kernel where it falls below 1 % of its peak; the kept tail changes {@code u} by less than 1 % of a PSP). The
 * backward pass runs the adjoint filters backwards in time. With {@link ResetGradient#DETACHED} no gradient flows through the refractory term (SLAYER).
 * Immutable and thread-safe.
 */
public final class Srm implements SurrogateNeuron {
    private static final int SAVED_U = 0;
    private static final int PSP_Y = 0;
    private static final int PSP_I = 1;
    private static final int REF_Y = 2;
    private static final int REF_I = 3;

    private final SrmParameters p;
    private final float dtMs;
    private final Surrogate surrogate;
    private final ForwardMode mode;
    private final ResetGradient resetGradient;
    private final SrmKernels kernels;

    /**
     * An SRM neuron.
     *
     * @param parameters    kernels and threshold
     * @param dtMs          time step in ms, &gt; 0
     * @param surrogate     surrogate derivative (SLAYER: {@link Surrogate#slayer(float, float, float)})
     * @param mode          spikes (training) or smooth (gradient checks)
     * @param resetGradient whether the backward pass follows the refractory kernel (SLAYER: DETACHED)
     */
    public Srm(SrmParameters parameters, float dtMs, Surrogate surrogate, ForwardMode mode,
               ResetGradient resetGradient) {
        this.p = Objects.requireNonNull(parameters, "parameters");
        this.kernels = new SrmKernels(parameters, dtMs);
        this.dtMs = dtMs;
        this.surrogate = Objects.requireNonNull(surrogate, "surrogate");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.resetGradient = Objects.requireNonNull(resetGradient, "resetGradient");
    }

    /**
     * SLAYER's set-up: spikes, its exponential surrogate, no gradient through the refractory term.
     *
     * @param parameters kernels and threshold
     * @param dtMs       time step in ms
     * @param tauRho     surrogate width relative to theta
     * @param scaleRho   surrogate height factor
     * @return the model
     */
    public static Srm slayer(SrmParameters parameters, float dtMs, float tauRho, float scaleRho) {
        return new Srm(parameters, dtMs, Surrogate.slayer(tauRho, scaleRho, parameters.theta()), ForwardMode.SPIKES,
                ResetGradient.DETACHED);
    }

    /** The parameters. */
    public SrmParameters parameters() {
        return p;
    }

    /** The time step in ms. */
    public float dtMs() {
        return dtMs;
    }

    /**
     * The PSP kernel at step {@code k}: {@code eps(k dt) = (k dt / tauSr) e^(1 - k dt / tauSr)}.
     *
     * @param k step, &gt;= 0
     * @return the kernel value
     */
    public float pspKernel(int k) {
        return (float) kernels.pspKernel(k);
    }

    /** The kernel arithmetic (shared with the engine's SRM model). */
    public SrmKernels kernels() {
        return kernels;
    }

    @Override
    public int savedVariables() {
        return 1;
    }

    @Override
    public int carriedVariables() {
        return 4;
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
        float[] ri = tr.carry(REF_I);
        float[] su = tr.saved(SAVED_U);
        float theta = p.theta();
        boolean spikes = mode == ForwardMode.SPIKES;
        int base = t * n;
        kernels.potentials(tr.carry(PSP_Y), tr.carry(PSP_I), tr.carry(REF_Y), ri, in, base, su, base, n);
        for (int k = 0; k < n; k++) {
            float u = su[base + k];
            float s = spikes ? (u >= theta ? 1f : 0f) : surrogate.smooth(u - theta);
            out[base + k] = s;
            ri[k] = kernels.refractoryInput(ri[k], s);
        }
    }

    @Override
    public void backwardStep(int t, int n, float[] out, float[] gradOut, float[] gradIn, NeuronTrace tr) {
        float[] su = tr.saved(SAVED_U);
        if (t == su.length / n - 1) {
            tr.clearCarries();
        }
        float[] py = tr.carry(PSP_Y);
        float[] pi = tr.carry(PSP_I);
        float[] ry = tr.carry(REF_Y);
        float[] ri = tr.carry(REF_I);
        float theta = p.theta();
        boolean full = resetGradient == ResetGradient.FULL;
        float r = kernels.pspDecay();
        float cR = kernels.pspGain();
        float rr = kernels.refractoryDecay();
        float crR = kernels.refractoryGain();
        int base = t * n;
        for (int k = 0; k < n; k++) {
            float gs = gradOut[base + k];
            if (full) {
                float refI = rr * ri[k] + crR * ry[k];
                ri[k] = refI;
                gs += refI;
            }
            float lu = gs * surrogate.derivative(su[base + k] - theta);
            if (full) {
                ry[k] = lu + rr * ry[k];
            }
            float gi = r * pi[k] + cR * py[k];
            pi[k] = gi;
            gradIn[base + k] = gi;
            py[k] = lu + r * py[k];
        }
    }
}
