package org.snn4j.internal;

/**
 * Argument checks shared by parameter records. Messages name the field, the value and what was
 * expected, for example {@code "tauMs must be > 0, got -2.0"}. Not for use inside step loops.
 *
 * <p>Stateless and thread-safe. Internal: not part of the public API.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Checks {@code value} is finite.
     *
     * @throws IllegalArgumentException {@code "<name> must be finite, got <value>"}
     */
    public static float finite(String name, float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
        return value;
    }

    /**
     * Checks {@code value} is finite and {@code > 0}.
     *
     * @throws IllegalArgumentException {@code "<name> must be > 0, got <value>"}
     */
    public static float positive(String name, float value) {
        if (!(value > 0f) || !Float.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
        return value;
    }

    /**
     * Checks {@code value} is finite and {@code >= 0}.
     *
     * @throws IllegalArgumentException {@code "<name> must be >= 0, got <value>"}
     */
    public static float nonNegative(String name, float value) {
        if (!(value >= 0f) || !Float.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
        return value;
    }

    /**
     * Checks an int is {@code >= min}.
     *
     * @throws IllegalArgumentException {@code "<name> must be >= <min>, got <value>"}
     */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    /**
     * Checks a probability is in {@code [0, 1]}.
     *
     * @throws IllegalArgumentException {@code "<name> must be in [0, 1], got <value>"}
     */
    public static double probability(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
        return value;
    }

    /**
     * The number of whole steps covering {@code ms} at step {@code dtMs}: {@code ceil(ms / dtMs)}, with a
     * relative slack of 1e-6 so that, for example, 2 ms at 0.1 ms gives 20 steps, not 21.
     */
    public static int stepsCeil(float ms, float dtMs) {
        double r = (double) ms / dtMs;
        long n = (long) Math.ceil(r - 1e-6 * Math.max(1.0, r));
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(ms + " ms at dt " + dtMs + " ms is more than " + Integer.MAX_VALUE
                    + " steps");
        }
        return (int) Math.max(0, n);
    }
}
