package org.snn4j.neuron;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.snn4j.CurrentSource;
import org.snn4j.NeuronState;
import org.snn4j.SpikeCalendar;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.internal.Checks;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;

/**
 * Perfect (non-leaky) integrate-and-fire neurons driven by a constant current per neuron, advanced event-driven:
 * a neuron costs work only when it receives input or fires, also when its current makes it fire on its own. This
 * is the neuron of ANN-to-SNN conversion (a ReLU's bias, or an analog input, as a constant current; reset by
 * subtraction), where {@link BiasCurrent} over {@link PerfectIf} would update every neuron at every step.
 *
 * <h2>Dynamics</h2>
 * Each neuron keeps a base potential {@code u} (state {@link #U}) and the step {@code s} it was taken at
 * ({@link NeuronState#lastUpdateStep()}, -1 before step 0, when {@code u = vReset}). With
 * {@code c = I dt} (float) its potential at a step {@code t > s} before any input is, in float arithmetic,
 * <pre>  P(t) = u + c * (t - s)</pre>
 * (one rounding of the product and one of the sum, not {@code t - s} roundings of an iterated sum). At step
 * {@code t}: {@code p = P(t)}; if the synaptic input {@code x} is not zero, {@code p = p + x}; if
 * {@code p} reaches {@code theta = threshold + thresholdOffset[i]} ({@link ThresholdComparison}) the neuron fires
 * and {@code p} is reset ({@link ResetMode}: subtract {@code theta - vReset}, set to {@code vReset}, or keep);
 * after an input or a spike the base is re-taken: {@code u = p, s = t}. The potential seen by monitors
 * ({@link #V}) is {@code P(t)} brought up to date by {@link #advanceTo}. At most one spike per step.
 *
 * <h2>Event-driven path</h2>
 * Without input, {@code P(t)} is monotone in {@code t} (both roundings are monotone), so the first step at
 * which a neuron fires on its own is found in closed form and checked exactly against the same float formula.
 * {@link #stepTouched} processes the neurons that received input, the neurons that received input at the previous
 * step (so a neuron with input at every step is never booked), and the quiet neurons due now; a neuron that goes
 * quiet, or fires on its current alone, is booked at its next crossing in its population's {@link SpikeCalendar}. Spikes of a step are emitted
 * in increasing neuron order, as {@link #step} does. A population in which more than an eighth of the neurons
 * would be processed at a step goes <em>dense</em> ({@link SpikeCalendar#dense()}): every neuron is processed in
 * order, with no booking, carrying or sorting, until a step at which its inputs plus twice its spikes fall below
 * a sixteenth of its neurons (a population that ended its previous presentation dense starts the next one dense); then every neuron is carried or booked again. Processing a neuron that neither
 * receives input nor fires changes nothing but its monitor value, so the choice does not change any result: the
 * two paths give bit-identical potentials and identical spikes in the same order (for presentations shorter than
 * 2^24 steps, where {@code t - s} is exact as a float).
 *
 * <p>The current is read from its {@link CurrentSource} (step 0) when a presentation starts ({@link #initialise}),
 * into the state {@link #I}: a source that changes between presentations (an image given as a current) is taken
 * up at the next presentation. Threshold offsets are read when a neuron is processed and must not change during
 * a presentation (no homeostasis). No refractory period, no fire-once.
 *
 * <p>Immutable and thread-safe if its current source is; state is in the {@link NeuronState}.
 */
public final class BiasedIf implements Persistent, NeuronModel {
    /** Membrane potential as last brought up to date, mV. */
    public static final StateVar V = new StateVar("v", "mV");
    /** Base potential at the neuron's last input or spike, mV. */
    public static final StateVar U = new StateVar("u", "mV");
    /** The constant current of this presentation, mV/ms. */
    public static final StateVar I = new StateVar("i", "mV/ms");

    /** Steps ahead beyond which a crossing is not booked: {@code t - s} is exact in float up to 2^24. */
    static final int HORIZON = 1 << 24;
    /**
     * A population goes dense (every neuron processed in order, no calendar) at a step where more than
     * {@code 1/DENSE_ABOVE} of its neurons would be processed on the event-driven path.
     */
    static final int DENSE_ABOVE = 8;
    /**
     * A dense population returns to the event-driven path after a step where its input count plus twice its spike
     * count is below {@code 1/EVENT_BELOW} of its neurons (hysteresis: re-booking every neuron is not free).
     */
    static final int EVENT_BELOW = 16;

    private final PerfectIfParameters p;
    private final CurrentSource current;
    private final boolean eventDriven;
    /** Bound to a step ({@link #bind}): the step, ms; else NaN. */
    private final float boundDt;

    /**
     * @param p           threshold, reset value and mode, comparison; {@code refractoryMs} must be 0 and
     *                    {@code fireOnce} false
     * @param current     the constant current of each neuron, mV/ms (read at step 0 of every presentation)
     * @param eventDriven true for the event-driven path ({@link #closedForm()}); false steps every neuron at every
     *                    step (the reference the event-driven path is tested against)
     */
    public BiasedIf(PerfectIfParameters p, CurrentSource current, boolean eventDriven) {
        this.p = Objects.requireNonNull(p, "p");
        this.current = Objects.requireNonNull(current, "current");
        if (p.refractoryMs() != 0f) {
            throw new IllegalArgumentException("BiasedIf has no refractory period; refractoryMs must be 0, got "
                    + p.refractoryMs());
        }
        if (p.fireOnce()) {
            throw new IllegalArgumentException("BiasedIf fires repeatedly; fireOnce must be false");
        }
        this.eventDriven = eventDriven;
        this.boundDt = Float.NaN;
    }

    private BiasedIf(BiasedIf unbound, float dtMs) {
        this.p = unbound.p;
        this.current = unbound.current;
        this.eventDriven = unbound.eventDriven;
        this.boundDt = Checks.positive("dtMs", dtMs);
    }

    /** This model stepping at {@code dtMs} (the argument of the step calls is then not read). */
    @Override
    public NeuronModel bind(float dtMs) {
        return new BiasedIf(this, dtMs);
    }

    /** The step length to use: the bound one, else the argument. */
    private float dt(float dtMs) {
        return boundDt == boundDt ? boundDt : dtMs;
    }

    /**
     * Whether the current source is {@linkplain CurrentSource#replayable() replayable}: a source whose currents are
     * set per presentation (an image given as a current) makes a layer's spikes depend on more than its input.
     */
    @Override
    public boolean replayable() {
        return current.replayable();
    }

    /**
     * The currents the model reads (its source at step 0), for saving.
     *
     * @throws IllegalArgumentException if the source is not replayable (its values change between presentations)
     */
    float[] savedCurrent() {
        if (!current.replayable()) {
            throw new IllegalArgumentException("BiasedIf's current source " + current + " is not replayable (its "
                    + "values may change between presentations), so the model cannot be saved");
        }
        float[] c = new float[current.size()];
        current.current(0, c);
        return c;
    }

    /** Event-driven neurons with a constant current per neuron ({@code bias} is copied), mV/ms. */
    public BiasedIf(PerfectIfParameters p, float[] bias) {
        this(p, CurrentSource.constant(bias), true);
    }

    /** The parameters. */
    public PerfectIfParameters parameters() {
        return p;
    }

    /** The current source. */
    public CurrentSource currentSource() {
        return current;
    }

    /** The same model stepping every neuron at every step ({@code false}) or event-driven ({@code true}). */
    public BiasedIf withEventDriven(boolean on) {
        return on == eventDriven ? this : new BiasedIf(p, current, on);
    }

    @Override
    public List<StateVar> stateVariables() {
        return List.of(V, U, I);
    }

    /**
     * Sets {@code V = u = vReset}, the base step to -1 and reads the current.
     *
     * @throws IllegalArgumentException if the current source's size differs from the population's, or a current
     *                                  is not finite
     */
    @Override
    public void initialise(NeuronState s) {
        if (current.size() != s.size()) {
            throw new IllegalArgumentException("BiasedIf has a current for " + current.size()
                    + " neurons and a population of " + s.size());
        }
        Arrays.fill(s.get(V), p.vReset());
        Arrays.fill(s.get(U), p.vReset());
        Arrays.fill(s.lastUpdateStep(), -1);
        float[] c = s.get(I);
        current.current(0, c);
        for (int i = 0; i < c.length; i++) {
            if (!Float.isFinite(c[i])) {
                throw new IllegalArgumentException("current[" + i + "] must be finite, got " + c[i]);
            }
        }
    }

    @Override
    public boolean closedForm() {
        return eventDriven;
    }

    private boolean fires(float v, float theta) {
        return p.comparison() == ThresholdComparison.GREATER ? v > theta : v >= theta;
    }

    private float reset(float v, float theta) {
        return p.resetMode().apply(v, theta, p.vReset());
    }

    /**
     * Processes neuron {@code i} at step {@code t}: potential, input, threshold, reset; re-takes the base after an
     * input or a spike. Returns whether the base was re-taken.
     */
    private boolean process(int i, float x, float[] v, float[] u, float[] cur, int[] last, int[] lastSpike,
                            float[] off, float dtMs, int t, Spikes out) {
        float c = cur[i] * dtMs;
        float pi = u[i] + c * (t - last[i]);
        boolean rebase = false;
        if (x != 0f) {
            pi = pi + x;
            rebase = true;
        }
        float theta = p.threshold() + off[i];
        if (fires(pi, theta)) {
            pi = reset(pi, theta);
            lastSpike[i] = t;
            out.add(i);
            rebase = true;
        }
        if (rebase) {
            u[i] = pi;
            last[i] = t;
        }
        v[i] = pi;
        return rebase;
    }

    /**
     * Clock-driven step of every neuron.
     *
     * @param input    synaptic input of this step, mV; not modified
     * @param external must be null (the current is the model's own)
     * @throws IllegalArgumentException if an external current is passed
     */
    @Override
    public void step(NeuronState s, float[] input, float[] external, float dtMs, int t, Spikes out) {
        if (external != null) {
            throw new IllegalArgumentException("BiasedIf has its own current; it cannot take an external one");
        }
        stepAll(s, input, dt(dtMs), t, out);
    }

    /** Processes every neuron, in increasing order. */
    private void stepAll(NeuronState s, float[] input, float dtMs, int t, Spikes out) {
        float[] v = s.get(V);
        float[] u = s.get(U);
        float[] cur = s.get(I);
        int[] last = s.lastUpdateStep();
        int[] lastSpike = s.lastSpikeStep();
        float[] off = s.thresholdOffset();
        for (int i = 0, n = s.size(); i < n; i++) {
            process(i, input[i], v, u, cur, last, lastSpike, off, dtMs, t, out);
        }
    }

    /**
     * Event-driven step: the touched neurons and the neurons booked at {@code t}, each processed once; spikes in
     * increasing neuron order. At the first step of a presentation every neuron is booked.
     */
    @Override
    public void stepTouched(NeuronState s, float[] input, int[] touched, int count, float stepMs, int t,
                            Spikes out) {
        final float dtMs = dt(stepMs);
        float[] v = s.get(V);
        float[] u = s.get(U);
        float[] cur = s.get(I);
        int[] last = s.lastUpdateStep();
        int[] lastSpike = s.lastSpikeStep();
        float[] off = s.thresholdOffset();
        SpikeCalendar cal = s.calendar();
        int size = s.size();
        if (!cal.started()) {
            cal.start();
            if (cal.endedDense() || (long) count * DENSE_ABOVE > size) {
                cal.goDense();          // dense at the end of the previous presentation: likely dense again
            } else {
                for (int i = 0; i < size; i++) {
                    if (last[i] < t) {
                        book(cal, i, u[i], cur[i] * dtMs, last[i], p.threshold() + off[i]);
                    }
                }
            }
        }
        if (cal.dense()) {
            int before = out.count();
            stepAll(s, input, dtMs, t, out);
            long active = count + 2L * (out.count() - before);
            if (active * EVENT_BELOW < size) {
                // few inputs and spikes: back to the event-driven path (every neuron carried or booked)
                cal.leaveDense();
                for (int i = 0; i < size; i++) {
                    if (last[i] == t) {
                        cal.carry(i);
                    } else {
                        book(cal, i, u[i], cur[i] * dtMs, last[i], p.threshold() + off[i]);
                    }
                }
                cal.endStep();
            }
            return;
        }
        int due = cal.take(t);
        if ((long) (count + cal.carriedCount() + due) * DENSE_ABOVE > size) {
            // most neurons would be processed anyway: every neuron, in order, without bookkeeping
            cal.goDense();
            stepAll(s, input, dtMs, t, out);
            return;
        }
        int before = out.count();
        int[] drained = cal.drained();
        // 1. neurons with input
        for (int k = 0; k < count; k++) {
            int i = touched[k];
            if (process(i, input[i], v, u, cur, last, lastSpike, off, dtMs, t, out)) {
                cal.carry(i);
            }
        }
        // 2. neurons re-based at the previous step and not re-based now (no input: they fire on their current, or
        // not), then booked at their next crossing
        int[] carried = cal.carried();
        for (int k = 0, m = cal.carriedCount(); k < m; k++) {
            int i = carried[k];
            if (last[i] == t) {
                continue;
            }
            process(i, input[i], v, u, cur, last, lastSpike, off, dtMs, t, out);
            book(cal, i, u[i], cur[i] * dtMs, last[i], p.threshold() + off[i]);
        }
        // 3. quiet neurons whose booked crossing is now: they fire, and are booked at the next one
        for (int k = 0; k < due; k++) {
            int i = drained[k];
            if (last[i] == t || cal.due(i) >= 0) {
                continue;               // handled above
            }
            process(i, input[i], v, u, cur, last, lastSpike, off, dtMs, t, out);
            book(cal, i, u[i], cur[i] * dtMs, last[i], p.threshold() + off[i]);
        }
        cal.endStep();
        int after = out.count();
        if (after - before > 1) {
            inOrder(out, before, after, cal.orderBits());
        }
    }

    /**
     * Puts the spikes {@code [from, to)} of {@code out} in increasing order, as the clock-driven step emits them:
     * a few by insertion sort, more through a bitmap ({@code bits}, all zero before and after).
     */
    private static void inOrder(Spikes out, int from, int to, long[] bits) {
        int[] idx = out.indices();
        if (to - from <= 16) {
            Arrays.sort(idx, from, to);
            return;
        }
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (int k = from; k < to; k++) {
            int i = idx[k];
            int w = i >>> 6;
            bits[w] |= 1L << i;
            lo = Math.min(lo, w);
            hi = Math.max(hi, w);
        }
        int k = from;
        for (int w = lo; w <= hi; w++) {
            long b = bits[w];
            if (b != 0L) {
                bits[w] = 0L;
                int base = w << 6;
                while (b != 0L) {
                    idx[k++] = base + Long.numberOfTrailingZeros(b);
                    b &= b - 1;
                }
            }
        }
    }

    /**
     * Books neuron {@code i} (base {@code u} taken at step {@code s}, {@code c = I dt}) at the first step
     * {@code t > s} at which {@code u + c * (t - s)} reaches {@code theta}; if it does not cross within
     * {@link #HORIZON} steps, no booking (the exactness of {@code t - s}, and so the promise that both paths agree,
     * ends there anyway).
     */
    private void book(SpikeCalendar cal, int i, float u, float c, int s, float theta) {
        int n = firstCrossing(u, c, theta);
        cal.book(i, n > 0 ? s + n : -1);
    }

    /** The smallest {@code n >= 1} with {@code u + c * n} firing against {@code theta}, or -1 if none by HORIZON. */
    int firstCrossing(float u, float c, float theta) {
        if (fires(u + c, theta)) {      // n = 1: c * 1 is c
            return 1;
        }
        // with c <= 0 this fails too (u + c * HORIZON <= u + c): the potential does not rise without input
        if (!fires(u + c * HORIZON, theta)) {
            return -1;
        }
        // the real-number estimate, then galloping and bisection on the monotone float formula: near theta a
        // tiny c moves u + c n by whole ulps only every many steps, so the estimate can be far from the answer
        double est = Math.ceil(((double) theta - (double) u) / c);
        int n = est >= HORIZON ? HORIZON : (int) Math.max(2, est);
        int lo;                       // does not fire (1 does not, checked above)
        int hi;                       // fires
        if (fires(u + c * n, theta)) {
            hi = n;
            int step = 1;
            lo = Math.max(1, n - step);
            while (lo > 1 && fires(u + c * lo, theta)) {
                hi = lo;
                step <<= 1;
                lo = Math.max(1, lo - step);
            }
        } else {
            lo = n;
            int step = 1;
            hi = (int) Math.min(HORIZON, (long) n + step);
            while (!fires(u + c * hi, theta)) {
                lo = hi;
                step <<= 1;
                hi = (int) Math.min(HORIZON, (long) hi + step);
            }
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (fires(u + c * mid, theta)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** Writes {@code V = P(t)} for every neuron (its base is not re-taken, so later steps are unchanged). */
    @Override
    public void advanceTo(NeuronState s, float stepMs, int t) {
        final float dtMs = dt(stepMs);
        float[] v = s.get(V);
        float[] u = s.get(U);
        float[] cur = s.get(I);
        int[] last = s.lastUpdateStep();
        for (int i = 0, n = s.size(); i < n; i++) {
            if (last[i] < t) {
                v[i] = u[i] + cur[i] * dtMs * (t - last[i]);
            }
        }
    }

    @Override
    public String toString() {
        return "BiasedIf[" + p + ", " + current + (eventDriven ? "" : ", clock-driven") + "]";
    }

    /** The codec that saves and restores this component (only with a replayable current source). */
    @Override
    public Codec<?> codec() {
        return NeuronCodecs.BIASED_IF;
    }
}
