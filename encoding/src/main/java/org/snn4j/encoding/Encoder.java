package org.snn4j.encoding;

import java.util.random.RandomGenerator;
import org.snn4j.Shape;
import org.snn4j.SpikeSource;

/**
 * Turns one input (an image, a vector of intensities, ...) into a {@link SpikeSource} for a population of
 * {@link #outputShape()}. Implementations are immutable and thread-safe unless they say otherwise: one
 * encoder may encode many inputs from many threads at once.
 *
 * @param <I> the input type
 */
public interface Encoder<I> {
    /** The shape of the population the produced sources drive. */
    Shape outputShape();

    /**
     * Encodes one input.
     *
     * @param input the input; not modified
     * @param rng   random source for stochastic codes (advanced by this call); deterministic encoders
     *              ignore it and accept {@code null}
     * @return a replayable source with {@code size() == outputShape().size()}
     * @throws IllegalArgumentException if the input does not have the shape this encoder expects
     */
    SpikeSource encode(I input, RandomGenerator rng);
}
