package org.snn4j.encoding;

import java.util.Objects;
import org.snn4j.Shape;

/**
 * A stack of float maps, {@code channels x height x width} (the output of a filter bank, the input of a
 * spike code), flat in CHW order: value {@code (c, y, x)} is {@code data()[shape().index(c, y, x)]}, the
 * same order as the neurons of a population of that {@link Shape}.
 *
 * <p>The array is held without copying by {@link #wrap} and returned live by {@link #data()}; the maps are
 * immutable and thread-safe as long as nobody modifies it (filters always allocate a new output).
 */
public final class FeatureMaps {
    private final Shape shape;
    private final float[] data;

    private FeatureMaps(Shape shape, float[] data) {
        this.shape = shape;
        this.data = data;
    }

    /**
     * Wraps {@code data} (not copied).
     *
     * @throws IllegalArgumentException if {@code data.length != shape.size()}
     */
    public static FeatureMaps wrap(Shape shape, float[] data) {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("data.length must be " + shape.size() + " for shape " + shape
                    + ", got " + data.length);
        }
        return new FeatureMaps(shape, data);
    }

    /** New all-zero maps of the given shape. */
    public static FeatureMaps zeros(Shape shape) {
        Objects.requireNonNull(shape, "shape");
        return new FeatureMaps(shape, new float[shape.size()]);
    }

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** Number of channels. */
    public int channels() {
        return shape.channels();
    }

    /** Rows per map. */
    public int height() {
        return shape.height();
    }

    /** Columns per map. */
    public int width() {
        return shape.width();
    }

    /** The live CHW array; do not modify. */
    public float[] data() {
        return data;
    }

    /** Value at {@code (c, y, x)}; not checked beyond the array bounds. */
    public float get(int c, int y, int x) {
        return data[shape.index(c, y, x)];
    }

    /** Channel {@code c} as a new {@link FloatImage} (copied). */
    public FloatImage channel(int c) {
        Objects.checkIndex(c, shape.channels());
        int m = shape.mapSize();
        float[] px = new float[m];
        System.arraycopy(data, c * m, px, 0, m);
        return FloatImage.wrap(shape.width(), shape.height(), px);
    }

    /** Number of values that are not zero. */
    public int countNonZero() {
        int n = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] != 0f) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return "FeatureMaps[" + shape + "]";
    }
}
