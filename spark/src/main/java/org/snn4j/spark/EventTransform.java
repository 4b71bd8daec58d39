package org.snn4j.spark;

import java.io.Serializable;
import org.snn4j.encoding.aer.EventTransforms;
import org.snn4j.encoding.aer.Events;

/**
 * One of snn4j's event transforms ({@link EventTransforms}) as a serialisable step, applied on the executors after
 * decoding. The factories below name each transform of {@link EventTransforms} with its parameters; a user's own
 * transform is any serialisable lambda, {@code (EventTransform) e -> ...}.
 */
@FunctionalInterface
public interface EventTransform extends Serializable {

    /**
     * Applies the transform.
     *
     * @param e the events; not modified
     * @return new events
     */
    Events apply(Events e);

    /** {@link EventTransforms#crop}: the window {@code [x0, x0 + w) x [y0, y0 + h)}, moved to the origin. */
    static EventTransform crop(int x0, int y0, int w, int h) {
        return e -> EventTransforms.crop(e, x0, y0, w, h);
    }

    /** {@link EventTransforms#downsample}: integer division of the coordinates by {@code fx}, {@code fy}. */
    static EventTransform downsample(int fx, int fy) {
        return e -> EventTransforms.downsample(e, fx, fy);
    }

    /** {@link EventTransforms#flipX}. */
    static EventTransform flipX() {
        return EventTransforms::flipX;
    }

    /** {@link EventTransforms#flipY}. */
    static EventTransform flipY() {
        return EventTransforms::flipY;
    }

    /** {@link EventTransforms#timeSlice}: events with {@code fromUs <= t < toUs}. */
    static EventTransform timeSlice(long fromUs, long toUs) {
        return e -> EventTransforms.timeSlice(e, fromUs, toUs);
    }

    /** {@link EventTransforms#mergePolarity}: every event ON. */
    static EventTransform mergePolarity() {
        return EventTransforms::mergePolarity;
    }

    /** {@link EventTransforms#denoise}: drops events without a neighbour event within {@code windowUs}. */
    static EventTransform denoise(long windowUs) {
        return e -> EventTransforms.denoise(e, windowUs);
    }

    /** {@link EventTransforms#refractory}: drops a pixel's events closer than {@code periodUs} to its last kept one. */
    static EventTransform refractory(long periodUs) {
        return e -> EventTransforms.refractory(e, periodUs);
    }
}
