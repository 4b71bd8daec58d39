package org.snn4j.examples.vision;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.swing.ImageIcon;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.cli.Ranges;
import org.snn4j.encoding.FeatureMaps;
import org.snn4j.encoding.FloatImage;
import org.snn4j.examples.Launcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Live viewer of the vision network learning (Swing, JDK only). Shows, after every frame: the ON/OFF
 * contrast maps of the input, which output fired, every output's receptive field and the thresholds
 * ({@link VisionPictures#dashboard}).
 *
 * <pre>
 *   java -jar examples/target/snn4j-examples.jar vision-viewer \
 *        [--images DIR] [--neurons 16] [--frames 0 (endless)] [--seed 42] [--every 25] [--delay-ms 20]
 *        [--headless] [--out DIR] [--quick]
 * </pre>
 * Frames come from a folder of images ({@code --images DIR}) or the built-in stream of moving shapes.
 * With {@code --headless} (automatic when {@link GraphicsEnvironment#isHeadless()}), no window is opened:
 * the same picture is written as {@code OUT/viewer-NNNNNN.png} every {@code --every} frames (and after
 * the last one), so it runs on a server; {@code --frames} then defaults to 200. {@code --quick}: 40 frames,
 * 8 outputs, headless. Default output folder: {@code results/vision-viewer}.
 */
@Command(name = "vision-viewer")
public final class VisionViewer implements Cli.Command {
    @Option(names = "--images", paramLabel = "DIR", converter = org.snn4j.cli.Options.InputFolder.class,
            description = "a folder of images to learn from (default: moving shapes)")
    Path images;

    @Option(names = "--neurons", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "output neurons (default 16, quick 8)")
    Integer neurons;

    @Option(names = "--frames", paramLabel = "N", converter = Ranges.AtLeastZero.class,
            description = "frames to learn from; 0: endless, window only (default: 0 in a window, 200 headless, 40 quick)")
    Integer frames;

    @Option(names = "--seed", paramLabel = "S",
            description = "seed of the shapes and weights (default ${DEFAULT-VALUE})")
    long seed = 42L;

    @Option(names = "--every", paramLabel = "K", converter = Ranges.AtLeastOne.class,
            description = "headless: a dashboard PNG every K frames (default 25, quick 20)")
    Integer every;

    @Option(names = "--delay-ms", paramLabel = "MS", converter = Ranges.AtLeastZero.class,
            description = "window: pause between frames (default ${DEFAULT-VALUE})")
    int delayMs = 20;

    @Option(names = "--headless", description = "no window: write PNG files (automatic without a display)")
    boolean headless;

    @Option(names = "--quick", description = "40 frames, 8 outputs, headless")
    boolean quick;

    @Mixin
    Options.Out out;

    /** A command-line instance; picocli sets the options. */
    public VisionViewer() {
    }

    /** Runs the viewer from the command line; {@code --help} lists the options. */
    public static void main(String[] args) {
        Launcher.main("vision-viewer", args);
    }

    /** Runs the viewer with the parsed options. */
    @Override
    public void run(PrintStream console) throws Exception {
        boolean noWindow = headless || quick || GraphicsEnvironment.isHeadless();
        int neurons = this.neurons != null ? this.neurons : quick ? 8 : 16;
        int frames = this.frames != null ? this.frames : noWindow ? (quick ? 40 : 200) : 0;
        int every = this.every != null ? this.every : quick ? 20 : 25;
        FrameStream stream = images != null ? FrameStream.folder(images)
                : FrameStream.movingShapes(quick ? 10 : 40, seed);
        VisionNetwork net = new VisionNetwork(VisionParameters.defaults(neurons).withSeed(seed));
        if (noWindow) {
            runHeadless(net, stream, frames, every, out.dir());
        } else {
            runWindow(net, stream, frames, delayMs);
        }
    }

    /**
     * Learns from {@code frames} frames of {@code stream}, writing the dashboard every {@code every} frames
     * and after the last one.
     *
     * @return the number of PNG files written
     */
    static int runHeadless(VisionNetwork net, FrameStream stream, int frames, int every, Path out) {
        if (frames < 1) {
            throw new IllegalArgumentException("--frames must be >= 1 in headless mode, got " + frames);
        }
        int written = 0;
        for (int f = 1; f <= frames; f++) {
            FloatImage img = stream.next();
            FeatureMaps maps = net.encoder().contrast(img);
            int w = net.present(maps, true);
            if (f % every == 0 || f == frames) {
                BufferedImage pic = VisionPictures.dashboard(net, maps, w, title(net, f, w));
                VisionPictures.writePng(pic, out.resolve(String.format(Locale.ROOT, "viewer-%06d.png", f)));
                written++;
            }
        }
        System.out.println("wrote " + written + " PNG files to " + out.toAbsolutePath());
        return written;
    }

    private static String title(VisionNetwork net, int frame, int winner) {
        return "frame " + frame + "   winner " + (winner < 0 ? "none" : Integer.toString(winner))
                + "   synaptic events " + net.synapticEvents();
    }

    private static void runWindow(VisionNetwork net, FrameStream stream, int frames, int delayMs) throws Exception {
        JLabel label = new JLabel();
        AtomicBoolean open = new AtomicBoolean(true);
        SwingUtilities.invokeAndWait(() -> {
            JFrame window = new JFrame("snn4j vision demo");
            window.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
            window.addWindowListener(new java.awt.event.WindowAdapter() {
                @Override
                public void windowClosed(java.awt.event.WindowEvent e) {
                    open.set(false);
                }
            });
            label.setIcon(new ImageIcon(VisionPictures.dashboard(net, null, -1, "starting")));
            window.add(label);
            window.pack();
            window.setLocationByPlatform(true);
            window.setVisible(true);
        });
        for (int f = 1; open.get() && (frames == 0 || f <= frames); f++) {
            FloatImage img = stream.next();
            FeatureMaps maps = net.encoder().contrast(img);
            int w = net.present(maps, true);
            BufferedImage pic = VisionPictures.dashboard(net, maps, w, title(net, f, w));
            SwingUtilities.invokeLater(() -> label.setIcon(new ImageIcon(pic)));
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
        }
    }
}
