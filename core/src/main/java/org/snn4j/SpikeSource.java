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

    /**
     * The step length (ms) this source was made for, or {@code NaN} when its steps carry no duration (a
     * rank-order or latency code, a replay of recorded steps). A simulation refuses a source whose step
     * length differs from its network's, so a rate code encoded for 1 ms steps cannot drive a network
     * stepped every 0.5 ms unnoticed. Default {@code NaN}.
     */
    default float dtMs() {
        return Float.NaN;
    }

    /**
     * Whether every call of {@link #emit} for a step adds the same neurons, whenever and however often it is
     * called (an immutable list of events, such as {@link EventSource}); the engine then reuses the output of
     * frozen layers for this source object ({@code Simulation}'s frozen-layer cache). Default false: a source
     * that draws random spikes when emitting, or whose content can change, must not claim it.
     */
    default boolean replayable() {
        return false;
    }
}
