package org.snn4j.nir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.Lif;

/**
 * Sum and average pooling are folded into the next synapse node's weights: one step of input spikes through
 * the imported layer gives the same potentials as pooling the spike map, then applying the original weights.
 */
class NirPoolingFoldTest {
    static final int H = 8;

    static NirNode li(String name, int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        Map<String, NirArray> p = new LinkedHashMap<>();
        double[] tau = new double[n];
        double[] r = new double[n];
        java.util.Arrays.fill(tau, 10);
        java.util.Arrays.fill(r, 10);                 // r dt / tau = 1 with dt 1: weights copied
        p.put("tau", NirArray.floats(shape, tau));
        p.put("r", NirArray.floats(shape, r));
        p.put("v_leak", NirArray.floats(shape, new double[n]));
        return new NirNode(name, NirType.LI, p);
    }

    static NirNode pool(NirType t, int k, int s, int p) {
        Map<String, NirArray> m = new LinkedHashMap<>();
        m.put("kernel_size", NirArray.ints(k, k));
        m.put("stride", NirArray.ints(s, s));
        m.put("padding", NirArray.ints(p, p));
        return new NirNode("pool", t, m);
    }

    static NirGraph graph(List<NirNode> mid) {
        List<NirNode> n = new ArrayList<>();
        n.add(new NirNode("in", NirType.INPUT, Map.of("shape", NirArray.ints(2, H, H))));
        n.addAll(mid);
        n.add(new NirNode("out", NirType.OUTPUT, Map.of()));
        List<NirGraph.Edge> e = new ArrayList<>();
        for (int i = 0; i + 1 < n.size(); i++) {
            e.add(new NirGraph.Edge(n.get(i).name(), n.get(i + 1).name()));
        }
        return new NirGraph("1.0.7", n, e);
    }

    /** Potentials of the last layer after one step with the given input spikes (binary map 2 x H x H). */
    static float[] oneStep(Network net, boolean[] x) {
        int[] idx = new int[x.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i]) {
                idx[n++] = i;
            }
        }
        Simulation sim = net.newSimulation(1);
        sim.present(EventSource.of(1, x.length, new int[n], java.util.Arrays.copyOf(idx, n)));
        return sim.state(net.layerCount() - 1).neurons().get(Lif.V).clone();
    }

    static double[] pooled(boolean[] x, int k, int s, int p, boolean avg) {
        int ph = Math.floorDiv(H + 2 * p - k, s) + 1;
        double[] out = new double[2 * ph * ph];
        for (int c = 0; c < 2; c++) {
            for (int py = 0; py < ph; py++) {
                for (int px = 0; px < ph; px++) {
                    double sum = 0;
                    for (int dy = 0; dy < k; dy++) {
                        for (int dx = 0; dx < k; dx++) {
                            int y = py * s - p + dy;
                            int xx = px * s - p + dx;
                            if (y >= 0 && y < H && xx >= 0 && xx < H && x[(c * H + y) * H + xx]) {
                                sum += 1;
                            }
                        }
                    }
                    out[(c * ph + py) * ph + px] = avg ? sum / (k * k) : sum;
                }
            }
        }
        return out;
    }

    static boolean[] randomSpikes(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean[] x = new boolean[2 * H * H];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() < 0.4;
        }
        return x;
    }

    @Test
    void overlappingPaddedSumPoolingFoldsExactlyIntoAFollowingLinear() {
        int k = 3;
        int s = 2;
        int p = 1;
        int ph = 4;
        int nIn = 2 * ph * ph;
        SplittableRandom r = new SplittableRandom(3);
        double[] w = new double[5 * nIn];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextDouble(-1, 1);
        }
        Map<String, NirArray> flat = new LinkedHashMap<>();
        flat.put("start_dim", NirArray.intScalar(0));
        flat.put("end_dim", NirArray.intScalar(-1));
        NirGraph g = graph(List.of(pool(NirType.SUM_POOL_2D, k, s, p), new NirNode("flat", NirType.FLATTEN, flat),
                new NirNode("fc", NirType.LINEAR, Map.of("weight", NirArray.floats(new int[] {5, nIn}, w))),
                li("li", new int[] {5})));
        Network net = NirImport.toNetwork(g, NirOptions.ofDtMs(1f));
        assertThat(net.layerCount()).isEqualTo(1);
        for (long seed = 0; seed < 5; seed++) {
            boolean[] x = randomSpikes(seed);
            double[] pl = pooled(x, k, s, p, false);
            float[] v = oneStep(net, x);
            for (int o = 0; o < 5; o++) {
                double want = 0;
                for (int j = 0; j < nIn; j++) {
                    want += (float) w[o * nIn + j] * pl[j];
                }
                assertThat((double) v[o]).isCloseTo(want, within(1e-4));
            }
        }
    }

    @Test
    void tilingAveragePoolingFoldsIntoAFollowingConvolution() {
        int k = 2;
        int ph = H / k;
        SplittableRandom r = new SplittableRandom(4);
        double[] w = new double[3 * 2 * 3 * 3];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextDouble(-1, 1);
        }
        Map<String, NirArray> cp = new LinkedHashMap<>();
        cp.put("weight", NirArray.floats(new int[] {3, 2, 3, 3}, w));
        cp.put("bias", NirArray.floats(0, 0, 0));
        cp.put("stride", NirArray.ints(1, 1));
        cp.put("padding", NirArray.ints(1, 1));
        NirGraph g = graph(List.of(pool(NirType.AVG_POOL_2D, k, k, 0), new NirNode("conv", NirType.CONV2D, cp),
                li("li", new int[] {3, ph, ph})));
        Network net = NirImport.toNetwork(g, NirOptions.ofDtMs(1f));
        assertThat(net.layer(0).outputShape()).isEqualTo(new org.snn4j.Shape(3, ph, ph));
        boolean[] x = randomSpikes(9);
        double[] pl = pooled(x, k, k, 0, true);
        float[] v = oneStep(net, x);
        for (int o = 0; o < 3; o++) {
            for (int y = 0; y < ph; y++) {
                for (int xx = 0; xx < ph; xx++) {
                    double want = 0;
                    for (int c = 0; c < 2; c++) {
                        for (int ky = 0; ky < 3; ky++) {
                            for (int kx = 0; kx < 3; kx++) {
                                int iy = y - 1 + ky;
                                int ix = xx - 1 + kx;
                                if (iy >= 0 && iy < ph && ix >= 0 && ix < ph) {
                                    want += (float) w[((o * 2 + c) * 3 + ky) * 3 + kx] * pl[(c * ph + iy) * ph + ix];
                                }
                            }
                        }
                    }
                    assertThat((double) v[(o * ph + y) * ph + xx]).isCloseTo(want, within(1e-4));
                }
            }
        }
    }

    @Test
    void poolingThatDoesNotTileIsRefusedBeforeAConvolution() {
        Map<String, NirArray> cp = new LinkedHashMap<>();
        cp.put("weight", NirArray.floats(new int[] {1, 2, 3, 3}, new double[18]));
        NirGraph g = graph(List.of(pool(NirType.SUM_POOL_2D, 3, 2, 1), new NirNode("conv", NirType.CONV2D, cp),
                li("li", new int[] {1, 4, 4})));
        assertThatThrownBy(() -> NirImport.toNetwork(g, NirOptions.ofDtMs(1f)))
                .hasMessageContaining("conv (Conv2d)").hasMessageContaining("stride = kernel");
    }
}
