package org.snn4j.encoding.aer;

import org.snn4j.internal.Checks;
import java.util.Objects;
import org.snn4j.EventSource;
import org.snn4j.Shape;

/**
 * Turns events into count frames ({@link EventFrames}) or into a core {@link EventSource} bucketed per
 * simulation step. Time starts at the smallest timestamp {@code t0} unless given; nothing is sorted (events may
 * be in any order). Neuron / frame index: {@code (p * H + y) * W + x} on a {@code 2 x H x W} shape with
 * {@code p = 1} for ON ({@link PolarityMode#SPLIT}) or {@code y * W + x} on {@code 1 x H x W}
 * ({@link PolarityMode#MERGED}). Stateless and thread-safe.
 *
 * <p>Fixed bin count: the span is {@code D = tMax - t0 + 1} microseconds (inclusive of the last event), and an
 * event goes to bin {@code floor((t - t0) * bins / D)}, so a single event with one bin shows in that bin (tonic
 * issue #313, where {@code ToFrame} with one event and {@code n_time_bins = 1} gave an empty frame, cannot happen).
 */
public final class EventBinning {
    private EventBinning() {
    }

    private static Shape shape(Events e, PolarityMode mode) {
        return new Shape(mode.channels(), e.height, e.width);
    }

    private static int index(Events e, int i, PolarityMode mode) {
        int base = e.y[i] * e.width + e.x[i];
        return mode == PolarityMode.SPLIT && e.on[i] ? base + e.width * e.height : base;
    }

    /**
     * Frames of fixed duration: frame {@code k} holds {@code t0 + k * windowUs <= t < t0 + (k+1) * windowUs};
     * {@code floor((tMax - t0) / windowUs) + 1} frames (0 for no events).
     */
    public static EventFrames framesByTime(Events e, long windowUs, PolarityMode mode) {
        Objects.requireNonNull(e, "e");
        Objects.requireNonNull(mode, "mode");
        if (windowUs < 1) {
            throw new IllegalArgumentException("windowUs must be >= 1, got " + windowUs);
        }
        Shape s = shape(e, mode);
        if (e.size == 0) {
            return new EventFrames(s, new long[0], new int[0][]);
        }
        long t0 = e.minTime();
        long n = (e.maxTime() - t0) / windowUs + 1;
        if (n > 1_000_000) {
            throw new IllegalArgumentException("windowUs " + windowUs + " gives " + n + " frames, more than 1,000,000");
        }
        int frames = (int) n;
        Checks.arraySize("framesByTime: frames x (channels x height x width) with frames = (tMax - t0) / windowUs + 1"
                + " for windowUs " + windowUs, frames, s.size());
        int[][] c = new int[frames][s.size()];
        long[] start = new long[frames];
        for (int k = 0; k < frames; k++) {
            start[k] = t0 + k * windowUs;
        }
        for (int i = 0; i < e.size; i++) {
            c[(int) ((e.t[i] - t0) / windowUs)][index(e, i, mode)]++;
        }
        return new EventFrames(s, start, c);
    }

    /** Frames of {@code eventsPerFrame} consecutive events (the last one may hold fewer). */
    public static EventFrames framesByCount(Events e, int eventsPerFrame, PolarityMode mode) {
        Objects.requireNonNull(e, "e");
        Objects.requireNonNull(mode, "mode");
        if (eventsPerFrame < 1) {
            throw new IllegalArgumentException("eventsPerFrame must be >= 1, got " + eventsPerFrame);
        }
        Shape s = shape(e, mode);
        int frames = (int) (((long) e.size + eventsPerFrame - 1) / eventsPerFrame);
        Checks.arraySize("framesByCount: frames x (channels x height x width) with frames = ceil(events / "
                + "eventsPerFrame " + eventsPerFrame + ")", frames, s.size());
        int[][] c = new int[frames][s.size()];
        long[] start = new long[frames];
        for (int i = 0; i < e.size; i++) {
            int f = i / eventsPerFrame;
            if (i % eventsPerFrame == 0) {
                start[f] = e.t[i];
            }
            c[f][index(e, i, mode)]++;
        }
        return new EventFrames(s, start, c);
    }

    /** Exactly {@code bins} frames of equal duration over {@code [t0, tMax]} (see the class comment). */
    public static EventFrames framesByBins(Events e, int bins, PolarityMode mode) {
        Objects.requireNonNull(e, "e");
        Objects.requireNonNull(mode, "mode");
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        Shape s = shape(e, mode);
        Checks.arraySize("framesByBins: bins x (channels x height x width)", bins, s.size());
        int[][] c = new int[bins][s.size()];
        long[] start = new long[bins];
        if (e.size == 0) {
            return new EventFrames(s, start, c);
        }
        long t0 = e.minTime();
        long span = e.maxTime() - t0 + 1;
        for (int k = 0; k < bins; k++) {
            start[k] = t0 + (long) Math.ceil((double) span * k / bins);
        }
        for (int i = 0; i < e.size; i++) {
            c[bin(e.t[i] - t0, span, bins)][index(e, i, mode)]++;
        }
        return new EventFrames(s, start, c);
    }

    /** {@code floor(dt * bins / span)} without overflow for any {@code 0 <= dt < span}. */
    static int bin(long dt, long span, int bins) {
        long hi = Math.multiplyHigh(dt, bins);
        if (hi == 0 && dt * bins >= 0) {
            return (int) (dt * bins / span);
        }
        return (int) Math.min(bins - 1, (long) ((double) dt * bins / span));
    }

    /**
     * A spike source with one step per {@code stepUs} covering all events: {@code steps = floor((tMax - t0) /
     * stepUs) + 1}, event at time {@code t} fires at step {@code (t - t0) / stepUs}. Several events of one neuron
     * in one step fire it once. The source is made for steps of {@code stepUs / 1000} ms
     * ({@link EventSource#dtMs()}): a simulation refuses it for a network with another step.
     */
    public static EventSource toSpikeSource(Events e, long stepUs, PolarityMode mode) {
        Objects.requireNonNull(e, "e");
        if (stepUs < 1) {
            throw new IllegalArgumentException("stepUs must be >= 1, got " + stepUs);
        }
        if (e.size == 0) {
            return toSpikeSource(e, 0, stepUs, 0, mode);
        }
        long t0 = e.minTime();
        long n = (e.maxTime() - t0) / stepUs + 1;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("stepUs " + stepUs + " gives " + n + " steps, too many");
        }
        return toSpikeSource(e, t0, stepUs, (int) n, mode);
    }

    /**
     * A spike source of {@code steps} steps of {@code stepUs} starting at {@code t0Us}; events outside
     * {@code [t0Us, t0Us + steps * stepUs)} are left out. Made for steps of {@code stepUs / 1000} ms.
     */
    public static EventSource toSpikeSource(Events e, long t0Us, long stepUs, int steps, PolarityMode mode) {
        Objects.requireNonNull(e, "e");
        Objects.requireNonNull(mode, "mode");
        checkWindow(stepUs, steps);
        int[][] b = buckets(e, t0Us, stepUs, steps, mode);
        return EventSource.ofBuckets(shape(e, mode).size(), b[0], b[1]).withDtMs(stepUs / 1000f);
    }

    /**
     * Binary per-step spike lists for a trainer: {@code steps} steps of {@code stepUs} starting at {@code t0Us};
     * input {@code i} (index as in the class comment) spikes at step {@code k} if at least one event of that pixel
     * and polarity has {@code t0Us + k * stepUs <= t < t0Us + (k + 1) * stepUs}. Events outside the window are left
     * out; several events of one input in one step give one spike. Within a step the inputs are sorted.
     *
     * @param e      events; not modified
     * @param t0Us   start of step 0 in microseconds (N-MNIST trainers use 0, the recording's own origin)
     * @param stepUs step length in microseconds, &gt;= 1
     * @param steps  number of steps, &gt;= 0
     * @param mode   polarity channels
     * @return a new immutable list; memory grows with the number of spikes, not with {@code steps x inputs}
     */
    public static BinnedEvents binned(Events e, long t0Us, long stepUs, int steps, PolarityMode mode) {
        Objects.requireNonNull(e, "e");
        Objects.requireNonNull(mode, "mode");
        checkWindow(stepUs, steps);
        int[][] b = buckets(e, t0Us, stepUs, steps, mode);
        int[] offsets = b[0];
        int[] neurons = b[1];
        // sort each step and drop repeats, compacting in place (the write position never passes the read one)
        int w = 0;
        for (int k = 0; k < steps; k++) {
            int from = offsets[k];
            int to = offsets[k + 1];
            java.util.Arrays.sort(neurons, from, to);
            offsets[k] = w;
            for (int j = from; j < to; j++) {
                if (j == from || neurons[j] != neurons[j - 1]) {
                    neurons[w++] = neurons[j];
                }
            }
        }
        offsets[steps] = w;
        return new BinnedEvents(shape(e, mode), offsets, w == neurons.length ? neurons
                : java.util.Arrays.copyOf(neurons, w), stepUs / 1000f);
    }

    private static void checkWindow(long stepUs, int steps) {
        if (stepUs < 1) {
            throw new IllegalArgumentException("stepUs must be >= 1, got " + stepUs);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
    }

    /** Counting sort of the events in the window by step: {@code {offsets (steps + 1), neuron per event}}. */
    private static int[][] buckets(Events e, long t0Us, long stepUs, int steps, PolarityMode mode) {
        int[] offsets = new int[Checks.arraySizeSum("steps + 1", steps, 1)];
        int[] stepOf = new int[e.size];
        for (int i = 0; i < e.size; i++) {
            long d = e.t[i] - t0Us;
            long k = d < 0 ? -1 : d / stepUs;
            if (k >= 0 && k < steps) {
                stepOf[i] = (int) k;
                offsets[(int) k + 1]++;
            } else {
                stepOf[i] = -1;
            }
        }
        for (int k = 0; k < steps; k++) {
            offsets[k + 1] += offsets[k];
        }
        int[] fill = java.util.Arrays.copyOf(offsets, Math.max(steps, 1));
        int[] neurons = new int[offsets[steps]];
        for (int i = 0; i < e.size; i++) {
            int k = stepOf[i];
            if (k >= 0) {
                neurons[fill[k]++] = index(e, i, mode);
            }
        }
        return new int[][] {offsets, neurons};
    }

    /** A spike source of exactly {@code steps} steps spread over {@code [t0, tMax]} as in {@link #framesByBins}. */
    public static EventSource toSpikeSourceBins(Events e, int steps, PolarityMode mode) {
        Objects.requireNonNull(e, "e");
        Objects.requireNonNull(mode, "mode");
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        int size = shape(e, mode).size();
        int[] eventSteps = new int[e.size];
        int[] idx = new int[e.size];
        if (e.size > 0) {
            long t0 = e.minTime();
            long span = e.maxTime() - t0 + 1;
            for (int i = 0; i < e.size; i++) {
                eventSteps[i] = bin(e.t[i] - t0, span, steps);
                idx[i] = index(e, i, mode);
            }
        }
        return EventSource.of(steps, size, eventSteps, idx);
    }
}
