package org.snn4j.layer;

import java.util.Arrays;
import java.util.Objects;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.neuron.NeuronModel;

/**
 * The mutable state of one layer in one simulation: its neurons (if it has any), the step at which each
 * input neuron last fired (what learning rules read), and cheap always-on counters. Layers that need
 * more buffers extend this class. Created by {@link Layer#newState()}; not thread-safe.
 */
public class LayerState {
    private final Shape inputShape;
    private final Shape outputShape;
    private final NeuronState neurons;
    private final int[] inputSpikeStep;
    /**
     * Input spikes of this presentation not yet written into {@link #inputSpikeStep} ({@link #deferInputSpikes}):
     * their neurons in the order recorded, {@code runEnd[r]} ending run {@code r} of step {@code runStep[r]}.
     * Allocated on first use.
     */
    private int[] deferred;
    private int deferredCount;
    private int[] runStep;
    private int[] runEnd;
    private int runs;
    /** Whether {@link #inputSpikeStep} was handed out since the last reset: marks then go straight into it. */
    private boolean handedOut;
    /** Whether {@link #inputSpikeStep} may hold an entry other than -1 (a reset must fill it). */
    private boolean marked;
    private long spikes;
    private long synapticEvents;
    private int[] inhibitedUntil;
    private NeuronModel boundModel;

    /**
     * @param neurons the layer's neurons, or null for layers without neurons (pooling, padding)
     */
    public LayerState(Shape inputShape, Shape outputShape, NeuronState neurons) {
        this.inputShape = Objects.requireNonNull(inputShape, "inputShape");
        this.outputShape = Objects.requireNonNull(outputShape, "outputShape");
        if (neurons != null && neurons.size() != outputShape.size()) {
            throw new IllegalArgumentException("neurons must have " + outputShape.size()
                    + " entries for output shape " + outputShape + ", got " + neurons.size());
        }
        this.neurons = neurons;
        this.inputSpikeStep = new int[inputShape.size()];
        Arrays.fill(inputSpikeStep, -1);
    }

    /**
     * Engine hook: the layer's neuron model with the network's time step bound ({@link NeuronModel#bind}), which
     * the layer steps in this state instead of its own model (decay tables and refractory step counts computed
     * once, when the network was built). The simulation calls it before the first presentation.
     *
     * @param bound the layer's model bound to the network's step
     */
    public final void bindModel(NeuronModel bound) {
        this.boundModel = Objects.requireNonNull(bound, "bound");
    }

    /**
     * The model the layer steps in this state: the one the engine bound ({@link #bindModel}), else {@code own}
     * (a state driven outside a simulation).
     */
    public final NeuronModel steppedModel(NeuronModel own) {
        NeuronModel b = boundModel;
        return b != null ? b : own;
    }

    /** The shape of the layer's input population. */
    public Shape inputShape() {
        return inputShape;
    }

    /** The shape of the layer's output population. */
    public Shape outputShape() {
        return outputShape;
    }

    /** The layer's neurons, or null if it has none. */
    public NeuronState neurons() {
        return neurons;
    }

    /**
     * Live array of the membrane potentials of the output neurons (mV; the neuron model's first state
     * variable, or the built-in firing's potential), in CHW order. Current after the presentation (the engine
     * calls {@link Layer#finish}); during a presentation lazy models and position-major layers may lag: use
     * {@link #potential(int)} there.
     *
     * @throws IllegalStateException if the layer has no neurons (pooling, padding)
     */
    public float[] potentials() {
        if (neurons == null || neurons.variables().isEmpty()) {
            throw new IllegalStateException("a layer with output " + outputShape + " has no neurons, so no potentials");
        }
        return neurons.get(neurons.variables().get(0));
    }

    /**
     * The membrane potential of output neuron {@code i} as the layer sees it now (mV). Layers whose
     * potentials live elsewhere during a presentation override it ({@link Conv2dLayer}'s built-in firing).
     *
     * @throws IllegalStateException if the layer has no neurons
     * @throws IndexOutOfBoundsException if {@code i} is not an output neuron
     */
    public float potential(int i) {
        return potentials()[Objects.checkIndex(i, outputShape.size())];
    }

    /**
     * Live array: the per-neuron threshold offsets (mV) of the output neurons, the one home of homeostasis
     * ({@link NeuronState#thresholdOffset()}).
     *
     * @throws IllegalStateException if the layer has no neurons
     */
    public float[] thresholdOffsets() {
        if (neurons == null) {
            throw new IllegalStateException("a layer with output " + outputShape + " has no neurons, so no thresholds");
        }
        return neurons.thresholdOffset();
    }

    /**
     * Live array: the last step at which each input neuron fired, -1 if it has not fired. It stays live until the
     * next {@link #reset()}: fetch it again after a reset (a layer may keep a presentation's input spikes elsewhere
     * until the array is asked for, {@link #deferInputSpikes}).
     */
    public int[] inputSpikeStep() {
        if (!handedOut) {
            handOut();
        }
        return inputSpikeStep;
    }

    /** Writes the deferred input spikes into {@link #inputSpikeStep}; marks go straight into it until the reset. */
    private void handOut() {
        writeDeferred();
        handedOut = true;
        marked = true;
    }

    /**
     * Layer hook: records that inputs {@code idx[0 .. n)} fired at {@code step}, which {@link #inputSpikeStep()}
     * must show (in order: a later record of the same input wins). While nobody has asked for that array since the
     * last reset, the record is only copied into a list ({@code n} contiguous writes instead of {@code n} scattered
     * ones) and written into the array when it is asked for; the next reset then needs no fill of the whole array,
     * only to forget the list. Returns false if the caller must write the marks into {@link #inputSpikeStep()}
     * itself (the array was handed out, or the list would exceed one entry per input).
     *
     * @param idx input neurons, {@code [0, inputShape().size())} (not checked); not modified
     */
    final boolean deferInputSpikes(int[] idx, int n, int step) {
        if (handedOut) {
            return false;
        }
        if (n == 0) {
            return true;
        }
        int size = inputSpikeStep.length;
        if (n > size - deferredCount) {
            handOut(); // for the rest of the presentation (the caller writes these marks and later ones)
            return false;
        }
        if (deferred == null) {
            deferred = new int[size];
            runStep = new int[4];
            runEnd = new int[4];
        }
        System.arraycopy(idx, 0, deferred, deferredCount, n);
        deferredCount += n;
        if (runs > 0 && runStep[runs - 1] == step) {
            runEnd[runs - 1] = deferredCount;
        } else {
            if (runs == runStep.length) {
                runStep = Arrays.copyOf(runStep, 2 * runs);
                runEnd = Arrays.copyOf(runEnd, 2 * runs);
            }
            runStep[runs] = step;
            runEnd[runs++] = deferredCount;
        }
        return true;
    }

    /** Writes the deferred input spikes into {@link #inputSpikeStep}, in the order recorded, and forgets them. */
    private void writeDeferred() {
        if (deferredCount == 0) {
            return;
        }
        int[] a = inputSpikeStep;
        int[] d = deferred;
        for (int r = 0, k = 0; r < runs; r++) {
            int t = runStep[r];
            for (int end = runEnd[r]; k < end; k++) {
                a[d[k]] = t;
            }
        }
        deferredCount = 0;
        runs = 0;
    }

    /**
     * Live array, allocated on first use: output neuron {@code i} may not fire while the current step is
     * below {@code inhibitedUntil()[i]} ({@code 0}: free, {@link Integer#MAX_VALUE}: for the rest of the
     * presentation). Competition writes it (pointwise inhibition, winner-take-all refractoriness) and
     * removes the spikes of inhibited neurons itself ({@link org.snn4j.Spikes#removeInhibited}); layers
     * may also skip inhibited neurons early. Cleared by {@link #reset()}.
     */
    public int[] inhibitedUntil() {
        if (inhibitedUntil == null) {
            inhibitedUntil = new int[outputShape.size()];
        }
        return inhibitedUntil;
    }

    /** The {@link #inhibitedUntil()} array if it was ever requested, else null (no neuron is inhibited). */
    public int[] inhibitedUntilOrNull() {
        return inhibitedUntil;
    }

    /** Output spikes counted since the counters were last reset. */
    public long spikeCount() {
        return spikes;
    }

    /** Synaptic events (weight additions) counted since the counters were last reset. */
    public long synapticEvents() {
        return synapticEvents;
    }

    /** Adds to the counters (layers call this once per step, not per event). */
    public void count(long spikes, long synapticEvents) {
        this.spikes += spikes;
        this.synapticEvents += synapticEvents;
    }

    /** Zeroes the counters. */
    public void resetCounters() {
        spikes = 0;
        synapticEvents = 0;
    }

    /**
     * Prepares for a new presentation: clears input spike steps; subclasses clear their buffers too
     * (and must call {@code super.reset()}). The neurons are cleared and re-initialised by the engine.
     * Counters are kept. (The input spike step array is filled with -1 only if it may hold other values: when it
     * was handed out or written since the last fill; input spikes only deferred are forgotten.)
     */
    public void reset() {
        if (marked) {
            Arrays.fill(inputSpikeStep, -1);
            marked = false;
        }
        deferredCount = 0;
        runs = 0;
        handedOut = false;
        if (inhibitedUntil != null) {
            Arrays.fill(inhibitedUntil, 0);
        }
    }
}
