package org.snn4j.encoding.aer;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.snn4j.encoding.FloatImage;

/**
 * Turns a static image (an MNIST digit) into an N-MNIST-like event stream, the way N-MNIST was recorded (Orchard,
 * Jayawant, Cohen, Thakor 2015, "Converting static image datasets to spiking neuromorphic datasets using saccades",
 * Front. Neurosci. 9:437, doi:10.3389/fnins.2015.00437): an event camera of 34 x 34 pixels sees the digit move
 * along three saccades of {@link Parameters#saccadeMs()} each, and a pixel emits an event whenever its log
 * intensity has changed by more than its threshold since its last event.
 *
 * <p><b>Scene.</b> The image (values 0..255, 255 = ink, as MNIST) is shown as a dark digit on a bright background:
 * intensity {@code I = 1 - contrast * v / 255}, after a Gaussian blur of the image by {@link Parameters#blurPx()} (the
 * optics: it widens the strokes' edges, which brings the number of active pixels and the spread of event counts
 * across digits close to the real ones). The shipped real recordings show this polarity: ON events (the
 * polarity bit set; brightness increase) lie on the trailing edges of the moving strokes, OFF events on the leading
 * edges (checked on the real files by {@code NmnistEmulatorStatisticsTest}). A sensor pixel {@code (x, y)} sees the image at
 * {@code (x - ox(t), y - oy(t))}, bilinearly interpolated, background outside the image.
 *
 * <p><b>Saccades.</b> The offset {@code (ox, oy)} runs through a triangle {@code A -> B -> C -> A} with
 * {@code B - A = (a, h)}, {@code C - B = (w - a, -h)}, {@code A - C = (-w, 0)} ({@code w} =
 * {@link Parameters#widthPx()}, {@code h} = {@link Parameters#depthPx()}, {@code a} =
 * {@link Parameters#apexXPx()}; y points down: first down and right, then up and right, then back left). At
 * {@code A} the image's top-left corner is at ({@link Parameters#originXPx()}, {@link Parameters#originYPx()}).
 * Each leg takes {@code saccadeMs} with a raised-cosine speed profile (position {@code s(u) = u - sin(2 pi u) /
 * (2 pi)}, {@code u} the fraction of the leg). The recording goes on for {@link Parameters#tailMs()} after the third
 * saccade. The triangle was fitted to the event centroids of the shipped real recordings (per 10 ms window).
 *
 * <p><b>Pixels.</b> Each pixel has its own ON and OFF thresholds {@code theta ~ N(theta0, sigma)} (log units,
 * at least 0.01), drawn once per emulator from the camera seed: the fixed mismatch of one camera. At the start of a
 * recording its reference level is the current log intensity plus a uniform offset in {@code (-theta/2, theta/2)},
 * {@code theta} the mean of its ON and OFF thresholds but at most twice the smaller one, so that no pixel starts
 * beyond a threshold (with one threshold over three times the other, a pixel could otherwise fire at time 0).
 * The log intensity is evaluated every {@link Parameters#stepUs()} and linearly interpolated in between; an event
 * fires at the time {@code L} crosses {@code ref +- theta}, then {@code ref} moves by {@code theta}; a pixel that
 * fired cannot fire again for {@link Parameters#refractoryUs()} (changes in between are reported at its end, as a
 * single event per threshold step). Background noise: events of random pixel and polarity at
 * {@link Parameters#noiseHz()} per pixel (Poisson).
 *
 * <p>The project's emulated N-MNIST (the {@code nmnist-emulator} example, and the trainers that use it): the shipped
 * {@code mnist10k} with {@link #defaults(long) defaults(1)}, training digit {@code i} with sample seed {@code i} and
 * test digit {@code i} with sample seed {@code 100,000 + i} ({@link #emulateAll emulateAll(n, split::image, 0, threads)}
 * and {@code emulateAll(n, split::image, 100_000, threads)}).
 *
 * <p>Timestamps are integer microseconds from 0, events sorted by time (ties by pixel and polarity). Same image,
 * parameters, camera seed and sample seed give the same events at any thread count. Instances are immutable and
 * thread-safe; {@link #emulate} allocates its own buffers.
 */
public final class NmnistEmulator {
    /** Sensor width and height, 34 pixels. */
    public static final int SENSOR = NmnistBin.NMNIST_SIZE;

    private static final int PIXELS = SENSOR * SENSOR;

    /**
     * The emulator's parameters. Units: pixels, milliseconds (saccades, tail), microseconds (steps, refractory),
     * natural-log intensity (thresholds), hertz (noise).
     *
     * @param originXPx      column of the image's left edge at the triangle's first vertex, pixels, in [-6, 6]
     * @param originYPx      row of the image's top edge at the triangle's first vertex, pixels, in [-6, 6]
     * @param widthPx        width of the saccade triangle (its horizontal side), pixels, in [0, 6]
     * @param depthPx        depth of the triangle (its apex below the horizontal side), pixels, in [0, 6]
     * @param apexXPx        column of the apex relative to the first vertex, pixels, in [0, widthPx]
     * @param saccadeMs      duration of each of the three saccades, &gt; 0
     * @param tailMs         recording time after the last saccade, &gt;= 0
     * @param contrast       ink darkness: intensity {@code 1 - contrast * v / 255}, in (0, 1)
     * @param blurPx         standard deviation of a Gaussian blur of the image (optics), image pixels, in [0, 3]
     * @param thresholdOn    mean ON threshold (log intensity increase), &gt; 0
     * @param thresholdOff   mean OFF threshold (log intensity decrease), &gt; 0
     * @param thresholdSigma standard deviation of the per-pixel thresholds (mismatch), &gt;= 0
     * @param refractoryUs   per-pixel refractory period, microseconds, &gt;= 0
     * @param noiseHz        background events per pixel per second (both polarities), &gt;= 0
     * @param stepUs         how often the intensity is evaluated, microseconds, in [10, 10000]
     */
    public record Parameters(double originXPx, double originYPx, double widthPx, double depthPx, double apexXPx,
                             double saccadeMs, double tailMs, double contrast, double blurPx, double thresholdOn,
                             double thresholdOff, double thresholdSigma, double refractoryUs, double noiseHz,
                             int stepUs) {
        /** Checks every field. */
        public Parameters {
            range("originXPx", originXPx, -6, 6);
            range("originYPx", originYPx, -6, 6);
            range("widthPx", widthPx, 0, 6);
            range("depthPx", depthPx, 0, 6);
            range("apexXPx", apexXPx, 0, widthPx);
            if (!(saccadeMs > 0) || saccadeMs > 10_000) {
                throw new IllegalArgumentException("saccadeMs must be in (0, 10000], got " + saccadeMs);
            }
            range("tailMs", tailMs, 0, 10_000);
            if (!(contrast > 0 && contrast < 1)) {
                throw new IllegalArgumentException("contrast must be in (0, 1), got " + contrast);
            }
            if (!(thresholdOn > 0) || !(thresholdOff > 0)) {
                throw new IllegalArgumentException("thresholdOn and thresholdOff must be > 0, got " + thresholdOn
                        + " and " + thresholdOff);
            }
            range("blurPx", blurPx, 0, 3);
            range("thresholdSigma", thresholdSigma, 0, 10);
            range("refractoryUs", refractoryUs, 0, 1e6);
            range("noiseHz", noiseHz, 0, 1e4);
            if (stepUs < 10 || stepUs > 10_000) {
                throw new IllegalArgumentException("stepUs must be in [10, 10000], got " + stepUs);
            }
        }

        private static void range(String name, double v, double lo, double hi) {
            if (!(v >= lo && v <= hi)) {
                throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + v);
            }
        }

        /**
         * Values fitted to the shipped real recordings ({@code examples/data/nmnist-small}; the comparison is in
         * {@code encoding/README.md}).
         */
        public static Parameters defaults() {
            return new Parameters(0.3, 1.2, 5.5, 5.0, 2.0, 100, 6, 0.9, 0.6, 0.262, 0.262, 0.03, 1700, 0.3, 1000);
        }

        /** A copy with another blur. */
        public Parameters withBlur(double blur) {
            return new Parameters(originXPx, originYPx, widthPx, depthPx, apexXPx, saccadeMs, tailMs, contrast, blur,
                    thresholdOn, thresholdOff, thresholdSigma, refractoryUs, noiseHz, stepUs);
        }

        /** A copy with other thresholds (mean ON and OFF, and the mismatch). */
        public Parameters withThresholds(double on, double off, double sigma) {
            return new Parameters(originXPx, originYPx, widthPx, depthPx, apexXPx, saccadeMs, tailMs, contrast, blurPx, on, off,
                    sigma, refractoryUs, noiseHz, stepUs);
        }

        /** A copy with another triangle. */
        public Parameters withTriangle(double width, double depth, double apex) {
            return new Parameters(originXPx, originYPx, width, depth, apex, saccadeMs, tailMs, contrast, blurPx,
                    thresholdOn, thresholdOff, thresholdSigma, refractoryUs, noiseHz, stepUs);
        }

        /** A copy with another refractory period and noise rate. */
        public Parameters withRefractoryAndNoise(double refractory, double noise) {
            return new Parameters(originXPx, originYPx, widthPx, depthPx, apexXPx, saccadeMs, tailMs, contrast,
                    blurPx, thresholdOn, thresholdOff, thresholdSigma, refractory, noise, stepUs);
        }

        /** Length of a recording, microseconds: three saccades and the tail. */
        public long durationUs() {
            return Math.round((3 * saccadeMs + tailMs) * 1000);
        }
    }

    private final Parameters p;
    private final long cameraSeed;
    private final float[] thetaOn;
    private final float[] thetaOff;

    /**
     * An emulated camera.
     *
     * @param parameters the model parameters
     * @param cameraSeed seeds the per-pixel threshold mismatch (fixed for this camera)
     */
    public NmnistEmulator(Parameters parameters, long cameraSeed) {
        this.p = Objects.requireNonNull(parameters, "parameters");
        this.cameraSeed = cameraSeed;
        SplittableRandom r = new SplittableRandom(cameraSeed);
        thetaOn = new float[PIXELS];
        thetaOff = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            thetaOn[i] = (float) Math.max(0.01, p.thresholdOn() + p.thresholdSigma() * gaussian(r));
            thetaOff[i] = (float) Math.max(0.01, p.thresholdOff() + p.thresholdSigma() * gaussian(r));
        }
    }

    /** An emulated camera with {@link Parameters#defaults()}. */
    public static NmnistEmulator defaults(long cameraSeed) {
        return new NmnistEmulator(Parameters.defaults(), cameraSeed);
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller, one value (SplittableRandom has no nextGaussian on JDK 17)
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** The parameters. */
    public Parameters parameters() {
        return p;
    }

    /** The seed of the per-pixel thresholds (with {@link #parameters()} it fixes every recording). */
    public long cameraSeed() {
        return cameraSeed;
    }

    /**
     * The image offset (sensor position of the image's top-left corner, pixels) at time {@code tUs}:
     * {@code out[0] = ox}, {@code out[1] = oy}.
     *
     * @param out modified
     */
    public void offset(double tUs, double[] out) {
        double w = p.widthPx();
        double h = p.depthPx();
        double u = tUs / (p.saccadeMs() * 1000);
        int leg = (int) Math.floor(u);
        double f;
        if (leg < 0) {
            leg = 0;
            f = 0;
        } else if (leg > 2) {
            leg = 2;
            f = 1;
        } else {
            double v = u - leg;
            f = v - Math.sin(2 * Math.PI * v) / (2 * Math.PI);
        }
        // vertices A (0, 0), B (apex, h), C (w, 0) relative to the origin
        double apex = p.apexXPx();
        double ax = leg == 0 ? 0 : leg == 1 ? apex : w;
        double ay = leg == 1 ? h : 0;
        double bx = leg == 0 ? apex : leg == 1 ? w : 0;
        double by = leg == 0 ? h : 0;
        out[0] = p.originXPx() + ax + (bx - ax) * f;
        out[1] = p.originYPx() + ay + (by - ay) * f;
    }

    /**
     * Emulates one recording of {@code image}.
     *
     * @param image      at most 34 x 34 pixels (MNIST: 28 x 28), values in [0, 255] with 255 = ink (values outside
     *                   are clamped); parts moved off the sensor are not seen; not modified
     * @param sampleSeed seeds this recording's noise and initial reference levels
     * @return events on a 34 x 34 sensor, sorted by time, timestamps in microseconds from 0
     * @throws IllegalArgumentException if the image is larger than the sensor
     */
    public Events emulate(FloatImage image, long sampleSeed) {
        Objects.requireNonNull(image, "image");
        int iw = image.width();
        int ih = image.height();
        if (iw > SENSOR || ih > SENSOR) {
            throw new IllegalArgumentException("image must be at most 34x34 pixels, got " + iw + "x" + ih);
        }
        double[] ink = blur(image.data(), iw, ih, p.blurPx());
        double[] lum = new double[ink.length];
        int bx0 = iw;
        int bx1 = -1;
        int by0 = ih;
        int by1 = -1;
        for (int i = 0; i < ink.length; i++) {
            double v = ink[i];
            lum[i] = 1 - p.contrast() * v / 255;
            if (v > 0) {
                int x = i % iw;
                int y = i / iw;
                bx0 = Math.min(bx0, x);
                bx1 = Math.max(bx1, x);
                by0 = Math.min(by0, y);
                by1 = Math.max(by1, y);
            }
        }
        // sensor pixels that can ever see ink (the rest stay at log 1 = 0 and only get noise)
        double minOx = p.originXPx();
        double maxOx = p.originXPx() + p.widthPx();
        double minOy = p.originYPx();
        double maxOy = p.originYPx() + p.depthPx();
        int[] region = {
            Math.max(0, (int) Math.floor(bx0 + minOx)), Math.min(SENSOR - 1, (int) Math.ceil(bx1 + maxOx) + 1),
            Math.max(0, (int) Math.floor(by0 + minOy)), Math.min(SENSOR - 1, (int) Math.ceil(by1 + maxOy) + 1)};
        if (bx1 < 0) {
            region[1] = -1; // blank image: no pixel changes
        }

        SplittableRandom r = new SplittableRandom(sampleSeed);
        long duration = p.durationUs();
        int step = p.stepUs();
        double refractory = p.refractoryUs();
        double[] prev = new double[PIXELS];
        double[] cur = new double[PIXELS];
        double[] ref = new double[PIXELS];
        double[] last = new double[PIXELS];
        double[] off = new double[2];
        offset(0, off);
        logIntensity(lum, iw, ih, off[0], off[1], region, prev);
        for (int i = 0; i < PIXELS; i++) {
            // the mean of the two thresholds, at most twice the smaller one: every pixel starts inside both
            double th = Math.min(0.5 * (thetaOn[i] + thetaOff[i]), 2.0 * Math.min(thetaOn[i], thetaOff[i]));
            ref[i] = prev[i] + (r.nextDouble() - 0.5) * th;
            last[i] = Double.NEGATIVE_INFINITY;
        }

        Events.Builder out = Events.builder(SENSOR, SENSOR, 8192);
        long[] buf = new long[1024];
        double noiseRate = p.noiseHz() * PIXELS * 1e-6; // events per microsecond over the sensor
        double nextNoise = noiseRate > 0 ? exponential(r, noiseRate) : Double.POSITIVE_INFINITY;
        for (long t0 = 0; t0 < duration; t0 += step) {
            long t1 = Math.min(t0 + step, duration);
            offset(t1, off);
            logIntensity(lum, iw, ih, off[0], off[1], region, cur);
            int n = 0;
            for (int y = region[2]; y <= region[3]; y++) {
                for (int x = region[0]; x <= region[1]; x++) {
                    int i = y * SENSOR + x;
                    double a = prev[i];
                    double d = cur[i] - a;
                    // crossings of ref + thetaOn (up) or ref - thetaOff (down), possibly several per step
                    while (true) {
                        double upLevel = ref[i] + thetaOn[i];
                        double downLevel = ref[i] - thetaOff[i];
                        boolean up = cur[i] >= upLevel;
                        if (!up && cur[i] > downLevel) {
                            break;
                        }
                        double level = up ? upLevel : downLevel;
                        // a level the pixel was already beyond at t0 (held by the refractory period) counts from t0
                        boolean passed = up ? a >= level : a <= level;
                        double tc = passed ? t0 : t0 + (t1 - t0) * Math.min(1, (level - a) / d);
                        double te = Math.max(tc, last[i] + refractory);
                        if (te > t1) {
                            break; // still refractory: reported at a later step
                        }
                        if (n == buf.length) {
                            buf = Arrays.copyOf(buf, n * 2);
                        }
                        buf[n++] = pack((long) te, i, up);
                        ref[i] += up ? thetaOn[i] : -thetaOff[i];
                        last[i] = te;
                    }
                }
            }
            while (nextNoise < t1) {
                int i = r.nextInt(PIXELS);
                boolean up = r.nextBoolean();
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, n * 2);
                }
                buf[n++] = pack((long) nextNoise, i, up);
                nextNoise += exponential(r, noiseRate);
            }
            Arrays.sort(buf, 0, n);
            out.ensureCapacity(n);
            for (int k = 0; k < n; k++) {
                long v = buf[k];
                int code = (int) (v & 0xFFF);
                int i = code >>> 1;
                out.addUnchecked(v >>> 12, i % SENSOR, i / SENSOR, (code & 1) != 0);
            }
            double[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return out.buildAndRelease();
    }

    /**
     * Emulates {@code n} images, recording {@code i} with sample seed {@code seedOffset + i}, on {@code threads}
     * threads (each takes every {@code threads}-th image); the result does not depend on the thread count.
     *
     * @param n          number of images, &gt;= 0
     * @param images     image {@code i} for {@code 0 <= i < n}; called from the worker threads, so it must be
     *                   thread-safe (e.g. {@code split::image} of a {@code MnistDataset.Split})
     * @param seedOffset sample seed of image 0
     * @param threads    worker threads, &gt;= 1
     * @return the recordings, index = image
     * @throws InterruptedException if interrupted while waiting for the workers
     */
    public Events[] emulateAll(int n, java.util.function.IntFunction<FloatImage> images, long seedOffset, int threads)
            throws InterruptedException {
        Objects.requireNonNull(images, "images");
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Events[] out = new Events[n];
        int nt = Math.min(threads, Math.max(1, n));
        Thread[] workers = new Thread[nt];
        RuntimeException[] failure = new RuntimeException[nt];
        for (int w = 0; w < nt; w++) {
            final int id = w;
            workers[w] = new Thread(() -> {
                try {
                    for (int i = id; i < n; i += nt) {
                        out[i] = emulate(images.apply(i), seedOffset + i);
                    }
                } catch (RuntimeException ex) {
                    failure[id] = ex;
                }
            }, "nmnist-emulator-" + w);
            workers[w].start();
        }
        for (int w = 0; w < nt; w++) {
            workers[w].join();
        }
        for (int w = 0; w < nt; w++) {
            if (failure[w] != null) {
                throw failure[w];
            }
        }
        return out;
    }

    /** Ink values clamped to [0, 255], blurred by a separable Gaussian of {@code sigma} (zero outside the image). */
    private static double[] blur(float[] px, int w, int h, double sigma) {
        double[] v = new double[px.length];
        for (int i = 0; i < px.length; i++) {
            v[i] = Math.min(255, Math.max(0, px[i]));
        }
        if (sigma <= 0) {
            return v;
        }
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int j = -r; j <= r; j++) {
            k[j + r] = Math.exp(-0.5 * j * j / (sigma * sigma));
            sum += k[j + r];
        }
        for (int j = 0; j < k.length; j++) {
            k[j] /= sum;
        }
        double[] tmp = new double[v.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double a = 0;
                for (int j = -r; j <= r; j++) {
                    int xx = x + j;
                    a += xx >= 0 && xx < w ? k[j + r] * v[y * w + xx] : 0;
                }
                tmp[y * w + x] = a;
            }
        }
        double[] out = new double[v.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double a = 0;
                for (int j = -r; j <= r; j++) {
                    int yy = y + j;
                    a += yy >= 0 && yy < h ? k[j + r] * tmp[yy * w + x] : 0;
                }
                out[y * w + x] = a < 1e-9 ? 0 : a;
            }
        }
        return out;
    }

    /** Sort key: time, then pixel, then polarity (ON after OFF). */
    private static long pack(long tUs, int pixel, boolean on) {
        return (tUs << 12) | ((long) pixel << 1) | (on ? 1 : 0);
    }

    private static double exponential(SplittableRandom r, double rate) {
        return -Math.log(1.0 - r.nextDouble()) / rate;
    }

    /**
     * Log intensity seen by the sensor pixels of {@code region} (x from, x to, y from, y to; inclusive) with the
     * image's top-left corner at {@code (ox, oy)}: bilinear interpolation of the linear intensity, then the log.
     */
    private static void logIntensity(double[] lum, int iw, int ih, double ox, double oy, int[] region, double[] out) {
        for (int y = region[2]; y <= region[3]; y++) {
            double iy = y - oy;
            int y0 = (int) Math.floor(iy);
            double fy = iy - y0;
            for (int x = region[0]; x <= region[1]; x++) {
                double ix = x - ox;
                int x0 = (int) Math.floor(ix);
                double fx = ix - x0;
                double v00 = at(lum, iw, ih, x0, y0);
                double v10 = at(lum, iw, ih, x0 + 1, y0);
                double v01 = at(lum, iw, ih, x0, y0 + 1);
                double v11 = at(lum, iw, ih, x0 + 1, y0 + 1);
                double v = (v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy;
                out[y * SENSOR + x] = v >= 1.0 ? 0.0 : log(v);
            }
        }
    }

    /** ln(v) for v in (0, 1): {@code Math.log} is the slowest step of the loop; a table is exact to ~1e-9 on [0.05, 1]. */
    private static double log(double v) {
        double u = (v - LOG_MIN) * LOG_SCALE;
        if (u < 0) {
            return Math.log(v);
        }
        int k = (int) u;
        double f = u - k;
        return LOG_TABLE[k] + (LOG_TABLE[k + 1] - LOG_TABLE[k]) * f;
    }

    private static final double LOG_MIN = 0.05;
    private static final int LOG_N = 8192;
    private static final double LOG_SCALE = LOG_N / (1.0 - LOG_MIN);
    private static final double[] LOG_TABLE = new double[LOG_N + 2];

    static {
        for (int k = 0; k < LOG_TABLE.length; k++) {
            LOG_TABLE[k] = Math.log(LOG_MIN + k / LOG_SCALE);
        }
    }

    private static double at(double[] lum, int iw, int ih, int x, int y) {
        return x < 0 || y < 0 || x >= iw || y >= ih ? 1.0 : lum[y * iw + x];
    }

    /**
     * Summary statistics of N-MNIST recordings, real or emulated, the numbers the emulator is checked against: events
     * per recording (mean and standard deviation, overall and per class), ON fraction, first and last event times, the share of events in each
     * saccade (windows [0, 105), [105, 210) and [210, inf) ms, the pauses seen in the real recordings) and the
     * polarity convention: the mean column of ON events minus that of OFF events during the third, leftward saccade
     * ([225, 290) ms), positive when ON events trail the motion. Not thread-safe.
     */
    public static final class Statistics {
        private long samples;
        private long events;
        private double sumSquares;
        private long on;
        private final long[] saccade = new long[3];
        private final long[] classEvents = new long[10];
        private final long[] classSamples = new long[10];
        private long maxFirst = Long.MIN_VALUE;
        private long minLast = Long.MAX_VALUE;
        private long maxLast = Long.MIN_VALUE;
        private double sumLast;
        private double onX;
        private long onN;
        private double offX;
        private long offN;

        /** An empty summary. */
        public Statistics() {
        }

        /**
         * Adds one recording.
         *
         * @param e     its events (not empty); not modified
         * @param label its digit, 0..9
         */
        public void add(Events e, int label) {
            Objects.requireNonNull(e, "e");
            Objects.checkIndex(label, 10);
            if (e.size == 0) {
                throw new IllegalArgumentException("a recording must hold at least one event");
            }
            samples++;
            events += e.size;
            sumSquares += (double) e.size * e.size;
            classEvents[label] += e.size;
            classSamples[label]++;
            for (int i = 0; i < e.size; i++) {
                long t = e.t[i];
                saccade[t < 105_000 ? 0 : t < 210_000 ? 1 : 2]++;
                if (e.on[i]) {
                    on++;
                }
                if (t >= 225_000 && t < 290_000) {
                    if (e.on[i]) {
                        onX += e.x[i];
                        onN++;
                    } else {
                        offX += e.x[i];
                        offN++;
                    }
                }
            }
            long first = e.minTime();
            long last = e.maxTime();
            maxFirst = Math.max(maxFirst, first);
            minLast = Math.min(minLast, last);
            maxLast = Math.max(maxLast, last);
            sumLast += last;
        }

        /** Recordings added. */
        public long samples() {
            return samples;
        }

        /** Mean events per recording. */
        public double meanEvents() {
            return (double) events / samples;
        }

        /** Standard deviation of the events per recording (population). */
        public double sdEvents() {
            double m = meanEvents();
            return Math.sqrt(Math.max(0, sumSquares / samples - m * m));
        }

        /** Fraction of ON events. */
        public double onFraction() {
            return (double) on / events;
        }

        /** Fraction of the events in saccade {@code k} (0, 1, 2). */
        public double saccadeFraction(int k) {
            return (double) saccade[Objects.checkIndex(k, 3)] / events;
        }

        /** Mean events per recording of digit {@code c}, NaN if none was added. */
        public double classMean(int c) {
            return classSamples[Objects.checkIndex(c, 10)] == 0 ? Double.NaN
                    : (double) classEvents[c] / classSamples[c];
        }

        /** Latest first-event time over the recordings, microseconds. */
        public long maxFirstUs() {
            return maxFirst;
        }

        /** Earliest last-event time, microseconds. */
        public long minLastUs() {
            return minLast;
        }

        /** Latest last-event time, microseconds. */
        public long maxLastUs() {
            return maxLast;
        }

        /** Mean last-event time, microseconds. */
        public double meanLastUs() {
            return sumLast / samples;
        }

        /** Mean column of ON minus OFF events in [225, 290) ms (the leftward saccade); &gt; 0: ON events trail. */
        public double onMinusOffX() {
            return onX / onN - offX / offN;
        }
    }
}
