package org.snn4j.network;

import java.util.Objects;
import java.util.Properties;
import org.snn4j.Shape;

/**
 * What one layer of a network is: its position, name, kind, shapes, neuron model, competition and learning
 * rule, each as the text of its {@code toString()} (parameter records print all their fields).
 *
 * @param index         position in the chain, from 0
 * @param name          the layer's name
 * @param type          the layer's class (simple name)
 * @param inputShape    input shape
 * @param outputShape   output shape
 * @param layer         the layer's {@code toString()}
 * @param neuronModel   the model's {@code toString()}, or "" if the layer has no neurons
 * @param competition   the competition's {@code toString()}, or ""
 * @param learningRule  the rule's {@code toString()}, or ""
 */
public record LayerDescription(int index, String name, String type, Shape inputShape, Shape outputShape,
                               String layer, String neuronModel, String competition, String learningRule) {
    /** Checks non-null fields. */
    public LayerDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(inputShape, "inputShape");
        Objects.requireNonNull(outputShape, "outputShape");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(neuronModel, "neuronModel");
        Objects.requireNonNull(competition, "competition");
        Objects.requireNonNull(learningRule, "learningRule");
    }

    /** Adds this description under {@code prefix} (for example {@code "layer.0."}) to {@code p}. */
    public void addTo(Properties p, String prefix) {
        p.setProperty(prefix + "name", name);
        p.setProperty(prefix + "type", type);
        p.setProperty(prefix + "inputShape", inputShape.toString());
        p.setProperty(prefix + "outputShape", outputShape.toString());
        p.setProperty(prefix + "layer", layer);
        p.setProperty(prefix + "neuronModel", neuronModel);
        p.setProperty(prefix + "competition", competition);
        p.setProperty(prefix + "learningRule", learningRule);
    }
}
