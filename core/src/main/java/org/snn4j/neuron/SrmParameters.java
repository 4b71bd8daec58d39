package org.snn4j.neuron;

/**
 * SLAYER's spike response model (Shrestha and Orchard 2018, NeurIPS, "SLAYER: Spike Layer Error Reassignment in
 * Time"): {@code u(t) = (eps * x)(t) + (nu * s)(t)}, a spike when {@code u >= theta}, with the alpha PSP kernel
 * {@code eps(t) = (t / tauSr) e^(1 - t / tauSr)} (peak 1 at {@code tauSr}) and the refractory kernel
 * {@code nu(t) = -scaleRef theta (t / tauRef) e^(1 - t / tauRef)}.
 *
 * @param theta    threshold, &gt; 0
 * @param tauSrMs  PSP time constant in ms, &gt; 0
 * @param tauRefMs refractory time constant in ms, &gt; 0
 * @param scaleRef refractory strength relative to theta, &gt;= 0
 */
public record SrmParameters(float theta, float tauSrMs, float tauRefMs, float scaleRef) {

    /** Checks every parameter. */
    public SrmParameters {
        if (!(theta > 0f) || !Float.isFinite(theta)) {
            throw new IllegalArgumentException("theta must be finite and > 0, got " + theta);
        }
        if (!(tauSrMs > 0f) || !Float.isFinite(tauSrMs)) {
            throw new IllegalArgumentException("tauSrMs must be finite and > 0, got " + tauSrMs);
        }
        if (!(tauRefMs > 0f) || !Float.isFinite(tauRefMs)) {
            throw new IllegalArgumentException("tauRefMs must be finite and > 0, got " + tauRefMs);
        }
        if (!(scaleRef >= 0f) || !Float.isFinite(scaleRef)) {
            throw new IllegalArgumentException("scaleRef must be finite and >= 0, got " + scaleRef);
        }
    }

    /** slayerPytorch's N-MNIST example: theta 10, tauSr 10 ms, tauRef 1 ms, scaleRef 2. */
    public static SrmParameters slayerNmnist() {
        return new SrmParameters(10f, 10f, 1f, 2f);
    }
}
