package org.snn4j.gradient;

/**
 * A spiking neuron model with a surrogate gradient, advanced one time step at a time over a population of
 * {@code n} neurons of one sample, forward in time and then backward through time (BPTT).
 *
 * <p>Lifecycle per sample: {@link #forwardStep} for {@code t = 0, 1, ..., steps - 1} (at {@code t == 0} the state
 * starts at rest), then {@link #backwardStep} for {@code t = steps - 1, ..., 0}. The model keeps what the backward pass
 * needs in a {@link NeuronTrace} from {@link #newTrace(int, int)}, one per sample being processed.
 *
 * <p>Implementations are immutable and thread-safe; traces are not.
 */
public interface SurrogateNeuron {

    /** Per-step values per neuron kept for the backward pass (each a {@code steps x n} array of the trace). */
    int savedVariables();

    /** Values per neuron carried from one step to the next (state forward, adjoints backward). */
    int carriedVariables();

    /** How the forward pass produces its output. */
    ForwardMode forwardMode();

    /**
     * Buffers for one sample.
     *
     * @param steps time steps
     * @param n     neurons
     * @return a new trace sized for this model
     */
    default NeuronTrace newTrace(int steps, int n) {
        return new NeuronTrace(steps, n, savedVariables(), carriedVariables());
    }

    /**
     * Advances the neurons by one step.
     *
     * @param t   step, {@code 0 <= t < steps}; state is at rest before {@code t == 0}
     * @param n   neurons
     * @param in  input current (post-synaptic input) at {@code in[t * n + k]}; not modified
     * @param out receives the output (spikes 0/1, or the smooth step) at {@code out[t * n + k]}; modified
     * @param tr  the sample's trace; modified
     */
    void forwardStep(int t, int n, float[] in, float[] out, NeuronTrace tr);

    /**
     * One step of the backward pass: from {@code dL/d out[t]} (and the adjoint carried from step {@code t + 1})
     * to {@code dL/d in[t]}.
     *
     * @param t       step, called for {@code t = steps - 1} down to 0
     * @param n       neurons
     * @param out     the forward output; not modified
     * @param gradOut {@code dL/d out} at {@code gradOut[t * n + k]}; not modified
     * @param gradIn  receives {@code dL/d in} at {@code gradIn[t * n + k]}; modified
     * @param tr      the trace written by the forward pass; modified (adjoint carries)
     */
    void backwardStep(int t, int n, float[] out, float[] gradOut, float[] gradIn, NeuronTrace tr);
}
