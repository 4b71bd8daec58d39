package org.snn4j;

import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;


/**
 * The shape of a population: {@code channels x height x width}. Neurons are indexed in CHW order,
 * {@code index = (c * height + y) * width + x}. A dense population of {@code n} neurons is {@code 1 x 1 x n}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param channels number of feature maps, at least 1
 * @param height   rows per map, at least 1
 * @param width    columns per map, at least 1
 */
public record Shape(int channels, int height, int width) implements Persistent {

    /** The codec of shapes: {@code channels}, {@code height}, {@code width}. */
    public static final Codec<Shape> CODEC = Codec.of("snn4j.Shape", Shape.class,
            (s, out) -> out.putInt("channels", s.channels()).putInt("height", s.height()).putInt("width", s.width()),
            in -> new Shape(in.getInt("channels"), in.getInt("height"), in.getInt("width")));

    /** Checks every dimension and that the total size fits in an {@code int}. */
    public Shape {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        if (height < 1) {
            throw new IllegalArgumentException("height must be >= 1, got " + height);
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1, got " + width);
        }
        long size = (long) channels * height * width;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + channels + "x" + height + "x" + width
                    + " has " + size + " neurons, more than " + Integer.MAX_VALUE);
        }
    }

    /** A flat population of {@code n} neurons, {@code 1 x 1 x n}. */
    public static Shape flat(int n) {
        return new Shape(1, 1, n);
    }

    /** The number of neurons, {@code channels * height * width}. */
    public int size() {
        return channels * height * width;
    }

    /** The number of neurons in one feature map, {@code height * width}. */
    public int mapSize() {
        return height * width;
    }

    /** The flat CHW index of {@code (c, y, x)}; the arguments are not checked. */
    public int index(int c, int y, int x) {
        return (c * height + y) * width + x;
    }

    /** The channel of a flat index. */
    public int channelOf(int index) {
        return index / (height * width);
    }

    /** The row of a flat index. */
    public int rowOf(int index) {
        return (index / width) % height;
    }

    /** The column of a flat index. */
    public int colOf(int index) {
        return index % width;
    }

    /** {@code "CxHxW"}, as used in error messages. */
    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }

    /** {@return {@link #CODEC}} */
    @Override
    public Codec<?> codec() {
        return CODEC;
    }
}
