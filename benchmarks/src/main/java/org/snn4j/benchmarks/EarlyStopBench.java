package org.snn4j.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.competition.KWinnersTakeAll;
import org.snn4j.competition.PointwiseInhibition;
import org.snn4j.encoding.MozafariEncoder;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.learning.BinaryStdp;
import org.snn4j.learning.RateSchedule;
import org.snn4j.learning.StdpRates;
import org.snn4j.learning.WeightBounds;
import org.snn4j.network.Network;
import org.snn4j.network.Presentation;
import org.snn4j.network.PresentationResult;
import org.snn4j.network.Simulation;
import org.snn4j.network.StopCondition;
import org.snn4j.neuron.PerfectIf;

/**
 * Workload {@code early_stop}: what the engine's automatic early stop ({@link StopCondition#auto()}) saves a
 * user's plain composition, measured on the network of {@code Ex06_ConvStdpKwta} exactly as that example
 * builds it (MNIST digits through the Mozafari 2019 DoG + rank-order code, 6x28x28 inputs, 15 steps, into
 * a {@code Conv2dLayer} of 8 maps 5x5, padding 2, fire-once threshold 15, pointwise inhibition then 5-WTA with
 * radius 3, binary STDP (0.04, -0.03)). The example calls {@code sim.present(code, true)}, which now stops
 * at the step where the last winner appears; "before" is the same training with
 * {@code stopWhen(StopCondition.atEnd())}, the engine's behaviour before the change.
 *
 * <p>Method: the digits are encoded once (not timed). Each round trains a fresh network on the digits once
 * with each stop condition, in alternating order, timing the training thread's CPU time; both must end with
 * bit-identical weights and the same winners. Reports the median over the rounds of each side's images per
 * CPU-second and the median of the per-round ratios, with the mean steps run per presentation. Default: 300
 * digits (the example's count), 7 rounds; {@code --quick}: 30 digits, 2 rounds.
 *
 * <p>Run: {@code java -jar benchmarks/target/snn4j-benchmarks.jar early_stop} from the repository root.
 */
public final class EarlyStopBench implements Workload {

    @Override
    public String description() {
        return "Ex06 (conv + pointwise inhibition + 5-WTA + binary STDP): auto early stop vs every step, CPU time";
    }

    @Override
    public void run(Bench.Settings settings, PrintStream out) throws Exception {
        boolean quick = settings.quick();
        int n = quick ? 30 : 300;
        int rounds = quick ? 2 : 7;
        Path dir = settings.dataFolder("mnist10k");
        MnistDataset.Split train = MnistDataset.load(dir).train();
        MozafariEncoder enc = MozafariEncoder.mozafari2019();
        EventSource[] codes = new EventSource[n];
        for (int i = 0; i < n; i++) {
            codes[i] = enc.encode(train.image(i));
        }
        Shape in = enc.outputShape();
        Presentation before = Presentation.training().stopWhen(StopCondition.atEnd());
        Presentation after = Presentation.training();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] ips = new double[2 * rounds];
        double[] ratio = new double[rounds];
        long[] steps = new long[2];
        for (int w = 0; w < 2; w++) { // warm-up, both sides
            train(in, codes, before, mx, steps, 0);
            train(in, codes, after, mx, steps, 1);
        }
        for (int r = 0; r < rounds; r++) {
            boolean afterFirst = (r & 1) == 1;
            Arrays.fill(steps, 0L);
            Object[] a = afterFirst ? train(in, codes, after, mx, steps, 1) : train(in, codes, before, mx, steps, 0);
            Object[] b = afterFirst ? train(in, codes, before, mx, steps, 0) : train(in, codes, after, mx, steps, 1);
            Object[] full = afterFirst ? b : a;
            Object[] auto = afterFirst ? a : b;
            if (!Arrays.equals((float[]) full[0], (float[]) auto[0]) || !full[2].equals(auto[2])) {
                throw new IllegalStateException("round " + r + ": early stop changed the weights or the winners");
            }
            double fullS = (long) full[1] / 1e9;
            double autoS = (long) auto[1] / 1e9;
            ips[r] = n / fullS;
            ips[rounds + r] = n / autoS;
            ratio[r] = fullS / autoS;
            if (r == rounds - 1) {
                double[] f = Arrays.copyOfRange(ips, 0, rounds);
                double[] s = Arrays.copyOfRange(ips, rounds, 2 * rounds);
                Arrays.sort(f);
                Arrays.sort(s);
                Arrays.sort(ratio);
                double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                out.println(new Json("early_stop", "speedup", ratio[rounds / 2], "x", 1, 0)
                        .put("statistic", "median of " + rounds + " alternating rounds, thread CPU time")
                        .put("images_per_cpu_s_every_step", f[rounds / 2])
                        .put("images_per_cpu_s_auto_stop", s[rounds / 2])
                        .put("mean_steps_every_step", String.format(Locale.ROOT, "%.2f", steps[0] / (double) n))
                        .put("mean_steps_auto_stop", String.format(Locale.ROOT, "%.2f", steps[1] / (double) n))
                        .put("identical_weights_and_winners", true)
                        .put("images", n)
                        .put("load_average", load)
                        .put("quick", quick));
            }
        }
    }

    /** Trains a fresh Ex06 network on every code with {@code p}; returns {weights, cpu ns, winners text}. */
    private static Object[] train(Shape in, EventSource[] codes, Presentation p, ThreadMXBean mx, long[] steps,
                                  int side) {
        Conv2dLayer conv = Conv2dLayer.builder("conv", in, 8, 5, 5).padding(2)
                .weights(WeightInit.normal(0.8f, 0.05f, 6)).neurons(PerfectIf.latencyCoded(15f)).build();
        Network net = Network.builder(in, 1f).add(conv)
                .compete("conv", new PointwiseInhibition().andThen(new KWinnersTakeAll(5, 3)))
                .learn("conv", new BinaryStdp(8, new StdpRates(0.04f, -0.03f), WeightBounds.unit(), true,
                        RateSchedule.constant()))
                .build();
        Simulation sim = net.newSimulation(6);
        StringBuilder winners = new StringBuilder();
        long c0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < codes.length; i++) {
            PresentationResult r = sim.present(codes[i], p);
            sim.learn(0f);
            winners.append(r.winners(0)).append('\n');
            steps[side] += r.steps();
        }
        long cpu = mx.getCurrentThreadCpuTime() - c0;
        return new Object[] {conv.weights().clone(), cpu, winners.toString()};
    }
}
