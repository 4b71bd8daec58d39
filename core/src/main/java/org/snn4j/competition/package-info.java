/**
 * Competition between the output neurons of a layer, applied by the engine after each step of that layer
 * ({@link org.snn4j.competition.Competition}): {@link org.snn4j.competition.PointwiseInhibition} (one feature
 * per position), {@link org.snn4j.competition.KWinnersTakeAll} (SpykeTorch's k winners with an inhibition
 * radius), {@link org.snn4j.competition.WinnerTakeAll} (lateral inhibition, one spike per step),
 * {@link org.snn4j.competition.LateralInhibition} (every spike inhibits all other neurons one step later, through
 * the neuron model's inhibitory conductance), {@link org.snn4j.competition.ThresholdAdaptation} (adaptive
 * thresholds, Diehl &amp; Cook 2015), {@link org.snn4j.competition.TwoThresholdHomeostasis} (threshold offsets
 * that persist across presentations; {@link org.snn4j.competition.Competition#whileLearning} applies it in
 * learning presentations only) and {@link org.snn4j.competition.ResetFired} (a reset placed after the
 * competitions that read the peak). Chain them with {@link org.snn4j.competition.Competition#andThen}.
 * Implementations hold parameters only; per-presentation marks live in the {@link org.snn4j.layer.LayerState}
 * ({@code inhibitedUntil}). This package depends on {@code org.snn4j.layer}, never the
 * reverse.
 */
package org.snn4j.competition;
