package org.snn4j.encoding.filter;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.snn4j.Shape;
import org.snn4j.encoding.FeatureMaps;

/**
 * A filter from feature maps to feature maps that also states the output shape for an input shape, so a
 * chain can be checked before any image flows through it. Implementations are immutable and thread-safe and
 * return new maps (the input is never modified).
 */
public interface MapFilter extends UnaryOperator<FeatureMaps> {

    /**
     * The output shape for maps of shape {@code in}.
     *
     * @throws IllegalArgumentException if this filter cannot take that shape (the message names both)
     */
    Shape outputShape(Shape in);

    /**
     * Applies the filter.
     *
     * @param in not modified
     * @return new maps of shape {@code outputShape(in.shape())}
     */
    @Override
    FeatureMaps apply(FeatureMaps in);

    /** This filter followed by {@code next}. */
    default MapFilter then(MapFilter next) {
        Objects.requireNonNull(next, "next");
        MapFilter first = this;
        return new MapFilter() {
            @Override
            public Shape outputShape(Shape in) {
                return next.outputShape(first.outputShape(in));
            }

            @Override
            public FeatureMaps apply(FeatureMaps in) {
                return next.apply(first.apply(in));
            }

            @Override
            public String toString() {
                return first + " -> " + next;
            }
        };
    }
}
