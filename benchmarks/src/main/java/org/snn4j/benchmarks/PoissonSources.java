package org.snn4j.benchmarks;

import java.util.SplittableRandom;
import org.snn4j.SpikeSource;
import org.snn4j.Spikes;

/**
 * Independent Poisson (Bernoulli per step) spike trains generated while the simulation runs: each of
 * {@code size} sources fires at a step with probability {@code rate * dt}. Within a step the firing sources
 * are drawn by geometric skipping (the gap to the next firing source is geometric), which gives exactly the
 * independent Bernoulli distribution at a cost proportional to the number of spikes. The generator is
 * re-seeded from {@code seed} at step 0, so each presentation (steps emitted in order from 0) replays the
 * same trains. Stateful: not thread-safe, and steps must be emitted in order.
 */
final class PoissonSources implements SpikeSource {
    private final int size;
    private final int steps;
    private final long seed;
    private final double logq;
    private SplittableRandom rng;

    PoissonSources(int size, int steps, double rateHz, float dtMs, long seed) {
        double p = rateHz * dtMs / 1000.0;
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("rate * dt must be in (0, 1), got " + p);
        }
        this.size = size;
        this.steps = steps;
        this.seed = seed;
        this.logq = Math.log1p(-p);
        this.rng = new SplittableRandom(seed);
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public int size() {
        return size;
    }

    private int skip() {
        return (int) Math.min(Integer.MAX_VALUE - 1, Math.floor(Math.log(1.0 - rng.nextDouble()) / logq));
    }

    @Override
    public void emit(int step, Spikes out) {
        if (step == 0) {
            rng = new SplittableRandom(seed);
        }
        int j = skip();
        while (j < size) {
            out.add(j);
            j += 1 + skip();
        }
    }
}
