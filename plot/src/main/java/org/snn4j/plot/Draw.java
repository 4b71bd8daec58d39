package org.snn4j.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Package-private helpers shared by the pictures: argument checks, canvases and font-safe text. */
final class Draw {
    static final int BACKGROUND = 0xFFFFFF;
    static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private Draw() {
    }

    static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    static void length(String name, float[] array, long expected) {
        if (array.length != expected) {
            throw new IllegalArgumentException(
                    name + " must have length " + expected + ", got " + array.length);
        }
    }

    static void pixels(long width, long height) {
        if (width * height > 64L * 1024 * 1024) {
            throw new IllegalArgumentException(
                    "picture would be " + width + "x" + height + " pixels, more than 64 Mpixel; use a smaller scale");
        }
    }

    static BufferedImage canvas(int width, int height, int rgb) {
        pixels(width, height);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        java.util.Arrays.fill(row, rgb);
        for (int y = 0; y < height; y++) {
            img.setRGB(0, y, width, 1, row, 0, width);
        }
        return img;
    }

    static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        return g;
    }

    /** Draws text if the platform has a font; a missing font system never breaks a picture. */
    static void text(Graphics2D g, String s, int x, int y, Color c) {
        try {
            g.setFont(FONT);
            g.setColor(c);
            g.drawString(s, x, y);
        } catch (InternalError | UnsatisfiedLinkError | NoClassDefFoundError e) {
            // no font support on this platform: the picture is kept without labels
        }
    }

    /** Width of {@code s} in pixels, or an estimate when no font is available. */
    static int textWidth(Graphics2D g, String s) {
        try {
            return g.getFontMetrics(FONT).stringWidth(s);
        } catch (InternalError | UnsatisfiedLinkError | NoClassDefFoundError e) {
            return 6 * s.length();
        }
    }

    static void fillRect(BufferedImage img, int x0, int y0, int w, int h, int rgb) {
        int x1 = Math.min(img.getWidth(), x0 + w);
        int y1 = Math.min(img.getHeight(), y0 + h);
        for (int y = Math.max(0, y0); y < y1; y++) {
            for (int x = Math.max(0, x0); x < x1; x++) {
                img.setRGB(x, y, rgb);
            }
        }
    }

    /** Height of one line of text in pixels. */
    static final int LINE = 14;

    /**
     * "Nice" tick values covering [lo, hi]: multiples of 1, 2 or 5 times a power of ten, about {@code target} of
     * them, the first at or below {@code lo} and the last at or above {@code hi}.
     */
    static double[] niceTicks(double lo, double hi, int target) {
        if (!(hi > lo) || Double.isInfinite(hi - lo)) {
            return new double[] {lo};
        }
        double step = niceStep((hi - lo) / Math.max(1, target));
        double first = Math.floor(lo / step + 1e-9) * step;
        double last = Math.ceil(hi / step - 1e-9) * step;
        int n = (int) Math.round((last - first) / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            double v = first + i * step;
            t[i] = Math.abs(v) < step * 1e-9 ? 0.0 : v;
        }
        return t;
    }

    /** The nice step (1, 2 or 5 times a power of ten) nearest above {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    /** Draws {@code s} rotated by -90 degrees (reading upwards) with its baseline at x, centred on y. */
    static void verticalText(Graphics2D g, String s, int x, int y, Color c) {
        java.awt.geom.AffineTransform old = g.getTransform();
        try {
            g.rotate(-Math.PI / 2, x, y);
            text(g, s, x - textWidth(g, s) / 2, y, c);
        } catch (InternalError | UnsatisfiedLinkError | NoClassDefFoundError e) {
            // no font support: no label
        } finally {
            g.setTransform(old);
        }
    }

    /** A tick value written with the decimals its spacing needs: ticks 0, 0.2, 0.4 give "0.0", "0.2", "0.4". */
    static String tick(double v, double[] ticks) {
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : Math.abs(v);
        if (!(step > 0) || Math.abs(v) >= 1e5 || step < 1e-4) {
            return format(v);
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e4 || (a > 0 && a < 1e-2)) {
            return String.format(java.util.Locale.ROOT, "%.1e", v);
        }
        return String.format(java.util.Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
    }
}
