package org.snn4j.plot;

/**
 * Maps a value in [0, 1] to an RGB colour. Values outside [0, 1] are clamped; NaN maps to the colour of 0.
 */
public enum ColorMap {
    /** Black (0) to white (1). */
    GRAY,
    /** White (0) to black (1), the look of the Diehl &amp; Cook receptive-field figure on paper. */
    GRAY_INVERTED,
    /** Black, red, yellow, white ("hot"). */
    HOT,
    /** Blue (0), white (0.5), red (1), for signed values mapped with 0 at the centre. */
    DIVERGING,
    /** White (0) to dark blue (1), for counts such as a confusion matrix. */
    BLUES;

    /**
     * The colour of {@code value}.
     *
     * @param value a value in [0, 1]; clamped
     * @return {@code 0xRRGGBB}
     */
    public int rgb(double value) {
        double t = value != value ? 0.0 : Math.max(0.0, Math.min(1.0, value));
        switch (this) {
            case GRAY:
                return gray(t);
            case GRAY_INVERTED:
                return gray(1.0 - t);
            case HOT:
                return pack(clamp(3 * t), clamp(3 * t - 1), clamp(3 * t - 2));
            case DIVERGING:
                if (t < 0.5) {
                    double u = t * 2;
                    return pack(u, u, 1.0);
                }
                double u = (1 - t) * 2;
                return pack(1.0, u, u);
            case BLUES:
                return pack(1.0 - 0.97 * t, 1.0 - 0.75 * t, 1.0 - 0.45 * t);
            default:
                throw new AssertionError(this);
        }
    }

    private static double clamp(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }

    private static int gray(double t) {
        int g = (int) Math.round(t * 255.0);
        return (g << 16) | (g << 8) | g;
    }

    private static int pack(double r, double g, double b) {
        return ((int) Math.round(r * 255.0) << 16) | ((int) Math.round(g * 255.0) << 8) | (int) Math.round(b * 255.0);
    }
}
