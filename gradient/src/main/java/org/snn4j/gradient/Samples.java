package org.snn4j.gradient;

/**
 * A labelled data set whose samples are turned into input tensors on demand (so a large data set can be kept
 * compact, e.g. as events). {@link #load} is called concurrently from several threads with different tensors.
 */
public interface Samples {

    /** Number of samples. */
    int size();

    /**
     * The class of sample {@code i}.
     *
     * @param i the sample, in {@code [0, size())}
     * @return its label
     */
    int label(int i);

    /**
     * Writes sample {@code i} into {@code into} (overwriting it, with its binary flag and event index when the
     * sample is spikes, e.g. through {@link Tensor#setEvents}).
     *
     * @param i    the sample
     * @param into the input tensor of a workspace; modified
     */
    void load(int i, Tensor into);
}
