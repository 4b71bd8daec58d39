package org.snn4j.io;

/**
 * A component that can be saved in a {@link SectionFile}: it names the {@link Codec} that writes and reads it.
 * snn4j's layers, neuron models, competitions and learning rules implement it; a user's component implements it
 * to take part in saving, and its codec is passed to the reader.
 */
public interface Persistent {
    /** The codec of this component; its {@link Codec#componentClass()} must accept this object. */
    Codec<?> codec();
}
