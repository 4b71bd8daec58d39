package org.snn4j.gradient;

/**
 * What a forward pass is for: training (dropout active, batch statistics) or inference, and the seed of this
 * sample's randomness (dropout masks), derived from the trainer's seed and the sample so that results do not
 * depend on which thread ran the sample.
 *
 * @param training whether this is a training pass
 * @param seed     the sample's seed
 */
public record Pass(boolean training, long seed) {

    /** An inference pass (no randomness is used). */
    public static Pass inference() {
        return new Pass(false, 0L);
    }
}
