/**
 * ANN-to-SNN conversion: a ReLU network trained by {@code org.snn4j.gradient} becomes integrate-and-fire layers of
 * the core engine ({@link org.snn4j.conversion.AnnToSnn}), run on images by
 * {@link org.snn4j.conversion.SnnClassifier} with analog or Poisson input. User guide: {@code docs/conversion.md}.
 */
package org.snn4j.conversion;
