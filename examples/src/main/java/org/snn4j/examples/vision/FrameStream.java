package org.snn4j.examples.vision;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.snn4j.encoding.FloatImage;

/**
 * An endless stream of gray frames (pixels 0..255) for the viewer and the demo. Not thread-safe.
 */
public interface FrameStream {
    /** The next frame. */
    FloatImage next();

    /**
     * The built-in stream: a bright shape (square, disc or cross, in turn) on a dark background with light
     * pixel noise, which stays at one place for {@code dwell} frames (jittering by up to one pixel) and then
     * jumps to the next of four places.
     *
     * @param dwell frames per place, {@code >= 1}
     * @param seed  seed of the noise and jitter
     */
    static FrameStream movingShapes(int dwell, long seed) {
        if (dwell < 1) {
            throw new IllegalArgumentException("dwell must be >= 1, got " + dwell);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] places = {{20f, 20f}, {44f, 44f}, {44f, 20f}, {20f, 44f}};
        SyntheticFrames.ShapeKind[] kinds = SyntheticFrames.ShapeKind.values();
        return new FrameStream() {
            private int frame;

            @Override
            public FloatImage next() {
                int place = (frame / dwell) % places.length;
                SyntheticFrames.ShapeKind kind = kinds[(frame / dwell / places.length) % kinds.length];
                frame++;
                float jx = rng.nextInt(3) - 1;
                float jy = rng.nextInt(3) - 1;
                return SyntheticFrames.shape(kind, places[place][0] + jx, places[place][1] + jy, 8f, 20f, rng);
            }
        };
    }

    /**
     * The images of a folder (PNG, JPEG, GIF, BMP; sorted by file name), converted to gray (Rec. 601 luma,
     * {@link FloatImage#fromBufferedImage}), repeated in order.
     *
     * @param dir a folder with at least one readable image
     * @throws IllegalArgumentException if the folder has no image, naming the folder
     * @throws UncheckedIOException     if a file cannot be read, naming the file
     */
    static FrameStream folder(Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--images must be a folder, got " + dir);
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(f -> {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".gif")
                        || n.endsWith(".bmp");
            }).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("folder " + dir + " has no .png/.jpg/.jpeg/.gif/.bmp image");
        }
        List<FloatImage> images = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            try {
                BufferedImage img = ImageIO.read(f.toFile());
                if (img == null) {
                    throw new IOException("not a readable image");
                }
                images.add(FloatImage.fromBufferedImage(img));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read image " + f + ": " + e.getMessage(), e);
            }
        }
        return new FrameStream() {
            private int k;

            @Override
            public FloatImage next() {
                FloatImage f = images.get(k);
                k = (k + 1) % images.size();
                return f;
            }
        };
    }
}
