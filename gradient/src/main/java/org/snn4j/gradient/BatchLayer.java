package org.snn4j.gradient;

/**
 * A layer whose training pass couples the samples of a mini-batch (batch statistics, as {@link BatchNorm}).
 *
 * <p>The {@link Trainer} runs such a layer on the whole batch at once: {@link #forwardBatch} once every sample of
 * the batch has reached the layer, {@link #backwardBatch} once every sample's gradient has come back to it. The
 * layers between two batch layers still run sample by sample in parallel. A batch layer's own reductions over the
 * batch must sum the samples in batch order so that the result does not depend on the thread count.
 *
 * <p>The per-sample {@link #forward} / {@link #backward} treat a training pass as a batch of one sample, and an
 * inference pass uses the layer's running state (for batch norm, its running statistics).
 */
public interface BatchLayer extends Layer {

    /**
     * Training forward pass of a whole batch.
     *
     * @param in      each sample's input; not modified
     * @param out     receives each sample's output; modified
     * @param scratch each sample's buffers; modified
     * @param count   number of samples, &gt;= 1
     * @param loop    runs independent items in parallel
     */
    void forwardBatch(Tensor[] in, Tensor[] out, Object[] scratch, int count, BatchLoop loop);

    /**
     * Backward pass of a whole batch, after {@link #forwardBatch} on the same samples: {@code dL/d in} of every
     * sample, where {@code L} is the batch's loss (each sample's {@code gradOut} already holds its share).
     *
     * @param in      each sample's forward input; not modified
     * @param out     each sample's forward output; not modified
     * @param gradOut each sample's {@code dL/d out}; not modified
     * @param gradIn  receives each sample's {@code dL/d in}, or {@code null} when no earlier layer needs it
     * @param scratch each sample's buffers from {@link #forwardBatch}; modified
     * @param count   number of samples
     * @param loop    runs independent items in parallel
     */
    void backwardBatch(Tensor[] in, Tensor[] out, Tensor[] gradOut, Tensor[] gradIn, Object[] scratch, int count,
                       BatchLoop loop);
}
