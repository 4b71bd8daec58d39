/**
 * Encoders: turn images (and other inputs) into {@link org.snn4j.SpikeSource}s the engine consumes.
 *
 * <ul>
 *   <li>{@link org.snn4j.encoding.FloatImage} (one grayscale image) and {@link org.snn4j.encoding.FeatureMaps}
 *       ({@code channels x height x width} filter outputs);</li>
 *   <li>{@link org.snn4j.encoding.RankOrder}: intensity-to-latency (rank-order) codes, each input fires at
 *       most once;</li>
 *   <li>{@link org.snn4j.encoding.PoissonEncoder}: rate codes;</li>
 *   <li>{@link org.snn4j.encoding.MozafariEncoder}: the whole input pipeline of Mozafari et al. 2019 and
 *       Kheradpisheh et al. 2018 as one encoder;</li>
 *   <li>sub-packages {@code filter} (DoG, Mexican hat, Gabor, local normalisation, padding,
 *       down-sampling) and {@code dataset} (MNIST IDX files).</li>
 * </ul>
 *
 * <p>Units: time in milliseconds, rates in hertz, pixel intensities in the caller's scale (the Mozafari
 * presets expect 0..255).
 */
package org.snn4j.encoding;
