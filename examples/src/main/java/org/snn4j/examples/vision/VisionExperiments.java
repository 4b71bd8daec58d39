package org.snn4j.examples.vision;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Objects;
import org.snn4j.EventSource;
import java.util.SplittableRandom;
import org.snn4j.encoding.FloatImage;

/**
 * The demo's own experiments, shared by {@link VisionDemo} and the tests.
 *
 * <ul>
 *   <li><b>Motif</b> ({@link #motif}): frames of uniform noise; every {@code motifEvery}-th frame a fixed
 *       noise motif (drawn once) is pasted into the centre ({@code patch x patch}) of fresh noise. After
 *       training, with learning off, fresh motif frames and fresh noise frames are presented and for every
 *       output the fraction of each it wins is counted; the <em>motif neuron</em> is the output that wins the
 *       most motif frames.</li>
 *   <li><b>Moving shape</b> ({@link #moving}): a bright square sits at position A for {@code framesPerPosition}
 *       frames (with fresh pixel noise each frame), then moves to position B for as many frames; then, with
 *       learning off, the outputs answering A and B are read.</li>
 * </ul>
 * Every frame is drawn from a {@link SplittableRandom} split from the experiment's seed, so the same seed
 * and parameters give the same result.
 */
public final class VisionExperiments {
    private VisionExperiments() {
    }

    /** Called after every training frame (progress output, pictures). */
    @FunctionalInterface
    public interface FrameListener {
        /**
         * @param net    the network after the frame; do not modify
         * @param frame  index of the frame, from 0
         * @param image  the frame; not modified
         * @param winner the first output that fired, or -1
         */
        void afterFrame(VisionNetwork net, int frame, FloatImage image, int winner);
    }

    /**
     * Outcome of the motif experiment.
     *
     * @param motifNeuron    the output winning the most test motif frames (-1 if none fired)
     * @param motifRate      fraction of test motif frames won by {@code motifNeuron}
     * @param noiseRate      fraction of test noise frames won by {@code motifNeuron}
     * @param motifThreshold firing threshold of {@code motifNeuron} after training, mV
     * @param baseThreshold  the base firing threshold, mV
     * @param trainFramesPerSecond training speed: frames (including encoding and the listener) per second of
     *                             this thread's CPU time (wall time if the JVM cannot measure CPU time)
     * @param network        the trained network
     * @param motif          the motif frame
     */
    public record MotifResult(int motifNeuron, double motifRate, double noiseRate, float motifThreshold,
                              float baseThreshold, double trainFramesPerSecond, VisionNetwork network,
                              FloatImage motif) {
    }

    /**
     * Outcome of the moving-shape experiment.
     *
     * @param neuronA    output answering position A after training (-1: none)
     * @param neuronB    output answering position B after training (-1: none)
     * @param firstAtA   output that first fired at A during training
     * @param firstAtB   output that first fired at B during training
     * @param network    the trained network
     */
    public record MovingResult(int neuronA, int neuronB, int firstAtA, int firstAtB, VisionNetwork network) {
    }

    /**
     * Runs the motif experiment.
     *
     * @param p           network parameters
     * @param trainFrames training frames, {@code >= 1}
     * @param motifEvery  every how many frames the motif appears, {@code >= 2}
     * @param patch       motif side in pixels, {@code 1..64}
     * @param testFrames  test frames of each kind, {@code >= 1}
     * @param seed        seed of the frames (the weights use {@code p.seed()})
     * @param afterFrame  called after every training frame with its index (for progress and pictures), or null
     */
    public static MotifResult motif(VisionParameters p, int trainFrames, int motifEvery, int patch, int testFrames,
                                    long seed, FrameListener afterFrame) {
        Objects.requireNonNull(p, "p");
        positive("trainFrames", trainFrames);
        positive("testFrames", testFrames);
        if (motifEvery < 2) {
            throw new IllegalArgumentException("motifEvery must be >= 2, got " + motifEvery);
        }
        VisionNetwork net = new VisionNetwork(p);
        SplittableRandom root = new SplittableRandom(seed);
        FloatImage motif = SyntheticFrames.noise(root.split());
        SplittableRandom train = root.split();
        SplittableRandom test = root.split();
        long t0 = now();
        for (int f = 0; f < trainFrames; f++) {
            boolean isMotif = f % motifEvery == motifEvery - 1;
            FloatImage img = isMotif ? SyntheticFrames.withMotif(motif, patch, train) : SyntheticFrames.noise(train);
            int w = net.present(img, true);
            if (afterFrame != null) {
                afterFrame.afterFrame(net, f, img, w);
            }
        }
        double fps = trainFrames / ((now() - t0) / 1e9);
        int n = p.neurons();
        int[] motifWins = new int[n];
        int[] noiseWins = new int[n];
        for (int k = 0; k < testFrames; k++) {
            int w = net.present(SyntheticFrames.withMotif(motif, patch, test), false);
            if (w >= 0) {
                motifWins[w]++;
            }
            w = net.present(SyntheticFrames.noise(test), false);
            if (w >= 0) {
                noiseWins[w]++;
            }
        }
        int best = -1;
        for (int j = 0; j < n; j++) {
            if (motifWins[j] > 0 && (best < 0 || motifWins[j] > motifWins[best])) {
                best = j;
            }
        }
        double mr = best < 0 ? 0 : motifWins[best] / (double) testFrames;
        double nr = best < 0 ? 0 : noiseWins[best] / (double) testFrames;
        float thr = best < 0 ? Float.NaN : net.threshold(best);
        return new MotifResult(best, mr, nr, thr, p.thresholdMv(), fps, net, motif);
    }

    /** Position A of the moving-shape experiment (centre, pixels). */
    public static final float AX = 20f;
    /** Position A, row. */
    public static final float AY = 20f;
    /** Position B of the moving-shape experiment (centre, pixels). */
    public static final float BX = 44f;
    /** Position B, row. */
    public static final float BY = 44f;

    /**
     * Runs the moving-shape experiment: a square of half-side {@code 8} at A then at B, with pixel noise of
     * amplitude {@code noise}.
     *
     * @param p                 network parameters
     * @param framesPerPosition training frames at each position, {@code >= 1}
     * @param noise             noise amplitude in gray levels, {@code >= 0}
     * @param seed              seed of the frames
     * @param afterFrame        called after every training frame, or null
     */
    public static MovingResult moving(VisionParameters p, int framesPerPosition, float noise, long seed,
                                      FrameListener afterFrame) {
        Objects.requireNonNull(p, "p");
        positive("framesPerPosition", framesPerPosition);
        VisionNetwork net = new VisionNetwork(p);
        SplittableRandom rng = new SplittableRandom(seed);
        int firstA = -1;
        int firstB = -1;
        for (int f = 0; f < 2 * framesPerPosition; f++) {
            boolean atA = f < framesPerPosition;
            FloatImage img = SyntheticFrames.shape(SyntheticFrames.ShapeKind.SQUARE, atA ? AX : BX, atA ? AY : BY, 8f,
                    noise, rng);
            int w = net.present(img, true);
            if (atA && firstA < 0) {
                firstA = w;
            } else if (!atA && firstB < 0) {
                firstB = w;
            }
            if (afterFrame != null) {
                afterFrame.afterFrame(net, f, img, w);
            }
        }
        int a = net.present(SyntheticFrames.shape(SyntheticFrames.ShapeKind.SQUARE, AX, AY, 8f, noise, rng), false);
        int b = net.present(SyntheticFrames.shape(SyntheticFrames.ShapeKind.SQUARE, BX, BY, 8f, noise, rng), false);
        return new MovingResult(a, b, firstA, firstB, net);
    }

    /**
     * Outcome of {@link #pruning}.
     *
     * @param synapsesBefore stored synapses of the dense network
     * @param synapsesAfter  stored synapses of the compact network
     * @param framesPerSecondBefore inference frames/s of the dense network (pre-encoded frames, network only)
     * @param framesPerSecondAfter  the same for the compact network
     * @param eventsPerFrameBefore  synaptic events (weight additions) per frame, dense
     * @param eventsPerFrameAfter   the same, compact
     * @param agreement      fraction of frames with the same first output
     */
    public record PruningResult(int synapsesBefore, int synapsesAfter, double framesPerSecondBefore,
                                double framesPerSecondAfter, double eventsPerFrameBefore, double eventsPerFrameAfter,
                                double agreement) {
        /** Speed-up of the compact network, {@code after / before}. */
        public double speedUp() {
            return framesPerSecondAfter / framesPerSecondBefore;
        }
    }

    /**
     * Measures pruning and quantisation: {@code net.compact(pruneBelow, quantiseAbove)} against {@code net}
     * on the same pre-encoded frames (learning off), {@code repeats} passes each, alternating dense and
     * compact passes so that machine noise hits both alike; the faster pass of each is kept. Times are the
     * thread's CPU time where the JVM supports it (frames/s = frames per CPU second).
     *
     * @param net    a trained network; its weights are not modified (its thresholds neither: learning is off)
     * @param frames encoded frames, at least one; not modified
     * @param repeats passes over the frames, {@code >= 1}
     */
    public static PruningResult pruning(VisionNetwork net, List<EventSource> frames, float pruneBelow,
                                        float quantiseAbove, int repeats) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(frames, "frames");
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("frames must not be empty");
        }
        positive("repeats", repeats);
        VisionNetwork compact = net.compact(pruneBelow, quantiseAbove);
        int same = 0;
        long e0 = net.synapticEvents();
        long c0 = compact.synapticEvents();
        for (int k = 0; k < frames.size(); k++) {
            if (net.present(frames.get(k), false) == compact.present(frames.get(k), false)) {
                same++;
            }
        }
        double evBefore = (net.synapticEvents() - e0) / (double) frames.size();
        double evAfter = (compact.synapticEvents() - c0) / (double) frames.size();
        long bestDense = Long.MAX_VALUE;
        long bestCompact = Long.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
            bestDense = Math.min(bestDense, timePass(net, frames));
            bestCompact = Math.min(bestCompact, timePass(compact, frames));
        }
        return new PruningResult(net.synapseCount(), compact.synapseCount(), frames.size() / (bestDense / 1e9),
                frames.size() / (bestCompact / 1e9), evBefore, evAfter, same / (double) frames.size());
    }

    /** CPU time of this thread (wall time if not supported): less disturbed by other processes. */
    private static long now() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static long timePass(VisionNetwork net, List<EventSource> frames) {
        long t0 = now();
        int sink = 0;
        for (int k = 0; k < frames.size(); k++) {
            sink += net.present(frames.get(k), false);
        }
        long dt = now() - t0;
        if (sink == Integer.MIN_VALUE) {
            throw new IllegalStateException();
        }
        return dt;
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
    }
}
