package org.snn4j.nir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.network.Network;

/**
 * The synapse checks of {@link NirImport#toNetwork}, each reached with a graph that passes the structural checks
 * (one chain from Input to Output) and every check before it, and checked by its whole message (issue 17, pattern 3).
 */
class NirImportRefusalsTest {
    private static final NirOptions OPT = NirOptions.ofDtMs(1f);

    /** Input of {@code shape}, the nodes, an LIF of {@code nOut} neurons, Output. */
    private static NirGraph net(NirArray shape, int nOut, NirNode... mid) {
        List<NirNode> n = new ArrayList<>();
        n.add(NirErrorsTest.node("in", NirType.INPUT, "shape", shape));
        n.addAll(List.of(mid));
        double[] ones = new double[nOut];
        double[] fives = new double[nOut];
        java.util.Arrays.fill(ones, 1);
        java.util.Arrays.fill(fives, 5);
        n.add(NirErrorsTest.node("lif", NirType.LIF, "tau", NirArray.floats(fives), "r", NirArray.floats(ones),
                "v_leak", NirArray.floats(new double[nOut]), "v_threshold", NirArray.floats(ones)));
        n.add(NirErrorsTest.node("out", NirType.OUTPUT));
        List<NirGraph.Edge> e = new ArrayList<>();
        for (int i = 0; i + 1 < n.size(); i++) {
            e.add(new NirGraph.Edge(n.get(i).name(), n.get(i + 1).name()));
        }
        return new NirGraph("1.0.7", n, e);
    }

    private static NirNode node(String name, NirType t, Object... kv) {
        return NirErrorsTest.node(name, t, kv);
    }

    private static void refused(NirGraph g, String node, String type, String why) {
        assertThatThrownBy(() -> NirImport.toNetwork(g, OPT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("NIR node " + node + " (" + type + ") cannot be imported: " + why);
    }

    private static NirArray w(int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.1 * ((i % 7) - 3);
        }
        return NirArray.floats(shape, v);
    }

    @Test
    void denseWeightsAndBiasesAreChecked() {
        refused(net(NirArray.ints(3), 2, node("fc", NirType.LINEAR, "weight", w(6))), "fc", "Linear",
                "weight must be 2-D [out, in], got shape [6]");
        refused(net(NirArray.ints(3), 2, node("fc", NirType.LINEAR, "weight", w(2, 4))), "fc", "Linear",
                "weight 2x4 takes 4 inputs, but " + org.snn4j.Shape.flat(3) + " (3) reach it");
        refused(net(NirArray.ints(3), 2, node("fc", NirType.LINEAR, "weight", NirArray.floats(new int[] {0, 3},
                new double[0]))), "fc", "Linear", "weight has no outputs");
        NirArray nan = NirArray.floats(new int[] {2, 3}, new double[] {0, 0, 0, 0, Double.NaN, 0});
        refused(net(NirArray.ints(3), 2, node("fc", NirType.LINEAR, "weight", nan)), "fc", "Linear",
                "weight[4] must be finite, got NaN");
        refused(net(NirArray.ints(3), 2, node("fc", NirType.AFFINE, "weight", w(2, 3), "bias", NirArray.floats(1, 2, 3))),
                "fc", "Affine", "bias has 3 values for 2 outputs");
        refused(net(NirArray.ints(3), 2, node("fc", NirType.AFFINE, "weight", w(2, 3), "bias",
                NirArray.floats(1, Double.POSITIVE_INFINITY))), "fc", "Affine", "bias[1] must be finite, got Infinity");
        // a one-value bias is spread over every output; the network builds
        Network ok = NirImport.toNetwork(net(NirArray.ints(3), 2, node("fc", NirType.AFFINE, "weight", w(2, 3), "bias",
                NirArray.floats(0.5))), OPT);
        assertThat(ok.layerCount()).isEqualTo(1);
        assertThat(ok.layer(0).outputShape().size()).isEqualTo(2);
    }

    @Test
    void synapseNodesNeedNeuronsBetweenThem() {
        refused(net(NirArray.ints(3), 2, node("a", NirType.LINEAR, "weight", w(3, 3)),
                node("b", NirType.LINEAR, "weight", w(2, 3))), "b", "Linear",
                "it follows synapse node a with no neurons in between");
        refused(net(NirArray.ints(3), 2, node("s", NirType.SCALE, "input", NirArray.floats(1, 1, 1)),
                node("fc", NirType.LINEAR, "weight", w(2, 3))), "s", "Scale",
                "snn4j folds Scale into the weights of the synapse node before it, and there is none");
        refused(net(NirArray.ints(1, 4, 4), 2, node("c", NirType.CONV2D, "weight", w(1, 1, 3, 3)),
                node("f", NirType.FLATTEN), node("fc", NirType.LINEAR, "weight", w(2, 4))), "f", "Flatten",
                "it sits between synapse node c and its neurons");
    }

    @Test
    void convolutionParametersAreChecked() {
        NirArray img = NirArray.ints(1, 5, 5);
        refused(net(img, 2, node("c", NirType.CONV2D, "weight", w(1, 1, 3))), "c", "Conv2d",
                "weight must be 4-D [outC, inC, kH, kW], got shape [1, 1, 3]");
        refused(net(img, 2, node("c", NirType.CONV2D, "weight", w(1, 1, 3, 3), "groups", NirArray.ints(2))), "c",
                "Conv2d", "groups = 2.0; snn4j's Conv2dLayer has groups = 1 only");
        refused(net(img, 2, node("c", NirType.CONV2D, "weight", w(1, 1, 3, 3), "dilation", NirArray.ints(1, 2))), "c",
                "Conv2d", "dilation 1x2; snn4j's Conv2dLayer has no dilation");
        refused(net(img, 2, node("c", NirType.CONV2D, "weight", w(1, 1, 3, 3), "dilation", NirArray.ints(2, 1))), "c",
                "Conv2d", "dilation 2x1; snn4j's Conv2dLayer has no dilation");
        refused(net(img, 2, node("c", NirType.CONV2D, "weight", w(1, 1, 3, 3), "stride", NirArray.ints(1, 2))), "c",
                "Conv2d", "stride 1x2; snn4j's Conv2dLayer has one stride >= 1 for both axes");
        refused(net(img, 2, node("c", NirType.CONV2D, "weight", w(1, 1, 3, 3), "stride", NirArray.ints(0))), "c",
                "Conv2d", "stride 0x0; snn4j's Conv2dLayer has one stride >= 1 for both axes");
        refused(net(img, 2, node("c", NirType.CONV2D, "weight", w(2, 2, 3, 3))), "c", "Conv2d",
                "weight takes 2 input channels (a C x H x W map), but " + new org.snn4j.Shape(1, 5, 5) + " reaches it");
        refused(net(img, 2, node("c", NirType.CONV2D, "weight", w(1, 1, 7, 3))), "c", "Conv2d",
                "a 7x3 kernel does not fit its input " + new org.snn4j.Shape(1, 5, 5));
        refused(net(img, 2, node("c", NirType.CONV2D, "weight", w(1, 1, 3, 7))), "c", "Conv2d",
                "a 3x7 kernel does not fit its input " + new org.snn4j.Shape(1, 5, 5));
        refused(net(img, 2, node("c", NirType.CONV2D, "weight", w(2, 1, 3, 3), "bias", NirArray.floats(1, 2, 3))), "c",
                "Conv2d", "bias has 3 values for 2 output channels");
        // a flat input is not a map for a kernel taller than 1
        refused(net(NirArray.ints(5), 2, node("c", NirType.CONV2D, "weight", w(1, 1, 3, 1))), "c", "Conv2d",
                "weight takes 1 input channels (a C x H x W map), but " + org.snn4j.Shape.flat(5) + " reaches it");
        refused(net(NirArray.ints(1, 4, 4), 2, node("f", NirType.FLATTEN), node("c", NirType.CONV2D, "weight",
                w(1, 1, 3, 3))), "c", "Conv2d", "it follows a Flatten; a convolution needs the C x H x W map "
                + new org.snn4j.Shape(1, 4, 4));
    }

    @Test
    void stringPaddingsAreValidOrSameWithStrideOneAndOddKernels() {
        NirArray img = NirArray.ints(1, 5, 5);
        NirNode valid = new NirNode("c", NirType.CONV2D, Map.of("weight", w(1, 1, 3, 3)), Map.of("padding", "valid"));
        Network v = NirImport.toNetwork(net(img, 9, valid), OPT);
        assertThat(v.layer(0).outputShape()).isEqualTo(new org.snn4j.Shape(1, 3, 3));
        NirNode same = new NirNode("c", NirType.CONV2D, Map.of("weight", w(1, 1, 3, 3)), Map.of("padding", "same"));
        Network s = NirImport.toNetwork(net(img, 25, same), OPT);
        assertThat(s.layer(0).outputShape()).isEqualTo(new org.snn4j.Shape(1, 5, 5));
        NirNode evenSame = new NirNode("c", NirType.CONV2D, Map.of("weight", w(1, 1, 2, 3)), Map.of("padding", "same"));
        refused(net(img, 2, evenSame), "c", "Conv2d", "padding \"same\" with stride 1 and kernel 2x3 is not supported "
                + "(\"valid\", or \"same\" with stride 1 and odd kernels)");
        NirNode evenW = new NirNode("c", NirType.CONV2D, Map.of("weight", w(1, 1, 3, 2)), Map.of("padding", "same"));
        refused(net(img, 2, evenW), "c", "Conv2d", "padding \"same\" with stride 1 and kernel 3x2 is not supported "
                + "(\"valid\", or \"same\" with stride 1 and odd kernels)");
        NirNode strided = new NirNode("c", NirType.CONV2D, Map.of("weight", w(1, 1, 3, 3), "stride", NirArray.ints(2)),
                Map.of("padding", "same"));
        refused(net(img, 2, strided), "c", "Conv2d", "padding \"same\" with stride 2 and kernel 3x3 is not supported "
                + "(\"valid\", or \"same\" with stride 1 and odd kernels)");
        NirNode full = new NirNode("c", NirType.CONV2D, Map.of("weight", w(1, 1, 3, 3)), Map.of("padding", "full"));
        refused(net(img, 2, full), "c", "Conv2d", "padding \"full\" with stride 1 and kernel 3x3 is not supported "
                + "(\"valid\", or \"same\" with stride 1 and odd kernels)");
        // numeric padding and stride: (5 + 2 * 1 - 3) / 2 + 1 = 3
        Network p = NirImport.toNetwork(net(img, 9, node("c", NirType.CONV2D, "weight", w(1, 1, 3, 3), "padding",
                NirArray.ints(1), "stride", NirArray.ints(2))), OPT);
        assertThat(p.layer(0).outputShape()).isEqualTo(new org.snn4j.Shape(1, 3, 3));
    }

    @Test
    void leadingOnesAreDroppedOnlyBeyondThreeDimensions() {
        assertThat(NirImport.shapeOf(NirErrorsTest.node("in", NirType.INPUT), NirArray.ints(1, 1, 1, 1)))
                .isEqualTo(new org.snn4j.Shape(1, 1, 1));
        assertThat(NirImport.shapeOf(NirErrorsTest.node("in", NirType.INPUT), NirArray.ints(1, 1, 1)))
                .isEqualTo(new org.snn4j.Shape(1, 1, 1));
    }
}
