package org.snn4j.internal;

/**
 * Powers {@code d^n} of a per-step decay factor {@code d = exp(-dtMs / tauMs)}, for the lazy (closed-form)
 * update of leaky neurons: a table for {@code n < 1024}, {@code exp(-n dtMs / tauMs)} beyond.
 * Each entry is {@code (float) exp(-n dtMs / tauMs)} computed in double, so it is the exact decay rounded
 * once, not the float product of {@code n} rounded factors.
 *
 * <p>Immutable and thread-safe. Internal: not part of the public API.
 */
public final class DecayTable {
    private static final int SIZE = 1024;
    private final float dtMs;
    private final float tauMs;
    private final float[] powers;

    /**
     * @param dtMs  step length, ms, > 0
     * @param tauMs time constant, ms, > 0
     */
    public DecayTable(float dtMs, float tauMs) {
        this.dtMs = dtMs;
        this.tauMs = tauMs;
        this.powers = new float[SIZE];
        double r = (double) dtMs / tauMs;
        for (int n = 0; n < SIZE; n++) {
            powers[n] = (float) Math.exp(-n * r);
        }
    }

    /** Whether this table was built for step {@code dtMs} (exact float comparison). */
    public boolean isFor(float dtMs) {
        return this.dtMs == dtMs;
    }

    /** {@code exp(-dtMs / tauMs)}, the decay over one step. */
    public float one() {
        return powers[1];
    }

    /** {@code exp(-n dtMs / tauMs)} for {@code n >= 0} (not checked). */
    public float pow(int n) {
        return n < SIZE ? powers[n] : (float) Math.exp(-(double) n * dtMs / tauMs);
    }

    /**
     * The table of one time constant for the step length last asked for, built when the step length changes
     * (exact float comparison). Thread-safe: the table is immutable and safely published; two threads that race
     * on a new step length build equal tables.
     */
    public static final class Cache {
        private final float tauMs;
        private volatile DecayTable table;

        /** @param tauMs time constant, ms, > 0 */
        public Cache(float tauMs) {
            this.tauMs = tauMs;
        }

        /** The table for step {@code dtMs}, ms, > 0. */
        public DecayTable forStep(float dtMs) {
            DecayTable t = table;
            if (t == null || !t.isFor(dtMs)) {
                t = new DecayTable(dtMs, tauMs);
                table = t;
            }
            return t;
        }
    }
}
