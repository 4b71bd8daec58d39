package org.snn4j.encoding.filter;

import org.snn4j.internal.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * A square convolution kernel of odd size, row-major weights ({@code weight(row, col) =
 * weights[row * size + col]}, centre at {@code (size/2, size/2)}), applied as a cross-correlation (not
 * flipped), as PyTorch's {@code conv2d} does.
 *
 * <p>Immutable: {@link #weights()} returns a copy. Thread-safe.
 */
public final class Kernel {
    private final int size;
    private final float[] weights;
    private final String description;

    private Kernel(int size, float[] weights, String description) {
        this.size = size;
        this.weights = weights;
        this.description = description;
    }

    /**
     * A kernel from explicit weights (copied).
     *
     * @param size    odd, {@code >= 1}
     * @param weights {@code size * size} finite values, row-major; not modified
     */
    public static Kernel of(int size, float[] weights) {
        Objects.requireNonNull(weights, "weights");
        checkSize(size);
        if (weights.length != size * size) {
            throw new IllegalArgumentException("weights.length must be size * size = " + (size * size) + ", got "
                    + weights.length);
        }
        for (int i = 0; i < weights.length; i++) {
            if (!Float.isFinite(weights[i])) {
                throw new IllegalArgumentException("weights[" + i + "] must be finite, got " + weights[i]);
            }
        }
        return new Kernel(size, weights.clone(), "Kernel" + size + "x" + size);
    }

    /**
     * A Difference-of-Gaussians kernel normalised as in Mozafari et al. 2019 (Pattern Recognition 94:87,
     * doi:10.1016/j.patcog.2019.05.015) and SpykeTorch's {@code DoGKernel}: on the integer grid
     * {@code -w..w} ({@code w = size/2}), {@code r^2 = x^2 + y^2},
     * <pre>DoG(r) = (1 / 2pi) (exp(-r^2 / (2 s1^2)) / s1^2 - exp(-r^2 / (2 s2^2)) / s2^2)</pre>
     * then the mean over the window is subtracted and the result divided by its maximum, so the weights sum
     * to 0 (up to rounding) and the largest weight is exactly 1. {@code sigma1 < sigma2} gives an ON-centre
     * kernel (positive centre), {@code sigma1 > sigma2} an OFF-centre one. Computed in double, stored as
     * float.
     *
     * @param size   odd window size, {@code >= 3}
     * @param sigma1 first standard deviation in pixels, {@code > 0}
     * @param sigma2 second standard deviation in pixels, {@code > 0}, {@code != sigma1}
     */
    public static Kernel dog(int size, double sigma1, double sigma2) {
        checkSize(size);
        if (size < 3) {
            throw new IllegalArgumentException("size must be >= 3 for a DoG kernel, got " + size);
        }
        checkPositive("sigma1", sigma1);
        checkPositive("sigma2", sigma2);
        if (sigma1 == sigma2) {
            throw new IllegalArgumentException("sigma1 and sigma2 must differ, both are " + sigma1);
        }
        int w = size / 2;
        double[] k = new double[Checks.arraySize("kernel size x size", size, size)];
        double a = 1.0 / (2 * Math.PI);
        for (int y = -w; y <= w; y++) {
            for (int x = -w; x <= w; x++) {
                double r2 = x * x + y * y;
                double f1 = Math.exp(-0.5 * r2 / (sigma1 * sigma1)) / (sigma1 * sigma1);
                double f2 = Math.exp(-0.5 * r2 / (sigma2 * sigma2)) / (sigma2 * sigma2);
                k[(y + w) * size + (x + w)] = a * (f1 - f2);
            }
        }
        return new Kernel(size, meanZeroMaxOne(k, false), "DoG(" + size + ", " + sigma1 + ", " + sigma2 + ")");
    }

    /**
     * An ON-centre Mexican-hat (Ricker, negated Laplacian of Gaussian) kernel,
     * {@code (1 - r^2 / (2 sigma^2)) exp(-r^2 / (2 sigma^2))} on the grid {@code -w..w}, mean subtracted and
     * divided by its maximum (centre = 1, weights sum to 0).
     *
     * @param size  odd, {@code >= 3} (5 for the classic 5x5 pair)
     * @param sigma width in pixels, {@code > 0}
     */
    public static Kernel mexicanHatOn(int size, double sigma) {
        checkSize(size);
        if (size < 3) {
            throw new IllegalArgumentException("size must be >= 3 for a Mexican hat, got " + size);
        }
        checkPositive("sigma", sigma);
        int w = size / 2;
        double[] k = new double[Checks.arraySize("kernel size x size", size, size)];
        for (int y = -w; y <= w; y++) {
            for (int x = -w; x <= w; x++) {
                double q = (x * x + y * y) / (2 * sigma * sigma);
                k[(y + w) * size + (x + w)] = (1 - q) * Math.exp(-q);
            }
        }
        return new Kernel(size, meanZeroMaxOne(k, false), "MexicanHatOn(" + size + ", " + sigma + ")");
    }

    /** The OFF-centre partner of {@link #mexicanHatOn}: every weight negated (centre = -1). */
    public static Kernel mexicanHatOff(int size, double sigma) {
        Kernel on = mexicanHatOn(size, sigma);
        float[] w = on.weights.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] = -w[i];
        }
        return new Kernel(size, w, "MexicanHatOff(" + size + ", " + sigma + ")");
    }

    /**
     * The 5x5 Mexican-hat ON/OFF pair with {@code sigma = 1}: index 0 ON-centre, index 1 OFF-centre.
     */
    public static Kernel[] mexicanHatPair() {
        return new Kernel[] {mexicanHatOn(5, 1.0), mexicanHatOff(5, 1.0)};
    }

    /**
     * A Gabor kernel (even, cosine phase):
     * <pre>g(x, y) = exp(-(x'^2 + gamma^2 y'^2) / (2 sigma^2)) cos(2 pi x' / lambda + psi),
     * x' = x cos(theta) + y sin(theta),  y' = -x sin(theta) + y cos(theta)</pre>
     * with {@code x} the column and {@code y} the row offset from the centre (rows grow downwards, so
     * {@code theta} turns clockwise on screen), then the mean subtracted and divided by the maximum
     * absolute value (so weights are in [-1, 1] and sum to 0).
     *
     * @param size         odd, {@code >= 3}
     * @param thetaDegrees orientation of the carrier's wave vector, in degrees
     * @param sigma        envelope standard deviation in pixels, {@code > 0}
     * @param lambda       wavelength in pixels, {@code > 0}
     * @param gamma        spatial aspect ratio, {@code > 0}
     * @param psi          phase offset in radians
     */
    public static Kernel gabor(int size, double thetaDegrees, double sigma, double lambda, double gamma, double psi) {
        checkSize(size);
        if (size < 3) {
            throw new IllegalArgumentException("size must be >= 3 for a Gabor kernel, got " + size);
        }
        checkPositive("sigma", sigma);
        checkPositive("lambda", lambda);
        checkPositive("gamma", gamma);
        if (!Double.isFinite(thetaDegrees)) {
            throw new IllegalArgumentException("thetaDegrees must be finite, got " + thetaDegrees);
        }
        if (!Double.isFinite(psi)) {
            throw new IllegalArgumentException("psi must be finite, got " + psi);
        }
        int w = size / 2;
        double th = Math.toRadians(thetaDegrees);
        double c = Math.cos(th);
        double s = Math.sin(th);
        double[] k = new double[Checks.arraySize("kernel size x size", size, size)];
        for (int y = -w; y <= w; y++) {
            for (int x = -w; x <= w; x++) {
                double xp = x * c + y * s;
                double yp = -x * s + y * c;
                double env = Math.exp(-(xp * xp + gamma * gamma * yp * yp) / (2 * sigma * sigma));
                k[(y + w) * size + (x + w)] = env * Math.cos(2 * Math.PI * xp / lambda + psi);
            }
        }
        return new Kernel(size, meanZeroMaxOne(k, true),
                "Gabor(" + size + ", " + thetaDegrees + "deg, " + sigma + ", " + lambda + ", " + gamma + ", " + psi + ")");
    }

    /**
     * Gabor kernels at the given orientations with defaults that suit digit strokes:
     * {@code lambda = size / 2}, {@code sigma = 0.8 lambda}, {@code gamma = 0.3}, {@code psi = 0}.
     */
    public static Kernel[] gaborBank(int size, double... orientationsDegrees) {
        Objects.requireNonNull(orientationsDegrees, "orientationsDegrees");
        if (orientationsDegrees.length == 0) {
            throw new IllegalArgumentException("orientationsDegrees must not be empty");
        }
        double lambda = size / 2.0;
        Kernel[] out = new Kernel[orientationsDegrees.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = gabor(size, orientationsDegrees[i], 0.8 * lambda, lambda, 0.3, 0.0);
        }
        return out;
    }

    private static float[] meanZeroMaxOne(double[] k, boolean byMaxAbs) {
        double mean = 0;
        for (int i = 0; i < k.length; i++) {
            mean += k[i];
        }
        mean /= k.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k.length; i++) {
            k[i] -= mean;
            max = Math.max(max, byMaxAbs ? Math.abs(k[i]) : k[i]);
        }
        if (!(max > 0)) {
            throw new IllegalArgumentException("kernel is degenerate (no positive weight after mean subtraction)");
        }
        float[] out = new float[k.length];
        for (int i = 0; i < k.length; i++) {
            out[i] = (float) (k[i] / max);
        }
        return out;
    }

    private static void checkSize(int size) {
        if (size < 1 || (size & 1) == 0) {
            throw new IllegalArgumentException("size must be odd and >= 1, got " + size);
        }
    }

    private static void checkPositive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be > 0 and finite, got " + v);
        }
    }

    /** Side length (odd). */
    public int size() {
        return size;
    }

    /** A copy of the weights, row-major. */
    public float[] weights() {
        return weights.clone();
    }

    /** Weight at {@code (row, col)}, {@code 0 <= row, col < size}. */
    public float weight(int row, int col) {
        Objects.checkIndex(row, size);
        Objects.checkIndex(col, size);
        return weights[row * size + col];
    }

    /** Live weights for the filters of this package; never exposed. */
    float[] raw() {
        return weights;
    }

    @Override
    public String toString() {
        return description;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Kernel k && k.size == size && Arrays.equals(k.weights, weights);
    }

    @Override
    public int hashCode() {
        return 31 * size + Arrays.hashCode(weights);
    }
}
