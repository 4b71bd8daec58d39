package org.snn4j.encoding;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.SpikeSource;
import org.snn4j.network.Network;

/**
 * Poisson (Bernoulli per step) rate code: input {@code i} with intensity {@code x_i} fires independently at
 * each step with probability
 * <pre>p_i = min(1, r_i dt / 1000),   r_i = maxRateHz * clamp(x_i / fullScale, 0, 1)</pre>
 * over {@link #steps()} = {@code ceil(durationMs / dtMs)} steps. So intensity 0 (or negative) never
 * fires, and {@code r_i dt >= 1000} (rate x dt >= 1) fires at every step.
 *
 * <p>Event-driven sampling: instead of one random draw per input per step, the gaps between spikes are
 * drawn from the geometric distribution {@code P(gap = g) = (1-p)^g p} by inversion,
 * {@code g = floor(ln(1-U) / ln(1-p))}, which gives exactly the same distribution as per-step Bernoulli
 * trials at a cost proportional to the number of spikes. Inputs are drawn in index order, so the same
 * generator state gives the same train (bit-identical). Immutable and thread-safe; the generator passed to
 * {@link #encode} is not (use one per thread, e.g. split from a seeded {@code SplittableGenerator}).
 *
 * @param maxRateHz  rate (Hz) at intensity {@code >= fullScale}, {@code >= 0} and finite
 * @param durationMs length of the train in ms, {@code > 0}
 * @param dtMs       step length in ms, {@code > 0}
 * @param fullScale  intensity that gives {@code maxRateHz} (e.g. 255 for byte pixels, 1 for [0,1]),
 *                   {@code > 0}
 */
public record PoissonEncoder(double maxRateHz, double durationMs, double dtMs, double fullScale) {

    /** Checks every parameter. */
    public PoissonEncoder {
        if (!(maxRateHz >= 0) || !Double.isFinite(maxRateHz)) {
            throw new IllegalArgumentException("maxRateHz must be >= 0 and finite, got " + maxRateHz);
        }
        if (!(durationMs > 0) || !Double.isFinite(durationMs)) {
            throw new IllegalArgumentException("durationMs must be > 0 and finite, got " + durationMs);
        }
        if (!(dtMs > 0) || !Double.isFinite(dtMs)) {
            throw new IllegalArgumentException("dtMs must be > 0 and finite, got " + dtMs);
        }
        if (!(fullScale > 0) || !Double.isFinite(fullScale)) {
            throw new IllegalArgumentException("fullScale must be > 0 and finite, got " + fullScale);
        }
        double n = Math.ceil(durationMs / dtMs - 1e-9);
        if (n > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("durationMs / dtMs must be < 2^31, got " + n);
        }
    }

    /**
     * An encoder whose step length is the network's ({@link Network#dtMs()}), so its trains always match the
     * network they drive.
     */
    public static PoissonEncoder forNetwork(Network network, double maxRateHz, double durationMs,
                                            double fullScale) {
        return new PoissonEncoder(maxRateHz, durationMs, Objects.requireNonNull(network, "network").dtMs(),
                fullScale);
    }

    /** Number of steps, {@code ceil(durationMs / dtMs)} (a ratio within 1e-9 of an integer is not rounded up). */
    public int steps() {
        return (int) Math.max(1, Math.ceil(durationMs / dtMs - 1e-9));
    }

    /** The per-step firing probability for intensity {@code x}. */
    public double probability(float x) {
        if (!(x > 0)) {
            return 0;
        }
        double rate = maxRateHz * Math.min(1.0, x / fullScale);
        return Math.min(1.0, rate * dtMs / 1000.0);
    }

    /**
     * Encodes intensities.
     *
     * @param values intensities, one per neuron; not modified
     * @param rng    modified: advanced by about one draw per spike
     * @return a source of {@link #steps()} steps and {@code values.length} neurons, made for steps of
     *         {@code dtMs} ({@link SpikeSource#dtMs()}: a simulation with another step length refuses it)
     * @throws IllegalArgumentException naming the first NaN value
     */
    public EventSource encode(float[] values, RandomGenerator rng) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(rng, "rng");
        int steps = steps();
        int cap = 16;
        int[] evStep = new int[cap];
        int[] evIdx = new int[cap];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            float x = values[i];
            if (x != x) {
                throw new IllegalArgumentException("values[" + i + "] must not be NaN");
            }
            double p = probability(x);
            if (p <= 0) {
                continue;
            }
            if (p >= 1) {
                for (int t = 0; t < steps; t++) {
                    if (n == cap) {
                        cap = grow(cap);
                        evStep = Arrays.copyOf(evStep, cap);
                        evIdx = Arrays.copyOf(evIdx, cap);
                    }
                    evStep[n] = t;
                    evIdx[n++] = i;
                }
                continue;
            }
            double lq = Math.log1p(-p);
            long t = -1;
            while (true) {
                double gap = Math.floor(Math.log1p(-rng.nextDouble()) / lq);
                t += (long) Math.min(gap, (double) steps) + 1;
                if (t >= steps) {
                    break;
                }
                if (n == cap) {
                    cap = grow(cap);
                    evStep = Arrays.copyOf(evStep, cap);
                    evIdx = Arrays.copyOf(evIdx, cap);
                }
                evStep[n] = (int) t;
                evIdx[n++] = i;
            }
        }
        return EventSource.of(steps, values.length, Arrays.copyOf(evStep, n), Arrays.copyOf(evIdx, n))
                .withDtMs((float) dtMs);
    }

    private static int grow(int cap) {
        if (cap >= Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many events for one source");
        }
        return (int) Math.min(Integer.MAX_VALUE - 8L, cap * 2L);
    }

    /** An {@link Encoder} of feature maps of exactly {@code shape}. */
    public Encoder<FeatureMaps> encoder(Shape shape) {
        Objects.requireNonNull(shape, "shape");
        PoissonEncoder code = this;
        return new Encoder<>() {
            @Override
            public Shape outputShape() {
                return shape;
            }

            @Override
            public SpikeSource encode(FeatureMaps input, RandomGenerator rng) {
                if (!input.shape().equals(shape)) {
                    throw new IllegalArgumentException("encoder expects " + shape + " maps, got " + input.shape());
                }
                return code.encode(input.data(), rng);
            }
        };
    }
}
