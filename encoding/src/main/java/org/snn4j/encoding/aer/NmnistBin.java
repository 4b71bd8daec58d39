package org.snn4j.encoding.aer;

import org.snn4j.internal.Checks;
import org.snn4j.internal.kernel.VectorApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * N-MNIST / N-Caltech101 {@code .bin} files (Orchard et al. 2015, "Converting static image datasets to spiking
 * neuromorphic datasets using saccades", Front. Neurosci. 9:437, doi:10.3389/fnins.2015.00437).
 *
 * <p>No header. Each event is 5 bytes, 40 bits MSB first: byte 0 = x (uint8), byte 1 = y (uint8), bit 23 =
 * polarity (1 = ON), bits 22-0 = timestamp in microseconds: {@code t = ((b2 & 0x7F) << 16) | (b3 << 8) | b4}.
 * N-MNIST is 34x34 (the default sensor); N-Caltech101 sizes vary per file, pass them with
 * {@link ReadOptions#withSensor}.
 *
 * <p><b>Overflow markers.</b> Bit-compatible with tonic / gorchard's event-Python reader: a record with
 * {@code y == 240} is a timestamp-overflow marker; it is dropped and 8192 us (2^13) is added to every later
 * timestamp. This is inconsistent with a 23-bit counter (which would overflow at 2^23) and gorchard's Matlab
 * reader ignores markers; no known N-MNIST file holds one. Markers are counted in
 * {@link ReadReport#overflowMarkers()}. Consequently a sensor taller than 240 rows cannot use row 240.
 *
 * <p>Faults: a length that is not a multiple of 5 (the partial tail), x or y outside the sensor, and a
 * timestamp smaller than the previous one. Strict mode throws {@link AerFormatException} at the first; lenient
 * mode drops the tail and out-of-range events and keeps backwards events, counting each.
 *
 * <p>Stateless; all methods are thread-safe (readers returned by {@link #open} are not).
 */
public final class NmnistBin {
    /** Bytes per event record. */
    public static final int RECORD_BYTES = 5;
    /** N-MNIST sensor width and height. */
    public static final int NMNIST_SIZE = 34;
    /** Largest timestamp one record can hold, 2^23 - 1 us. */
    public static final int MAX_TIMESTAMP = (1 << 23) - 1;
    /** The row value that marks a timestamp overflow. */
    public static final int OVERFLOW_Y = 240;
    /** Microseconds added after each overflow marker (tonic-compatible). */
    public static final long OVERFLOW_US = 1 << 13;

    private NmnistBin() {
    }

    private static int width(ReadOptions o) {
        return o.hasSensor() ? o.sensorWidth() : NMNIST_SIZE;
    }

    private static int height(ReadOptions o) {
        return o.hasSensor() ? o.sensorHeight() : NMNIST_SIZE;
    }

    /**
     * Decodes a whole file held in memory.
     *
     * @param data the file bytes; not modified
     * @param opts mode and sensor size (default 34x34)
     * @throws AerFormatException in strict mode at the first fault
     */
    public static AerRecording read(byte[] data, ReadOptions opts) throws AerFormatException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(opts, "opts");
        Events.Builder b = Events.builder(width(opts), height(opts), data.length / RECORD_BYTES);
        ReadReport r = readInto(data, 0, data.length, opts, b);
        return new AerRecording(AerFormat.NMNIST_BIN, b.buildAndRelease(), r);
    }

    /**
     * Decodes the file held in {@code data[offset, offset + length)} and appends its events to {@code into}
     * (the fastest path: with a builder that is {@linkplain Events.Builder#clear() cleared} and reused, decoding
     * file after file allocates nothing per event once its capacity suffices). Byte offsets in errors and
     * reports count from {@code data[offset]}, the start of the file. The bytes after {@code offset + length}
     * are never decoded (up to 3 of them may be read and discarded).
     *
     * @param data   holds the file bytes; not modified
     * @param offset where the file starts in {@code data}
     * @param length the file's length in bytes
     * @param opts   mode and sensor size (default 34x34)
     * @param into   receives the events; its sensor must be the one {@code opts} names
     * @return what the reader saw in this file ({@code events()} = the number of events appended)
     * @throws AerFormatException        in strict mode at the first fault; then nothing is appended
     * @throws IllegalArgumentException  if {@code into}'s sensor is not the one {@code opts} names
     * @throws IndexOutOfBoundsException if {@code [offset, offset + length)} is not inside {@code data}
     */
    public static ReadReport readInto(byte[] data, int offset, int length, ReadOptions opts, Events.Builder into)
            throws AerFormatException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(opts, "opts");
        Objects.requireNonNull(into, "into");
        Objects.checkFromIndexSize(offset, length, data.length);
        int w = width(opts);
        int h = height(opts);
        if (into.width() != w || into.height() != h) {
            throw new IllegalArgumentException("into is a builder for a " + into.width() + "x" + into.height()
                    + " sensor, but the options name a " + w + "x" + h + " sensor");
        }
        int n = length / RECORD_BYTES;
        into.ensureCapacity(n);
        Decoder d = new Decoder(w, h, new ReadReport.Counter(opts.mode()));
        int start = into.size;
        int count = d.decode(data, offset, n, 0L, into.t, into.x, into.y, into.on, start);
        d.tail(length - n * RECORD_BYTES, (long) n * RECORD_BYTES);
        into.size = start + count; // only now: a strict-mode fault leaves the builder as it was
        d.c.events = count;
        return d.c.snapshot();
    }

    /** Reads a whole file (see {@link #read(byte[], ReadOptions)}). */
    public static AerRecording read(Path file, ReadOptions opts) throws IOException {
        Objects.requireNonNull(file, "file");
        long size = Files.size(file);
        if (size <= Integer.MAX_VALUE - 64) {
            return read(Files.readAllBytes(file), opts);
        }
        try (EventReader r = open(Files.newInputStream(file), opts)) {
            return r.readAll();
        }
    }

    /**
     * Opens a streaming reader over {@code in}; each {@link EventReader#next()} decodes up to
     * {@link ReadOptions#chunkEvents()} records. Closing the reader closes {@code in}.
     */
    public static EventReader open(InputStream in, ReadOptions opts) {
        return new Reader(new AerInput(in, 0), opts);
    }

    /** Opens a streaming reader over a channel (see {@link #open(InputStream, ReadOptions)}). */
    public static EventReader open(ReadableByteChannel ch, ReadOptions opts) {
        return open(Channels.newInputStream(ch), opts);
    }

    /**
     * Encodes events as N-MNIST records, in order.
     *
     * @param events events with {@code x <= 255}, {@code y <= 255}, {@code y != 240} and timestamps in
     *               {@code [0, 2^23 - 1]}; not modified
     * @return the file bytes, {@code 5 * events.size()} long
     * @throws IllegalArgumentException naming the first event that cannot be encoded
     */
    public static byte[] toBytes(Events events) {
        Objects.requireNonNull(events, "events");
        int n = events.size;
        byte[] b = new byte[Checks.arraySize("N-MNIST file: 5 bytes x events", RECORD_BYTES, n)];
        for (int i = 0; i < n; i++) {
            int x = events.x[i];
            int y = events.y[i];
            long t = events.t[i];
            if (x > 255) {
                throw new IllegalArgumentException("event " + i + ": x must be <= 255 for N-MNIST, got " + x);
            }
            if (y > 255 || y == OVERFLOW_Y) {
                throw new IllegalArgumentException("event " + i + ": y must be <= 255 and != 240 (overflow marker), got " + y);
            }
            if (t < 0 || t > MAX_TIMESTAMP) {
                throw new IllegalArgumentException("event " + i + ": t must be in [0, " + MAX_TIMESTAMP + "] us, got " + t);
            }
            int k = i * RECORD_BYTES;
            b[k] = (byte) x;
            b[k + 1] = (byte) y;
            b[k + 2] = (byte) ((events.on[i] ? 0x80 : 0) | (int) (t >>> 16));
            b[k + 3] = (byte) (t >>> 8);
            b[k + 4] = (byte) t;
        }
        return b;
    }

    /** Writes {@link #toBytes(Events)} to {@code out} (not closed). */
    public static void write(Events events, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        out.write(toBytes(events));
    }

    /**
     * The polarity of a record by its third byte (bit 7 = ON): the group loop stores {@code POLARITY[b2]}, one
     * load, where {@code (b2 & 0x80) != 0} costs C2 (JDK 17) a test, a set and a zero-extension per event.
     */
    private static final boolean[] POLARITY = new boolean[256];

    static {
        for (int i = 128; i < 256; i++) {
            POLARITY[i] = true;
        }
    }

    private static final java.lang.invoke.VarHandle BE32 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle BE64 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /**
     * A replacement for {@link Decoder}'s scalar group loop: decodes up to {@code count} groups of 8 records from
     * {@code b[i]} into the arrays from {@code out} while no record of a group needs a check (x or y outside the
     * fast range, a marker, a time before the previous one), updating {@link Decoder#lastT} and the tie count
     * exactly as the scalar loop does; returns the number of records decoded (a multiple of 8: a group that needs
     * a check is left to the scalar loops, whose stores it may precede). Reads only {@code b[i, i + 40 count)}.
     */
    interface GroupKernel {
        int groups(Decoder d, byte[] b, int i, int count, long[] t, short[] x, short[] y, boolean[] on, int out);
    }

    /**
     * The group kernel every decoder uses: the Vector API one ({@link NmnistVectorGroups}) when
     * {@link VectorApi#chosen()} (JDK 21+ with {@code --add-modules jdk.incubator.vector}), else none (the scalar
     * loop).
     */
    static final GroupKernel KERNEL = VectorApi.chosen() ? loadVectorKernel() : null;

    private static GroupKernel loadVectorKernel() {
        // by name, so that NmnistBin loads on JVMs without the incubator module; null (the scalar loop) with
        // VectorApi's warning, as for core's kernels, if it cannot be loaded
        return VectorApi.load("the Vector API N-MNIST group loop", () -> (GroupKernel) Class.forName(
                "org.snn4j.encoding.aer.NmnistVectorGroups").getDeclaredConstructor().newInstance(), null);
    }

    /** The decoding loop and its state, shared by the whole-file and the streaming paths. */
    static final class Decoder {
        final int w;
        final int h;
        final int hFast;
        final ReadReport.Counter c;
        /** Replaces {@link #groups} when not null. */
        final GroupKernel kernel;
        long lastT = Long.MIN_VALUE;
        long overflow;

        Decoder(int w, int h, ReadReport.Counter c) {
            this(w, h, c, KERNEL);
        }

        Decoder(int w, int h, ReadReport.Counter c, GroupKernel kernel) {
            Events.checkSensor(w, h);
            this.w = w;
            this.h = h;
            this.hFast = Math.min(h, OVERFLOW_Y);
            this.c = c;
            this.kernel = kernel;
        }

        /**
         * Decodes {@code n} records starting at {@code b[off]} into the arrays from {@code pos}; returns the
         * number of events written. {@code fileOffset} is the file offset of {@code b[off]}.
         *
         * <p>Two fast loops, then one careful one. {@link #groups} takes 8 records (40 bytes) per step; the
         * record loop reads each remaining record with one 8-byte load (the record and 3 bytes of the next,
         * shifted out) through {@link #put}. Both leave at the first record that is a marker, out of range or
         * backwards in time, or (the record loop) whose 8-byte load would pass the end of {@code b};
         * {@link #careful} then decodes that one record (or the last records) with every check, and the fast
         * loops resume. With a {@link #kernel} (the Vector API one), the kernel replaces {@link #groups}: it
         * leaves a whole group that holds such a record to the record loop.
         */
        int decode(byte[] b, int off, int n, long fileOffset, long[] t, short[] x, short[] y, boolean[] on, int pos)
                throws AerFormatException {
            // records whose 8-byte read stays inside b
            final int wide = b.length - off < 8 ? 0 : Math.min(n, (b.length - off - 8) / RECORD_BYTES + 1);
            int out = pos;
            int k = 0;
            while (k < n) {
                int g = kernel != null
                        ? kernel.groups(this, b, off + k * RECORD_BYTES, (n - k) >>> 3, t, x, y, on, out)
                        : groups(b, off + k * RECORD_BYTES, (n - k) >>> 3, t, x, y, on, out);
                k += g;
                out += g;
                final int w = this.w;
                final int hf = this.hFast;
                final long add = overflow;
                long last = lastT;
                long ties = 0;
                final int delta = out - k;
                for (; k < wide; k++) {
                    long ti = put((long) BE64.get(b, off + k * RECORD_BYTES) >>> 24, delta + k, t, x, y, on, last, add, w, hf);
                    if (ti < 0) {
                        break;
                    }
                    ties += ti == last ? 1 : 0;
                    last = ti;
                }
                out = delta + k;
                lastT = last;
                c.equalTimes += ties;
                if (k == n) {
                    break;
                }
                // a marker, fault or backwards time at record k, or the records the 8-byte load cannot reach
                int to = k < wide ? k + 1 : n;
                out = careful(b, off, k, to, fileOffset, t, x, y, on, out);
                k = to;
            }
            return out - pos;
        }

        /**
         * Decodes up to {@code count} groups of 8 records from {@code b[i]} into the arrays from {@code out} while
         * no record needs a check (x or y outside the fast range, a marker, a time before the previous one);
         * returns the number of records decoded, which stops at the first record that needs one (the record
         * loop then meets it at once and hands it to {@link #careful}).
         *
         * <p>Shaped for C2 on JDK 17, where it is instruction-bound (profile, machine code and the variants tried:
         * README, "N-MNIST decoding on JDK 17"): 8 records per step, each read with two byte loads (x, y) and one
         * big-endian int load (y, polarity and time), checked with three compares and written unchecked (the
         * range checks are hoisted: one induction variable {@code o}, the byte offset {@code d + 5 o});
         * polarity by table ({@link #POLARITY}); times written without {@link #overflow} (one {@code long} add
         * and one live register fewer a record), added afterwards in a separate pass only when a marker has set
         * it; times compared as ints relative to it. Record {@code k} of a step is the same code
         * ({@link #rec}) with a constant {@code k}, so that the deoptimisation state holds no per-record
         * index.
         */
        int groups(byte[] b, int i, int count, long[] t, short[] x, short[] y, boolean[] on, int out) {
            final int w = this.w;
            final int hf = this.hFast;
            final long add = overflow;
            final long last0 = lastT;
            // the previous time relative to add: -1 below every time a record can hold; clamped at 2^23, above
            // every such time (as in NmnistVectorGroups); time p + add is lastT in every other case
            int p = last0 < add ? -1 : (int) Math.min(last0 - add, MAX_TIMESTAMP + 1L);
            int ties = 0;
            int done = 8 * count;
            final int end = out + 8 * count;
            final int d = i - 5 * out; // the record written at output index o starts at b[d + 5 o]
            for (int o = out; o < end; o += 8) {
                final int j = d + 5 * o;
                int r;
                if ((r = rec(b, j, o, 0, t, x, y, on, p, w, hf)) < 0) {
                    done = o - out;
                    break;
                }
                ties += r == p ? 1 : 0;
                p = r;
                if ((r = rec(b, j, o, 1, t, x, y, on, p, w, hf)) < 0) {
                    done = o - out + 1;
                    break;
                }
                ties += r == p ? 1 : 0;
                p = r;
                if ((r = rec(b, j, o, 2, t, x, y, on, p, w, hf)) < 0) {
                    done = o - out + 2;
                    break;
                }
                ties += r == p ? 1 : 0;
                p = r;
                if ((r = rec(b, j, o, 3, t, x, y, on, p, w, hf)) < 0) {
                    done = o - out + 3;
                    break;
                }
                ties += r == p ? 1 : 0;
                p = r;
                if ((r = rec(b, j, o, 4, t, x, y, on, p, w, hf)) < 0) {
                    done = o - out + 4;
                    break;
                }
                ties += r == p ? 1 : 0;
                p = r;
                if ((r = rec(b, j, o, 5, t, x, y, on, p, w, hf)) < 0) {
                    done = o - out + 5;
                    break;
                }
                ties += r == p ? 1 : 0;
                p = r;
                if ((r = rec(b, j, o, 6, t, x, y, on, p, w, hf)) < 0) {
                    done = o - out + 6;
                    break;
                }
                ties += r == p ? 1 : 0;
                p = r;
                if ((r = rec(b, j, o, 7, t, x, y, on, p, w, hf)) < 0) {
                    done = o - out + 7;
                    break;
                }
                ties += r == p ? 1 : 0;
                p = r;
            }
            if (add != 0) {
                for (int q = out; q < out + done; q++) {
                    t[q] += add;
                }
            }
            if (done > 0) {
                lastT = p + add;
                c.equalTimes += ties;
            }
            return done;
        }

        /**
         * {@link #groups}' step: record {@code k} of the step at {@code b[j]}. If it needs no check (x below
         * {@code w}, y below {@code hf}, time at least {@code p}), writes it at output index {@code o + k}, its
         * time without the overflow offset, and returns that time; else writes nothing and returns -1.
         */
        private static int rec(byte[] b, int j, int o, int k, long[] t, short[] x, short[] y, boolean[] on, int p,
                int w, int hf) {
            final int xk = b[j + 5 * k] & 0xFF;
            final int yk = b[j + 5 * k + 1] & 0xFF;
            final int v = (int) BE32.get(b, j + 5 * k + 1); // y | polarity, t[22:16] | t[15:8] | t[7:0]
            final int tk = v & MAX_TIMESTAMP;
            if (xk >= w || yk >= hf || tk < p) {
                return -1;
            }
            t[o + k] = tk;
            x[o + k] = (short) xk;
            y[o + k] = (short) yk;
            on[o + k] = POLARITY[b[j + 5 * k + 2] & 0xFF];
            return tk;
        }

        /**
         * The fast loops' step: {@code r} is one record in its low 40 bits (x in bits 39-32, y in 31-24, polarity
         * bit 23, timestamp bits 22-0). Writes it at output index {@code o} and returns its time (plus
         * {@code add}), or returns -1 and writes nothing if it needs {@link #careful}: x or y outside the fast
         * range (a marker is y = 240) or a time before {@code last}.
         */
        private static long put(long r, int o, long[] t, short[] x, short[] y, boolean[] on, long last, long add,
                int w, int hf) {
            int xi = (int) (r >>> 32);
            int yi = (int) (r >>> 24) & 0xFF;
            long ti = (r & 0x7FFFFF) + add;
            if (xi >= w || yi >= hf || ti < last) {
                return -1;
            }
            t[o] = ti;
            x[o] = (short) xi;
            y[o] = (short) yi;
            on[o] = (r & 0x800000) != 0;
            return ti;
        }

        /**
         * Decodes records {@code [from, to)} one by one with every check, writing from output index {@code out};
         * returns the next output index. Reads and updates {@link #lastT}, {@link #overflow} and the counters.
         */
        private int careful(byte[] b, int off, int from, int to, long fileOffset, long[] t, short[] x, short[] y,
                boolean[] on, int out) throws AerFormatException {
            final int w = this.w;
            final int hf = this.hFast;
            long last = lastT;
            long add = overflow;
            long ties = 0;
            for (int k = from; k < to; k++) {
                int i = off + k * RECORD_BYTES;
                int xi = b[i] & 0xFF;
                int v = (int) BE32.get(b, i + 1); // y | polarity, t[22:16] | t[15:8] | t[7:0]
                int yi = v >>> 24;
                long ti = (v & 0x7FFFFF) + add;
                if (xi >= w || yi >= hf || ti < last) {
                    if (yi == OVERFLOW_Y) {
                        c.overflowMarkers++;
                        add += OVERFLOW_US;
                        continue;
                    }
                    long at = fileOffset + (i - off);
                    if (xi >= w) {
                        c.outOfRange++;
                        if (c.detail()) c.fault(new AerFormatException(at, "x", "a column in [0, " + w + ")", Integer.toString(xi)));
                        continue;
                    }
                    if (yi >= h) {
                        c.outOfRange++;
                        if (c.detail()) c.fault(new AerFormatException(at, "y", "a row in [0, " + h + ")", Integer.toString(yi)));
                        continue;
                    }
                    if (ti < last) {
                        c.backwardsTime++;
                        if (c.detail()) c.fault(new AerFormatException(at, "timestamp", "a time >= the previous event's " + last
                                + " us", ti + " us"));
                    }
                }
                ties += ti == last ? 1 : 0;
                t[out] = ti;
                x[out] = (short) xi;
                y[out] = (short) yi;
                on[out] = (v & 0x800000) != 0;
                out++;
                last = ti;
            }
            lastT = last;
            overflow = add;
            c.equalTimes += ties;
            return out;
        }

        /** Handles {@code rest} trailing bytes (not a whole record) at file offset {@code at}. */
        void tail(int rest, long at) throws AerFormatException {
            if (rest != 0) {
                c.droppedBytes += rest;
                if (c.detail()) c.fault(new AerFormatException(at, "event", "a whole 5-byte record (file length a multiple of 5)",
                        rest + " trailing bytes"));
            }
        }
    }

    private static final class Reader implements EventReader {
        private final AerInput in;
        private final Decoder d;
        private final byte[] buf;
        private final int chunk;
        private boolean done;

        Reader(AerInput in, ReadOptions opts) {
            Objects.requireNonNull(opts, "opts");
            this.in = in;
            this.d = new Decoder(NmnistBin.width(opts), NmnistBin.height(opts), new ReadReport.Counter(opts.mode()));
            this.chunk = Math.min(opts.chunkEvents(), 1 << 20);
            this.buf = new byte[chunk * RECORD_BYTES];
        }

        @Override
        public AerFormat format() {
            return AerFormat.NMNIST_BIN;
        }

        @Override
        public int width() {
            return d.w;
        }

        @Override
        public int height() {
            return d.h;
        }

        @Override
        public Events next() throws IOException {
            if (done) {
                return null;
            }
            long at = in.position();
            int got = in.read(buf, 0, buf.length);
            int n = got / RECORD_BYTES;
            int rest = got - n * RECORD_BYTES;
            if (got < buf.length) {
                done = true;
            }
            if (n == 0 && rest == 0) {
                return null;
            }
            long[] t = new long[n];
            short[] x = new short[n];
            short[] y = new short[n];
            boolean[] on = new boolean[n];
            int count = d.decode(buf, 0, n, at, t, x, y, on, 0);
            if (rest != 0) {
                d.tail(rest, at + (long) n * RECORD_BYTES);
            }
            d.c.events += count;
            Events e = new Events(d.w, d.h, count, t, x, y, on);
            return count == n ? e : e.slice(0, count);
        }

        @Override
        public ReadReport report() {
            return d.c.snapshot();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
