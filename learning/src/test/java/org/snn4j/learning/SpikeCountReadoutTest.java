package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpikeCountReadoutTest {

    @Test
    void neuronsAreLabelledByTheirHighestMeanResponse() {
        // 3 neurons, classes 0..2; class 0 appears twice, so means matter
        int[][] counts = {
            {4, 0, 1}, // class 0
            {2, 0, 1}, // class 0 -> neuron 0 mean 3, neuron 2 mean 1
            {1, 5, 2}, // class 1 -> neuron 0 mean 1, neuron 1 mean 5, neuron 2 mean 2
            {0, 1, 3}, // class 2 -> neuron 2 mean 3
        };
        int[] labels = {0, 0, 1, 2};
        assertThat(SpikeCountReadout.assign(counts, labels, 3)).containsExactly(0, 1, 2);
    }

    @Test
    void silentNeuronGetsNoClassAndTiesGoToTheLowestClass() {
        int[][] counts = {{0, 2}, {0, 2}};
        int[] labels = {1, 0};
        assertThat(SpikeCountReadout.assign(counts, labels, 2)).containsExactly(-1, 0);
    }

    @Test
    void digitIsClassifiedByTheMeanCountOfEachClassesNeurons() {
        int[] assignment = {0, 0, 1, 2, -1};
        // class 0: (6 + 0) / 2 = 3; class 1: 4; class 2: 2; the unassigned neuron is ignored
        assertThat(SpikeCountReadout.classify(new int[] {6, 0, 4, 2, 100}, assignment, 3)).isEqualTo(1);
        // class 0: (6 + 4) / 2 = 5 beats 4
        assertThat(SpikeCountReadout.classify(new int[] {6, 4, 4, 2, 0}, assignment, 3)).isEqualTo(0);
        // nothing fired
        assertThat(SpikeCountReadout.classify(new int[5], assignment, 3)).isEqualTo(-1);
    }

    @Test
    void badInputNamesTheField() {
        assertThatThrownBy(() -> SpikeCountReadout.assign(new int[][] {{1}}, new int[] {3}, 3))
                .hasMessage("labels[0] must be in [0, 3), got 3");
        assertThatThrownBy(() -> SpikeCountReadout.classify(new int[2], new int[3], 3))
                .hasMessageContaining("counts has length 2 but assignment has length 3");
    }
}
