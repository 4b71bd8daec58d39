/**
 * Reproductions of published spiking-network experiments, composed from snn4j's library parts.
 *
 * <p>{@link org.snn4j.examples.papers.Mozafari2019} (the examples jar's default) reproduces Mozafari et al.
 * 2019 (Pattern Recognition 94:87, doi:10.1016/j.patcog.2019.05.015) on the shipped mnist10k digits with
 * {@link org.snn4j.examples.papers.Mozafari2019Composed}: the encoder comes from {@code org.snn4j.encoding}
 * ({@code MozafariEncoder}, {@code MnistDataset}), the layers are {@code Conv2dLayer}, {@code PoolingLayer}
 * and {@code PaddingLayer} in one {@code org.snn4j.network.Network}, competition is
 * {@code PointwiseInhibition} and {@code KWinnersTakeAll}, learning is {@code org.snn4j.learning.BinaryStdp}
 * and {@code RewardModulatedStdp}, models are saved with {@code org.snn4j.io.ModelFile}. The speed is the
 * engine's ({@code Simulation}'s fast paths); this package has no network-specific simulation code. The
 * earlier network-specific implementation ({@code MozafariNetwork}, {@code SpikingConv}, {@code DecisionConv})
 * is kept in the test sources as the reference the composition is checked and timed against
 * ({@code Mozafari2019EquivalenceTest}; the benchmarks' {@code mozafari_phases} workload times both).
 */
package org.snn4j.examples.papers;
