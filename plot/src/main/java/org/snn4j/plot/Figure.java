package org.snn4j.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * Puts pictures together into a figure for a report: a title above a picture, a colour bar with its value range
 * next to a heat map or weight grid, several captioned panels in a grid. Every example uses these, so that every
 * picture has a title, named axes or a scale.
 *
 * <p>Thread safety: stateless. Inputs are not modified; each method returns a new RGB image.
 */
public final class Figure {
    private static final int PAD = 6;
    private static final int BAR_W = 14;

    private Figure() {
    }

    /**
     * {@code body} with {@code title} written above it (left-aligned, on a white band).
     *
     * @param title one line of text
     * @param body  the picture
     * @return a new image, {@code body} plus a 20-pixel band and a margin
     */
    public static BufferedImage titled(String title, BufferedImage body) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        int bandH = Draw.LINE + PAD;
        BufferedImage probe = Draw.canvas(1, 1, Draw.BACKGROUND);
        Graphics2D pg = Draw.graphics(probe);
        int tw;
        try {
            tw = Draw.textWidth(pg, title);
        } finally {
            pg.dispose();
        }
        int w = Math.max(body.getWidth() + 2 * PAD, tw + 2 * PAD);
        int h = body.getHeight() + bandH + PAD;
        BufferedImage img = Draw.canvas(w, h, Draw.BACKGROUND);
        Graphics2D g = Draw.graphics(img);
        try {
            g.drawImage(body, PAD, bandH, null);
            Draw.text(g, title, PAD, Draw.LINE, Color.BLACK);
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * {@code body} with a vertical colour bar on its right: the colour of 0 at the bottom ({@code lo}) to the colour
     * of 1 at the top ({@code hi}), with about five value ticks and {@code label} beside it.
     *
     * @param body  the picture (a heat map or weight grid drawn with {@code map})
     * @param map   the colour map used for {@code body}
     * @param lo    the value drawn with the colour of 0
     * @param hi    the value drawn with the colour of 1, &gt; lo
     * @param label what the values are, with their unit (may be empty)
     * @return a new image
     */
    public static BufferedImage withColorBar(BufferedImage body, ColorMap map, double lo, double hi, String label) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(label, "label");
        if (!(hi > lo)) {
            throw new IllegalArgumentException("hi must be > lo, got lo=" + lo + ", hi=" + hi);
        }
        int barH = Math.max(40, body.getHeight() - 2 * PAD);
        double[] ticks = Draw.niceTicks(lo, hi, 4);
        int labelW = 0;
        BufferedImage probe = Draw.canvas(1, 1, Draw.BACKGROUND);
        Graphics2D pg = Draw.graphics(probe);
        try {
            for (double t : ticks) {
                labelW = Math.max(labelW, Draw.textWidth(pg, Draw.tick(t, ticks)));
            }
        } finally {
            pg.dispose();
        }
        int extra = PAD + BAR_W + 4 + labelW + (label.isEmpty() ? PAD : Draw.LINE + PAD);
        int w = body.getWidth() + extra;
        int h = Math.max(body.getHeight(), barH + 2 * PAD);
        BufferedImage img = Draw.canvas(w, h, Draw.BACKGROUND);
        Graphics2D g = Draw.graphics(img);
        try {
            g.drawImage(body, 0, 0, null);
            int bx = body.getWidth() + PAD;
            int by = (h - barH) / 2;
            for (int y = 0; y < barH; y++) {
                Draw.fillRect(img, bx, by + y, BAR_W, 1, map.rgb(1.0 - (double) y / (barH - 1)));
            }
            g.setColor(Color.GRAY);
            g.drawRect(bx - 1, by - 1, BAR_W + 1, barH + 1);
            for (double t : ticks) {
                if (t < lo - 1e-12 * (hi - lo) || t > hi + 1e-12 * (hi - lo)) {
                    continue;
                }
                int ty = by + (int) Math.round((hi - t) / (hi - lo) * (barH - 1));
                g.setColor(Color.BLACK);
                g.drawLine(bx + BAR_W, ty, bx + BAR_W + 2, ty);
                Draw.text(g, Draw.tick(t, ticks), bx + BAR_W + 4, ty + 4, Color.BLACK);
            }
            if (!label.isEmpty()) {
                Draw.verticalText(g, label, w - PAD, by + barH / 2, Color.DARK_GRAY);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * Panels laid out row by row, {@code columns} per row, each with its caption above it; panels of a row are
     * top-aligned and separated by a white gap.
     *
     * @param panels   the pictures, at least one
     * @param captions one caption per panel (empty strings allowed)
     * @param columns  panels per row, &gt; 0
     * @return a new image
     */
    public static BufferedImage panels(List<BufferedImage> panels, List<String> captions, int columns) {
        Objects.requireNonNull(panels, "panels");
        Objects.requireNonNull(captions, "captions");
        Draw.positive("panels", panels.size());
        Draw.positive("columns", columns);
        if (captions.size() != panels.size()) {
            throw new IllegalArgumentException("captions must have one entry per panel (" + panels.size() + "), got "
                    + captions.size());
        }
        int n = panels.size();
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        int[] colW = new int[cols];
        int[] rowH = new int[rows];
        for (int i = 0; i < n; i++) {
            BufferedImage p = panels.get(i);
            colW[i % cols] = Math.max(colW[i % cols], p.getWidth());
            rowH[i / cols] = Math.max(rowH[i / cols], p.getHeight() + Draw.LINE + 2);
        }
        long w = PAD;
        for (int c = 0; c < cols; c++) {
            w += colW[c] + 2L * PAD;
        }
        long h = PAD;
        for (int r = 0; r < rows; r++) {
            h += rowH[r] + (long) PAD;
        }
        Draw.pixels(w, h);
        BufferedImage img = Draw.canvas((int) w, (int) h, Draw.BACKGROUND);
        Graphics2D g = Draw.graphics(img);
        try {
            int y = PAD;
            for (int r = 0; r < rows; r++) {
                int x = PAD;
                for (int c = 0; c < cols && r * cols + c < n; c++) {
                    int i = r * cols + c;
                    Draw.text(g, captions.get(i), x, y + Draw.LINE - 3, Color.BLACK);
                    g.drawImage(panels.get(i), x, y + Draw.LINE + 2, null);
                    x += colW[c] + 2 * PAD;
                }
                y += rowH[r] + PAD;
            }
        } finally {
            g.dispose();
        }
        return img;
    }
}
