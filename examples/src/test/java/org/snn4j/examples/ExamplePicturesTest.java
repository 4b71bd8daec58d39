package org.snn4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the picture-writing concept examples (Ex03 to Ex07) with {@code --quick} into a temporary folder and
 * checks that each writes the expected PNG files, at the expected size, and that each picture is not blank
 * (at least 1 % of its pixels differ from the colour of its top-left corner, the background).
 */
class ExamplePicturesTest {

    @TempDir
    Path tmp;

    /** One expected picture. */
    private record Expected(String name, int width, int height) {
    }

    private interface Run {
        List<Path> run(ExampleOptions o) throws IOException;
    }

    private static List<Path> quietly(Run run, ExampleOptions o) throws IOException {
        PrintStream old = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return run.run(o);
        } finally {
            System.setOut(old);
        }
    }

    private void check(String example, Run run, Expected... expected) throws IOException {
        Path out = tmp.resolve(example);
        List<Path> written = quietly(run, new ExampleOptions(true, out, null));
        assertThat(written).as("files written by %s", example).hasSize(expected.length);
        for (int k = 0; k < expected.length; k++) {
            Expected e = expected[k];
            Path p = written.get(k);
            assertThat(p).as("%s picture %d", example, k).isEqualTo(out.resolve(e.name())).isRegularFile();
            BufferedImage img = ImageIO.read(p.toFile());
            assertThat(img).as("%s decodes as an image", p).isNotNull();
            // at least the size of the picture's body: titles and colour bars add a font-dependent margin
            assertThat(img.getWidth()).as("width of %s", p).isBetween(e.width(), e.width() + 200);
            assertThat(img.getHeight()).as("height of %s", p).isBetween(e.height(), e.height() + 40);
            int background = img.getRGB(0, 0);
            long differing = 0;
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    if (img.getRGB(x, y) != background) {
                        differing++;
                    }
                }
            }
            assertThat(differing).as("pixels of %s that differ from the background", p)
                    .isGreaterThanOrEqualTo((long) img.getWidth() * img.getHeight() / 100);
        }
    }

    @Test
    void ex03WritesDigitAndRaster() throws IOException {
        check("poisson-encoding", Ex03_PoissonEncoding::run,
                new Expected("digit.png", 224, 224), new Expected("raster.png", 800, 400));
    }

    @Test
    void ex04WritesMapsLatencyAndRaster() throws IOException {
        check("dog-rank-order", Ex04_DogRankOrder::run,
                new Expected("digit.png", 224, 224), new Expected("dog-maps.png", 3 * 168 + 24, 2 * 168 + 44),
                new Expected("latency.png", 3 * 168 + 24, 2 * 168 + 44), new Expected("raster.png", 800, 400));
    }

    @Test
    void ex05WritesWeightsAndMembrane() throws IOException {
        check("dense-stdp", Ex05_DenseStdp::run,
                new Expected("weights.png", 4 * 160 + 5 * 6, 160 + 2 * 6), new Expected("membrane.png", 640, 320));
    }

    @Test
    void ex06WritesKernelsBeforeAndAfter() throws IOException {
        check("conv-stdp-kwta", Ex06_ConvStdpKwta::run,
                new Expected("kernels-before.png", 52 + 6 * 66 + 6, 18 + 8 * 66 + 6),
                new Expected("kernels-after.png", 52 + 6 * 66 + 6, 18 + 8 * 66 + 6));
    }

    @Test
    void ex07WritesAccuracyAndConfusion() throws IOException {
        check("rstdp-readout", Ex07_RStdpReadout::run,
                new Expected("accuracy.png", 640, 400), new Expected("confusion.png", 4 * 48 + 72, 4 * 48 + 72));
    }

    @Test
    void defaultOutputFolderIsResultsSlashName() {
        Ex05_DenseStdp cmd = org.snn4j.cli.Cli.parse(new Ex05_DenseStdp());
        assertThat(cmd.out.dir()).isEqualTo(Path.of("results", "dense-stdp"));
        assertThat(cmd.quick).isFalse();
        assertThat(Files.exists(tmp)).isTrue();
    }
}
