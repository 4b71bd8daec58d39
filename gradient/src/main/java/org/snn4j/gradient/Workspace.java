package org.snn4j.gradient;

/**
 * One sample's buffers for a {@link SpikingNetwork}: the input ({@link #input()}, filled by the caller), every
 * layer's output and {@code dL/d output}, and each layer's scratch. Not thread-safe: one per sample in flight.
 */
public final class Workspace {
    private final Tensor[] acts;
    private final Tensor[] grads;
    private final Object[] scratch;

    Workspace(SpikingNetwork net) {
        int n = net.layers().size();
        int steps = net.steps();
        acts = new Tensor[n + 1];
        grads = new Tensor[n + 1];
        scratch = new Object[n];
        acts[0] = new Tensor(steps, net.inputShape());
        for (int l = 0; l < n; l++) {
            Layer layer = net.layers().get(l);
            acts[l + 1] = new Tensor(steps, layer.outputShape());
            grads[l + 1] = new Tensor(steps, layer.outputShape());
            scratch[l] = layer.newScratch(steps);
        }
    }

    /** The input tensor, to be filled before {@link SpikingNetwork#forward}. */
    public Tensor input() {
        return acts[0];
    }

    /** The network's output after a forward pass. */
    public Tensor output() {
        return acts[acts.length - 1];
    }

    /** {@code dL/d output}, to be written by a loss before {@link SpikingNetwork#backward}. */
    public Tensor outputGradient() {
        return grads[grads.length - 1];
    }

    /**
     * The input of layer {@code l} (= the output of layer {@code l - 1}; 0 is the network input).
     *
     * @param l 0 .. number of layers
     * @return the tensor
     */
    public Tensor activation(int l) {
        return acts[l];
    }

    /**
     * {@code dL/d activation(l)} after a backward pass ({@code l >= 2}; {@code l = number of layers} is the output
     * gradient).
     *
     * @param l 1 .. number of layers
     * @return the tensor
     */
    public Tensor gradient(int l) {
        return grads[l];
    }

    /**
     * Layer {@code l}'s scratch.
     *
     * @param l the layer
     * @return its scratch object (may be {@code null})
     */
    Object scratch(int l) {
        return scratch[l];
    }
}
