package org.snn4j.network;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.snn4j.EventSource;

/** Test helper: independent Bernoulli (Poisson) spike trains as an {@link EventSource}. */
final class TestSources {
    private TestSources() {
    }

    static EventSource poisson(int size, int steps, double ratePerStep, RandomGenerator rng) {
        int[] offsets = new int[steps + 1];
        int[] neurons = new int[16];
        int c = 0;
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < size; i++) {
                if (rng.nextDouble() < ratePerStep) {
                    if (c == neurons.length) {
                        neurons = Arrays.copyOf(neurons, 2 * c);
                    }
                    neurons[c++] = i;
                }
            }
            offsets[t + 1] = c;
        }
        return EventSource.ofBuckets(size, offsets, Arrays.copyOf(neurons, c));
    }

    static EventSource silent(int size, int steps) {
        return EventSource.of(steps, size, new int[0], new int[0]);
    }
}
