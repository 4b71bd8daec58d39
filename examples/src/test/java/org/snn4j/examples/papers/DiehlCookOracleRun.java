package org.snn4j.examples.papers;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.learning.SpikeCountReadout;

/**
 * The former fused simulator ({@link DiehlCookNetwork}, test scope) run end to end as the example ran it before
 * it became a composition: same options, seeds and read-out, so its accuracy can be compared with
 * {@code DiehlCook2015} on the same seed. A long run, not a test.
 *
 * <pre>
 * java -cp ... org.snn4j.examples.papers.DiehlCookOracleRun [same options as DiehlCook2015]
 * </pre>
 */
public final class DiehlCookOracleRun {
    private DiehlCookOracleRun() {
    }

    /**
     * Trains, labels and tests with the fused simulator and prints the accuracy.
     *
     * @param args the options of {@code DiehlCook2015}
     * @throws Exception if the data cannot be read
     */
    public static void main(String[] args) throws Exception {
        DiehlCook2015.Options o = DiehlCook2015.Options.parse(args);
        MnistDataset ds = MnistDataset.load(o.data());
        MnistDataset.Split train = ds.train();
        MnistDataset.Split test = ds.test();
        int pixels = train.rows() * train.cols();
        DiehlCookParameters p = DiehlCookParameters.paper().withDtMs(o.dtMs());
        SplittableRandom root = new SplittableRandom(o.seed());
        long weightSeed = root.nextLong();
        long labelSeed = root.nextLong();
        long testSeed = root.nextLong();
        SplittableRandom trainRng = root.split();
        DiehlCookNetwork net = new DiehlCookNetwork(p, pixels, o.neurons(), weightSeed);
        DiehlCookNetwork.Simulation sim = net.newSimulation();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        for (int e = 0; e < o.epochs(); e++) {
            for (int d = 0; d < o.train(); d++) {
                sim.present(train.pixels(), d * pixels, true, trainRng);
            }
        }
        double trainCpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        int[][] label = evaluate(net, train, o.train(), labelSeed, o.threads());
        int[] labels = new int[o.train()];
        for (int d = 0; d < o.train(); d++) {
            labels[d] = train.label(d);
        }
        int[] assignment = SpikeCountReadout.assign(label, labels, 10);
        int[][] counts = evaluate(net, test, o.test(), testSeed, o.threads());
        int correct = 0;
        for (int d = 0; d < o.test(); d++) {
            if (SpikeCountReadout.classify(counts[d], assignment, 10) == test.label(d)) {
                correct++;
            }
        }
        System.out.printf(Locale.ROOT, "fused oracle: %d neurons, %d epochs, seed %d: test accuracy %.2f %% "
                + "(%d / %d); training %.1f s CPU, %d presentations%n", o.neurons(), o.epochs(), o.seed(),
                100.0 * correct / o.test(), correct, o.test(), trainCpu, sim.presentations());
    }

    static int[][] evaluate(DiehlCookNetwork net, MnistDataset.Split split, int count, long seed, int threads)
            throws InterruptedException {
        int pixels = split.rows() * split.cols();
        int[][] counts = new int[count][];
        AtomicInteger next = new AtomicInteger();
        Thread[] ts = new Thread[Math.min(threads, count)];
        for (int w = 0; w < ts.length; w++) {
            ts[w] = new Thread(() -> {
                DiehlCookNetwork.Simulation s = net.newSimulation();
                for (int d = next.getAndIncrement(); d < count; d = next.getAndIncrement()) {
                    SplittableRandom rng = new SplittableRandom(seed + d * 0x9E3779B97F4A7C15L);
                    counts[d] = s.present(split.pixels(), d * pixels, false, rng).clone();
                }
            });
            ts[w].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        return counts;
    }
}
