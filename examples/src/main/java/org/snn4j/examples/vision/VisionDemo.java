package org.snn4j.examples.vision;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.swing.ImageIcon;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.snn4j.EventSource;
import org.snn4j.cli.Cli;
import org.snn4j.encoding.FeatureMaps;
import org.snn4j.cli.Options;
import org.snn4j.cli.Ranges;
import org.snn4j.examples.Launcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The event-driven vision demo's experiments (issue 6, part 1), with pictures and a results JSON.
 *
 * <pre>
 *   java -jar examples/target/snn4j-examples.jar vision-demo --experiment motif --neurons 8 --frames 500
 *   java -jar examples/target/snn4j-examples.jar vision-demo --experiment moving --quick --headless --out /tmp/v
 * </pre>
 * Options: {@code --experiment motif|moving} (default motif), {@code --neurons N} (8), {@code --frames N}
 * (motif: training frames, 500, quick 150; moving: frames per position, 50, quick 20), {@code --seed S}
 * (42; frames and weights), {@code --every K} (a dashboard PNG every K training frames, 100),
 * {@code --out DIR} (results/vision-demo), {@code --headless} (no window; automatic without a display),
 * {@code --quick} (small and headless).
 *
 * <p><b>motif</b>: noise frames, every 5th frame a fixed 48x48 noise motif pasted into fresh noise; after
 * training, 100 (quick 30) fresh motif and noise frames each are presented with learning off, and the
 * output winning most motif frames is reported with its motif and noise rates and threshold. Then pruning
 * (weights &lt;= 0.05, and &lt;= 0.3 (the initial range, so untrained outputs drop out), dropped, CSR) and quantisation (weights &gt;= 0.95 set to 1) are measured on the same test
 * frames: stored synapses, synaptic events and inference frames/s before and after, and the fraction of
 * frames with the same winner.
 * <b>moving</b>: a square at A then at B; reports which outputs answer A and B.
 *
 * <p>Writes {@code OUT/dashboard-NNNNNN.png} during training, {@code OUT/final.png},
 * {@code OUT/receptive-fields.png} and {@code OUT/results.json}.
 */
@Command(name = "vision-demo")
public final class VisionDemo implements Cli.Command {
    @Option(names = "--experiment", paramLabel = "NAME",
            description = "motif (a motif hidden in noise; the default) or moving (a shape that moves)")
    Experiment experiment = Experiment.MOTIF;

    @Option(names = "--neurons", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "output neurons (default ${DEFAULT-VALUE})")
    int neurons = 8;

    @Option(names = "--frames", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "motif: training frames (default 500, quick 150); moving: frames per position (50, quick 20)")
    Integer frames;

    @Option(names = "--seed", paramLabel = "S", description = "seed of frames and weights (default ${DEFAULT-VALUE})")
    long seed = 42L;

    @Option(names = "--every", paramLabel = "K", converter = Ranges.AtLeastOne.class,
            description = "a dashboard PNG every K training frames (default 100, quick 50)")
    Integer every;

    @Option(names = "--headless", description = "no window (automatic without a display)")
    boolean headless;

    @Option(names = "--quick", description = "a small run, headless")
    boolean quick;

    @Mixin
    Options.Out out;

    /** A command-line instance; picocli sets the options. */
    public VisionDemo() {
    }

    /** Which experiment to run. */
    public enum Experiment {
        /** Repeating motif in noise. */
        MOTIF,
        /** A shape moving to a new place. */
        MOVING
    }

    /** The JDK and kernels as JSON members, for the results file. */
    private static String runtimeJson() {
        return String.format(Locale.ROOT, "\"jdk\":\"%s\",\"kernels\":\"%s\",\"kernelLanes\":%d", Cli.jdk(),
                Cli.kernels(), Cli.kernelLanes());
    }

    /** Runs the demo from the command line; {@code --help} lists the options. */
    public static void main(String[] args) {
        Launcher.main("vision-demo", args);
    }

    /**
     * Parses {@code args} and runs the demo, printing to {@code System.out}; returns the results JSON it wrote.
     *
     * @throws IllegalArgumentException on a bad option, naming it
     */
    public static String run(String... args) {
        return Cli.parse(new VisionDemo(), args).execute(System.out);
    }

    @Override
    public void run(PrintStream console) {
        execute(console);
    }

    /** Runs the demo with the parsed options and returns the results JSON it wrote. */
    String execute(PrintStream console) {
        boolean noWindow = headless || quick || GraphicsEnvironment.isHeadless();
        Experiment exp = experiment;
        int every = this.every != null ? this.every : quick ? 50 : 100;
        Path out = this.out.dir();
        console.println("vision demo, experiment " + exp.name().toLowerCase(Locale.ROOT) + ", " + neurons + " outputs, seed "
                + seed + "; " + Cli.runtime());
        VisionParameters p = VisionParameters.defaults(neurons).withSeed(seed);
        VisionExperiments.FrameListener pictures = (net, f, img, w) -> {
            if ((f + 1) % every == 0) {
                VisionPictures.writePng(VisionPictures.dashboard(net, net.encoder().contrast(img), w,
                        exp.name().toLowerCase(Locale.ROOT) + " training frame " + (f + 1) + "   winner " + w),
                        out.resolve(String.format(Locale.ROOT, "dashboard-%06d.png", f + 1)));
            }
        };
        String json;
        VisionNetwork net;
        FeatureMaps shown;
        String shownName;
        int trainFrames;
        if (exp == Experiment.MOTIF) {
            int frames = this.frames != null ? this.frames : quick ? 150 : 500;
            int tests = quick ? 30 : 100;
            VisionExperiments.MotifResult r = VisionExperiments.motif(p, frames, 5, 48, tests, seed, pictures);
            net = r.network();
            trainFrames = frames;
            shown = net.encoder().contrast(SyntheticFrames.withMotif(r.motif(), 48, new SplittableRandom(seed + 1)));
            shownName = "a fresh motif frame";
            console.printf(Locale.ROOT, "motif: %d outputs, %d training frames (%.0f frames per CPU second, incl. encoding)%n",
                    neurons, frames, r.trainFramesPerSecond());
            console.printf(Locale.ROOT, "motif neuron %d: fires on %.0f %% of motif frames, %.0f %% of noise frames;"
                    + " threshold %.0f mV (base %.0f mV)%n", r.motifNeuron(), 100 * r.motifRate(), 100 * r.noiseRate(),
                    r.motifThreshold(), r.baseThreshold());
            SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
            List<EventSource> test = new ArrayList<>();
            for (int k = 0; k < tests; k++) {
                test.add(net.encoder().encode(SyntheticFrames.withMotif(r.motif(), 48, rng)));
                test.add(net.encoder().encode(SyntheticFrames.noise(rng)));
            }
            StringBuilder prJson = new StringBuilder("[");
            float[] prune = {0.05f, 0.3f};
            for (int k = 0; k < prune.length; k++) {
                VisionExperiments.PruningResult pr = VisionExperiments.pruning(net, test, prune[k], 0.95f, quick ? 2 : 5);
                console.printf(Locale.ROOT, "pruning (w <= %.2f dropped, w >= 0.95 -> 1): synapses %d -> %d,"
                        + " events/frame %.0f -> %.0f, inference %.0f -> %.0f frames/s (x%.2f, network only,"
                        + " pre-encoded), same winner on %.1f %% of %d frames%n", prune[k], pr.synapsesBefore(),
                        pr.synapsesAfter(), pr.eventsPerFrameBefore(), pr.eventsPerFrameAfter(),
                        pr.framesPerSecondBefore(), pr.framesPerSecondAfter(), pr.speedUp(), 100 * pr.agreement(),
                        test.size());
                prJson.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"pruneBelow\":%.2f,"
                        + "\"quantiseAbove\":0.95,\"synapsesBefore\":%d,\"synapsesAfter\":%d,"
                        + "\"eventsPerFrameBefore\":%.1f,\"eventsPerFrameAfter\":%.1f,\"framesPerSecondBefore\":%.1f,"
                        + "\"framesPerSecondAfter\":%.1f,\"speedUp\":%.3f,\"agreement\":%.4f}", prune[k],
                        pr.synapsesBefore(), pr.synapsesAfter(), pr.eventsPerFrameBefore(), pr.eventsPerFrameAfter(),
                        pr.framesPerSecondBefore(), pr.framesPerSecondAfter(), pr.speedUp(), pr.agreement()));
            }
            prJson.append(']');
            json = String.format(Locale.ROOT, "{\"experiment\":\"motif\",%s,\"neurons\":%d,\"trainFrames\":%d,\"seed\":%d,"
                    + "\"motifNeuron\":%d,\"motifRate\":%.4f,\"noiseRate\":%.4f,\"motifThresholdMv\":%.1f,"
                    + "\"baseThresholdMv\":%.1f,\"trainFramesPerSecond\":%.1f,\"pruning\":%s}",
                    runtimeJson(), neurons, frames, seed, r.motifNeuron(), r.motifRate(), r.noiseRate(), r.motifThreshold(),
                    r.baseThreshold(), r.trainFramesPerSecond(), prJson);
        } else {
            int frames = this.frames != null ? this.frames : quick ? 20 : 50;
            VisionExperiments.MovingResult r = VisionExperiments.moving(p, frames, 20f, seed, pictures);
            net = r.network();
            trainFrames = 2 * frames;
            shown = net.encoder().contrast(SyntheticFrames.shape(SyntheticFrames.ShapeKind.SQUARE, VisionExperiments.BX,
                    VisionExperiments.BY, 8f, 20f, new SplittableRandom(seed + 1)));
            shownName = "the square at B";
            console.printf(Locale.ROOT, "moving: %d outputs, %d frames at A then %d at B; output for A: %d, for B: %d"
                    + " (%s)%n", neurons, frames, frames, r.neuronA(), r.neuronB(),
                    r.neuronA() >= 0 && r.neuronB() >= 0 && r.neuronA() != r.neuronB() ? "a new neuron learned B"
                            : "B not separated");
            json = String.format(Locale.ROOT, "{\"experiment\":\"moving\",%s,\"neurons\":%d,\"framesPerPosition\":%d,"
                    + "\"seed\":%d,\"neuronA\":%d,\"neuronB\":%d,\"thresholdA\":%.1f,\"thresholdB\":%.1f}", runtimeJson(), neurons, frames,
                    seed, r.neuronA(), r.neuronB(), r.neuronA() < 0 ? Float.NaN : net.threshold(r.neuronA()),
                    r.neuronB() < 0 ? Float.NaN : net.threshold(r.neuronB()));
        }
        // the final picture: the trained outputs, and on the left an example input with the output it wakes
        int answer = net.present(shown, false);
        var fin = VisionPictures.dashboard(net, shown, answer, String.format(Locale.ROOT, "%s: after %d training "
                + "frames; input: %s, answered by output %s", exp.name().toLowerCase(Locale.ROOT), trainFrames, shownName,
                answer < 0 ? "none" : Integer.toString(answer)));
        VisionPictures.writePng(fin, out.resolve("final.png"));
        VisionPictures.writePng(VisionPictures.receptiveFieldGrid(net), out.resolve("receptive-fields.png"));
        try {
            Files.writeString(out.resolve("results.json"), json + "\n", StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + out.resolve("results.json") + ": " + ex.getMessage(), ex);
        }
        console.println(json);
        console.println("pictures and results.json in " + out.toAbsolutePath());
        if (!noWindow) {
            SwingUtilities.invokeLater(() -> {
                JFrame w = new JFrame("snn4j vision demo: " + exp.name().toLowerCase(Locale.ROOT));
                w.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
                w.add(new JLabel(new ImageIcon(fin)));
                w.pack();
                w.setVisible(true);
            });
        }
        return json;
    }
}
