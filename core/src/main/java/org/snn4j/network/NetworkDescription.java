package org.snn4j.network;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import org.snn4j.Shape;

/**
 * A description of a network (and, from {@code Simulation.describe()}, of the simulation's seed): enough
 * to record with a result and to rebuild the run. Immutable.
 *
 * @param version    the snn4j version ({@code "dev"} when not run from a packaged jar)
 * @param inputShape the network's input shape
 * @param dtMs       the step length, ms
 * @param seed       the simulation's seed, if described from a simulation
 * @param layers     the layers in order
 */
public record NetworkDescription(String version, Shape inputShape, float dtMs, OptionalLong seed,
                                 List<LayerDescription> layers) {
    /** Checks non-null fields and copies the list. */
    public NetworkDescription {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(inputShape, "inputShape");
        Objects.requireNonNull(seed, "seed");
        layers = List.copyOf(layers);
    }

    /**
     * Flat key/value form: {@code snn4j.version}, {@code network.inputShape}, {@code network.dtMs},
     * {@code network.seed} (if present), {@code network.layers}, then {@code layer.<i>.<field>}.
     */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("snn4j.version", version);
        p.setProperty("network.inputShape", inputShape.toString());
        p.setProperty("network.dtMs", Float.toString(dtMs));
        if (seed.isPresent()) {
            p.setProperty("network.seed", Long.toString(seed.getAsLong()));
        }
        p.setProperty("network.layers", Integer.toString(layers.size()));
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).addTo(p, "layer." + i + ".");
        }
        return p;
    }
}
