package org.snn4j.gradient;

/**
 * A per-sample classification loss on a network's output tensor. Implementations are immutable and thread-safe.
 */
public interface Loss {

    /**
     * Computes the loss of one sample and writes {@code scale * dL/d output}.
     *
     * @param output the network's output (spikes); not modified
     * @param label  the true class, in {@code [0, output.size())}
     * @param grad   receives {@code scale * dL/d output} (same shape as {@code output}); modified
     * @param scale  factor of the gradient (the trainer passes {@code 1 / batch size})
     * @return the loss (not scaled)
     */
    float loss(Tensor output, int label, Tensor grad, float scale);

    /**
     * The predicted class: the output with the most spikes in the loss's window (the lowest index on a tie).
     *
     * @param output the network's output; not modified
     * @return the class
     */
    int predict(Tensor output);

    /**
     * Index of the largest value (the first on a tie).
     *
     * @param v values; not modified
     * @param n how many to look at
     * @return the index
     */
    static int argmax(float[] v, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Checks a label.
     *
     * @param label   the label
     * @param classes number of classes
     * @throws IllegalArgumentException naming the label and the range
     */
    static void checkLabel(int label, int classes) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label must be in [0, " + classes + "), got " + label);
        }
    }
}
