package org.snn4j.encoding.aer;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable list of address-event (AER) camera events stored as parallel primitive arrays: timestamp in
 * microseconds ({@code long}), column {@code x} and row {@code y} (stored as {@code short}, so sensors up to
 * 32,767 pixels a side) and polarity ({@code true} = ON, brightness increase), together with the sensor size
 * {@code width x height}.
 *
 * <p>Events keep the order in which they were recorded; nothing is sorted. Readers guarantee
 * {@code 0 <= x < width} and {@code 0 <= y < height} (out-of-range events are reported, see
 * {@link ReadReport}); the constructor-like factories check it too. Timestamps are whatever the file holds
 * (relative for N-MNIST and AEDAT 2.0/3.1, Unix microseconds for AEDAT 4.0).
 *
 * <p>Immutable and thread-safe. The accessors that return arrays return copies; use the indexed accessors
 * ({@link #t(int)}, {@link #x(int)}, ...) in loops.
 */
public final class Events {
    private static final Events[] NO_EVENTS = new Events[0];

    final int width;
    final int height;
    final int size;
    final long[] t;
    final short[] x;
    final short[] y;
    final boolean[] on;

    /** Wraps the arrays without copying or checking; package-private for readers that already checked. */
    Events(int width, int height, int size, long[] t, short[] x, short[] y, boolean[] on) {
        this.width = width;
        this.height = height;
        this.size = size;
        this.t = t;
        this.x = x;
        this.y = y;
        this.on = on;
    }

    /** An empty list for a {@code width x height} sensor. */
    public static Events empty(int width, int height) {
        checkSensor(width, height);
        return new Events(width, height, 0, new long[0], new short[0], new short[0], new boolean[0]);
    }

    /**
     * Copies parallel arrays into a new list, checking the lengths and every coordinate.
     *
     * @param width  sensor width in pixels, 1..32767
     * @param height sensor height in pixels, 1..32767
     * @param t      timestamps in microseconds; not modified
     * @param x      columns in {@code [0, width)}; not modified
     * @param y      rows in {@code [0, height)}; not modified
     * @param on     polarities ({@code true} = ON); not modified
     * @throws IllegalArgumentException naming the first bad event or a length mismatch
     */
    public static Events of(int width, int height, long[] t, int[] x, int[] y, boolean[] on) {
        Objects.requireNonNull(t, "t");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(on, "on");
        checkSensor(width, height);
        int n = t.length;
        if (x.length != n || y.length != n || on.length != n) {
            throw new IllegalArgumentException("t, x, y and on must have the same length, got " + n + ", "
                    + x.length + ", " + y.length + " and " + on.length);
        }
        Builder b = builder(width, height, n);
        for (int i = 0; i < n; i++) {
            b.add(t[i], x[i], y[i], on[i]);
        }
        return b.build();
    }

    /** A growable builder for a {@code width x height} sensor with a small initial capacity. */
    public static Builder builder(int width, int height) {
        return new Builder(width, height, 1024);
    }

    /** A growable builder for a {@code width x height} sensor with {@code capacity} events preallocated. */
    public static Builder builder(int width, int height, int capacity) {
        return new Builder(width, height, capacity);
    }

    static void checkSensor(int width, int height) {
        if (width < 1 || width > Short.MAX_VALUE) {
            throw new IllegalArgumentException("width must be in [1, 32767], got " + width);
        }
        if (height < 1 || height > Short.MAX_VALUE) {
            throw new IllegalArgumentException("height must be in [1, 32767], got " + height);
        }
    }

    /** Sensor width in pixels. */
    public int width() {
        return width;
    }

    /** Sensor height in pixels. */
    public int height() {
        return height;
    }

    /** Number of events. */
    public int size() {
        return size;
    }

    /** True if there is no event. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Timestamp of event {@code i} in microseconds. */
    public long t(int i) {
        Objects.checkIndex(i, size);
        return t[i];
    }

    /** Column of event {@code i}, {@code 0 <= x < width()}. */
    public int x(int i) {
        Objects.checkIndex(i, size);
        return x[i];
    }

    /** Row of event {@code i}, {@code 0 <= y < height()}. */
    public int y(int i) {
        Objects.checkIndex(i, size);
        return y[i];
    }

    /** Polarity of event {@code i}: {@code true} = ON (brightness increase), {@code false} = OFF. */
    public boolean isOn(int i) {
        Objects.checkIndex(i, size);
        return on[i];
    }

    /** A copy of the timestamps, in microseconds. */
    public long[] timestamps() {
        return Arrays.copyOf(t, size);
    }

    /** A copy of the columns. */
    public int[] xs() {
        int[] r = new int[size];
        for (int i = 0; i < size; i++) {
            r[i] = x[i];
        }
        return r;
    }

    /** A copy of the rows. */
    public int[] ys() {
        int[] r = new int[size];
        for (int i = 0; i < size; i++) {
            r[i] = y[i];
        }
        return r;
    }

    /** A copy of the polarities ({@code true} = ON). */
    public boolean[] polarities() {
        return Arrays.copyOf(on, size);
    }

    /** Number of ON events. */
    public int onCount() {
        int c = 0;
        for (int i = 0; i < size; i++) {
            if (on[i]) {
                c++;
            }
        }
        return c;
    }

    /** Smallest timestamp, or {@link Long#MAX_VALUE} when empty (events need not be sorted). */
    public long minTime() {
        long m = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            if (t[i] < m) {
                m = t[i];
            }
        }
        return m;
    }

    /** Largest timestamp, or {@link Long#MIN_VALUE} when empty. */
    public long maxTime() {
        long m = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            if (t[i] > m) {
                m = t[i];
            }
        }
        return m;
    }

    /** Events {@code [from, to)} as a new list (copied). */
    public Events slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size);
        return new Events(width, height, to - from, Arrays.copyOfRange(t, from, to),
                Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(y, from, to), Arrays.copyOfRange(on, from, to));
    }

    /** The same events on a larger (or equal) sensor; throws if an event falls outside the new size. */
    public Events withSensor(int newWidth, int newHeight) {
        checkSensor(newWidth, newHeight);
        for (int i = 0; i < size; i++) {
            if (x[i] >= newWidth || y[i] >= newHeight) {
                throw new IllegalArgumentException("event " + i + " at (" + x[i] + ", " + y[i]
                        + ") is outside a " + newWidth + "x" + newHeight + " sensor");
            }
        }
        return new Events(newWidth, newHeight, size, t, x, y, on);
    }

    /** Concatenates lists recorded on the same sensor, in order. */
    public static Events concat(int width, int height, java.util.List<Events> parts) {
        Objects.requireNonNull(parts, "parts");
        Events[] ps = parts.toArray(NO_EVENTS);
        long total = 0;
        for (int k = 0; k < ps.length; k++) {
            total += ps[k].size;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("too many events to concatenate: " + total);
        }
        Builder b = builder(width, height, (int) total);
        for (int k = 0; k < ps.length; k++) {
            b.addAll(ps[k]);
        }
        return b.build();
    }

    /** Content equality: same sensor and the same events in the same order. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Events)) {
            return false;
        }
        Events e = (Events) o;
        return width == e.width && height == e.height && size == e.size
                && Arrays.equals(t, 0, size, e.t, 0, size) && Arrays.equals(x, 0, size, e.x, 0, size)
                && Arrays.equals(y, 0, size, e.y, 0, size) && Arrays.equals(on, 0, size, e.on, 0, size);
    }

    @Override
    public int hashCode() {
        int h = 31 * width + height;
        for (int i = 0; i < size; i++) {
            h = 31 * h + Long.hashCode(t[i]);
            h = 31 * h + x[i];
            h = 31 * h + y[i];
            h = 31 * h + (on[i] ? 1 : 0);
        }
        return h;
    }

    /** A one-line summary: size, sensor and time range. */
    @Override
    public String toString() {
        return "Events[" + size + " events, " + width + "x" + height
                + (size > 0 ? ", t " + minTime() + ".." + maxTime() + " us" : "") + "]";
    }

    /**
     * A growable list of events for one sensor; {@link #build()} returns an immutable {@link Events}. It also
     * serves as a reusable decoding buffer: {@link NmnistBin#readInto} appends to it, the indexed accessors
     * read it without copying, and {@link #clear()} empties it and keeps its capacity. Not thread-safe.
     */
    public static final class Builder {
        private final int width;
        private final int height;
        int size;
        long[] t;
        short[] x;
        short[] y;
        boolean[] on;

        Builder(int width, int height, int capacity) {
            checkSensor(width, height);
            if (capacity < 0) {
                throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
            }
            this.width = width;
            this.height = height;
            this.t = new long[capacity];
            this.x = new short[capacity];
            this.y = new short[capacity];
            this.on = new boolean[capacity];
        }

        /** Number of events added so far. */
        public int size() {
            return size;
        }

        /** Sensor width in pixels. */
        public int width() {
            return width;
        }

        /** Sensor height in pixels. */
        public int height() {
            return height;
        }

        /**
         * Removes every event and keeps the capacity, so that one builder can serve as a reusable buffer (for
         * example for {@link NmnistBin#readInto}: decoding many files into one builder allocates nothing per
         * event once the capacity suffices).
         */
        public Builder clear() {
            size = 0;
            return this;
        }

        /** Timestamp of event {@code i} in microseconds ({@code 0 <= i < size()}). */
        public long t(int i) {
            Objects.checkIndex(i, size);
            return t[i];
        }

        /** Column of event {@code i}. */
        public int x(int i) {
            Objects.checkIndex(i, size);
            return x[i];
        }

        /** Row of event {@code i}. */
        public int y(int i) {
            Objects.checkIndex(i, size);
            return y[i];
        }

        /** Polarity of event {@code i}: {@code true} = ON. */
        public boolean isOn(int i) {
            Objects.checkIndex(i, size);
            return on[i];
        }

        /** Makes room for {@code extra} more events. */
        public void ensureCapacity(int extra) {
            long need = (long) size + extra;
            if (need > t.length) {
                if (need > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("an Events list holds at most " + (Integer.MAX_VALUE - 16)
                            + " events, need " + need);
                }
                int cap = (int) Math.min(Integer.MAX_VALUE - 16L, Math.max(need, t.length * 2L + 16));
                t = Arrays.copyOf(t, cap);
                x = Arrays.copyOf(x, cap);
                y = Arrays.copyOf(y, cap);
                on = Arrays.copyOf(on, cap);
            }
        }

        /**
         * Appends one event.
         *
         * @throws IllegalArgumentException if {@code x} or {@code y} is outside the sensor
         */
        public Builder add(long t, int x, int y, boolean on) {
            if (x < 0 || x >= width) {
                throw new IllegalArgumentException("x must be in [0, " + width + "), got " + x);
            }
            if (y < 0 || y >= height) {
                throw new IllegalArgumentException("y must be in [0, " + height + "), got " + y);
            }
            if (size == this.t.length) {
                ensureCapacity(1);
            }
            int i = size++;
            this.t[i] = t;
            this.x[i] = (short) x;
            this.y[i] = (short) y;
            this.on[i] = on;
            return this;
        }

        /** Appends one event already checked by the caller (package-private fast path). */
        void addUnchecked(long t, int x, int y, boolean on) {
            if (size == this.t.length) {
                ensureCapacity(1);
            }
            int i = size++;
            this.t[i] = t;
            this.x[i] = (short) x;
            this.y[i] = (short) y;
            this.on[i] = on;
        }

        /** Appends all events of {@code e}, which must fit this builder's sensor. */
        public Builder addAll(Events e) {
            Objects.requireNonNull(e, "e");
            if (e.width > width || e.height > height) {
                throw new IllegalArgumentException("events from a " + e.width + "x" + e.height
                        + " sensor do not fit a " + width + "x" + height + " builder");
            }
            ensureCapacity(e.size);
            System.arraycopy(e.t, 0, t, size, e.size);
            System.arraycopy(e.x, 0, x, size, e.size);
            System.arraycopy(e.y, 0, y, size, e.size);
            System.arraycopy(e.on, 0, on, size, e.size);
            size += e.size;
            return this;
        }

        /** An immutable copy of the events added so far; the builder can keep growing afterwards. */
        public Events build() {
            return new Events(width, height, size, Arrays.copyOf(t, size), Arrays.copyOf(x, size),
                    Arrays.copyOf(y, size), Arrays.copyOf(on, size));
        }

        /** Like {@link #build()} but hands over the arrays without copying when they are full; the builder must not be used afterwards. */
        Events buildAndRelease() {
            if (size == t.length) {
                Events e = new Events(width, height, size, t, x, y, on);
                t = new long[0];
                x = new short[0];
                y = new short[0];
                on = new boolean[0];
                size = 0;
                return e;
            }
            return build();
        }
    }
}
