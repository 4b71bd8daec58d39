package org.snn4j.spark;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes decoded rows ({@link EventFiles#decode(String, byte[], EventReadOptions)}) to one Parquet file in this JVM,
 * without Spark: the same schema Spark writes for {@link EventFiles#COLUMNS} (arrays as Parquet's three-level
 * {@code LIST}), Snappy compression and Parquet's default page, row-group and dictionary settings, as Spark's
 * Parquet writer uses them. It is the single-JVM reference of {@code snn4j-spark convert --compare} (the same
 * conversion, decode and write Parquet, without Spark) and a way to convert a few files where no Spark is at hand;
 * Spark reads the file like its own ({@code EventFilesTest} checks that the rows are equal).
 *
 * <p>Uses Parquet's Java library (parquet-hadoop, which Spark brings: it is on the classpath wherever Spark is).
 * Not thread-safe; one writer per file.
 */
public final class EventParquetWriter implements Closeable {
    /** The Parquet schema of a decoded data set, as Spark writes it. */
    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message spark_schema {\n"
            + " optional binary path (STRING);\n optional int32 label;\n optional binary format (STRING);\n"
            + " required int32 width;\n required int32 height;\n required int64 events;\n required boolean clean;\n"
            + " optional binary error (STRING);\n required int64 droppedBytes;\n required int64 droppedRecords;\n"
            + " required int64 outOfRange;\n required int64 backwardsTime;\n required int64 missingEvents;\n"
            + " required int64 missingBytes;\n optional binary firstFault (STRING);\n"
            + list("t", "int64") + list("x", "int32") + list("y", "int32") + list("on", "boolean")
            + " required int32 steps;\n required int32 channels;\n" + list("offsets", "int32")
            + list("inputs", "int32") + "}");

    private final ParquetWriter<EventRow> writer;

    /**
     * Creates (or replaces) the file {@code file}.
     *
     * @throws IOException if the file cannot be created
     */
    public EventParquetWriter(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        writer = new Builder(new LocalOutputFile(file)).withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).withConf(new Configuration(false)).build();
    }

    /** Appends one row. */
    public void write(EventRow row) throws IOException {
        writer.write(Objects.requireNonNull(row, "row"));
    }

    /** Writes the footer and closes the file. */
    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static String list(String name, String type) {
        return " optional group " + name + " (LIST) {\n  repeated group list {\n   required " + type
                + " element;\n  }\n }\n";
    }

    private static final class Builder extends ParquetWriter.Builder<EventRow, Builder> {
        Builder(LocalOutputFile file) {
            super(file);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<EventRow> getWriteSupport(Configuration conf) {
            return new Support();
        }
    }

    /** One row as Parquet's record events, field by field in {@link #SCHEMA}'s order. */
    private static final class Support extends WriteSupport<EventRow> {
        private RecordConsumer rc;
        private int field;

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(SCHEMA, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            rc = recordConsumer;
        }

        @Override
        public void write(EventRow r) {
            rc.startMessage();
            field = 0;
            string("path", r.getPath());
            if (r.getLabel() != null) {
                start("label");
                rc.addInteger(r.getLabel());
                end("label");
            } else {
                field++;
            }
            string("format", r.getFormat());
            integer("width", r.getWidth());
            integer("height", r.getHeight());
            longs("events", r.getEvents());
            start("clean");
            rc.addBoolean(r.isClean());
            end("clean");
            string("error", r.getError());
            longs("droppedBytes", r.getDroppedBytes());
            longs("droppedRecords", r.getDroppedRecords());
            longs("outOfRange", r.getOutOfRange());
            longs("backwardsTime", r.getBackwardsTime());
            longs("missingEvents", r.getMissingEvents());
            longs("missingBytes", r.getMissingBytes());
            string("firstFault", r.getFirstFault());
            long[] t = r.getT();
            if (t != null) {
                startList("t", t.length);
                for (long v : t) {
                    rc.startGroup();
                    rc.startField("element", 0);
                    rc.addLong(v);
                    rc.endField("element", 0);
                    rc.endGroup();
                }
                endList("t", t.length);
            } else {
                field++;
            }
            intList("x", r.getX());
            intList("y", r.getY());
            boolean[] on = r.getOn();
            if (on != null) {
                startList("on", on.length);
                for (boolean v : on) {
                    rc.startGroup();
                    rc.startField("element", 0);
                    rc.addBoolean(v);
                    rc.endField("element", 0);
                    rc.endGroup();
                }
                endList("on", on.length);
            } else {
                field++;
            }
            integer("steps", r.getSteps());
            integer("channels", r.getChannels());
            intList("offsets", r.getOffsets());
            intList("inputs", r.getInputs());
            rc.endMessage();
        }

        private void start(String name) {
            rc.startField(name, field);
        }

        private void end(String name) {
            rc.endField(name, field++);
        }

        private void string(String name, String v) {
            if (v == null) {
                field++;
                return;
            }
            start(name);
            rc.addBinary(Binary.fromConstantByteArray(v.getBytes(StandardCharsets.UTF_8)));
            end(name);
        }

        private void integer(String name, int v) {
            start(name);
            rc.addInteger(v);
            end(name);
        }

        private void longs(String name, long v) {
            start(name);
            rc.addLong(v);
            end(name);
        }

        private void startList(String name, int n) {
            start(name);
            rc.startGroup();
            if (n > 0) {
                rc.startField("list", 0);
            }
        }

        private void endList(String name, int n) {
            if (n > 0) {
                rc.endField("list", 0);
            }
            rc.endGroup();
            end(name);
        }

        private void intList(String name, int[] a) {
            if (a == null) {
                field++;
                return;
            }
            startList(name, a.length);
            for (int v : a) {
                rc.startGroup();
                rc.startField("element", 0);
                rc.addInteger(v);
                rc.endField("element", 0);
                rc.endGroup();
            }
            endList(name, a.length);
        }
    }
}
