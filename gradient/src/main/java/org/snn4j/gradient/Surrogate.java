package org.snn4j.gradient;

/**
 * A surrogate spike derivative: the forward pass fires when {@code x = u - theta >= 0} (a Heaviside step), the
 * backward pass uses {@link #derivative(float)} in place of the step's derivative. {@link #smooth(float)} is a smooth
 * step whose derivative is exactly {@link #derivative(float)}; a neuron in {@link ForwardMode#SMOOTH} uses it in the
 * forward pass so that finite differences check the backward pass exactly.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Surrogate permits Surrogate.Exponential, Surrogate.FastSigmoid, Surrogate.Arctan {

    /**
     * The surrogate derivative at {@code x = u - theta}.
     *
     * @param x distance of the potential from the threshold
     * @return the pseudo-derivative of the spike with respect to the potential
     */
    float derivative(float x);

    /**
     * A smooth step with {@code d smooth / dx = derivative(x)} (used only in {@link ForwardMode#SMOOTH}).
     *
     * @param x distance of the potential from the threshold
     * @return the smooth "spike" value
     */
    float smooth(float x);

    /**
     * SLAYER's spike escape density (Shrestha and Orchard 2018, "SLAYER: Spike Layer Error Reassignment in Time",
     * NeurIPS): {@code rho(x) = scaleRho / (tauRho theta) exp(-|x| / (tauRho theta))}.
     *
     * @param tauRho   width relative to the threshold, &gt; 0
     * @param scaleRho height factor, &gt; 0
     * @param theta    the neuron's threshold, &gt; 0
     * @return the density as an {@link Exponential}
     */
    static Exponential slayer(float tauRho, float scaleRho, float theta) {
        if (!(tauRho > 0f)) {
            throw new IllegalArgumentException("tauRho must be > 0, got " + tauRho);
        }
        if (!(scaleRho > 0f)) {
            throw new IllegalArgumentException("scaleRho must be > 0, got " + scaleRho);
        }
        if (!(theta > 0f)) {
            throw new IllegalArgumentException("theta must be > 0, got " + theta);
        }
        float width = tauRho * theta;
        return new Exponential(width, scaleRho / width);
    }

    /**
     * Exponential (Laplace-shaped) derivative {@code height * exp(-|x| / width)}.
     *
     * @param width  decay width in potential units, &gt; 0
     * @param height value at the threshold, &gt; 0
     */
    record Exponential(float width, float height) implements Surrogate {
        /** Checks the parameters. */
        public Exponential {
            if (!(width > 0f) || !Float.isFinite(width)) {
                throw new IllegalArgumentException("width must be finite and > 0, got " + width);
            }
            if (!(height > 0f) || !Float.isFinite(height)) {
                throw new IllegalArgumentException("height must be finite and > 0, got " + height);
            }
        }

        @Override
        public float derivative(float x) {
            return height * expNegative(-Math.abs(x) / width);
        }

        /**
         * {@code e^y} for {@code y <= 0}, within 2e-7 relative of {@code Math.exp} (range reduction to
         * {@code 2^k e^r}, {@code |r| <= ln2 / 2}, and a degree-7 Taylor polynomial): several times cheaper than
         * {@code Math.exp} in the backward pass's inner loop.
         */
        static float expNegative(float y) {
            if (y < -87f) {
                return 0f;
            }
            float k = Math.round(y * 1.442695041f);
            float r = y - k * 0.693145752f - k * 1.42860677e-6f;
            float p = 1f + r * (1f + r * (0.5f + r * (1f / 6 + r * (1f / 24 + r * (1f / 120 + r * (1f / 720
                    + r * (1f / 5040)))))));
            return p * Float.intBitsToFloat(((int) k + 127) << 23);
        }

        @Override
        public float smooth(float x) {
            double hw = (double) height * width;
            return (float) (x < 0f ? hw * Math.exp(x / width) : hw * (2.0 - Math.exp(-x / width)));
        }
    }

    /**
     * Fast sigmoid (Zenke and Ganguli 2018, SuperSpike, doi:10.1162/neco_a_01086):
     * {@code 1 / (1 + slope |x|)^2}; smooth step {@code x / (1 + slope |x|)}.
     *
     * @param slope steepness, &gt; 0 (snnTorch's default is 25)
     */
    record FastSigmoid(float slope) implements Surrogate {
        /** Checks the parameter. */
        public FastSigmoid {
            if (!(slope > 0f) || !Float.isFinite(slope)) {
                throw new IllegalArgumentException("slope must be finite and > 0, got " + slope);
            }
        }

        @Override
        public float derivative(float x) {
            float d = 1f + slope * Math.abs(x);
            return 1f / (d * d);
        }

        @Override
        public float smooth(float x) {
            return x / (1f + slope * Math.abs(x));
        }
    }

    /**
     * Arctangent surrogate (Fang et al. 2021, doi:10.1109/ICCV48922.2021.00266):
     * {@code (alpha / 2) / (1 + (pi alpha x / 2)^2)}; smooth step {@code atan(pi alpha x / 2) / pi + 1/2}.
     *
     * @param alpha steepness, &gt; 0 (snnTorch's default is 2)
     */
    record Arctan(float alpha) implements Surrogate {
        /** Checks the parameter. */
        public Arctan {
            if (!(alpha > 0f) || !Float.isFinite(alpha)) {
                throw new IllegalArgumentException("alpha must be finite and > 0, got " + alpha);
            }
        }

        @Override
        public float derivative(float x) {
            float a = (float) (Math.PI * alpha * x / 2);
            return alpha / 2f / (1f + a * a);
        }

        @Override
        public float smooth(float x) {
            return (float) (Math.atan(Math.PI * alpha * x / 2) / Math.PI + 0.5);
        }
    }
}
