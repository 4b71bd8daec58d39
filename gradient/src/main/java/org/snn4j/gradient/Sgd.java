package org.snn4j.gradient;

/**
 * Stochastic gradient descent with momentum and L2 weight decay, as PyTorch's {@code SGD} (dampening 0):
 * {@code g' = g + weightDecay w;  b = momentum b + g';  w -= lr (nesterov ? g' + momentum b : b)}.
 *
 * @param momentum    momentum, in [0, 1)
 * @param weightDecay L2 coefficient, &gt;= 0
 * @param nesterov    Nesterov momentum
 */
public record Sgd(float momentum, float weightDecay, boolean nesterov) implements Optimiser {

    /** Checks every parameter. */
    public Sgd {
        if (!(momentum >= 0f && momentum < 1f)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0f)) {
            throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        }
    }

    @Override
    public int stateArrays() {
        return 1;
    }

    @Override
    public void update(float[] w, float[] g, float[][] state, int from, int to, long step, float lr) {
        float[] buf = state[0];
        for (int k = from; k < to; k++) {
            float gk = g[k] + weightDecay * w[k];
            float b = step == 1 ? gk : momentum * buf[k] + gk;
            buf[k] = b;
            w[k] -= lr * (nesterov ? gk + momentum * b : b);
        }
    }
}
