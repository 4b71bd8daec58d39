package org.snn4j.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A spike raster: one dot per spike at (step, neuron), time on the horizontal axis, neuron index downwards
 * from the top (neuron 0 on top), with a title, named axes and ticks. Dots are 2 to 5 pixels square (as large as
 * the rows and steps allow), so that a sparse raster stays readable.
 *
 * <p>Thread safety: stateless. Inputs are not modified.
 */
public final class SpikeRaster {
    private static final int LEFT = 52;
    private static final int BOTTOM = 34;
    private static final int TOP = 22;
    private static final int RIGHT = 10;

    private SpikeRaster() {
    }

    /**
     * Draws spikes {@code (steps[i], neurons[i])} for {@code i < count}, titled "spike raster" with the axes
     * "time step" and "neuron"; see {@link #of(String, String, String, int[], int[], int, int, int, int, int)}.
     */
    public static BufferedImage of(int[] steps, int[] neurons, int count, int nSteps, int nNeurons, int width,
            int height) {
        return of("spike raster", "time step", "neuron", steps, neurons, count, nSteps, nNeurons, width, height);
    }

    /**
     * Draws spikes {@code (steps[i], neurons[i])} for {@code i < count}. Spikes outside
     * {@code [0, nSteps) x [0, nNeurons)} are ignored.
     *
     * @param title    text above the raster
     * @param xLabel   name of the time axis, with its unit (for example "time (ms)" or "time step")
     * @param yLabel   name of the neuron axis
     * @param steps    time step of each spike; not modified
     * @param neurons  neuron index of each spike; not modified
     * @param count    number of spikes to draw, at most the arrays' lengths
     * @param nSteps   number of steps on the time axis, &gt; 0
     * @param nNeurons number of neurons on the vertical axis, &gt; 0
     * @param width    picture width in pixels (at least 120)
     * @param height   picture height in pixels (at least 90)
     * @return a new RGB image of {@code width} x {@code height} pixels
     */
    public static BufferedImage of(String title, String xLabel, String yLabel, int[] steps, int[] neurons, int count,
            int nSteps, int nNeurons, int width, int height) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xLabel, "xLabel");
        Objects.requireNonNull(yLabel, "yLabel");
        Objects.requireNonNull(steps, "steps");
        Objects.requireNonNull(neurons, "neurons");
        Draw.positive("nSteps", nSteps);
        Draw.positive("nNeurons", nNeurons);
        if (count < 0 || count > steps.length || count > neurons.length) {
            throw new IllegalArgumentException("count must be in [0, " + Math.min(steps.length, neurons.length)
                    + "], got " + count);
        }
        if (width < 120 || height < 90) {
            throw new IllegalArgumentException("picture must be at least 120x90, got " + width + "x" + height);
        }
        BufferedImage img = Draw.canvas(width, height, Draw.BACKGROUND);
        int pw = width - LEFT - RIGHT;
        int ph = height - TOP - BOTTOM;
        int dot = Math.max(2, Math.min(5, Math.min(pw / nSteps, ph / nNeurons)));
        Graphics2D g = Draw.graphics(img);
        try {
            g.setColor(Color.GRAY);
            g.drawRect(LEFT - 1, TOP - 1, pw + dot + 1, ph + dot + 1);
            Draw.text(g, title, LEFT, 15, Color.BLACK);
            for (double t : Draw.niceTicks(0, nSteps, Math.max(2, Math.min(8, pw / 70)))) {
                if (t > nSteps) {
                    continue;
                }
                int x = LEFT + (int) (t * pw / nSteps);
                g.setColor(Color.BLACK);
                g.drawLine(x, TOP + ph + dot + 1, x, TOP + ph + dot + 4);
                String st = Draw.format(t);
                Draw.text(g, st, x - Draw.textWidth(g, st) / 2, TOP + ph + dot + 15, Color.BLACK);
            }
            for (double t : Draw.niceTicks(0, nNeurons - 1, Math.max(2, Math.min(6, ph / 30)))) {
                if (t > nNeurons - 1) {
                    continue;
                }
                int y = TOP + (int) (t * ph / nNeurons) + dot / 2;
                g.setColor(Color.BLACK);
                g.drawLine(LEFT - 4, y, LEFT - 2, y);
                String st = Draw.format(t);
                Draw.text(g, st, LEFT - 6 - Draw.textWidth(g, st), y + 4, Color.BLACK);
            }
            Draw.text(g, xLabel, LEFT + pw / 2 - Draw.textWidth(g, xLabel) / 2, height - 4, Color.DARK_GRAY);
            Draw.verticalText(g, yLabel, 12, TOP + ph / 2, Color.DARK_GRAY);
        } finally {
            g.dispose();
        }
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
