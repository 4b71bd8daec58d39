package org.snn4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.snn4j.Shape;
import org.snn4j.encoding.aer.AerFiles;
import org.snn4j.encoding.aer.AerFormat;
import org.snn4j.encoding.aer.AerRecording;
import org.snn4j.encoding.aer.BinnedEvents;
import org.snn4j.encoding.aer.Events;
import org.snn4j.encoding.aer.ReadMode;
import org.snn4j.encoding.aer.ReadReport;

/**
 * Event-camera files at scale: a folder (local, HDFS, object store: any path Spark's {@code binaryFile} source reads)
 * of N-MNIST {@code .bin} or AEDAT 2.0 / 3.1 / 4.0 files becomes a {@code Dataset<Row>} with one row per file, decoded
 * on the executors by snn4j's readers ({@link AerFiles}), optionally transformed ({@link EventTransform}) and binned
 * ({@link EventBins}); {@link #writeParquet} stores it.
 *
 * <p>Columns, in order ({@link #COLUMNS}): {@code path} (string), {@code label} (int, null without one),
 * {@code format} (the {@link AerFormat} name, null if unrecognised), {@code width}, {@code height} (sensor after the
 * transforms), {@code events} (count after the transforms), {@code clean} (no fault and no error), {@code error}
 * (why the file could not be read, else null), the reader's report ({@code droppedBytes, droppedRecords,
 * outOfRange, backwardsTime, missingEvents, missingBytes}, {@code firstFault}: see {@link ReadReport}), the events
 * ({@code t} array of long microseconds, {@code x}, {@code y} arrays of int, {@code on} array of boolean; null when
 * not kept or on error) and the binning ({@code steps}, {@code channels}, {@code offsets}, {@code inputs}; 0 / null
 * without binning).
 *
 * <p>Lenient mode never fails the job for a file's content: a file whose events are partly damaged keeps the events
 * that were readable and reports the rest; a file that cannot be read at all (unknown format, unreadable header) is a
 * row with {@code error} set and no events. Strict mode fails the job at the first fault, naming the file and the
 * byte offset. Stateless; the methods run Spark jobs lazily, like Spark's own readers.
 */
public final class EventFiles {
    /** The columns of a decoded data set, in order. */
    public static final List<String> COLUMNS = List.of("path", "label", "format", "width", "height", "events",
            "clean", "error", "droppedBytes", "droppedRecords", "outOfRange", "backwardsTime", "missingEvents",
            "missingBytes", "firstFault", "t", "x", "y", "on", "steps", "channels", "offsets", "inputs");

    private EventFiles() {
    }

    /**
     * Lists the files under {@code path} (recursively) through Spark's {@code binaryFile} source and decodes each on
     * the executors. Lazy: nothing is read until an action runs.
     *
     * @param spark the session
     * @param path  a folder or file, any Hadoop-supported URI; several separated by commas
     * @param opts  how to read
     * @return one row per file, columns {@link #COLUMNS}
     */
    public static Dataset<Row> read(SparkSession spark, String path, EventReadOptions opts) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(opts, "opts");
        DataFrameReader r = spark.read().format("binaryFile").option("recursiveFileLookup", "true");
        if (opts.glob() != null) {
            r = r.option("pathGlobFilter", opts.glob());
        }
        Dataset<Row> files = r.load(path.split(",")).select("path", "content");
        return decode(opts.partitions() > 0 ? files.coalesce(opts.partitions()) : files, opts);
    }

    /**
     * Decodes a data set of files already loaded: the columns {@code path} (string) and {@code content} (binary), as
     * Spark's {@code binaryFile} source gives them.
     */
    public static Dataset<Row> decode(Dataset<Row> files, EventReadOptions opts) {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(opts, "opts");
        opts.check();
        Dataset<EventRow> rows = files.map(new Decode(opts), Encoders.bean(EventRow.class));
        List<Column> cols = new ArrayList<>();
        for (String c : COLUMNS) {
            cols.add(functions.col(c));
        }
        return rows.toDF().select(cols.toArray(new Column[0]));
    }

    /** Writes a decoded data set as Parquet to {@code path} (replacing what is there). */
    public static void writeParquet(Dataset<Row> decoded, String path) {
        decoded.write().mode("overwrite").parquet(path);
    }

    /**
     * The events of a row, as {@link Events} (for a row of a data set read with {@code keepEvents}).
     *
     * @throws IllegalArgumentException if the row holds no events (not kept, or the file had an error)
     */
    public static Events events(Row row) {
        int i = row.fieldIndex("t");
        if (row.isNullAt(i)) {
            throw new IllegalArgumentException("row of '" + row.getAs("path") + "' holds no events (error: "
                    + row.getAs("error") + ")");
        }
        long[] t = longs(row.getList(i));
        int[] x = ints(row.getList(row.fieldIndex("x")));
        int[] y = ints(row.getList(row.fieldIndex("y")));
        List<Boolean> onList = row.getList(row.fieldIndex("on"));
        boolean[] on = new boolean[onList.size()];
        for (int k = 0; k < on.length; k++) {
            on[k] = onList.get(k);
        }
        return Events.of(row.<Integer>getAs("width"), row.<Integer>getAs("height"), t, x, y, on);
    }

    /**
     * The binned spikes of a row (for a row of a data set read with {@link EventBins}).
     *
     * @throws IllegalArgumentException if the row was not binned
     */
    public static BinnedEvents binned(Row row) {
        int i = row.fieldIndex("offsets");
        if (row.isNullAt(i)) {
            throw new IllegalArgumentException("row of '" + row.getAs("path") + "' holds no binned events (error: "
                    + row.getAs("error") + ")");
        }
        int channels = row.<Integer>getAs("channels");
        Shape shape = new Shape(channels, row.<Integer>getAs("height"), row.<Integer>getAs("width"));
        return BinnedEvents.of(shape, ints(row.getList(i)), ints(row.getList(row.fieldIndex("inputs"))));
    }

    static long[] longs(List<Long> l) {
        long[] a = new long[l.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = l.get(k);
        }
        return a;
    }

    static int[] ints(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = l.get(k);
        }
        return a;
    }

    /**
     * Decodes one file's bytes into a row: the code the executors run (public for single-JVM comparisons and
     * tests).
     *
     * @param path    the file's path (for the label, the format of headerless files and messages)
     * @param content the file's bytes; not modified
     * @param opts    how to read
     * @return the row
     * @throws UncheckedIOException in strict mode, for a fault, with the path and the reader's message
     */
    public static EventRow decode(String path, byte[] content, EventReadOptions opts) {
        EventRow row = new EventRow();
        row.setPath(path);
        row.setLabel(opts.labels().label(path));
        AerRecording rec;
        try {
            AerFormat f = opts.format() != null ? opts.format() : AerFiles.detect(content, Labels.name(path));
            row.setFormat(f.name());
            rec = AerFiles.read(content, f, opts.readOptions());
        } catch (IOException | RuntimeException e) {
            if (opts.mode() == ReadMode.STRICT) {
                throw new UncheckedIOException(new IOException(path + ": " + e.getMessage(), e));
            }
            row.setError(e.getMessage() == null ? e.toString() : e.getMessage());
            row.setClean(false);
            return row;
        }
        ReadReport rep = rec.report();
        row.setDroppedBytes(rep.droppedBytes());
        row.setDroppedRecords(rep.droppedRecords());
        row.setOutOfRange(rep.outOfRange());
        row.setBackwardsTime(rep.backwardsTime());
        row.setMissingEvents(rep.missingEvents());
        row.setMissingBytes(rep.missingBytes());
        row.setFirstFault(rep.firstFault().isEmpty() ? null : rep.firstFault());
        row.setClean(rep.isClean());
        Events e = rec.events();
        for (EventTransform t : opts.transforms()) {
            e = t.apply(e);
        }
        row.setWidth(e.width());
        row.setHeight(e.height());
        row.setEvents(e.size());
        if (opts.keepEvents()) {
            row.setT(e.timestamps());
            row.setX(e.xs());
            row.setY(e.ys());
            row.setOn(e.polarities());
        }
        if (opts.bins() != null) {
            BinnedEvents b = opts.bins().apply(e);
            row.setSteps(b.steps());
            row.setChannels(opts.bins().mode().channels());
            row.setOffsets(b.offsets());
            row.setInputs(b.inputs());
        }
        return row;
    }

    /** The executors' side of {@link #decode(Dataset, EventReadOptions)}. */
    private static final class Decode implements MapFunction<Row, EventRow> {
        private static final long serialVersionUID = 1L;
        private final EventReadOptions opts;

        Decode(EventReadOptions opts) {
            this.opts = opts;
        }

        @Override
        public EventRow call(Row r) {
            return decode(r.getString(0), (byte[]) r.get(1), opts);
        }
    }
}
