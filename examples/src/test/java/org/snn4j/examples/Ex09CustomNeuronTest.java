package org.snn4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.CurrentSource;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.examples.Ex09_CustomNeuron.QuadraticIf;
import org.snn4j.io.ModelFileException;
import org.snn4j.layer.CurrentLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.network.Network;
import org.snn4j.network.NetworkFile;
import org.snn4j.network.Simulation;

/** Ex09's quadratic IF neuron against its analytic firing rate, and its parameter checks. */
class Ex09CustomNeuronTest {

    @Test
    void analyticRateAtKnownPoints() {
        QuadraticIf.Parameters p = QuadraticIf.Parameters.defaults();
        // rheobase a g^2 = 0.2 * 7.5^2 = 11.25 mV
        assertThat(Ex09_CustomNeuron.analyticHz(p, 11.0)).isZero();
        assertThat(Ex09_CustomNeuron.analyticHz(p, 11.25)).isZero();
        // J = 8.75, sqrt(aJ) = 1.3229, sqrt(a/J) = 0.15119; T = 10/1.3229 (atan(8.693) - atan(-1.890)) = 19.203 ms
        assertThat(Ex09_CustomNeuron.analyticHz(p, 20.0)).isCloseTo(52.074, org.assertj.core.api.Assertions.within(0.001));
    }

    @Test
    void spikeCountsAreTheAnalyticRateRoundedDown() {
        QuadraticIf.Parameters p = QuadraticIf.Parameters.defaults();
        float[] ri = {5f, 12f, 15f, 20f, 30f, 40f, 60f};
        Shape shape = Shape.flat(ri.length);
        Network net = Network.builder(shape, 0.01f)
                .add(new CurrentLayer("qif", shape, new QuadraticIf(p), CurrentSource.constant(ri)))
                .build();
        Simulation sim = net.newSimulation(1);
        SpikeRaster raster = sim.recordSpikes("qif");
        sim.present(EventSource.of(100_000, ri.length, new int[0], new int[0]));
        int[] counts = raster.countsPerNeuron(ri.length);
        for (int i = 0; i < ri.length; i++) {
            int expected = (int) Math.floor(Ex09_CustomNeuron.analyticHz(p, ri[i]));
            assertThat(counts[i]).as("RI = %s mV", ri[i]).isBetween(expected, expected + 1);
        }
    }

    @Test
    void parametersAreChecked() {
        assertThatThrownBy(() -> new QuadraticIf.Parameters(-2f, -65f, -50f, 0.2f, 0f, -70f))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tauMs must be finite and > 0, got -2.0");
        assertThatThrownBy(() -> new QuadraticIf.Parameters(10f, -65f, -70f, 0.2f, 0f, -70f))
                .hasMessageContaining("vCritMv");
        assertThatThrownBy(() -> new QuadraticIf.Parameters(10f, -65f, -50f, 0.2f, 0f, 5f))
                .hasMessageContaining("vResetMv");
    }

    @Test
    void theCustomModelIsSavedAndLoadedThroughItsCodec() throws ModelFileException {
        Shape in = Shape.flat(4);
        Network net = Network.builder(in, 0.1f)
                .add(DenseLayer.builder("qif", in, 3)
                        .weights(WeightInit.uniform(5f, 30f, 1))
                        .neurons(new QuadraticIf(QuadraticIf.Parameters.defaults())).build()).build();
        byte[] bytes = NetworkFile.toBytes(net);
        assertThatThrownBy(() -> NetworkFile.fromBytes(bytes))
                .isInstanceOfSatisfying(ModelFileException.class, e -> assertThat(e.kind())
                        .isEqualTo(ModelFileException.Kind.UNKNOWN_SECTION))
                .hasMessageContaining("example.QuadraticIf");
        Network loaded = NetworkFile.fromBytes(bytes, List.of(QuadraticIf.CODEC));
        assertThat(((QuadraticIf) loaded.layer(0).neuronModel()).parameters())
                .isEqualTo(QuadraticIf.Parameters.defaults());
        assertThat(NetworkFile.toBytes(loaded)).isEqualTo(bytes);
    }
}
