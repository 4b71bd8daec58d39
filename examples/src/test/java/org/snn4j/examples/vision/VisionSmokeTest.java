package org.snn4j.examples.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code VisionDemo --quick --headless} and the headless viewer: files exist, right size, not blank. */
class VisionSmokeTest {

    private static void assertNotBlank(Path png, int width, int height) throws IOException {
        assertThat(png).exists();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).isNotNull();
        if (width > 0) {
            assertThat(img.getWidth()).isEqualTo(width);
            assertThat(img.getHeight()).isEqualTo(height);
        }
        int first = img.getRGB(0, 0);
        int different = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                if (img.getRGB(x, y) != first) {
                    different++;
                }
            }
        }
        assertThat(different).as("pixels differing from the corner in %s", png).isGreaterThan(100);
    }

    @Test
    void motifDemoWritesPicturesAndResults(@TempDir Path dir) throws IOException {
        String json = VisionDemo.run(new String[] {"--quick", "--headless", "--out", dir.toString()});
        assertThat(json).contains("\"experiment\":\"motif\"").contains("\"pruning\":[");
        assertThat(Files.readString(dir.resolve("results.json"))).contains(json);
        // 8 outputs: 3x3 grid of (ON, 1 px, OFF) = 129 x 64 tiles with 3 px gaps
        assertNotBlank(dir.resolve("receptive-fields.png"), 3 * 129 + 4 * 3, 3 * 64 + 4 * 3);
        assertNotBlank(dir.resolve("final.png"), 0, 0);
        assertNotBlank(dir.resolve("dashboard-000050.png"), 0, 0);
        assertNotBlank(dir.resolve("dashboard-000150.png"), 0, 0);
    }

    @Test
    void movingDemoRuns(@TempDir Path dir) throws IOException {
        String json = VisionDemo.run(new String[] {"--quick", "--experiment", "moving", "--neurons", "4", "--out",
                dir.toString()});
        assertThat(json).contains("\"experiment\":\"moving\"");
        assertNotBlank(dir.resolve("receptive-fields.png"), 2 * 129 + 3 * 3, 2 * 64 + 3 * 3);
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> VisionDemo.run(new String[] {"--experiment", "spiral"}))
                .hasMessageContaining("--experiment").hasMessageContaining("MOTIF, MOVING").hasMessageContaining("'spiral'");
        assertThatThrownBy(() -> VisionDemo.run(new String[] {"--neurons", "0", "--quick"}))
                .hasMessageContaining("'--neurons': expected an integer >= 1, got '0'");
        assertThatThrownBy(() -> VisionDemo.run(new String[] {"--frames"})).hasMessageContaining("missing required parameter for option '--frames'");
        assertThatThrownBy(() -> VisionDemo.run(new String[] {"--colour", "red"})).hasMessageContaining("unknown option").hasMessageContaining("'--colour'");
    }

    @Test
    void headlessViewerWritesTheDashboardEveryKFrames(@TempDir Path dir) throws Exception {
        VisionViewer.main(new String[] {"--quick", "--headless", "--frames", "30", "--every", "10", "--out",
                dir.toString()});
        assertNotBlank(dir.resolve("viewer-000010.png"), 0, 0);
        assertNotBlank(dir.resolve("viewer-000030.png"), 0, 0);
        try (var s = Files.list(dir)) {
            assertThat(s.count()).isEqualTo(3);
        }
    }

    @Test
    void viewerReadsAFolderOfImages(@TempDir Path dir) throws Exception {
        Path images = Files.createDirectory(dir.resolve("images"));
        SplittableRandom rng = new SplittableRandom(1);
        for (int k = 0; k < 3; k++) {
            BufferedImage img = new BufferedImage(96, 80, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 80; y++) {
                for (int x = 0; x < 96; x++) {
                    img.setRGB(x, y, rng.nextInt(0x1000000));
                }
            }
            ImageIO.write(img, "png", images.resolve("f" + k + ".png").toFile());
        }
        Files.writeString(images.resolve("notes.txt"), "ignored");
        Path out = dir.resolve("out");
        VisionViewer.main(new String[] {"--headless", "--images", images.toString(), "--frames", "6", "--every", "3",
                "--neurons", "4", "--out", out.toString()});
        assertNotBlank(out.resolve("viewer-000006.png"), 0, 0);
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThatThrownBy(() -> FrameStream.folder(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no .png");
        Files.writeString(empty.resolve("bad.png"), "not a png");
        assertThatThrownBy(() -> FrameStream.folder(empty)).hasMessageContaining("bad.png");
        assertThat(new File(out.toFile(), "viewer-000003.png")).exists();
    }
}
