package org.snn4j.examples.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.snn4j.layer.LayerState;
import org.snn4j.learning.BinaryStdp;
import org.snn4j.learning.RateSchedule;
import org.snn4j.learning.StdpRates;
import org.snn4j.learning.WeightBounds;

/**
 * Checks the event-driven passes of {@link SpikingConv} against a dense, clock-driven re-implementation
 * of SpykeTorch's semantics (potentials of every neuron at every step, {@code fire}, pointwise inhibition,
 * {@code get_k_winners}). Weights are multiples of 1/64 so that every float sum is exact whatever the
 * order, which makes the comparison exact (ties included).
 */
class SpikingConvTest {
    static final int T = 6;

    record Case(SpikingConv conv, float[] oihw, int[] firstStep, StepEvents events) {
    }

    static Case randomCase(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int inC = 1 + r.nextInt(4);
        int h = 3 + r.nextInt(6);
        int w = 3 + r.nextInt(6);
        int pad = r.nextInt(3);
        int k = 1 + r.nextInt(Math.min(h, w) + 2 * pad);
        k = Math.min(k, 5);
        int outC = 1 + r.nextInt(6);
        float thr = 1 + r.nextInt(4 * inC);
        SpikingConv c = new SpikingConv(inC, h, w, pad, k, outC, thr);
        float[] oihw = new float[c.weightCount()];
        for (int i = 0; i < oihw.length; i++) {
            oihw[i] = r.nextInt(65) / 64f;
        }
        c.setWeightsOIHW(oihw);
        int[] first = new int[c.inputSize()];
        double p = 0.2 + 0.7 * r.nextDouble();
        for (int i = 0; i < first.length; i++) {
            first[i] = r.nextDouble() < p ? r.nextInt(T) : -1;
        }
        return new Case(c, oihw, first, StepEvents.ofFirstSteps(first, T));
    }

    /** Dense potentials [t][o][y][x] by direct summation. */
    static float[][][][] densePotentials(SpikingConv c, float[] oihw, int[] first) {
        float[][][][] pot = new float[T][c.outC][c.outH][c.outW];
        for (int t = 0; t < T; t++) {
            for (int o = 0; o < c.outC; o++) {
                for (int y = 0; y < c.outH; y++) {
                    for (int x = 0; x < c.outW; x++) {
                        float s = 0;
                        for (int ci = 0; ci < c.inC; ci++) {
                            for (int ky = 0; ky < c.k; ky++) {
                                for (int kx = 0; kx < c.k; kx++) {
                                    int iy = y + ky - c.pad;
                                    int ix = x + kx - c.pad;
                                    if (iy < 0 || iy >= c.inH || ix < 0 || ix >= c.inW) {
                                        continue;
                                    }
                                    int f = first[(ci * c.inH + iy) * c.inW + ix];
                                    if (f >= 0 && f <= t) {
                                        s += oihw[((o * c.inC + ci) * c.k + ky) * c.k + kx];
                                    }
                                }
                            }
                        }
                        pot[t][o][y][x] = s;
                    }
                }
            }
        }
        return pot;
    }

    /** SpykeTorch: fire(pot, thr) + pointwise_inhibition + get_k_winners; returns {o, y, x, t} per winner. */
    static List<int[]> referenceWinners(SpikingConv c, float[][][][] pot, int kwta, int radius) {
        int C = c.outC;
        int H = c.outH;
        int W = c.outW;
        // thresholded potentials
        float[][][][] th = new float[T][C][H][W];
        for (int t = 0; t < T; t++) {
            for (int o = 0; o < C; o++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        th[t][o][y][x] = pot[t][o][y][x] > c.threshold ? pot[t][o][y][x] : 0f;
                    }
                }
            }
        }
        // pointwise inhibition: per position, the earliest step with any spike; the max feature there survives
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int keep = -1;
                for (int t = 0; t < T && keep < 0; t++) {
                    float best = 0f;
                    for (int o = 0; o < C; o++) {
                        if (th[t][o][y][x] > best) {
                            best = th[t][o][y][x];
                            keep = o;
                        }
                    }
                }
                for (int o = 0; o < C; o++) {
                    if (o != keep) {
                        for (int t = 0; t < T; t++) {
                            th[t][o][y][x] = 0f;
                        }
                    }
                }
            }
        }
        // ranking: earliest spike, then potential at that step, then lower CHW index
        List<int[]> cands = new ArrayList<>();
        for (int o = 0; o < C; o++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    for (int t = 0; t < T; t++) {
                        if (th[t][o][y][x] > 0f) {
                            cands.add(new int[]{o, y, x, t, Float.floatToIntBits(th[t][o][y][x])});
                            break;
                        }
                    }
                }
            }
        }
        cands.sort((a, b) -> a[3] != b[3] ? Integer.compare(a[3], b[3])
                : Float.compare(Float.intBitsToFloat(b[4]), Float.intBitsToFloat(a[4])));
        // stable sort keeps CHW order for ties
        List<int[]> winners = new ArrayList<>();
        for (int i = 0; i < cands.size() && winners.size() < kwta; i++) {
            int[] cd = cands.get(i);
            boolean ok = true;
            for (int[] wn : winners) {
                if (wn[0] == cd[0] || (Math.abs(wn[1] - cd[1]) <= radius && Math.abs(wn[2] - cd[2]) <= radius)) {
                    ok = false;
                }
            }
            if (ok) {
                winners.add(new int[]{cd[0], cd[1], cd[2], cd[3]});
            }
        }
        return winners;
    }

    @Property(tries = 300, seed = "5")
    void trainPassFindsSpykeTorchsWinners(@ForAll long seed) {
        Case cs = randomCase(seed);
        SpikingConv c = cs.conv();
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int kwta = 1 + r.nextInt(6);
        int radius = r.nextInt(3);
        List<int[]> expected = referenceWinners(c, densePotentials(c, cs.oihw(), cs.firstStep()), kwta, radius);
        SpikingConv.Work ws = c.newWork(kwta);
        c.trainPass(cs.events(), kwta, radius, ws);
        assertThat(ws.winners()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(new int[]{ws.winnerChannel(i), ws.winnerRow(i), ws.winnerCol(i), ws.winnerStep(i)})
                    .as("winner %d", i).containsExactly(expected.get(i));
        }
        // STDP: compare with the rule applied densely to the reference winners
        float aPlus = 0.05f;
        float aMinus = -0.0375f;
        float[] w = cs.oihw().clone();
        for (int[] wn : expected) {
            for (int ci = 0; ci < c.inC; ci++) {
                for (int ky = 0; ky < c.k; ky++) {
                    for (int kx = 0; kx < c.k; kx++) {
                        int iy = wn[1] + ky - c.pad;
                        int ix = wn[2] + kx - c.pad;
                        boolean ltp = false;
                        if (iy >= 0 && iy < c.inH && ix >= 0 && ix < c.inW) {
                            int f = cs.firstStep()[(ci * c.inH + iy) * c.inW + ix];
                            ltp = f >= 0 && f <= wn[3];
                        }
                        int wi = ((wn[0] * c.inC + ci) * c.k + ky) * c.k + kx;
                        float v = w[wi] + (ltp ? aPlus : aMinus) * ((w[wi] - 0f) * (1f - w[wi]));
                        w[wi] = Math.max(0f, Math.min(1f, v));
                    }
                }
            }
        }
        // the library rule, driven by the pass's winners and input steps, through the library layer
        BinaryStdp rule = new BinaryStdp(c.outC, new StdpRates(aPlus, aMinus), WeightBounds.unit(), true,
                RateSchedule.constant());
        LayerState st = c.layer().newState();
        c.copyInputSteps(ws, st.inputSpikeStep());
        rule.afterSample(c.layer(), st, c.winners(ws), 0f);
        c.clearInputSteps(ws);
        assertThat(c.weightsOIHW()).containsExactly(w);
        // the work object is clean for the next sample: a second pass gives the same winners again
        c.setWeightsOIHW(cs.oihw());
        c.trainPass(cs.events(), kwta, radius, ws);
        assertThat(ws.winners()).isEqualTo(expected.size());
    }

    @Property(tries = 200, seed = "6")
    void forwardStepsGivesFirstThresholdCrossing(@ForAll long seed) {
        Case cs = randomCase(seed);
        SpikingConv c = cs.conv();
        float[][][][] pot = densePotentials(c, cs.oihw(), cs.firstStep());
        int[] got = new int[c.outputSize()];
        c.forwardSteps(cs.events(), c.newWork(1), got);
        for (int o = 0; o < c.outC; o++) {
            for (int y = 0; y < c.outH; y++) {
                for (int x = 0; x < c.outW; x++) {
                    int exp = -1;
                    for (int t = 0; t < T && exp < 0; t++) {
                        if (pot[t][o][y][x] > c.threshold) {
                            exp = t;
                        }
                    }
                    assertThat(got[(o * c.outH + y) * c.outW + x]).as("neuron %d,%d,%d", o, y, x).isEqualTo(exp);
                }
            }
        }
    }

    @Property(tries = 200, seed = "7")
    void forwardFinalPoolsTheFinalSpikeMap(@ForAll long seed) {
        Case cs = randomCase(seed);
        SpikingConv c = cs.conv();
        int pk = 1 + (int) Math.floorMod(seed, (long) Math.min(3, Math.min(c.outH, c.outW)));
        int pH = (c.outH - pk) / pk + 1;
        int pW = (c.outW - pk) / pk + 1;
        float[][][][] pot = densePotentials(c, cs.oihw(), cs.firstStep());
        boolean[] active = new boolean[c.inputSize()];
        for (int i = 0; i < active.length; i++) {
            active[i] = cs.firstStep()[i] >= 0;
        }
        boolean[] expected = new boolean[c.outC * pH * pW];
        for (int o = 0; o < c.outC; o++) {
            for (int py = 0; py < pH; py++) {
                for (int px = 0; px < pW; px++) {
                    for (int dy = 0; dy < pk; dy++) {
                        for (int dx = 0; dx < pk; dx++) {
                            if (pot[T - 1][o][py * pk + dy][px * pk + dx] > c.threshold) {
                                expected[(o * pH + py) * pW + px] = true;
                            }
                        }
                    }
                }
            }
        }
        boolean[] direct = new boolean[expected.length];
        c.forwardFinal(active, pk, c.newWork(1), direct);
        assertThat(direct).containsExactly(expected);
        c.prepareTotals(pH * pk, pW * pk); // enables the complement path when most inputs are active
        boolean[] viaTotals = new boolean[expected.length];
        c.forwardFinal(active, pk, c.newWork(1), viaTotals);
        assertThat(viaTotals).containsExactly(expected);
    }

    @Test
    void weightsRoundTripInOihwOrder() {
        SpikingConv c = new SpikingConv(2, 4, 4, 1, 3, 3, 1f);
        float[] w = new float[c.weightCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = i;
        }
        c.setWeightsOIHW(w);
        assertThat(c.weightsOIHW()).containsExactly(w);
        // W[o=1][c=0][ky=2][kx=1] is at OIHW index ((1*2+0)*3+2)*3+1 = 25
        assertThat(c.w[c.wIndex(1, 0, 2, 1)]).isEqualTo(25f);
    }

    @Test
    void badGeometryIsRejected() {
        assertThatThrownBy(() -> new SpikingConv(0, 4, 4, 0, 3, 3, 1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("inC must be >= 1, got 0");
        assertThatThrownBy(() -> new SpikingConv(1, 2, 2, 0, 3, 3, 1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("larger than padded input");
        assertThatThrownBy(() -> new SpikingConv(1, 4, 4, 0, 3, 3, -1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("threshold must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> new SpikingConv(1, 4, 4, 0, 3, 3, 1f).setWeightsOIHW(new float[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("weights must have 27 values, got 2");
    }

    @Test
    void stepEventsFromFirstSteps() {
        StepEvents e = StepEvents.ofFirstSteps(new int[]{2, -1, 0, 2, 1}, 3);
        assertThat(e.offsets()).containsExactly(0, 1, 2, 4);
        assertThat(e.neurons()).containsExactly((short) 2, (short) 4, (short) 0, (short) 3);
        assertThat(Arrays.asList(e.count(), e.steps())).containsExactly(4, 3);
    }
}
