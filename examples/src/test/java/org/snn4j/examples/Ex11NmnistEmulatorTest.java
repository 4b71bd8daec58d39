package org.snn4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ex11 --quick writes its two pictures and its JSON; the emulated statistics do not depend on the thread count. */
class Ex11NmnistEmulatorTest {

    @TempDir
    Path tmp;

    private static List<Path> quietly(Path out, int threads) throws Exception {
        PrintStream old = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return Ex11_NmnistEmulator.run(true, out, null, null, threads);
        } finally {
            System.setOut(old);
        }
    }

    private static String statistics(Path json) throws Exception {
        String s = Files.readString(json);
        return s.substring(s.indexOf("\"real\""));
    }

    @Test
    void writesPicturesAndJsonIndependentOfThreads() throws Exception {
        List<Path> one = quietly(tmp.resolve("one"), 1);
        assertThat(one).extracting(p -> p.getFileName().toString())
                .containsExactly(Ex11_NmnistEmulator.PAIR_PNG, Ex11_NmnistEmulator.RATE_PNG, Ex11_NmnistEmulator.JSON);
        BufferedImage pair = ImageIO.read(one.get(0).toFile());
        assertThat(pair.getWidth()).isEqualTo(3 * 204 + 4 * 3); // 3 tiles of 34 x 6 px, 3-px gaps
        assertThat(pair.getHeight()).isEqualTo(2 * 204 + 3 * 3);
        BufferedImage rate = ImageIO.read(one.get(1).toFile());
        assertThat(rate.getWidth()).isEqualTo(640);
        assertThat(rate.getHeight()).isEqualTo(400);
        // the pair picture is not blank: many pixels differ from the white of "no events"
        int white = pair.getRGB(3 * 6 + 1, 3 * 6 + 1);
        long differing = 0;
        for (int y = 0; y < pair.getHeight(); y++) {
            for (int x = 0; x < pair.getWidth(); x++) {
                differing += pair.getRGB(x, y) != white ? 1 : 0;
            }
        }
        assertThat(differing).isGreaterThan((long) pair.getWidth() * pair.getHeight() / 20);

        String json = statistics(one.get(2));
        assertThat(json).contains("\"recordings\": 200").contains("\"emulated\"").contains("class_means");
        List<Path> two = quietly(tmp.resolve("two"), 2);
        assertThat(statistics(two.get(2))).isEqualTo(json);
    }
}
