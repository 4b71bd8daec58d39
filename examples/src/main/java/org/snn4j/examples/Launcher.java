package org.snn4j.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.snn4j.cli.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The examples jar's entry point:
 * <pre>  java -jar examples/target/snn4j-examples.jar [NAME] [options...]</pre>
 * With no argument (or only options) it runs the flagship example ({@link #DEFAULT}, Mozafari et al. 2019); with
 * {@code --help} it lists the examples with a one-line description. {@code NAME} is an example's short name (for
 * example {@code lif-current-step}) or its class name ({@code Ex01_LifCurrentStep}), in any case; the options go to
 * that example ({@code NAME --help} lists them, {@code --quick} runs a small version). Parsing, help, version and
 * errors are {@link Cli}'s: a usage error prints one line and exits 2; so does an input file or folder named on the
 * command line that does not exist or cannot be read (checked while parsing, before any work); a damaged file found
 * while running prints one line and exits 1. Every example writes its files into {@code --out DIR}, default
 * {@code results/NAME} under the working directory.
 *
 * <p>To add an example: write a picocli-annotated class implementing {@link Cli.Command} with a public no-argument
 * constructor and add one line to {@link #EXAMPLES} (a plain list; no classpath scanning).
 */
@Command(name = "snn4j-examples", description = "Runnable examples and paper networks of snn4j.",
        footer = {"", "java -jar snn4j-examples.jar NAME --help lists an example's options; with no NAME the default "
                + "example, " + Launcher.DEFAULT + ", runs."})
public final class Launcher {
    private Launcher() {
    }

    /**
     * One listed example.
     *
     * @param name        short name used on the command line
     * @param className   the class name (also accepted on the command line)
     * @param description one line saying what it shows
     * @param command     makes a fresh command object of the example
     */
    public record Example(String name, String className, String description, Supplier<Cli.Command> command) {
        /** Checks non-null fields. */
        public Example {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(command, "command");
        }
    }

/** Every example, in the order listed by {@code --help}. Add yours here. */
    public static final List<Example> EXAMPLES = List.of(new Example[] {
            new Example("mozafari2019", "Mozafari2019",
                    "Mozafari et al. 2019 deep conv SNN (STDP + R-STDP) on MNIST; the default example",
                    org.snn4j.examples.papers.Mozafari2019Options.Command::new),
            new Example("lif-current-step", "Ex01_LifCurrentStep",
                    "LIF f-I curve: simulated firing rates vs the analytic formula; table as CSV", Ex01_LifCurrentStep::new),
            new Example("izhikevich-patterns", "Ex02_IzhikevichPatterns",
                    "the seven Izhikevich 2003 cell types: spike counts, first spike, intervals; table as CSV", Ex02_IzhikevichPatterns::new),
            new Example("poisson-encoding", "Ex03_PoissonEncoding",
                    "Poisson rate code of an MNIST digit: expected vs measured counts; digit and raster PNGs", Ex03_PoissonEncoding::new),
            new Example("dog-rank-order", "Ex04_DogRankOrder",
                    "Mozafari input pipeline: DoG maps and the rank-order latency code, as PNGs", Ex04_DogRankOrder::new),
            new Example("dense-stdp", "Ex05_DenseStdp",
                    "dense layer + trace STDP + winner-take-all learns 4 Poisson patterns; weights and membrane PNGs", Ex05_DenseStdp::new),
            new Example("conv-stdp-kwta", "Ex06_ConvStdpKwta",
                    "conv layer + pointwise inhibition + k-WTA + binary STDP on MNIST; kernels before/after PNGs", Ex06_ConvStdpKwta::new),
            new Example("rstdp-readout", "Ex07_RStdpReadout",
                    "spiking readout of 4 synthetic classes trained by reward-modulated STDP; accuracy and confusion PNGs", Ex07_RStdpReadout::new),
            new Example("aer-stream", "Ex08_AerStream",
                    "event-camera files (N-MNIST .bin, AEDAT 4.0): statistics, filters, frames as PNG", Ex08_AerStream::new),
            new Example("custom-neuron", "Ex09_CustomNeuron",
                    "your own neuron model: a quadratic IF class vs its analytic f-I curve; table as CSV", Ex09_CustomNeuron::new),
            new Example("custom-rule", "Ex10_CustomRule",
                    "a user-written learning rule (competitive instar Hebbian) plugged into a network; winners as CSV",
                    Ex10_CustomRule::new),
            new Example("nmnist-emulator", "Ex11_NmnistEmulator",
                    "MNIST digits -> N-MNIST-like event streams vs the 1,100 real recordings: statistics JSON, two PNGs",
                    Ex11_NmnistEmulator::new),
            new Example("nir", "Ex12_NirExchange",
                    "NIR export / import: a network written as a NIR (HDF5) file, read back, identical spikes; --file imports one",
                    Ex12_NirExchange::new),
            new Example("ann-to-snn", "Ex13_AnnToSnn",
                    "ANN-to-SNN conversion on mnist10k: a CNN trained by the gradient trainer, converted to IF neurons;"
                            + " accuracy vs steps, synaptic events, images/s; curve PNG",
                    Ex13_AnnToSnn::new),
            new Example("vision-demo", "VisionDemo",
                    "event-driven vision demo: a neuron learns a motif hidden in noise / a moving shape; pruning speed-up",
                    org.snn4j.examples.vision.VisionDemo::new),
            new Example("vision-viewer", "VisionViewer",
                    "live Swing viewer of the vision network learning (headless: PNG files)",
                    org.snn4j.examples.vision.VisionViewer::new),
            new Example("diehl-cook-2015", "DiehlCook2015",
                    "Diehl & Cook 2015 unsupervised STDP on mnist10k: accuracy, receptive fields and confusion PNGs",
                    org.snn4j.examples.papers.DiehlCook2015.Command::new),
            new Example("slayer-nmnist-mlp", "SlayerNmnistMlp",
                    "slayerPytorch's N-MNIST MLP (2312-512-10 SRM, spike-count loss, Adam) trained by surrogate gradients",
                    org.snn4j.examples.gradient.SlayerNmnistMlp::new),
            new Example("sadovsky-nmnist", "SadovskyNmnist",
                    "Sadovsky et al.'s spiking MLP or CNN (batch norm) on emulated N-MNIST digits, also tested on real recordings",
                    org.snn4j.examples.gradient.SadovskyNmnist::new),
            new Example("recurrent-row-digits", "RecurrentRowDigits",
                    "BPTT through a recurrent spiking layer: MNIST digits fed one row per step; per-epoch CSV",
                    org.snn4j.examples.gradient.RecurrentRowDigits::new),
    });

    /** The example run when no name is given: the flagship, Mozafari et al. 2019. */
    public static final String DEFAULT = "mozafari2019";

    /** Runs the example named by {@code args[0]} (see the class description) and exits with its code if not 0. */
    public static void main(String[] args) {
        Cli.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the example {@code name} with {@code args}, as {@code java -jar snn4j-examples.jar name args...} does
     * (each example's own {@code main} calls this), and exits with its code if not 0.
     */
    public static void main(String name, String[] args) {
        Cli.exit(run(prepend(name, args), System.out, System.err));
    }

    /**
     * Runs the command line {@code args} and returns the exit code ({@link Cli#OK}, {@link Cli#USAGE} for a usage
     * error, {@link Cli#FAILED} for an unreadable or damaged file); never exits the JVM.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String[] a = args;
        if (args.length == 0) {
            out.println("running the default example, " + DEFAULT
                    + " (java -jar snn4j-examples.jar --help lists all examples)");
            a = new String[] {DEFAULT};
        } else if (args[0].startsWith("-") && !isHelpOrVersion(args[0])) {
            a = prepend(DEFAULT, args);
        }
        return Cli.run(commandLine(), a, out, err);
    }

    private static boolean isHelpOrVersion(String a) {
        return a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V");
    }

    private static String[] prepend(String first, String[] rest) {
        String[] a = new String[rest.length + 1];
        a[0] = first;
        System.arraycopy(rest, 0, a, 1, rest.length);
        return a;
    }

    /** The launcher's command line: every example a subcommand under its name and class name. */
    static CommandLine commandLine() {
        CommandLine cl = Cli.commandLine(new Launcher());
        for (int i = 0; i < EXAMPLES.size(); i++) {
            Example e = EXAMPLES.get(i);
            // an alias that differs only in case would replace the name in the list (names are case-insensitive)
            String[] aliases = e.className().equalsIgnoreCase(e.name()) ? new String[0] : new String[] {e.className()};
            CommandLine sub = Cli.addSubcommand(cl, e.name(), e.command().get(), aliases);
            sub.getCommandSpec().usageMessage().description(e.description());
        }
        return cl;
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
}
