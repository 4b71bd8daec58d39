package org.snn4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.cli.Ranges;
import org.snn4j.encoding.aer.EventBinning;
import org.snn4j.encoding.aer.PolarityMode;
import org.snn4j.encoding.dataset.NmnistDataset;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;
import org.snn4j.neuron.ResetMode;
import org.snn4j.neuron.ThresholdComparison;
import org.snn4j.neuron.BiasCurrent;
import org.snn4j.nir.NirArray;
import org.snn4j.nir.NirExport;
import org.snn4j.nir.NirFile;
import org.snn4j.nir.NirGraph;
import org.snn4j.nir.NirImport;
import org.snn4j.nir.NirNode;
import org.snn4j.nir.NirOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * <pre>
 * Ex12: exchanging networks with other simulators and chips through NIR, the neuromorphic intermediate
 * representation (HDF5 files that snnTorch, Norse, Sinabs, Rockpool, Lava-DL, SpikingJelly and Speck / Xylo /
 * Loihi 2 / SpiNNaker 2 toolchains read and write).
 *
 * What it shows: a convolutional network (2x16x16 input -> conv 3x3 with LIF neurons -> dense with IF neurons
 * -> dense with LIF neurons and a bias current) exported with NirExport and written with NirFile; the file read
 * back, its nodes listed, imported with NirImport; both networks run on the same random Poisson-like inputs
 * and their spikes compared (they are identical). With --file it imports any NIR file instead and runs it on
 * random input.
 *
 * Run:  java -jar examples/target/snn4j-examples.jar nir [--quick] [--out DIR]
 *       java -jar examples/target/snn4j-examples.jar nir --file model.nir [--seconds] [--dt MS]
 *   --seconds  the file's time constants are in seconds (snnTorch, Norse); default ms
 *   --dt MS    the time step (default 1 ms)
 * Prints: the NIR nodes (name, type, parameter shapes), spikes per layer of both networks, whether they are
 * identical, the file size.
 * </pre>
 */
@Command(name = "nir")
public final class Ex12_NirExchange implements Cli.Command {

    /** The example network: conv (Lif) -> dense (PerfectIf) -> dense (Lif with a bias current). */
    static Network network(float dtMs) {
        Shape in = new Shape(2, 16, 16);
        LifParameters lif = new LifParameters(10f, 0f, 0f, 1f, 1f, 0f, ResetMode.TO_VALUE);
        Conv2dLayer conv = Conv2dLayer.builder("conv", in, 8, 3, 3).padding(1)
                .weights(WeightInit.uniform(-0.1f, 0.4f, 1)).neurons(new Lif(lif)).build();
        DenseLayer hidden = DenseLayer.builder("hidden", conv.outputShape(), 32)
                .weights(WeightInit.uniform(-0.01f, 0.03f, 2))
                .neurons(new PerfectIf(PerfectIfParameters.of(1f).withComparison(ThresholdComparison.GREATER)))
                .build();
        float[] bias = new float[10];
        Arrays.fill(bias, 0.05f);
        DenseLayer out = DenseLayer.builder("out", hidden.outputShape(), 10).weights(WeightInit.uniform(0f, 0.3f, 3))
                .neurons(new BiasCurrent(new Lif(lif.withTauMs(20f)), bias)).build();
        return Network.builder(in, dtMs).add(conv).add(hidden).add(out).build();
    }

    static EventSource randomInput(int size, int steps, double p, SplittableRandom r) {
        int[] st = new int[size * steps];
        int[] ix = new int[size * steps];
        int n = 0;
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < size; i++) {
                if (r.nextDouble() < p) {
                    st[n] = t;
                    ix[n++] = i;
                }
            }
        }
        return EventSource.of(steps, size, Arrays.copyOf(st, n), Arrays.copyOf(ix, n));
    }

    /** Runs {@code inputs} random inputs; returns every layer's spikes as "layer presentation step neuron" lines. */
    static String run(Network net, int inputs, long seed, long[] spikesPerLayer) {
        Simulation sim = net.newSimulation(seed);
        SpikeRaster[] r = new SpikeRaster[net.layerCount()];
        for (int i = 0; i < r.length; i++) {
            r[i] = sim.recordSpikes(net.layer(i).name());
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int k = 0; k < inputs; k++) {
            sim.present(randomInput(net.inputShape().size(), 50, 0.05, rng));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.length; i++) {
            spikesPerLayer[i] = r[i].count();
            for (int k = 0; k < r[i].count(); k++) {
                sb.append(i).append(' ').append(r[i].presentation(k)).append(' ').append(r[i].step(k)).append(' ')
                        .append(r[i].neuron(k)).append('\n');
            }
        }
        return sb.toString();
    }

    static void printNodes(NirGraph g) {
        System.out.println("NIR " + g.version() + ", " + g.nodes().size() + " nodes, " + g.edges().size() + " edges:");
        // in graph order: the Input node, then along the edges (HDF5 lists a group's members by name)
        java.util.List<NirNode> order = new java.util.ArrayList<>();
        for (NirNode n : g.nodes()) {
            if (n.type() == org.snn4j.nir.NirType.INPUT) {
                order.add(n);
            }
        }
        for (int k = 0; k < order.size(); k++) {
            for (NirGraph.Edge e : g.edges()) {
                if (e.from().equals(order.get(k).name()) && !order.contains(g.node(e.to()))) {
                    order.add(g.node(e.to()));
                }
            }
        }
        for (NirNode n : g.nodes()) {
            if (!order.contains(n)) {
                order.add(n);
            }
        }
        for (NirNode n : order) {
            StringBuilder p = new StringBuilder();
            for (Map.Entry<String, NirArray> e : n.params().entrySet()) {
                p.append(' ').append(e.getKey()).append(Arrays.toString(e.getValue().shape()));
            }
            System.out.printf(Locale.ROOT, "  %-16s %-10s%s%n", n.name(), n.type().fileName(), p);
        }
    }

    @Option(names = "--quick", description = "3 random inputs instead of 20")
    boolean quick;

    @Option(names = "--seconds", description = "the file's time constants are in seconds (snnTorch, Norse); default ms")
    boolean seconds;

    @Option(names = "--dt", paramLabel = "MS", converter = Ranges.PositiveFloat.class,
            description = "time step in ms (default ${DEFAULT-VALUE})")
    float dt = 1f;

    @Option(names = "--file", paramLabel = "FILE", converter = Options.InputFile.class,
            description = "import this NIR file instead of exporting and "
            + "re-importing the example network")
    Path file;

    @Option(names = "--nmnist", paramLabel = "DIR", description = "with --file: classify the N-MNIST recordings of"
            + " DIR (e.g. examples/data/nmnist-small, test split) in 1 ms steps, class = most output spikes")
    Path nmnist;

    @Option(names = "--train-split", description = "with --nmnist: the training recordings instead of the test ones")
    boolean trainSplit;

    @Mixin
    Options.Out out;

    /** A command-line instance; picocli sets the options. */
    public Ex12_NirExchange() {
    }

    /** Runs the example from the command line; {@code --help} lists the options. */
    public static void main(String[] args) {
        Launcher.main("nir", args);
    }

    /**
     * Runs the example with the parsed options.
     *
     * @throws IOException if the file cannot be written or read
     */
    @Override
    public void run(PrintStream console) throws IOException {
        NirOptions options = seconds ? NirOptions.seconds(dt) : NirOptions.ofDtMs(dt);
        int inputs = quick ? 3 : 20;
        if (file != null) {
            NirGraph g = NirFile.read(file);
            printNodes(g);
            Network net = NirImport.toNetwork(g, options);
            System.out.println("imported: " + net);
            if (nmnist != null) {
                classifyNmnist(net, nmnist, trainSplit);
                return;
            }
            long[] spikes = new long[net.layerCount()];
            run(net, inputs, 11, spikes);
            System.out.println("spikes per layer on " + inputs + " random inputs: " + Arrays.toString(spikes));
            return;
        }
        Network net = network(dt);
        Files.createDirectories(out.dir());
        exchange(net, out.dir().resolve("snn4j-net.nir"), options, inputs);
    }

    /**
     * Classifies the N-MNIST recordings of {@code dir} with {@code net} (input {@code 2 x 34 x 34}, polarity as
     * channel, 0 = OFF): events binned into 1 ms steps, several events of one pixel in one step count once, the
     * class is the output neuron with the most spikes (ties: the lowest). Prints accuracy, synaptic events per
     * recording and recordings per CPU second (one thread).
     */
    static double classifyNmnist(Network net, Path dir, boolean train) throws IOException {
        NmnistDataset d = NmnistDataset.load(dir, train ? NmnistDataset.Split.TRAIN : NmnistDataset.Split.TEST);
        Simulation sim = net.newSimulation(1);
        org.snn4j.layer.Layer last = net.layer(net.layerCount() - 1);
        SpikeRaster raster = sim.recordSpikes(last.name());
        int classes = last.outputShape().size();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = 0;
        int correct = 0;
        for (int i = 0; i < d.size(); i++) {
            EventSource src = EventBinning.toSpikeSource(d.sample(i).events(), 1000, PolarityMode.SPLIT);
            int from = raster.count();
            long c0 = mx.getCurrentThreadCpuTime();
            sim.present(src);
            cpu += mx.getCurrentThreadCpuTime() - c0;
            int[] counts = new int[classes];
            for (int k = from; k < raster.count(); k++) {
                counts[raster.neuron(k)]++;
            }
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (counts[j] > counts[best]) {
                    best = j;
                }
            }
            correct += best == d.label(i) ? 1 : 0;
        }
        double acc = 100.0 * correct / d.size();
        System.out.printf(Locale.ROOT, "N-MNIST %s: %d / %d correct (%.2f %%), %.2f M synaptic events per recording,"
                        + " %.1f recordings/CPU-s (load %.1f)%n", train ? "train" : "test", correct, d.size(), acc,
                sim.totalSynapticEvents() / 1e6 / d.size(), d.size() / (cpu / 1e9),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return acc;
    }

    private static void exchange(Network net, Path f, NirOptions options, int inputs) throws IOException {
        NirFile.write(NirExport.toGraph(net, options), f);
        System.out.println("wrote " + f + " (" + Files.size(f) + " bytes)");
        NirGraph g = NirFile.read(f);
        printNodes(g);
        Network back = NirImport.toNetwork(g, options);
        long[] a = new long[net.layerCount()];
        long[] b = new long[net.layerCount()];
        String sa = run(net, inputs, 11, a);
        String sb = run(back, inputs, 11, b);
        System.out.println("spikes per layer, original: " + Arrays.toString(a) + ", imported: " + Arrays.toString(b));
        System.out.println("identical spikes: " + sa.equals(sb));
        if (!sa.equals(sb)) {
            throw new IllegalStateException("the imported network spiked differently");
        }
    }
}
