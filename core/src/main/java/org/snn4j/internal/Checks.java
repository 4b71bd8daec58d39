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
     * Checks {@code value < bound}, for a field that must lie below another (both already checked finite).
     *
     * @throws IllegalArgumentException {@code "<name> must be < <boundName> = <bound>, got <value>"}
     */
    public static float below(String name, float value, String boundName, float bound) {
        if (!(value < bound)) {
            throw new IllegalArgumentException(name + " must be < " + boundName + " = " + bound + ", got " + value);
        }
        return value;
    }

    /**
     * Checks {@code value > bound}, for a field that must lie above another (both already checked finite).
     *
     * @throws IllegalArgumentException {@code "<name> must be > <boundName> = <bound>, got <value>"}
     */
    public static float above(String name, float value, String boundName, float bound) {
        if (!(value > bound)) {
            throw new IllegalArgumentException(name + " must be > " + boundName + " = " + bound + ", got " + value);
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
     * relative slack of 1e-6 so that, for example, 2 ms at 0.1 ms gives 20 steps, not 21: a ratio at most the
     * slack above a whole number gives that number. A whole ratio is never rounded down (from a million steps on,
     * where the slack is a step or more, subtracting it first lost a step).
     */
    public static int stepsCeil(float ms, float dtMs) {
        return stepsCeil("a duration", ms, dtMs);
    }

    /**
     * {@link #stepsCeil(float, float)} for the parameter {@code name} (named in the error).
     *
     * @throws IllegalArgumentException {@code "refractoryMs 5.0E9 at dt 1.0 ms is more than 2147483647 steps"}
     */
    public static int stepsCeil(String name, float ms, float dtMs) {
        double r = (double) ms / dtMs;
        double whole = Math.floor(r);
        long n = (long) (r - whole <= 1e-6 * Math.max(1.0, r) ? whole : whole + 1);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " " + ms + " at dt " + dtMs + " ms is more than "
                    + Integer.MAX_VALUE + " steps");
        }
        return (int) Math.max(0, n);
    }

    /** The largest array length this library allocates: {@code Integer.MAX_VALUE - 8} (the JDK's safe limit). */
    public static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * The product of {@code factors} as an array length, checked for overflow; for sizes computed from
     * parameters (weight counts, frame counts), called at build time so a size that does not fit fails there,
     * not with a negative index on the first spike.
     *
     * @param what    what the size is, naming the parameters, e.g. {@code "layer conv1: weights inC x kH x kW x outC"}
     * @param factors the sizes to multiply, each {@code >= 0}
     * @return the product, in {@code [0, MAX_ARRAY]}
     * @throws IllegalArgumentException {@code "<what> = 1000 x 1000 x 5 x 5000 = 25000000000 exceeds the largest
     *                                  array (2147483639)"}, or naming a negative factor
     */
    public static int arraySize(String what, long... factors) {
        long p = 1;
        boolean over = false;
        for (int i = 0; i < factors.length; i++) {
            if (factors[i] < 0) {
                throw new IllegalArgumentException(what + ": factor " + i + " must be >= 0, got " + factors[i]
                        + " (" + join(factors) + ")");
            }
            if (factors[i] == 0) {
                return 0;
            }
        }
        for (int i = 0; i < factors.length; i++) {
            if (p > MAX_ARRAY / factors[i]) {
                over = true;
                break;
            }
            p *= factors[i];
        }
        if (over || p > MAX_ARRAY) {
            java.math.BigInteger b = java.math.BigInteger.ONE;
            for (int i = 0; i < factors.length; i++) {
                b = b.multiply(java.math.BigInteger.valueOf(factors[i]));
            }
            throw new IllegalArgumentException(what + " = " + join(factors) + " = " + b
                    + " exceeds the largest array (" + MAX_ARRAY + ")");
        }
        return (int) p;
    }

    /**
     * {@code a + b} as an array length, checked for overflow (e.g. {@code steps + 1} offsets).
     *
     * @param what what the size is, naming the parameters, e.g. {@code "steps + 1"}
     * @throws IllegalArgumentException if either is negative or the sum exceeds {@link #MAX_ARRAY}
     */
    public static int arraySizeSum(String what, long a, long b) {
        if (a < 0 || b < 0 || a + b > MAX_ARRAY) {
            throw new IllegalArgumentException(what + " = " + a + " + " + b + " must be in [0, " + MAX_ARRAY
                    + "]");
        }
        return (int) (a + b);
    }

    private static String join(long[] factors) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < factors.length; i++) {
            if (i > 0) {
                sb.append(" x ");
            }
            sb.append(factors[i]);
        }
        return sb.toString();
    }
}
