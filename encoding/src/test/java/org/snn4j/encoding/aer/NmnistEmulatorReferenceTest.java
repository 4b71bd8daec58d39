package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.snn4j.encoding.FloatImage;

/**
 * NmnistEmulator against a plain restatement of its class javadoc (issue 17, patterns 1 and 4): every sensor pixel
 * (no region of interest), the blur as a direct 2-D sum, {@code Math.log}, each pixel run through all the steps
 * on its own, all events sorted at the end. The random draws are restated in the emulator's order (camera: ON then
 * OFF threshold per pixel, row by row, Box-Muller; recording: one reference offset per pixel, then exponential
 * noise gaps with a pixel and a polarity each), since the draws are what the camera and sample seeds fix.
 *
 * <p>Images of every size up to 34 x 34 with ink on their borders and values outside [0, 255], negative and
 * positive origins, blur radii near whole numbers, contrasts above 0.95 (intensities below the emulator's log
 * table), threshold mismatch (also large enough to reach the 0.01 floor), refractory periods, noise, and steps
 * with more than a thousand events. Event times may differ by rounding (the emulator's log is a table accurate to
 * ~1e-9), so each pixel's ON and OFF event times are compared with a tolerance of 2 us; the counts must be equal.
 */
class NmnistEmulatorReferenceTest {
    private static final int S = NmnistEmulator.SENSOR;
    private static final int N = S * S;

    static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** The image after clamping to [0, 255] and a normalised Gaussian of radius ceil(3 sigma), zero outside. */
    static double[] blurred(FloatImage img, double sigma) {
        int w = img.width();
        int h = img.height();
        double[] v = new double[w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.min(255, Math.max(0, img.data()[i]));
        }
        if (sigma == 0) {
            return v;
        }
        int r = (int) Math.ceil(3 * sigma);
        double sum = 0;
        for (int j = -r; j <= r; j++) {
            sum += Math.exp(-j * j / (2 * sigma * sigma));
        }
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double a = 0;
                for (int dy = -r; dy <= r; dy++) {
                    for (int dx = -r; dx <= r; dx++) {
                        int xx = x + dx;
                        int yy = y + dy;
                        if (xx >= 0 && yy >= 0 && xx < w && yy < h) {
                            a += Math.exp(-dx * dx / (2 * sigma * sigma)) * Math.exp(-dy * dy / (2 * sigma * sigma))
                                    * v[yy * w + xx];
                        }
                    }
                }
                out[y * w + x] = a / (sum * sum);
            }
        }
        return out;
    }

    /** Log intensity seen by sensor pixel (x, y) with the image's corner at (ox, oy). */
    static double logIntensity(double[] lum, int w, int h, int x, int y, double ox, double oy) {
        double ix = x - ox;
        double iy = y - oy;
        int x0 = (int) Math.floor(ix);
        int y0 = (int) Math.floor(iy);
        double fx = ix - x0;
        double fy = iy - y0;
        double v = (1 - fx) * (1 - fy) * lum(lum, w, h, x0, y0) + fx * (1 - fy) * lum(lum, w, h, x0 + 1, y0)
                + (1 - fx) * fy * lum(lum, w, h, x0, y0 + 1) + fx * fy * lum(lum, w, h, x0 + 1, y0 + 1);
        return v >= 1 ? 0 : Math.log(v);
    }

    static double lum(double[] lum, int w, int h, int x, int y) {
        return x >= 0 && y >= 0 && x < w && y < h ? lum[y * w + x] : 1.0;
    }

    /** The recording as the class javadoc describes it: {pixel * 2 + (on ? 1 : 0), time} pairs, sorted. */
    static List<long[]> reference(NmnistEmulator em, FloatImage img, long sampleSeed) {
        NmnistEmulator.Parameters p = em.parameters();
        SplittableRandom camera = new SplittableRandom(em.cameraSeed());
        float[] thOn = new float[N];
        float[] thOff = new float[N];
        for (int i = 0; i < N; i++) {
            thOn[i] = (float) Math.max(0.01, p.thresholdOn() + p.thresholdSigma() * gaussian(camera));
            thOff[i] = (float) Math.max(0.01, p.thresholdOff() + p.thresholdSigma() * gaussian(camera));
        }
        int w = img.width();
        int h = img.height();
        double[] ink = blurred(img, p.blurPx());
        double[] lum = new double[ink.length];
        for (int i = 0; i < ink.length; i++) {
            lum[i] = 1 - p.contrast() * ink[i] / 255;
        }
        long duration = p.durationUs();
        int steps = (int) ((duration + p.stepUs() - 1) / p.stepUs());
        double[] ox = new double[steps + 1];
        double[] oy = new double[steps + 1];
        long[] tEnd = new long[steps + 1];
        double[] o = new double[2];
        for (int k = 0; k <= steps; k++) {
            tEnd[k] = Math.min((long) k * p.stepUs(), duration);
            em.offset(tEnd[k], o);
            ox[k] = o[0];
            oy[k] = o[1];
        }
        SplittableRandom r = new SplittableRandom(sampleSeed);
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            int x = i % S;
            int y = i / S;
            double prev = logIntensity(lum, w, h, x, y, ox[0], oy[0]);
            // uniform in (-theta/2, theta/2) around it: theta the mean threshold, at most twice the smaller one
            double theta = Math.min((thOn[i] + (double) thOff[i]) / 2, 2 * Math.min(thOn[i], (double) thOff[i]));
            double ref = prev + (r.nextDouble() - 0.5) * theta;
            double last = Double.NEGATIVE_INFINITY;
            for (int k = 1; k <= steps; k++) {
                double cur = logIntensity(lum, w, h, x, y, ox[k], oy[k]);
                long t0 = tEnd[k - 1];
                long t1 = tEnd[k];
                while (cur >= ref + thOn[i] || cur <= ref - thOff[i]) {
                    boolean up = cur >= ref + thOn[i];
                    double level = up ? ref + thOn[i] : ref - thOff[i];
                    // linear in between: the crossing time, or the step's start for a level passed before it
                    // (the pixel was refractory then)
                    boolean passed = up ? prev >= level : prev <= level;
                    double f = passed ? 0 : Math.min(1, (level - prev) / (cur - prev));
                    double te = Math.max(t0 + f * (t1 - t0), last + p.refractoryUs());
                    if (te > t1) {
                        break;
                    }
                    out.add(new long[] {2L * i + (up ? 1 : 0), (long) te});
                    ref = up ? ref + thOn[i] : ref - thOff[i];
                    last = te;
                }
                prev = cur;
            }
        }
        double rate = p.noiseHz() * N * 1e-6; // events per microsecond over the sensor
        if (rate > 0) {
            for (double t = -Math.log(1 - r.nextDouble()) / rate; t < duration; t += -Math.log(1 - r.nextDouble()) / rate) {
                int pixel = r.nextInt(N);
                out.add(new long[] {2L * pixel + (r.nextBoolean() ? 1 : 0), (long) t});
            }
        }
        return out;
    }

    /** Same events per pixel and polarity (times within 2 us); the emulator's list sorted by time, pixel, polarity. */
    static void assertMatches(Events e, List<long[]> ref, String what) {
        assertThat(e.width()).isEqualTo(S);
        assertThat(e.height()).isEqualTo(S);
        List<List<Long>> got = new ArrayList<>();
        List<List<Long>> want = new ArrayList<>();
        for (int k = 0; k < 2 * N; k++) {
            got.add(new ArrayList<>());
            want.add(new ArrayList<>());
        }
        for (int i = 0; i < e.size(); i++) {
            got.get(2 * (e.y(i) * S + e.x(i)) + (e.isOn(i) ? 1 : 0)).add(e.t(i));
            if (i > 0) {
                long a = e.t(i - 1) * 2L * N + 2L * (e.y(i - 1) * S + e.x(i - 1)) + (e.isOn(i - 1) ? 1 : 0);
                long b = e.t(i) * 2L * N + 2L * (e.y(i) * S + e.x(i)) + (e.isOn(i) ? 1 : 0);
                assertThat(b).as("%s: event %d after %d (time, pixel, polarity)", what, i, i - 1).isGreaterThanOrEqualTo(a);
            }
        }
        for (long[] ev : ref) {
            want.get((int) ev[0]).add(ev[1]);
        }
        for (int k = 0; k < 2 * N; k++) {
            List<Long> g = got.get(k);
            List<Long> w = want.get(k);
            w.sort(null);
            String at = what + ": pixel (" + (k / 2 % S) + ", " + (k / 2 / S) + ") " + (k % 2 == 1 ? "ON" : "OFF");
            assertThat(g).as(at + " count, emulator %s, reference %s", g, w).hasSameSizeAs(w);
            for (int j = 0; j < g.size(); j++) {
                assertThat(Math.abs(g.get(j) - w.get(j))).as(at + " event %d, emulator %s, reference %s", j, g, w)
                        .isLessThanOrEqualTo(2);
            }
        }
        assertThat(e.size()).isEqualTo(ref.size());
    }

    static FloatImage image(SplittableRandom r) {
        int w = r.nextInt(4) == 0 ? S : r.nextInt(1, S + 1);
        int h = r.nextInt(4) == 0 ? S : r.nextInt(1, S + 1);
        float[] px = new float[w * h];
        int blobs = r.nextInt(5);
        for (int b = 0; b < blobs; b++) {
            int x0 = r.nextInt(w);
            int y0 = r.nextInt(h);
            int x1 = Math.min(w, x0 + 1 + r.nextInt(6));
            int y1 = Math.min(h, y0 + 1 + r.nextInt(6));
            float v = r.nextInt(3) == 0 ? 255 : (float) r.nextDouble(-60, 320);
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    px[y * w + x] = v;
                }
            }
        }
        // ink on the borders: first and last column and row
        for (int k = 0; k < 4; k++) {
            if (r.nextInt(3) == 0) {
                int at = r.nextInt(k < 2 ? h : w);
                int i = k == 0 ? at * w : k == 1 ? at * w + w - 1 : k == 2 ? at : (h - 1) * w + at;
                px[i] = (float) r.nextDouble(100, 255);
            }
        }
        return FloatImage.of(w, h, px);
    }

    static NmnistEmulator.Parameters parameters(SplittableRandom r) {
        double width = r.nextDouble(0, 6);
        double blur = r.nextInt(3) == 0 ? 0 : r.nextInt(2) == 0 ? r.nextDouble(0.2, 2.5) : r.nextInt(1, 9) / 3.0 - 0.01;
        double sigma = r.nextInt(3) == 0 ? 0 : r.nextInt(4) == 0 ? 1.5 : r.nextDouble(0, 0.3);
        return new NmnistEmulator.Parameters(r.nextDouble(-6, 6), r.nextDouble(-6, 6), width, r.nextDouble(0, 6),
                r.nextDouble(0, width), r.nextDouble(1, 8), r.nextInt(3) == 0 ? 0 : r.nextDouble(0, 4),
                r.nextInt(4) == 0 ? r.nextDouble(0.95, 0.995) : r.nextDouble(0.3, 0.95), blur,
                r.nextDouble(0.05, 0.6), r.nextDouble(0.05, 0.6), sigma,
                r.nextInt(4) == 0 ? 0 : r.nextDouble(0, 3000), r.nextInt(2) == 0 ? 0 : r.nextDouble(0, 300),
                r.nextInt(50, 1500));
    }

    @Property(seed = "17", tries = 25)
    void eachRecordingIsThePlainModel(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        NmnistEmulator em = new NmnistEmulator(parameters(r), r.nextLong());
        FloatImage img = image(r);
        long sample = r.nextLong();
        assertMatches(em.emulate(img, sample), reference(em, img, sample), em.parameters() + " " + img.width() + "x"
                + img.height());
    }

    @Test
    void theProjectsDefaultCameraOnAFullSizeDigitIsThePlainModel() {
        SplittableRandom r = new SplittableRandom(28);
        float[] px = new float[28 * 28];
        for (int y = 4; y < 24; y++) {
            for (int x = 6; x < 22; x++) {
                px[y * 28 + x] = (x - 6) * (y - 4) % 7 == 0 ? 0 : (float) r.nextDouble(0, 255);
            }
        }
        FloatImage digit = FloatImage.of(28, 28, px);
        NmnistEmulator em = NmnistEmulator.defaults(1);
        assertMatches(em.emulate(digit, 7), reference(em, digit, 7), "defaults");
    }

    @Test
    void stepsWithThousandsOfEventsAndFullSizeImagesAtTheSensorsEdges() {
        // fine thresholds, no refractory period, a deep-contrast 34 x 34 image moved to the bottom right, 10 ms steps
        float[] px = new float[S * S];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) r.nextDouble(0, 255);
        }
        FloatImage full = FloatImage.of(S, S, px);
        NmnistEmulator.Parameters p = new NmnistEmulator.Parameters(1.5, 0.5, 4, 3, 2, 10, 0, 0.99, 0, 0.02, 0.03,
                0.005, 0, 0, 10_000);
        NmnistEmulator em = new NmnistEmulator(p, 3);
        Events e = em.emulate(full, 11);
        assertThat(e.size()).isGreaterThan(4 * 1024);
        assertMatches(e, reference(em, full, 11), "dense");
        // noise alone, about 1156 * 1500 Hz * 10 ms = 17,000 events per step, every one in the reference
        NmnistEmulator noisy = new NmnistEmulator(p.withRefractoryAndNoise(0, 1500), 3);
        FloatImage blank = FloatImage.of(S, S, new float[S * S]);
        Events n = noisy.emulate(blank, 12);
        assertThat(n.size()).isBetween(50_000, 54_000);
        assertMatches(n, reference(noisy, blank, 12), "noise");
    }

    @Test
    void noPixelStartsBeyondAThresholdEvenWhenOneIsFourTimesTheOther() {
        // Before session 8 the initial offset could reach (0.1 + 0.4) / 4 = 0.125 > 0.1 below the log intensity:
        // such pixels near the ink fired at time 0 (the image has not moved yet), the same pixels elsewhere never.
        NmnistEmulator.Parameters p = NmnistEmulator.Parameters.defaults().withBlur(0).withRefractoryAndNoise(0, 0);
        float[] px = new float[9];
        px[4] = 255;
        FloatImage dot = FloatImage.of(3, 3, px);
        for (double[] th : new double[][] {{0.1, 0.4}, {0.4, 0.1}}) {
            NmnistEmulator em = new NmnistEmulator(p.withThresholds(th[0], th[1], 0), 1);
            Events e = em.emulate(dot, 3);
            assertThat(e.size()).isGreaterThan(10);
            assertThat(e.minTime()).as("thresholds %s / %s", th[0], th[1]).isPositive();
            assertMatches(e, reference(em, dot, 3), "thresholds " + th[0] + " / " + th[1]);
            assertThat(em.emulate(FloatImage.of(3, 3, new float[9]), 3).size()).isZero();
        }
    }

    @Test
    void inkInTheFirstColumnOnlyIsSeen() {
        NmnistEmulator.Parameters p = NmnistEmulator.Parameters.defaults().withBlur(0).withRefractoryAndNoise(0, 0)
                .withThresholds(0.2, 0.2, 0);
        float[] px = new float[5 * 4];
        px[2 * 5] = 255; // (0, 2)
        FloatImage img = FloatImage.of(5, 4, px);
        NmnistEmulator em = new NmnistEmulator(p, 9);
        Events e = em.emulate(img, 4);
        assertThat(e.size()).isGreaterThan(10);
        assertMatches(e, reference(em, img, 4), "first column");
        // blurred ink on all four borders of the image (each border pixel's own weight and its neighbours')
        float[] edge = new float[6 * 5];
        for (int i = 0; i < edge.length; i++) {
            int x = i % 6;
            int y = i / 6;
            edge[i] = x == 0 || y == 0 || x == 5 || y == 4 ? 255 - 20 * x : 0;
        }
        FloatImage edges = FloatImage.of(6, 5, edge);
        NmnistEmulator blurred = new NmnistEmulator(p.withBlur(0.99), 9);
        Events b = blurred.emulate(edges, 4);
        assertThat(b.size()).isGreaterThan(100);
        assertMatches(b, reference(blurred, edges, 4), "blurred borders");
    }

    @Test
    void imagesUpTo34PixelsEachWayAreAcceptedAndLargerOnesNamed() throws InterruptedException {
        NmnistEmulator em = NmnistEmulator.defaults(2);
        assertThat(em.emulate(FloatImage.of(S, S, new float[S * S]), 1).width()).isEqualTo(S);
        assertThat(em.emulate(FloatImage.of(S, 1, new float[S]), 1).height()).isEqualTo(S);
        assertThatThrownBy(() -> em.emulate(FloatImage.of(35, 1, new float[35]), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("image must be at most 34x34 pixels, got 35x1");
        assertThatThrownBy(() -> em.emulate(FloatImage.of(1, 35, new float[35]), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("image must be at most 34x34 pixels, got 1x35");
        assertThatThrownBy(() -> em.emulateAll(-1, i -> FloatImage.of(1, 1, new float[1]), 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("n must be >= 0, got -1");
    }
}
