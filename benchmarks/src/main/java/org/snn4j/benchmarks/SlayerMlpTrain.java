package org.snn4j.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import org.snn4j.cli.Options;
import org.snn4j.encoding.dataset.NmnistDataset;
import org.snn4j.examples.gradient.NmnistSamples;
import org.snn4j.examples.gradient.SlayerNmnistMlp;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.gradient.Trainer;

/**
 * Training throughput of slayerPytorch's N-MNIST MLP example (2312-512-10 SRM, 1 ms steps over 300 ms, batch 12,
 * Adam): samples per second of forward + backward + update on the real recordings of
 * {@code examples/data/nmnist-small} (or {@code nmnist-small/} under {@code --data DIR}), the network of
 * {@link SlayerNmnistMlp#network(long)}. After 2 warm-up batches it times {@code --batches N} (default 40, quick 3)
 * batches in a row and reports the wall-clock rate, the process CPU seconds per sample (which load from other
 * processes does not inflate as much as the wall time; with {@code --threads 1} all training runs on the calling
 * thread, whose exact CPU time is {@code caller_thread_cpu_s_per_sample}) and the seconds a 1,000-sample epoch
 * would take.
 *
 * <p>Run: {@code java -jar benchmarks/target/snn4j-benchmarks.jar slayer_mlp_train [--threads N] [--batches N]
 * [--data DIR] [--quick]}. The dense PyTorch re-statement to compare with, in the same sitting:
 * {@code python3 ../shared/tools/peers/slayer_mlp_torch.py --data examples/data/nmnist-small --threads 2
 * --batches 6}.
 */
final class SlayerMlpTrain implements Workload {

    @Override
    public String description() {
        return "SLAYER N-MNIST MLP training (2312-512-10 SRM, 300 x 1 ms, batch 12): samples/s";
    }

    @Override
    public void run(Bench.Settings settings, PrintStream out) throws Exception {
        boolean quick = settings.quick();
        int threads = settings.threads() != null ? settings.threads() : 2;
        int batches = Options.orDefault(settings.batches(), quick, 3, 40);
        Path data = settings.dataFolder("nmnist-small");
        int batch = 12; // the batch of the PyTorch peer (slayer_mlp_torch.py); the example now uses 8
        NmnistSamples train = NmnistSamples.load(data, NmnistDataset.Split.TRAIN, NmnistDataset.Binning.slayer(),
                TrainThroughput.samplesNeeded(batch, batches));
        SpikingNetwork net = SlayerNmnistMlp.network(1);
        try (Trainer tr = SlayerNmnistMlp.trainer(net, threads, 1, batch, false)) {
            out.println(TrainThroughput.measure("slayer_mlp_train", tr, train, batch, batches, threads));
        }
    }
}
