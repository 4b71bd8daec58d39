package org.snn4j.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.snn4j.encoding.aer.AerFormat;
import org.snn4j.encoding.aer.ReadMode;
import org.snn4j.encoding.aer.ReadOptions;

/**
 * How {@link EventFiles} reads a folder of event files. Immutable and serialisable (shipped to the executors); use
 * {@link #defaults()} and the {@code with...} copies.
 *
 * @param mode       {@link ReadMode#LENIENT}: a damaged file becomes a row with the reader's report (and, if it
 *                   could not be read at all, its error), the job goes on; {@link ReadMode#STRICT}: the first
 *                   structural fault fails the job with the file's path and the byte offset
 * @param format     the format of every file, or null to detect it per file from its first bytes (headerless files
 *                   are N-MNIST when their name ends in {@code .bin}; the shipped subset's {@code .bs2} files need
 *                   {@link AerFormat#NMNIST_BIN} here)
 * @param glob       Spark's {@code pathGlobFilter} for the file names, such as {@code "*.bin"}, or null for all files
 * @param labels     where labels come from
 * @param transforms applied in order to each file's events after decoding
 * @param bins       per-step binning into the {@code offsets} / {@code inputs} columns, or null for none
 * @param keepEvents whether the decoded events are kept as the {@code t, x, y, on} columns (null columns if not)
 * @param partitions the number of partitions (tasks) the files are decoded in, or 0 for Spark's own split of the
 *                   file list; Spark's split counts every file as at least 4 MB ({@code
 *                   spark.sql.files.openCostInBytes}), which makes one task per about 32 small event files, each
 *                   writing its own small Parquet file: for folders of small files give a number here (such as
 *                   the cluster's cores, or more for fault tolerance; {@code snn4j-spark convert} uses Spark's
 *                   default parallelism)
 */
public record EventReadOptions(ReadMode mode, AerFormat format, String glob, Labels labels,
                               List<EventTransform> transforms, EventBins bins, boolean keepEvents,
                               int partitions)
        implements Serializable {

    /** Checks the fields and copies the transform list. */
    public EventReadOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(labels, "labels");
        transforms = List.copyOf(Objects.requireNonNull(transforms, "transforms"));
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be >= 0 (0: Spark's split), got " + partitions);
        }
    }

    /**
     * Checks that the rows will hold events in some form.
     *
     * @throws IllegalArgumentException if {@code keepEvents} is false and {@code bins} is null
     */
    void check() {
        if (!keepEvents && bins == null) {
            throw new IllegalArgumentException("keepEvents is false and bins is null: the rows would hold no events");
        }
    }

    /** Lenient, format detected per file, every file, no labels, no transforms, no binning, events kept, Spark's split. */
    public static EventReadOptions defaults() {
        return new EventReadOptions(ReadMode.LENIENT, null, null, Labels.none(), List.of(), null, true, 0);
    }

    /** A copy with another read mode. */
    public EventReadOptions withMode(ReadMode m) {
        return new EventReadOptions(m, format, glob, labels, transforms, bins, keepEvents, partitions);
    }

    /** A copy reading every file as {@code f} (null: detect). */
    public EventReadOptions withFormat(AerFormat f) {
        return new EventReadOptions(mode, f, glob, labels, transforms, bins, keepEvents, partitions);
    }

    /** A copy keeping only the file names that match {@code g} (Spark's {@code pathGlobFilter}; null: all). */
    public EventReadOptions withGlob(String g) {
        return new EventReadOptions(mode, format, g, labels, transforms, bins, keepEvents, partitions);
    }

    /** A copy with another label source. */
    public EventReadOptions withLabels(Labels l) {
        return new EventReadOptions(mode, format, glob, l, transforms, bins, keepEvents, partitions);
    }

    /** A copy with these transforms, applied in order. */
    public EventReadOptions withTransforms(EventTransform... t) {
        return new EventReadOptions(mode, format, glob, labels, List.of(t), bins, keepEvents, partitions);
    }

    /** A copy that also bins the events ({@code b}; null: no binning). */
    public EventReadOptions withBins(EventBins b) {
        return new EventReadOptions(mode, format, glob, labels, transforms, b, keepEvents, partitions);
    }

    /** A copy that keeps ({@code true}) or drops the decoded events' columns. */
    public EventReadOptions withKeepEvents(boolean k) {
        return new EventReadOptions(mode, format, glob, labels, transforms, bins, k, partitions);
    }

    /** A copy decoding in {@code n} partitions (0: Spark's own split of the file list). */
    public EventReadOptions withPartitions(int n) {
        return new EventReadOptions(mode, format, glob, labels, transforms, bins, keepEvents, n);
    }

    /** The snn4j reader options of {@link #mode()}. */
    ReadOptions readOptions() {
        return mode == ReadMode.STRICT ? ReadOptions.strict() : ReadOptions.lenient();
    }
}
