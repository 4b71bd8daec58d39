package org.snn4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The mutable state of a population, stored as structure of arrays: one {@code float[]} per
 * {@link StateVar} declared by the neuron model, plus three arrays every model shares:
 * <ul>
 *   <li>{@link #lastSpikeStep()}: the step at which each neuron last fired, {@code -1} if never;</li>
 *   <li>{@link #lastUpdateStep()}: the step up to which each neuron's state has been advanced, used by
 *       closed-form (lazy) models to decay a neuron only when it is next touched;</li>
 *   <li>{@link #thresholdOffset()}: a per-neuron amount (mV) every model adds to its firing threshold;
 *       zero unless a homeostasis mechanism (adaptive threshold) raises it;</li>
 *   <li>{@link #inhibition()}: inhibitory input arriving for each neuron's next step, written by a competition
 *       (lateral inhibition) and applied, then zeroed, by a model that accepts inhibition
 *       ({@code NeuronModel.acceptsInhibition()}).</li>
 * </ul>
 * Models that predict their next spike also keep a {@link #calendar()} of due steps.
 * Neurons are indexed in CHW order of the population's {@link Shape}.
 *
 * <p>Not thread-safe; owned by one simulation.
 */
public final class NeuronState {
    private final int size;
    private final List<StateVar> vars;
    private final StateVar[] varArray; // the same, for the identity check of get()
    private final float[][] arrays;
    private final int[] lastSpikeStep;
    private final int[] lastUpdateStep;
    private final float[] thresholdOffset;
    private float[] inhibition;
    private Runnable beforeRead;
    /** Whether {@link #thresholdOffset()} was handed out since the offsets were last zeroed. */
    private boolean offsetsHandedOut = true;
    /** Whether {@link #inhibition()} was handed out since it was last zeroed. */
    private boolean inhibitionHandedOut;
    private SpikeCalendar calendar;

    /**
     * Allocates a zeroed state for {@code size} neurons with the given variables.
     *
     * @throws IllegalArgumentException if size is negative or a variable is listed twice
     */
    public NeuronState(int size, List<StateVar> variables) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
        Objects.requireNonNull(variables, "variables");
        this.size = size;
        this.vars = Collections.unmodifiableList(new ArrayList<>(variables));
        this.varArray = vars.toArray(new StateVar[0]);
        this.arrays = new float[vars.size()][];
        for (int i = 0; i < vars.size(); i++) {
            StateVar v = Objects.requireNonNull(vars.get(i), "variables[" + i + "]");
            if (vars.indexOf(v) != i) {
                throw new IllegalArgumentException("state variable " + v + " is listed twice");
            }
            arrays[i] = new float[size];
        }
        this.lastSpikeStep = new int[size];
        this.lastUpdateStep = new int[size];
        this.thresholdOffset = new float[size];
        Arrays.fill(lastSpikeStep, -1);
    }

    /** Number of neurons. */
    public int size() {
        return size;
    }

    /** The declared state variables, in declaration order. */
    public List<StateVar> variables() {
        return vars;
    }

    /** Whether this state holds the variable {@code v}. */
    public boolean has(StateVar v) {
        return vars.indexOf(v) >= 0;
    }

    /**
     * The live array of variable {@code v}. Call once per step, outside per-neuron loops.
     *
     * @throws IllegalArgumentException if the model did not declare {@code v}
     */
    public float[] get(StateVar v) {
        if (beforeRead != null) {
            Runnable r = beforeRead;
            beforeRead = null;
            r.run();
        }
        // models pass their own constants: an identity check finds them without comparing names
        for (int i = 0; i < varArray.length; i++) {
            if (varArray[i] == v) {
                return arrays[i];
            }
        }
        int k = vars.indexOf(v);
        if (k < 0) {
            throw new IllegalArgumentException("no state variable " + v + "; this state has " + vars);
        }
        return arrays[k];
    }

    /**
     * For layers that keep the neurons' variables elsewhere during a presentation (in their own layout): the
     * next {@link #get} first runs {@code writeBack} (once), which brings the variable arrays up to date, so
     * every reader sees current values while the layer copies them only when someone reads. Replaces an
     * earlier pending write-back; {@link #clear()} drops it.
     *
     * @param writeBack writes the current values into the arrays of {@link #get}, or null for none
     */
    public void writeBackBeforeNextRead(Runnable writeBack) {
        this.beforeRead = writeBack;
    }

    /** Live array: step of each neuron's last spike, {@code -1} if it never fired. */
    public int[] lastSpikeStep() {
        return lastSpikeStep;
    }

    /** Live array: step up to which each neuron's state is current (lazy models). */
    public int[] lastUpdateStep() {
        return lastUpdateStep;
    }

    /**
     * Live array: per-neuron threshold offset in mV, added by every model to its threshold. Fetch it again after
     * {@link #clear()} or {@link #zeroThresholdOffsets()} rather than keeping it: until it is handed out again the
     * offsets count as zero ({@link #thresholdOffsetsZero()}) and models may skip reading them.
     */
    public float[] thresholdOffset() {
        offsetsHandedOut = true;
        return thresholdOffset;
    }

    /**
     * Whether every threshold offset is certainly zero: nobody was handed the live array
     * ({@link #thresholdOffset()}) since the offsets were last zeroed ({@link #clear()},
     * {@link #zeroThresholdOffsets()}), so nothing can have written them. A model's threshold pass can then compare
     * against its base threshold alone. {@code false} does not mean that some offset is non-zero.
     */
    public boolean thresholdOffsetsZero() {
        return !offsetsHandedOut;
    }

    /**
     * Live array: the inhibitory input that arrives for each neuron at its next step, in inhibitory spikes (a count,
     * stored as float; what one spike does is the model's parameter). Competitions add to it (for example
     * {@code LateralInhibition}); a model that accepts inhibition ({@code NeuronModel.acceptsInhibition()}) applies
     * it in its next step and zeroes it; other models never read it, and the network refuses to attach a
     * competition that writes it to them.
     */
    public float[] inhibition() {
        if (inhibition == null) {
            inhibition = new float[size]; // allocated on first use: most layers never receive inhibition
        }
        inhibitionHandedOut = true;
        return inhibition;
    }

    /**
     * The calendar of predicted threshold crossings, allocated on first use by models that book their neurons'
     * next spikes ({@link SpikeCalendar}); cleared by {@link #clear()}.
     */
    public SpikeCalendar calendar() {
        if (calendar == null) {
            calendar = new SpikeCalendar(size);
        }
        return calendar;
    }

    /**
     * Zeroes every variable, the threshold offsets, the inhibition and update steps, and marks every neuron as never
     * fired. Models set their initial values afterwards in {@code NeuronModel.initialise}.
     */
    public void clear() {
        beforeRead = null;
        for (float[] a : arrays) {
            Arrays.fill(a, 0f);
        }
        Arrays.fill(lastSpikeStep, -1);
        Arrays.fill(lastUpdateStep, 0);
        Arrays.fill(thresholdOffset, 0f);
        if (inhibitionHandedOut) {
            Arrays.fill(inhibition, 0f);
            inhibitionHandedOut = false;
        }
        offsetsHandedOut = false;
        if (calendar != null) {
            calendar.clear();
        }
    }

    /**
     * Zeroes the threshold offsets, in O(1) when nobody was handed the live array ({@link #thresholdOffset()})
     * since they were last zeroed (nothing can have written them).
     */
    public void zeroThresholdOffsets() {
        if (offsetsHandedOut) {
            Arrays.fill(thresholdOffset, 0f);
            offsetsHandedOut = false;
        }
    }
}
