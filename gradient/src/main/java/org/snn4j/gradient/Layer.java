package org.snn4j.gradient;

import java.util.List;
import org.snn4j.Shape;

/**
 * A differentiable layer over time. Each sample is processed by one thread with its own buffers
 * ({@link #newScratch(int)}); parameters are shared and read-only during the forward and backward passes.
 *
 * <p>Lifecycle of a mini-batch, driven by {@link Trainer}: for each sample (in parallel) {@link #forward} then
 * {@link #backward}, which computes the gradient with respect to the layer's input but not to its parameters
 * (a {@link BatchLayer} instead runs on the whole batch at once); then, once all samples are done, {@link #computeGradients} for each partition (in parallel), which writes
 * {@link Parameter#grad()} summing the samples in batch order, so the result does not depend on the thread count.
 */
public interface Layer {

    /** The layer's name (unique in a network; names its parameters). */
    String name();

    /** Shape of one step of the input. */
    Shape inputShape();

    /** Shape of one step of the output. */
    Shape outputShape();

    /** The trainable parameters (empty for none). */
    List<Parameter> parameters();

    /**
     * State that is learnt but not by gradient (e.g. {@link BatchNorm}'s running statistics): saved and loaded with
     * the parameters, never touched by the optimiser; their {@link Parameter#grad()} is unused. Empty by default.
     */
    default List<Parameter> buffers() {
        return List.of();
    }

    /**
     * Per-sample buffers of this layer (may be {@code null} when it needs none).
     *
     * @param steps time steps
     * @return a new scratch object owned by one sample slot
     */
    Object newScratch(int steps);

    /**
     * Forward pass over all steps.
     *
     * @param in      input; not modified
     * @param out     receives the output (and its binary flag / event index); modified
     * @param scratch this sample's buffers; modified
     * @param pass    training or inference, and the sample's seed
     */
    void forward(Tensor in, Tensor out, Object scratch, Pass pass);

    /**
     * Backward pass through time: {@code dL/d in} from {@code dL/d out}.
     *
     * @param in      the forward input; not modified
     * @param out     the forward output; not modified
     * @param gradOut {@code dL/d out}; not modified
     * @param gradIn  receives {@code dL/d in}, or {@code null} when no earlier layer needs it; modified
     * @param scratch this sample's buffers from the forward pass; modified
     */
    void backward(Tensor in, Tensor out, Tensor gradOut, Tensor gradIn, Object scratch);

    /** Number of independent parts {@link #computeGradients} can be split into (0 without parameters). */
    default int gradientPartitions() {
        return 0;
    }

    /**
     * Writes (overwrites) the part {@code partition} of the parameter gradients, summed over the samples
     * {@code 0 .. count - 1} in that order.
     *
     * @param partition the part, in {@code [0, gradientPartitions())}
     * @param in        each sample's forward input; not modified
     * @param out       each sample's forward output; not modified
     * @param gradOut   each sample's {@code dL/d out}; not modified
     * @param scratch   each sample's buffers; not modified
     * @param count     number of samples
     */
    default void computeGradients(int partition, Tensor[] in, Tensor[] out, Tensor[] gradOut, Object[] scratch,
                                  int count) {
        throw new UnsupportedOperationException(name() + " has no parameters");
    }
}
