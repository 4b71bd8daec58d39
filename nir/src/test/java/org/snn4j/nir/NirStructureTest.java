package org.snn4j.nir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;

/**
 * The graph model and the importer's structural checks on graphs built in memory, each refusal reached with a graph
 * that is valid up to that point and checked by its whole message (issue 17, pattern 3); the helpers' bounds
 * (shapes, per-neuron parameters, integer pairs) on both sides.
 */
class NirStructureTest {

    private static NirNode node(String name, NirType type) {
        return new NirNode(name, type, Map.of());
    }

    private static NirGraph.Edge e(String from, String to) {
        return new NirGraph.Edge(from, to);
    }

    private static NirGraph graph(List<NirNode> nodes, List<NirGraph.Edge> edges) {
        return new NirGraph("1.0.7", nodes, edges);
    }

    @Test
    void aChainIsReadFromInputToOutput() {
        NirGraph g = graph(List.of(node("out", NirType.OUTPUT), node("lif", NirType.LIF), node("in", NirType.INPUT),
                node("fc", NirType.LINEAR)), List.of(e("fc", "lif"), e("in", "fc"), e("lif", "out")));
        assertThat(NirImport.chain(g)).extracting(NirNode::name).containsExactly("in", "fc", "lif", "out");
        NirGraph direct = graph(List.of(node("in", NirType.INPUT), node("out", NirType.OUTPUT)), List.of(e("in", "out")));
        assertThat(NirImport.chain(direct)).extracting(NirNode::name).containsExactly("in", "out");
    }

    @Test
    void inputAndOutputMustEachBeThereOnce() {
        assertThatThrownBy(() -> NirImport.chain(graph(List.of(node("in", NirType.INPUT), node("in2", NirType.INPUT),
                node("out", NirType.OUTPUT)), List.of(e("in", "out")))))
                .hasMessage("NIR node in2 (Input) cannot be imported: the graph has a second Input node (in); snn4j "
                        + "networks have one input");
        assertThatThrownBy(() -> NirImport.chain(graph(List.of(node("in", NirType.INPUT), node("out", NirType.OUTPUT),
                node("out2", NirType.OUTPUT)), List.of(e("in", "out")))))
                .hasMessage("NIR node out2 (Output) cannot be imported: the graph has a second Output node (out)");
        assertThatThrownBy(() -> NirImport.chain(graph(List.of(node("in", NirType.INPUT)), List.of())))
                .hasMessage("a NIR graph needs one Input and one Output node; found Input in and no Output");
        assertThatThrownBy(() -> NirImport.chain(graph(List.of(node("out", NirType.OUTPUT)), List.of())))
                .hasMessage("a NIR graph needs one Input and one Output node; found no Input and Output out");
    }

    @Test
    void cyclesBranchesJoinsAndStrayNodesAreNamed() {
        // a cycle that does not touch the path is found too
        NirGraph cycle = graph(List.of(node("in", NirType.INPUT), node("a", NirType.LIF), node("b", NirType.LINEAR),
                node("out", NirType.OUTPUT)), List.of(e("in", "a"), e("a", "b"), e("b", "a"), e("a", "out")));
        assertThatThrownBy(() -> NirImport.chain(cycle)).hasMessage("NIR edge b -> a is recurrent (it closes a cycle "
                + "back to node a (LIF)); snn4j imports feed-forward graphs only");
        NirGraph self = graph(List.of(node("in", NirType.INPUT), node("a", NirType.LIF), node("out", NirType.OUTPUT)),
                List.of(e("in", "a"), e("a", "a"), e("a", "out")));
        assertThatThrownBy(() -> NirImport.chain(self)).hasMessageStartingWith("NIR edge a -> a is recurrent");
        NirGraph branch = graph(List.of(node("in", NirType.INPUT), node("a", NirType.LIF), node("b", NirType.LIF),
                node("out", NirType.OUTPUT)), List.of(e("in", "a"), e("in", "b"), e("a", "out")));
        assertThatThrownBy(() -> NirImport.chain(branch)).hasMessage("NIR node in (Input) cannot be imported: it "
                + "feeds 2 nodes [a, b]; snn4j imports chains (no branches)");
        NirGraph join = graph(List.of(node("in", NirType.INPUT), node("a", NirType.LIF), node("b", NirType.LIF),
                node("out", NirType.OUTPUT)), List.of(e("in", "a"), e("a", "out"), e("b", "out")));
        assertThatThrownBy(() -> NirImport.chain(join)).hasMessage("NIR node out (Output) cannot be imported: it has "
                + "2 inputs [a, b]; snn4j imports chains (one input per node)");
        NirGraph deadEnd = graph(List.of(node("in", NirType.INPUT), node("a", NirType.LIF), node("out", NirType.OUTPUT)),
                List.of(e("in", "a")));
        assertThatThrownBy(() -> NirImport.chain(deadEnd)).hasMessage("NIR node a (LIF) cannot be imported: nothing "
                + "follows it, so it never reaches Output out");
        NirGraph stray = graph(List.of(node("in", NirType.INPUT), node("out", NirType.OUTPUT), node("x", NirType.LIF)),
                List.of(e("in", "out")));
        assertThatThrownBy(() -> NirImport.chain(stray)).hasMessage("NIR node x (LIF) cannot be imported: it is not "
                + "on the path from Input in to Output out");
    }

    @Test
    void theGraphChecksNamesAndEdges() {
        assertThatThrownBy(() -> graph(List.of(node("a", NirType.LIF), node("a", NirType.IF)), List.of()))
                .hasMessage("node name a is used twice");
        assertThatThrownBy(() -> graph(List.of(node("a", NirType.LIF)), List.of(e("z", "a"))))
                .hasMessage("edge z -> a starts at an unknown node z; nodes are [a]");
        assertThatThrownBy(() -> graph(List.of(node("a", NirType.LIF)), List.of(e("a", "q"))))
                .hasMessage("edge a -> q ends at an unknown node q; nodes are [a]");
        NirGraph g = graph(List.of(node("a", NirType.LIF), node("b", NirType.IF)), List.of(e("a", "b")));
        assertThat(g.node("b").type()).isEqualTo(NirType.IF);
        assertThatThrownBy(() -> g.node("c")).hasMessage("no node named c");
        assertThatThrownBy(() -> new NirNode("a/b", NirType.LIF, Map.of()))
                .hasMessage("node name must be non-blank without '/', got \"a/b\"");
        assertThatThrownBy(() -> new NirNode(" ", NirType.LIF, Map.of()))
                .hasMessage("node name must be non-blank without '/', got \" \"");
        NirNode n = new NirNode("fc", NirType.AFFINE, Map.of("weight", NirArray.floats(1, 2)), Map.of("mode", "x"));
        assertThat(n.has("weight")).isTrue();
        assertThat(n.has("mode")).isTrue();
        assertThat(n.has("bias")).isFalse();
        assertThatThrownBy(() -> n.param("mode"))
                .hasMessage("Affine node fc has no numeric parameter mode (it is the string \"x\"); it has [weight]");
        assertThatThrownBy(() -> n.param("bias")).hasMessage("Affine node fc has no numeric parameter bias; it has [weight]");
        assertThat(NirType.ofFileName("CubaLIF")).isEqualTo(NirType.CUBA_LIF);
        assertThat(NirType.ofFileName("I")).isEqualTo(NirType.INTEGRATOR);
        assertThatThrownBy(() -> NirType.ofFileName("LIFF")).hasMessageStartingWith("unknown NIR node type \"LIFF\"; "
                + "known: Affine, Linear, Scale,").hasMessageEndingWith("Input, Output, NIRGraph");
    }

    @Test
    void arraysCheckTheirShapeAndCopy() {
        assertThatThrownBy(() -> NirArray.floats(new int[] {2, 2}, new double[3]))
                .hasMessage("shape [2, 2] holds 4 values, got 3");
        assertThatThrownBy(() -> NirArray.floats(new int[] {-1}, new double[0]))
                .hasMessage("shape must be >= 0 in every dimension, got [-1]");
        NirArray empty = NirArray.floats(new int[] {0, 3}, new double[0]);
        assertThat(empty.size()).isZero();
        assertThat(empty.rank()).isEqualTo(2);
        assertThat(empty.dim(1)).isEqualTo(3);
        double[] v = {1, 2, 3, 4, 5, 6};
        int[] s = {2, 3};
        NirArray a = NirArray.floats(s, v);
        v[0] = 9;
        s[0] = 9;
        assertThat(a.get(0)).isEqualTo(1);
        assertThat(a.dim(0)).isEqualTo(2);
        a.values()[1] = 9;
        a.shape()[1] = 9;
        assertThat(a.get(1)).isEqualTo(2);
        assertThat(a.dim(1)).isEqualTo(3);
        assertThatThrownBy(() -> a.get(6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> a.dim(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(NirArray.intScalar(4).rank()).isZero();
        assertThat(NirArray.intScalar(4).get(0)).isEqualTo(4);
        assertThat(NirArray.ints(1, 2)).isEqualTo(NirArray.ints(1, 2)).hasSameHashCodeAs(NirArray.ints(1, 2))
                .isNotEqualTo(NirArray.floats(1, 2)).isNotEqualTo(NirArray.ints(1, 3))
                .isNotEqualTo(NirArray.floats(new int[] {1, 2}, new double[] {1, 2}));
        assertThat(NirArray.ints(1, 2).hashCode()).isNotEqualTo(NirArray.floats(1, 2).hashCode());
        assertThat(NirArray.ints(1, 2).toString()).isEqualTo("int[2][1.0, 2.0]");
        assertThat(NirArray.floats(new double[9]).toString()).isEqualTo("float[9]");
        assertThat(NirArray.floats(new double[8]).toString()).startsWith("float[8][0.0,");
    }

    @Test
    void shapesTakeOneToThreeDimensionsAfterDroppingLeadingOnes() {
        NirNode n = node("in", NirType.INPUT);
        assertThat(NirImport.shapeOf(n, NirArray.ints(5))).isEqualTo(Shape.flat(5));
        assertThat(NirImport.shapeOf(n, NirArray.ints(4, 6))).isEqualTo(new Shape(1, 4, 6));
        assertThat(NirImport.shapeOf(n, NirArray.ints(2, 4, 6))).isEqualTo(new Shape(2, 4, 6));
        assertThat(NirImport.shapeOf(n, NirArray.ints(1, 2, 4, 6))).isEqualTo(new Shape(2, 4, 6));
        assertThat(NirImport.shapeOf(n, NirArray.ints(1, 1, 2, 4, 6))).isEqualTo(new Shape(2, 4, 6));
        // a leading one of a three-dimensional shape is a channel count
        assertThat(NirImport.shapeOf(n, NirArray.ints(1, 4, 6))).isEqualTo(new Shape(1, 4, 6));
        assertThatThrownBy(() -> NirImport.shapeOf(n, NirArray.ints(2, 2, 4, 6))).hasMessage("NIR node in (Input) "
                + "cannot be imported: its shape has 4 dimensions; snn4j takes [n], [H, W] or [C, H, W]");
        assertThatThrownBy(() -> NirImport.shapeOf(n, NirArray.floats(new int[] {0}, new double[0])))
                .hasMessageContaining("its shape has 0 dimensions");
        assertThatThrownBy(() -> NirImport.shapeOf(n, NirArray.ints(3, 0)))
                .hasMessageEndingWith("shape dimension 1 must be a positive integer, got 0.0");
        assertThatThrownBy(() -> NirImport.shapeOf(n, NirArray.floats(2.5)))
                .hasMessageEndingWith("shape dimension 0 must be a positive integer, got 2.5");
        assertThatThrownBy(() -> NirImport.shapeOf(n, NirArray.floats(1, 3e9)))
                .hasMessageEndingWith("shape dimension 1 must be a positive integer, got 3.0E9");
        assertThatThrownBy(() -> NirImport.shapeOf(n, NirArray.floats(Double.NaN)))
                .hasMessageEndingWith("shape dimension 0 must be a positive integer, got NaN");
        assertThat(NirImport.shapeOf(n, NirArray.floats(1, Integer.MAX_VALUE)).width()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void perNeuronParametersMustAgree() {
        NirNode lif = new NirNode("lif", NirType.LIF, Map.of("tau", NirArray.floats(0.02, 0.02, 0.02),
                "r", NirArray.floats(2), "v", NirArray.floats(1, 1, 2), "bad", NirArray.floats(1, Double.NaN, 1),
                "two", NirArray.floats(1, 1)));
        assertThat(NirImport.uniform(lif, "tau", 3, null)).isEqualTo(0.02f);
        assertThat(NirImport.uniform(lif, "r", 3, null)).isEqualTo(2f);
        assertThat(NirImport.uniform(lif, "absent", 3, 7f)).isEqualTo(7f);
        // a default is used only when the parameter is absent
        assertThat(NirImport.uniform(lif, "r", 3, 7f)).isEqualTo(2f);
        assertThatThrownBy(() -> NirImport.uniform(lif, "absent", 3, null))
                .hasMessageStartingWith("LIF node lif has no numeric parameter absent");
        assertThatThrownBy(() -> NirImport.uniform(lif, "v", 3, null)).hasMessage("NIR node lif (LIF) cannot be "
                + "imported: v must be the same for every neuron (snn4j keeps one parameter set per layer); found 1.0 "
                + "at 0 and 2.0 at 2");
        assertThatThrownBy(() -> NirImport.uniform(lif, "bad", 3, null))
                .hasMessageEndingWith("bad[1] must be finite, got NaN");
        assertThatThrownBy(() -> NirImport.uniform(lif, "two", 3, null))
                .hasMessageEndingWith("two has 2 values for 3 neurons");
    }

    @Test
    void integerPairsFromScalarsOrPairs() {
        NirNode c = new NirNode("c", NirType.CONV2D, Map.of("stride", NirArray.intScalar(2),
                "padding", NirArray.ints(1, 3), "dilation", NirArray.ints(1, 2, 3), "neg", NirArray.ints(-1),
                "frac", NirArray.floats(1.5), "big", NirArray.ints((1 << 20) + 1), "edge", NirArray.ints(1 << 20),
                "zero", NirArray.ints(0)), Map.of("groups", "same"));
        assertThat(NirImport.pair(c, "stride", 1)).containsExactly(2, 2);
        assertThat(NirImport.pair(c, "padding", 0)).containsExactly(1, 3);
        assertThat(NirImport.pair(c, "absent", 4)).containsExactly(4, 4);
        assertThat(NirImport.pair(c, "edge", 0)).containsExactly(1 << 20, 1 << 20);
        assertThat(NirImport.pair(c, "zero", 1)).containsExactly(0, 0);
        assertThatThrownBy(() -> NirImport.pair(c, "dilation", 1)).hasMessageEndingWith("dilation must have 1 or 2 "
                + "values, got int[3][1.0, 2.0, 3.0]");
        assertThatThrownBy(() -> NirImport.pair(c, "neg", 0)).hasMessageEndingWith("neg must hold non-negative "
                + "integers, got int[1][-1.0]");
        assertThatThrownBy(() -> NirImport.pair(c, "frac", 0)).hasMessageEndingWith("frac must hold non-negative "
                + "integers, got float[1][1.5]");
        assertThatThrownBy(() -> NirImport.pair(c, "big", 0)).hasMessageContaining("big must hold non-negative");
        assertThatThrownBy(() -> NirImport.pair(c, "groups", 1)).hasMessage("NIR node c (Conv2d) cannot be imported: "
                + "groups is the string \"same\"; expected integers");
    }
}
