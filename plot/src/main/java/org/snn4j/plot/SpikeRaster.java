package org.snn4j.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A spike raster: one dot per spike at (step, neuron), time on the horizontal axis, neuron index downwards
 * from the top (neuron 0 on top), with the axis ranges written below and to the left.
 *
 * <p>Thread safety: stateless. Inputs are not modified.
 */
public final class SpikeRaster {
    private static final int LEFT = 40;
    private static final int BOTTOM = 20;
    private static final int TOP = 6;
    private static final int RIGHT = 6;

    private SpikeRaster() {
    }

    /**
     * Draws spikes {@code (steps[i], neurons[i])} for {@code i < count}. Spikes outside
     * {@code [0, nSteps) x [0, nNeurons)} are ignored.
     *
     * @param steps    time step of each spike; not modified
     * @param neurons  neuron index of each spike; not modified
     * @param count    number of spikes to draw, at most the arrays' lengths
     * @param nSteps   number of steps on the time axis, &gt; 0
     * @param nNeurons number of neurons on the vertical axis, &gt; 0
     * @param width    picture width in pixels (at least 60)
     * @param height   picture height in pixels (at least 40)
     * @return a new RGB image of {@code width} x {@code height} pixels
     */
    public static BufferedImage of(int[] steps, int[] neurons, int count, int nSteps, int nNeurons, int width,
            int height) {
        Objects.requireNonNull(steps, "steps");
        Objects.requireNonNull(neurons, "neurons");
        Draw.positive("nSteps", nSteps);
        Draw.positive("nNeurons", nNeurons);
        if (count < 0 || count > steps.length || count > neurons.length) {
            throw new IllegalArgumentException("count must be in [0, " + Math.min(steps.length, neurons.length)
                    + "], got " + count);
        }
        if (width < 60 || height < 40) {
            throw new IllegalArgumentException("picture must be at least 60x40, got " + width + "x" + height);
        }
        BufferedImage img = Draw.canvas(width, height, Draw.BACKGROUND);
        int pw = width - LEFT - RIGHT;
        int ph = height - TOP - BOTTOM;
        Graphics2D g = Draw.graphics(img);
        try {
            g.setColor(Color.GRAY);
            g.drawRect(LEFT - 1, TOP - 1, pw + 1, ph + 1);
            Draw.text(g, "0", LEFT, height - 5, Color.BLACK);
            String sx = nSteps + " steps";
            Draw.text(g, sx, LEFT + pw - Draw.textWidth(g, sx), height - 5, Color.BLACK);
            Draw.text(g, "0", 4, TOP + 10, Color.BLACK);
            Draw.text(g, Integer.toString(nNeurons - 1), 4, TOP + ph, Color.BLACK);
        } finally {
            g.dispose();
        }
        int dot = Math.max(1, Math.min(3, Math.min(pw / nSteps, ph / nNeurons)));
        for (int i = 0; i < count; i++) {
            int s = steps[i];
            int n = neurons[i];
            if (s < 0 || s >= nSteps || n < 0 || n >= nNeurons) {
                continue;
            }
            int x = LEFT + (int) ((long) s * pw / nSteps);
            int y = TOP + (int) ((long) n * ph / nNeurons);
            Draw.fillRect(img, x, y, dot, dot, 0x000000);
        }
        return img;
    }
}
