package org.snn4j.gradient;

/**
 * A first-order optimiser, applied element-wise (so the trainer may split a parameter into ranges and update them
 * in parallel with the same result). Immutable and thread-safe; the per-element state lives in arrays owned by the
 * trainer.
 */
public interface Optimiser {

    /** Per-element state arrays this optimiser needs (e.g. 2 for Adam, 3 with AMSGrad). */
    int stateArrays();

    /**
     * Updates {@code w[from .. to)} from the gradient.
     *
     * @param w     the parameter values; modified
     * @param g     the gradient of the mini-batch loss; not modified
     * @param state the per-element state arrays ({@link #stateArrays()} of them, zero at the start); modified
     * @param from  first element
     * @param to    end element (exclusive)
     * @param step  the update number, 1 for the first
     * @param lr    the learning rate of this step
     */
    void update(float[] w, float[] g, float[][] state, int from, int to, long step, float lr);
}
