package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Winner;
import org.snn4j.io.ModelFileException;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.LayerState;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.neuron.Integrator;
import org.snn4j.neuron.LastStepIf;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;

/**
 * A network file written by the code before the firing modes became neuron models (main at ad29369, its
 * {@code snn4j-core} jar running {@code WriteLegacyFiringModes.java.txt} next to the file): layers of section
 * version 1 with a {@code firingMode} field load into the models they were, and run to the spikes, winners and
 * potentials that code printed for the same input.
 */
class LegacyFiringModeFileTest {

    private static byte[] legacyFile() throws Exception {
        try (InputStream in = LegacyFiringModeFileTest.class.getResourceAsStream("legacy-firing-modes.snn4j")) {
            return in.readAllBytes();
        }
    }

    @Test
    void firingModesOfOldFilesLoadAsTheirModelsAndRunAsBefore() throws Exception {
        {
            Network net = NetworkFile.fromBytes(legacyFile());
            Conv2dLayer c1 = (Conv2dLayer) net.layer(0);
            Conv2dLayer c2 = (Conv2dLayer) net.layer(1);
            DenseLayer d1 = (DenseLayer) net.layer(2);
            DenseLayer d2 = (DenseLayer) net.layer(3);
            Conv2dLayer c3 = (Conv2dLayer) net.layer(4);
            assertThat(((PerfectIf) c1.neuronModel()).parameters()).isEqualTo(PerfectIfParameters.latencyCoded(0.9f));
            assertThat(c1.fusedFireOnce()).isTrue();
            assertThat(c2.neuronModel()).isEqualTo(new LastStepIf(0.5f));
            assertThat(c2.firesOnlyAtLastStep()).isTrue();
            assertThat(((PerfectIf) d1.neuronModel()).parameters()).isEqualTo(PerfectIfParameters.latencyCoded(0.7f));
            assertThat(d2.neuronModel()).isEqualTo(new Integrator());
            assertThat(c3.neuronModel()).isEqualTo(new Integrator());

            int[] steps = {0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4};
            int[] index = {6, 11, 18, 20, 22, 1, 3, 23, 9, 12, 14, 24, 0, 13, 21, 5, 7};
            Simulation sim = net.newSimulation(1);
            SpikeRaster r1 = sim.recordSpikes("c1");
            SpikeRaster r2 = sim.recordSpikes("c2");
            SpikeRaster r3 = sim.recordSpikes("d1");
            PresentationResult res = sim.present(EventSource.of(6, 25, steps, index));
            // printed by the old code for this input
            assertThat(r1.steps()).containsExactly(0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4);
            assertThat(r1.neurons()).containsExactly(1, 10, 13, 17, 11, 14, 4, 6, 15, 16, 8, 9, 2, 5, 7, 0, 12);
            assertThat(r2.steps()).containsOnly(5).hasSize(12);
            assertThat(r2.neurons()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
            assertThat(r3.steps()).containsExactly(5, 5, 5, 5);
            assertThat(r3.neurons()).containsExactly(0, 1, 2, 3);
            assertThat(res.winners(1)).containsExactly(new Winner(9, 2, 0, 1, 5, 4.932461f),
                    new Winner(3, 0, 1, 1, 5, 4.2009077f));
            LayerState s3 = sim.state("d2");
            assertThat(new float[] {s3.potential(0), s3.potential(1), s3.potential(2)})
                    .containsExactly(3.0564103f, 1.8612673f, 1.795624f);
            LayerState s4 = sim.state("c3");
            for (int i = 0; i < 6; i++) {
                assertThat(s4.potential(i)).isZero();
            }
            // written again, the layers are sections of version 2 with the model nested, and read back equal
            Network again = NetworkFile.fromBytes(NetworkFile.toBytes(net));
            assertThat(again.layer(1).neuronModel()).isEqualTo(new LastStepIf(0.5f));
            assertThat(Arrays.equals(((Conv2dLayer) again.layer(0)).weights(), c1.weights())).isTrue();
        }
    }

    @Test
    void theOldPointwiseInhibitionFlagIsRefusedByName() throws Exception {
        byte[] old = legacyFile();
        // a version 1 conv section with the flag set: flip the stored boolean of c1's "pointwiseInhibition"
        byte[] mutated = setFirstBooleanAfter(old, "pointwiseInhibition");
        assertThatThrownBy(() -> NetworkFile.fromBytes(mutated)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("pointwiseInhibition").hasMessageContaining("PointwiseInhibition competition");
    }

    private static byte[] setFirstBooleanAfter(byte[] file, String field) {
        byte[] name = field.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i + name.length < file.length; i++) {
            if (Arrays.equals(file, i, i + name.length, name, 0, name.length)) {
                byte[] copy = file.clone();
                copy[i + name.length + 1] = 1; // the boolean's byte follows the field name and its type tag
                java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(copy);
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(copy, 0, copy.length - 4);
                bb.putInt(copy.length - 4, (int) crc.getValue());
                return copy;
            }
        }
        throw new AssertionError(field + " not in the file");
    }
}
