package org.snn4j.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import org.snn4j.cli.Options;
import org.snn4j.encoding.dataset.NmnistDataset;
import org.snn4j.examples.gradient.NmnistSamples;
import org.snn4j.examples.gradient.SadovskyNmnist;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.gradient.Trainer;

/**
 * Training throughput of the spiking CNN of Sadovsky et al.'s Table I as the {@code sadovsky-nmnist} example
 * builds it ({@link SadovskyNmnist#cnn}: 32c5 - avg pool - batch norm - SRM - 16c3 - avg pool - batch norm - SRM -
 * FC 250 - FC 100 - 10, dropout; 30 steps of 10 ms, batch 8, Adam): samples per second of forward + backward +
 * update on the real recordings of {@code examples/data/nmnist-small} (the same input statistics as the emulated
 * digits the example trains on). Timing as {@code slayer_mlp_train} ({@code --batches N}, default 20, quick 2).
 *
 * <p>Run: {@code java -jar benchmarks/target/snn4j-benchmarks.jar sadovsky_cnn_train [--threads N] [--batches N]}.
 */
final class SadovskyCnnTrain implements Workload {

    @Override
    public String description() {
        return "Sadovsky et al. spiking CNN training (Table I with batch norm, 30 x 10 ms, batch 8): samples/s";
    }

    @Override
    public void run(Bench.Settings settings, PrintStream out) throws Exception {
        boolean quick = settings.quick();
        int threads = settings.threads() != null ? settings.threads() : 2;
        int batches = Options.orDefault(settings.batches(), quick, 2, 20);
        Path data = settings.dataFolder("nmnist-small");
        int batch = 8;
        int dtMs = SadovskyNmnist.CNN_DT_MS;
        int steps = SadovskyNmnist.SAMPLE_MS / dtMs;
        NmnistSamples train = NmnistSamples.load(data, NmnistDataset.Split.TRAIN,
                NmnistDataset.Binning.over(SadovskyNmnist.SAMPLE_MS, steps), TrainThroughput.samplesNeeded(batch,
                        batches));
        SpikingNetwork net = SadovskyNmnist.cnn(steps, dtMs, 1);
        try (Trainer tr = SadovskyNmnist.trainer(SadovskyNmnist.Net.CNN, net, batch, 30, threads, 1)) {
            out.println(TrainThroughput.measure("sadovsky_cnn_train", tr, train, batch, batches, threads)
                    .put("dt_ms", dtMs));
        }
    }
}
