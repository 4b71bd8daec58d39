package org.snn4j.layer;

import java.util.Arrays;
import org.snn4j.internal.Checks;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.neuron.NeuronModel;

/**
 * The per-step synaptic input of one population and the list of neurons that received any, so that
 * neurons with no input cost nothing. Layers scatter weights into it with {@link #add} (or write into
 * {@link #values()} after {@link #touch}), then call {@link #integrate} once per step, which advances the
 * neurons on the event-driven path when the model allows it and clears only the touched entries.
 *
 * <p>Mutable, not thread-safe: one per layer per simulation (keep it in the layer's {@link LayerState}).
 */
public final class SynapticInput {
    private final float[] values;
    private final byte[] touched; // 1 if touched in this step (byte, so add(row) can count without a branch)
    private final int[] touchedList;
    private int touchedCount;

    /** Buffers for a population of {@code size} neurons. */
    public SynapticInput(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
        int listSize = Checks.arraySizeSum("size + 1", size, 1);
        values = new float[size];
        touched = new byte[size];
        touchedList = new int[listSize]; // + 1: addRow writes one slot past the count
    }

    /** The population size. */
    public int size() {
        return values.length;
    }

    /** Adds {@code w} (mV) to neuron {@code i}'s input of this step and marks it touched. Not checked. */
    public void add(int i, float w) {
        if (touched[i] == 0) {
            touched[i] = 1;
            touchedList[touchedCount++] = i;
        }
        values[i] += w;
    }

    /**
     * Adds a row of synapses: for {@code k} in {@code [from, to)}, {@code w[k]} (mV) to neuron
     * {@code targets[k]}, marking each touched. Same result as calling {@link #add} for each synapse, in the
     * same order, but with a branch-free touched-list update (the scatter loop of sparse and dense layers).
     * Indices are not checked.
     *
     * @param targets target neuron of each synapse; not modified
     * @param w       weight of each synapse, mV; not modified
     */
    public void addRow(int[] targets, float[] w, int from, int to) {
        final float[] v = values;
        final byte[] tch = touched;
        final int[] list = touchedList;
        int c = touchedCount;
        for (int k = from; k < to; k++) {
            int i = targets[k];
            list[c] = i;
            c += 1 - tch[i];
            tch[i] = 1;
            v[i] += w[k];
        }
        touchedCount = c;
    }

    /** Marks neuron {@code i} touched without adding input (then write {@code values()[i]} directly). */
    public void touch(int i) {
        if (touched[i] == 0) {
            touched[i] = 1;
            touchedList[touchedCount++] = i;
        }
    }

    /** Live input array (mV); entries of untouched neurons are zero. */
    public float[] values() {
        return values;
    }

    /** Live list of touched neurons; entries {@code [0, touchedCount())} are valid. */
    public int[] touchedList() {
        return touchedList;
    }

    /** How many neurons received input in this step. */
    public int touchedCount() {
        return touchedCount;
    }

    /**
     * Advances the neurons by one step with this input, then clears it. Closed-form models with no
     * external current are advanced only where touched ({@link NeuronModel#stepTouched}); otherwise every
     * neuron is stepped ({@link NeuronModel#step}).
     *
     * @param current external current for this step, or null
     * @param out     modified: neurons that fire are added
     */
    public void integrate(NeuronModel model, NeuronState s, float[] current, float dtMs, int t, Spikes out) {
        if (current == null && model.closedForm()) {
            model.stepTouched(s, values, touchedList, touchedCount, dtMs, t, out);
        } else {
            model.step(s, values, current, dtMs, t, out);
        }
        clear();
    }

    /**
     * Zeroes the input of the touched neurons and empties the touched list: in O(touched) when few neurons were
     * touched, and as two bulk fills (the whole input and mark arrays, which the JIT compiles to wide stores)
     * when at least one in {@value #BULK_CLEAR_FRACTION} was, where that is cheaper than one scattered store
     * pair per touched neuron (both leave every entry zero).
     */
    public void clear() {
        final int n = touchedCount;
        if (n >= values.length / BULK_CLEAR_FRACTION && n > 0) {
            Arrays.fill(values, 0f);
            Arrays.fill(touched, (byte) 0);
        } else {
            for (int k = 0; k < n; k++) {
                int i = touchedList[k];
                values[i] = 0f;
                touched[i] = 0;
            }
        }
        touchedCount = 0;
    }

    /** {@link #clear} fills whole arrays when at least {@code size / BULK_CLEAR_FRACTION} neurons were touched. */
    static final int BULK_CLEAR_FRACTION = 16;
}
