package org.snn4j.layer;

import org.snn4j.Shape;

/**
 * Slow, obviously-correct dense references, SpykeTorch style: every neuron at every step, from the
 * cumulative spike wave {@code wave[t][i] = 1 if input i fired at a step <= t}.
 */
public final class Reference {
    private Reference() {
    }

    /** Cumulative wave [T][N] from first-spike steps (-1 = never). */
    public static float[][] wave(int[] inputStep, int steps) {
        float[][] w = new float[steps][inputStep.length];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < inputStep.length; i++) {
                w[t][i] = inputStep[i] >= 0 && inputStep[i] <= t ? 1f : 0f;
            }
        }
        return w;
    }

    /** Events of step t only (not cumulative), [T][N]. */
    public static float[][] events(int[] inputStep, int steps) {
        float[][] w = new float[steps][inputStep.length];
        for (int i = 0; i < inputStep.length; i++) {
            if (inputStep[i] >= 0 && inputStep[i] < steps) {
                w[inputStep[i]][i] = 1f;
            }
        }
        return w;
    }

    /**
     * Full convolution of one input map stack, weights in [outC][inC][kH][kW] order, zero padding,
     * output CHW. Plain six nested loops.
     */
    public static float[] conv(float[] in, Shape inShape, float[] wOIHW, int outC, int kH, int kW, int stride,
                               int pad, Shape outShape) {
        int inC = inShape.channels();
        float[] out = new float[outShape.size()];
        for (int o = 0; o < outC; o++) {
            for (int oy = 0; oy < outShape.height(); oy++) {
                for (int ox = 0; ox < outShape.width(); ox++) {
                    double sum = 0;
                    for (int c = 0; c < inC; c++) {
                        for (int ky = 0; ky < kH; ky++) {
                            for (int kx = 0; kx < kW; kx++) {
                                int iy = oy * stride - pad + ky;
                                int ix = ox * stride - pad + kx;
                                if (iy < 0 || iy >= inShape.height() || ix < 0 || ix >= inShape.width()) {
                                    continue;
                                }
                                sum += in[inShape.index(c, iy, ix)] * wOIHW[((o * inC + c) * kH + ky) * kW + kx];
                            }
                        }
                    }
                    out[outShape.index(o, oy, ox)] = (float) sum;
                }
            }
        }
        return out;
    }

    /** Potentials [T][N]: conv of the cumulative wave at every step (SpykeTorch's Convolution). */
    public static float[][] convPotentials(int[] inputStep, int steps, Shape inShape, float[] wOIHW, int outC,
                                           int kH, int kW, int stride, int pad, Shape outShape) {
        float[][] wave = wave(inputStep, steps);
        float[][] pot = new float[steps][];
        for (int t = 0; t < steps; t++) {
            pot[t] = conv(wave[t], inShape, wOIHW, outC, kH, kW, stride, pad, outShape);
        }
        return pot;
    }

    /** First step with {@code pot > threshold} per neuron (fire once), or -1. */
    public static int[] fireOnce(float[][] pot, float threshold) {
        int n = pot.length == 0 ? 0 : pot[0].length;
        int[] first = new int[n];
        java.util.Arrays.fill(first, -1);
        for (int t = 0; t < pot.length; t++) {
            for (int i = 0; i < n; i++) {
                if (first[i] < 0 && pot[t][i] > threshold) {
                    first[i] = t;
                }
            }
        }
        return first;
    }

    /** Max pooling of the cumulative wave at every step (padding never fires); first step per output. */
    public static int[] pool(int[] inputStep, int steps, Shape in, int k, int stride, int pad, Shape out) {
        float[][] wave = wave(inputStep, steps);
        int[] first = new int[out.size()];
        java.util.Arrays.fill(first, -1);
        for (int t = 0; t < steps; t++) {
            for (int c = 0; c < out.channels(); c++) {
                for (int oy = 0; oy < out.height(); oy++) {
                    for (int ox = 0; ox < out.width(); ox++) {
                        float m = 0f;
                        for (int dy = 0; dy < k; dy++) {
                            for (int dx = 0; dx < k; dx++) {
                                int iy = oy * stride - pad + dy;
                                int ix = ox * stride - pad + dx;
                                if (iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width()) {
                                    m = Math.max(m, wave[t][in.index(c, iy, ix)]);
                                }
                            }
                        }
                        int j = out.index(c, oy, ox);
                        if (m > 0f && first[j] < 0) {
                            first[j] = t;
                        }
                    }
                }
            }
        }
        return first;
    }

    /**
     * SpykeTorch pointwise inhibition on a fire-once layer: per position, the earliest first-spike step
     * over features, then the highest potential at that step, ties lowest channel; the other features
     * never fire. Returns the surviving first-spike steps.
     */
    public static int[] pointwise(int[] first, float[][] pot, Shape shape) {
        int[] res = new int[first.length];
        java.util.Arrays.fill(res, -1);
        int map = shape.mapSize();
        for (int p = 0; p < map; p++) {
            int t0 = Integer.MAX_VALUE;
            for (int c = 0; c < shape.channels(); c++) {
                int f = first[c * map + p];
                if (f >= 0 && f < t0) {
                    t0 = f;
                }
            }
            if (t0 == Integer.MAX_VALUE) {
                continue;
            }
            int best = -1;
            for (int c = 0; c < shape.channels(); c++) {
                int j = c * map + p;
                if (first[j] == t0 && (best < 0 || pot[t0][j] > pot[t0][best])) {
                    best = j;
                }
            }
            res[best] = t0;
        }
        return res;
    }

    /**
     * SpykeTorch get_k_winners: greedy over (first step asc, potential at first step desc, index asc);
     * exclude the winner's map and the square of the radius over all maps. Returns winner indices.
     */
    public static int[] kWinners(int[] first, float[][] pot, Shape shape, int k, int radius) {
        int n = first.length;
        boolean[] excluded = new boolean[n];
        int[] winners = new int[k];
        int count = 0;
        while (count < k) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (first[i] < 0 || excluded[i]) {
                    continue;
                }
                if (best < 0 || first[i] < first[best]
                        || first[i] == first[best] && pot[first[i]][i] > pot[first[best]][best]) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            winners[count++] = best;
            int c = shape.channelOf(best);
            int y = shape.rowOf(best);
            int x = shape.colOf(best);
            for (int i = 0; i < n; i++) {
                if (shape.channelOf(i) == c) {
                    excluded[i] = true;
                }
                if (radius > 0 && Math.abs(shape.rowOf(i) - y) <= radius && Math.abs(shape.colOf(i) - x) <= radius) {
                    excluded[i] = true;
                }
            }
        }
        return java.util.Arrays.copyOf(winners, count);
    }
}
