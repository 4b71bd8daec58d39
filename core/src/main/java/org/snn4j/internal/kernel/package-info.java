/**
 * Internal float kernels behind one small interface ({@link org.snn4j.internal.kernel.FloatKernels}): a scalar
 * implementation that runs everywhere and a Vector API one chosen at start-up when
 * {@code jdk.incubator.vector} is readable ({@link org.snn4j.internal.kernel.KernelProvider}); both give
 * bit-identical results. Not part of the public API.
 */
package org.snn4j.internal.kernel;
