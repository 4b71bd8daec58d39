package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.competition.KWinnersTakeAll;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.learning.ExponentialStdp.Bounding;
import org.snn4j.learning.ExponentialStdp.Pairing;
import org.snn4j.learning.ExponentialStdp.Parameters;
import org.snn4j.network.Network;
import org.snn4j.network.PresentationResult;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.PerfectIf;

/**
 * The rules applied through the library's real layers ({@link Conv2dLayer}, {@link DenseLayer}) against
 * independent plain-loop references over conventional arrays ({@code [outC][inC][kH][kW]} and
 * {@code [post][pre]}): exact (bit) equality.
 */
class RealLayerReferenceTest {

    private static int[] firstSpikes(Spikes[] in, int n) {
        int[] first = new int[n];
        Arrays.fill(first, -1);
        for (int t = in.length - 1; t >= 0; t--) {
            for (int k = 0; k < in[t].count(); k++) {
                first[in[t].get(k)] = t;
            }
        }
        return first;
    }

    /** One winner per output map at most (as k-WTA gives), at a random position and step. */
    private static Spikes[] oneSpikePerMap(SplittableRandom rng, Shape out, int steps) {
        Spikes[] s = Drive.none(out.size(), steps);
        for (int o = 0; o < out.channels(); o++) {
            if (rng.nextInt(4) > 0) {
                int y = rng.nextInt(out.height());
                int x = rng.nextInt(out.width());
                s[rng.nextInt(steps)].add(out.index(o, y, x));
            }
        }
        return s;
    }

    @Property(tries = 40, seed = "90210")
    void binaryStdpOnConv2dEqualsReference(@ForAll long seed, @ForAll boolean stabiliser,
                                           @ForAll @IntRange(min = 1, max = 2) int stride,
                                           @ForAll @IntRange(min = 0, max = 2) int pad,
                                           @ForAll @FloatRange(min = -0.3f, max = 0.3f) float ap,
                                           @ForAll @FloatRange(min = -0.3f, max = 0.3f) float am) {
        SplittableRandom rng = new SplittableRandom(seed);
        int inC = 2;
        int outC = 3;
        int k = 3;
        int steps = 6;
        Shape inShape = new Shape(inC, 7, 6);
        Conv2dLayer layer = Conv2dLayer.builder("conv", inShape, outC, k, k).stride(stride).padding(pad)
                .weights(WeightInit.uniform(0f, 1f, seed)).neurons(PerfectIf.latencyCoded(10f)).build();
        float[][][][] ref = new float[outC][inC][k][k];
        for (int o = 0; o < outC; o++) {
            for (int c = 0; c < inC; c++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        ref[o][c][ky][kx] = layer.weight(o, c, ky, kx);
                    }
                }
            }
        }
        BinaryStdp rule = new BinaryStdp(outC, new StdpRates(ap, am), WeightBounds.unit(), stabiliser,
                RateSchedule.constant());
        rule.setRates(2, new StdpRates(am, ap)); // per-map rates
        Shape out = layer.outputShape();
        Spikes[] in = Drive.random(rng, inShape.size(), steps, 0.15);
        List<Winner> winners = Drive.present(rule, layer, layer.newState(), in, oneSpikePerMap(rng, out, steps),
                0f, 1f);

        int[] first = firstSpikes(in, inShape.size());
        for (Winner win : winners) {
            int o = out.channelOf(win.neuron());
            int oy = out.rowOf(win.neuron());
            int ox = out.colOf(win.neuron());
            float aPlus = o == 2 ? am : ap;
            float aMinus = o == 2 ? ap : am;
            for (int c = 0; c < inC; c++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        int iy = oy * stride - pad + ky;
                        int ix = ox * stride - pad + kx;
                        boolean inside = iy >= 0 && iy < inShape.height() && ix >= 0 && ix < inShape.width();
                        int s = inside ? first[inShape.index(c, iy, ix)] : -1;
                        float a = s >= 0 && s <= win.step() ? aPlus : aMinus;
                        float v = ref[o][c][ky][kx];
                        v = stabiliser ? v + a * (v * (1f - v)) : v + a;
                        ref[o][c][ky][kx] = Math.max(0f, Math.min(1f, v));
                    }
                }
            }
        }
        for (int o = 0; o < outC; o++) {
            for (int c = 0; c < inC; c++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        assertThat(layer.weight(o, c, ky, kx)).isEqualTo(ref[o][c][ky][kx]);
                    }
                }
            }
        }
    }

    @Property(tries = 40, seed = "4711")
    void binaryStdpOnDenseEqualsReference(@ForAll long seed, @ForAll boolean stabiliser,
                                          @ForAll @FloatRange(min = -0.3f, max = 0.3f) float ap,
                                          @ForAll @FloatRange(min = -0.3f, max = 0.3f) float am) {
        SplittableRandom rng = new SplittableRandom(seed);
        int nPre = 9;
        int nPost = 5;
        DenseLayer layer = DenseLayer.builder("dense", new Shape(1, 3, 3), nPost)
                .weights(WeightInit.uniform(0f, 1f, seed)).neurons(PerfectIf.latencyCoded(1f)).build();
        float[][] ref = new float[nPost][nPre];
        for (int i = 0; i < nPre; i++) {
            for (int j = 0; j < nPost; j++) {
                ref[j][i] = layer.weights()[i * nPost + j];
            }
        }
        Spikes[] in = Drive.random(rng, nPre, 6, 0.2);
        Spikes[] out = Drive.random(rng, nPost, 6, 0.15);
        BinaryStdp rule = new BinaryStdp(1, new StdpRates(ap, am), WeightBounds.unit(), stabiliser,
                RateSchedule.constant());
        List<Winner> winners = Drive.present(rule, layer, layer.newState(), in, out, 0f, 1f);
        int[] first = firstSpikes(in, nPre);
        for (Winner win : winners) {
            for (int i = 0; i < nPre; i++) {
                float a = first[i] >= 0 && first[i] <= win.step() ? ap : am;
                float v = ref[win.neuron()][i];
                v = stabiliser ? v + a * (v * (1f - v)) : v + a;
                ref[win.neuron()][i] = Math.max(0f, Math.min(1f, v));
            }
        }
        for (int i = 0; i < nPre; i++) {
            for (int j = 0; j < nPost; j++) {
                assertThat(layer.weights()[i * nPost + j]).isEqualTo(ref[j][i]);
            }
        }
    }

    @Property(tries = 40, seed = "1618")
    void exponentialStdpOnDenseEqualsReference(@ForAll long seed, @ForAll boolean nearest, @ForAll boolean soft,
                                               @ForAll @FloatRange(min = 0f, max = 0.2f) float etaPlus,
                                               @ForAll @FloatRange(min = 0f, max = 0.2f) float etaMinus) {
        SplittableRandom rng = new SplittableRandom(seed);
        int nPre = 8;
        int nPost = 5;
        int steps = 25;
        float dt = 1f;
        Parameters p = new Parameters(5f, 9f, etaPlus, etaMinus, WeightBounds.unit(),
                nearest ? Pairing.NEAREST : Pairing.ALL_TO_ALL, soft ? Bounding.MULTIPLICATIVE : Bounding.ADDITIVE);
        DenseLayer layer = DenseLayer.builder("dense", Shape.flat(nPre), nPost)
                .weights(WeightInit.uniform(0f, 1f, seed)).neurons(PerfectIf.latencyCoded(1f)).build();
        float[][] ref = new float[nPost][nPre];
        for (int i = 0; i < nPre; i++) {
            for (int j = 0; j < nPost; j++) {
                ref[j][i] = layer.weights()[i * nPost + j];
            }
        }
        ExponentialStdp rule = new ExponentialStdp(p);
        for (int rep = 0; rep < 2; rep++) {
            Spikes[] in = Drive.random(rng, nPre, steps, 0.2);
            Spikes[] out = Drive.random(rng, nPost, steps, 0.1);
            Drive.present(rule, layer, layer.newState(), in, out, 0f, dt);
            ExponentialStdpTest.reference(ref, p, in, out, dt);
        }
        for (int i = 0; i < nPre; i++) {
            for (int j = 0; j < nPost; j++) {
                assertThat(layer.weights()[i * nPost + j]).isEqualTo(ref[j][i]);
            }
        }
    }

    /**
     * End to end through the engine: a {@link Network} with a convolution, k-WTA and BinaryStdp, driven
     * by {@link Simulation}; inputs may fire several times (the first spike counts). The weights after
     * {@code learn} equal the reference applied to the winners the engine reported.
     */
    @Property(tries = 25, seed = "8080")
    void binaryStdpThroughTheSimulationEqualsReference(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Shape inShape = new Shape(1, 8, 8);
        int outC = 4;
        int k = 3;
        int steps = 8;
        Conv2dLayer conv = Conv2dLayer.builder("conv", inShape, outC, k, k).padding(1)
                .weights(WeightInit.uniform(0.3f, 0.9f, seed)).neurons(PerfectIf.latencyCoded(2.5f)).build();
        float ap = 0.05f;
        float am = -0.04f;
        Network net = Network.builder(inShape, 1f).add(conv).compete("conv", new KWinnersTakeAll(2, 1))
                .learn("conv", new BinaryStdp(outC, new StdpRates(ap, am), WeightBounds.unit(), true, RateSchedule.constant())).build();
        Simulation sim = net.newSimulation(seed);
        for (int sample = 0; sample < 3; sample++) {
            int n = 40;
            int[] evStep = new int[n];
            int[] evIdx = new int[n];
            for (int e = 0; e < n; e++) {
                evStep[e] = rng.nextInt(steps);
                evIdx[e] = rng.nextInt(inShape.size());
            }
            float[] ref = conv.weights().clone();
            PresentationResult r = sim.present(EventSource.of(steps, inShape.size(), evStep, evIdx), true);
            sim.learn(0f);
            int[] first = new int[inShape.size()];
            Arrays.fill(first, -1);
            for (int e = 0; e < n; e++) {
                int i = evIdx[e];
                if (first[i] < 0 || evStep[e] < first[i]) {
                    first[i] = evStep[e];
                }
            }
            Shape out = conv.outputShape();
            for (Winner win : r.winners(0)) {
                int o = out.channelOf(win.neuron());
                int oy = out.rowOf(win.neuron());
                int ox = out.colOf(win.neuron());
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        int iy = oy - 1 + ky;
                        int ix = ox - 1 + kx;
                        boolean inside = iy >= 0 && iy < 8 && ix >= 0 && ix < 8;
                        int s = inside ? first[inShape.index(0, iy, ix)] : -1;
                        float a = s >= 0 && s <= win.step() ? ap : am;
                        int wi = conv.weightIndex(o, 0, ky, kx);
                        float v = ref[wi];
                        v = v + a * (v * (1f - v));
                        ref[wi] = Math.max(0f, Math.min(1f, v));
                    }
                }
            }
            assertThat(conv.weights()).containsExactly(ref);
        }
    }
}
