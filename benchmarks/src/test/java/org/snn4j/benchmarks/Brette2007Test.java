package org.snn4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.network.Simulation;

/**
 * The Brette 2007 networks against Brian2 2.5.1 running the same networks
 * ({@code benchmarks/brian2/brette2007_reference.py}, numpy target, seeds 1-5; the mean and standard
 * deviation over the 5 seeds are copied below). Our runs use seeds 1-3 (different random numbers, same
 * distributions); the statistics of their average must lie within the stated tolerances of Brian2's mean:
 * <ul>
 *   <li>mean rate within 8 % (COBA: Brian2's seed-to-seed SD is 3.6 %, CUBA 4.3 %);</li>
 *   <li>quartiles and the 90th percentile of the per-neuron spike counts within 10 % or 1.5 spikes;</li>
 *   <li>fraction of silent neurons within 0.04 (absolute);</li>
 *   <li>mean coefficient of variation of the inter-spike intervals within 0.1 (COBA's asynchronous
 *       irregular state has CV about 1.5, CUBA about 0.5).</li>
 * </ul>
 */
class Brette2007Test {
    /** {mean rate Hz, q25, q50, q75, q90, silent fraction, mean CV ISI}: Brian2 means over seeds 1-5. */
    static final double[] BRIAN2_COBA = {18.8046, 3.2, 11.2, 26.6, 48.2, 0.1054, 1.5309};
    static final double[] BRIAN2_CUBA = {5.7297, 1.2, 4.0, 8.8, 13.8, 0.1556, 0.5263};

    /** The same statistics for one run of 1 s. */
    static double[] stats(Brette2007.Kind kind, long seed) {
        Simulation sim = Brette2007.network(kind, 1, seed).newSimulation(seed);
        SpikeRaster raster = sim.recordSpikes("P");
        Brette2007.Outcome o = Brette2007.run(sim, raster, Brette2007.STEPS);
        int n = Brette2007.N;
        int[] c = o.counts().clone();
        Arrays.sort(c);
        int silent = 0;
        for (int x : c) {
            silent += x == 0 ? 1 : 0;
        }
        // CV of the ISIs of every neuron with at least 3 spikes (as the Brian2 script)
        int[] steps = raster.steps();
        int[] neurons = raster.neurons();
        int[] last = new int[n];
        int[] k = new int[n];
        double[] sum = new double[n];
        double[] sum2 = new double[n];
        for (int j = 0; j < steps.length; j++) {
            int i = neurons[j];
            if (k[i] > 0) {
                double isi = steps[j] - last[i];
                sum[i] += isi;
                sum2[i] += isi * isi;
            }
            last[i] = steps[j];
            k[i]++;
        }
        double cvSum = 0;
        int cvN = 0;
        for (int i = 0; i < n; i++) {
            if (k[i] >= 3) {
                int m = k[i] - 1;
                double mean = sum[i] / m;
                double var = Math.max(0, sum2[i] / m - mean * mean);
                cvSum += Math.sqrt(var) / mean;
                cvN++;
            }
        }
        return new double[] {o.meanRateHz(), pct(c, 25), pct(c, 50), pct(c, 75), pct(c, 90), silent / (double) n,
                cvSum / cvN};
    }

    /** numpy's default (linear) percentile of sorted data. */
    static double pct(int[] sorted, double p) {
        double pos = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    static void check(Brette2007.Kind kind, double[] ref) {
        double[] avg = new double[ref.length];
        for (long seed = 1; seed <= 3; seed++) {
            double[] s = stats(kind, seed);
            for (int j = 0; j < s.length; j++) {
                avg[j] += s[j] / 3;
            }
        }
        System.out.println(kind + " snn4j " + Arrays.toString(avg) + " Brian2 " + Arrays.toString(ref));
        assertThat(avg[0]).as("mean rate, Hz").isCloseTo(ref[0], within(0.08 * ref[0]));
        for (int j = 1; j <= 4; j++) {
            assertThat(avg[j]).as("spike-count quantile %d", j).isCloseTo(ref[j], within(Math.max(1.5, 0.1 * ref[j])));
        }
        assertThat(avg[5]).as("silent fraction").isCloseTo(ref[5], within(0.04));
        assertThat(avg[6]).as("mean CV ISI").isCloseTo(ref[6], within(0.1));
    }

    @Test
    void cobaMatchesBrian2() {
        check(Brette2007.Kind.COBA, BRIAN2_COBA);
    }

    @Test
    void cubaMatchesBrian2() {
        check(Brette2007.Kind.CUBA, BRIAN2_CUBA);
    }

    @Test
    void sameSpikesAtAnyThreadCount() {
        int[][] first = null;
        for (int threads = 1; threads <= 3; threads++) {
            Simulation sim = Brette2007.network(Brette2007.Kind.COBA, threads, 77).newSimulation(77);
            SpikeRaster raster = sim.recordSpikes("P");
            Brette2007.run(sim, raster, 3000);
            int[][] got = {raster.steps(), raster.neurons()};
            assertThat(got[0].length).isGreaterThan(10_000);
            if (first == null) {
                first = got;
            } else {
                assertThat(got[0]).as("%d threads", threads).isEqualTo(first[0]);
                assertThat(got[1]).as("%d threads", threads).isEqualTo(first[1]);
            }
        }
    }

    /** FNV-1a over {@code step * N + neuron} in the raster's order. */
    static long spikeHash(SpikeRaster raster) {
        int[] steps = raster.steps();
        int[] neurons = raster.neurons();
        long h = 0xcbf29ce484222325L;
        for (int k = 0; k < steps.length; k++) {
            h ^= (long) steps[k] * Brette2007.N + neurons[k];
            h *= 0x100000001b3L;
        }
        return h;
    }

    /**
     * The spikes of 1 s of both networks are bit-identical to recorded runs, at 1 and 2 threads and in a second
     * presentation; any change of the order of float operations shows here. Seed 2007: recorded before the hot
     * loops were tuned (the threshold pass, the thread team). Seed 12345 (the benchmarks' default): recorded
     * after arrivals due in their own step went straight into the synaptic variables (each synapse adds to
     * {@code g} in turn, as Brian2's {@code on_pre} does, instead of a sum of the step's arrivals added once):
     * that changed COBA seed 12345 from 85,523 to 85,570 spikes (hash 0xa5d306b318db5431) and left the other
     * three runs as they were.
     */
    @Test
    void spikesAreBitIdenticalToTheRecordedRuns() {
        for (Brette2007.Kind kind : Brette2007.Kind.values()) {
            for (long seed : new long[] {2007, 12345}) {
                boolean coba = kind == Brette2007.Kind.COBA;
                long expected = seed == 2007 ? (coba ? 0x0d261381783aff9bL : 0x48dd31423fb78fbaL)
                        : (coba ? 0xd90a48a74abaa6daL : 0x528644e860cda4e8L);
                int count = seed == 2007 ? (coba ? 82_470 : 22_892) : (coba ? 85_570 : 23_682);
                for (int threads = 1; threads <= 2; threads++) {
                    Simulation sim = Brette2007.network(kind, threads, seed).newSimulation(seed);
                    SpikeRaster raster = sim.recordSpikes("P");
                    for (int presentation = 0; presentation < 2; presentation++) {
                        Brette2007.run(sim, raster, Brette2007.STEPS);
                        assertThat(raster.count()).as("%s, seed %d, %d threads", kind, seed, threads)
                                .isEqualTo(count);
                        assertThat(spikeHash(raster)).as("%s, seed %d, %d threads", kind, seed, threads)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }
}
