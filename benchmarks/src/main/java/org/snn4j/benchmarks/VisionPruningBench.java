package org.snn4j.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.snn4j.EventSource;
import org.snn4j.examples.vision.SyntheticFrames;
import org.snn4j.examples.vision.VisionExperiments;
import org.snn4j.examples.vision.VisionNetwork;
import org.snn4j.examples.vision.VisionParameters;

/**
 * Workload {@code vision_pruning}: inference of the vision demo's network ({@link VisionNetwork}: 8,192 contrast
 * inputs, a {@code DenseLayer} of LIF outputs, winner-take-all, the frame ends at the first output spike) with
 * its dense weights against its pruned copy ({@link VisionNetwork#compact}, the layer's compressed-row form), for
 * 64 and 128 outputs and 90 % and 95 % of the weights pruned.
 *
 * <p>Network: trained as the demo's motif experiment trains it ({@link VisionExperiments#motif}, 500 frames,
 * {@code --quick} 150), then pruned at the weight quantile that drops the given fraction
 * ({@code compact(pruneBelow, no quantisation)}). Pruning changes the network: the pruned one may answer later or
 * with another output, so the line reports both sides' mean steps per frame and the fraction of frames with the
 * same first output. That the pruned layer computes exactly what the dense layer with the pruned weights zeroed
 * computes is tested ({@code DenseLayerTest}, {@code VisionNetworkTest}).
 *
 * <p>Method: noise frames and motif frames (half each) are encoded once (not timed). Each round presents every
 * frame once to the dense and once to the pruned network, in alternating order, timing the thread's CPU time;
 * the result is the median over the rounds of the per-round ratio dense / pruned (the speed-up), with each side's
 * median frames per CPU-second and the load average. Before the rounds both sides are warmed up alternately for at
 * least 1 s of CPU time each ({@code --quick} 0.1 s; so that the JIT's optimised code is measured even on a loaded machine). Default: 200
 * frames presented 5 times per side and round, 7 rounds; {@code --quick}: 20 frames, 2 rounds.
 *
 * <p>Run: {@code java -jar benchmarks/target/snn4j-benchmarks.jar vision_pruning} from the repository root.
 */
public final class VisionPruningBench implements Workload {

    @Override
    public String description() {
        return "vision demo inference, dense vs pruned (CSR) layer, 64/128 outputs, 90/95 % pruned, CPU time";
    }

    @Override
    public void run(Bench.Settings settings, PrintStream out) throws Exception {
        boolean quick = settings.quick();
        int frames = quick ? 20 : 200;
        int rounds = quick ? 2 : 7;
        long seed = settings.seed() != null ? settings.seed() : 42L;
        for (int outputs : new int[] {64, 128}) {
            for (double pruned : new double[] {0.90, 0.95}) {
                out.println(measure(outputs, pruned, frames, rounds, seed, quick));
            }
        }
    }

    /**
     * The network trained as the demo's motif experiment trains it, its copy pruned at the weight quantile of
     * {@code prunedFraction}, and {@code frames} encoded frames (noise and motif frames, half each).
     */
    record Pruned(VisionNetwork dense, VisionNetwork pruned, float pruneBelow, List<EventSource> codes) {
    }

    /** Trains, prunes and encodes the frames of one configuration (see {@link Pruned}). */
    static Pruned pruned(int outputs, double prunedFraction, int frames, long seed, boolean quick) {
        VisionParameters p = VisionParameters.defaults(outputs).withSeed(seed);
        VisionExperiments.MotifResult trained = VisionExperiments.motif(p, quick ? 150 : 500, 5, 48, 1, seed, null);
        VisionNetwork dense = trained.network();
        float[] sorted = dense.layer().weights().clone();
        Arrays.sort(sorted);
        float pruneBelow = sorted[(int) Math.ceil(prunedFraction * sorted.length) - 1];
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<EventSource> codes = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            codes.add(dense.encoder().encode(f % 2 == 0 ? SyntheticFrames.noise(rng)
                    : SyntheticFrames.withMotif(trained.motif(), 48, rng)));
        }
        return new Pruned(dense, dense.compact(pruneBelow, 2f), pruneBelow, List.copyOf(codes));
    }

    /** One configuration: the JSON line of its median speed-up. */
    static Json measure(int outputs, double prunedFraction, int frames, int rounds, long seed, boolean quick) {
        VisionParameters p = VisionParameters.defaults(outputs).withSeed(seed);
        Pruned net = pruned(outputs, prunedFraction, frames, seed, quick);
        VisionNetwork dense = net.dense();
        VisionNetwork pruned = net.pruned();
        float pruneBelow = net.pruneBelow();
        List<EventSource> codes = net.codes();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        // warm-up: at least WARM_UP_CPU_NS of this thread's CPU time per side, so that the JIT's optimising compiles are
        // in place before the rounds (on a loaded machine the compiler thread gets little CPU, and two passes per side
        // measured the pruned side's first-tier code: 0.94x instead of 1.87x in one run at load 30)
        long warmDense = 0;
        long warmPruned = 0;
        long warmUp = quick ? WARM_UP_CPU_NS / 10 : WARM_UP_CPU_NS;
        for (int k = 0; k < 2 || warmDense < warmUp || warmPruned < warmUp; k++) {
            warmDense += pass(dense, codes, mx, null) * PASSES;
            warmPruned += pass(pruned, codes, mx, null) * PASSES;
        }
        double[] ratio = new double[rounds];
        double[] fpsDense = new double[rounds];
        double[] fpsPruned = new double[rounds];
        int[] a = new int[2 * frames];
        int[] b = new int[2 * frames];
        long steps = 0;
        for (int r = 0; r < rounds; r++) {
            long d;
            long c;
            if ((r & 1) == 0) {
                d = pass(dense, codes, mx, a);
                c = pass(pruned, codes, mx, b);
            } else {
                c = pass(pruned, codes, mx, b);
                d = pass(dense, codes, mx, a);
            }
            ratio[r] = d / (double) c;
            fpsDense[r] = frames / (d / 1e9);
            fpsPruned[r] = frames / (c / 1e9);
        }
        long stepsPruned = 0;
        int same = 0;
        for (int f = 0; f < frames; f++) {
            steps += a[2 * f] < 0 ? p.keepBins() : a[2 * f + 1] + 1;
            stepsPruned += b[2 * f] < 0 ? p.keepBins() : b[2 * f + 1] + 1;
            same += a[2 * f] == b[2 * f] ? 1 : 0;
        }
        Arrays.sort(ratio);
        Arrays.sort(fpsDense);
        Arrays.sort(fpsPruned);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return new Json("vision_pruning", "speedup", ratio[rounds / 2], "x", 1, 0)
                .put("statistic", "median of " + rounds + " alternating rounds, thread CPU time")
                .put("outputs", outputs)
                .put("pruned_fraction", prunedFraction)
                .put("synapses_dense", dense.synapseCount())
                .put("synapses_pruned", pruned.synapseCount())
                .put("frames_per_cpu_s_dense", fpsDense[rounds / 2])
                .put("frames_per_cpu_s_pruned", fpsPruned[rounds / 2])
                .put("prune_below", pruneBelow)
                .put("mean_steps_per_frame_dense", steps / (double) frames)
                .put("mean_steps_per_frame_pruned", stepsPruned / (double) frames)
                .put("same_winner", same / (double) frames)
                .put("frames", frames)
                .put("load_average", load)
                .put("quick", quick);
    }

    /** The least CPU time of the warm-up per side, ns (1 s, {@code --quick} 0.1 s, or 2 passes if longer). */
    private static final long WARM_UP_CPU_NS = 1_000_000_000L;

    /** Passes over the frames per round and side (a round is long enough for the CPU-time clock). */
    private static final int PASSES = 5;

    /**
     * Presents every code {@value #PASSES} times without learning; returns thread CPU ns per pass; records winner
     * and step per frame.
     */
    private static long pass(VisionNetwork net, List<EventSource> codes, ThreadMXBean mx, int[] answers) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int r = 0; r < PASSES; r++) {
            for (int f = 0; f < codes.size(); f++) {
                int w = net.present(codes.get(f), false);
                if (answers != null) {
                    answers[2 * f] = w;
                    answers[2 * f + 1] = net.lastSpikeStep();
                }
            }
        }
        return (mx.getCurrentThreadCpuTime() - t0) / PASSES;
    }
}
