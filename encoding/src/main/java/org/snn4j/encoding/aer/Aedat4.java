package org.snn4j.encoding.aer;

import io.airlift.compress.zstd.ZstdDecompressor;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * AEDAT 4.0 files of iniVation's DV software (read only).
 *
 * <p>Layout (iniVation "AEDAT 4.0" documentation): the 14 bytes {@code #!AER-DAT4.0\r\n}; an int32 (little-endian)
 * size and an {@code IOHeader} flatbuffer (identifier {@code IOHE}; fields: compression enum, data table
 * position int64 with -1 = none, description string); then packets of an 8-byte header (int32 stream id, int32
 * size) and {@code size} bytes holding one whole LZ4 or Zstandard frame (or the raw bytes when uncompressed) that
 * decodes to a size-prefixed flatbuffer whose identifier matches the stream's {@code typeIdentifier}; then, at
 * the data table position, an optional {@code FileDataTable} (identifier {@code FTAB}, compressed like a
 * packet) with one entry per packet. Packet reading stops at the data table position.
 *
 * <p>The IOHeader and the packets are decoded by hand (no flatbuffers dependency): root offset, vtable, fields.
 * The description is XML ({@code <dv version="2.0">}); every child of the {@code outInfo} node is a stream with
 * {@code typeIdentifier} (EVTS, FRME, IMUS, TRIG ...) and, for EVTS and FRME, {@code sizeX}/{@code sizeY} in its
 * {@code info} node. The events of the first EVTS stream are decoded: 16-byte structs {int64 timestamp (Unix
 * microseconds), int16 x, int16 y, bool polarity, 3 padding bytes}. Packets of other streams are decompressed
 * only to check their identifier and count their elements ({@link Reader#elementCount(int)}).
 *
 * <p>Checks (strict faults, counted and skipped in lenient mode): magic, IOHeader identifier and fields,
 * compression enum, well-formed XML with unique stream ids and the required attributes, packet stream ids,
 * sizes, truncation, decompression, flatbuffer bounds, identifier/type agreement, coordinates, time order, and
 * agreement of the FileDataTable with the packets read. A fault in the file header cannot be recovered: lenient
 * mode then returns no events and counts the whole file as dropped bytes. LZ4 frames are decoded by
 * {@link Lz4Frame} (linked blocks); Zstandard frames by aircompressor's {@code ZstdDecompressor}. Decompression
 * stops at {@link ReadOptions#maxDecompressedBytes()} (a fault naming the packet, its offset and the limit), and
 * the data table's element counts never size an allocation beyond one event per byte of the file.
 * {@link ReadReport#missingEvents()} counts events the data table declares that were not decoded.
 *
 * <p>Stateless; the static methods are thread-safe, readers are not.
 */
public final class Aedat4 {
    /** The 14-byte file magic. */
    public static final String MAGIC = "#!AER-DAT4.0\r\n";
    /**
     * Largest IOHeader, packet or data table accepted as stored in the file, in bytes: 1 GiB (the decompressed
     * size of a packet or table is limited by {@link ReadOptions#maxDecompressedBytes()}).
     */
    public static final int MAX_BLOCK = 1 << 30;
    private static final int EVENT_BYTES = 16;

    /** Secure XML parsing (no DTDs, no external entities); guarded by itself (factories are not thread-safe). */
    private static final DocumentBuilderFactory XML = xmlFactory();

    private Aedat4() {
    }

    private static DocumentBuilderFactory xmlFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks secure-processing features", e);
        }
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        return f;
    }

    /** The {@code compression} field of the IOHeader, in enum order. */
    public enum Compression {
        /** Raw flatbuffers. */
        NONE,
        /** LZ4 frames. */
        LZ4,
        /** LZ4 frames (high-compression encoder; same decoder). */
        LZ4_HIGH,
        /** Zstandard frames. */
        ZSTD,
        /** Zstandard frames (high-compression encoder; same decoder). */
        ZSTD_HIGH
    }

    /**
     * One stream of the description.
     *
     * @param id             stream id used in packet headers
     * @param typeIdentifier 4-character flatbuffer identifier: EVTS, FRME, IMUS, TRIG ...
     * @param sizeX          sensor width (0 if not given; required for EVTS and FRME)
     * @param sizeY          sensor height (0 if not given)
     * @param source         the {@code source} attribute, or "" if absent
     */
    public record Stream(int id, String typeIdentifier, int sizeX, int sizeY, String source) {
        /** Checks for nulls. */
        public Stream {
            Objects.requireNonNull(typeIdentifier, "typeIdentifier");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * The decoded file header.
     *
     * @param ioHeaderSize      size of the IOHeader flatbuffer in bytes
     * @param compression       packet compression
     * @param dataTablePosition byte offset of the FileDataTable, or -1 if none
     * @param description       the XML description
     * @param streams           the streams, in the order of the description
     */
    public record Header(int ioHeaderSize, Compression compression, long dataTablePosition, String description,
                         List<Stream> streams) {
        /** Copies the list. */
        public Header {
            Objects.requireNonNull(compression, "compression");
            Objects.requireNonNull(description, "description");
            streams = List.copyOf(streams);
        }

        /** The first stream of type EVTS, or null. */
        public Stream eventStream() {
            for (int i = 0; i < streams.size(); i++) {
                if (streams.get(i).typeIdentifier().equals("EVTS")) {
                    return streams.get(i);
                }
            }
            return null;
        }
    }

    /**
     * One FileDataTable entry (one packet).
     *
     * @param byteOffset     file offset of the packet body (just after its 8-byte header)
     * @param streamId       the packet's stream
     * @param packetSize     the packet's size field
     * @param numElements    elements in the packet
     * @param timestampStart first timestamp (us)
     * @param timestampEnd   last timestamp (us)
     */
    public record TableEntry(long byteOffset, int streamId, int packetSize, long numElements, long timestampStart,
                             long timestampEnd) {
    }

    /** Opens a streaming reader; the header is read and checked now. Closing the reader closes {@code in}. */
    public static Reader open(InputStream in, ReadOptions opts) throws IOException {
        return new Reader(new AerInput(in, 0), opts, -1);
    }

    /** Opens a streaming reader over a channel (see {@link #open(InputStream, ReadOptions)}). */
    public static Reader open(ReadableByteChannel ch, ReadOptions opts) throws IOException {
        return open(Channels.newInputStream(ch), opts);
    }

    /**
     * Reads a whole file held in memory. When the file has a FileDataTable, its element counts size the event
     * arrays up front (no growing and copying), but never beyond one event per byte of the file: the table is
     * untrusted, so a small file claiming millions of events cannot force a large allocation.
     */
    public static AerRecording read(byte[] data, ReadOptions opts) throws IOException {
        return read(data, opts, 1);
    }

    /**
     * Reads a whole file held in memory, decoding its packets on {@code threads} threads (see
     * {@link #readInto(byte[], ReadOptions, int, Events.Builder)}); one thread is {@link #read(byte[], ReadOptions)}.
     * The events, the report and the first fault (the exception in strict mode) are the same at every thread
     * count.
     *
     * @param threads &gt;= 1
     */
    public static AerRecording read(byte[] data, ReadOptions opts, int threads) throws IOException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(opts, "opts");
        checkThreads(threads);
        try (DecodeThreads pool = threads > 1 ? new DecodeThreads(threads) : null;
             Reader r = new Reader(new AerInput(data), opts, -1)) {
            Events.Builder b = Events.builder(r.width, r.height,
                    initialCapacity(r.expectedEvents(r.tableAhead(data)), data.length));
            ReadReport report = r.readInto(b, data, pool);
            return new AerRecording(AerFormat.AEDAT4, b.buildAndRelease(), report);
        }
    }

    /**
     * Decodes the whole file held in {@code data} and appends its events to {@code into} (the fastest path: with
     * a builder that is {@linkplain Events.Builder#clear() cleared} and reused, decoding file after file
     * allocates no event arrays once its capacity suffices). The events, the report and the first fault are
     * those of {@link #read(byte[], ReadOptions)}, at every thread count.
     *
     * <p>With {@code threads} above 1 and a FileDataTable whose event counts fit the file (at most one event per
     * byte), the builder first grows to hold the events the table declares, and the packets are then
     * decompressed and decoded by {@code threads - 1} helper threads made for this call (stopped before it
     * returns; {@link #readInto(byte[], ReadOptions, DecodeThreads, Events.Builder)} keeps them between calls)
     * and the calling thread, each taking the next packet in file order, straight into the builder's
     * arrays at the positions the table gives. The calling thread joins the packets in file order and applies
     * the checks that span packets (time order across packets, the data table). A packet that is damaged, whose
     * events are not clean by themselves or whose event count is not the table's stops the helpers: it and the
     * packets after it are decoded by the calling thread alone, as the sequential reader does. Files without a
     * usable data table are read on the calling thread.
     *
     * @param data    the whole file; not modified
     * @param opts    mode, sensor size and limits
     * @param threads &gt;= 1
     * @param into    receives the events; its sensor must be the one {@link #read(byte[], ReadOptions)} would
     *                give ({@code opts}' sensor if it names one, else the event stream's; 1x1 for a file without
     *                one); not checked when lenient mode cannot read the file header (nothing is appended)
     * @return what the reader saw in this file ({@code events()} = the number of events appended)
     * @throws AerFormatException       in strict mode at the first fault; then nothing is appended
     * @throws IllegalArgumentException if {@code into}'s sensor is not the file's, or {@code threads < 1}
     */
    public static ReadReport readInto(byte[] data, ReadOptions opts, int threads, Events.Builder into)
            throws IOException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(opts, "opts");
        Objects.requireNonNull(into, "into");
        checkThreads(threads);
        try (DecodeThreads pool = threads > 1 ? new DecodeThreads(threads) : null) {
            return decodeInto(data, opts, pool, into);
        }
    }

    /**
     * {@link #readInto(byte[], ReadOptions, int, Events.Builder)} on {@code threads.threads()} threads, whose
     * helpers are kept between calls (started by the first call that decodes in parallel, parked in between)
     * instead of made for each call. The events, the report and the first fault are the same. One read at a
     * time per {@link DecodeThreads}: calls from several threads take turns.
     *
     * @throws IllegalStateException if {@code threads} is closed
     */
    public static ReadReport readInto(byte[] data, ReadOptions opts, DecodeThreads threads, Events.Builder into)
            throws IOException {
        Objects.requireNonNull(threads, "threads");
        synchronized (threads) {
            if (threads.closed) {
                throw new IllegalStateException("these DecodeThreads are closed");
            }
            return decodeInto(data, opts, threads.threads > 1 ? threads : null, into);
        }
    }

    /** {@code pool} null: the calling thread alone. */
    private static ReadReport decodeInto(byte[] data, ReadOptions opts, DecodeThreads pool, Events.Builder into)
            throws IOException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(opts, "opts");
        Objects.requireNonNull(into, "into");
        try (Reader r = new Reader(new AerInput(data), opts, -1)) {
            if (r.header != null && (into.width() != r.width || into.height() != r.height)) {
                throw new IllegalArgumentException("into is a builder for a " + into.width() + "x" + into.height()
                        + " sensor, but the file gives a " + r.width + "x" + r.height + " sensor");
            }
            r.tableAhead(data);
            int start = into.size;
            try {
                return r.readInto(into, data, pool);
            } catch (IOException | RuntimeException e) {
                into.size = start; // strict mode: nothing appended
                throw e;
            }
        }
    }

    /**
     * Helper threads for {@link #readInto(byte[], ReadOptions, DecodeThreads, Events.Builder)}, kept between
     * reads so that a read does not pay for starting and joining threads: {@code threads - 1} daemon threads,
     * started by the first read that decodes in parallel, parked between reads (each keeps its decompression
     * buffers), stopped and joined by {@link #close()}. No global state: the threads belong to this object.
     */
    public static final class DecodeThreads implements AutoCloseable {
        private final int threads;
        /** Null until the first parallel read. */
        private Thread[] helpers;
        /** The parallel read in progress, or null. */
        private volatile Parallel job;
        private volatile boolean closed;
        /** Numbers the reads, so that a helper takes part in each at most once. */
        private long reads;

        /**
         * @param threads threads per read, the calling thread included (&gt;= 1; 1 makes no helper)
         * @throws IllegalArgumentException if {@code threads < 1}
         */
        public DecodeThreads(int threads) {
            checkThreads(threads);
            this.threads = threads;
        }

        /** Threads per read, the calling thread included. */
        public int threads() {
            return threads;
        }

        /** Hands {@code p} to the helpers, starting them on first use; called by the read holding this lock. */
        void begin(Parallel p) {
            p.id = ++reads;
            job = p;
            if (helpers == null) {
                helpers = new Thread[threads - 1];
                for (int h = 0; h < helpers.length; h++) {
                    helpers[h] = new Thread(this::work, "aedat4-decode-" + h);
                    helpers[h].setDaemon(true);
                    helpers[h].start();
                }
            } else {
                for (int h = 0; h < helpers.length; h++) {
                    LockSupport.unpark(helpers[h]);
                }
            }
        }

        /** The read of {@link #begin} has stopped its helpers. */
        void end() {
            job = null;
        }

        /** True while a parallel read has helpers it has not stopped (for tests: none after a read returns or throws). */
        boolean reading() {
            return job != null;
        }

        /** A helper: waits for a read, takes part in it once, keeps its decoder for the next read. */
        private void work() {
            Decoder d = null;
            long last = 0;
            while (!closed) {
                Parallel p = job;
                if (p == null || p.id == last) {
                    LockSupport.park(this);
                    Thread.interrupted(); // nobody else holds these threads: a stray interrupt must not make park spin
                    continue;
                }
                last = p.id;
                d = p.help(d);
            }
        }

        /**
         * Stops and joins the helper threads (waiting for a read in progress on another thread to end first).
         * Idempotent; later reads with this object throw {@link IllegalStateException}.
         */
        @Override
        public void close() {
            synchronized (this) {
                closed = true;
            }
            if (helpers == null) {
                return;
            }
            boolean interrupted = false;
            for (int h = 0; h < helpers.length; h++) {
                LockSupport.unpark(helpers[h]);
                while (true) {
                    try {
                        helpers[h].join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /**
     * The capacity to preallocate for {@code expected} events (-1 = unknown) in a file of {@code fileBytes}
     * bytes: at most one event per file byte (a 16-byte event compresses to a few bytes at best, and the list
     * grows if a file does hold more), so the allocation stays within 11 times the file size.
     */
    static int initialCapacity(long expected, long fileBytes) {
        if (expected < 0) {
            return 1024;
        }
        return (int) Math.min(expected, Math.min(Math.max(1024, fileBytes), 1 << 28));
    }

    private static long sum(List<TableEntry> table, int streamId) {
        long s = 0;
        for (int i = 0; i < table.size(); i++) {
            if (table.get(i).streamId() == streamId) {
                s += table.get(i).numElements();
            }
        }
        return s;
    }

    /**
     * Reads a whole file. When the file has a FileDataTable it is read first (positional read) to size the
     * event arrays from its element counts (at most one event per byte of the file, as for
     * {@link #read(byte[], ReadOptions)}).
     */
    public static AerRecording read(Path file, ReadOptions opts) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(opts, "opts");
        long expected = -1;
        try {
            List<TableEntry> table = readDataTable(file, opts);
            try (Reader probe = new Reader(new AerInput(Files.newInputStream(file), 0), ReadOptions.lenient(), 0)) {
                Stream ev = probe.header == null ? null : probe.header.eventStream();
                if (ev != null && table != null) {
                    expected = sum(table, ev.id());
                }
            }
        } catch (AerFormatException e) {
            expected = -1; // the full read below reports the fault
        }
        try (Reader r = new Reader(new AerInput(Files.newInputStream(file), 0), opts, -1)) {
            return r.readAll(initialCapacity(expected, Files.size(file)));
        }
    }

    /**
     * Reads only the FileDataTable of a file (seeking to it), or returns null if the header says there is none;
     * default limits ({@link ReadOptions#strict()}).
     *
     * @throws AerFormatException if the header or the table is malformed
     */
    public static List<TableEntry> readDataTable(Path file) throws IOException {
        return readDataTable(file, ReadOptions.strict());
    }

    /**
     * Reads only the FileDataTable of a file, with the decompression limit of {@code opts}
     * ({@link ReadOptions#maxDecompressedBytes()}); faults always throw.
     *
     * @throws AerFormatException if the header or the table is malformed
     */
    public static List<TableEntry> readDataTable(Path file, ReadOptions opts) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(opts, "opts");
        Header h;
        try (Reader r = new Reader(new AerInput(Files.newInputStream(file), 0), ReadOptions.strict(), 0)) {
            h = r.header;
        }
        if (h.dataTablePosition() < 0) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = h.dataTablePosition();
            if (pos > size || size - pos > MAX_BLOCK) {
                throw new AerFormatException(pos, "dataTablePosition", "a table of at most " + MAX_BLOCK
                        + " bytes inside the " + size + "-byte file", "position " + pos);
            }
            byte[] raw = new byte[(int) (size - pos)];
            ByteBuffer bb = ByteBuffer.wrap(raw);
            while (bb.hasRemaining()) {
                if (ch.read(bb, pos + bb.position()) < 0) {
                    break;
                }
            }
            Decoder d = new Decoder(h.compression(), opts.maxDecompressedBytes());
            try {
                int n = d.decompress(raw, 0, raw.length);
                return parseTable(d.out, n);
            } catch (BadBlock e) {
                throw new AerFormatException(pos + e.pos, "FileDataTable", e.expected, e.actual);
            }
        }
    }

    /** A malformed compressed block or flatbuffer (internal). */
    private static final class BadBlock extends Exception {
        private static final long serialVersionUID = 1L;
        final long pos;
        final String expected;
        final String actual;

        BadBlock(long pos, String expected, String actual) {
            super(expected, null, false, false);
            this.pos = pos;
            this.expected = expected;
            this.actual = actual;
        }
    }

    /**
     * Decompression with reusable buffers and a limit on the decompressed size of one block
     * ({@link ReadOptions#maxDecompressedBytes()}), checked while decompressing.
     */
    private static final class Decoder {
        final Compression compression;
        final int limit;
        final Lz4Frame lz4 = new Lz4Frame();
        ZstdDecompressor zstd;
        byte[] out = new byte[0];

        Decoder(Compression compression, int limit) {
            this.compression = compression;
            this.limit = limit;
        }

        private BadBlock overLimit(long pos, String what) {
            return new BadBlock(pos, "at most " + limit + " decompressed bytes (ReadOptions.maxDecompressedBytes;"
                    + " raise it with withMaxDecompressedBytes for larger packets)", what);
        }

        /** Decompresses {@code in[off .. off+len)} into {@link #out}; returns the length. */
        int decompress(byte[] in, int off, int len) throws BadBlock {
            switch (compression) {
                case NONE:
                    // raw packets are already in memory, bounded by the file: no limit to apply
                    out = in;
                    if (off != 0) {
                        out = java.util.Arrays.copyOfRange(in, off, off + len);
                    }
                    return len;
                case LZ4:
                case LZ4_HIGH:
                    try {
                        int n = lz4.decode(in, off, len, limit);
                        out = lz4.buffer();
                        return n;
                    } catch (Lz4Frame.Lz4Exception e) {
                        if (e.overLimit) {
                            throw overLimit(e.offset, "an LZ4 frame that decodes to more (" + e.getMessage() + ")");
                        }
                        throw new BadBlock(e.offset, "a valid LZ4 frame", e.getMessage());
                    }
                default:
                    return zstd(in, off, len);
            }
        }

        /**
         * A Zstandard frame. When the frame header declares its content size and it is within the limit and
         * at most 64 times the compressed size, one call decodes it into a buffer of that size; otherwise the
         * frame is streamed into a buffer that grows with the output and stops at the limit, so a forged or
         * huge content size never sizes an allocation by itself.
         */
        private int zstd(byte[] in, int off, int len) throws BadBlock {
            long size;
            try {
                size = ZstdDecompressor.getDecompressedSize(in, off, len);
            } catch (RuntimeException e) {
                throw new BadBlock(0, "a valid Zstandard frame", String.valueOf(e.getMessage()));
            }
            if (size > limit) {
                throw overLimit(0, "a Zstandard frame declaring " + size + " bytes");
            }
            try {
                if (size >= 0 && size <= 64L * len + 1024) {
                    if (zstd == null) {
                        zstd = new ZstdDecompressor();
                    }
                    if (out.length < size || out == in) {
                        out = new byte[(int) Math.max(size, 1024)];
                    }
                    int n = zstd.decompress(in, off, len, out, 0, (int) size);
                    if (n != size) {
                        throw new BadBlock(0, "a Zstandard frame of its declared " + size + " bytes", n + " bytes");
                    }
                    return n;
                }
                try (InputStream z = new ZstdInputStream(new ByteArrayInputStream(in, off, len))) {
                    if (out == in) {
                        out = new byte[0];
                    }
                    int n = 0;
                    while (true) {
                        if (n == out.length) {
                            out = java.util.Arrays.copyOf(out, (int) Math.min((long) limit + 1,
                                    Math.max(1 << 16, 2L * n)));
                        }
                        int r = z.read(out, n, out.length - n);
                        if (r < 0) {
                            return n;
                        }
                        n += r;
                        if (n > limit) {
                            throw overLimit(0, "a Zstandard frame that decodes to more");
                        }
                    }
                }
            } catch (BadBlock e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                // aircompressor signals corrupt input with MalformedInputException and, on some inputs,
                // other runtime exceptions: all mean "not a valid frame" here
                throw new BadBlock(0, "a valid Zstandard frame", String.valueOf(e.getMessage()));
            }
        }
    }

    /** Types whose root table's field 0 is a vector of elements (events, IMU samples, triggers). */
    private static boolean isElementVector(String type) {
        return type.equals("EVTS") || type.equals("IMUS") || type.equals("TRIG");
    }

    /**
     * The flatbuffer of a decompressed packet ({@code b[0 .. n)}): checks its size prefix and that its identifier
     * is the stream's type, and returns the position of the length of its element vector (16-byte events for
     * {@code isEvents}), or -1 if it has none (no field 0, or a type without an element vector).
     */
    private static int elementVector(byte[] b, int n, Stream s, boolean isEvents) throws BadBlock {
        try {
            FlatBuf fb = new FlatBuf(b, 0, n);
            int prefix = fb.i32(0);
            if (prefix < 8 || prefix > n - 4) {
                throw new BadBlock(0, "a flatbuffer size prefix in [8, " + (n - 4) + "]", Integer.toString(prefix));
            }
            String id = fb.identifier(4);
            if (!id.equals(s.typeIdentifier())) {
                throw new BadBlock(0, "identifier '" + s.typeIdentifier() + "' of stream " + s.id(),
                        "'" + Reader.printable(id) + "'");
            }
            int root = fb.root(4);
            int f = fb.field(root, 0);
            if (f < 0 || !(isEvents || isElementVector(s.typeIdentifier()))) {
                return -1;
            }
            return fb.vector(f, isEvents ? EVENT_BYTES : 0);
        } catch (FlatBuf.FbException e) {
            throw new BadBlock(0, "a well-formed flatbuffer", e.getMessage());
        }
    }

    /**
     * Decodes {@code count} 16-byte events at {@code b[p ..]} into the arrays from index {@code start}, without
     * branches: every event is stored. Returns the number of events whose timestamp equals their predecessor's
     * (the first one's predecessor is {@code last}), or -1 if an event lies outside the {@code w x h} sensor (x
     * and y read as one int32 and compared unsigned: a negative int16 becomes >= 32768 > any size) or is earlier
     * than its predecessor.
     */
    private static long fastPass(byte[] b, int p, int count, int w, int h, long last, long[] t, short[] x, short[] y,
                                 boolean[] on, int start) {
        long ties = 0;
        int bad = 0;
        for (int k = 0; k < count; k++) {
            int q = p + EVENT_BYTES * k;
            long ti = (long) FlatBuf.I64.get(b, q);
            int xy = (int) FlatBuf.I32.get(b, q + 8);
            bad |= ((xy & 0xFFFF) >= w ? 1 : 0) | ((xy >>> 16) >= h ? 1 : 0) | (ti < last ? 1 : 0);
            ties += ti == last ? 1 : 0;
            t[start + k] = ti;
            x[start + k] = (short) xy;
            y[start + k] = (short) (xy >>> 16);
            on[start + k] = b[q + 12] != 0;
            last = ti;
        }
        return bad != 0 ? -1 : ties;
    }

    /**
     * The packets of {@link #readInto(byte[], ReadOptions, int, Events.Builder)} on several threads: located from
     * their headers (stopping where the sequential pass stops), decompressed and decoded on their own by the
     * helper threads of a {@link DecodeThreads} and by the calling thread, each claiming the next
     * packet in file order. The k-th event packet's events go straight into the builder's arrays at the position
     * the data table's k-th event-stream entry gives (the sum of the entries before it), and only if the packet
     * holds exactly that entry's number of events: the ranges of two packets never overlap and lie inside the
     * capacity reserved up front, whatever the table says. The sequential pass takes the packets in file order
     * ({@link #take}) and, while the one it needs is not ready, decodes the next unclaimed packet itself.
     */
    private static final class Parallel implements AutoCloseable {
        private final long[] offsets;
        private final int[] sizes;
        private final int[] streams;
        /** For an event packet: where its events go, relative to the builder's size at the start; else -1. */
        private final int[] positions;
        /** For an event packet: the event count the table declares (-1 = none); else unused. */
        private final int[] declared;
        private final int n;
        /** Per packet, once ready: its element count, or -1 (decode it in the sequential pass). */
        private final int[] counts;
        /** Per event packet, once ready: events equal in time to their predecessor, counted from Long.MIN_VALUE. */
        private final long[] ties;
        /** 1 once {@code counts[i]} (and {@code ties[i]}, and the events) are written. */
        private final AtomicIntegerArray ready;
        private final AtomicInteger claimed = new AtomicInteger();
        private final byte[] data;
        private final Header header;
        private final Stream events;
        private final int width;
        private final int height;
        private final long[] t;
        private final short[] x;
        private final short[] y;
        private final boolean[] on;
        /** The builder's size at the start. */
        private final int base;
        private final Decoder own;
        /** The helpers taking part, or null (fewer than two packets: the calling thread alone). */
        private final DecodeThreads pool;
        /** This read's number in {@link #pool}. */
        long id;
        /** Helpers inside {@link #help}; {@link #close} waits for none. */
        private final AtomicInteger busy = new AtomicInteger();
        private final Thread caller = Thread.currentThread();
        /** Index of the next packet the sequential pass takes. */
        private int cursor;
        private volatile boolean stop;
        /** True while the calling thread parks, waiting for a packet a helper is decoding (then it is woken). */
        private volatile boolean waiting;

        /**
         * Returns null (read on the calling thread) when the table declares no events for the event stream, or
         * more than {@link #initialCapacity} allows for the file; else grows {@code into} to hold the declared
         * events and starts the helpers.
         */
        static Parallel start(byte[] data, Header header, Map<Integer, Integer> index, List<TableEntry> table,
                              int width, int height, Decoder own, Events.Builder into, DecodeThreads pool) {
            Stream ev = header.eventStream();
            if (ev == null || table == null) {
                return null;
            }
            int[] declared = new int[table.size()];
            int entries = 0;
            long total = 0;
            for (int i = 0; i < table.size(); i++) {
                TableEntry e = table.get(i);
                if (e.streamId() == ev.id()) {
                    if (e.numElements() < 0 || e.numElements() > Integer.MAX_VALUE) {
                        return null;
                    }
                    declared[entries++] = (int) e.numElements();
                    total += e.numElements();
                }
            }
            // the table is untrusted: reserve no more than a sequential read would preallocate
            if (total == 0 || initialCapacity(total, data.length) < total) {
                return null;
            }
            into.ensureCapacity((int) total);
            return new Parallel(data, header, index, Arrays.copyOf(declared, entries), width, height, own, into,
                    pool);
        }

        private Parallel(byte[] data, Header header, Map<Integer, Integer> index, int[] declaredCounts,
                         int width, int height, Decoder own, Events.Builder into, DecodeThreads pool) {
            this.data = data;
            this.header = header;
            this.events = header.eventStream();
            this.width = width;
            this.height = height;
            this.own = own;
            this.t = into.t;
            this.x = into.x;
            this.y = into.y;
            this.on = into.on;
            this.base = into.size;
            int eventStream = index.get(events.id());
            List<long[]> found = new ArrayList<>();
            long tablePos = header.dataTablePosition();
            long at = MAGIC.length() + 4L + header.ioHeaderSize();
            int k = 0;
            long pos = 0;
            while (at + 8 <= data.length && (tablePos < 0 || at < tablePos)) {
                int streamId = Lz4Frame.le32(data, (int) at);
                int size = Lz4Frame.le32(data, (int) at + 4);
                long limitSize = tablePos >= 0 ? tablePos - at - 8 : MAX_BLOCK;
                if (size <= 0 || size > MAX_BLOCK || size > limitSize || at + 8 + size > data.length) {
                    break;
                }
                Integer si = index.get(streamId);
                if (si != null) {
                    long position = -1;
                    long count = -1;
                    if (si == eventStream && k < declaredCounts.length) {
                        count = declaredCounts[k++];
                        position = pos;
                        pos += count;
                    }
                    found.add(new long[] {at, size, si, position, count});
                }
                at += 8 + size;
            }
            n = found.size();
            offsets = new long[n];
            sizes = new int[n];
            streams = new int[n];
            positions = new int[n];
            declared = new int[n];
            for (int i = 0; i < n; i++) {
                long[] f = found.get(i);
                offsets[i] = f[0];
                sizes[i] = (int) f[1];
                streams[i] = (int) f[2];
                positions[i] = (int) f[3];
                declared[i] = (int) f[4];
            }
            counts = new int[n];
            ties = new long[n];
            ready = new AtomicIntegerArray(n);
            this.pool = n < 2 ? null : pool;
            if (this.pool != null) {
                this.pool.begin(this);
            }
        }

        /**
         * A helper thread's part: claims and decodes packets until none is left or the read ends. Returns the
         * decoder it used ({@code d} if it fits this file's compression and limit, else a new one).
         */
        Decoder help(Decoder d) {
            busy.incrementAndGet();
            try {
                // checked after entering: close() sets stop before it waits for busy to be 0, so a helper that
                // enters late sees stop and touches nothing
                if (stop) {
                    return d;
                }
                if (d == null || d.compression != header.compression() || d.limit != own.limit) {
                    d = new Decoder(header.compression(), own.limit);
                }
                while (!stop) {
                    int i = claimed.getAndIncrement();
                    if (i >= n) {
                        break;
                    }
                    decode(d, i);
                    if (waiting) {
                        LockSupport.unpark(caller);
                    }
                }
                return d;
            } finally {
                busy.decrementAndGet();
                if (stop) {
                    LockSupport.unpark(caller);
                }
            }
        }

        /** Decodes packet {@code i} on its own: its element count and, for events, the events in place. */
        private void decode(Decoder d, int i) {
            int count = -1;
            try {
                Stream s = header.streams().get(streams[i]);
                boolean isEvents = s == events;
                int m = d.decompress(data, (int) offsets[i] + 8, sizes[i]);
                byte[] b = d.out;
                int v = elementVector(b, m, s, isEvents);
                count = v < 0 ? 0 : (int) FlatBuf.I32.get(b, v);
                if (isEvents) {
                    if (count != declared[i] || positions[i] < 0) {
                        count = -1;
                    } else {
                        long tie = fastPass(b, v + 4, count, width, height, Long.MIN_VALUE, t, x, y, on,
                                base + positions[i]);
                        ties[i] = tie;
                        count = tie < 0 ? -1 : count;
                    }
                }
            } catch (BadBlock | RuntimeException | Error e) {
                count = -1; // decoded again, and reported, by the sequential pass
            } finally {
                counts[i] = count;
                ready.set(i, 1);
            }
        }

        /**
         * The index of the packet whose header is at {@code at}, once it is decoded; or -1 if it was not located
         * ahead (the sequential pass decodes it).
         */
        int take(long at) throws IOException {
            int i = cursor;
            while (i < n && offsets[i] < at) {
                i++;
            }
            cursor = i;
            if (i == n || offsets[i] != at) {
                return -1;
            }
            while (ready.get(i) == 0) {
                int j = claimed.get();
                if (j < n && claimed.compareAndSet(j, j + 1)) {
                    decode(own, j);
                } else if (j >= n) {
                    // the helper reads waiting after it marks a packet ready, so one of the two sees the other
                    waiting = true;
                    if (ready.get(i) == 0) {
                        LockSupport.parkNanos(this, 50_000L);
                    }
                    waiting = false;
                    if (Thread.interrupted()) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted while decoding AEDAT 4.0 packets");
                    }
                }
            }
            cursor = i + 1;
            return i;
        }

        /** Element count of a packet {@link #take} returned, or -1 if the sequential pass must decode it. */
        int count(int i) {
            return counts[i];
        }

        /** Where the events of event packet {@code i} are, in the builder. */
        int start(int i) {
            return base + positions[i];
        }

        /** Ties within event packet {@code i}, counted from Long.MIN_VALUE. */
        long ties(int i) {
            return ties[i];
        }

        /**
         * Stops the helpers and waits until none is inside {@link #help} (each finishes at most the packet it is
         * decoding); after this no helper writes to the builder's arrays. Idempotent.
         */
        @Override
        public void close() {
            stop = true;
            if (pool == null) {
                return;
            }
            while (busy.get() > 0) {
                LockSupport.parkNanos(this, 20_000L); // also woken by the helper leaving help()
            }
            pool.end();
        }
    }

    private static List<TableEntry> parseTable(byte[] b, int n) throws BadBlock {
        try {
            FlatBuf fb = new FlatBuf(b, 0, n);
            int size = fb.i32(0);
            if (size < 8 || size > n - 4) {
                throw new BadBlock(0, "a size prefix <= " + (n - 4), Integer.toString(size));
            }
            String id = fb.identifier(4);
            if (!id.equals("FTAB")) {
                throw new BadBlock(0, "identifier FTAB", "'" + id + "'");
            }
            int root = fb.root(4);
            int f = fb.field(root, 0);
            if (f < 0) {
                return List.of();
            }
            int v = fb.vector(f, 4);
            int count = fb.i32(v);
            List<TableEntry> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int t = fb.deref(v + 4 + 4 * i);
                int p0 = fb.field(t, 0);
                int p1 = fb.field(t, 1);
                int p2 = fb.field(t, 2);
                int p3 = fb.field(t, 3);
                int p4 = fb.field(t, 4);
                list.add(new TableEntry(p0 < 0 ? 0 : fb.i64(p0), p1 < 0 ? 0 : fb.i32(p1), p1 < 0 ? 0 : fb.i32(p1 + 4),
                        p2 < 0 ? 0 : fb.i64(p2), p3 < 0 ? 0 : fb.i64(p3), p4 < 0 ? 0 : fb.i64(p4)));
            }
            return list;
        } catch (FlatBuf.FbException e) {
            // positions inside the (decompressed) table are in the message; the fault's offset is the table's
            throw new BadBlock(0, "a well-formed FileDataTable flatbuffer", e.getMessage());
        }
    }

    /**
     * A streaming AEDAT 4.0 reader: {@link #next()} returns the events of the next EVTS packet. Also exposes the
     * header, per-stream packet and element counts and, once the end is reached, the FileDataTable. Not
     * thread-safe.
     */
    public static final class Reader implements EventReader {
        private final AerInput in;
        private final ReadReport.Counter c;
        private final ReadOptions opts;
        private Header header;
        private Decoder decoder;
        private int width;
        private int height;
        private Stream events;
        private final Map<Integer, Integer> index = new HashMap<>();
        private long[] packetCounts = new long[0];
        private long[] elementCounts = new long[0];
        private List<TableEntry> table;
        private boolean done;
        /** Packet bytes that the input could not hand over in place ({@link AerInput#view}); grows as needed. */
        private byte[] packet = new byte[0];
        private final byte[] packetHeader = new byte[8];
        /** When set (by {@link #readAll}), event packets are decoded straight into it. */
        private Events.Builder sink;
        private Events noEvents;
        private long lastT = Long.MIN_VALUE;
        /** Index (from 0) of the packet being read; -1 before the first. */
        private long packetIndex = -1;
        /** Packets decoded ahead by other threads (several-thread {@link Aedat4#readInto}), or null. */
        private Parallel parallel;
        /** The data table parsed ahead of the packets ({@link #tableAhead}), or null. */
        private List<TableEntry> tableAhead;

        /** {@code headerOnly >= 0}: only parse the header (internal use). */
        Reader(AerInput in, ReadOptions opts, int headerOnly) throws IOException {
            this.in = in;
            this.opts = Objects.requireNonNull(opts, "opts");
            this.c = new ReadReport.Counter(opts.mode());
            this.width = opts.hasSensor() ? opts.sensorWidth() : 1;
            this.height = opts.hasSensor() ? opts.sensorHeight() : 1;
            try {
                readHeader();
            } catch (AerFormatException e) {
                if (c.strict() || headerOnly >= 0) {
                    throw e;
                }
                c.fault(e);
                c.droppedBytes += in.position() + in.drain();
                done = true;
                return;
            }
        }

        private void readHeader() throws IOException {
            byte[] magic = new byte[MAGIC.length()];
            int got = in.read(magic, 0, magic.length);
            String m = new String(magic, 0, got, StandardCharsets.ISO_8859_1);
            if (!m.equals(MAGIC)) {
                throw new AerFormatException(0, "magic", "'#!AER-DAT4.0\\r\\n'", "'" + printable(m) + "'");
            }
            byte[] four = new byte[4];
            long at = in.position();
            if (in.read(four, 0, 4) < 4) {
                throw new AerFormatException(at, "ioHeaderSize", "an int32", "end of file");
            }
            int size = Lz4Frame.le32(four, 0);
            if (size < 12 || size > MAX_BLOCK) {
                throw new AerFormatException(at, "ioHeaderSize", "a size in [12, " + MAX_BLOCK + "]", Integer.toString(size));
            }
            long base = in.position();
            byte[] hb = in.readGrowing(new byte[Math.min(size, 1 << 16)], size);
            int n = in.lastRead;
            if (n < size) {
                throw new AerFormatException(base + n, "IOHeader", size + " bytes", n + " bytes before the end of file");
            }
            FlatBuf fb = new FlatBuf(hb, 0, size);
            Compression comp;
            long tablePos;
            String xml;
            try {
                String id = fb.identifier(0);
                if (!id.equals("IOHE")) {
                    throw new AerFormatException(base + 4, "IOHeader identifier", "'IOHE'", "'" + printable(id) + "'");
                }
                int root = fb.root(0);
                int f0 = fb.field(root, 0);
                int ci = f0 < 0 ? 0 : fb.i32(f0);
                if (ci < 0 || ci >= Compression.values().length) {
                    throw new AerFormatException(base + f0, "compression", "0..4 (None, LZ4, LZ4 high, Zstd, Zstd high)",
                            Integer.toString(ci));
                }
                comp = Compression.values()[ci];
                int f1 = fb.field(root, 1);
                tablePos = f1 < 0 ? -1 : fb.i64(f1);
                long dataStart = base + size;
                if (tablePos != -1 && tablePos < dataStart) {
                    throw new AerFormatException(base + f1, "dataTablePosition", "-1 or an offset >= " + dataStart,
                            Long.toString(tablePos));
                }
                int f2 = fb.field(root, 2);
                if (f2 < 0) {
                    throw new AerFormatException(base, "description", "an XML stream description", "none");
                }
                xml = fb.string(f2);
            } catch (FlatBuf.FbException e) {
                throw new AerFormatException(base + e.pos, "IOHeader", "a well-formed flatbuffer", e.getMessage());
            }
            List<Stream> streams = parseDescription(xml, base);
            header = new Header(size, comp, tablePos, xml, streams);
            decoder = new Decoder(comp, opts.maxDecompressedBytes());
            packetCounts = new long[streams.size()];
            elementCounts = new long[streams.size()];
            for (int i = 0; i < streams.size(); i++) {
                index.put(streams.get(i).id(), i);
            }
            events = header.eventStream();
            if (events != null && !opts.hasSensor()) {
                width = events.sizeX();
                height = events.sizeY();
            }
        }

        /** The tree of {@code xml} parsed by the JDK parser (secure processing, no DTD). */
        static DvXml parseXml(String xml) throws Exception {
            DocumentBuilder db;
            synchronized (XML) {
                db = XML.newDocumentBuilder();
            }
            db.setErrorHandler(null);
            Document doc = db.parse(new InputSource(new StringReader(xml)));
            return DvXml.of(doc.getDocumentElement());
        }

        static String printable(String s) {
            return s.replaceAll("[^\\x20-\\x7e]", "?");
        }

        /**
         * The streams of the description: DV's plain XML read by {@link DvXml#parseSimple}, anything else by the
         * JDK parser (which judges and reports malformed XML).
         */
        private static List<Stream> parseDescription(String xml, long at) throws AerFormatException {
            DvXml root = DvXml.parseSimple(xml);
            if (root == null) {
                try {
                    root = parseXml(xml);
                } catch (Exception e) {
                    throw new AerFormatException(at, "description", "well-formed XML", String.valueOf(e.getMessage()));
                }
            }
            if (!root.tag().equals("dv")) {
                throw new AerFormatException(at, "description", "a <dv> root element", "<" + root.tag() + ">");
            }
            DvXml outInfo = child(root, "outInfo");
            if (outInfo == null) {
                throw new AerFormatException(at, "description", "an 'outInfo' node listing the streams", "none");
            }
            List<Stream> streams = new ArrayList<>();
            Set<Integer> ids = new HashSet<>();
            for (int i = 0; i < outInfo.kids().size(); i++) {
                DvXml s = outInfo.kids().get(i);
                if (!s.tag().equals("node")) {
                    continue;
                }
                String name = s.attr("name");
                int id;
                try {
                    id = Integer.parseInt(name);
                } catch (NumberFormatException e) {
                    throw new AerFormatException(at, "stream id", "an integer node name under outInfo", "'" + name + "'");
                }
                if (!ids.add(id)) {
                    throw new AerFormatException(at, "stream id", "unique stream ids", "duplicate id " + id);
                }
                String type = attr(s, "typeIdentifier");
                if (type == null || type.length() != 4) {
                    throw new AerFormatException(at, "typeIdentifier", "a 4-character type for stream " + id,
                            String.valueOf(type));
                }
                DvXml info = child(s, "info");
                String sx = info == null ? null : attr(info, "sizeX");
                String sy = info == null ? null : attr(info, "sizeY");
                String src = info == null ? null : attr(info, "source");
                int w = 0;
                int h = 0;
                boolean needsSize = type.equals("EVTS") || type.equals("FRME");
                if (needsSize || sx != null || sy != null) {
                    w = parseSize(sx, "sizeX", id, at);
                    h = parseSize(sy, "sizeY", id, at);
                }
                streams.add(new Stream(id, type, w, h, src == null ? "" : src));
            }
            return streams;
        }

        private static int parseSize(String v, String field, int id, long at) throws AerFormatException {
            try {
                int n = Integer.parseInt(String.valueOf(v).trim());
                if (n >= 1 && n <= Short.MAX_VALUE) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new AerFormatException(at, field, "an integer in [1, 32767] for stream " + id, String.valueOf(v));
        }

        private static DvXml child(DvXml parent, String name) {
            for (int i = 0; i < parent.kids().size(); i++) {
                DvXml k = parent.kids().get(i);
                if (k.tag().equals("node") && name.equals(k.attr("name"))) {
                    return k;
                }
            }
            return null;
        }

        private static String attr(DvXml parent, String key) {
            for (int i = 0; i < parent.kids().size(); i++) {
                DvXml k = parent.kids().get(i);
                if (k.tag().equals("attr") && key.equals(k.attr("key"))) {
                    return k.text();
                }
            }
            return null;
        }

        /**
         * Parses the data table of {@code data} (the whole file this reader reads) ahead of the packets and keeps
         * it, so that {@link #readTable} does not decompress it again; returns it, or null if the file has none
         * or it is faulty (then the read reports the fault in its turn). Uses this reader's header.
         */
        List<TableEntry> tableAhead(byte[] data) {
            long pos = header == null ? -1 : header.dataTablePosition();
            if (pos < 0 || pos >= data.length || data.length - pos > MAX_BLOCK) {
                return null;
            }
            try {
                Decoder d = new Decoder(header.compression(), opts.maxDecompressedBytes());
                int n = d.decompress(data, (int) pos, data.length - (int) pos);
                tableAhead = parseTable(d.out, n);
                return tableAhead;
            } catch (BadBlock e) {
                return null;
            }
        }

        /** The number of events of the first EVTS stream according to {@code table}, or -1 if unknown. */
        long expectedEvents(List<TableEntry> table) {
            Stream ev = header == null ? null : header.eventStream();
            return ev == null || table == null ? -1 : sum(table, ev.id());
        }

        /** Reads every remaining event packet straight into one list (no per-packet arrays). */
        @Override
        public AerRecording readAll() throws IOException {
            return readAll(1024);
        }

        AerRecording readAll(int capacity) throws IOException {
            Events.Builder b = Events.builder(width, height, capacity);
            ReadReport r = readInto(b, null, null);
            return new AerRecording(AerFormat.AEDAT4, b.buildAndRelease(), r);
        }

        /**
         * Reads every remaining event packet into {@code b}; {@code data} is the whole file when it is held in
         * memory (then {@code pool} may decode packets ahead), else null; {@code pool} null: this thread alone.
         */
        ReadReport readInto(Events.Builder b, byte[] data, DecodeThreads pool) throws IOException {
            noEvents = Events.empty(width, height);
            sink = b;
            try {
                if (pool != null && pool.threads() > 1 && data != null && header != null) {
                    parallel = Parallel.start(data, header, index, tableAhead, width, height, decoder, b, pool);
                }
                while (next() != null) {
                    // decoded into b
                }
            } finally {
                sink = null;
                if (parallel != null) {
                    parallel.close();
                    parallel = null;
                }
            }
            return report();
        }

        /** The file header, or null if it could not be read (lenient mode). */
        public Header header() {
            return header;
        }

        /** Packets read so far for stream {@code id} (0 for an unknown id). */
        public long packetCount(int id) {
            Integer i = index.get(id);
            return i == null ? 0 : packetCounts[i];
        }

        /** Elements (events, IMU samples, triggers ...) in the packets read so far for stream {@code id}. */
        public long elementCount(int id) {
            Integer i = index.get(id);
            return i == null ? 0 : elementCounts[i];
        }

        /** The FileDataTable, once {@link #next()} has returned null; null if the file has none. */
        public List<TableEntry> dataTable() {
            return table == null ? null : Collections.unmodifiableList(table);
        }

        @Override
        public AerFormat format() {
            return AerFormat.AEDAT4;
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
            final byte[] ph = this.packetHeader;
            while (!done) {
                long at = in.position();
                long tablePos = header.dataTablePosition();
                if (tablePos >= 0 && at >= tablePos) {
                    if (at > tablePos) {
                        c.droppedRecords++;
                        if (c.detail()) c.fault(new AerFormatException(at, "packet", "packets to end exactly at dataTablePosition "
                                + tablePos, "a packet ending at " + at));
                        in.drain();
                        done = true;
                        return null;
                    }
                    readTable(at);
                    done = true;
                    return null;
                }
                int got = in.read(ph, 0, 8);
                if (got == 0) {
                    if (tablePos >= 0) {
                        c.missingBytes += tablePos - at;
                        if (c.detail()) c.fault(new AerFormatException(at, "FileDataTable", "a table at offset " + tablePos,
                                "end of file"));
                    }
                    done = true;
                    return null;
                }
                if (got < 8) {
                    c.droppedBytes += got;
                    c.missingBytes += Math.max(0, tablePos >= 0 ? tablePos - at - got : 8 - got);
                    if (c.detail()) c.fault(new AerFormatException(at, "packet header", "8 bytes", got + " bytes before the end of file"));
                    done = true;
                    return null;
                }
                int streamId = Lz4Frame.le32(ph, 0);
                int size = Lz4Frame.le32(ph, 4);
                packetIndex++;
                long limit = tablePos >= 0 ? tablePos - at - 8 : MAX_BLOCK;
                if (size <= 0 || size > MAX_BLOCK || size > limit) {
                    long rest = in.drain();
                    c.droppedBytes += 8 + rest;
                    if (c.detail()) c.fault(new AerFormatException(at + 4, "packet size", "a size in [1, " + Math.min(MAX_BLOCK, limit)
                            + "]", Integer.toString(size)));
                    done = true;
                    return null;
                }
                // the packet's bytes: in place when the input holds them contiguously (always for a byte array),
                // else copied into the reusable packet buffer; uncompressed packets are always copied (their
                // flatbuffer is read from index 0)
                byte[] src;
                int srcOff = header.compression() == Compression.NONE ? -1 : in.view(size);
                int n = size;
                if (srcOff >= 0) {
                    src = in.viewArray();
                } else {
                    packet = in.readGrowing(packet, size);
                    n = in.lastRead;
                    src = packet;
                    srcOff = 0;
                }
                if (n < size) {
                    c.droppedBytes += 8 + n;
                    c.missingBytes += (tablePos >= 0 ? tablePos : at + 8 + size) - (at + 8 + n);
                    if (c.detail()) c.fault(new AerFormatException(at + 8 + n, "packet", size + " bytes of stream " + streamId,
                            n + " bytes before the end of file"));
                    done = true;
                    return null;
                }
                Integer si = index.get(streamId);
                if (si == null) {
                    c.droppedRecords++;
                    c.droppedBytes += 8 + size;
                    if (c.detail()) c.fault(new AerFormatException(at, "streamId", "one of the described streams " + index.keySet(),
                            Integer.toString(streamId)));
                    continue;
                }
                c.packets++;
                Stream s = header.streams().get(si);
                boolean isEvents = s == events;
                Events e;
                int before = sink != null ? sink.size : 0;
                try {
                    int i = parallel == null ? -1 : parallel.take(at);
                    if (i >= 0 && addDecoded(i, si, isEvents)) {
                        e = isEvents ? noEvents : null;
                    } else {
                        if (isEvents && parallel != null) {
                            // this packet's events go where the sequential pass puts them, which may be where
                            // the helpers put later packets': from here on, decode alone
                            parallel.close();
                            parallel = null;
                        }
                        e = decodePacket(s, src, srcOff, size, at, isEvents, si);
                    }
                } catch (BadBlock b) {
                    c.droppedRecords++;
                    c.droppedBytes += 8 + size;
                    if (c.detail()) c.fault(new AerFormatException(at + 8 + b.pos, "packet " + packetIndex + " (stream "
                            + streamId + ", " + size + " bytes at offset " + at + ")", b.expected, b.actual));
                    continue;
                }
                packetCounts[si]++;
                if (isEvents) {
                    c.events += sink != null ? sink.size - before : e.size;
                    return e;
                }
                c.skippedPackets++;
            }
            return null;
        }

        private Events decodePacket(Stream s, byte[] src, int srcOff, int size, long at, boolean isEvents, int si)
                throws BadBlock, AerFormatException {
            int n = decoder.decompress(src, srcOff, size);
            byte[] b = decoder.out;
            int v = elementVector(b, n, s, isEvents);
            if (v < 0) {
                return isEvents ? Events.empty(width, height) : null;
            }
            int count = (int) FlatBuf.I32.get(b, v);
            elementCounts[si] += count;
            return isEvents ? decodeEvents(b, v + 4, count, at) : null;
        }

        /**
         * Takes packet {@code i} as {@link Parallel} decoded it, if that is exactly what {@link #decodePacket}
         * would give: a packet without elements, or events that are all inside the sensor, in time order
         * (including against the previous packet's last event) and already where the sink's next events go.
         * Returns false otherwise (the caller then decodes the packet here, which reports its faults in file
         * order).
         */
        private boolean addDecoded(int i, int si, boolean isEvents) {
            int count = parallel.count(i);
            if (count < 0) {
                return false;
            }
            if (!isEvents || count == 0) {
                elementCounts[si] += count;
                return true;
            }
            Events.Builder b = sink;
            int start = parallel.start(i);
            long first = b.t[start];
            if (b.size != start || first < lastT) {
                return false;
            }
            b.size = start + count;
            // the packet counted ties from Long.MIN_VALUE; the sequential pass counts them from lastT
            c.equalTimes += parallel.ties(i) - (first == Long.MIN_VALUE ? 1 : 0) + (first == lastT ? 1 : 0);
            lastT = b.t[start + count - 1];
            elementCounts[si] += count;
            return true;
        }

        private Events decodeEvents(byte[] b, int p, int count, long at) throws AerFormatException {
            final Events.Builder sink = this.sink;
            final long[] t;
            final short[] x;
            final short[] y;
            final boolean[] on;
            final int start;
            if (sink != null) {
                sink.ensureCapacity(count);
                t = sink.t;
                x = sink.x;
                y = sink.y;
                on = sink.on;
                start = sink.size;
            } else {
                t = new long[count];
                x = new short[count];
                y = new short[count];
                on = new boolean[count];
                start = 0;
            }
            final int w = width;
            final int h = height;
            long last = lastT;
            long ties = 0;
            // the fast pass stores every event; if one was bad, the general loop below decodes the packet again
            long fast = fastPass(b, p, count, w, h, last, t, x, y, on, start);
            int o = start + count;
            int k = count;
            if (fast >= 0) {
                ties = fast;
                last = count > 0 ? t[start + count - 1] : last;
            } else {
                o = start;
                k = 0;
            }
            // the general loop (the whole packet after a bad fast pass): faults counted, bad events dropped
            for (; k < count; k++, p += EVENT_BYTES) {
                long ti = (long) FlatBuf.I64.get(b, p);
                int xi = (short) FlatBuf.I16.get(b, p + 8);
                int yi = (short) FlatBuf.I16.get(b, p + 10);
                if (xi < 0 || xi >= w || yi < 0 || yi >= h || ti < last) {
                    if (xi < 0 || xi >= w || yi < 0 || yi >= h) {
                        c.outOfRange++;
                        if (c.detail()) c.fault(new AerFormatException(at, xi < 0 || xi >= w ? "x" : "y", "coordinates inside the "
                                + w + "x" + h + " sensor (event " + k + " of the packet)", "(" + xi + ", " + yi + ")"));
                        continue;
                    }
                    c.backwardsTime++;
                    if (c.detail()) c.fault(new AerFormatException(at, "timestamp", "a time >= the previous event's " + last
                            + " us (event " + k + " of the packet)", ti + " us"));
                }
                if (ti == last) {
                    ties++;
                }
                t[o] = ti;
                x[o] = (short) xi;
                y[o] = (short) yi;
                on[o] = b[p + 12] != 0;
                o++;
                last = ti;
            }
            lastT = last;
            c.equalTimes += ties;
            if (sink != null) {
                sink.size = o;
                return noEvents;
            }
            Events e = new Events(w, h, o, t, x, y, on);
            return o == count ? e : e.slice(0, o);
        }

        private void readTable(long at) throws IOException {
            List<TableEntry> t = tableAhead; // parsed ahead from the same bytes (a file in memory)
            if (t != null) {
                in.drain();
            } else {
                byte[] raw = in.readAllRemaining(MAX_BLOCK);
                if (raw == null) {
                    long rest = in.drain();
                    c.droppedBytes += rest;
                    if (c.detail()) c.fault(new AerFormatException(at, "FileDataTable", "at most " + MAX_BLOCK + " bytes", "more"));
                    return;
                }
                try {
                    int n = decoder.decompress(raw, 0, raw.length);
                    t = parseTable(decoder.out, n);
                } catch (BadBlock b) {
                    c.droppedBytes += raw.length;
                    if (c.detail()) c.fault(new AerFormatException(at + b.pos, "FileDataTable", b.expected, b.actual));
                    return;
                }
            }
            table = t;
            long[] packets = new long[packetCounts.length];
            long[] elements = new long[packetCounts.length];
            boolean cleanBefore = c.isClean();
            if (events != null) {
                // events the table declares for the event stream but that were not decoded (damaged packets);
                // the comparison below reports the disagreement as a fault
                long declared = sum(t, events.id());
                long decoded = elementCounts[index.get(events.id())];
                if (declared > decoded) {
                    c.missingEvents += declared - decoded;
                }
            }
            for (int i = 0; i < t.size(); i++) {
                Integer si = index.get(t.get(i).streamId());
                if (si == null) {
                    if (c.detail()) c.fault(new AerFormatException(at, "FileDataTable", "entries for described streams only",
                            "stream " + t.get(i).streamId()));
                    return;
                }
                packets[si]++;
                elements[si] += t.get(i).numElements();
            }
            if (cleanBefore) {
                for (int si = 0; si < packets.length; si++) {
                    Stream s = header.streams().get(si);
                    boolean check = isElementVector(s.typeIdentifier());
                    if (packets[si] != packetCounts[si] || (check && elements[si] != elementCounts[si])) {
                        if (c.detail()) c.fault(new AerFormatException(at, "FileDataTable", "stream " + s.id() + ": " + packetCounts[si]
                                + " packets and " + elementCounts[si] + " elements as read", packets[si]
                                + " packets and " + elements[si] + " elements"));
                        return;
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
