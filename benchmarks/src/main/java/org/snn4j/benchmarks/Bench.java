package org.snn4j.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.cli.Ranges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The benchmarks jar's entry point:
 * <pre>  java -jar benchmarks/target/snn4j-benchmarks.jar [WORKLOAD...] [--quick] [--seed N] [--threads N] [--data DIR]</pre>
 * With no workload it lists them. Each workload prints one JSON object per line (DESIGN.md section 4), with the JDK
 * and the kernels that ran. Parsing, help, version and errors are {@link Cli}'s (a usage error or an unknown
 * workload: one line, exit 2). To add a workload, implement {@link Workload} and add one line to
 * {@link #WORKLOADS} (a plain map; no reflection).
 */
@Command(name = "snn4j-benchmarks", sortOptions = false,
        description = "End-to-end workloads of snn4j; each prints one JSON object per line. No WORKLOAD: list them.")
public final class Bench implements Cli.Command {
    /** Every workload by name, in listing order. Add yours here. */
    public static final Map<String, Workload> WORKLOADS = workloads();

    @Parameters(paramLabel = "WORKLOAD", arity = "0..*", description = "workloads to run, in order")
    List<String> names = new ArrayList<>();

    @Option(names = "--quick", description = "a short smoke run of each workload")
    boolean quick;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the seeded workloads (default: each one's own)")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "threads of the workloads that take it (poisson_syn, cuba, coba: a partitioned "
                    + "PopulationLayer; aer_aedat4: packets decoded in parallel, default 1; slayer_mlp_train, sadovsky_cnn_train, sadovsky_mlp_train: default 2)")
    Integer threads;

    @Option(names = "--batches", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "slayer_mlp_train: timed batches (default 40, quick 3); sadovsky_cnn_train, "
                    + "sadovsky_mlp_train: (default 20, quick 2)")
    Integer batches;

    @Option(names = "--data", paramLabel = "DIR", converter = Options.DataFolder.class,
            description = "folder with mnist10k/, events/ and nmnist-small/ "
            + "(default: the shipped examples/data, looked for from the working directory upwards and next to the jar)")
    Path data;

    /** A command-line instance; picocli sets the options. */
    public Bench() {
    }

    private static Map<String, Workload> workloads() {
        Map<String, Workload> m = new LinkedHashMap<>();
        m.put("poisson_syn", new PoissonSyn());
        m.put("cuba", Brette2007.CUBA);
        m.put("coba", Brette2007.COBA);
        m.put("encode_mnist", new EncodingBench());
        m.put("conv_layer", new ConvLayerBench());
        m.put("early_stop", new EarlyStopBench());
        m.put("mozafari_phases", new MozafariPhases());
        m.put("frozen_dense", new FrozenDenseBench());
        m.put("vision_pruning", new VisionPruningBench());
        m.put("vision_row_adds", new VisionRowAdds());
        m.put("aer_nmnist", AerBench.NMNIST);
        m.put("aer_aedat4", AerBench.AEDAT4);
        m.put("kernel_loop", new KernelLoopBench());
        m.put("slayer_mlp_train", new SlayerMlpTrain());
        m.put("sadovsky_cnn_train", SadovskyTrain.CNN);
        m.put("sadovsky_mlp_train", SadovskyTrain.MLP);
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * What every workload gets from the command line.
     *
     * @param quick   a short smoke run
     * @param seed    the {@code --seed} given, or null for the workload's own default
     * @param threads the {@code --threads} given, or null
     * @param batches the {@code --batches} given, or null
     * @param data    the {@code --data} folder given, or null for the shipped {@code examples/data}
     */
    public record Settings(boolean quick, Long seed, Integer threads, Integer batches, Path data) {
        /** The settings of a run without options. */
        public static Settings defaults() {
            return new Settings(false, null, null, null, null);
        }

        /** {@code --quick} only. */
        public static Settings quickRun() {
            return new Settings(true, null, null, null, null);
        }

        /** {@code --seed}, else {@code def}. */
        public long seedOr(long def) {
            return seed != null ? seed : def;
        }

        /** The folder {@code name} under {@code --data} (default {@code examples/data}), located by {@link Options#find}. */
        public Path dataFolder(String name) {
            return Options.find(data != null ? data.resolve(name) : Path.of("examples", "data", name));
        }
    }

    /** Runs the named workloads (or lists them); exits 2 with one line on a usage error. */
    public static void main(String[] args) {
        Cli.main(new Bench(), args);
    }

    @Override
    public void run(PrintStream out) throws Exception {
        if (names.isEmpty()) {
            out.println("usage: java -jar snn4j-benchmarks.jar WORKLOAD... [--quick] [--seed N] [--threads N] [--data DIR]"
                    + "  (--help)");
            out.println();
            out.println("workloads:");
            for (Map.Entry<String, Workload> e : WORKLOADS.entrySet()) {
                out.printf(Locale.ROOT, "  %-16s %s%n", e.getKey(), e.getValue().description());
            }
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            if (!WORKLOADS.containsKey(names.get(i))) {
                throw new IllegalArgumentException(Cli.unknown("workload", names.get(i), WORKLOADS.keySet()));
            }
        }
        Settings s = new Settings(quick, seed, threads, batches, data);
        for (int i = 0; i < names.size(); i++) {
            WORKLOADS.get(names.get(i)).run(s, out);
        }
    }
}
