package org.snn4j.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * A line chart of one or more series with a title, named axes, "nice" ticks (1, 2 or 5 times a power of ten) with
 * grid lines, and a legend: accuracy per epoch, membrane-potential traces, thresholds over time. Without a fixed y
 * range, the data range is widened to the nearest ticks; x values that are all integers (epochs) get integer ticks.
 *
 * <p>Thread safety: stateless. Inputs are not modified.
 */
public final class LineChart {
    private static final int LEFT = 56;
    private static final int RIGHT = 10;
    private static final int TOP = 22;
    private static final int BOTTOM = 34;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    private LineChart() {
    }

    private static boolean allIntegers(List<Series> series) {
        for (int s = 0; s < series.size(); s++) {
            Series sr = series.get(s);
            for (int i = 0; i < sr.y().length; i++) {
                if (sr.xAt(i) != Math.rint(sr.xAt(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * One series of a line chart.
     *
     * @param name legend text
     * @param x    x values, or {@code null} for 0, 1, 2, ...; same length as {@code y}
     * @param y    y values (NaN values are skipped, breaking the line)
     */
    public record Series(String name, double[] x, double[] y) {
        /** Checks the arguments. */
        public Series {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(y, "y");
            if (x != null && x.length != y.length) {
                throw new IllegalArgumentException(
                        "series " + name + ": x has length " + x.length + " but y has length " + y.length);
            }
        }

        /**
         * A series with x = 0, 1, 2, ...
         *
         * @param name legend text
         * @param y    y values; copied
         * @return the series
         */
        public static Series of(String name, double[] y) {
            return new Series(name, null, y.clone());
        }

        /**
         * A series of float values with x = {@code x0 + i * dx} (e.g. a membrane trace with dt).
         *
         * @param name legend text
         * @param y    y values; copied
         * @param x0   first x
         * @param dx   x step
         * @return the series
         */
        public static Series of(String name, float[] y, double x0, double dx) {
            double[] xs = new double[y.length];
            double[] ys = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                xs[i] = x0 + i * dx;
                ys[i] = y[i];
            }
            return new Series(name, xs, ys);
        }

        double xAt(int i) {
            return x == null ? i : x[i];
        }
    }

    /**
     * Draws the series on common axes. The y range is the data range widened to the nearest nice ticks, unless
     * {@code yMin < yMax} are given (pass NaN for automatic).
     *
     * @param title  text above the chart
     * @param xLabel x axis label
     * @param yLabel y axis label
     * @param series one or more series
     * @param yMin   fixed lower y bound or NaN
     * @param yMax   fixed upper y bound or NaN
     * @param width  picture width (at least 120)
     * @param height picture height (at least 90)
     * @return a new RGB image of {@code width} x {@code height}
     */
    public static BufferedImage of(String title, String xLabel, String yLabel, List<Series> series, double yMin,
            double yMax, int width, int height) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xLabel, "xLabel");
        Objects.requireNonNull(yLabel, "yLabel");
        Objects.requireNonNull(series, "series");
        if (series.isEmpty()) {
            throw new IllegalArgumentException("series must not be empty");
        }
        if (width < 120 || height < 90) {
            throw new IllegalArgumentException("picture must be at least 120x90, got " + width + "x" + height);
        }
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < series.size(); s++) {
            Series sr = series.get(s);
            for (int i = 0; i < sr.y().length; i++) {
                double y = sr.y()[i];
                if (Double.isNaN(y)) {
                    continue;
                }
                double x = sr.xAt(i);
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
            }
        }
        if (x0 > x1) {
            x0 = 0;
            x1 = 1;
            y0 = 0;
            y1 = 1;
        }
        if (!(x1 > x0)) {
            x0 -= 0.5;
            x1 += 0.5;
        }
        if (!Double.isNaN(yMin) && !Double.isNaN(yMax)) {
            if (!(yMax > yMin)) {
                throw new IllegalArgumentException("yMax must be > yMin, got yMin=" + yMin + ", yMax=" + yMax);
            }
            y0 = yMin;
            y1 = yMax;
        } else {
            // the data range widened to the nearest nice ticks (a flat series gets +-0.5)
            if (!(y1 > y0)) {
                y0 -= 0.5;
                y1 += 0.5;
            }
            double[] t = Draw.niceTicks(y0, y1, 5);
            y0 = t[0];
            y1 = t[t.length - 1];
        }
        double[] yTicks = Draw.niceTicks(y0, y1, 5);
        double[] xTicks = Draw.niceTicks(x0, x1, Math.max(2, Math.min(8, (width - LEFT - RIGHT) / 70)));
        if (allIntegers(series) && xTicks.length > 1 && xTicks[1] - xTicks[0] < 1) {
            xTicks = Draw.niceTicks(x0, x1, (int) Math.max(1, Math.round(x1 - x0)));
        }
        BufferedImage img = Draw.canvas(width, height, Draw.BACKGROUND);
        int pw = width - LEFT - RIGHT;
        int ph = height - TOP - BOTTOM;
        Graphics2D g = Draw.graphics(img);
        try {
            for (double t : yTicks) {
                if (t < y0 - 1e-9 * (y1 - y0) || t > y1 + 1e-9 * (y1 - y0)) {
                    continue;
                }
                int gy = TOP + ph - (int) Math.round((t - y0) / (y1 - y0) * ph);
                g.setColor(new Color(0xE4E4E4));
                g.drawLine(LEFT, gy, LEFT + pw, gy);
                g.setColor(Color.BLACK);
                g.drawLine(LEFT - 3, gy, LEFT, gy);
                String st = Draw.tick(t, yTicks);
                Draw.text(g, st, LEFT - 5 - Draw.textWidth(g, st), gy + 4, Color.BLACK);
            }
            for (double t : xTicks) {
                if (t < x0 - 1e-9 * (x1 - x0) || t > x1 + 1e-9 * (x1 - x0)) {
                    continue;
                }
                int gx = LEFT + (int) Math.round((t - x0) / (x1 - x0) * pw);
                g.setColor(Color.BLACK);
                g.drawLine(gx, TOP + ph, gx, TOP + ph + 3);
                String st = Draw.tick(t, xTicks);
                Draw.text(g, st, gx - Draw.textWidth(g, st) / 2, TOP + ph + 15, Color.BLACK);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, pw, ph);
            Draw.text(g, title, LEFT, 15, Color.BLACK);
            Draw.verticalText(g, yLabel, 12, TOP + ph / 2, Color.DARK_GRAY);
            Draw.text(g, xLabel, LEFT + pw / 2 - Draw.textWidth(g, xLabel) / 2, TOP + ph + 29, Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1.5f));
            g.clipRect(LEFT, TOP, pw + 1, ph + 1);
            for (int s = 0; s < series.size(); s++) {
                Series sr = series.get(s);
                Color c = PALETTE[s % PALETTE.length];
                g.setColor(c);
                int px = -1;
                int py = -1;
                boolean has = false;
                int n = sr.y().length;
                for (int i = 0; i < n; i++) {
                    double y = sr.y()[i];
                    if (Double.isNaN(y)) {
                        has = false;
                        continue;
                    }
                    int cx = LEFT + (int) Math.round((sr.xAt(i) - x0) / (x1 - x0) * pw);
                    int cy = TOP + ph - (int) Math.round((y - y0) / (y1 - y0) * ph);
                    if (has) {
                        g.drawLine(px, py, cx, cy);
                    }
                    if (n <= 50) {
                        g.fillRect(cx - 2, cy - 2, 5, 5);
                    }
                    px = cx;
                    py = cy;
                    has = true;
                }
            }
            g.setClip(null);
            // legend in the top-right corner, or the bottom-right one when fewer points lie there
            int legendH = 14 * series.size();
            int legendW = 0;
            for (int s = 0; s < series.size(); s++) {
                legendW = Math.max(legendW, Draw.textWidth(g, series.get(s).name()) + 24);
            }
            int top = 0;
            int bottom = 0;
            for (int s = 0; s < series.size(); s++) {
                Series sr = series.get(s);
                for (int i = 0; i < sr.y().length; i++) {
                    double y = sr.y()[i];
                    if (Double.isNaN(y)) {
                        continue;
                    }
                    int cx = LEFT + (int) Math.round((sr.xAt(i) - x0) / (x1 - x0) * pw);
                    int cy = TOP + ph - (int) Math.round((y - y0) / (y1 - y0) * ph);
                    if (cx >= LEFT + pw - legendW - 10) {
                        top += cy <= TOP + legendH + 14 ? 1 : 0;
                        bottom += cy >= TOP + ph - legendH - 14 ? 1 : 0;
                    }
                }
            }
            int ly = bottom < top ? TOP + ph - legendH + 4 : TOP + 14;
            for (int s = 0; s < series.size(); s++) {
                Color c = PALETTE[s % PALETTE.length];
                String name = series.get(s).name();
                int tw = Draw.textWidth(g, name);
                int lx = LEFT + pw - tw - 24;
                g.setColor(Color.WHITE);
                g.fillRect(lx - 2, ly - 11, tw + 22, 14);
                g.setColor(c);
                g.fillRect(lx, ly - 7, 14, 4);
                Draw.text(g, name, lx + 18, ly, Color.BLACK);
                ly += 14;
            }
        } finally {
            g.dispose();
        }
        return img;
    }
}
