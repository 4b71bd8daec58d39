package org.snn4j.plot;

import org.snn4j.io.AtomicFiles;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Writes pictures as PNG files, atomically: the image is written to a temporary file in the target directory
 * and then moved over the target, so a reader never sees a half-written file.
 *
 * <p>Thread safety: stateless; concurrent writes to different paths are safe.
 */
public final class Png {
    private Png() {
    }

    /**
     * Writes {@code image} as a PNG to {@code path}, creating parent directories as needed.
     *
     * @param image the picture; not modified
     * @param path  the target file; replaced if it exists
     * @return {@code path}
     * @throws UncheckedIOException if the file cannot be written
     */
    public static Path write(BufferedImage image, Path path) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(path, "path");
        try {
            AtomicFiles.write(path, out -> {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer for image type " + image.getType());
                }
            });
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write PNG " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Encodes {@code image} as PNG bytes (for tests and for embedding).
     *
     * @param image the picture; not modified
     * @return the PNG bytes
     */
    public static byte[] encode(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
