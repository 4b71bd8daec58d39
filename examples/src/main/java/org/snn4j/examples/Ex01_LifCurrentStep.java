package org.snn4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import org.snn4j.CurrentSource;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.cli.Ranges;
import org.snn4j.layer.CurrentLayer;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.ResetMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * <pre>
 * Ex01: the f-I curve of a leaky integrate-and-fire neuron.
 *
 * What it shows: a population of LIF neurons (tau 20 ms, rest 0 mV, threshold 20 mV, reset 0 mV, refractory
 * 2 ms, R = 1), each driven through the engine by a different constant current (a CurrentLayer), for 1 s of
 * simulated time at dt = 0.1 ms. The simulated rate is compared with the analytic rate
 *   f = 1 / (t_ref + tau ln(RI / (RI - theta)))  for RI &gt; theta, 0 otherwise
 * (Gerstner et al., Neuronal Dynamics, ch. 1). Exact exponential stepping puts each threshold crossing on the
 * next step, so the simulated interval is up to one dt longer than the analytic one.
 *
 * Run:  java -jar examples/target/snn4j-examples.jar lif-current-step [--quick] [--dt MS] [--out DIR]
 * Prints: one row per current: RI (mV), analytic rate (Hz), spikes in 1 s, simulated rate (Hz), difference.
 * Writes: the same table as f-i-curve.csv in --out (default results/lif-current-step).
 * With RI = 22, 30 and 40 mV the analytic rates are 20.017, 41.715 and 63.040 Hz (FORMATS-AND-ORACLES 3b).
 * </pre>
 */
@Command(name = "lif-current-step")
public final class Ex01_LifCurrentStep implements Cli.Command {
    @Option(names = "--quick", description = "simulate 200 ms and four currents")
    boolean quick;

    @Option(names = "--dt", paramLabel = "MS", converter = Ranges.PositiveFloat.class,
            description = "time step in ms (default ${DEFAULT-VALUE})")
    float dt = 0.1f;

    @Mixin
    Options.Out output;

    /** A command-line instance; picocli sets the options. */
    public Ex01_LifCurrentStep() {
    }

    /** Analytic LIF rate in Hz for drive {@code ri} (mV), tau 20 ms, threshold 20 mV, refractory 2 ms. */
    static double analyticHz(double ri) {
        return ri <= 20.0 ? 0.0 : 1000.0 / (2.0 + 20.0 * Math.log(ri / (ri - 20.0)));
    }

    /** Runs the example from the command line; {@code --help} lists the options. */
    public static void main(String[] args) {
        Launcher.main("lif-current-step", args);
    }

    /** Runs the example with the parsed options, printing to {@code out}. */
    @Override
    public void run(PrintStream out) throws IOException {
        float durationMs = quick ? 200f : 1000f;
        float[] ri = quick ? new float[] {10f, 22f, 30f, 40f}
                : new float[] {10f, 19f, 20.5f, 22f, 25f, 30f, 35f, 40f, 50f, 60f, 80f, 100f};
        Shape shape = Shape.flat(ri.length);
        LifParameters p = new LifParameters(20f, 0f, 0f, 20f, 1f, 2f, ResetMode.TO_VALUE);
        Network net = Network.builder(shape, dt)
                .add(new CurrentLayer("lif", shape, new Lif(p), CurrentSource.constant(ri)))
                .build();
        Simulation sim = net.newSimulation(1);
        SpikeRaster raster = sim.recordSpikes("lif");
        int steps = Math.round(durationMs / dt);
        sim.present(EventSource.of(steps, ri.length, new int[0], new int[0]));
        int[] counts = raster.countsPerNeuron(ri.length);

        out.printf(Locale.ROOT, "LIF f-I curve: %s, dt %.3g ms, %.0f ms%n", p, dt, durationMs);
        out.printf(Locale.ROOT, "%8s %12s %8s %12s %8s%n", "RI (mV)", "analytic Hz", "spikes", "sim. Hz",
                "diff Hz");
        StringBuilder csv = new StringBuilder("ri_mV,analytic_hz,spikes,simulated_hz,diff_hz\n");
        for (int i = 0; i < ri.length; i++) {
            double f = analyticHz(ri[i]);
            double sim1 = counts[i] * 1000.0 / durationMs;
            out.printf(Locale.ROOT, "%8.1f %12.3f %8d %12.3f %8.3f%n", ri[i], f, counts[i], sim1, sim1 - f);
            csv.append(String.format(Locale.ROOT, "%.1f,%.3f,%d,%.3f,%.3f%n", ri[i], f, counts[i], sim1, sim1 - f));
        }
        out.println("table written to " + output.write("f-i-curve.csv", csv.toString()));
    }
}
