package org.snn4j.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        Path abs = path.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer for image type " + image.getType());
                }
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write PNG " + path + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort clean-up of the temporary file
                }
            }
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
