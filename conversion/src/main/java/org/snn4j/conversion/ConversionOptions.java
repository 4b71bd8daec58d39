package org.snn4j.conversion;

import java.util.Objects;

/**
 * Options of {@link AnnToSnn#convert}.
 *
 * @param normalisation      max or percentile normalisation
 * @param percentile         the percentile for {@link Normalisation#PERCENTILE}, in (0, 100]
 * @param calibrationSamples how many samples (the first ones of the calibration set) give the activation
 *                           statistics, >= 1
 * @param dtMs               the time step of the converted network, ms, > 0 (rates are per step, so this only
 *                           names the unit)
 */
public record ConversionOptions(Normalisation normalisation, double percentile, int calibrationSamples, float dtMs) {

    /** Checks every field. */
    public ConversionOptions {
        Objects.requireNonNull(normalisation, "normalisation");
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
        }
        if (calibrationSamples < 1) {
            throw new IllegalArgumentException("calibrationSamples must be >= 1, got " + calibrationSamples);
        }
        if (!(dtMs > 0f) || !Float.isFinite(dtMs)) {
            throw new IllegalArgumentException("dtMs must be finite and > 0, got " + dtMs);
        }
    }

    /** Max normalisation over {@code samples} calibration samples, 1 ms steps. */
    public static ConversionOptions max(int samples) {
        return new ConversionOptions(Normalisation.MAX, 100, samples, 1f);
    }

    /** Percentile normalisation ({@code p}, e.g. 99.9) over {@code samples} calibration samples, 1 ms steps. */
    public static ConversionOptions percentile(double p, int samples) {
        return new ConversionOptions(Normalisation.PERCENTILE, p, samples, 1f);
    }
}
