/**
 * Event-camera (address-event representation, AER) recordings: reading, writing, filtering and turning them
 * into spike sources.
 *
 * <ul>
 *   <li>{@link org.snn4j.encoding.aer.Events}: events as parallel primitive arrays (timestamp in microseconds,
 *       x, y, polarity) with the sensor size; immutable, with a growable {@link org.snn4j.encoding.aer.Events.Builder}.</li>
 *   <li>Readers: {@link org.snn4j.encoding.aer.NmnistBin} (N-MNIST / N-Caltech101 {@code .bin}),
 *       {@link org.snn4j.encoding.aer.Aedat2} (jAER, DVS128 and DAVIS346 layouts),
 *       {@link org.snn4j.encoding.aer.Aedat31} (cAER polarity packets), {@link org.snn4j.encoding.aer.Aedat4}
 *       (DV, LZ4/Zstd packets), and {@link org.snn4j.encoding.aer.AerFiles} choosing by the file's first line.
 *       Each has a whole-file {@code read} and a streaming {@code open} returning an
 *       {@link org.snn4j.encoding.aer.EventReader} that works chunk by chunk (packet by packet), so recordings
 *       larger than memory can be processed.</li>
 *   <li>Strict mode (default) throws {@link org.snn4j.encoding.aer.AerFormatException} with the byte offset, the
 *       field and what was expected; lenient mode drops and counts in a {@link org.snn4j.encoding.aer.ReadReport}.
 *       Coordinates outside the sensor, time going backwards and the N-MNIST overflow marker are reported,
 *       never silently fixed.</li>
 *   <li>Writers for N-MNIST, AEDAT 2.0 and AEDAT 3.1 ({@code toBytes}/{@code write}).</li>
 *   <li>{@link org.snn4j.encoding.aer.EventTransforms} (crop, down-sampling, flips, time slices, polarity
 *       merge/split, denoise, refractory) and {@link org.snn4j.encoding.aer.EventBinning} (frames by time window,
 *       event count or bin count; a core {@link org.snn4j.EventSource} bucketed per step with neuron index
 *       {@code (p * H + y) * W + x}).</li>
 * </ul>
 *
 * <p>Units: microseconds for time, pixels for space. No global state; static methods are thread-safe, readers
 * and builders are not.
 */
package org.snn4j.encoding.aer;
