package org.snn4j.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The examples jar's entry point:
 * <pre>  java -jar examples/target/snn4j-examples.jar [NAME] [args...]</pre>
 * With no argument it runs the flagship example ({@link #DEFAULT}, Mozafari et al. 2019); with {@code --help} it lists
 * the examples with a one-line description. {@code NAME} is an
 * example's short name (for example {@code lif-current-step}) or its class name ({@code Ex01_LifCurrentStep});
 * the remaining arguments go to that example ({@code --quick} runs a small version).
 *
 * <p>To add an example: write a class with a {@code main(String[])} and add one line to {@link #EXAMPLES}
 * (a plain list; no reflection or classpath scanning).
 */
public final class Launcher {
    private Launcher() {
    }

    /** An example's main method. */
    @FunctionalInterface
    public interface Main {
        /** Runs the example with {@code args}. */
        void run(String[] args) throws Exception;
    }

    /**
     * One listed example.
     *
     * @param name        short name used on the command line
     * @param className   the class name (also accepted on the command line)
     * @param description one line saying what it shows
     * @param main        its main method
     */
    public record Example(String name, String className, String description, Main main) {
        /** Checks non-null fields. */
        public Example {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(main, "main");
        }
    }

    /** Every example, in the order listed by {@code --help}. Add yours here. */
    public static final List<Example> EXAMPLES = List.of(new Example[] {
            new Example("mozafari2019", "Mozafari2019",
                    "Mozafari et al. 2019 deep conv SNN (STDP + R-STDP) on MNIST; the default example",
                    org.snn4j.examples.papers.Mozafari2019::main),
            new Example("lif-current-step", "Ex01_LifCurrentStep",
                    "LIF f-I curve: simulated firing rates vs the analytic formula", Ex01_LifCurrentStep::main),
            new Example("izhikevich-patterns", "Ex02_IzhikevichPatterns",
                    "Izhikevich 2003 cell types: spike counts, first spikes and intervals", Ex02_IzhikevichPatterns::main),
            new Example("poisson-encoding", "Ex03_PoissonEncoding",
                    "Poisson rate code of an MNIST digit: expected vs measured counts, raster PNG", Ex03_PoissonEncoding::main),
            new Example("dog-rank-order", "Ex04_DogRankOrder",
                    "Mozafari input pipeline: DoG maps and the rank-order latency code, as PNGs", Ex04_DogRankOrder::main),
            new Example("dense-stdp", "Ex05_DenseStdp",
                    "dense layer + trace STDP + winner-take-all learns 4 Poisson patterns; weights PNG", Ex05_DenseStdp::main),
            new Example("conv-stdp-kwta", "Ex06_ConvStdpKwta",
                    "conv layer + pointwise inhibition + k-WTA + binary STDP on MNIST; kernels PNG", Ex06_ConvStdpKwta::main),
            new Example("rstdp-readout", "Ex07_RStdpReadout",
                    "spiking readout trained by reward-modulated STDP; accuracy curve and confusion PNGs", Ex07_RStdpReadout::main),
            new Example("aer-stream", "Ex08_AerStream",
                    "event-camera files (N-MNIST .bin, AEDAT 4.0): statistics, filters, frames as PNG", Ex08_AerStream::main),
            new Example("custom-neuron", "Ex09_CustomNeuron",
                    "your own neuron model: a quadratic IF class vs its analytic f-I curve", Ex09_CustomNeuron::main),
            new Example("custom-rule", "Ex10_CustomRule",
                    "a user-written learning rule (competitive instar Hebbian) plugged into a network",
                    Ex10_CustomRule::main),
            new Example("nmnist-emulator", "Ex11_NmnistEmulator",
                    "MNIST digits -> N-MNIST-like event streams vs the 1,100 real recordings: statistics, side-by-side PNG",
                    Ex11_NmnistEmulator::main),
            new Example("nir", "Ex12_NirExchange",
                    "NIR export / import: a network written as a NIR (HDF5) file, read back, identical spikes; --file imports one",
                    Ex12_NirExchange::main),
            new Example("ann-to-snn", "Ex13_AnnToSnn",
                    "ANN-to-SNN conversion on mnist10k: a CNN trained by the gradient trainer, converted to IF neurons;"
                            + " accuracy vs steps, synaptic events, images/s; curve PNG",
                    Ex13_AnnToSnn::main),
            new Example("vision-demo", "VisionDemo",
                    "event-driven vision demo: a neuron learns a motif hidden in noise / a moving shape; pruning speed-up",
                    org.snn4j.examples.vision.VisionDemo::main),
            new Example("vision-viewer", "VisionViewer",
                    "live Swing viewer of the vision network learning (headless: PNG files)",
                    org.snn4j.examples.vision.VisionViewer::main),
            new Example("diehl-cook-2015", "DiehlCook2015",
                    "Diehl & Cook 2015 unsupervised STDP on mnist10k: accuracy, receptive fields and confusion PNGs",
                    org.snn4j.examples.papers.DiehlCook2015::main),
            new Example("slayer-nmnist-mlp", "SlayerNmnistMlp",
                    "slayerPytorch's N-MNIST MLP (2312-512-10 SRM, spike-count loss, Adam) trained by surrogate gradients",
                    org.snn4j.examples.gradient.SlayerNmnistMlp::main),
            new Example("recurrent-row-digits", "RecurrentRowDigits",
                    "BPTT through a recurrent spiking layer: MNIST digits fed one row per step, answer from memory",
                    org.snn4j.examples.gradient.RecurrentRowDigits::main),
    });

    /** The example run when no name is given: the flagship, Mozafari et al. 2019. */
    public static final String DEFAULT = "mozafari2019";

    /**
     * Runs the example named by {@code args[0]}; with no argument (or only options) runs {@link #DEFAULT};
     * {@code --help} prints the list.
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.out.println("running the default example, " + DEFAULT
                    + " (java -jar snn4j-examples.jar --help lists all examples)");
            find(DEFAULT).main().run(args);
            return;
        }
        if (args[0].equals("--help") || args[0].equals("-h")) {
            printList(System.out);
            return;
        }
        if (args[0].startsWith("--")) {
            // options without a name go to the default example
            find(DEFAULT).main().run(args);
            return;
        }
        Example e = find(args[0]);
        if (e == null) {
            System.err.println("unknown example: " + args[0]);
            printList(System.err);
            System.exit(2);
            return;
        }
        e.main().run(Arrays.copyOfRange(args, 1, args.length));
    }

    /** The example with this short or class name (case-insensitive), or null. */
    public static Example find(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < EXAMPLES.size(); i++) {
            Example e = EXAMPLES.get(i);
            if (e.name().toLowerCase(Locale.ROOT).equals(n) || e.className().toLowerCase(Locale.ROOT).equals(n)) {
                return e;
            }
        }
        return null;
    }

    private static void printList(PrintStream out) {
        out.println("usage: java -jar snn4j-examples.jar [NAME] [--quick] [args...]   (no NAME: " + DEFAULT + ")");
        out.println();
        out.println("examples:");
        for (int i = 0; i < EXAMPLES.size(); i++) {
            Example e = EXAMPLES.get(i);
            out.printf(Locale.ROOT, "  %-24s %-28s %s%n", e.name(), e.className(), e.description());
        }
    }

    /** Whether {@code args} contains {@code flag}. */
    static boolean has(String[] args, String flag) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(flag)) {
                return true;
            }
        }
        return false;
    }
}
