package org.snn4j.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.io.ModelData;

/**
 * Issue 13 for the gradient module: sizes from parameters overflow into an {@link IllegalArgumentException}
 * naming them (not an {@code ArithmeticException} or a negative array size), and loading parameters refuses
 * NaN or infinite values without changing the network.
 */
class GradientSizeTest {

    @Test
    void weightCountsAndStepCountsThatOverflowNameTheParameters() {
        assertThatThrownBy(() -> new Dense("fc", Shape.flat(100_000), 100_000, false, Init.constant(0f), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fc: weights nIn x nOut = 100000 x 100000");
        assertThatThrownBy(() -> new Conv2d("conv", new Shape(50_000, 3, 3), 5_000, 3, 1, 1, false, Init.constant(0f), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv: weights inC x k x k x outChannels = 50000 x 3 x 3 x 5000");
        assertThatThrownBy(() -> new Tensor(Integer.MAX_VALUE, Shape.flat(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tensor steps x shape size = 2147483647 x 1");
        assertThatThrownBy(() -> new NeuronTrace(1 << 20, 1 << 12, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NeuronTrace: steps x n");
    }

    @Test
    void nonFiniteParametersAreRefusedAndNothingIsOverwritten() {
        SpikingNetwork net = SpikingNetwork.builder(Shape.flat(4), 10, 1f)
                .add(new Dense("a", Shape.flat(4), 3, true, Init.uniform(1f), 1))
                .add(new Dense("b", Shape.flat(3), 2, false, Init.uniform(1f), 2)).build();
        ModelData good = net.toModelData();
        ModelData bad = new ModelData();
        good.arrays().forEach((k, t) -> bad.putArray(k, t.shape(), t.data().clone()));
        bad.arrays().get("b.weight").data()[5] = Float.POSITIVE_INFINITY;
        for (String k : bad.arrayNames()) {
            if (!k.equals("b.weight")) {
                java.util.Arrays.fill(bad.arrays().get(k).data(), 7f);
            }
        }
        assertThatThrownBy(() -> net.loadParameters(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("array b.weight value 5 must be finite, got Infinity");
        assertThat(net.toModelData().arrays().get("a.weight").data()).isEqualTo(good.arrays().get("a.weight").data());
    }
}
