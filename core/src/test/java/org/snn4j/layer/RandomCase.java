package org.snn4j.layer;

import java.util.SplittableRandom;
import org.snn4j.Shape;

/** A random convolution case drawn from a seed: shapes, dyadic weights (exact float sums) and input. */
public final class RandomCase {
    public final Shape in;
    public final int outC;
    public final int k;
    public final int stride;
    public final int pad;
    public final int steps;
    public final float[] wOIHW;
    public final int[] inputStep;
    public final float threshold;
    public final Shape out;

    public RandomCase(long seed, boolean dyadic, boolean nonNegative) {
        SplittableRandom r = new SplittableRandom(seed);
        int inC = 1 + r.nextInt(3);
        int h = 2 + r.nextInt(7);
        int w = 2 + r.nextInt(7);
        in = new Shape(inC, h, w);
        outC = 1 + r.nextInt(5);
        pad = r.nextInt(3);
        k = 1 + r.nextInt(Math.min(4, Math.min(h, w) + 2 * pad));
        stride = 1 + r.nextInt(2);
        steps = 1 + r.nextInt(6);
        wOIHW = new float[outC * inC * k * k];
        for (int i = 0; i < wOIHW.length; i++) {
            if (dyadic) {
                int q = nonNegative ? r.nextInt(17) : r.nextInt(33) - 12;
                wOIHW[i] = q / 16f;
            } else {
                wOIHW[i] = (float) (nonNegative ? r.nextDouble() : r.nextDouble() * 1.5 - 0.5);
            }
        }
        double p = 0.2 + 0.7 * r.nextDouble();
        inputStep = new int[in.size()];
        for (int i = 0; i < inputStep.length; i++) {
            inputStep[i] = r.nextDouble() < p ? r.nextInt(steps) : -1;
        }
        // thresholds between dyadic values so that exact sums never tie with the threshold
        threshold = (float) (Math.floor(r.nextDouble() * 2.0 * inC * k * k / 3.0 * 16.0) + 0.5) / 16f;
        out = new Shape(outC, Windows.outputSize(h, k, stride, pad), Windows.outputSize(w, k, stride, pad));
    }

    public Conv2dLayer.Builder builder() {
        return Conv2dLayer.builder("conv", in, outC, k, k).stride(stride).padding(pad);
    }

    public void load(Conv2dLayer layer) {
        int taps = in.channels() * k * k;
        org.ejml.data.FMatrixRMaj m = new org.ejml.data.FMatrixRMaj(outC, taps);
        System.arraycopy(wOIHW, 0, m.data, 0, wOIHW.length);
        layer.setFromMatrixOIHW(m);
    }

    public float[][] referencePotentials() {
        return Reference.convPotentials(inputStep, steps, in, wOIHW, outC, k, k, stride, pad, out);
    }

    @Override
    public String toString() {
        return "in " + in + " outC " + outC + " k " + k + " stride " + stride + " pad " + pad + " steps " + steps
                + " threshold " + threshold;
    }
}
