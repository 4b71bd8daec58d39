package org.snn4j.encoding.aer;

import java.util.Arrays;
import java.util.Objects;
import org.snn4j.Shape;

/**
 * A stack of event-count frames: for frame {@code f}, {@code count(f, c, y, x)} events of channel {@code c}
 * ({@link PolarityMode}) at pixel {@code (x, y)}. Built by {@link EventBinning}. Each frame is an {@code int[]}
 * in CHW order. Immutable (accessors copy) and thread-safe.
 */
public final class EventFrames {
    private final Shape shape;
    private final long[] start;
    private final int[][] counts;

    EventFrames(Shape shape, long[] start, int[][] counts) {
        this.shape = shape;
        this.start = start;
        this.counts = counts;
    }

    /** Channels x height x width of one frame. */
    public Shape shape() {
        return shape;
    }

    /** Number of frames. */
    public int frames() {
        return counts.length;
    }

    /** Start time of frame {@code f} in microseconds (for count-based frames, the first event's time). */
    public long startUs(int f) {
        Objects.checkIndex(f, counts.length);
        return start[f];
    }

    /** Events of channel {@code c} at {@code (x, y)} in frame {@code f}. */
    public int count(int f, int c, int y, int x) {
        Objects.checkIndex(f, counts.length);
        Objects.checkIndex(c, shape.channels());
        Objects.checkIndex(y, shape.height());
        Objects.checkIndex(x, shape.width());
        return counts[f][shape.index(c, y, x)];
    }

    /** A copy of frame {@code f}, CHW order. */
    public int[] frame(int f) {
        Objects.checkIndex(f, counts.length);
        return Arrays.copyOf(counts[f], counts[f].length);
    }

    /** Total events in frame {@code f}. */
    public long total(int f) {
        Objects.checkIndex(f, counts.length);
        long s = 0;
        int[] a = counts[f];
        for (int i = 0; i < a.length; i++) {
            s += a[i];
        }
        return s;
    }
}
