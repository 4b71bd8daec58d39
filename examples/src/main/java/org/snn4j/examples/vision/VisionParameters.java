package org.snn4j.examples.vision;

/**
 * Parameters of a {@link VisionNetwork}. Potentials in mV (a weight of 1 adds 1 mV), times in steps of
 * 1 ms (one intensity bin per step). Immutable and thread-safe; every field is checked in the compact
 * constructor.
 *
 * @param neurons              number of output neurons {@code N}, {@code >= 1}
 * @param keepBins             how many of the 256 intensity bins are fed (the first, brightest ones),
 *                             {@code 1..256}
 * @param contrastMax          contrast (in gray levels of the 0..255 image) mapped to the brightest bin;
 *                             larger contrasts are clipped to it, {@code > 0}
 * @param initMaxWeight        initial weights are uniform in {@code [0, initMaxWeight)}, in {@code (0, 1]}
 * @param thresholdMv          base firing threshold, {@code > 0}
 * @param tauMs                membrane time constant of the LIF outputs, {@code > 0}
 * @param learningFactor       learning threshold / firing threshold ({@code >= 1}; the demo: 1.3)
 * @param thresholdIncrementMv firing threshold raise per learning event, {@code >= 0}
 * @param maxThresholdOffsetMv cap on the raise, {@code >= 0}
 * @param refractorySteps      steps a winner may not fire again, {@code >= 0}
 * @param windowSteps          STDP learning window in steps, {@code >= 0}
 * @param aPlus                weight increase of inputs that fired within the window, {@code >= 0}
 * @param aMinus               weight change of all other inputs, {@code <= 0}
 * @param presynapticReset     whether an input spike is used by at most one weight increase
 * @param maxSpikesPerFrame    the frame ends after this many output spikes, {@code >= 1}
 * @param seed                 seed of the initial weights
 */
public record VisionParameters(int neurons, int keepBins, float contrastMax, float initMaxWeight, float thresholdMv,
                               float tauMs, float learningFactor, float thresholdIncrementMv,
                               float maxThresholdOffsetMv, int refractorySteps, int windowSteps, float aPlus,
                               float aMinus, boolean presynapticReset, int maxSpikesPerFrame, long seed) {

    /** Input side length after down-sampling (64). */
    public static final int SIZE = 64;
    /** Number of inputs: ON and OFF contrast maps of {@code 64 x 64}. */
    public static final int INPUTS = 2 * SIZE * SIZE;
    /** Number of intensity bins (256). */
    public static final int BINS = 256;

    /** Checks every field. */
    public VisionParameters {
        if (neurons < 1) {
            throw new IllegalArgumentException("neurons must be >= 1, got " + neurons);
        }
        if (keepBins < 1 || keepBins > BINS) {
            throw new IllegalArgumentException("keepBins must be in [1, 256], got " + keepBins);
        }
        positive("contrastMax", contrastMax);
        if (!(initMaxWeight > 0f && initMaxWeight <= 1f)) {
            throw new IllegalArgumentException("initMaxWeight must be in (0, 1], got " + initMaxWeight);
        }
        positive("thresholdMv", thresholdMv);
        positive("tauMs", tauMs);
        if (!(learningFactor >= 1f) || Float.isInfinite(learningFactor)) {
            throw new IllegalArgumentException("learningFactor must be finite and >= 1, got " + learningFactor);
        }
        nonNegative("thresholdIncrementMv", thresholdIncrementMv);
        nonNegative("maxThresholdOffsetMv", maxThresholdOffsetMv);
        if (refractorySteps < 0) {
            throw new IllegalArgumentException("refractorySteps must be >= 0, got " + refractorySteps);
        }
        if (windowSteps < 0) {
            throw new IllegalArgumentException("windowSteps must be >= 0, got " + windowSteps);
        }
        nonNegative("aPlus", aPlus);
        if (!(aMinus <= 0f) || Float.isInfinite(aMinus)) {
            throw new IllegalArgumentException("aMinus must be finite and <= 0, got " + aMinus);
        }
        if (maxSpikesPerFrame < 1) {
            throw new IllegalArgumentException("maxSpikesPerFrame must be >= 1, got " + maxSpikesPerFrame);
        }
    }

    private static void positive(String name, float v) {
        if (!(v > 0f) || Float.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
        }
    }

    private static void nonNegative(String name, float v) {
        if (!(v >= 0f) || Float.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
        }
    }

    /**
     * Defaults tuned on the motif experiment (see {@code VisionExperiments}) for {@code neurons} outputs.
     *
     * @param neurons number of outputs, {@code >= 1}
     */
    public static VisionParameters defaults(int neurons) {
        return new VisionParameters(neurons, 256, 128f, 0.3f, 30f, 50f, 1.3f, 10f, 1000f, 10, 16, 0.1f, -0.01f,
                true, 1, 42L);
    }

    /** A copy with {@code neurons} replaced. */
    public VisionParameters withNeurons(int v) {
        return new VisionParameters(v, keepBins, contrastMax, initMaxWeight, thresholdMv, tauMs, learningFactor,
                thresholdIncrementMv, maxThresholdOffsetMv, refractorySteps, windowSteps, aPlus, aMinus,
                presynapticReset, maxSpikesPerFrame, seed);
    }

    /** A copy with {@code seed} replaced. */
    public VisionParameters withSeed(long v) {
        return new VisionParameters(neurons, keepBins, contrastMax, initMaxWeight, thresholdMv, tauMs, learningFactor,
                thresholdIncrementMv, maxThresholdOffsetMv, refractorySteps, windowSteps, aPlus, aMinus,
                presynapticReset, maxSpikesPerFrame, v);
    }

    /** A copy with {@code keepBins} replaced. */
    public VisionParameters withKeepBins(int v) {
        return new VisionParameters(neurons, v, contrastMax, initMaxWeight, thresholdMv, tauMs, learningFactor,
                thresholdIncrementMv, maxThresholdOffsetMv, refractorySteps, windowSteps, aPlus, aMinus,
                presynapticReset, maxSpikesPerFrame, seed);
    }

    /** A copy with the firing threshold replaced. */
    public VisionParameters withThresholdMv(float v) {
        return new VisionParameters(neurons, keepBins, contrastMax, initMaxWeight, v, tauMs, learningFactor,
                thresholdIncrementMv, maxThresholdOffsetMv, refractorySteps, windowSteps, aPlus, aMinus,
                presynapticReset, maxSpikesPerFrame, seed);
    }

    /** A copy with the STDP window and rates replaced. */
    public VisionParameters withStdp(int window, float plus, float minus) {
        return new VisionParameters(neurons, keepBins, contrastMax, initMaxWeight, thresholdMv, tauMs, learningFactor,
                thresholdIncrementMv, maxThresholdOffsetMv, refractorySteps, window, plus, minus,
                presynapticReset, maxSpikesPerFrame, seed);
    }

    /** A copy with the homeostasis replaced. */
    public VisionParameters withHomeostasis(float factor, float incrementMv, float maxOffsetMv) {
        return new VisionParameters(neurons, keepBins, contrastMax, initMaxWeight, thresholdMv, tauMs, factor,
                incrementMv, maxOffsetMv, refractorySteps, windowSteps, aPlus, aMinus,
                presynapticReset, maxSpikesPerFrame, seed);
    }

    /** A copy with {@code contrastMax} and {@code initMaxWeight} replaced. */
    public VisionParameters withInput(float contrast, float initMax) {
        return new VisionParameters(neurons, keepBins, contrast, initMax, thresholdMv, tauMs, learningFactor,
                thresholdIncrementMv, maxThresholdOffsetMv, refractorySteps, windowSteps, aPlus, aMinus,
                presynapticReset, maxSpikesPerFrame, seed);
    }
}
