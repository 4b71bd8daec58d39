package org.snn4j.gradient;

/** A learning-rate schedule by epoch (0-based). Implementations are immutable. */
@FunctionalInterface
public interface LearningRate {

    /**
     * The rate during an epoch.
     *
     * @param epoch the epoch, from 0
     * @return the learning rate
     */
    float at(int epoch);

    /**
     * A constant rate.
     *
     * @param rate the rate, &gt; 0
     * @return the schedule
     */
    static LearningRate constant(float rate) {
        if (!(rate > 0f)) {
            throw new IllegalArgumentException("rate must be > 0, got " + rate);
        }
        return epoch -> rate;
    }

    /**
     * PyTorch's {@code StepLR}: {@code rate * gamma^floor(epoch / stepEpochs)}.
     *
     * @param rate       initial rate, &gt; 0
     * @param stepEpochs epochs between changes, &gt;= 1
     * @param gamma      factor per change, &gt; 0
     * @return the schedule
     */
    static LearningRate step(float rate, int stepEpochs, float gamma) {
        if (!(rate > 0f)) {
            throw new IllegalArgumentException("rate must be > 0, got " + rate);
        }
        if (stepEpochs < 1) {
            throw new IllegalArgumentException("stepEpochs must be >= 1, got " + stepEpochs);
        }
        if (!(gamma > 0f)) {
            throw new IllegalArgumentException("gamma must be > 0, got " + gamma);
        }
        return epoch -> (float) (rate * Math.pow(gamma, epoch / stepEpochs));
    }
}
