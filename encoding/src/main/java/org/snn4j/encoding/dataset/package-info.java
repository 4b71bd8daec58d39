/**
 * Datasets: the IDX file format ({@link org.snn4j.encoding.dataset.IdxReader}) and MNIST
 * ({@link org.snn4j.encoding.dataset.MnistDataset}). Malformed files raise
 * {@link org.snn4j.encoding.dataset.IdxFormatException} naming the field, the value found, what was expected
 * and the byte offset.
 */
package org.snn4j.encoding.dataset;
