package org.snn4j.encoding.aer;

/** How a reader reacts to a structural fault in an event file. */
public enum ReadMode {
    /** Any structural fault throws an {@link AerFormatException} with the byte offset (the default). */
    STRICT,
    /** Faulty records or the bad tail are dropped and counted in the {@link ReadReport}; never throws for content. */
    LENIENT
}
