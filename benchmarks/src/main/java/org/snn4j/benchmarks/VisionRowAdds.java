package org.snn4j.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.snn4j.EventSource;
import org.snn4j.Spikes;
import org.snn4j.examples.vision.VisionParameters;
import org.snn4j.internal.PaddedRows;
import org.snn4j.internal.kernel.FloatKernels;

/**
 * Workload {@code vision_row_adds}: the part of {@code vision_pruning} that pruning can speed up, alone: adding the
 * input rows of each frame's steps (up to the first output spike, as the network runs them) to the 64 or 128
 * outputs, three ways, on the network and frames of {@link VisionPruningBench}:
 * <ul>
 *   <li>{@code dense}: the dense rows, dropped weights 0, with the running kernels ({@code FloatKernels.get()}:
 *       scalar on JDK 17, the Vector API on JDK 21+ with the module);</li>
 *   <li>{@code compressed}: the compact layer's compressed rows ({@code PaddedRows}, the layout it chooses);</li>
 *   <li>{@code bound}: the surviving synapses of each frame's rows laid out one after the other beforehand (not
 *       timed), added in one loop with nothing else in it: no row lookup, no padding, no branch per row; a bound
 *       for any scalar form of compressed rows (each synapse is still an indexed load, add and store).</li>
 * </ul>
 * The three give the same sums (checked before timing). Per round each way adds every frame's rows once, in
 * rotating order, timed by thread CPU time; the line reports the medians over the rounds in microseconds per frame,
 * {@code value} = dense / compressed, {@code bound_speedup} = dense / bound, and whether a compact layer adds its
 * compressed rows here ({@code DenseLayer.compact} compares the two estimated costs).
 *
 * <p>Run: {@code java -jar benchmarks/target/snn4j-benchmarks.jar vision_row_adds}; on JDK 21+ add
 * {@code --add-modules jdk.incubator.vector} before {@code -jar} for the Vector API kernels.
 */
final class VisionRowAdds implements Workload {

    @Override
    public String description() {
        return "vision demo's row adds alone: dense rows vs compressed rows vs a bound, 64/128 outputs, 90/95 % pruned";
    }

    @Override
    public void run(Bench.Settings settings, PrintStream out) throws Exception {
        boolean quick = settings.quick();
        long seed = settings.seed() != null ? settings.seed() : 42L;
        for (int outputs : new int[] {64, 128}) {
            for (double pruned : new double[] {0.90, 0.95}) {
                out.println(measure(outputs, pruned, quick ? 20 : 200, quick ? 2 : 15, seed, quick));
            }
        }
    }

    private static Json measure(int outputs, double prunedFraction, int frames, int rounds, long seed, boolean quick) {
        long wall0 = System.nanoTime();
        VisionPruningBench.Pruned net = VisionPruningBench.pruned(outputs, prunedFraction, frames, seed, quick);
        int nIn = VisionParameters.INPUTS;
        float[] w = net.dense().layer().weights().clone();
        PaddedRows rows = new PaddedRows(w, nIn, outputs, net.pruneBelow()); // zeroes the dropped weights of w
        FloatKernels kernels = FloatKernels.get();
        // each frame's steps up to the dense network's first output spike (the pruned one's are the same here or
        // differ in a few frames; the rows added are what is measured)
        List<int[][]> steps = new ArrayList<>(frames);
        Spikes s = new Spikes(nIn);
        for (EventSource code : net.codes()) {
            net.dense().present(code, false);
            int last = net.dense().lastSpikeStep() >= 0 ? net.dense().lastSpikeStep() : code.steps() - 1;
            int[][] f = new int[last + 1][];
            for (int t = 0; t <= last; t++) {
                s.clear();
                code.emit(t, s);
                f[t] = Arrays.copyOf(s.indices(), s.count());
            }
            steps.add(f);
        }
        Flat[] flat = new Flat[frames];
        for (int f = 0; f < frames; f++) {
            flat[f] = Flat.of(steps.get(f), w, outputs);
        }
        float[][] acc = new float[3][outputs];
        int[] offsets = new int[nIn];
        for (int f = 0; f < frames; f++) {
            for (int way = 0; way < 3; way++) {
                add(way, steps.get(f), flat[f], acc[way], w, rows, kernels, offsets, outputs);
            }
            if (!Arrays.equals(acc[0], acc[1]) || !Arrays.equals(acc[0], acc[2])) {
                throw new IllegalStateException("the three ways' sums differ in frame " + f);
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long warmUp = quick ? 100_000_000L : 1_000_000_000L;
        long[] warm = new long[3];
        for (int k = 0; k < 2 || Math.min(warm[0], Math.min(warm[1], warm[2])) < warmUp; k++) {
            for (int way = 0; way < 3; way++) {
                warm[way] += pass(way, steps, flat, acc[way], w, rows, kernels, offsets, outputs, mx);
            }
        }
        double[][] us = new double[3][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int q = 0; q < 3; q++) {
                int way = (q + r) % 3;
                us[way][r] = pass(way, steps, flat, acc[way], w, rows, kernels, offsets, outputs, mx) / 1e3 / frames;
            }
        }
        for (double[] u : us) {
            Arrays.sort(u);
        }
        double dense = us[0][rounds / 2];
        double compressed = us[1][rounds / 2];
        double bound = us[2][rounds / 2];
        long added = 0;
        long synapses = 0;
        for (int f = 0; f < frames; f++) {
            for (int[] idx : steps.get(f)) {
                added += idx.length;
                synapses += rows.synapsesOf(idx, idx.length);
            }
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return new Json("vision_row_adds", "compressed_speedup", dense / compressed, "x", 1,
                (System.nanoTime() - wall0) / 1e9)
                .put("statistic", "medians of " + rounds + " rounds in rotating order, thread CPU time")
                .put("outputs", outputs)
                .put("pruned_fraction", prunedFraction)
                .put("dense_us_per_frame", dense)
                .put("compressed_us_per_frame", compressed)
                .put("bound_us_per_frame", bound)
                .put("bound_speedup", dense / bound)
                .put("rows_per_frame", added / (double) frames)
                .put("synapses_per_frame", synapses / (double) frames)
                .put("layout", rows.toString())
                .put("compact_adds_compressed_rows", rows.rowCost() < kernels.rowCost(outputs))
                .put("frames", frames)
                .put("load_average", load)
                .put("quick", quick);
    }

    /** Adds every frame's rows one way; returns thread CPU ns. */
    private static long pass(int way, List<int[][]> steps, Flat[] flat, float[] acc, float[] w, PaddedRows rows,
            FloatKernels kernels, int[] offsets, int nOut, ThreadMXBean mx) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int f = 0; f < flat.length; f++) {
            add(way, steps.get(f), flat[f], acc, w, rows, kernels, offsets, nOut);
        }
        return mx.getCurrentThreadCpuTime() - t0;
    }

    /** One frame's rows, step after step, into {@code acc} (zeroed first): 0 dense, 1 compressed, 2 bound. */
    private static void add(int way, int[][] frame, Flat flat, float[] acc, float[] w, PaddedRows rows,
            FloatKernels kernels, int[] offsets, int nOut) {
        Arrays.fill(acc, 0f);
        if (way == 2) {
            flat.addTo(acc);
            return;
        }
        for (int[] idx : frame) {
            if (way == 0) {
                for (int k = 0; k < idx.length; k++) {
                    offsets[k] = idx[k] * nOut;
                }
                kernels.addRows(acc, 0, w, offsets, idx.length, nOut);
            } else {
                rows.addRows(acc, idx, idx.length);
            }
        }
    }

    /** A frame's surviving synapses in the order they are added: targets (unsigned bytes) and weights. */
    private record Flat(byte[] targets, float[] weights) {
        static Flat of(int[][] frame, float[] w, int nOut) {
            int n = 0;
            for (int[] idx : frame) {
                for (int i : idx) {
                    for (int j = 0; j < nOut; j++) {
                        n += w[i * nOut + j] != 0f ? 1 : 0;
                    }
                }
            }
            byte[] t = new byte[n];
            float[] v = new float[n];
            int e = 0;
            for (int[] idx : frame) {
                for (int i : idx) {
                    for (int j = 0; j < nOut; j++) {
                        if (w[i * nOut + j] != 0f) {
                            t[e] = (byte) j;
                            v[e++] = w[i * nOut + j];
                        }
                    }
                }
            }
            return new Flat(t, v);
        }

        /** The loop on a 256-entry copy of {@code acc} (so that no index needs a check). */
        void addTo(float[] acc) {
            final byte[] t = targets;
            final float[] v = weights;
            final float[] a = new float[256];
            System.arraycopy(acc, 0, a, 0, acc.length);
            for (int e = 0; e < t.length; e++) {
                a[t[e] & 0xFF] += v[e];
            }
            System.arraycopy(a, 0, acc, 0, acc.length);
        }
    }
}
