package org.snn4j.examples.vision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo's experiments, on several seeds (weights and frames). */
class VisionExperimentsTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aNeuronLearnsTheMotifAndIgnoresNoise(long seed) {
        VisionParameters p = VisionParameters.defaults(8).withSeed(seed);
        VisionExperiments.MotifResult r = VisionExperiments.motif(p, 300, 5, 48, 40, seed, null);
        assertThat(r.motifNeuron()).isNotNegative();
        assertThat(r.motifRate()).as("motif frames won by neuron %d", r.motifNeuron()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.noiseRate()).as("noise frames won by neuron %d", r.motifNeuron()).isLessThanOrEqualTo(0.1);
        assertThat(r.motifThreshold()).as("threshold climbed").isGreaterThan(2 * r.baseThreshold());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 42})
    void aNewNeuronLearnsTheNewPosition(long seed) {
        VisionParameters p = VisionParameters.defaults(8).withSeed(seed);
        VisionExperiments.MovingResult r = VisionExperiments.moving(p, 30, 20f, seed, null);
        assertThat(r.neuronA()).isNotNegative();
        assertThat(r.neuronB()).isNotNegative().isNotEqualTo(r.neuronA());
        assertThat(r.network().threshold(r.neuronA())).isGreaterThan(p.thresholdMv());
    }
}
