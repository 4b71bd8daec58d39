package org.snn4j.examples.vision;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.snn4j.encoding.FeatureMaps;

/**
 * Pictures of a {@link VisionNetwork}, drawn with the JDK only (shared by the Swing {@link VisionViewer}
 * and its headless PNG mode): the ON/OFF contrast maps of the current frame, the outputs (the winner
 * lit), every output's receptive field as a small image (ON weight minus OFF weight, red = ON, blue =
 * OFF), and the firing thresholds as bars. Stateless; each call returns a new image.
 */
public final class VisionPictures {
    /** Scale of the contrast maps (pixels per input). */
    static final int MAP_SCALE = 3;
    /** Receptive field tiles: side in pixels (one pixel per input). */
    static final int TILE = 64;
    private static final int PAD = 8;
    private static final int LABEL = 16;

    private VisionPictures() {
    }

    /**
     * One contrast map as a gray image, 0 black, {@code max} (or more) white.
     *
     * @param maps    the 2x64x64 ON/OFF maps; not modified
     * @param channel 0 = ON, 1 = OFF
     * @param max     value drawn white, {@code > 0}
     */
    public static BufferedImage contrastMap(FeatureMaps maps, int channel, float max) {
        Objects.requireNonNull(maps, "maps");
        Objects.checkIndex(channel, maps.channels());
        int h = maps.height();
        int w = maps.width();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        float[] d = maps.data();
        int base = channel * h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = d[base + y * w + x] / max;
                int g = v <= 0f ? 0 : v >= 1f ? 255 : (int) (v * 255f);
                img.setRGB(x, y, g << 16 | g << 8 | g);
            }
        }
        return img;
    }

    /**
     * Receptive field of one output: pixel {@code (x, y)} shows {@code on - off} with
     * {@code on = w[ON][y][x]}, {@code off = w[OFF][y][x]}: red for ON, blue for OFF, black for 0.
     *
     * @param rf the 8,192 weights from {@link VisionNetwork#receptiveField(int)}; not modified
     */
    public static BufferedImage receptiveField(float[] rf) {
        Objects.requireNonNull(rf, "rf");
        if (rf.length != VisionParameters.INPUTS) {
            throw new IllegalArgumentException("rf must have " + VisionParameters.INPUTS + " weights, got " + rf.length);
        }
        int s = VisionParameters.SIZE;
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                float on = clamp01(rf[y * s + x]);
                float off = clamp01(rf[s * s + y * s + x]);
                int r = (int) (on * 255f);
                int b = (int) (off * 255f);
                int g = (int) (Math.min(on, off) * 255f);
                img.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return img;
    }

    /** Every output's receptive field in a grid of {@code ceil(sqrt(N))} columns, 1 px gaps. */
    public static BufferedImage receptiveFieldGrid(VisionNetwork net) {
        Objects.requireNonNull(net, "net");
        int n = net.parameters().neurons();
        int cols = (int) Math.ceil(Math.sqrt(n));
        int rows = (n + cols - 1) / cols;
        BufferedImage img = new BufferedImage(cols * (TILE + 2), rows * (TILE + 2), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 40, 40));
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int j = 0; j < n; j++) {
            g.drawImage(receptiveField(net.receptiveField(j)), (j % cols) * (TILE + 2) + 1, (j / cols) * (TILE + 2) + 1,
                    null);
        }
        g.dispose();
        return img;
    }

    /**
     * The whole view: contrast maps (left), then for every output its receptive field, a lamp (yellow if it
     * won the last frame) and its threshold bar.
     *
     * @param net      the network; not modified
     * @param maps     contrast maps of the last frame, or null
     * @param winner   winner of the last frame, or -1
     * @param title    a line of text at the top (frame number, rates), not null
     */
    public static BufferedImage dashboard(VisionNetwork net, FeatureMaps maps, int winner, String title) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(title, "title");
        int n = net.parameters().neurons();
        int cols = Math.min(n, 8);
        int rows = (n + cols - 1) / cols;
        int mapSide = VisionParameters.SIZE * MAP_SCALE;
        int cellW = TILE + PAD;
        int cellH = TILE + 10 + 14 + PAD;
        int left = PAD + mapSide + PAD;
        int width = left + cols * cellW + PAD;
        int height = Math.max(LABEL + PAD + 2 * (mapSide + LABEL) + PAD, LABEL + PAD + rows * cellH + LABEL + PAD);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(24, 24, 28));
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.WHITE);
        g.drawString(title, PAD, LABEL - 3);
        int y0 = LABEL + PAD;
        if (maps != null) {
            g.drawString("ON contrast", PAD, y0 + 11);
            g.drawImage(contrastMap(maps, 0, net.parameters().contrastMax()), PAD, y0 + LABEL, mapSide, mapSide, null);
            g.drawString("OFF contrast", PAD, y0 + LABEL + mapSide + 11);
            g.drawImage(contrastMap(maps, 1, net.parameters().contrastMax()), PAD, y0 + 2 * LABEL + mapSide, mapSide,
                    mapSide, null);
        }
        float[] thr = net.thresholds();
        float maxThr = net.parameters().thresholdMv();
        for (int j = 0; j < n; j++) {
            maxThr = Math.max(maxThr, thr[j]);
        }
        g.setColor(Color.WHITE);
        g.drawString("outputs: receptive field (red ON, blue OFF), winner lamp, threshold (max "
                + Math.round(maxThr) + " mV)", left, y0 + 11);
        for (int j = 0; j < n; j++) {
            int x = left + (j % cols) * cellW;
            int y = y0 + LABEL + (j / cols) * cellH;
            g.drawImage(receptiveField(net.receptiveField(j)), x, y, null);
            g.setColor(j == winner ? Color.YELLOW : new Color(70, 70, 70));
            g.fillOval(x, y + TILE + 2, 8, 8);
            g.setColor(Color.LIGHT_GRAY);
            g.drawString(Integer.toString(j), x + 11, y + TILE + 10);
            int bar = Math.round((TILE - 2) * thr[j] / maxThr);
            g.setColor(new Color(90, 200, 120));
            g.fillRect(x, y + TILE + 13, Math.max(bar, 1), 6);
        }
        g.dispose();
        return img;
    }

    /** Writes {@code img} as a PNG file, creating parent directories. */
    public static void writePng(BufferedImage img, Path file) {
        Objects.requireNonNull(img, "img");
        Objects.requireNonNull(file, "file");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(img, "png", file.toFile())) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static float clamp01(float v) {
        return v < 0f ? 0f : v > 1f ? 1f : v;
    }
}
