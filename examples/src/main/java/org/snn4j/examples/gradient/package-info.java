/**
 * Examples of the surrogate-gradient trainer (module {@code snn4j-gradient}): slayerPytorch's N-MNIST MLP
 * ({@link org.snn4j.examples.gradient.SlayerNmnistMlp}), Sadovsky et al.'s spiking MLP and CNN
 * ({@link org.snn4j.examples.gradient.SadovskyNmnist}), BPTT through a recurrent layer on row-by-row digits
 * ({@link org.snn4j.examples.gradient.RecurrentRowDigits}) and the binned N-MNIST samples they train on
 * ({@link org.snn4j.examples.gradient.NmnistSamples}).
 */
package org.snn4j.examples.gradient;
