package org.snn4j.gradient;

/**
 * Adam (Kingma and Ba 2015, arXiv:1412.6980) with the optional AMSGrad variant (Reddi, Kale and Kumar 2018,
 * "On the Convergence of Adam and Beyond") and L2 weight decay added to the gradient, as PyTorch's {@code Adam}:
 * <pre>
 * g' = g + weightDecay w;  m = beta1 m + (1 - beta1) g';  v = beta2 v + (1 - beta2) g'^2;  vHat = amsgrad ? max(vHat, v) : v
 * w -= lr / (1 - beta1^k) * m / (sqrt(vHat / (1 - beta2^k)) + eps)
 * </pre>
 *
 * @param beta1       first-moment decay, in [0, 1)
 * @param beta2       second-moment decay, in [0, 1)
 * @param eps         added to the denominator, &gt; 0
 * @param amsgrad     use the running maximum of the second moment
 * @param weightDecay L2 coefficient, &gt;= 0
 */
public record Adam(float beta1, float beta2, float eps, boolean amsgrad, float weightDecay) implements Optimiser {

    /** Checks every parameter. */
    public Adam {
        if (!(beta1 >= 0f && beta1 < 1f)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0f && beta2 < 1f)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        }
        if (!(eps > 0f)) {
            throw new IllegalArgumentException("eps must be > 0, got " + eps);
        }
        if (!(weightDecay >= 0f)) {
            throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        }
    }

    /** PyTorch's defaults (0.9, 0.999, 1e-8, no weight decay) with or without AMSGrad. */
    public static Adam defaults(boolean amsgrad) {
        return new Adam(0.9f, 0.999f, 1e-8f, amsgrad, 0f);
    }

    @Override
    public int stateArrays() {
        return amsgrad ? 3 : 2;
    }

    @Override
    public void update(float[] w, float[] g, float[][] state, int from, int to, long step, float lr) {
        float[] m = state[0];
        float[] v = state[1];
        float[] vmax = amsgrad ? state[2] : v;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        float stepSize = (float) (lr / bc1);
        float invSqrtBc2 = (float) (1 / Math.sqrt(bc2));
        float b1 = beta1;
        float b2 = beta2;
        for (int k = from; k < to; k++) {
            float gk = g[k] + weightDecay * w[k];
            float mk = b1 * m[k] + (1f - b1) * gk;
            float vk = b2 * v[k] + (1f - b2) * gk * gk;
            m[k] = mk;
            v[k] = vk;
            float vh = vk;
            if (amsgrad) {
                vh = Math.max(vmax[k], vk);
                vmax[k] = vh;
            }
            w[k] -= stepSize * mk / ((float) Math.sqrt(vh) * invSqrtBc2 + eps);
        }
    }
}
