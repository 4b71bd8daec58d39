package org.snn4j.examples.vision;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.snn4j.encoding.FeatureMaps;
import org.snn4j.plot.ColorMap;
import org.snn4j.plot.HeatMap;
import org.snn4j.plot.Normalisation;
import org.snn4j.plot.Png;
import org.snn4j.plot.WeightGrid;

/**
 * Pictures of a {@link VisionNetwork} (shared by the Swing {@link VisionViewer} and its headless PNG mode),
 * built from the {@code org.snn4j.plot} module's heat maps and weight grids: the ON/OFF contrast maps of the
 * current frame, the outputs (the winner lit), every output's receptive field (ON and OFF weights side by
 * side), and the firing thresholds as bars. Stateless; each call returns a new image.
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
     * One contrast map as a gray heat map ({@link HeatMap}), 0 black, {@code max} (or more) white.
     *
     * @param maps    the 2x64x64 ON/OFF maps; not modified
     * @param channel 0 = ON, 1 = OFF
     * @param max     value drawn white, {@code > 0}
     * @param scale   pixels per input, {@code > 0}
     */
    public static BufferedImage contrastMap(FeatureMaps maps, int channel, float max, int scale) {
        Objects.requireNonNull(maps, "maps");
        Objects.checkIndex(channel, maps.channels());
        int h = maps.height();
        int w = maps.width();
        float[] one = Arrays.copyOfRange(maps.data(), channel * h * w, (channel + 1) * h * w);
        return HeatMap.of(one, h, w, 0.0, max, ColorMap.GRAY, scale);
    }

    /**
     * Receptive field of one output ({@link WeightGrid#tiles}): its ON weights (left 64x64 block) and OFF
     * weights (right block), weights 0..1 on the "hot" colour map (black 0, white 1).
     *
     * @param rf the 8,192 weights from {@link VisionNetwork#receptiveField(int)}; not modified
     */
    public static BufferedImage receptiveField(float[] rf) {
        Objects.requireNonNull(rf, "rf");
        if (rf.length != VisionParameters.INPUTS) {
            throw new IllegalArgumentException("rf must have " + VisionParameters.INPUTS + " weights, got " + rf.length);
        }
        return WeightGrid.tiles(rf, ContrastEncoder.SHAPE, 1, Normalisation.NONE, ColorMap.HOT, 1, 1);
    }

    /**
     * Every output's receptive field ({@link WeightGrid#dense} of the layer's weights: per output an ON and
     * an OFF block, weights 0..1 on the "hot" colour map), near-square grid.
     */
    public static BufferedImage receptiveFieldGrid(VisionNetwork net) {
        Objects.requireNonNull(net, "net");
        return WeightGrid.dense(net.layer().weightsCopy(), ContrastEncoder.SHAPE, net.parameters().neurons(),
                Normalisation.NONE, ColorMap.HOT, 1, 0);
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
        int cols = Math.min(n, 4);
        int rows = (n + cols - 1) / cols;
        int mapSide = VisionParameters.SIZE * MAP_SCALE;
        int cellW = 2 * TILE + PAD;
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
            g.drawImage(contrastMap(maps, 0, net.parameters().contrastMax(), MAP_SCALE), PAD, y0 + LABEL, mapSide, mapSide, null);
            g.drawString("OFF contrast", PAD, y0 + LABEL + mapSide + 11);
            g.drawImage(contrastMap(maps, 1, net.parameters().contrastMax(), MAP_SCALE), PAD, y0 + 2 * LABEL + mapSide, mapSide,
                    mapSide, null);
        }
        float[] thr = net.thresholds();
        float maxThr = net.parameters().thresholdMv();
        for (int j = 0; j < n; j++) {
            maxThr = Math.max(maxThr, thr[j]);
        }
        g.setColor(Color.WHITE);
        g.drawString("outputs: receptive field (ON | OFF weights), winner lamp, threshold (max "
                + Math.round(maxThr) + " mV)", left, y0 + 11);
        for (int j = 0; j < n; j++) {
            int x = left + (j % cols) * cellW;
            int y = y0 + LABEL + (j / cols) * cellH;
            g.drawImage(receptiveField(net.receptiveField(j)), x, y, null);
            g.setColor(j == winner ? Color.YELLOW : new Color(70, 70, 70));
            g.fillOval(x, y + TILE + 2, 8, 8);
            g.setColor(Color.LIGHT_GRAY);
            g.drawString(Integer.toString(j), x + 11, y + TILE + 10);
            int bar = Math.round((2 * TILE - 2) * thr[j] / maxThr);
            g.setColor(new Color(90, 200, 120));
            g.fillRect(x, y + TILE + 13, Math.max(bar, 1), 6);
        }
        g.dispose();
        return img;
    }

    /** Writes {@code img} as a PNG file ({@link Png#write}), creating parent directories. */
    public static void writePng(BufferedImage img, Path file) {
        Png.write(img, file);
    }

}
