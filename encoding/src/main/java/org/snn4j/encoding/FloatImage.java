package org.snn4j.encoding;

import org.snn4j.internal.Checks;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.Objects;
import org.snn4j.Shape;

/**
 * A grayscale image with float pixels, row-major: pixel {@code (x, y)} is {@code data()[y * width + x]}.
 * The scale is the caller's: {@link #fromUnsignedBytes} and {@link #fromBufferedImage} give 0..255, as the
 * Mozafari/Kheradpisheh presets expect.
 *
 * <p>The pixel array is held without copying by {@link #wrap} and returned live by {@link #data()}; an
 * image is immutable and thread-safe as long as nobody modifies that array (no snn4j class does).
 */
public final class FloatImage {
    private final int width;
    private final int height;
    private final float[] data;

    private FloatImage(int width, int height, float[] data) {
        this.width = width;
        this.height = height;
        this.data = data;
    }

    /**
     * Wraps {@code data} (not copied) as a {@code width x height} image.
     *
     * @throws IllegalArgumentException if a size is {@code < 1} or {@code data.length != width * height}
     */
    public static FloatImage wrap(int width, int height, float[] data) {
        Objects.requireNonNull(data, "data");
        checkSize(width, height, data.length);
        return new FloatImage(width, height, data);
    }

    /** A copy of {@code data} as a {@code width x height} image; {@code data} is not modified. */
    public static FloatImage of(int width, int height, float[] data) {
        Objects.requireNonNull(data, "data");
        checkSize(width, height, data.length);
        return new FloatImage(width, height, data.clone());
    }

    /**
     * An image from unsigned bytes (0..255, e.g. an MNIST digit), row-major.
     *
     * @param data   {@code width * height} bytes read as unsigned; not modified
     * @param offset index of the first pixel in {@code data}
     */
    public static FloatImage fromUnsignedBytes(int width, int height, byte[] data, int offset) {
        Objects.requireNonNull(data, "data");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("width and height must be >= 1, got " + width + "x" + height);
        }
        long n = (long) width * height;
        if (offset < 0 || offset + n > data.length) {
            throw new IllegalArgumentException("need " + n + " bytes from offset " + offset + ", data has "
                    + data.length);
        }
        float[] px = new float[(int) n];
        for (int i = 0; i < px.length; i++) {
            px[i] = data[offset + i] & 0xFF;
        }
        return new FloatImage(width, height, px);
    }

    /** {@link #fromUnsignedBytes(int, int, byte[], int)} from offset 0. */
    public static FloatImage fromUnsignedBytes(int width, int height, byte[] data) {
        return fromUnsignedBytes(width, height, data, 0);
    }

    /**
     * An image from a {@link BufferedImage}, with pixels 0..255.
     *
     * <p>Single-band gray images ({@code TYPE_BYTE_GRAY}, and 16-bit gray scaled by 255/65535) are read
     * as they are. Any other image is converted to <b>Rec. 601 luma</b> on its gamma-encoded sRGB values,
     * {@code Y' = 0.299 R' + 0.587 G' + 0.114 B'} (ITU-R BT.601; the same weights as PIL's
     * {@code convert("L")}, without its rounding to integers). Alpha is ignored.
     */
    public static FloatImage fromBufferedImage(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        int w = image.getWidth();
        int h = image.getHeight();
        float[] px = new float[Checks.arraySize("image width x height", w, h)];
        int type = image.getType();
        if (type == BufferedImage.TYPE_BYTE_GRAY || type == BufferedImage.TYPE_USHORT_GRAY) {
            Raster r = image.getRaster();
            float scale = type == BufferedImage.TYPE_BYTE_GRAY ? 1f : 255f / 65535f;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    px[y * w + x] = r.getSample(x, y, 0) * scale;
                }
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    int argb = row[x];
                    int red = (argb >>> 16) & 0xFF;
                    int green = (argb >>> 8) & 0xFF;
                    int blue = argb & 0xFF;
                    px[y * w + x] = (float) (0.299 * red + 0.587 * green + 0.114 * blue);
                }
            }
        }
        return new FloatImage(w, h, px);
    }

    private static void checkSize(int width, int height, int length) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1, got " + width);
        }
        if (height < 1) {
            throw new IllegalArgumentException("height must be >= 1, got " + height);
        }
        if ((long) width * height != length) {
            throw new IllegalArgumentException("data.length must be width * height = " + ((long) width * height)
                    + ", got " + length);
        }
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /** The live pixel array, row-major; do not modify. */
    public float[] data() {
        return data;
    }

    /** Pixel {@code (x, y)}; arguments are not checked beyond the array bounds. */
    public float get(int x, int y) {
        return data[y * width + x];
    }

    /** This image as a one-channel {@link FeatureMaps} of shape {@code 1 x height x width}, sharing the array. */
    public FeatureMaps asMaps() {
        return FeatureMaps.wrap(new Shape(1, height, width), data);
    }

    @Override
    public String toString() {
        return "FloatImage[" + width + "x" + height + "]";
    }
}
