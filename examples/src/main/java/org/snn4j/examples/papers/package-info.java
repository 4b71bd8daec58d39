/**
 * Reproductions of published spiking-network experiments, built from snn4j's modules.
 *
 * <p>{@link org.snn4j.examples.papers.Mozafari2019} (the examples jar's default) reproduces Mozafari et al.
 * 2019 (Pattern Recognition 94:87, doi:10.1016/j.patcog.2019.05.015) on the shipped mnist10k digits: the
 * encoder comes from {@code org.snn4j.encoding} ({@code MozafariEncoder}, {@code MnistDataset}), the layers
 * are {@code org.snn4j.layer.Conv2dLayer}s, learning is {@code org.snn4j.learning.BinaryStdp} and
 * {@code RewardModulatedStdp}, models are saved with {@code org.snn4j.io.ModelFile}. What this package adds
 * is network-specific speed: {@link org.snn4j.examples.papers.SpikingConv} (event-driven passes over a
 * Conv2dLayer's weights with an early stop in STDP training and a final-potential pass for inference) and
 * {@link org.snn4j.examples.papers.DecisionConv} (conv3 as one pass over a bitmap), plus caching of the
 * frozen layers' outputs in {@link org.snn4j.examples.papers.Mozafari2019}.
 */
package org.snn4j.examples.papers;
