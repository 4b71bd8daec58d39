package org.snn4j.competition;

import java.util.List;
import org.snn4j.io.Codec;

/**
 * The codecs of this package's competitions (their parameters; chains and {@code whileLearning} nest the
 * competitions they combine). Each competition returns its codec from {@code codec()}; the network file reader
 * is given {@link #all()}.
 */
public final class CompetitionCodecs {
    private CompetitionCodecs() {
    }

    /** {@link WinnerTakeAll}. */
    public static final Codec<WinnerTakeAll> WINNER_TAKE_ALL = Codec.of("snn4j.competition.WinnerTakeAll",
            WinnerTakeAll.class,
            (c, out) -> out.putFloat("resetMv", c.resetMv()).putInt("refractorySteps", c.refractorySteps()),
            in -> new WinnerTakeAll(in.getFloat("resetMv"), in.getInt("refractorySteps")));

    /** {@link KWinnersTakeAll}. */
    public static final Codec<KWinnersTakeAll> K_WINNERS_TAKE_ALL = Codec.of("snn4j.competition.KWinnersTakeAll",
            KWinnersTakeAll.class,
            (c, out) -> out.putInt("k", c.k()).putInt("radius", c.radius()).putBoolean("removeLosers", c.removeLosers()),
            in -> new KWinnersTakeAll(in.getInt("k"), in.getInt("radius"), in.getBoolean("removeLosers")));

    /** {@link PointwiseInhibition} (no parameters). */
    public static final Codec<PointwiseInhibition> POINTWISE_INHIBITION = Codec.of(
            "snn4j.competition.PointwiseInhibition", PointwiseInhibition.class,
            (c, out) -> { },
            in -> new PointwiseInhibition());

    /** {@link ResetFired}. */
    public static final Codec<ResetFired> RESET_FIRED = Codec.of("snn4j.competition.ResetFired", ResetFired.class,
            (c, out) -> out.putFloat("resetMv", c.resetMv()),
            in -> new ResetFired(in.getFloat("resetMv")));

    /** {@link LateralInhibition} (no parameters). */
    public static final Codec<LateralInhibition> LATERAL_INHIBITION = Codec.of("snn4j.competition.LateralInhibition",
            LateralInhibition.class, (c, out) -> { }, in -> new LateralInhibition());

    /** {@link ThresholdAdaptation}. */
    public static final Codec<ThresholdAdaptation> THRESHOLD_ADAPTATION = Codec.of(
            "snn4j.competition.ThresholdAdaptation", ThresholdAdaptation.class,
            (c, out) -> out.putFloat("thetaPlus", c.thetaPlus()).putFloat("tauThetaMs", c.tauThetaMs())
                    .putFloat("restMs", c.restMs()),
            in -> new ThresholdAdaptation(in.getFloat("thetaPlus"), in.getFloat("tauThetaMs"), in.getFloat("restMs")));

    /** {@link TwoThresholdHomeostasis}. */
    public static final Codec<TwoThresholdHomeostasis> TWO_THRESHOLD_HOMEOSTASIS = Codec.of(
            "snn4j.competition.TwoThresholdHomeostasis", TwoThresholdHomeostasis.class,
            (c, out) -> out.putFloat("firingThresholdMv", c.firingThresholdMv())
                    .putFloat("learningFactor", c.learningFactor()).putFloat("incrementMv", c.incrementMv())
                    .putFloat("maxOffsetMv", c.maxOffsetMv()).putBoolean("selectWinners", c.selectWinners()),
            in -> new TwoThresholdHomeostasis(in.getFloat("firingThresholdMv"), in.getFloat("learningFactor"),
                    in.getFloat("incrementMv"), in.getFloat("maxOffsetMv"), in.getBoolean("selectWinners")));

    /** {@link Competition#andThen}: the two competitions in order. */
    public static final Codec<Chain> CHAIN = Codec.of("snn4j.competition.Chain", Chain.class,
            (c, out) -> out.putComponent("first", c.first()).putComponent("next", c.next()),
            in -> new Chain(in.getComponent("first", Competition.class), in.getComponent("next", Competition.class)));

    /** {@link Competition#whileLearning}: the wrapped competition. */
    public static final Codec<WhileLearning> WHILE_LEARNING = Codec.of("snn4j.competition.WhileLearning",
            WhileLearning.class,
            (c, out) -> out.putComponent("inner", c.inner()),
            in -> new WhileLearning(in.getComponent("inner", Competition.class)));

    /** Every codec of this package. */
    public static List<Codec<?>> all() {
        return List.of(WINNER_TAKE_ALL, K_WINNERS_TAKE_ALL, POINTWISE_INHIBITION, RESET_FIRED, LATERAL_INHIBITION,
                THRESHOLD_ADAPTATION, TWO_THRESHOLD_HOMEOSTASIS, CHAIN, WHILE_LEARNING);
    }
}
