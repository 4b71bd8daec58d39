package org.snn4j.encoding.aer;

import java.io.Closeable;
import java.io.IOException;

/**
 * A streaming reader: returns the events of a recording chunk by chunk (one packet for AEDAT 3.1/4.0, a fixed
 * number of records for N-MNIST and AEDAT 2.0), so a recording larger than memory can be processed.
 *
 * <p>Lifecycle: open through a format class ({@link NmnistBin#open}, {@link Aedat2#open}, {@link Aedat31#open},
 * {@link Aedat4#open}) or {@link AerFiles#open}; call {@link #next()} until it returns {@code null}; read
 * {@link #report()}; {@link #close()} closes the underlying stream. Not thread-safe.
 */
public interface EventReader extends Closeable {
    /** The file format. */
    AerFormat format();

    /** Sensor width in pixels (every event has {@code x < width()}). */
    int width();

    /** Sensor height in pixels. */
    int height();

    /**
     * The next chunk of events (possibly empty, e.g. a packet whose events are all invalid), or {@code null}
     * at the end of the recording.
     *
     * @throws AerFormatException in strict mode at the first structural fault
     * @throws IOException        if the underlying stream fails
     */
    Events next() throws IOException;

    /** Counts so far (complete once {@link #next()} has returned {@code null}). */
    ReadReport report();

    /** Reads every remaining chunk into one list. */
    default AerRecording readAll() throws IOException {
        Events.Builder b = Events.builder(width(), height());
        Events e;
        while ((e = next()) != null) {
            b.addAll(e);
        }
        return new AerRecording(format(), b.build(), report());
    }
}
