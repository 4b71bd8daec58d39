package org.snn4j.plot;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A heat map of a float map (H x W, row-major), each value one {@code scale} x {@code scale} block.
 *
 * <p>Thread safety: stateless. Inputs are not modified.
 */
public final class HeatMap {
    private HeatMap() {
    }

    /**
     * A heat map scaled by the map's own minimum and maximum (a constant map is drawn with the colour of 0).
     *
     * @param values map values, length {@code height * width}, row-major; not modified
     * @param height rows
     * @param width  columns
     * @param map    colour map
     * @param scale  pixels per value, &gt; 0
     * @return a new RGB image of {@code width*scale} x {@code height*scale} pixels
     */
    public static BufferedImage of(float[] values, int height, int width, ColorMap map, int scale) {
        Objects.requireNonNull(values, "values");
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            if (values[i] < lo) {
                lo = values[i];
            }
            if (values[i] > hi) {
                hi = values[i];
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1.0;
        }
        return of(values, height, width, lo, hi, map, scale);
    }

    /**
     * A heat map with a fixed value range: {@code lo} gets the colour of 0, {@code hi} the colour of 1.
     *
     * @param values map values, length {@code height * width}, row-major; not modified
     * @param height rows, &gt; 0
     * @param width  columns, &gt; 0
     * @param lo     value drawn as 0
     * @param hi     value drawn as 1, &gt; lo
     * @param map    colour map
     * @param scale  pixels per value, &gt; 0
     * @return a new RGB image of {@code width*scale} x {@code height*scale} pixels
     */
    public static BufferedImage of(float[] values, int height, int width, double lo, double hi, ColorMap map,
            int scale) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(map, "map");
        Draw.positive("height", height);
        Draw.positive("width", width);
        Draw.positive("scale", scale);
        Draw.length("values", values, (long) height * width);
        if (!(hi > lo)) {
            throw new IllegalArgumentException("hi must be > lo, got lo=" + lo + ", hi=" + hi);
        }
        Draw.pixels((long) width * scale, (long) height * scale);
        BufferedImage img = Draw.canvas(width * scale, height * scale, Draw.BACKGROUND);
        double range = hi - lo;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = map.rgb((values[y * width + x] - lo) / range);
                Draw.fillRect(img, x * scale, y * scale, scale, scale, rgb);
            }
        }
        return img;
    }
}
