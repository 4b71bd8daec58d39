package org.snn4j.examples.vision;

import java.util.List;
import java.util.Objects;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.encoding.FeatureMaps;
import org.snn4j.encoding.FloatImage;
import org.snn4j.encoding.RankOrder;
import org.snn4j.encoding.filter.Convolution;
import org.snn4j.encoding.filter.Downsample;
import org.snn4j.encoding.filter.Kernel;

/**
 * The input stage of the vision demo: a gray image (0..255, any size) is area-averaged to {@code 64 x 64}
 * ({@link Downsample}), filtered by the 5x5 Mexican-hat ON/OFF pair ({@link Kernel#mexicanHatPair()},
 * zero padding 2, so both maps stay {@code 64 x 64}), and the {@code 2 x 64 x 64 = 8,192} contrast values
 * are rank-order coded into 256 intensity bins fed in descending order
 * ({@link RankOrder#intensityLevels(int, float)} with top level {@code contrastMax}, optionally only the
 * first {@code keepBins}): a contrast {@code c > 0} fires at step {@code 255 - min(255, floor(256 c / contrastMax))},
 * non-positive contrasts never fire. Input {@code i} is channel {@code i / 4096} (0 = ON, 1 = OFF), row
 * {@code (i % 4096) / 64}, column {@code i % 64}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ContrastEncoder {
    /** The input shape of the network: 2 x 64 x 64. */
    public static final Shape SHAPE = new Shape(2, VisionParameters.SIZE, VisionParameters.SIZE);

    private final Downsample downsample = new Downsample(VisionParameters.SIZE, VisionParameters.SIZE);
    private final Convolution filter = new Convolution(List.of(Kernel.mexicanHatPair()), 2);
    private final RankOrder code;

    /**
     * @param contrastMax contrast mapped to the brightest bin, {@code > 0}
     * @param keepBins    bins fed, {@code 1..256}
     */
    public ContrastEncoder(float contrastMax, int keepBins) {
        this.code = RankOrder.intensityLevels(VisionParameters.BINS, contrastMax).keepFirst(keepBins);
    }

    /** An encoder with the input parameters of {@code p}. */
    public ContrastEncoder(VisionParameters p) {
        this(p.contrastMax(), p.keepBins());
    }

    /**
     * The ON/OFF contrast maps of a frame.
     *
     * @param frame gray image, pixels 0..255, any size; not modified
     * @return new maps of shape {@link #SHAPE}
     */
    public FeatureMaps contrast(FloatImage frame) {
        Objects.requireNonNull(frame, "frame");
        FeatureMaps in = frame.asMaps();
        if (frame.width() != VisionParameters.SIZE || frame.height() != VisionParameters.SIZE) {
            in = downsample.apply(in);
        }
        return filter.apply(in);
    }

    /** Rank-order codes contrast maps of shape {@link #SHAPE}. */
    public EventSource encode(FeatureMaps contrast) {
        Objects.requireNonNull(contrast, "contrast");
        if (!contrast.shape().equals(SHAPE)) {
            throw new IllegalArgumentException("contrast maps must be " + SHAPE + ", got " + contrast.shape());
        }
        return code.encode(contrast.data());
    }

    /** {@link #contrast} then {@link #encode(FeatureMaps)}. */
    public EventSource encode(FloatImage frame) {
        return encode(contrast(frame));
    }

    /** Number of steps of an encoded frame ({@code keepBins}). */
    public int steps() {
        return code.steps();
    }
}
