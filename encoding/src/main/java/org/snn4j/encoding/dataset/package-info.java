/**
 * Datasets: the IDX file format ({@link org.snn4j.encoding.dataset.IdxReader}) and MNIST
 * ({@link org.snn4j.encoding.dataset.MnistDataset}); N-MNIST event recordings in the full distribution's layout or
 * behind a label list ({@link org.snn4j.encoding.dataset.NmnistDataset}). Malformed IDX files raise
 * {@link org.snn4j.encoding.dataset.IdxFormatException} naming the field, the value found, what was expected
 * and the byte offset; a faulty data set layout or label list raises
 * {@link org.snn4j.encoding.dataset.DatasetFormatException} naming the file, the line and the value.
 */
package org.snn4j.encoding.dataset;
