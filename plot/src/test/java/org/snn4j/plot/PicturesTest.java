package org.snn4j.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.Shape;

class PicturesTest {

    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble();
        }
        return a;
    }

    /** Not blank: some pixel differs from the top-left (background / border) pixel's colour, and from white. */
    static void assertNotBlank(BufferedImage img) {
        int bg = img.getRGB(img.getWidth() / 2, img.getHeight() / 2);
        int distinct = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (img.getRGB(x, y) != bg) {
                    distinct++;
                }
            }
        }
        assertThat(distinct).as("pixels differing from the centre colour").isGreaterThan(0);
    }

    static void assertSame(BufferedImage a, BufferedImage b) {
        assertThat(a.getWidth()).isEqualTo(b.getWidth());
        assertThat(a.getHeight()).isEqualTo(b.getHeight());
        int[] pa = a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth());
        int[] pb = b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth());
        assertThat(pa).isEqualTo(pb);
    }

    @Test
    void denseGridSizeAndContent() {
        Shape pre = new Shape(1, 28, 28);
        float[] w = random(784 * 10, 1);
        BufferedImage img = WeightGrid.dense(w, pre, 10, Normalisation.PER_TILE, ColorMap.GRAY, 2, 0);
        // 10 tiles -> 4 columns x 3 rows; tile 56x56; 3-pixel white gaps
        assertThat(img.getWidth()).isEqualTo(4 * 56 + 5 * 3);
        assertThat(img.getHeight()).isEqualTo(3 * 56 + 4 * 3);
        assertThat(img.getRGB(3 + 56 + 1, 10) & 0xFFFFFF).as("gap between tiles").isEqualTo(WeightGrid.GAP_RGB);
        assertNotBlank(img);
        assertSame(img, WeightGrid.dense(w, pre, 10, Normalisation.PER_TILE, ColorMap.GRAY, 2, 0));
    }

    @Test
    void denseGridPixelIsTheWeightOfItsNeuron() {
        // 2 pre (1x1x2), 3 post; weights [pre][post]
        float[] w = {0f, 1f, 0.5f, 1f, 0f, 0.5f};
        BufferedImage img = WeightGrid.dense(w, new Shape(1, 1, 2), 3, Normalisation.NONE, ColorMap.GRAY, 1, 3);
        // tile t at x = 3 + t*5 (3-pixel gaps), pre p at +p
        assertThat(img.getRGB(3, 3) & 0xFFFFFF).isEqualTo(0x000000); // post 0, pre 0 -> 0
        assertThat(img.getRGB(4, 3) & 0xFFFFFF).isEqualTo(0xFFFFFF); // post 0, pre 1 -> 1
        assertThat(img.getRGB(8, 3) & 0xFFFFFF).isEqualTo(0xFFFFFF); // post 1, pre 0 -> 1
        assertThat(img.getRGB(9, 3) & 0xFFFFFF).isEqualTo(0x000000);
        assertThat(img.getRGB(13, 3) & 0xFFFFFF).isEqualTo(0x808080); // 0.5 -> 128
    }

    @Test
    void globalNormalisationUsesOneRange() {
        float[] w = {0f, 2f, 1f, 4f}; // [pre][post], 2 pre, 2 post: post0 = {0,1}, post1 = {2,4}
        BufferedImage img = WeightGrid.dense(w, new Shape(1, 1, 2), 2, Normalisation.GLOBAL, ColorMap.GRAY, 1, 2);
        assertThat(img.getRGB(3, 3) & 0xFF).isEqualTo(0);
        assertThat(img.getRGB(4, 3) & 0xFF).isEqualTo(64); // 1/4
        assertThat(img.getRGB(9, 3) & 0xFF).isEqualTo(255);
        BufferedImage per = WeightGrid.dense(w, new Shape(1, 1, 2), 2, Normalisation.PER_TILE, ColorMap.GRAY, 1, 2);
        assertThat(per.getRGB(4, 3) & 0xFF).isEqualTo(255);
    }

    @Test
    void convKernelGrid() {
        float[] w = random(8 * 2 * 5 * 5, 2);
        BufferedImage img = WeightGrid.conv(w, 8, 2, 5, 5, Normalisation.PER_TILE, ColorMap.HOT, 3, 4);
        // tile width (2*5 + 1) * 3 = 33, height 15; 4 columns, 2 rows; 3-pixel gaps
        assertThat(img.getWidth()).isEqualTo(4 * 33 + 5 * 3);
        assertThat(img.getHeight()).isEqualTo(2 * 15 + 3 * 3);
        assertNotBlank(img);
    }

    @Test
    void convByMapNormalisesEachMapOnItsOwn() {
        // 2 maps x 1 channel x 1x2: map 0 = {0.01, 0.02} (small weights), map 1 = {0, 1}
        float[] w = {0.01f, 0.02f, 0f, 1f};
        BufferedImage img = WeightGrid.convByMap(w, 2, 1, 1, 2, ColorMap.GRAY, 10, new String[] {"ON"});
        int gap = 5;
        int x0 = 52 + gap;
        int y0 = 14 + 4 + gap;
        assertThat(img.getRGB(x0 + 2, y0 + 2) & 0xFF).as("map 0 min").isEqualTo(0);
        assertThat(img.getRGB(x0 + 12, y0 + 2) & 0xFF).as("map 0 max").isEqualTo(255);
        assertThat(img.getRGB(x0 + 12, y0 + 10 + gap + 2) & 0xFF).as("map 1 max").isEqualTo(255);
        assertThatThrownBy(() -> WeightGrid.convByMap(w, 2, 1, 1, 2, ColorMap.GRAY, 10, new String[2]))
                .hasMessageContaining("channelNames");
    }

    @Test
    void heatMap() {
        float[] m = random(12 * 7, 3);
        BufferedImage img = HeatMap.of(m, 12, 7, ColorMap.HOT, 4);
        assertThat(img.getWidth()).isEqualTo(28);
        assertThat(img.getHeight()).isEqualTo(48);
        assertNotBlank(img);
        assertSame(img, HeatMap.of(m, 12, 7, ColorMap.HOT, 4));
    }

    @Test
    void spikeRaster() {
        int[] steps = {0, 5, 10, 50, 99};
        int[] neurons = {0, 3, 7, 2, 9};
        BufferedImage img = SpikeRaster.of(steps, neurons, 5, 100, 10, 300, 120);
        assertThat(img.getWidth()).isEqualTo(300);
        assertThat(img.getHeight()).isEqualTo(120);
        // a spike dot is black inside the plot area
        int x = 52 + 50 * (300 - 62) / 100;
        int y = 22 + 2 * (120 - 56) / 10;
        assertThat(img.getRGB(x, y) & 0xFFFFFF).isEqualTo(0);
        assertSame(img, SpikeRaster.of(steps, neurons, 5, 100, 10, 300, 120));
    }

    @Test
    void lineChart() {
        double[] acc = {0.5, 0.7, 0.8, 0.85};
        float[] v = random(200, 4);
        BufferedImage img = LineChart.of("accuracy", "epoch", "acc",
                List.of(LineChart.Series.of("test", acc), LineChart.Series.of("v", v, 0.0, 0.5)), Double.NaN,
                Double.NaN, 400, 250);
        assertThat(img.getWidth()).isEqualTo(400);
        assertThat(img.getHeight()).isEqualTo(250);
        int coloured = 0;
        for (int y = 0; y < 250; y++) {
            for (int x = 0; x < 400; x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                int r = rgb >> 16;
                int b = rgb & 0xFF;
                if (b > r + 60) {
                    coloured++; // the first series is blue
                }
            }
        }
        assertThat(coloured).isGreaterThan(20);
        assertSame(img, LineChart.of("accuracy", "epoch", "acc",
                List.of(LineChart.Series.of("test", acc), LineChart.Series.of("v", v, 0.0, 0.5)), Double.NaN,
                Double.NaN, 400, 250));
    }

    @Test
    void confusionMatrix() {
        int[][] counts = new int[10][10];
        for (int i = 0; i < 10; i++) {
            counts[i][i] = 90;
            counts[i][(i + 1) % 10] = 10;
        }
        BufferedImage img = ConfusionMatrixPlot.of(counts, null, 30);
        assertThat(img.getWidth()).isEqualTo(10 * 30 + 72);
        assertThat(img.getHeight()).isEqualTo(10 * 30 + 72);
        // a diagonal cell corner is dark blue, an empty off-diagonal cell is white
        assertThat(img.getRGB(36 + 1, 36 + 1) & 0xFFFFFF).isEqualTo(ColorMap.BLUES.rgb(0.9));
        assertThat(img.getRGB(36 + 5 * 30 + 1, 36 + 1) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void pngWriteIsReadableAndAtomic(@TempDir Path dir) throws Exception {
        BufferedImage img = HeatMap.of(random(16, 5), 4, 4, ColorMap.GRAY, 3);
        Path p = dir.resolve("sub/a.png");
        Png.write(img, p);
        Png.write(img, p); // replaces
        BufferedImage back = ImageIO.read(p.toFile());
        assertSame(img, back);
        try (var s = Files.list(p.getParent())) {
            assertThat(s.map(f -> f.getFileName().toString())).containsExactly("a.png");
        }
    }

    @Test
    void figuresAddTitlesColourBarsAndCaptions() {
        BufferedImage body = HeatMap.of(random(10 * 10, 4), 10, 10, ColorMap.HOT, 4);
        BufferedImage t = Figure.titled("a title", body);
        assertThat(t.getWidth()).isGreaterThanOrEqualTo(body.getWidth());
        assertThat(t.getHeight()).isGreaterThan(body.getHeight());
        BufferedImage bar = Figure.withColorBar(body, ColorMap.HOT, 0.0, 2.5, "value (mV)");
        assertThat(bar.getWidth()).isGreaterThan(body.getWidth() + 14);
        // the bar's top is the colour of 1, its bottom the colour of 0
        int bx = body.getWidth() + 6 + 7;
        int by = (bar.getHeight() - Math.max(40, body.getHeight() - 12)) / 2;
        assertThat(bar.getRGB(bx, by) & 0xFFFFFF).isEqualTo(ColorMap.HOT.rgb(1.0));
        assertThat(bar.getRGB(bx, by + Math.max(40, body.getHeight() - 12) - 1) & 0xFFFFFF).isEqualTo(ColorMap.HOT.rgb(0.0));
        BufferedImage p = Figure.panels(List.of(body, body, body), List.of("a", "b", "c"), 2);
        assertThat(p.getWidth()).isEqualTo(6 + 2 * (body.getWidth() + 12));
        assertNotBlank(p);
        assertThatThrownBy(() -> Figure.panels(List.of(body), List.of(), 1)).hasMessageContaining("captions");
    }

    @Test
    void niceTicksCoverTheRangeInRoundSteps() {
        assertThat(Draw.niceTicks(0.08, 0.93, 5)).containsExactly(0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0);
        assertThat(Draw.niceTicks(1, 40, 5)).containsExactly(0.0, 10.0, 20.0, 30.0, 40.0);
        assertThat(Draw.niceStep(0.3)).isEqualTo(0.5);
    }

    @Test
    void badInputNamesTheField() {
        assertThatThrownBy(() -> WeightGrid.dense(new float[5], new Shape(1, 2, 2), 2, Normalisation.GLOBAL,
                ColorMap.GRAY, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weights must have length 8, got 5");
        assertThatThrownBy(() -> HeatMap.of(new float[4], 2, 2, ColorMap.GRAY, 0))
                .hasMessageContaining("scale must be > 0, got 0");
        assertThatThrownBy(() -> ConfusionMatrixPlot.of(new int[][] {{1, 2}, {3}}, null, 20))
                .hasMessageContaining("row 1 has length 1");
    }
}
