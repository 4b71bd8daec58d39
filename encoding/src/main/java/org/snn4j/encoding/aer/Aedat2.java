package org.snn4j.encoding.aer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * jAER AEDAT 2.0 files (iniVation "AEDAT 2.0" documentation; SensorsINI/jaer {@code AEFileInputStream}).
 *
 * <p>An ASCII header of lines starting with {@code #}, the first being {@code #!AER-DAT2.0}; LF and CRLF line ends
 * are both accepted (real jAER files use LF although the specification says CRLF). The header ends at the
 * line {@code #End Of ASCII Header} when present (newer jAER), else at the first byte that is not {@code #} (so in
 * an older file without that line, a first record whose address starts with byte 0x23 would be taken for a
 * header line; jAER has the same ambiguity).
 * Then 8-byte big-endian records: int32 address, int32 timestamp (us). The address is split by a
 * {@link DvsLayout}, explicit ({@link ReadOptions#withLayout}) or from the {@code # AEChip:} line; records that
 * are not DVS events (APS, IMU, external) are skipped and counted ({@link ReadReport#nonDvsEvents()}).
 *
 * <p>Time: the 32-bit timestamp is read as unsigned and a drop of more than 2^31 us between consecutive records
 * is taken as a wrap (jAER's "big wrap", every 2^32 us, about 71.6 min): 2^32 us is added from there on and
 * counted in {@link ReadReport#timeWraps()}. Any other decrease is "time going backwards" (a strict fault;
 * counted and kept in lenient mode). jAER instead resets its clock to the older time and skips records with
 * timestamp 0; we do neither.
 *
 * <p>Faults: a missing {@code #!AER-DAT2.0} line, an unknown chip without an explicit layout (these two drop the
 * whole file in lenient mode), a trailing partial record, coordinates outside the sensor, backwards time. A
 * header with no records after it is a valid file with 0 events.
 *
 * <p>Stateless; the static methods are thread-safe, readers are not.
 */
public final class Aedat2 {
    /** The first header line. */
    public static final String VERSION_LINE = "#!AER-DAT2.0";
    /** Bytes per record. */
    public static final int RECORD_BYTES = 8;
    private static final int MAX_LINE = 1 << 20;
    private static final long MAX_HEADER = 1L << 26;

    private Aedat2() {
    }

    /**
     * The parsed header.
     *
     * @param lines      the header lines without line ends
     * @param chipClass  the {@code # AEChip:} value, or "" if absent
     * @param dataOffset byte offset of the first record
     */
    public record Header(List<String> lines, String chipClass, long dataOffset) {
        /** Copies the list. */
        public Header {
            lines = List.copyOf(lines);
            Objects.requireNonNull(chipClass, "chipClass");
        }
    }

    /** Opens a streaming reader; the header is read now. Closing the reader closes {@code in}. */
    public static Reader open(InputStream in, ReadOptions opts) throws IOException {
        return new Reader(new AerInput(in, 0), opts);
    }

    /** Opens a streaming reader over a channel. */
    public static Reader open(ReadableByteChannel ch, ReadOptions opts) throws IOException {
        return open(Channels.newInputStream(ch), opts);
    }

    /** Reads a whole file held in memory. */
    public static AerRecording read(byte[] data, ReadOptions opts) throws IOException {
        try (Reader r = open(new java.io.ByteArrayInputStream(data), opts)) {
            return r.readAll();
        }
    }

    /** Reads a whole file. */
    public static AerRecording read(java.nio.file.Path file, ReadOptions opts) throws IOException {
        try (Reader r = open(new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file)), opts)) {
            return r.readAll();
        }
    }

    /**
     * Encodes events as an AEDAT 2.0 file: a header naming the chip of {@code layout}, then one record per event.
     *
     * @param events events whose coordinates fit the layout's address bits (DVS128: x, y &lt; 128; DAVIS346:
     *               x &lt; 1024, y &lt; 512) and timestamps in {@code [0, 2^32 - 1]}; not modified
     * @throws IllegalArgumentException naming the first event that cannot be encoded
     */
    public static byte[] toBytes(Events events, DvsLayout layout) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(256 + events.size() * RECORD_BYTES);
        try {
            write(events, layout, bos);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bos.toByteArray();
    }

    /** Writes {@link #toBytes} to {@code out} (not closed). */
    public static void write(Events events, DvsLayout layout, OutputStream out) throws IOException {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(out, "out");
        String header = VERSION_LINE + "\r\n"
                + "# This is a raw AE data file written by snn4j\r\n"
                + "# Data format is int32 address, int32 timestamp (8 bytes total), repeated for each event\r\n"
                + "# Timestamps tick: 1 us\r\n"
                + "# AEChip: " + layout.chipClass() + "\r\n"
                + "#End Of ASCII Header\r\n";
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        int n = events.size;
        byte[] buf = new byte[Math.min(n, 8192) * RECORD_BYTES];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int x = events.x[i];
            int y = events.y[i];
            long t = events.t[i];
            int addr;
            if (layout == DvsLayout.DVS128) {
                if (x > 127 || y > 127) {
                    throw new IllegalArgumentException("event " + i + ": DVS128 needs x, y < 128, got (" + x + ", " + y + ")");
                }
                addr = (y << 8) | (x << 1) | (events.on[i] ? 1 : 0);
            } else {
                if (x > 1023 || y > 511) {
                    throw new IllegalArgumentException("event " + i + ": " + layout + " needs x < 1024, y < 512, got ("
                            + x + ", " + y + ")");
                }
                addr = (y << 22) | (x << 12) | (events.on[i] ? 1 << 11 : 0);
            }
            if (t < 0 || t > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("event " + i + ": t must be in [0, 2^32 - 1] us, got " + t);
            }
            putBe32(buf, k, addr);
            putBe32(buf, k + 4, (int) t);
            k += RECORD_BYTES;
            if (k == buf.length) {
                out.write(buf, 0, k);
                k = 0;
            }
        }
        out.write(buf, 0, k);
    }

    static void putBe32(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
    }

    static int be32(byte[] b, int p) {
        return (b[p] << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    /** A streaming AEDAT 2.0 reader; {@link #next()} decodes up to {@link ReadOptions#chunkEvents()} records. */
    public static final class Reader implements EventReader {
        private final AerInput in;
        private final ReadReport.Counter c;
        private Header header;
        private DvsLayout layout;
        private int width;
        private int height;
        private boolean done;
        private final byte[] buf;
        private long lastU = -1;
        private long wrapBase;
        private long lastT = Long.MIN_VALUE;

        Reader(AerInput in, ReadOptions opts) throws IOException {
            Objects.requireNonNull(opts, "opts");
            this.in = in;
            this.c = new ReadReport.Counter(opts.mode());
            this.buf = new byte[Math.min(opts.chunkEvents(), 1 << 20) * RECORD_BYTES];
            this.width = opts.hasSensor() ? opts.sensorWidth() : 1;
            this.height = opts.hasSensor() ? opts.sensorHeight() : 1;
            try {
                readHeader(opts);
            } catch (AerFormatException e) {
                c.fault(e);
                c.droppedBytes += in.position() + in.drain();
                done = true;
            }
        }

        private void readHeader(ReadOptions opts) throws IOException {
            List<String> lines = new ArrayList<>();
            String chip = "";
            String first = in.readLine(MAX_LINE);
            if (first == null || !first.equals(VERSION_LINE)) {
                throw new AerFormatException(0, "version line", "'" + VERSION_LINE + "'",
                        first == null ? "an empty file" : "'" + shorten(first) + "'");
            }
            lines.add(first);
            while (in.peek() == '#') {
                if (in.position() > MAX_HEADER) {
                    throw new AerFormatException(in.position(), "header", "at most " + MAX_HEADER + " header bytes",
                            "more");
                }
                String line = in.readLine(MAX_LINE);
                lines.add(line);
                String body = line.substring(1).trim();
                if (body.startsWith("AEChip:")) {
                    chip = body.substring("AEChip:".length()).trim();
                }
                if (line.startsWith("#End Of ASCII Header")) {
                    break;
                }
            }
            header = new Header(lines, chip, in.position());
            layout = opts.layout() != null ? opts.layout() : DvsLayout.fromChipClass(chip);
            if (layout == null) {
                throw new AerFormatException(0, "AEChip", "a DVS128, DAVIS346, DAVIS240, Davis208 or Davis640 chip class, or an explicit "
                        + "ReadOptions.withLayout (with withSensor for another DAVIS chip)", "'" + shorten(chip) + "'");
            }
            if (!opts.hasSensor()) {
                width = layout.width();
                height = layout.height();
            }
        }

        private static String shorten(String s) {
            String p = s.replaceAll("[^\\x20-\\x7e]", "?");
            return p.length() > 60 ? p.substring(0, 60) + "..." : p;
        }

        /** The header, or null if it could not be read (lenient mode). */
        public Header header() {
            return header;
        }

        /** The address layout in use, or null if the header could not be read. */
        public DvsLayout layout() {
            return layout;
        }

        @Override
        public AerFormat format() {
            return AerFormat.AEDAT2;
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public int height() {
            return height;
        }

        @Override
        public ReadReport report() {
            return c.snapshot();
        }

        @Override
        public Events next() throws IOException {
            if (done) {
                return null;
            }
            long at = in.position();
            int got = in.read(buf, 0, buf.length);
            if (got < buf.length) {
                done = true;
            }
            int n = got / RECORD_BYTES;
            int rest = got - n * RECORD_BYTES;
            if (n == 0 && rest == 0) {
                return null;
            }
            long[] t = new long[n];
            short[] x = new short[n];
            short[] y = new short[n];
            boolean[] on = new boolean[n];
            final boolean dvs128 = layout == DvsLayout.DVS128;
            final int w = width;
            final int h = height;
            int o = 0;
            long ties = 0;
            for (int k = 0; k < n; k++) {
                int p = k * RECORD_BYTES;
                int addr = be32(buf, p);
                long u = be32(buf, p + 4) & 0xFFFFFFFFL;
                if (lastU >= 0 && u < lastU && lastU - u > (1L << 31)) {
                    wrapBase += 1L << 32;
                    c.timeWraps++;
                }
                lastU = u;
                int xi;
                int yi;
                boolean pi;
                if (dvs128) {
                    if ((addr & 0x8000) != 0) {
                        c.nonDvsEvents++;
                        continue;
                    }
                    yi = (addr >>> 8) & 0x7F;
                    xi = (addr >>> 1) & 0x7F;
                    pi = (addr & 1) != 0;
                } else {
                    if (addr < 0 || (addr & 0x400) != 0) {
                        c.nonDvsEvents++;
                        continue;
                    }
                    yi = (addr >>> 22) & 0x1FF;
                    xi = (addr >>> 12) & 0x3FF;
                    pi = (addr & 0x800) != 0;
                }
                long ti = wrapBase + u;
                if (xi >= w || yi >= h) {
                    c.outOfRange++;
                    if (c.detail()) c.fault(new AerFormatException(at + p, xi >= w ? "x" : "y", "coordinates inside the " + w + "x"
                            + h + " sensor", "(" + xi + ", " + yi + ")"));
                    continue;
                }
                if (ti < lastT) {
                    c.backwardsTime++;
                    if (c.detail()) c.fault(new AerFormatException(at + p + 4, "timestamp", "a time >= the previous event's " + lastT
                            + " us", ti + " us"));
                } else if (ti == lastT) {
                    ties++;
                }
                t[o] = ti;
                x[o] = (short) xi;
                y[o] = (short) yi;
                on[o] = pi;
                o++;
                lastT = ti;
            }
            c.equalTimes += ties;
            if (rest != 0) {
                c.droppedBytes += rest;
                if (c.detail()) c.fault(new AerFormatException(at + (long) n * RECORD_BYTES, "event",
                        "whole 8-byte records after the header", rest + " trailing bytes"));
            }
            c.events += o;
            Events e = new Events(w, h, o, t, x, y, on);
            return o == n ? e : e.slice(0, o);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
