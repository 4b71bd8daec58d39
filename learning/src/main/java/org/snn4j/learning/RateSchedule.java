package org.snn4j.learning;

import java.util.Objects;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;

/**
 * How a rule's learning rates change as training progresses. Called by the rule once per learning
 * sample and per feature map, <em>before</em> that sample's update; it returns the rates to use from
 * then on (for this sample too).
 *
 * <p>Implementations must be pure functions of their arguments (no hidden state), so that training is
 * reproducible.
 */
@FunctionalInterface
public interface RateSchedule {

    /**
     * @param sample  the 1-based number of the learning sample about to be applied
     * @param current the rates in use so far
     * @return the rates to use from this sample on (may be {@code current})
     */
    StdpRates next(long sample, StdpRates current);

    /**
     * Whether {@link #next} may return other rates than {@code current} for learning sample {@code sample}: a
     * rule calls {@link #next} only for the samples where this is true, so it builds no {@link StdpRates} per
     * feature map and sample in between. Must be true wherever {@link #next} can change the rates; the default is
     * always true.
     *
     * @param sample the 1-based number of the learning sample about to be applied
     */
    default boolean changesAt(long sample) {
        return true;
    }

    /** Rates never change. */
    static RateSchedule constant() {
        return Constant.INSTANCE;
    }

    /**
     * Mozafari et al. 2019 (as in SpykeTorch's MozafariDeep.py): every {@code every} samples (samples
     * {@code every, 2*every, ...}), {@code aPlus <- min(2 * aPlus, cap)} and
     * {@code aMinus <- ratio * aPlus}, in float arithmetic. The paper uses {@code every = 500},
     * {@code cap = 0.15}, {@code ratio = -0.75}.
     *
     * @param every samples between doublings, {@code >= 1}
     * @param cap   the largest {@code aPlus}, finite
     * @param ratio {@code aMinus / aPlus} after a doubling, finite
     */
    static RateSchedule doubling(int every, float cap, float ratio) {
        return new Doubling(every, cap, ratio);
    }

    /** The schedule that never changes the rates. */
    enum Constant implements RateSchedule, Persistent {
        /** The only instance. */
        INSTANCE;

        @Override
        public Codec<?> codec() {
            return LearningCodecs.CONSTANT_SCHEDULE;
        }

        @Override
        public StdpRates next(long sample, StdpRates current) {
            return current;
        }

        /** False: the rates never change. */
        @Override
        public boolean changesAt(long sample) {
            return false;
        }
    }

    /**
     * The doubling schedule of {@link #doubling(int, float, float)}.
     *
     * @param every samples between doublings, {@code >= 1}
     * @param cap   the largest {@code aPlus}
     * @param ratio {@code aMinus / aPlus} after a doubling
     */
    record Doubling(int every, float cap, float ratio) implements RateSchedule, Persistent {
        @Override
        public Codec<?> codec() {
            return LearningCodecs.DOUBLING_SCHEDULE;
        }

        /** Checks the parameters. */
        public Doubling {
            if (every < 1) {
                throw new IllegalArgumentException("every must be >= 1, got " + every);
            }
            if (!Float.isFinite(cap)) {
                throw new IllegalArgumentException("cap must be finite, got " + cap);
            }
            if (!Float.isFinite(ratio)) {
                throw new IllegalArgumentException("ratio must be finite, got " + ratio);
            }
        }

        /** True every {@code every} samples (the doublings). */
        @Override
        public boolean changesAt(long sample) {
            return sample % every == 0;
        }

        @Override
        public StdpRates next(long sample, StdpRates current) {
            Objects.requireNonNull(current, "current");
            if (sample % every != 0) {
                return current;
            }
            float ap = Math.min(current.aPlus() * 2f, cap);
            return new StdpRates(ap, ap * ratio);
        }
    }
}
