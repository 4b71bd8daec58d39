package org.snn4j.benchmarks;

import java.lang.management.ManagementFactory;
import org.snn4j.examples.gradient.NmnistSamples;
import org.snn4j.gradient.Trainer;

/**
 * Times a gradient trainer on consecutive batches (the one home of the training-throughput workloads): 2 warm-up
 * batches, then {@code batches} batches in a row; reports samples per second, process CPU seconds per sample (load
 * from other processes inflates it less than the wall time) and, with 1 thread, the calling thread's exact CPU
 * time per sample.
 */
final class TrainThroughput {
    private static final int WARM = 2;

    private TrainThroughput() {
    }

    /** Training samples the measurement reads. */
    static int samplesNeeded(int batch, int batches) {
        return (batches + WARM) * batch;
    }

    /**
     * Runs the measurement.
     *
     * @param workload the workload name
     * @param tr       the trainer (its network, loss and optimiser)
     * @param train    at least {@link #samplesNeeded} samples
     * @param batch    samples per batch (at most the trainer's)
     * @param batches  timed batches
     * @param threads  the trainer's threads
     * @return the result line, to which the caller may add fields
     */
    static Json measure(String workload, Trainer tr, NmnistSamples train, int batch, int batches, int threads) {
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int b = 0; b < WARM; b++) {
            tr.trainBatch(train, order, (b * batch) % (order.length - batch + 1), batch, 0);
        }
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long thread0 = mx.getCurrentThreadCpuTime();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        int samples = 0;
        for (int b = 0; b < batches; b++) {
            int from = ((WARM + b) * batch) % (order.length - batch + 1);
            tr.trainBatch(train, order, from, batch, 0);
            samples += batch;
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        double threadCpu = (mx.getCurrentThreadCpuTime() - thread0) / 1e9;
        return new Json(workload, "samples_per_s", samples / wall, "1/s", threads, wall)
                .put("seconds_per_epoch_1000", 1000 * wall / samples)
                .put("cpu_s_per_sample", cpu / samples)
                .put("cpu_s_per_epoch_1000", 1000 * cpu / samples)
                .put("samples", samples)
                .put("caller_thread_cpu_s_per_sample", threadCpu / samples)
                .put("batch", batch)
                .put("steps", tr.network().steps())
                .put("mean_input_spikes", train.meanSpikes())
                .put("load_average", os.getSystemLoadAverage())
                .put("statistic", batches + " batches in a row after " + WARM + " warm-up batches");
    }
}
