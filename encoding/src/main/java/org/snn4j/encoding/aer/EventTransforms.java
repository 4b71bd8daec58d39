package org.snn4j.encoding.aer;

import java.util.Arrays;
import java.util.Objects;

/**
 * Event-list transforms: crop, spatial down-sampling, flips, time slices, polarity merge/split, a
 * nearest-neighbour denoise filter and a per-pixel refractory filter. Each returns a new {@link Events}
 * (the input is not modified) and keeps the input order. Stateless and thread-safe.
 */
public final class EventTransforms {
    private EventTransforms() {
    }

    /**
     * Keeps the events inside the rectangle {@code [x0, x0+w) x [y0, y0+h)} and shifts them to its origin.
     *
     * @return events on a {@code w x h} sensor
     * @throws IllegalArgumentException if the rectangle is empty or not inside the sensor
     */
    public static Events crop(Events e, int x0, int y0, int w, int h) {
        Objects.requireNonNull(e, "e");
        if (w < 1 || h < 1 || x0 < 0 || y0 < 0 || x0 + w > e.width || y0 + h > e.height) {
            throw new IllegalArgumentException("crop rectangle (" + x0 + ", " + y0 + ", " + w + "x" + h
                    + ") must be non-empty and inside the " + e.width + "x" + e.height + " sensor");
        }
        Events.Builder b = Events.builder(w, h, e.size);
        for (int i = 0; i < e.size; i++) {
            int x = e.x[i] - x0;
            int y = e.y[i] - y0;
            if (x >= 0 && x < w && y >= 0 && y < h) {
                b.addUnchecked(e.t[i], x, y, e.on[i]);
            }
        }
        return b.build();
    }

    /**
     * Spatial down-sampling: {@code x -> x / fx}, {@code y -> y / fy} (integer division) on a
     * {@code ceil(width / fx) x ceil(height / fy)} sensor. Every event is kept.
     */
    public static Events downsample(Events e, int fx, int fy) {
        Objects.requireNonNull(e, "e");
        if (fx < 1 || fy < 1) {
            throw new IllegalArgumentException("down-sampling factors must be >= 1, got " + fx + " and " + fy);
        }
        int w = (e.width + fx - 1) / fx;
        int h = (e.height + fy - 1) / fy;
        short[] x = new short[e.size];
        short[] y = new short[e.size];
        for (int i = 0; i < e.size; i++) {
            x[i] = (short) (e.x[i] / fx);
            y[i] = (short) (e.y[i] / fy);
        }
        return new Events(w, h, e.size, Arrays.copyOf(e.t, e.size), x, y, Arrays.copyOf(e.on, e.size));
    }

    /** Mirrors columns: {@code x -> width - 1 - x}. */
    public static Events flipX(Events e) {
        Objects.requireNonNull(e, "e");
        short[] x = new short[e.size];
        for (int i = 0; i < e.size; i++) {
            x[i] = (short) (e.width - 1 - e.x[i]);
        }
        return new Events(e.width, e.height, e.size, Arrays.copyOf(e.t, e.size), x, Arrays.copyOf(e.y, e.size),
                Arrays.copyOf(e.on, e.size));
    }

    /** Mirrors rows: {@code y -> height - 1 - y} (e.g. jAER's lower-left origin to upper-left). */
    public static Events flipY(Events e) {
        Objects.requireNonNull(e, "e");
        short[] y = new short[e.size];
        for (int i = 0; i < e.size; i++) {
            y[i] = (short) (e.height - 1 - e.y[i]);
        }
        return new Events(e.width, e.height, e.size, Arrays.copyOf(e.t, e.size), Arrays.copyOf(e.x, e.size), y,
                Arrays.copyOf(e.on, e.size));
    }

    /** The events with {@code fromUs <= t < toUs}, in order. */
    public static Events timeSlice(Events e, long fromUs, long toUs) {
        Objects.requireNonNull(e, "e");
        if (toUs < fromUs) {
            throw new IllegalArgumentException("toUs must be >= fromUs, got " + toUs + " < " + fromUs);
        }
        Events.Builder b = Events.builder(e.width, e.height, 16);
        for (int i = 0; i < e.size; i++) {
            long t = e.t[i];
            if (t >= fromUs && t < toUs) {
                b.addUnchecked(t, e.x[i], e.y[i], e.on[i]);
            }
        }
        return b.build();
    }

    /** Polarity merge: the same events, all marked ON (one channel, "any change"). */
    public static Events mergePolarity(Events e) {
        Objects.requireNonNull(e, "e");
        boolean[] on = new boolean[e.size];
        Arrays.fill(on, true);
        return new Events(e.width, e.height, e.size, Arrays.copyOf(e.t, e.size), Arrays.copyOf(e.x, e.size),
                Arrays.copyOf(e.y, e.size), on);
    }

    /** Polarity split: {@code [0]} the OFF events, {@code [1]} the ON events, each in order. */
    public static Events[] splitPolarity(Events e) {
        Objects.requireNonNull(e, "e");
        int n = e.onCount();
        Events.Builder off = Events.builder(e.width, e.height, e.size - n);
        Events.Builder on = Events.builder(e.width, e.height, n);
        for (int i = 0; i < e.size; i++) {
            (e.on[i] ? on : off).addUnchecked(e.t[i], e.x[i], e.y[i], e.on[i]);
        }
        return new Events[] {off.build(), on.build()};
    }

    /**
     * Nearest-neighbour denoise (background-activity filter): an event is kept if one of its 8 neighbouring
     * pixels (not the pixel itself) had an event at a time {@code s} with {@code t - s <= windowUs}. Every event,
     * kept or not, updates its pixel's time. Events are processed in list order, so for a stream whose time goes
     * backwards the "previous" event is the previous one in the list.
     *
     * @param windowUs the time window in microseconds, >= 0
     */
    public static Events denoise(Events e, long windowUs) {
        Objects.requireNonNull(e, "e");
        if (windowUs < 0) {
            throw new IllegalArgumentException("windowUs must be >= 0, got " + windowUs);
        }
        final int W = e.width + 2;
        long[] last = new long[W * (e.height + 2)];
        boolean[] seen = new boolean[last.length];
        Events.Builder b = Events.builder(e.width, e.height, e.size);
        for (int i = 0; i < e.size; i++) {
            long t = e.t[i];
            int c = (e.y[i] + 1) * W + e.x[i] + 1;
            boolean keep = near(last, seen, c - W - 1, t, windowUs) || near(last, seen, c - W, t, windowUs)
                    || near(last, seen, c - W + 1, t, windowUs) || near(last, seen, c - 1, t, windowUs)
                    || near(last, seen, c + 1, t, windowUs) || near(last, seen, c + W - 1, t, windowUs)
                    || near(last, seen, c + W, t, windowUs) || near(last, seen, c + W + 1, t, windowUs);
            if (keep) {
                b.addUnchecked(t, e.x[i], e.y[i], e.on[i]);
            }
            last[c] = t;
            seen[c] = true;
        }
        return b.build();
    }

    private static boolean near(long[] last, boolean[] seen, int k, long t, long window) {
        return seen[k] && t - last[k] <= window;
    }

    /**
     * Per-pixel refractory filter: an event is dropped if the same pixel (either polarity) had a kept event at
     * a time {@code s} with {@code 0 <= t - s < periodUs}. Period 0 keeps everything.
     *
     * @param periodUs the refractory period in microseconds, >= 0
     */
    public static Events refractory(Events e, long periodUs) {
        Objects.requireNonNull(e, "e");
        if (periodUs < 0) {
            throw new IllegalArgumentException("periodUs must be >= 0, got " + periodUs);
        }
        long[] last = new long[e.width * e.height];
        boolean[] seen = new boolean[last.length];
        Events.Builder b = Events.builder(e.width, e.height, e.size);
        for (int i = 0; i < e.size; i++) {
            long t = e.t[i];
            int c = e.y[i] * e.width + e.x[i];
            if (seen[c] && t - last[c] >= 0 && t - last[c] < periodUs) {
                continue;
            }
            b.addUnchecked(t, e.x[i], e.y[i], e.on[i]);
            last[c] = t;
            seen[c] = true;
        }
        return b.build();
    }
}
