/**
 * Retina-like image filters on {@link org.snn4j.encoding.FeatureMaps}: kernels ({@link
 * org.snn4j.encoding.filter.Kernel}: Difference of Gaussians, Mexican hat, Gabor), a kernel-bank
 * {@link org.snn4j.encoding.filter.Convolution} with zero padding and an output threshold,
 * {@link org.snn4j.encoding.filter.LocalNormalization}, {@link org.snn4j.encoding.filter.Threshold},
 * {@link org.snn4j.encoding.filter.ZeroPad} and {@link org.snn4j.encoding.filter.Downsample}. Every filter is a
 * {@link org.snn4j.encoding.filter.MapFilter} (a {@code UnaryOperator<FeatureMaps>} that also maps shapes), so
 * filters compose with {@link org.snn4j.encoding.filter.MapFilter#then}.
 *
 * <p>All filters are immutable and thread-safe, and allocate their output per call (they run per image,
 * never per time step).
 */
package org.snn4j.encoding.filter;
