package org.snn4j.conversion;

import java.util.Collections;
import java.util.List;
import org.snn4j.gradient.Layer;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.network.Network;

/**
 * The result of {@link AnnToSnn#convert}: the converted core layers (integrate-and-fire neurons with reset by
 * subtraction, biases as constant currents, the last layer a non-firing read-out) and the scale {@code lambda}
 * of each hidden layer. {@link #network()} takes spikes; {@link #classifier} runs images with either
 * {@link InputCoding}. Immutable; the layers may be shared by simulations on several threads.
 */
public final class ConvertedNetwork {
    private final SpikingNetwork ann;
    private final Layer firstAnnLayer;
    private final List<org.snn4j.layer.Layer> layers;
    private final double[] lambda;
    private final ConversionOptions options;
    private final List<AnnToSnn.Stage> stages;
    private final boolean eventDriven;

    ConvertedNetwork(SpikingNetwork ann, Layer firstAnnLayer, List<org.snn4j.layer.Layer> layers, double[] lambda,
                     ConversionOptions options, List<AnnToSnn.Stage> stages) {
        this(ann, firstAnnLayer, layers, lambda, options, stages, true);
    }

    private ConvertedNetwork(SpikingNetwork ann, Layer firstAnnLayer, List<org.snn4j.layer.Layer> layers,
                             double[] lambda, ConversionOptions options, List<AnnToSnn.Stage> stages,
                             boolean eventDriven) {
        this.ann = ann;
        this.firstAnnLayer = firstAnnLayer;
        this.layers = Collections.unmodifiableList(layers);
        this.lambda = lambda;
        this.options = options;
        this.stages = stages;
        this.eventDriven = eventDriven;
    }

    /**
     * The same network with its neurons event-driven ({@code true}, as {@link AnnToSnn#convert} makes it) or
     * stepped at every step ({@code false}: the reference the event-driven run is tested against; the same spikes).
     * The weights are rebuilt from the ANN, so do not change it meanwhile.
     */
    public ConvertedNetwork withEventDriven(boolean on) {
        if (on == eventDriven) {
            return this;
        }
        double[] full = java.util.Arrays.copyOf(lambda, stages.size());
        return new ConvertedNetwork(ann, firstAnnLayer, AnnToSnn.layers(ann, stages, full, options, on), lambda,
                options, stages, on);
    }

    /** Whether the neurons are event-driven. */
    public boolean eventDriven() {
        return eventDriven;
    }

    /** The converted layers, in order (the first takes the input spikes). */
    public List<org.snn4j.layer.Layer> layers() {
        return layers;
    }

    /** The normalisation scale {@code lambda} of each layer but the read-out (a copy). */
    public double[] scales() {
        return lambda.clone();
    }

    /** The options used. */
    public ConversionOptions options() {
        return options;
    }

    /** The converted network with spike input of the ANN's input shape (one spike per step at most per pixel). */
    public Network network() {
        Network.Builder b = Network.builder(ann.inputShape(), options.dtMs());
        for (int i = 0; i < layers.size(); i++) {
            b.add(layers.get(i));
        }
        return b.build();
    }

    SpikingNetwork ann() {
        return ann;
    }

    Layer firstAnnLayer() {
        return firstAnnLayer;
    }

    /**
     * A classifier for one thread: images in, the predicted class at the chosen numbers of steps out.
     *
     * @param coding how images enter
     * @param steps  the number of steps of a presentation, >= 1
     * @param seed   the seed of the simulation (Poisson input)
     */
    public SnnClassifier classifier(InputCoding coding, int steps, long seed) {
        return new SnnClassifier(this, coding, steps, seed);
    }
}
