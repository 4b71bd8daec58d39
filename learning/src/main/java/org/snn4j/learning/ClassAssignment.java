package org.snn4j.learning;

import java.util.Objects;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;

/**
 * The class each output neuron stands for in a spike-count read-out ({@link SpikeCountReadout#assign}), as a
 * value that can be saved with a network ({@code NetworkFile.toBytes(sim, List.of(assignment))}).
 *
 * @param classes     number of classes, &gt;= 1
 * @param neuronClass class of each neuron, in {@code [-1, classes)} ({@code -1}: never assigned); copied
 */
public record ClassAssignment(int classes, int[] neuronClass) implements Persistent {
    /** Checks the classes and copies the array. */
    public ClassAssignment {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        neuronClass = Objects.requireNonNull(neuronClass, "neuronClass").clone();
        for (int j = 0; j < neuronClass.length; j++) {
            if (neuronClass[j] < -1 || neuronClass[j] >= classes) {
                throw new IllegalArgumentException("neuronClass[" + j + "] must be in [-1, " + classes + "), got "
                        + neuronClass[j]);
            }
        }
    }

    /** The class of each neuron (a copy). */
    @Override
    public int[] neuronClass() {
        return neuronClass.clone();
    }

    /** The class decided from one sample's spike counts ({@link SpikeCountReadout#classify}). */
    public int classify(int[] counts) {
        return SpikeCountReadout.classify(counts, neuronClass, classes);
    }

    /** {@return {@link LearningCodecs#CLASS_ASSIGNMENT}} */
    @Override
    public Codec<?> codec() {
        return LearningCodecs.CLASS_ASSIGNMENT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassAssignment a && a.classes == classes && java.util.Arrays.equals(a.neuronClass, neuronClass);
    }

    @Override
    public int hashCode() {
        return 31 * classes + java.util.Arrays.hashCode(neuronClass);
    }

    @Override
    public String toString() {
        return "ClassAssignment[" + classes + " classes, " + neuronClass.length + " neurons]";
    }
}
