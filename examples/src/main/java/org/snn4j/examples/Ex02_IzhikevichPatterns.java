package org.snn4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import org.snn4j.CurrentSource;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.layer.CurrentLayer;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.Izhikevich;
import org.snn4j.neuron.IzhikevichIntegrator;
import org.snn4j.neuron.IzhikevichParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * <pre>
 * Ex02: the seven cell types of Izhikevich (2003), DOI 10.1109/TNN.2003.820440.
 *
 * What it shows: one Izhikevich neuron per preset (RS, IB, CH, FS, LTS, TC, RZ), v0 = -65 mV, u0 = b v0,
 * driven through the engine by a constant I = 10 from t = 0 for 1000 ms, forward Euler with u from the new
 * v at dt = 0.25 ms (the scheme pinned in FORMATS-AND-ORACLES 3a). Regular spiking adapts (intervals grow),
 * intrinsically bursting fires a burst then single spikes, chattering fires repeated bursts, fast spiking
 * fires fast without adaptation.
 *
 * The "double" column is the count of the same scheme computed in double precision (the oracle). This model
 * is in float; at dt = 0.25 LTS, RZ and FS are sensitive to rounding and differ by one or two spikes.
 *
 * Run:  java -jar examples/target/snn4j-examples.jar izhikevich-patterns [--quick] [--half-steps] [--out DIR]
 * Prints: per preset: a, b, c, d, the spike count, the double-precision count, the first spike (ms) and the
 * first three inter-spike intervals (ms); writes the table with every spike time as izhikevich-patterns.csv
 * in --out (default results/izhikevich-patterns).
 * </pre>
 */
@Command(name = "izhikevich-patterns")
public final class Ex02_IzhikevichPatterns implements Cli.Command {
    @Option(names = "--quick", description = "simulate 200 ms instead of 1000 ms")
    boolean quick;

    @Option(names = "--half-steps", description = "use the 2003 paper's two half-steps scheme instead of forward Euler")
    boolean halfSteps;

    @Mixin
    Options.Out output;

    /** A command-line instance; picocli sets the options. */
    public Ex02_IzhikevichPatterns() {
    }

    /** Runs the example from the command line; {@code --help} lists the options. */
    public static void main(String[] args) {
        Launcher.main("izhikevich-patterns", args);
    }

    /** Runs the example with the parsed options, printing to {@code out}. */
    @Override
    public void run(PrintStream out) throws IOException {
        IzhikevichIntegrator scheme = halfSteps
                ? IzhikevichIntegrator.TWO_HALF_STEPS : IzhikevichIntegrator.EULER;
        String[] names = {"RS", "IB", "CH", "FS", "LTS", "TC", "RZ"};
        IzhikevichParameters[] presets = {
            IzhikevichParameters.regularSpiking(), IzhikevichParameters.intrinsicallyBursting(),
            IzhikevichParameters.chattering(), IzhikevichParameters.fastSpiking(),
            IzhikevichParameters.lowThresholdSpiking(), IzhikevichParameters.thalamoCortical(),
            IzhikevichParameters.resonator()};
        int[] doubleCounts = {23, 33, 75, 111, 70, 214, 152};
        float dt = 0.25f;
        float durationMs = quick ? 200f : 1000f;
        int steps = Math.round(durationMs / dt);
        out.printf(Locale.ROOT, "Izhikevich presets, I = 10, dt %.2f ms, %.0f ms, %s%n", dt, durationMs, scheme);
        out.printf(Locale.ROOT, "%-4s %6s %6s %6s %6s %7s %7s %9s  %s%n", "type", "a", "b", "c", "d",
                "spikes", "double", "first ms", "first ISIs (ms)");
        StringBuilder csv = new StringBuilder("type,a,b,c,d,spikes,double_spikes,spike_times_ms\n");
        for (int k = 0; k < presets.length; k++) {
            IzhikevichParameters p = presets[k];
            Shape one = Shape.flat(1);
            Network net = Network.builder(one, dt)
                    .add(new CurrentLayer(names[k], one, new Izhikevich(p, scheme), CurrentSource.constant(1, 10f)))
                    .build();
            Simulation sim = net.newSimulation(1);
            SpikeRaster raster = sim.recordSpikes(names[k]);
            sim.present(EventSource.of(steps, 1, new int[0], new int[0]));
            int[] sp = raster.spikeSteps(0);
            StringBuilder isis = new StringBuilder();
            for (int i = 1; i < Math.min(4, sp.length); i++) {
                isis.append(String.format(Locale.ROOT, "%.2f ", (sp[i] - sp[i - 1]) * dt));
            }
            String ref = quick || scheme != IzhikevichIntegrator.EULER ? "-" : Integer.toString(doubleCounts[k]);
            out.printf(Locale.ROOT, "%-4s %6.2f %6.2f %6.0f %6.2f %7d %7s %9s  %s%n", names[k], p.a(), p.b(),
                    p.c(), p.d(), sp.length, ref,
                    sp.length == 0 ? "-" : String.format(Locale.ROOT, "%.2f", sp[0] * dt), isis.toString().trim());
            csv.append(String.format(Locale.ROOT, "%s,%.2f,%.2f,%.0f,%.2f,%d,%s,", names[k], p.a(), p.b(), p.c(),
                    p.d(), sp.length, "-".equals(ref) ? "" : ref));
            for (int i = 0; i < sp.length; i++) {
                csv.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", sp[i] * dt));
            }
            csv.append('\n');
        }
        out.println("table written to " + output.write("izhikevich-patterns.csv", csv.toString()));
    }
}
