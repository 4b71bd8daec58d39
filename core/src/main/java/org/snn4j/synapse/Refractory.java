package org.snn4j.synapse;

import java.util.Arrays;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.internal.kernel.FloatKernels;

/**
 * Refractoriness of the synaptic models and their shared threshold pass. With
 * {@code r = max(1, round(refractoryMs / dt))} steps, a neuron that fired at step {@code ts} keeps its
 * membrane during steps {@code ts+1 .. ts+r-1} and integrates again from {@code ts+r} (Brian2's rule, see
 * {@link SynapticModel}). It is kept as two float state variables so that every loop stays free of
 * branches and is vectorised by the JIT compiler: a counter {@link #COUNTER} set to {@code r} by a spike
 * and lowered by one at the start of every step, and the flag {@link #LIVE} {@code = 1 - min(counter, 1)}
 * by which the membrane update is multiplied. Stateless.
 */
final class Refractory {
    /** Refractory counter, steps: {@code r} after a spike, lowered by one per step, 0 when free. */
    static final StateVar COUNTER = new StateVar("refractory", "steps");
    /** 1 if the membrane integrates in the current step, 0 while it is held. */
    static final StateVar LIVE = new StateVar("integrating", "1");

    private Refractory() {
    }

    /** The step count {@code r = max(1, round(refractoryMs / dtMs))}. */
    static int steps(float refractoryMs, float dtMs) {
        return Math.max(1, SynapticModel.refractorySteps(refractoryMs, dtMs));
    }

    /** The largest refractory step count the float counter holds and counts down exactly: 2^24. */
    static final int MAX_STEPS = 1 << 24;

    /**
     * {@link #steps} for a model bound to step {@code dtMs}, refused beyond {@link #MAX_STEPS}.
     *
     * @throws IllegalArgumentException naming {@code refractoryMs}, its value and the step
     */
    static int boundSteps(float refractoryMs, float dtMs) {
        double r = Math.floor((double) refractoryMs / dtMs + 0.5);
        if (r > MAX_STEPS) {
            throw new IllegalArgumentException("refractoryMs " + refractoryMs + " at dt " + dtMs + " ms is " + (long) r
                    + " steps, more than the " + MAX_STEPS + " the refractory counter (a float) counts exactly");
        }
        return steps(refractoryMs, dtMs);
    }

    /** Sets every neuron free: counter 0, flag 1. */
    static void initialise(NeuronState s) {
        Arrays.fill(s.get(COUNTER), 0f);
        Arrays.fill(s.get(LIVE), 1f);
    }

    /**
     * Start of a step: lowers the counters of {@code [from, to)} and sets the flags.
     *
     * @param counter modified
     * @param live    modified
     */
    static void countDown(float[] counter, float[] live, int from, int to) {
        for (int i = from; i < to; i++) {
            float c = Math.max(counter[i] - 1f, 0f);
            counter[i] = c;
            live[i] = 1f - Math.min(c, 1f);
        }
    }

    /**
     * Threshold pass over {@code [from, to)} after the integration of step {@code t}: a neuron that
     * integrated in this step and reached {@code vThreshold + thresholdOffset} fires, is reset and starts
     * its refractory count. A plain scan for the next crossing, whose branch is almost never taken: on JDK 17
     * to 25 this is faster than screening blocks with a floating-point maximum first (C2 does not vectorise
     * that reduction well; measured 1.4 against 2.7 microseconds for 4,000 neurons). With {@code capped}, no
     * threshold offsets and the scalar kernels, the crossings are found by {@link #firstCrossing} instead (the
     * Vector API scan is cheaper still): the same neurons fire, in the same order.
     *
     * @param s       modified: {@code V} (the first variable), {@code lastSpikeStep}, {@code lastUpdateStep}; its
     *                threshold offsets are read only if some may be non-zero ({@link NeuronState#thresholdOffsetsZero})
     * @param counter modified at the neurons that fire
     * @param live    modified at the neurons that fire
     * @param out     modified: the neurons that fire are added, in increasing order
     * @param capped  scratch of at least {@code to} floats, modified at {@code [from, to)}; or null (the scan)
     */
    static void fire(NeuronState s, float[] counter, float[] live, float vThreshold, float vReset, int r, int from,
                     int to, int t, Spikes out, float[] capped) {
        final float[] v = s.get(s.variables().get(0));
        Arrays.fill(s.lastUpdateStep(), from, to, t);
        // without offsets (no homeostasis has been handed them) the scan compares with the threshold alone: one
        // load per neuron fewer (the same spikes: v >= vThreshold + 0f is v >= vThreshold)
        float[] off = s.thresholdOffsetsZero() ? null : s.thresholdOffset();
        float below = Math.nextDown(vThreshold);
        if (off == null && capped != null && SCALAR && below < vThreshold) {
            fireCapped(v, capped, below, counter, live, s.lastSpikeStep(), vReset, r, from, to, t, out);
        } else {
            fireRange(v, off, counter, live, s.lastSpikeStep(), vThreshold, vReset, r, from, to, t, out);
        }
    }

    /**
     * The threshold pass by {@link #firstCrossing}: {@code capped[i] = min(v[i], below)} for the whole range (one
     * vectorised loop), then the crossings one after the other.
     */
    private static void fireCapped(float[] v, float[] capped, float below, float[] counter, float[] live,
                                   int[] lastSpike, float vReset, int r, int from, int to, int t, Spikes out) {
        for (int i = from; i < to; i++) {
            capped[i] = Math.min(v[i], below);
        }
        for (int i = firstCrossing(v, capped, from, to); i < to; i = firstCrossing(v, capped, i + 1, to)) {
            spikeIfLive(i, v, counter, live, lastSpike, vReset, r, t, out);
        }
    }

    /** Neuron {@code i} reached the threshold: if it integrated in this step, it fires, is reset and held. */
    private static void spikeIfLive(int i, float[] v, float[] counter, float[] live, int[] lastSpike, float vReset,
                                    int r, int t, Spikes out) {
        if (live[i] != 0f) {
            v[i] = vReset;
            counter[i] = r;
            live[i] = 0f;
            lastSpike[i] = t;
            out.add(i);
        }
    }

    /**
     * The first {@code i} in {@code [from, to)} with {@code v[i] >= threshold}, or {@code to}, given
     * {@code capped[i] = min(v[i], below)} with {@code below = Math.nextDown(threshold) < threshold}: the first
     * index where the two arrays differ ({@link Arrays#mismatch}, which the JIT compiles to 32-byte compares of the
     * raw bits). Exact: a {@code v[i] < threshold} is {@code <= below}, so {@code capped[i]} is {@code v[i]}, the
     * same bits (also {@code -0f}); a {@code v[i] >= threshold} is above {@code below}, so {@code capped[i] = below}
     * differs; a NaN stays NaN, which {@code mismatch} counts as equal (and {@code NaN >= threshold} is false).
     * C2 (JDK 17) does not vectorise the plain scan (it may stop early), which costs about a cycle per neuron;
     * this costs a vectorised minimum and compare per 8 neurons and one call per crossing.
     */
    static int firstCrossing(float[] v, float[] capped, int from, int to) {
        int k = Arrays.mismatch(v, from, to, capped, from, to);
        return k < 0 ? to : from + k;
    }

    private static void fireRange(float[] v, float[] off, float[] counter, float[] live, int[] lastSpike,
                                  float vThreshold, float vReset, int r, int from, int to, int t, Spikes out) {
        for (int i = crossing(v, off, vThreshold, from, to); i < to; i = crossing(v, off, vThreshold, i + 1, to)) {
            spikeIfLive(i, v, counter, live, lastSpike, vReset, r, t, out);
        }
    }

    /**
     * The first {@code i} in {@code [from, to)} with {@code v[i] >= vThreshold + off[i]} ({@code v[i] >= vThreshold}
     * when {@code off} is null: every offset is zero), or {@code to}. A loop
     * of its own with no call in it: with the spike bookkeeping (a call) inside the scanning loop, C2 sometimes
     * compiled it without unrolling, four times slower (measured 11 against 2.8 microseconds per 4,000 neurons).
     * The loop is {@link FloatKernels#firstAtLeast}: the plain one, or on JDK 21+ with the incubator module
     * readable one vector compare per 8 neurons (C2 does not vectorise a scan that can stop early).
     */
    private static int crossing(float[] v, float[] off, float vThreshold, int from, int to) {
        return off == null ? KERNELS.firstAtLeast(v, vThreshold, from, to)
                : KERNELS.firstAtLeast(v, off, vThreshold, from, to);
    }

    private static final FloatKernels KERNELS = FloatKernels.get();
    /** Whether the kernels are the scalar ones: then the threshold pass uses {@link #firstCrossing}. */
    private static final boolean SCALAR = KERNELS == FloatKernels.scalar();
}
