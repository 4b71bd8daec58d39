package org.snn4j.gradient;

/**
 * Mean squared error on the spike counts (or rates) of the output neurons inside a window of steps
 * {@code [from, to)}: {@code L = 1/2 sum_o (q_o - target_o)^2} with {@code q_o = sum_{t in window} s_o[t]}
 * ({@link Normalisation#COUNT}) or that count divided by the window length ({@link Normalisation#RATE}), and the
 * target {@code trueTarget} for the labelled class, {@code falseTarget} for the others.
 *
 * <p>With COUNT and targets 60 / 10 in [0, 300 ms) this is slayerPytorch's {@code numSpikes} loss as used by its
 * N-MNIST examples (Shrestha and Orchard 2018): a nonzero false-class target keeps neurons from going silent.
 * (SLAYER spreads the count error evenly over the window and filters it with the PSP kernel before squaring; here
 * the gradient {@code dL/ds_o[t] = (q_o - target_o) dq/ds} is spread evenly over the window, without the filter.)
 *
 * @param from          first step of the window, &gt;= 0
 * @param to            end of the window (exclusive), &gt; from
 * @param trueTarget    target for the labelled output
 * @param falseTarget   target for every other output
 * @param normalisation counts or rates
 */
public record SpikeCountLoss(int from, int to, float trueTarget, float falseTarget, Normalisation normalisation)
        implements Loss {

    /** Whether the loss compares counts or rates (count per step). */
    public enum Normalisation {
        /** Spike counts in the window. */
        COUNT,
        /** Spike counts divided by the window length in steps. */
        RATE
    }

    /** Checks the window and targets. */
    public SpikeCountLoss {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("window must satisfy 0 <= from < to, got [" + from + ", " + to + ")");
        }
        if (!Float.isFinite(trueTarget) || !Float.isFinite(falseTarget)) {
            throw new IllegalArgumentException("targets must be finite, got " + trueTarget + ", " + falseTarget);
        }
        java.util.Objects.requireNonNull(normalisation, "normalisation");
    }

    /**
     * SLAYER's spike-count loss over the whole sample.
     *
     * @param steps       time steps of a sample
     * @param trueSpikes  target count of the labelled class (60 in slayerPytorch's N-MNIST examples)
     * @param falseSpikes target count of the others (10)
     * @return the loss
     */
    public static SpikeCountLoss slayer(int steps, float trueSpikes, float falseSpikes) {
        return new SpikeCountLoss(0, steps, trueSpikes, falseSpikes, Normalisation.COUNT);
    }

    @Override
    public float loss(Tensor output, int label, Tensor grad, float scale) {
        int n = output.size();
        Loss.checkLabel(label, n);
        if (to > output.steps()) {
            throw new IllegalArgumentException("window end " + to + " is past the sample's " + output.steps()
                    + " steps");
        }
        float norm = normalisation == Normalisation.RATE ? 1f / (to - from) : 1f;
        float[] s = output.data();
        float[] g = grad.data();
        java.util.Arrays.fill(g, 0f);
        float loss = 0f;
        for (int o = 0; o < n; o++) {
            float q = 0f;
            for (int t = from; t < to; t++) {
                q += s[t * n + o];
            }
            q *= norm;
            float e = q - (o == label ? trueTarget : falseTarget);
            loss += 0.5f * e * e;
            float ge = scale * e * norm;
            for (int t = from; t < to; t++) {
                g[t * n + o] = ge;
            }
        }
        grad.markDense();
        return loss;
    }

    @Override
    public int predict(Tensor output) {
        int n = output.size();
        float[] counts = new float[n];
        output.sumOverTime(from, Math.min(to, output.steps()), counts);
        return Loss.argmax(counts, n);
    }
}
