package org.snn4j.examples.vision;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.swing.ImageIcon;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.snn4j.encoding.FeatureMaps;
import org.snn4j.encoding.FloatImage;

/**
 * Live viewer of the vision network learning (Swing, JDK only). Shows, after every frame: the ON/OFF
 * contrast maps of the input, which output fired, every output's receptive field and the thresholds
 * ({@link VisionPictures#dashboard}).
 *
 * <pre>
 *   java -cp examples/target/snn4j-examples.jar org.snn4j.examples.vision.VisionViewer \
 *        [--images DIR] [--neurons 16] [--frames 0 (endless)] [--seed 42] [--every 25] [--delay-ms 20]
 *        [--headless] [--out DIR] [--quick]
 * </pre>
 * Frames come from a folder of images ({@code --images DIR}) or the built-in stream of moving shapes.
 * With {@code --headless} (automatic when {@link GraphicsEnvironment#isHeadless()}), no window is opened:
 * the same picture is written as {@code OUT/viewer-NNNNNN.png} every {@code --every} frames (and after
 * the last one), so it runs on a server; {@code --frames} then defaults to 200. {@code --quick}: 40 frames,
 * 8 outputs, headless, default output {@code target/vision-viewer-quick}.
 */
public final class VisionViewer {
    private VisionViewer() {
    }

    /** Runs the viewer; see the class javadoc for the options. */
    public static void main(String[] args) throws Exception {
        CliArgs a = new CliArgs(args, Set.of("headless", "quick"),
                Set.of("images", "neurons", "frames", "seed", "every", "out", "delay-ms"));
        boolean quick = a.flag("quick");
        boolean headless = a.flag("headless") || quick || GraphicsEnvironment.isHeadless();
        int neurons = a.integer("neurons", quick ? 8 : 16, 1);
        int frames = a.integer("frames", headless ? (quick ? 40 : 200) : 0, 0);
        long seed = a.longValue("seed", 42L);
        int every = a.integer("every", quick ? 20 : 25, 1);
        int delayMs = a.integer("delay-ms", 20, 0);
        Path out = Path.of(a.string("out", quick ? "target/vision-viewer-quick" : "vision-viewer"));
        String images = a.string("images", null);
        FrameStream stream = images != null ? FrameStream.folder(Path.of(images))
                : FrameStream.movingShapes(quick ? 10 : 40, seed);
        VisionNetwork net = new VisionNetwork(VisionParameters.defaults(neurons).withSeed(seed));
        if (headless) {
            runHeadless(net, stream, frames, every, out);
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
