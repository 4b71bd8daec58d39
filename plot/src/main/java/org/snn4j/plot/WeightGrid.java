package org.snn4j.plot;

import java.awt.image.BufferedImage;
import java.util.Objects;
import org.snn4j.Shape;

/**
 * A grid of small tiles, one per neuron, showing its weights as an image: the receptive-field figure of
 * unsupervised STDP papers (Diehl &amp; Cook 2015, Fig. 2, doi:10.3389/fncom.2015.00099; Kheradpisheh et al. 2018).
 *
 * <p>A tile of a neuron whose pre-synaptic population has shape C x H x W is C blocks of H x W pixels placed side
 * by side (channel 0 on the left), each pixel enlarged {@code scale} times. Tiles are laid out row by row,
 * {@code columns} per row (0 = a near-square grid), separated by light-blue gaps of {@code max(3, scale / 3)} pixels
 * so that neighbouring tiles never merge (channel blocks inside a tile are separated by a thin darker line).
 * {@link #convByMap} draws convolution kernels one labelled row per feature map instead.
 *
 * <p>Thread safety: stateless. Inputs are not modified.
 */
public final class WeightGrid {
    /** Light blue: distinct from every colour map's ends, so tiles never merge with the gaps. */
    static final int GAP_RGB = 0xB4C8E6;
    private static final int CHANNEL_GAP_RGB = 0x8CA0BE;

    private WeightGrid() {
    }

    /**
     * Pictures the receptive fields of a dense layer whose weights are laid out [pre][post]
     * ({@code weights[pre * nPost + post]}).
     *
     * @param weights  dense weights, length {@code preShape.size() * nPost}; not modified
     * @param preShape shape of the pre-synaptic population (C x H x W)
     * @param nPost    number of post-synaptic neurons (tiles)
     * @param norm     how values are scaled to [0, 1]
     * @param map      colour map
     * @param scale    pixels per weight, &gt; 0
     * @param columns  tiles per grid row, or 0 for ceil(sqrt(nPost))
     * @return a new RGB image
     * @throws IllegalArgumentException if a size does not match
     */
    public static BufferedImage dense(float[] weights, Shape preShape, int nPost, Normalisation norm, ColorMap map,
            int scale, int columns) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(preShape, "preShape");
        Draw.positive("nPost", nPost);
        Draw.length("weights", weights, (long) preShape.size() * nPost);
        return grid(weights, nPost, preShape, norm, map, scale, columns, (tile, pre) -> pre * (long) nPost + tile);
    }

    /**
     * Pictures convolution kernels laid out [outC][inC][kH][kW]: one tile per output feature map, made of its
     * inC input-channel blocks side by side.
     *
     * @param weights kernel weights, length {@code outC * inC * kH * kW}; not modified
     * @param outC    number of output feature maps (tiles)
     * @param inC     input channels
     * @param kH      kernel height
     * @param kW      kernel width
     * @param norm    how values are scaled to [0, 1]
     * @param map     colour map
     * @param scale   pixels per weight, &gt; 0
     * @param columns tiles per grid row, or 0 for ceil(sqrt(outC))
     * @return a new RGB image
     */
    public static BufferedImage conv(float[] weights, int outC, int inC, int kH, int kW, Normalisation norm,
            ColorMap map, int scale, int columns) {
        Objects.requireNonNull(weights, "weights");
        Draw.positive("outC", outC);
        Shape tileShape = new Shape(inC, kH, kW);
        int per = tileShape.size();
        Draw.length("weights", weights, (long) outC * per);
        return grid(weights, outC, tileShape, norm, map, scale, columns, (tile, pre) -> (long) tile * per + pre);
    }

    /**
     * Pictures tiles stored one after another ({@code values[tile * shape.size() + i]}), e.g. input images.
     *
     * @param values  tile values, length {@code tiles * shape.size()}; not modified
     * @param shape   shape of one tile
     * @param tiles   number of tiles
     * @param norm    how values are scaled
     * @param map     colour map
     * @param scale   pixels per value
     * @param columns tiles per grid row, or 0
     * @return a new RGB image
     */
    public static BufferedImage tiles(float[] values, Shape shape, int tiles, Normalisation norm, ColorMap map,
            int scale, int columns) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(shape, "shape");
        Draw.positive("tiles", tiles);
        int per = shape.size();
        Draw.length("values", values, (long) tiles * per);
        return grid(values, tiles, shape, norm, map, scale, columns, (tile, pre) -> (long) tile * per + pre);
    }

    /**
     * Pictures convolution kernels laid out [outC][inC][kH][kW] grouped by feature map: one row per output map,
     * labelled "map k" on the left, holding its inC kernels side by side under their channel names, each map
     * contrast-normalised on its own (its smallest weight gets the colour of 0, its largest the colour of 1), so
     * that the pattern a map has learned shows even when all its weights are small.
     *
     * @param weights      kernel weights, length {@code outC * inC * kH * kW}; not modified
     * @param outC         number of output feature maps (rows)
     * @param inC          input channels (columns)
     * @param kH           kernel height
     * @param kW           kernel width
     * @param map          colour map
     * @param scale        pixels per weight, &gt; 0
     * @param channelNames one name per input channel, or {@code null} for "in 0", "in 1", ...
     * @return a new RGB image
     */
    public static BufferedImage convByMap(float[] weights, int outC, int inC, int kH, int kW, ColorMap map,
            int scale, String[] channelNames) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(map, "map");
        Draw.positive("outC", outC);
        Draw.positive("inC", inC);
        Draw.positive("kH", kH);
        Draw.positive("kW", kW);
        Draw.positive("scale", scale);
        int per = inC * kH * kW;
        Draw.length("weights", weights, (long) outC * per);
        if (channelNames != null && channelNames.length != inC) {
            throw new IllegalArgumentException("channelNames must have " + inC + " entries, got " + channelNames.length);
        }
        int label = 52;
        int gap = Math.max(3, scale / 2);
        int bw = kW * scale;
        int bh = kH * scale;
        long width = label + (long) inC * (bw + gap) + gap;
        long height = Draw.LINE + 4 + (long) outC * (bh + gap) + gap;
        Draw.pixels(width, height);
        BufferedImage img = Draw.canvas((int) width, (int) height, Draw.BACKGROUND);
        java.awt.Graphics2D g = Draw.graphics(img);
        try {
            for (int c = 0; c < inC; c++) {
                String name = channelNames != null ? channelNames[c] : "in " + c;
                int x = label + gap + c * (bw + gap);
                Draw.text(g, name, x + Math.max(0, (bw - Draw.textWidth(g, name)) / 2), Draw.LINE, java.awt.Color.BLACK);
            }
            for (int m = 0; m < outC; m++) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int p = 0; p < per; p++) {
                    double v = weights[m * per + p];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                double range = hi - lo;
                int y0 = Draw.LINE + 4 + gap + m * (bh + gap);
                Draw.text(g, "map " + m, 4, y0 + bh / 2 + 4, java.awt.Color.BLACK);
                for (int c = 0; c < inC; c++) {
                    int x0 = label + gap + c * (bw + gap);
                    for (int y = 0; y < kH; y++) {
                        for (int x = 0; x < kW; x++) {
                            double v = weights[m * per + (c * kH + y) * kW + x];
                            Draw.fillRect(img, x0 + x * scale, y0 + y * scale, scale, scale,
                                    map.rgb(range > 0 ? (v - lo) / range : 0.5));
                        }
                    }
                    g.setColor(new java.awt.Color(GAP_RGB));
                    g.drawRect(x0 - 1, y0 - 1, bw + 1, bh + 1);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    @FunctionalInterface
    private interface Index {
        long of(int tile, int pre);
    }

    private static BufferedImage grid(float[] w, int nTiles, Shape shape, Normalisation norm, ColorMap map,
            int scale, int columns, Index index) {
        Objects.requireNonNull(norm, "norm");
        Objects.requireNonNull(map, "map");
        Draw.positive("scale", scale);
        if (columns < 0) {
            throw new IllegalArgumentException("columns must be >= 0 (0 = automatic), got " + columns);
        }
        int cols = columns == 0 ? (int) Math.ceil(Math.sqrt(nTiles)) : Math.min(columns, nTiles);
        int rows = (nTiles + cols - 1) / cols;
        int c = shape.channels();
        int h = shape.height();
        int wd = shape.width();
        int gap = Math.max(3, scale / 3);
        int tileW = (c * wd + (c - 1)) * scale; // a 1-pixel-scaled gap between channel blocks
        int tileH = h * scale;
        long width = (long) cols * tileW + (cols + 1L) * gap;
        long height = (long) rows * tileH + (rows + 1L) * gap;
        Draw.pixels(width, height);
        BufferedImage img = Draw.canvas((int) width, (int) height, GAP_RGB);
        int per = shape.size();
        double gMin = Double.POSITIVE_INFINITY;
        double gMax = Double.NEGATIVE_INFINITY;
        if (norm == Normalisation.GLOBAL) {
            for (int t = 0; t < nTiles; t++) {
                for (int p = 0; p < per; p++) {
                    double v = w[(int) index.of(t, p)];
                    if (v < gMin) {
                        gMin = v;
                    }
                    if (v > gMax) {
                        gMax = v;
                    }
                }
            }
        }
        for (int t = 0; t < nTiles; t++) {
            double lo = 0.0;
            double hi = 1.0;
            if (norm == Normalisation.GLOBAL) {
                lo = gMin;
                hi = gMax;
            } else if (norm == Normalisation.PER_TILE) {
                lo = Double.POSITIVE_INFINITY;
                hi = Double.NEGATIVE_INFINITY;
                for (int p = 0; p < per; p++) {
                    double v = w[(int) index.of(t, p)];
                    if (v < lo) {
                        lo = v;
                    }
                    if (v > hi) {
                        hi = v;
                    }
                }
            }
            double range = hi - lo;
            int x0 = gap + (t % cols) * (tileW + gap);
            int y0 = gap + (t / cols) * (tileH + gap);
            for (int ch = 1; ch < c; ch++) {
                Draw.fillRect(img, x0 + (ch * (wd + 1) - 1) * scale, y0, scale, tileH, CHANNEL_GAP_RGB);
            }
            for (int ch = 0; ch < c; ch++) {
                int bx = x0 + ch * (wd + 1) * scale;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < wd; x++) {
                        double v = w[(int) index.of(t, (ch * h + y) * wd + x)];
                        double u = range > 0 ? (v - lo) / range : (norm == Normalisation.NONE ? v : 0.0);
                        int rgb = map.rgb(u);
                        Draw.fillRect(img, bx + x * scale, y0 + y * scale, scale, scale, rgb);
                    }
                }
            }
        }
        return img;
    }
}
