package org.snn4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.snn4j.CurrentSource;
import org.snn4j.EventSource;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;
import org.snn4j.layer.CurrentLayer;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.NeuronModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * <pre>
 * Ex09: your own neuron model, a quadratic integrate-and-fire (QIF) neuron, in one short class.
 *
 * What it shows: a NeuronModel written outside the library (QuadraticIf below: a parameter record checked in
 * its compact constructor, one static StateVar, a clock-driven step over the raw arrays) plugged into a
 * network like any built-in model. Each neuron gets a different constant current (a CurrentLayer); the
 * simulated firing rate is compared with the analytic rate of the QIF neuron,
 *   tau dv/dt = a (v - vRest)(v - vCrit) + RI,   v &gt;= vPeak: v &lt;- vReset
 * With x = v - (vRest + vCrit)/2, g = (vCrit - vRest)/2 and J = RI - a g^2 &gt; 0 (above rheobase) the time
 * from reset to peak is
 *   T = tau / sqrt(a J) * [atan(xPeak sqrt(a/J)) - atan(xReset sqrt(a/J))]
 * (Latham et al. 2000, DOI 10.1152/jn.2000.83.2.808; Izhikevich, Dynamical Systems in Neuroscience, ch. 8).
 * With Euler steps of 0.01 ms, each neuron's spike count in 1 s is the analytic rate rounded down (it starts
 * at rest, not at reset, so it could gain at most one spike).
 *
 * Run:  java -jar examples/target/snn4j-examples.jar custom-neuron [--quick] [--out DIR]
 * Prints: one row per current: RI (mV), analytic rate (Hz), spikes, simulated rate (Hz), relative difference.
 * The guide page docs/extending.md walks through this class; docs' QuadraticIfContractTest runs the
 * NeuronModelContract against it.
 * </pre>
 */
@Command(name = "custom-neuron")
public final class Ex09_CustomNeuron implements Cli.Command {
    @Option(names = "--quick", description = "simulate 200 ms and three currents")
    boolean quick;

    @Mixin
    Options.Out output;

    /** A command-line instance; picocli sets the options. */
    public Ex09_CustomNeuron() {
    }

    // tag::qif[]
    /**
     * Quadratic integrate-and-fire neuron, clock-driven (Euler):
     * {@code tau dv/dt = a (v - vRest)(v - vCrit) + RI}; fires when {@code v >= vPeak + thresholdOffset},
     * then {@code v = vReset}. {@code v} in mV, time in ms, the current is {@code R I} in mV.
     * Immutable; thread-safe.
     */
    public static final class QuadraticIf implements NeuronModel, Persistent {
        /** Membrane potential, mV. */
        public static final StateVar V = new StateVar("v", "mV");

        /** Saves and restores the model in a network file: pass it to {@code NetworkFile.read}. */
        public static final Codec<QuadraticIf> CODEC = Codec.of("example.QuadraticIf", QuadraticIf.class,
                (m, out) -> out.putFloat("tauMs", m.p.tauMs()).putFloat("vRestMv", m.p.vRestMv())
                        .putFloat("vCritMv", m.p.vCritMv()).putFloat("aPerMv", m.p.aPerMv())
                        .putFloat("vPeakMv", m.p.vPeakMv()).putFloat("vResetMv", m.p.vResetMv()),
                in -> new QuadraticIf(new Parameters(in.getFloat("tauMs"), in.getFloat("vRestMv"),
                        in.getFloat("vCritMv"), in.getFloat("aPerMv"), in.getFloat("vPeakMv"), in.getFloat("vResetMv"))));

        @Override
        public Codec<?> codec() {
            return CODEC;
        }

        /**
         * QIF parameters.
         *
         * @param tauMs     membrane time constant, ms, &gt; 0
         * @param vRestMv   stable rest potential, mV
         * @param vCritMv   unstable critical potential, mV, &gt; vRestMv
         * @param aPerMv    curvature, 1/mV, &gt; 0
         * @param vPeakMv   spike cut-off, mV, &gt; vCritMv
         * @param vResetMv  reset potential, mV, &lt; vPeakMv
         */
        public record Parameters(float tauMs, float vRestMv, float vCritMv, float aPerMv, float vPeakMv,
                                 float vResetMv) {
            /** Checks every field; messages name the field, the value and what was expected. */
            public Parameters {
                if (!(tauMs > 0f) || !Float.isFinite(tauMs)) {
                    throw new IllegalArgumentException("tauMs must be finite and > 0, got " + tauMs);
                }
                if (!(vCritMv > vRestMv)) {
                    throw new IllegalArgumentException("vCritMv must be > vRestMv (" + vRestMv + "), got " + vCritMv);
                }
                if (!(aPerMv > 0f) || !Float.isFinite(aPerMv)) {
                    throw new IllegalArgumentException("aPerMv must be finite and > 0, got " + aPerMv);
                }
                if (!(vPeakMv > vCritMv) || !Float.isFinite(vPeakMv)) {
                    throw new IllegalArgumentException("vPeakMv must be finite and > vCritMv (" + vCritMv
                            + "), got " + vPeakMv);
                }
                if (!(vResetMv < vPeakMv)) {
                    throw new IllegalArgumentException("vResetMv must be < vPeakMv (" + vPeakMv + "), got " + vResetMv);
                }
            }

            /** tau 10 ms, rest -65 mV, critical -50 mV, a 0.2/mV, peak 0 mV, reset -70 mV. */
            public static Parameters defaults() {
                return new Parameters(10f, -65f, -50f, 0.2f, 0f, -70f);
            }
        }

        private final Parameters p;

        /** A QIF model with parameters {@code p}. */
        public QuadraticIf(Parameters p) {
            this.p = java.util.Objects.requireNonNull(p, "p");
        }

        /** The parameters. */
        public Parameters parameters() {
            return p;
        }

        @Override
        public List<StateVar> stateVariables() {
            return List.of(V);
        }

        /** Sets {@code v = vRest}. */
        @Override
        public void initialise(NeuronState s) {
            Arrays.fill(s.get(V), p.vRestMv());
        }

        /**
         * One Euler step of every neuron, then the synaptic jump, then the threshold test.
         *
         * @param s       modified: {@code v}, {@code lastSpikeStep}, {@code lastUpdateStep}
         * @param input   synaptic jumps, mV; not modified
         * @param current {@code R I}, mV, or null for none; not modified
         * @param out     modified: neurons that fire are added
         */
        @Override
        public void step(NeuronState s, float[] input, float[] current, float dtMs, int t, Spikes out) {
            final float[] v = s.get(V);
            final float[] off = s.thresholdOffset();
            final int[] lastSpike = s.lastSpikeStep();
            final int[] lastUpdate = s.lastUpdateStep();
            final float k = dtMs / p.tauMs();
            final int n = s.size();
            for (int i = 0; i < n; i++) {
                float vi = v[i];
                float ri = current == null ? 0f : current[i];
                vi += k * (p.aPerMv() * (vi - p.vRestMv()) * (vi - p.vCritMv()) + ri) + input[i];
                if (vi >= p.vPeakMv() + off[i]) {
                    vi = p.vResetMv();
                    lastSpike[i] = t;
                    out.add(i);
                }
                v[i] = vi;
                lastUpdate[i] = t;
            }
        }

        @Override
        public String toString() {
            return "QuadraticIf" + p;
        }
    }
    // end::qif[]

    /** The analytic QIF firing rate in Hz for drive {@code ri} (mV), or 0 at or below rheobase. */
    static double analyticHz(QuadraticIf.Parameters p, double ri) {
        double mid = 0.5 * (p.vRestMv() + p.vCritMv());
        double g = 0.5 * (p.vCritMv() - p.vRestMv());
        double a = p.aPerMv();
        double j = ri - a * g * g;
        if (j <= 0) {
            return 0.0;
        }
        double s = Math.sqrt(a / j);
        double periodMs = p.tauMs() / Math.sqrt(a * j)
                * (Math.atan((p.vPeakMv() - mid) * s) - Math.atan((p.vResetMv() - mid) * s));
        return 1000.0 / periodMs;
    }

    /** Runs the example from the command line; {@code --help} lists the options. */
    public static void main(String[] args) {
        Launcher.main("custom-neuron", args);
    }

    /** Runs the example with the parsed options, printing to {@code out}. */
    @Override
    public void run(PrintStream out) throws IOException {
        float dt = 0.01f;
        float durationMs = quick ? 200f : 1000f;
        float[] ri = quick ? new float[] {5f, 20f, 40f} : new float[] {5f, 11f, 12f, 15f, 20f, 30f, 40f, 60f};
        QuadraticIf.Parameters p = QuadraticIf.Parameters.defaults();

        // tag::plug[]
        Shape shape = Shape.flat(ri.length);
        Network net = Network.builder(shape, dt)
                .add(new CurrentLayer("qif", shape, new QuadraticIf(p), CurrentSource.constant(ri)))
                .build();
        Simulation sim = net.newSimulation(9);
        SpikeRaster raster = sim.recordSpikes("qif");
        int steps = Math.round(durationMs / dt);
        sim.present(EventSource.of(steps, ri.length, new int[0], new int[0]));
        int[] counts = raster.countsPerNeuron(ri.length);
        // end::plug[]

        out.printf(Locale.ROOT, "QIF f-I curve: %s, dt %.3g ms, %.0f ms%n", p, dt, durationMs);
        out.printf(Locale.ROOT, "%8s %12s %8s %12s %9s%n", "RI (mV)", "analytic Hz", "spikes", "sim. Hz",
                "rel. diff");
        StringBuilder csv = new StringBuilder("ri_mV,analytic_hz,spikes,simulated_hz,relative_diff\n");
        for (int i = 0; i < ri.length; i++) {
            double f = analyticHz(p, ri[i]);
            double simHz = counts[i] * 1000.0 / durationMs;
            double rel = f == 0 ? 0 : (simHz - f) / f;
            out.printf(Locale.ROOT, "%8.1f %12.3f %8d %12.3f %9.4f%n", ri[i], f, counts[i], simHz, rel);
            csv.append(String.format(Locale.ROOT, "%.1f,%.3f,%d,%.3f,%.4f%n", ri[i], f, counts[i], simHz, rel));
        }
        out.println("table written to " + output.write("qif-f-i-curve.csv", csv.toString()));
    }
}
