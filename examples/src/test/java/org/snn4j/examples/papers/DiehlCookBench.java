package org.snn4j.examples.papers;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.snn4j.Shape;
import org.snn4j.encoding.dataset.MnistDataset;

/**
 * Training speed of the composed Diehl &amp; Cook network ({@link DiehlCookComposed}, the library engine) against
 * the former fused simulator ({@link DiehlCookNetwork}, test-scope oracle), in one JVM, in alternating rounds:
 * each round trains a network of each kind from the same start (fresh, or trained by the fused simulator on
 * {@code warm} digits first, so that later epochs can be timed) on the same digits and measures the thread CPU
 * time. Prints one JSON line per round and a summary line with the median ratio composed / fused and the
 * load average (other processes inflate wall time, less so thread CPU time).
 *
 * <pre>
 * mvn -B -ntp -q -pl examples -am package -DskipTests
 * java -cp examples/target/test-classes:examples/target/snn4j-examples.jar \
 *     org.snn4j.examples.papers.DiehlCookBench [digits (1000)] [rounds (5)] [neurons (400)] [warm (0)]
 * </pre>
 * Test scope, because the fused simulator lives there.
 */
public final class DiehlCookBench {
    private DiehlCookBench() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args digits per round, rounds, neurons
     * @throws Exception if the data cannot be read
     */
    public static void main(String[] args) throws Exception {
        int digits = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int neurons = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        int warm = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        MnistDataset.Split train = MnistDataset.load(DiehlCook2015.Options.defaults().data()).train();
        byte[] px = train.pixels();
        DiehlCookParameters p = DiehlCookParameters.paper();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] ratios = new double[rounds];
        double[] fusedS = new double[rounds];
        double[] composedS = new double[rounds];
        // start state: fresh, or trained by the fused simulator on `warm` digits (both kinds start from it)
        DiehlCookNetwork start = new DiehlCookNetwork(p, 784, neurons, 42L);
        DiehlCookNetwork.Simulation pre = start.newSimulation();
        SplittableRandom preRng = new SplittableRandom(2);
        for (int d = 0; d < warm; d++) {
            pre.present(px, (d % 8000) * 784, true, preRng);
        }
        float[] w0 = start.weights().clone();
        float[] theta0 = start.theta().clone();
        int first = warm % 8000;
        // JIT warm-up: both paths, a few hundred digits
        runFused(p, px, w0, theta0, first, Math.min(300, digits), neurons, mx);
        runComposed(p, px, w0, theta0, first, Math.min(300, digits), neurons, mx);
        for (int r = 0; r < rounds; r++) {
            double f;
            double c;
            if (r % 2 == 0) {
                f = runFused(p, px, w0, theta0, first, digits, neurons, mx);
                c = runComposed(p, px, w0, theta0, first, digits, neurons, mx);
            } else {
                c = runComposed(p, px, w0, theta0, first, digits, neurons, mx);
                f = runFused(p, px, w0, theta0, first, digits, neurons, mx);
            }
            fusedS[r] = f;
            composedS[r] = c;
            ratios[r] = c / f;
            System.out.printf(Locale.ROOT, "{\"workload\":\"diehl_cook_train\",\"round\":%d,\"digits\":%d,\"warm\":%d,"
                    + "\"neurons\":%d,\"fused_cpu_s\":%.3f,\"composed_cpu_s\":%.3f,\"ratio\":%.3f,"
                    + "\"load_average\":\"%s\"}%n", r, digits, warm, neurons, f, c, c / f, load());
        }
        double[] sr = ratios.clone();
        Arrays.sort(sr);
        double[] sf = fusedS.clone();
        Arrays.sort(sf);
        double[] sc = composedS.clone();
        Arrays.sort(sc);
        System.out.printf(Locale.ROOT, "{\"workload\":\"diehl_cook_train\",\"summary\":true,\"median_ratio\":%.3f,"
                + "\"fused_epoch_cpu_s\":%.2f,\"composed_epoch_cpu_s\":%.2f,\"jdk\":\"%s\",\"threads\":1,"
                + "\"load_average\":\"%s\"}%n", sr[rounds / 2], sf[rounds / 2] * 8000 / digits,
                sc[rounds / 2] * 8000 / digits, System.getProperty("java.version"), load());
    }

    static double runFused(DiehlCookParameters p, byte[] px, float[] w0, float[] theta0, int first, int digits,
            int neurons, ThreadMXBean mx) {
        DiehlCookNetwork net = new DiehlCookNetwork(p, 784, neurons, w0.clone(), theta0.clone());
        DiehlCookNetwork.Simulation sim = net.newSimulation();
        SplittableRandom rng = new SplittableRandom(1);
        long t0 = mx.getCurrentThreadCpuTime();
        for (int d = 0; d < digits; d++) {
            sim.present(px, ((first + d) % 8000) * 784, true, rng);
        }
        return (mx.getCurrentThreadCpuTime() - t0) / 1e9;
    }

    static double runComposed(DiehlCookParameters p, byte[] px, float[] w0, float[] theta0, int first, int digits,
            int neurons, ThreadMXBean mx) {
        DiehlCookComposed net = new DiehlCookComposed(p, new Shape(1, 28, 28), neurons, 42L);
        System.arraycopy(w0, 0, net.layer().weights(), 0, w0.length);
        DiehlCookComposed.Presenter sim = net.newPresenter();
        System.arraycopy(theta0, 0, sim.theta(), 0, theta0.length);
        SplittableRandom rng = new SplittableRandom(1);
        long t0 = mx.getCurrentThreadCpuTime();
        for (int d = 0; d < digits; d++) {
            sim.present(px, ((first + d) % 8000) * 784, true, rng);
        }
        return (mx.getCurrentThreadCpuTime() - t0) / 1e9;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "n/a";
        }
    }
}
