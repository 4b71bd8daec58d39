package org.snn4j.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.competition.Competition;
import org.snn4j.competition.KWinnersTakeAll;
import org.snn4j.internal.kernel.FloatKernels;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;
import org.snn4j.layer.WeightInit;
import org.snn4j.neuron.PerfectIf;

/**
 * Workload {@code conv_layer}: the second convolution of Mozafari et al. 2019 (30 -> 250 maps, 3x3,
 * padding 1, threshold 10, fire once) on a 30 x 14 x 14 latency-coded input over 15 steps with about 72 %
 * of the inputs active (random, seeded), three ways in one run:
 * <ol>
 *   <li>event-driven forward pass ({@link Conv2dLayer}, {@code FIRE_ONCE});</li>
 *   <li>event-driven with training: pointwise inhibition (fused in the layer) + 8-winner k-WTA (radius 1),
 *       then a binary-STDP
 *       receptive-field update of each winner ({@link Conv2dLayer#updateReceptiveField});</li>
 *   <li>a dense time-stepped version of the same layer, as SpykeTorch computes it: the full convolution of
 *       the cumulative spike wave at each of the 15 steps (every neuron, every input, zeros included),
 *       then a threshold over all neurons.</li>
 * </ol>
 * Prints one JSON object per line. Timing is wall-clock over repeated passes after a warm-up; the
 * first-spike maps of the event-driven and dense versions are compared on the first input.
 *
 * <p>Run: {@code java -jar benchmarks/target/snn4j-benchmarks.jar conv_layer [--quick] [--seed N]}; on JDK 21+ add {@code --add-modules jdk.incubator.vector} for the Vector API
 * kernels.
 */
public final class ConvLayerBench implements Workload {
    static final int IN_C = 30;
    static final int H = 14;
    static final int W = 14;
    static final int OUT_C = 250;
    static final int K = 3;
    static final int PAD = 1;
    static final int STEPS = 15;
    static final float THRESHOLD = 10f;
    static final double ACTIVE = 0.72;
    static final int INPUTS = 32;

    /** The workload registered in {@link Bench} as {@code conv_layer}. */
    public ConvLayerBench() {
    }

    @Override
    public String description() {
        return "conv 30->250 3x3 on 30x14x14 latency input, 15 steps: event-driven (+kWTA/STDP) vs dense";
    }

    /** {@code --quick}: 0.5 s per variant instead of 3 s; {@code --seed N}: input and weight seed (42). */
    @Override
    public void run(Bench.Settings settings, java.io.PrintStream out) {
        double seconds = settings.quick() ? 0.5 : 3.0;
        long seed = settings.seedOr(42L);
        for (String line : run(seconds, seed)) {
            out.println(line);
        }
    }

    /** Runs the workload and returns its JSON lines. */
    public static List<String> run(double secondsPerVariant, long seed) {
        Shape in = new Shape(IN_C, H, W);
        Conv2dLayer layer = Conv2dLayer.builder("conv2", in, OUT_C, K, K).padding(PAD)
                .weights(WeightInit.normal(0.8f, 0.05f, seed)).neurons(PerfectIf.latencyCoded(THRESHOLD)).build();
        int[][][] inputs = new int[INPUTS][][]; // [input][step] -> neuron indices
        SplittableRandom rng = new SplittableRandom(seed + 1);
        for (int s = 0; s < INPUTS; s++) {
            inputs[s] = latencyInput(in.size(), rng);
        }
        List<String> out = new ArrayList<>();
        String kernels = FloatKernels.get().name();

        // event-driven forward
        EventRunner ev = new EventRunner(layer, null);
        int[] firstEvent = ev.firstSpikes(inputs[0]);
        Timing fwd = time(secondsPerVariant, inputs, ev::pass, ev::resetCounters);
        double evPasses = fwd.passes / fwd.seconds;
        double evEvents = ev.events / fwd.seconds;

        // dense time-stepped reference of the same layer
        DenseConv dense = new DenseConv(layer);
        int[] firstDense = dense.firstSpikes(inputs[0]);
        boolean identical = Arrays.equals(firstEvent, firstDense);
        Timing dn = time(secondsPerVariant, inputs, dense::pass, () -> { });
        double densePasses = dn.passes / dn.seconds;

        // event-driven with competition and STDP updates of the winners (weights change: use a copy)
        Conv2dLayer trainLayer = Conv2dLayer.builder("conv2", in, OUT_C, K, K).padding(PAD)
                .weights(WeightInit.normal(0.8f, 0.05f, seed)).neurons(PerfectIf.latencyCoded(THRESHOLD)).build();
        EventRunner tr = new EventRunner(trainLayer, new KWinnersTakeAll(8, 1));
        tr.state.fusePointwiseInhibition(true); // pointwise inhibition fused, as the engine does for this chain
        Timing trn = time(secondsPerVariant, inputs, tr::trainPass, tr::resetCounters);
        double trPasses = trn.passes / trn.seconds;

        long eventsPerPass = ev.events / Math.max(1, fwd.passes);
        String jdk = Runtime.version().toString();
        int cpus = Runtime.getRuntime().availableProcessors();
        String common = "\"threads\":1,\"jdk\":\"" + jdk + "\",\"cpus\":" + cpus + ",\"kernels\":\"" + kernels + "\"";
        out.add(line("conv_layer", "event_passes_per_s", evPasses, "1/s", fwd.seconds, common
                + ",\"synaptic_events_per_pass\":" + eventsPerPass + ",\"spikes_per_pass\":" + ev.spikes / Math.max(1, fwd.passes)));
        out.add(line("conv_layer", "synaptic_events_per_s", evEvents, "1/s", fwd.seconds, common));
        out.add(line("conv_layer", "dense_passes_per_s", densePasses, "1/s", dn.seconds, common
                + ",\"multiply_adds_per_pass\":" + dense.macsPerPass()));
        out.add(line("conv_layer", "event_vs_dense_speedup", evPasses / densePasses, "x", fwd.seconds + dn.seconds,
                common + ",\"identical_first_spikes\":" + identical));
        out.add(line("conv_layer", "stdp_passes_per_s", trPasses, "1/s", trn.seconds, common
                + ",\"winners_per_pass\":" + tr.winnerCount / Math.max(1, trn.passes)));
        out.add(line("conv_layer", "stdp_event_vs_dense_speedup", trPasses / densePasses, "x", trn.seconds + dn.seconds,
                common));
        return out;
    }

    private static String line(String workload, String metric, double value, String unit, double wall, String extra) {
        return String.format(Locale.ROOT, "{\"workload\":\"%s\",\"metric\":\"%s\",\"value\":%.6g,\"unit\":\"%s\","
                + "\"wall_s\":%.3f,%s}", workload, metric, value, unit, wall, extra);
    }

    /** Each input fires with probability ACTIVE at a uniformly random step (latency code: at most once). */
    static int[][] latencyInput(int size, SplittableRandom rng) {
        int[] count = new int[STEPS];
        int[] step = new int[size];
        for (int i = 0; i < size; i++) {
            step[i] = rng.nextDouble() < ACTIVE ? rng.nextInt(STEPS) : -1;
            if (step[i] >= 0) {
                count[step[i]]++;
            }
        }
        int[][] perStep = new int[STEPS][];
        for (int t = 0; t < STEPS; t++) {
            perStep[t] = new int[count[t]];
        }
        int[] fill = new int[STEPS];
        for (int i = 0; i < size; i++) {
            if (step[i] >= 0) {
                perStep[step[i]][fill[step[i]]++] = i;
            }
        }
        return perStep;
    }

    private record Timing(long passes, double seconds) {
    }

    private interface Pass {
        void run(int[][] input);
    }

    private static Timing time(double seconds, int[][][] inputs, Pass pass, Runnable afterWarmUp) {
        long warm = System.nanoTime();
        int s = 0;
        while (System.nanoTime() - warm < (long) (seconds * 0.3e9)) {
            pass.run(inputs[s++ % inputs.length]);
        }
        afterWarmUp.run();
        long passes = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            pass.run(inputs[(int) (passes % inputs.length)]);
            passes++;
            now = System.nanoTime();
        } while (now < end);
        return new Timing(passes, (now - start) / 1e9);
    }

    /** Drives the event-driven layer through one presentation. */
    static final class EventRunner {
        final Conv2dLayer layer;
        final Conv2dLayer.State state;
        final Competition competition;
        final Spikes in;
        final Spikes out;
        final StepContext ctx = new StepContext(1f);
        final List<Winner> winners = new ArrayList<>();
        long events;
        long spikes;
        long winnerCount;

        EventRunner(Conv2dLayer layer, Competition competition) {
            this.layer = layer;
            this.state = layer.newState();
            this.competition = competition;
            this.in = new Spikes(layer.inputShape().size());
            this.out = new Spikes(layer.outputShape().size());
        }

        void resetCounters() {
            events = 0;
            spikes = 0;
            winnerCount = 0;
        }

        void pass(int[][] input) {
            state.reset();
            winners.clear();
            ctx.begin(STEPS, competition != null);
            long e0 = state.synapticEvents();
            long s0 = state.spikeCount();
            for (int t = 0; t < STEPS; t++) {
                ctx.setStep(t);
                in.clear();
                int[] ids = input[t];
                for (int k = 0; k < ids.length; k++) {
                    in.add(ids[k]);
                }
                out.clear();
                layer.step(in, state, ctx, out);
                if (competition != null) {
                    competition.apply(state, out, ctx, winners);
                }
            }
            events += state.synapticEvents() - e0;
            spikes += state.spikeCount() - s0;
        }

        void trainPass(int[][] input) {
            pass(input);
            int[] preStep = state.inputSpikeStep();
            int n = winners.size();
            for (int k = 0; k < n; k++) {
                int postStep = winners.get(k).step();
                // binary STDP (Mozafari 2019): LTP if the pre spike came at or before the post spike
                layer.updateReceptiveField(winners.get(k).neuron(), state, (w, pre, post) -> {
                    boolean ltp = pre >= 0 && preStep[pre] >= 0 && preStep[pre] <= postStep;
                    float dw = (ltp ? 0.004f : -0.003f) * w * (1f - w);
                    return Math.min(1f, Math.max(0f, w + dw));
                });
            }
            winnerCount += n;
        }

        int[] firstSpikes(int[][] input) {
            pass(input);
            return state.neurons().lastSpikeStep().clone();
        }
    }

    /**
     * The dense, time-stepped version of the same layer: at every step the full convolution of the
     * cumulative input wave (zeros included) recomputes every potential, then every neuron is compared
     * with the threshold (fire once). Output channel innermost, so the inner loop is a contiguous
     * multiply-add the JIT vectorises.
     */
    static final class DenseConv {
        final float[] w;
        final float[] wave = new float[IN_C * H * W];
        final float[] pot;
        final int[] first;
        final int outH;
        final int outW;

        DenseConv(Conv2dLayer layer) {
            this.w = layer.weights(); // [c][ky][kx][o]
            this.outH = layer.outputShape().height();
            this.outW = layer.outputShape().width();
            this.pot = new float[outH * outW * OUT_C];
            this.first = new int[OUT_C * outH * outW];
        }

        long macsPerPass() {
            long taps = 0;
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    for (int ky = 0; ky < K; ky++) {
                        for (int kx = 0; kx < K; kx++) {
                            int iy = oy - PAD + ky;
                            int ix = ox - PAD + kx;
                            if (iy >= 0 && iy < H && ix >= 0 && ix < W) {
                                taps++;
                            }
                        }
                    }
                }
            }
            return taps * IN_C * OUT_C * STEPS;
        }

        void pass(int[][] input) {
            Arrays.fill(wave, 0f);
            Arrays.fill(first, -1);
            int map = outH * outW;
            for (int t = 0; t < STEPS; t++) {
                int[] ids = input[t];
                for (int k = 0; k < ids.length; k++) {
                    wave[ids[k]] = 1f;
                }
                Arrays.fill(pot, 0f);
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        int q = (oy * outW + ox) * OUT_C;
                        for (int c = 0; c < IN_C; c++) {
                            for (int ky = 0; ky < K; ky++) {
                                int iy = oy - PAD + ky;
                                if (iy < 0 || iy >= H) {
                                    continue;
                                }
                                for (int kx = 0; kx < K; kx++) {
                                    int ix = ox - PAD + kx;
                                    if (ix < 0 || ix >= W) {
                                        continue;
                                    }
                                    float x = wave[(c * H + iy) * W + ix];
                                    int r = ((c * K + ky) * K + kx) * OUT_C;
                                    for (int o = 0; o < OUT_C; o++) {
                                        pot[q + o] += x * w[r + o];
                                    }
                                }
                            }
                        }
                    }
                }
                for (int pos = 0; pos < map; pos++) {
                    int q = pos * OUT_C;
                    for (int o = 0; o < OUT_C; o++) {
                        int chw = o * map + pos;
                        if (first[chw] < 0 && pot[q + o] > THRESHOLD) {
                            first[chw] = t;
                        }
                    }
                }
            }
        }

        int[] firstSpikes(int[][] input) {
            pass(input);
            return first.clone();
        }
    }
}
