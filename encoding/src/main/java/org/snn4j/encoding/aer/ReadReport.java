package org.snn4j.encoding.aer;

/**
 * What a reader saw besides the events it returned. Faults (counted only in {@link ReadMode#LENIENT}; in
 * strict mode the first one throws): {@code droppedBytes}, {@code droppedRecords}, {@code outOfRange},
 * {@code backwardsTime}, {@code missingEvents}, {@code missingBytes}, and any other fault that has no counter
 * of its own (a missing header line, a data table that disagrees with the packets): every fault sets
 * {@code firstFault}, so {@link #isClean()} is false whenever any fault was seen. Facts of the format, counted in both modes: {@code overflowMarkers},
 * {@code invalidEvents}, {@code nonDvsEvents}, {@code skippedPackets}, {@code timeWraps}, {@code equalTimes}.
 * Nothing is silently fixed: events are never sorted or clipped.
 *
 * @param events          events returned
 * @param droppedBytes    bytes dropped: a trailing partial record, a truncated packet, an unreadable tail
 * @param droppedRecords  whole records or packets dropped because they were malformed (not counting
 *                        {@code outOfRange} events)
 * @param outOfRange      events dropped because x or y fell outside the sensor
 * @param backwardsTime   events kept whose timestamp is smaller than the previous event's
 * @param equalTimes      events kept whose timestamp equals the previous event's (ties; not a fault)
 * @param overflowMarkers N-MNIST records with {@code y == 240}, dropped and taken as +8192 us (tonic-compatible)
 * @param invalidEvents   AEDAT 3.1 events with the valid bit cleared, skipped as the format requires
 * @param nonDvsEvents    AEDAT 2.0 records that are not DVS events (APS, IMU, external), skipped
 * @param packets         packets read (AEDAT 3.1 and 4.0; 0 for record formats)
 * @param skippedPackets  packets of other event types or streams, skipped by size
 * @param timeWraps       AEDAT 2.0 32-bit timestamp wraps detected (2^32 us added afterwards)
 * @param missingEvents   events that the file's own headers or index declare but that were not returned
 *                        because their bytes are absent or unreadable: the {@code eventNumber} of a truncated
 *                        AEDAT 3.1 polarity packet; for AEDAT 4.0, the data table's element count of the event
 *                        stream minus the events decoded (a packet dropped as damaged, or cut off)
 * @param missingBytes    bytes that the file's own header declares but that the file lacks: the rest of a
 *                        truncated packet (AEDAT 3.1, 4.0), or, for AEDAT 4.0, the bytes up to the data table
 *                        position when the file ends before it
 * @param firstFault      message of the first fault counted in lenient mode, or {@code ""} if none
 */
public record ReadReport(long events, long droppedBytes, long droppedRecords, long outOfRange, long backwardsTime,
                         long equalTimes, long overflowMarkers, long invalidEvents, long nonDvsEvents, long packets,
                         long skippedPackets, long timeWraps, long missingEvents, long missingBytes,
                         String firstFault) {

    /** Checks that no count is negative. */
    public ReadReport {
        if (events < 0 || droppedBytes < 0 || droppedRecords < 0 || outOfRange < 0 || backwardsTime < 0
                || equalTimes < 0 || overflowMarkers < 0 || invalidEvents < 0 || nonDvsEvents < 0 || packets < 0
                || skippedPackets < 0 || timeWraps < 0 || missingEvents < 0 || missingBytes < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        java.util.Objects.requireNonNull(firstFault, "firstFault");
    }

    /**
     * True if no fault was seen: no dropped bytes or records, no out-of-range events, no backwards time, nothing
     * missing, and no other fault ({@code firstFault} is empty).
     */
    public boolean isClean() {
        return droppedBytes == 0 && droppedRecords == 0 && outOfRange == 0 && backwardsTime == 0
                && missingEvents == 0 && missingBytes == 0 && firstFault.isEmpty();
    }

    /** Mutable counters a reader fills; not thread-safe. */
    static final class Counter {
        final ReadMode mode;
        long events;
        long droppedBytes;
        long droppedRecords;
        long outOfRange;
        long backwardsTime;
        long equalTimes;
        long overflowMarkers;
        long invalidEvents;
        long nonDvsEvents;
        long packets;
        long skippedPackets;
        long timeWraps;
        long missingEvents;
        long missingBytes;
        String firstFault = "";

        Counter(ReadMode mode) {
            this.mode = java.util.Objects.requireNonNull(mode, "mode");
        }

        boolean strict() {
            return mode == ReadMode.STRICT;
        }

        /**
         * Whether a fault needs its exception built: always in strict mode (it is thrown), and for the first
         * fault in lenient mode (its message is kept); later lenient faults are only counted, so no exception
         * (and no stack trace) is created for them.
         */
        boolean detail() {
            return mode == ReadMode.STRICT || firstFault.isEmpty();
        }

        /** In strict mode throws {@code e}; in lenient mode remembers the first message and returns. */
        void fault(AerFormatException e) throws AerFormatException {
            if (mode == ReadMode.STRICT) {
                throw e;
            }
            if (firstFault.isEmpty()) {
                firstFault = e.getMessage();
            }
        }

        boolean isClean() {
            return droppedBytes == 0 && droppedRecords == 0 && outOfRange == 0 && backwardsTime == 0
                    && missingEvents == 0 && missingBytes == 0 && firstFault.isEmpty();
        }

        ReadReport snapshot() {
            return new ReadReport(events, droppedBytes, droppedRecords, outOfRange, backwardsTime, equalTimes,
                    overflowMarkers, invalidEvents, nonDvsEvents, packets, skippedPackets, timeWraps, missingEvents,
                    missingBytes, firstFault);
        }
    }
}
