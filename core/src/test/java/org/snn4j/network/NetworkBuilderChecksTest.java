package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.Shape;
import org.snn4j.competition.LateralInhibition;
import org.snn4j.competition.WinnerTakeAll;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.PoolingLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;

/**
 * {@link Network.Builder}'s refusals with their messages, and the network's accessors. Written after the
 * session 7 whole-core PIT run (issue 17).
 */
class NetworkBuilderChecksTest {
    static DenseLayer dense(String name) {
        return DenseLayer.builder(name, Shape.flat(2), 2).weights(WeightInit.constant(1f))
                .neurons(new PerfectIf(PerfectIfParameters.of(1f))).build();
    }

    @Test
    void theStepMustBeFiniteAndPositive() {
        for (float dt : new float[] {0f, -1f, Float.NaN, Float.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> Network.builder(Shape.flat(2), dt)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("dtMs must be finite and > 0, got " + dt);
        }
        assertThat(Network.builder(Shape.flat(2), Float.MIN_VALUE)).isNotNull();
    }

    @Test
    void aSecondCompetitionOrRuleOrOneForAnUnknownLayerIsRefused() {
        assertThatThrownBy(() -> Network.builder(Shape.flat(2), 1f).add(dense("a"))
                .compete("a", new WinnerTakeAll(0f, 1)).compete("a", new WinnerTakeAll(0f, 1)))
                .hasMessage("layer a already has a competition");
        assertThatThrownBy(() -> Network.builder(Shape.flat(2), 1f).add(dense("a"))
                .learn("a", new SimulationContractTest.Hooks()).learn("a", new SimulationContractTest.Hooks()))
                .hasMessage("layer a already has a learning rule");
        assertThatThrownBy(() -> Network.builder(Shape.flat(2), 1f).add(dense("a"))
                .learn("b", new SimulationContractTest.Hooks()).build())
                .hasMessage("learning rule attached to unknown layer b; layers are [a]");
    }

    @Test
    void inhibitionIsRefusedForAModelThatDoesNotAcceptItOrALayerWithoutModel() {
        assertThatThrownBy(() -> Network.builder(Shape.flat(2), 1f).add(dense("a"))
                .compete("a", new LateralInhibition()).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer a: competition").hasMessageContaining("the layer's neuron model PerfectIf");
        PoolingLayer pool = new PoolingLayer("pool", new Shape(1, 2, 2), 2, 2, 0);
        assertThatThrownBy(() -> Network.builder(new Shape(1, 2, 2), 1f).add(pool)
                .compete("pool", new LateralInhibition()).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(none: built-in firing)");
    }

    @Test
    void accessorsAndWritingAFile(@TempDir Path dir) throws IOException {
        Network net = Network.builder(Shape.flat(2), 0.5f).add(dense("a")).add(dense("b")).build();
        assertThat(net.layers()).extracting(l -> l.name()).containsExactly("a", "b");
        assertThat(net.toString()).isEqualTo("Network[" + Shape.flat(2) + " -> [a, b], dt 0.5 ms]");
        assertThat(Network.version()).isNotBlank();
        Path f = dir.resolve("n.snn4j");
        NetworkFile.write(net, f);
        assertThat(Files.readAllBytes(f)).isEqualTo(NetworkFile.toBytes(net));
        assertThat(NetworkFile.read(f, List.of()).layerCount()).isEqualTo(2);
    }
}
