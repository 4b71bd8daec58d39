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
import java.util.Locale;
import java.util.Objects;

/**
 * cAER / DV AEDAT 3.1 files (iniVation "AEDAT 3.1" documentation).
 *
 * <p>Header lines (CRLF or LF): {@code #!AER-DAT3.1}, {@code #Format: RAW}, {@code #Source <id>: <device>},
 * {@code #Start-Time: ...}, any others, and {@code #!END-HEADER}. Then packets, all fields little-endian: a
 * 28-byte header (int16 eventType, int16 eventSource, int32 eventSize, int32 eventTSOffset, int32
 * eventTSOverflow, int32 eventCapacity, int32 eventNumber, int32 eventValid) and {@code eventNumber x eventSize}
 * bytes of events. Polarity packets (type 1, 8-byte events): int32 data (bit 0 valid, bit 1 polarity,
 * {@code y = (data >> 2) & 0x1FFF}, {@code x = (data >> 17) & 0x1FFF}) and int32 timestamp; the 64-bit time is
 * {@code (eventTSOverflow << 31) | timestamp}. Events with the valid bit cleared are skipped
 * ({@link ReadReport#invalidEvents()}); packets of other types are skipped by size
 * ({@link ReadReport#skippedPackets()}). The origin is the upper-left corner.
 *
 * <p>Unlike tonic (which reads {@code capacity x 8} bytes and takes every packet as polarity) this reader uses
 * eventNumber and eventSize, checks that eventSize is 8 and eventTSOffset 4 for polarity packets, that
 * {@code 0 <= eventValid <= eventNumber <= eventCapacity}, and reports truncated packets with their offset.
 *
 * <p>Sensor size: {@link ReadOptions#withSensor}, else the {@code #Sensor-Size: WxH} line that
 * {@link #write} adds, else from the device named on the {@code #Source} line (DVS128, DAVIS240, DAVIS346,
 * DVXplorer, DAVIS640), else 8192x8192 (the 13-bit field range: no coordinate check is then possible).
 *
 * <p>Stateless; the static methods are thread-safe, readers are not.
 */
public final class Aedat31 {
    /** The first header line. */
    public static final String VERSION_LINE = "#!AER-DAT3.1";
    /** The last header line. */
    public static final String END_LINE = "#!END-HEADER";
    /** Packet header size in bytes. */
    public static final int PACKET_HEADER = 28;
    /** Event type of polarity packets. */
    public static final int POLARITY = 1;
    /** Events per packet written by {@link #write}. */
    public static final int EVENTS_PER_PACKET = 4096;
    private static final int MAX_LINE = 1 << 20;
    private static final long MAX_BODY = 1L << 30;

    private Aedat31() {
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
     * Encodes events as an AEDAT 3.1 file with polarity packets of up to {@link #EVENTS_PER_PACKET} events (a
     * new packet also starts when {@code t >> 31} changes) and a {@code #Sensor-Size} header line.
     *
     * @param events events with {@code x, y < 8192} and {@code 0 <= t < 2^62}; not modified
     * @throws IllegalArgumentException naming the first event that cannot be encoded
     */
    public static byte[] toBytes(Events events) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(256 + events.size() * 8 + events.size() / 128);
        try {
            write(events, bos);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bos.toByteArray();
    }

    /** Writes {@link #toBytes} to {@code out} (not closed). */
    public static void write(Events events, OutputStream out) throws IOException {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(out, "out");
        String header = VERSION_LINE + "\r\n#Format: RAW\r\n#Source 1: snn4j\r\n"
                + "#Start-Time: 1970-01-01 00:00:00 (TZ+0000)\r\n"
                + "#Sensor-Size: " + events.width() + "x" + events.height() + "\r\n" + END_LINE + "\r\n";
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        int n = events.size;
        for (int i = 0; i < n; i++) {
            if (events.x[i] > 8191 || events.y[i] > 8191) {
                throw new IllegalArgumentException("event " + i + ": x and y must be < 8192, got (" + events.x[i]
                        + ", " + events.y[i] + ")");
            }
            if (events.t[i] < 0 || events.t[i] >= (1L << 62)) {
                throw new IllegalArgumentException("event " + i + ": t must be in [0, 2^62) us, got " + events.t[i]);
            }
        }
        byte[] buf = new byte[PACKET_HEADER + EVENTS_PER_PACKET * 8];
        int i = 0;
        while (i < n) {
            long ov = events.t[i] >>> 31;
            int j = i;
            while (j < n && j - i < EVENTS_PER_PACKET && (events.t[j] >>> 31) == ov) {
                j++;
            }
            int m = j - i;
            putLe16(buf, 0, POLARITY);
            putLe16(buf, 2, 1);
            putLe32(buf, 4, 8);
            putLe32(buf, 8, 4);
            putLe32(buf, 12, (int) ov);
            putLe32(buf, 16, m);
            putLe32(buf, 20, m);
            putLe32(buf, 24, m);
            int p = PACKET_HEADER;
            for (int k = i; k < j; k++, p += 8) {
                int data = 1 | (events.on[k] ? 2 : 0) | (events.y[k] << 2) | (events.x[k] << 17);
                putLe32(buf, p, data);
                putLe32(buf, p + 4, (int) (events.t[k] & 0x7FFFFFFF));
            }
            out.write(buf, 0, p);
            i = j;
        }
    }

    static void putLe16(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
    }

    static void putLe32(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }

    static int le16(byte[] b, int p) {
        return (short) ((b[p] & 0xFF) | (b[p + 1] << 8));
    }

    /** Sensor size for a cAER device name, or null. */
    static int[] deviceSensor(String device) {
        String d = device.toUpperCase(Locale.ROOT);
        if (d.contains("DVS128")) {
            return new int[] {128, 128};
        }
        if (d.contains("DAVIS346")) {
            return new int[] {346, 260};
        }
        if (d.contains("DAVIS240")) {
            return new int[] {240, 180};
        }
        if (d.contains("DVXPLORER") || d.contains("DAVIS640")) {
            return new int[] {640, 480};
        }
        return null;
    }

    /** A streaming AEDAT 3.1 reader; {@link #next()} returns the events of the next polarity packet. */
    public static final class Reader implements EventReader {
        private final AerInput in;
        private final ReadReport.Counter c;
        private final List<String> lines = new ArrayList<>();
        private int width = 8192;
        private int height = 8192;
        private boolean done;
        private final byte[] ph = new byte[PACKET_HEADER];
        private byte[] body = new byte[1 << 16];
        private long lastT = Long.MIN_VALUE;

        Reader(AerInput in, ReadOptions opts) throws IOException {
            Objects.requireNonNull(opts, "opts");
            this.in = in;
            this.c = new ReadReport.Counter(opts.mode());
            try {
                readHeader();
            } catch (AerFormatException e) {
                c.fault(e);
                c.droppedBytes += in.position() + in.drain();
                done = true;
            }
            if (opts.hasSensor()) {
                width = opts.sensorWidth();
                height = opts.sensorHeight();
            }
        }

        private void readHeader() throws IOException {
            String first = in.readLine(MAX_LINE);
            if (first == null || !first.equals(VERSION_LINE)) {
                throw new AerFormatException(0, "version line", "'" + VERSION_LINE + "'",
                        first == null ? "an empty file" : "'" + shorten(first) + "'");
            }
            lines.add(first);
            boolean format = false;
            boolean source = false;
            boolean start = false;
            int[] deviceSize = null;
            int[] declared = null;
            while (true) {
                long at = in.position();
                if (in.peek() != '#') {
                    throw new AerFormatException(at, "header", "a '#' header line up to '" + END_LINE + "'",
                            in.peek() < 0 ? "end of file" : "a data byte");
                }
                if (at > (1 << 26)) {
                    throw new AerFormatException(at, "header", "at most 64 MiB of header", "more");
                }
                String line = in.readLine(MAX_LINE);
                lines.add(line);
                if (line.equals(END_LINE)) {
                    break;
                }
                if (line.startsWith("#Format:")) {
                    String f = line.substring("#Format:".length()).trim();
                    if (!f.equals("RAW")) {
                        throw new AerFormatException(at, "Format", "RAW", "'" + shorten(f) + "'");
                    }
                    if (lines.size() != 2) {
                        if (c.detail()) c.fault(new AerFormatException(at, "Format", "the second header line", "line " + lines.size()));
                    }
                    format = true;
                } else if (line.startsWith("#Source ")) {
                    int colon = line.indexOf(':');
                    if (colon < 0) {
                        if (c.detail()) c.fault(new AerFormatException(at, "Source", "'#Source <id>: <device>'", "'" + shorten(line) + "'"));
                    } else if (!source) {
                        deviceSize = deviceSensor(line.substring(colon + 1).trim());
                    }
                    source = true;
                } else if (line.startsWith("#Start-Time:")) {
                    start = true;
                } else if (line.startsWith("#Sensor-Size:")) {
                    declared = parseSize(line.substring("#Sensor-Size:".length()).trim(), at);
                }
            }
            long at = in.position();
            if (!format) {
                if (c.detail()) c.fault(new AerFormatException(at, "Format", "a '#Format: RAW' header line", "none"));
            }
            if (!source) {
                if (c.detail()) c.fault(new AerFormatException(at, "Source", "a '#Source <id>: <device>' header line", "none"));
            }
            if (!start) {
                if (c.detail()) c.fault(new AerFormatException(at, "Start-Time", "a '#Start-Time: ...' header line", "none"));
            }
            int[] size = declared != null ? declared : deviceSize;
            if (size != null) {
                width = size[0];
                height = size[1];
            }
        }

        private static int[] parseSize(String v, long at) throws AerFormatException {
            int xpos = v.indexOf('x');
            try {
                int w = Integer.parseInt(v.substring(0, xpos).trim());
                int h = Integer.parseInt(v.substring(xpos + 1).trim());
                if (w >= 1 && w <= 8192 && h >= 1 && h <= 8192) {
                    return new int[] {w, h};
                }
            } catch (RuntimeException e) {
                // reported below
            }
            throw new AerFormatException(at, "Sensor-Size", "'WxH' with 1 <= W, H <= 8192", "'" + shorten(v) + "'");
        }

        private static String shorten(String s) {
            String p = s.replaceAll("[^\\x20-\\x7e]", "?");
            return p.length() > 60 ? p.substring(0, 60) + "..." : p;
        }

        /** The header lines without line ends. */
        public List<String> headerLines() {
            return List.copyOf(lines);
        }

        @Override
        public AerFormat format() {
            return AerFormat.AEDAT3;
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

        private void stop(long dropped, AerFormatException e) throws IOException {
            c.droppedBytes += dropped + in.drain();
            done = true;
            c.fault(e);
        }

        @Override
        public Events next() throws IOException {
            while (!done) {
                long at = in.position();
                int got = in.read(ph, 0, PACKET_HEADER);
                if (got == 0) {
                    done = true;
                    return null;
                }
                if (got < PACKET_HEADER) {
                    c.missingBytes += PACKET_HEADER - got;
                    stop(got, new AerFormatException(at, "packet header", "28 bytes", got + " bytes before the end of file"));
                    return null;
                }
                int type = le16(ph, 0);
                int size = Lz4Frame.le32(ph, 4);
                int tsOffset = Lz4Frame.le32(ph, 8);
                int overflow = Lz4Frame.le32(ph, 12);
                int capacity = Lz4Frame.le32(ph, 16);
                int number = Lz4Frame.le32(ph, 20);
                int valid = Lz4Frame.le32(ph, 24);
                if (size <= 0) {
                    stop(got, new AerFormatException(at + 4, "eventSize", "> 0", Integer.toString(size)));
                    return null;
                }
                if (number < 0) {
                    stop(got, new AerFormatException(at + 20, "eventNumber", ">= 0", Integer.toString(number)));
                    return null;
                }
                long len = (long) number * size;
                if (len > MAX_BODY) {
                    stop(got, new AerFormatException(at + 20, "eventNumber", "a packet of at most " + MAX_BODY
                            + " bytes", number + " x " + size + " bytes"));
                    return null;
                }
                body = in.readGrowing(body, (int) len);
                int n = in.lastRead;
                if (n < len) {
                    c.droppedBytes += PACKET_HEADER + n;
                    c.missingBytes += len - n;
                    if (type == POLARITY) {
                        c.missingEvents += number;
                    }
                    done = true;
                    if (c.detail()) c.fault(new AerFormatException(at + PACKET_HEADER + n, "packet", len + " bytes of events ("
                            + number + " x " + size + ")", n + " bytes before the end of file"));
                    return null;
                }
                AerFormatException bad = null;
                if (type < 0) {
                    bad = new AerFormatException(at, "eventType", ">= 0", Integer.toString(type));
                } else if (capacity < number) {
                    bad = new AerFormatException(at + 16, "eventCapacity", ">= eventNumber " + number,
                            Integer.toString(capacity));
                } else if (valid < 0 || valid > number) {
                    bad = new AerFormatException(at + 24, "eventValid", "in [0, eventNumber " + number + "]",
                            Integer.toString(valid));
                } else if (overflow < 0) {
                    bad = new AerFormatException(at + 12, "eventTSOverflow", ">= 0", Integer.toString(overflow));
                } else if (tsOffset < 0 || tsOffset > size - 4) {
                    bad = new AerFormatException(at + 8, "eventTSOffset", "in [0, eventSize - 4 = " + (size - 4) + "]",
                            Integer.toString(tsOffset));
                } else if (type == POLARITY && size != 8) {
                    bad = new AerFormatException(at + 4, "eventSize", "8 for polarity packets", Integer.toString(size));
                } else if (type == POLARITY && tsOffset != 4) {
                    bad = new AerFormatException(at + 8, "eventTSOffset", "4 for polarity packets",
                            Integer.toString(tsOffset));
                }
                if (bad != null) {
                    c.droppedRecords++;
                    c.droppedBytes += PACKET_HEADER + len;
                    c.fault(bad);
                    continue;
                }
                c.packets++;
                if (type != POLARITY) {
                    c.skippedPackets++;
                    continue;
                }
                return decode(number, overflow, at + PACKET_HEADER);
            }
            return null;
        }

        private Events decode(int number, int overflow, long at) throws AerFormatException {
            long[] t = new long[number];
            short[] x = new short[number];
            short[] y = new short[number];
            boolean[] on = new boolean[number];
            final int w = width;
            final int h = height;
            final long high = (long) overflow << 31;
            long last = lastT;
            long ties = 0;
            int o = 0;
            for (int k = 0; k < number; k++) {
                int p = k * 8;
                int data = Lz4Frame.le32(body, p);
                int ts = Lz4Frame.le32(body, p + 4);
                if ((data & 1) == 0) {
                    c.invalidEvents++;
                    continue;
                }
                int yi = (data >>> 2) & 0x1FFF;
                int xi = (data >>> 17) & 0x1FFF;
                if (xi >= w || yi >= h) {
                    c.outOfRange++;
                    if (c.detail()) c.fault(new AerFormatException(at + p, xi >= w ? "x" : "y", "coordinates inside the " + w + "x" + h
                            + " sensor", "(" + xi + ", " + yi + ")"));
                    continue;
                }
                if (ts < 0) {
                    c.droppedRecords++;
                    if (c.detail()) c.fault(new AerFormatException(at + p + 4, "timestamp", "a 31-bit timestamp >= 0", Integer.toString(ts)));
                    continue;
                }
                long ti = high | ts;
                if (ti < last) {
                    c.backwardsTime++;
                    if (c.detail()) c.fault(new AerFormatException(at + p + 4, "timestamp", "a time >= the previous event's " + last
                            + " us", ti + " us"));
                } else if (ti == last) {
                    ties++;
                }
                t[o] = ti;
                x[o] = (short) xi;
                y[o] = (short) yi;
                on[o] = (data & 2) != 0;
                o++;
                last = ti;
            }
            lastT = last;
            c.equalTimes += ties;
            c.events += o;
            Events e = new Events(w, h, o, t, x, y, on);
            return o == number ? e : e.slice(0, o);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
