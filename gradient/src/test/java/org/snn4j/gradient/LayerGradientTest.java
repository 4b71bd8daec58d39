package org.snn4j.gradient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.snn4j.Shape;
import org.snn4j.neuron.ResetMode;
import org.snn4j.neuron.SrmParameters;

/**
 * Every layer's and neuron's backward pass against central finite differences of {@code L = sum c * out} with the
 * neurons in {@link ForwardMode#SMOOTH} (exact gradient of the smooth forward pass).
 */
class LayerGradientTest {
    static final int T = 7;

    /** Runs forward, sets gradOut = c, backward and parameter gradients; then checks input and parameters. */
    static void checkLayer(String what, Layer layer, float[] input, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Shape inS = layer.inputShape();
        Shape outS = layer.outputShape();
        Tensor in = GradCheck.tensor(T, inS, input);
        Tensor out = new Tensor(T, outS);
        Object sc = layer.newScratch(T);
        float[] c = GradCheck.random(rng, T * outS.size(), -1, 1);
        Pass pass = new Pass(true, 42L);
        layer.forward(in, out, sc, pass);
        Tensor gOut = GradCheck.tensor(T, outS, c);
        Tensor gIn = new Tensor(T, inS);
        layer.backward(in, out, gOut, gIn, sc);
        int np = layer.gradientPartitions();
        for (int p = 0; p < np; p++) {
            layer.computeGradients(p, new Tensor[] {in}, new Tensor[] {out}, new Tensor[] {gOut}, new Object[] {sc},
                    1);
        }
        Object sc2 = layer.newScratch(T);
        Tensor out2 = new Tensor(T, outS);
        java.util.function.DoubleSupplier loss = () -> {
            layer.forward(in, out2, sc2, pass);
            double l = 0;
            float[] o = out2.data();
            for (int k = 0; k < o.length; k++) {
                l += (double) c[k] * o[k];
            }
            return l;
        };
        GradCheck.check(what + " input", in.data(), gIn.data().clone(), loss, 1e-2f, 200, seed);
        List<Parameter> ps = layer.parameters();
        for (int p = 0; p < ps.size(); p++) {
            GradCheck.check(what + " " + ps.get(p).name(), ps.get(p).value(), ps.get(p).grad().clone(), loss, 1e-2f,
                    200, seed + p);
        }
    }

    static float[] currents(long seed, int n, double lo, double hi) {
        return GradCheck.random(new SplittableRandom(seed), T * n, lo, hi);
    }

    @ParameterizedTest
    @EnumSource(ResetMode.class)
    void cubaLifFullGradient(ResetMode reset) {
        Surrogate sg = new Surrogate.FastSigmoid(2f);
        CubaLif lif = new CubaLif(new CubaLifParameters(0.3f, 0.2f, 1f, reset), sg, ForwardMode.SMOOTH,
                ResetGradient.FULL);
        checkLayer("cuba " + reset, new SpikingLayer("n", Shape.flat(5), lif), currents(1, 5, -0.5, 1.5), 11);
    }

    @ParameterizedTest
    @EnumSource(ResetMode.class)
    void lifFullGradient(ResetMode reset) {
        CubaLif lif = new CubaLif(CubaLifParameters.lif(0.9f, 1f, reset), new Surrogate.Arctan(2f),
                ForwardMode.SMOOTH, ResetGradient.FULL);
        checkLayer("lif " + reset, new SpikingLayer("n", Shape.flat(4), lif), currents(2, 4, -0.5, 1.5), 12);
    }

    @Test
    void detachedResetEqualsFullWithoutReset() {
        // With no reset the detached and the full gradient are the same function: check the detached path by FD.
        CubaLif lif = new CubaLif(new CubaLifParameters(0.5f, 0.1f, 1f, ResetMode.NONE),
                new Surrogate.FastSigmoid(1f), ForwardMode.SMOOTH, ResetGradient.DETACHED);
        checkLayer("lif detached", new SpikingLayer("n", Shape.flat(4), lif), currents(3, 4, -1, 2), 13);
    }

    @ParameterizedTest
    @EnumSource(value = ResetGradient.class)
    void srmGradient(ResetGradient rg) {
        // SLAYER's exponential density; detached is checked with scaleRef 0 (no refractory term to detach).
        float scaleRef = rg == ResetGradient.FULL ? 2f : 0f;
        SrmParameters p = new SrmParameters(1f, 2f, 1f, scaleRef);
        Srm srm = new Srm(p, 1f, Surrogate.slayer(1f, 1f, 1f), ForwardMode.SMOOTH, rg);
        checkLayer("srm " + rg, new SpikingLayer("n", Shape.flat(4), srm), currents(4, 4, -0.5, 1.5), 14);
    }

    @Test
    void srmWithOtherSurrogateAndStep() {
        Srm srm = new Srm(new SrmParameters(2f, 3f, 2f, 1f), 0.5f, new Surrogate.Arctan(1f), ForwardMode.SMOOTH,
                ResetGradient.FULL);
        checkLayer("srm dt 0.5", new SpikingLayer("n", Shape.flat(3), srm), currents(5, 3, 0, 2), 15);
    }

    @Test
    void denseWithBias() {
        Dense d = new Dense("fc", new Shape(2, 2, 3), 5, true, Init.uniform(1f), 3);
        checkLayer("dense", d, currents(6, 12, -1, 1), 16);
    }

    @Test
    void denseFedBySpikes() {
        Dense d = new Dense("fc", Shape.flat(9), 4, false, Init.uniform(1f), 4);
        float[] x = currents(7, 9, 0, 1);
        for (int k = 0; k < x.length; k++) {
            x[k] = x[k] < 0.3f ? 1f : 0f;
        }
        checkLayer("dense spikes", d, x, 17);
    }

    @Test
    void recurrentThroughTime() {
        CubaLif lif = new CubaLif(new CubaLifParameters(0.4f, 0.3f, 1f, ResetMode.SUBTRACT),
                new Surrogate.FastSigmoid(2f), ForwardMode.SMOOTH, ResetGradient.FULL);
        RecurrentSpiking r = new RecurrentSpiking("rec", Shape.flat(4), 3, lif, Init.uniform(2f), Init.uniform(2f),
                5);
        checkLayer("recurrent", r, currents(8, 4, -0.5, 1), 18);
    }

    @Test
    void convStridePadding() {
        Conv2d c = new Conv2d("conv", new Shape(2, 5, 6), 3, 3, 2, 1, true, Init.uniform(1f), 21);
        assertThat(c.outputShape()).isEqualTo(new Shape(3, 3, 3));
        checkLayer("conv s2 p1", c, currents(20, 60, -1, 1), 22);
    }

    @Test
    void convStrideOnePadding() {
        // stride 1 takes the shifted-plane input gradient; padding 1 and 2, non-square, several channels
        Conv2d c = new Conv2d("conv", new Shape(3, 5, 4), 2, 3, 1, 1, true, Init.uniform(1f), 31);
        checkLayer("conv s1 p1", c, currents(27, 60, -1, 1), 32);
        Conv2d c2 = new Conv2d("conv", new Shape(2, 3, 4), 3, 2, 1, 2, false, Init.uniform(1f), 33);
        assertThat(c2.outputShape()).isEqualTo(new Shape(3, 6, 7));
        checkLayer("conv s1 p2", c2, currents(28, 24, -1, 1), 34);
    }

    @Test
    void convFedBySpikes() {
        Conv2d c = new Conv2d("conv", new Shape(2, 4, 4), 4, 3, 1, 0, false, Init.uniform(1f), 23);
        float[] x = currents(21, 32, 0, 1);
        for (int k = 0; k < x.length; k++) {
            x[k] = x[k] < 0.3f ? 1f : 0f;
        }
        checkLayer("conv spikes", c, x, 24);
    }

    @Test
    void pooling() {
        checkLayer("avg pool", new Pool2d("p", new Shape(2, 4, 5), 2, Pool2d.Mode.AVERAGE), currents(22, 40, -1, 1),
                25);
        checkLayer("sum pool", new Pool2d("p", new Shape(1, 3, 3), 3, Pool2d.Mode.SUM), currents(23, 9, -1, 1), 26);
    }

    @Test
    void flattenAndDropout() {
        checkLayer("flatten", new Flatten("f", new Shape(2, 2, 2)), currents(24, 8, -1, 1), 27);
        checkLayer("dropout", new Dropout("d", Shape.flat(10), 0.4f), currents(25, 10, -1, 1), 28);
    }

    @Test
    void dropoutMaskIsConstantOverTimeAndScaled() {
        Dropout d = new Dropout("d", Shape.flat(50), 0.5f);
        float[] ones = new float[T * 50];
        java.util.Arrays.fill(ones, 1f);
        Tensor in = GradCheck.tensor(T, Shape.flat(50), ones);
        Tensor out = new Tensor(T, Shape.flat(50));
        d.forward(in, out, d.newScratch(T), new Pass(true, 5));
        int kept = 0;
        for (int i = 0; i < 50; i++) {
            float v = out.data()[i];
            assertThat(v).isIn(0f, 2f);
            kept += v > 0 ? 1 : 0;
            for (int t = 1; t < T; t++) {
                assertThat(out.data()[t * 50 + i]).isEqualTo(v);
            }
        }
        assertThat(kept).isBetween(15, 35);
        d.forward(in, out, d.newScratch(T), Pass.inference());
        assertThat(out.data()).containsOnly(1f);
    }

    @Test
    void convMatchesDirectFormula() {
        Conv2d c = new Conv2d("conv", new Shape(1, 4, 4), 2, 3, 1, 1, false, Init.uniform(1f), 30);
        float[] x = currents(26, 16, -1, 1);
        Tensor in = GradCheck.tensor(T, c.inputShape(), x);
        Tensor out = new Tensor(T, c.outputShape());
        c.forward(in, out, null, Pass.inference());
        float[] w = c.weights();
        for (int o = 0; o < 2; o++) {
            for (int oy = 0; oy < 4; oy++) {
                for (int ox = 0; ox < 4; ox++) {
                    double s = 0;
                    for (int ky = 0; ky < 3; ky++) {
                        for (int kx = 0; kx < 3; kx++) {
                            int yy = oy - 1 + ky;
                            int xx = ox - 1 + kx;
                            if (yy >= 0 && yy < 4 && xx >= 0 && xx < 4) {
                                s += w[(ky * 3 + kx) * 2 + o] * x[16 * 2 + yy * 4 + xx];
                            }
                        }
                    }
                    assertThat((double) out.data()[2 * 32 + o * 16 + oy * 4 + ox]).isCloseTo(s,
                            org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        }
    }

    @Test
    void relu() {
        checkLayer("relu", new Relu("r", Shape.flat(6)), currents(9, 6, -1, 1), 19);
    }

    @Test
    void eventDrivenDenseEqualsDenseArithmetic() {
        Dense d = new Dense("fc", Shape.flat(20), 7, true, Init.uniform(1f), 9);
        SplittableRandom rng = new SplittableRandom(3);
        int[] step = new int[30];
        int[] idx = new int[30];
        for (int e = 0; e < 30; e++) {
            step[e] = rng.nextInt(T);
            idx[e] = rng.nextInt(20);
        }
        Tensor events = Tensor.fromEvents(T, Shape.flat(20), step, idx, 30);
        Tensor dense = GradCheck.tensor(T, Shape.flat(20), events.data());
        assertThat(events.binary()).isTrue();
        assertThat(dense.binary()).isFalse();
        Tensor a = new Tensor(T, Shape.flat(7));
        Tensor b = new Tensor(T, Shape.flat(7));
        d.forward(events, a, null, Pass.inference());
        d.forward(dense, b, null, Pass.inference());
        assertThat(a.data()).containsExactly(b.data());
        float[] g = GradCheck.random(rng, T * 7, -1, 1);
        Tensor gt = GradCheck.tensor(T, Shape.flat(7), g);
        d.computeGradients(0, new Tensor[] {events}, new Tensor[] {a}, new Tensor[] {gt}, new Object[1], 1);
        float[] ge = d.parameters().get(0).grad().clone();
        d.computeGradients(0, new Tensor[] {dense}, new Tensor[] {b}, new Tensor[] {gt}, new Object[1], 1);
        assertThat(ge).containsExactly(d.parameters().get(0).grad());
    }
}
