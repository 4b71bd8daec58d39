package org.snn4j.conversion;

/**
 * How each layer's activation scale {@code lambda} is taken from the ANN's activations on calibration data
 * (Diehl et al. 2015, DOI 10.1109/IJCNN.2015.7280696; Rueckauer et al. 2017, DOI 10.3389/fnins.2017.00682). After
 * conversion, a layer's weights are multiplied by {@code lambda_prev / lambda} and its bias divided by
 * {@code lambda}, so that an activation of {@code lambda} becomes the IF neuron's maximum rate of one spike per step.
 */
public enum Normalisation {
    /** {@code lambda} = the largest activation seen (Diehl et al. 2015's data-based normalisation). */
    MAX,
    /**
     * {@code lambda} = the {@code p}-th percentile of the non-zero activations (Rueckauer et al. 2017's robust
     * normalisation, typically {@code p} = 99.9 or 99.99): a few outliers no longer slow the whole layer down.
     */
    PERCENTILE
}
