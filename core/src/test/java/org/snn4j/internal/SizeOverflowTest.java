package org.snn4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.PaddingLayer;
import org.snn4j.layer.SynapticInput;
import org.snn4j.neuron.PerfectIf;

/**
 * Issue 13, item 3: sizes computed from parameters are checked for overflow at build time, with an
 * {@link IllegalArgumentException} naming the parameters (not a negative index on the first spike).
 */
class SizeOverflowTest {

    @Test
    void arraySizeMultipliesOrNamesTheFactors() {
        assertThat(Checks.arraySize("x", 3, 4, 5)).isEqualTo(60);
        assertThat(Checks.arraySize("x", 1 << 30, 0)).isZero();
        assertThat(Checks.arraySize("x", Checks.MAX_ARRAY)).isEqualTo(Checks.MAX_ARRAY);
        assertThatThrownBy(() -> Checks.arraySize("weights inC x kH x kW x outC", 1000, 1000, 5, 500))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weights inC x kH x kW x outC = 1000 x 1000 x 5 x 500 = 2500000000 exceeds the largest"
                        + " array (2147483639)");
        assertThatThrownBy(() -> Checks.arraySize("n", Long.MAX_VALUE, Long.MAX_VALUE))
                .hasMessageContaining("85070591730234615847396907784232501249");
        assertThatThrownBy(() -> Checks.arraySize("n", 2, -1)).hasMessageContaining("factor 1 must be >= 0, got -1");
        assertThat(Checks.arraySizeSum("steps + 1", 9, 1)).isEqualTo(10);
        assertThatThrownBy(() -> Checks.arraySizeSum("steps + 1", Integer.MAX_VALUE, 1))
                .hasMessage("steps + 1 = 2147483647 + 1 must be in [0, 2147483639]");
    }

    @Test
    void aConvolutionWhoseWeightCountExceedsAnIntFailsAtBuildTime() {
        // 50,000 x 3 x 3 x 5,000 = 2.25e9 weights: used to build and fail with index -1 on the first spike
        Conv2dLayer.Builder b = Conv2dLayer.builder("huge", new Shape(50_000, 3, 3), 5_000, 3, 3)
                .neurons(PerfectIf.latencyCoded(1f));
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer huge: weights inC x kH x kW x outC = 50000 x 3 x 3 x 5000");
    }

    @Test
    void aDenseLayerWhoseWeightCountExceedsAnIntFailsAtBuildTime() {
        assertThatThrownBy(() -> DenseLayer.builder("wide", Shape.flat(100_000), 100_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer wide: 100000 x 100000");
    }

    @Test
    void stepsPlusOneAndSizePlusOneAreChecked() {
        assertThatThrownBy(() -> EventSource.of(Integer.MAX_VALUE, 1, new int[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("steps + 1 = 2147483647 + 1");
        assertThatThrownBy(() -> new SynapticInput(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size + 1");
    }

    @Test
    void paddingThatOverflowsTheShapeIsNamed() {
        assertThatThrownBy(() -> new PaddingLayer("pad", new Shape(1, 10, 10), Integer.MAX_VALUE, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer pad: output height = input height + top + bottom");
    }
}
