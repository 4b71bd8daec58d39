package org.snn4j.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A confusion matrix: rows are true classes, columns predicted classes; each cell coloured by its count
 * divided by the row total (so every class is shown on the same scale) and labelled with the count.
 *
 * <p>Thread safety: stateless. Inputs are not modified.
 */
public final class ConfusionMatrixPlot {
    private static final int MARGIN = 36;

    private ConfusionMatrixPlot() {
    }

    /**
     * Draws {@code counts[trueClass][predictedClass]}.
     *
     * @param counts square matrix of non-negative counts; not modified
     * @param labels class labels, one per row, or {@code null} for 0, 1, 2, ...
     * @param cell   cell size in pixels (at least 8)
     * @return a new RGB image of {@code (n*cell + 2*MARGIN)} pixels square, where MARGIN is 36
     */
    public static BufferedImage of(int[][] counts, String[] labels, int cell) {
        Objects.requireNonNull(counts, "counts");
        int n = counts.length;
        Draw.positive("number of classes", n);
        for (int r = 0; r < n; r++) {
            Objects.requireNonNull(counts[r], "counts[" + r + "]");
            if (counts[r].length != n) {
                throw new IllegalArgumentException("counts must be square " + n + "x" + n + ", row " + r
                        + " has length " + counts[r].length);
            }
            for (int c = 0; c < n; c++) {
                if (counts[r][c] < 0) {
                    throw new IllegalArgumentException(
                            "counts[" + r + "][" + c + "] must be >= 0, got " + counts[r][c]);
                }
            }
        }
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException("labels must have length " + n + ", got " + labels.length);
        }
        if (cell < 8) {
            throw new IllegalArgumentException("cell must be >= 8 pixels, got " + cell);
        }
        int size = n * cell + 2 * MARGIN;
        BufferedImage img = Draw.canvas(size, size, Draw.BACKGROUND);
        Graphics2D g = Draw.graphics(img);
        try {
            for (int r = 0; r < n; r++) {
                long total = 0;
                for (int c = 0; c < n; c++) {
                    total += counts[r][c];
                }
                for (int c = 0; c < n; c++) {
                    double f = total > 0 ? counts[r][c] / (double) total : 0.0;
                    int rgb = ColorMap.BLUES.rgb(f);
                    int x = MARGIN + c * cell;
                    int y = MARGIN + r * cell;
                    Draw.fillRect(img, x, y, cell, cell, rgb);
                    if (cell >= 16 && counts[r][c] > 0) {
                        String s = Integer.toString(counts[r][c]);
                        int tw = Draw.textWidth(g, s);
                        Draw.text(g, s, x + (cell - tw) / 2, y + cell / 2 + 4, f > 0.5 ? Color.WHITE : Color.BLACK);
                    }
                }
                String lab = labels == null ? Integer.toString(r) : labels[r];
                Draw.text(g, lab, MARGIN - 4 - Draw.textWidth(g, lab), MARGIN + r * cell + cell / 2 + 4,
                        Color.BLACK);
                Draw.text(g, lab, MARGIN + r * cell + (cell - Draw.textWidth(g, lab)) / 2, MARGIN - 6,
                        Color.BLACK);
            }
            g.setColor(Color.GRAY);
            g.drawRect(MARGIN - 1, MARGIN - 1, n * cell + 1, n * cell + 1);
            Draw.text(g, "predicted", MARGIN, 12, Color.DARK_GRAY);
            Draw.text(g, "true class = rows", MARGIN, size - 12, Color.DARK_GRAY);
        } finally {
            g.dispose();
        }
        return img;
    }
}
