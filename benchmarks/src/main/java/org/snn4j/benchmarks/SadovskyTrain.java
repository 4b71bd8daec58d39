package org.snn4j.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.snn4j.cli.Options;
import org.snn4j.encoding.dataset.NmnistDataset;
import org.snn4j.examples.gradient.NmnistSamples;
import org.snn4j.examples.gradient.SadovskyNmnist;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.gradient.Trainer;

/**
 * Training throughput of the networks of Sadovsky et al. as the {@code sadovsky-nmnist} example builds them, at
 * the example's default time step, batch 8, Adam, cross-entropy on the output counts: samples per second of forward +
 * backward + update on the real recordings of {@code examples/data/nmnist-small} (the same input statistics as the
 * emulated digits the example trains on). Timing as {@code slayer_mlp_train} ({@code --batches N}, default 20,
 * quick 2).
 * <ul>
 *   <li>{@code sadovsky_cnn_train}: their Table I CNN ({@link SadovskyNmnist#cnn}: 32c5 - avg pool - batch norm -
 *       SRM - 16c3 - avg pool - batch norm - SRM - FC 250 - FC 100 - 10, dropout), 30 steps of 10 ms;</li>
 *   <li>{@code sadovsky_mlp_train}: their MLP ({@link SadovskyNmnist#mlp}: 2312-2000-1500-1000-500-100-10 SRM),
 *       15 steps of 20 ms.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/snn4j-benchmarks.jar sadovsky_cnn_train|sadovsky_mlp_train
 * [--threads N] [--batches N]}.
 */
final class SadovskyTrain implements Workload {
    /** The CNN workload. */
    static final SadovskyTrain CNN = new SadovskyTrain(SadovskyNmnist.Net.CNN);
    /** The MLP workload. */
    static final SadovskyTrain MLP = new SadovskyTrain(SadovskyNmnist.Net.MLP);

    private final SadovskyNmnist.Net net;

    private SadovskyTrain(SadovskyNmnist.Net net) {
        this.net = net;
    }

    private String workload() {
        return "sadovsky_" + net.name().toLowerCase(Locale.ROOT) + "_train";
    }

    @Override
    public String description() {
        return net == SadovskyNmnist.Net.CNN
                ? "Sadovsky et al. spiking CNN training (Table I with batch norm, 30 x 10 ms, batch 8): samples/s"
                : "Sadovsky et al. spiking MLP training (2312-2000-1500-1000-500-100-10, 15 x 20 ms, batch 8): "
                + "samples/s";
    }

    @Override
    public void run(Bench.Settings settings, PrintStream out) throws Exception {
        boolean quick = settings.quick();
        int threads = settings.threads() != null ? settings.threads() : 2;
        int batches = Options.orDefault(settings.batches(), quick, 2, 20);
        Path data = settings.dataFolder("nmnist-small");
        int batch = 8;
        int dtMs = net == SadovskyNmnist.Net.CNN ? SadovskyNmnist.CNN_DT_MS : SadovskyNmnist.MLP_DT_MS;
        int steps = SadovskyNmnist.SAMPLE_MS / dtMs;
        NmnistSamples train = NmnistSamples.load(data, NmnistDataset.Split.TRAIN,
                NmnistDataset.Binning.over(SadovskyNmnist.SAMPLE_MS, steps), TrainThroughput.samplesNeeded(batch,
                        batches));
        SpikingNetwork network = SadovskyNmnist.network(net, steps, dtMs, 1);
        try (Trainer tr = SadovskyNmnist.trainer(net, network, batch, 30, threads, 1)) {
            out.println(TrainThroughput.measure(workload(), tr, train, batch, batches, threads).put("dt_ms", dtMs));
        }
    }
}
