package org.snn4j.gradient;

/**
 * Mean squared error on the spike counts (or rates) of the output neurons inside a window of steps
 * {@code [from, to)}: {@code L = 1/2 sum_o (q_o - target_o)^2} with {@code q_o = sum_{t in window} s_o[t]}
 * ({@link Normalisation#COUNT}) or that count divided by the window length ({@link Normalisation#RATE}), and the
 * target {@code trueTarget} for the labelled class, {@code falseTarget} for the others.
 *
 * <p>With COUNT and targets 60 / 10 in [0, 300 ms) this is slayerPytorch's {@code numSpikes} loss as used by its
 * N-MNIST examples (Shrestha and Orchard 2018): a nonzero false-class target keeps neurons from going silent.
 *
 * <p>How the count error reaches the spikes ({@code e_o = q_o - target_o}, times {@code 1/(to - from)} for RATE):
 * <ul>
 * <li>{@code errorTauSteps = 0}: the exact gradient of {@code L}, {@code dL/ds_o[t] = e_o} for every {@code t} in
 * the window (0 outside).</li>
 * <li>{@code errorTauSteps = tau > 0}: SLAYER's error assignment. slayerPytorch's {@code numSpikes} puts the
 * constant error {@code e_o / W} on every step of the window ({@code W = to - from}) and its backward pass reaches
 * the spikes through the adjoint of the PSP filter, so a spike at {@code t} receives
 * {@code e_o / W sum_{t' in window, t' >= t} eps(t' - t)} with the alpha kernel
 * {@code eps(k) = (k / tau) e^(1 - k / tau)} ({@code tau} = SLAYER's {@code tauSr} in steps). Here that gradient is
 * divided by the constant {@code S = sum_{k >= 0} eps(k) / W} so that it equals {@code e_o} far from the window's
 * end: {@code dL/ds_o[t] = e_o sum_{t' in window, t' >= t} eps(t' - t) / sum_{k >= 0} eps(k)}. It tapers to 0
 * over the last few {@code tau} of the window (a spike there has little PSP left inside the window) and reaches
 * spikes up to a few {@code tau} before the window. Adam's update does not depend on the constant factor; SGD's
 * learning rate absorbs it. (slayerPytorch also penalises spikes outside the window with its spike-time loss;
 * with the usual window over the whole sample there are none, and that term is not implemented here.)</li>
 * </ul>
 * {@link #loss} returns {@code L} in both cases; with a PSP filter the gradient is SLAYER's surrogate, not the
 * derivative of {@code L}.
 *
 * @param from          first step of the window, &gt;= 0
 * @param to            end of the window (exclusive), &gt; from
 * @param trueTarget    target for the labelled output
 * @param falseTarget   target for every other output
 * @param normalisation counts or rates
 * @param errorTauSteps SLAYER's PSP time constant in steps for the error assignment ({@code tauSr / dt}), or 0 for
 *                      the exact gradient spread evenly over the window; &gt;= 0
 */
public record SpikeCountLoss(int from, int to, float trueTarget, float falseTarget, Normalisation normalisation,
                             float errorTauSteps)
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
        if (!(errorTauSteps >= 0f) || !Float.isFinite(errorTauSteps)) {
            throw new IllegalArgumentException("errorTauSteps must be finite and >= 0, got " + errorTauSteps);
        }
    }

    /**
     * The loss with the exact gradient spread evenly over the window ({@code errorTauSteps} 0).
     *
     * @param from          first step of the window
     * @param to            end of the window (exclusive)
     * @param trueTarget    target for the labelled output
     * @param falseTarget   target for every other output
     * @param normalisation counts or rates
     */
    public SpikeCountLoss(int from, int to, float trueTarget, float falseTarget, Normalisation normalisation) {
        this(from, to, trueTarget, falseTarget, normalisation, 0f);
    }

    /**
     * SLAYER's spike-count loss over the whole sample with SLAYER's PSP-filtered error assignment.
     *
     * @param steps       time steps of a sample
     * @param trueSpikes  target count of the labelled class (60 in slayerPytorch's N-MNIST examples)
     * @param falseSpikes target count of the others (10)
     * @param tauSrSteps  the output neurons' PSP time constant in steps ({@code tauSr / dt}; 10 in those examples)
     * @return the loss
     */
    public static SpikeCountLoss slayer(int steps, float trueSpikes, float falseSpikes, float tauSrSteps) {
        if (!(tauSrSteps > 0f)) {
            throw new IllegalArgumentException("tauSrSteps must be > 0, got " + tauSrSteps);
        }
        return new SpikeCountLoss(0, steps, trueSpikes, falseSpikes, Normalisation.COUNT, tauSrSteps);
    }

    /**
     * The spike-count loss over the whole sample with the exact gradient spread evenly (no PSP filter).
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
        boolean filtered = errorTauSteps > 0f;
        double r = filtered ? Math.exp(-1.0 / errorTauSteps) : 0;
        // sum_k eps(k) = (e / tau) r / (1 - r)^2; a1 below is sum_k k r^k w(t + k), eps(k) = (e / tau) k r^k
        double invSum = filtered ? (1 - r) * (1 - r) / r : 0;
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
            if (filtered) {
                // backwards in time: a0[t] = w(t) + r a0[t+1], a1[t] = r (a1[t+1] + a0[t+1]), w = 1 in the window
                double a0 = 0;
                double a1 = 0;
                for (int t = to - 1; t >= 0; t--) {
                    a1 = r * (a1 + a0);
                    a0 = (t >= from ? 1 : 0) + r * a0;
                    g[t * n + o] = (float) (ge * a1 * invSum);
                }
            } else {
                for (int t = from; t < to; t++) {
                    g[t * n + o] = ge;
                }
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
