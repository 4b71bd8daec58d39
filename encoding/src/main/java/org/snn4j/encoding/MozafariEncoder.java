package org.snn4j.encoding;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.encoding.filter.Convolution;
import org.snn4j.encoding.filter.DogBanks;
import org.snn4j.encoding.filter.LocalNormalization;

/**
 * The input pipeline of Mozafari et al. 2019 (Pattern Recognition 94:87, doi:10.1016/j.patcog.2019.05.015)
 * and Kheradpisheh et al. 2018 as one encoder: grayscale image (pixels 0..255) -&gt; DoG bank with padding
 * and threshold ({@link Convolution}) -&gt; {@link LocalNormalization} -&gt; {@link RankOrder} equal-count
 * latency code. {@link #mozafari2019()}: 6 DoG kernels, padding 6, threshold 50, radius 8, 15 steps: a
 * 28x28 digit becomes a 6x28x28 source of 15 steps in which each input fires at most once (see
 * {@link RankOrder} for how that matches SpykeTorch's cumulative spike wave). The extra zero padding of 2
 * that SpykeTorch adds before the first convolution is <em>not</em> applied here: it belongs to the
 * network (the first conv layer's padding).
 *
 * <p>Immutable and thread-safe; {@link #encode} ignores the generator (the code is deterministic).
 */
public final class MozafariEncoder implements Encoder<FloatImage> {
    private final int height;
    private final int width;
    private final Convolution dog;
    private final LocalNormalization norm;
    private final RankOrder code;
    private final Shape inShape;
    private final Shape outShape;

    /**
     * A custom pipeline for {@code height x width} images.
     *
     * @param dog  the filter bank (one input channel)
     * @param norm local normalisation
     * @param code the latency code
     */
    public MozafariEncoder(int height, int width, Convolution dog, LocalNormalization norm, RankOrder code) {
        this.dog = Objects.requireNonNull(dog, "dog");
        this.norm = Objects.requireNonNull(norm, "norm");
        this.code = Objects.requireNonNull(code, "code");
        this.inShape = new Shape(1, height, width);
        this.height = height;
        this.width = width;
        this.outShape = dog.outputShape(inShape);
    }

    /** Mozafari 2019 on 28x28 digits: 6 DoG, padding 6, threshold 50, norm radius 8, 15 steps; 6x28x28 out. */
    public static MozafariEncoder mozafari2019() {
        return new MozafariEncoder(28, 28, DogBanks.mozafariFilter(), LocalNormalization.mozafari(),
                RankOrder.equalCount(15));
    }

    /** Kheradpisheh 2018 on 28x28 digits: 2 DoG (7,1,2),(7,2,1), padding 3, threshold 50, radius 8, 15 steps. */
    public static MozafariEncoder kheradpisheh2018() {
        return new MozafariEncoder(28, 28, DogBanks.kheradpishehFilter(), LocalNormalization.mozafari(),
                RankOrder.equalCount(15));
    }

    @Override
    public Shape outputShape() {
        return outShape;
    }

    /** Number of steps of the produced sources. */
    public int steps() {
        return code.steps();
    }

    /**
     * The filtered, normalised maps before the latency code (for inspection and tests).
     *
     * @throws IllegalArgumentException if the image is not {@code height x width}
     */
    public FeatureMaps filter(FloatImage image) {
        Objects.requireNonNull(image, "image");
        if (image.height() != height || image.width() != width) {
            throw new IllegalArgumentException("encoder expects " + width + "x" + height + " images, got "
                    + image.width() + "x" + image.height());
        }
        return norm.apply(dog.apply(image.asMaps()));
    }

    /** {@inheritDoc} The generator is ignored and may be {@code null}. */
    @Override
    public EventSource encode(FloatImage image, RandomGenerator rng) {
        return code.encode(filter(image));
    }

    /** {@link #encode(FloatImage, RandomGenerator)} without a generator. */
    public EventSource encode(FloatImage image) {
        return code.encode(filter(image));
    }
}
