package org.snn4j;

/**
 * What fires at each step of one presentation: an encoded image, a recorded event stream, an explicit
 * list of events. Sources are bucketed per step; they never hold a dense {@code T x N} tensor.
 *
 * <p>A source may be emitted from several times (it is replayable) and, unless documented otherwise, is
 * immutable and may be shared between threads.
 */
public interface SpikeSource {
    /** The number of steps this source covers; {@link #emit} is called for {@code 0 <= step < steps()}. */
    int steps();

    /** The number of neurons this source drives. */
    int size();

    /**
     * Adds the neurons that fire at {@code step} to {@code out}. {@code out} is not cleared first; it
     * has capacity {@link #size()}.
     *
     * @param step the step, {@code 0 <= step < steps()}
     * @param out  modified: the spikes of this step are added
     */
    void emit(int step, Spikes out);
}
