package org.snn4j.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import org.snn4j.internal.kernel.FloatKernels;

/**
 * Workload {@code kernel_loop}: the inner loop of the Mozafari decision layer ({@code DecisionConv.decideSlice}:
 * for each active input and kernel tap, {@code pot[o] += w[o]} over the 100 conv3 maps of a slice) run three ways
 * on the same data, to tell whether a JDK vectorises it:
 * <ul>
 *   <li>{@code loop}: the plain Java loop as written in the layer (two distinct {@code float[]}, so the JIT must
 *       prove they do not overlap before it can vectorise);</li>
 *   <li>{@code scalar_kernel}: {@link FloatKernels#scalar()}'s {@code addTo} (the same loop behind the kernel
 *       interface);</li>
 *   <li>{@code chosen_kernel}: {@link FloatKernels#get()}'s {@code addTo} (vector kernels where the JDK has them).</li>
 * </ul>
 * Each line gives float additions per CPU-second of this thread (ThreadMXBean, less disturbed by other processes
 * than wall time): the median of interleaved rounds (the three ways take turns, so drifts in machine load hit
 * them alike) after a warm-up, for row lengths 100 (conv3 slice) and 250 (conv2 maps).
 */
final class KernelLoopBench implements Workload {
    private static final int ROWS = 1024;
    private static final int TAPS = 4096;

    @Override
    public String description() {
        return "decision-layer inner loop pot[o] += w[o]: plain loop vs scalar kernel vs chosen kernel, adds/CPU-s";
    }

    @Override
    public void run(Bench.Settings settings, PrintStream out) {
        int rounds = settings.quick() ? 3 : 11;
        long warmNanos = settings.quick() ? 200_000_000L : 3_000_000_000L;
        for (int len : new int[] {100, 250}) {
            SplittableRandom rng = new SplittableRandom(settings.seedOr(7));
            float[][] pot = new float[ROWS][len];
            float[][] w = new float[ROWS][len];
            for (int r = 0; r < ROWS; r++) {
                for (int o = 0; o < len; o++) {
                    w[r][o] = (float) rng.nextDouble();
                }
            }
            int[] dst = new int[TAPS];
            int[] src = new int[TAPS];
            for (int t = 0; t < TAPS; t++) {
                dst[t] = rng.nextInt(ROWS);
                src[t] = rng.nextInt(ROWS);
            }
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            double[][] rates = new double[3][rounds];
            long warmEnd = System.nanoTime() + warmNanos;
            while (System.nanoTime() < warmEnd) {
                for (int way = 0; way < 3; way++) {
                    pass(way, pot, w, dst, src, len);
                }
            }
            long wall0 = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                for (int way = 0; way < 3; way++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    long adds = 0;
                    long c1;
                    do {
                        pass(way, pot, w, dst, src, len);
                        adds += (long) TAPS * len;
                        c1 = mx.getCurrentThreadCpuTime();
                    } while (c1 - c0 < (settings.quick() ? 20_000_000L : 100_000_000L));
                    rates[way][r] = adds / ((c1 - c0) / 1e9);
                }
            }
            double wall = (System.nanoTime() - wall0) / 1e9;
            String[] names = {"loop", "scalar_kernel", "chosen_kernel"};
            for (int way = 0; way < 3; way++) {
                java.util.Arrays.sort(rates[way]);
                out.println(new Json("kernel_loop", names[way] + "_len" + len, rates[way][rounds / 2], "adds/cpu_s", 1,
                        wall).put("best", rates[way][rounds - 1]).put("rounds", rounds).put("quick", settings.quick())
                        .put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            }
        }
    }

    private static void pass(int way, float[][] pot, float[][] w, int[] dst, int[] src, int len) {
        FloatKernels k = way == 1 ? FloatKernels.scalar() : FloatKernels.get();
        for (int t = 0; t < dst.length; t++) {
            float[] pr = pot[dst[t]];
            float[] wv = w[src[t]];
            if (way == 0) {
                for (int o = 0; o < len; o++) {
                    pr[o] += wv[o];
                }
            } else {
                k.addTo(pr, 0, wv, 0, len);
            }
        }
        // keep the sums bounded
        if (pot[0][0] > 1e6f) {
            for (float[] p : pot) {
                java.util.Arrays.fill(p, 0f);
            }
        }
    }
}
