package org.snn4j.encoding.aer;

import java.util.Objects;

/**
 * A whole recording read into memory: its format, its events and the reader's report.
 *
 * @param format the file format
 * @param events the events, in file order
 * @param report what the reader counted
 */
public record AerRecording(AerFormat format, Events events, ReadReport report) {
    /** Checks for nulls. */
    public AerRecording {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(report, "report");
    }
}
