package org.snn4j;

import java.util.Objects;

/**
 * A typed key for one state variable of a neuron model, such as the membrane potential {@code v} in
 * {@code mV}. Models declare their variables as {@code static final} constants and read the arrays
 * with {@link NeuronState#get(StateVar)}, never by a string lookup in a loop.
 *
 * <p>Two state variables are equal when name and unit are equal.
 *
 * @param name short name, such as {@code "v"}
 * @param unit unit, such as {@code "mV"}; empty for dimensionless quantities
 */
public record StateVar(String name, String unit) {
    /** Checks that name is not blank. */
    public StateVar {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
    }

    @Override
    public String toString() {
        return unit.isEmpty() ? name : name + " [" + unit + "]";
    }
}
