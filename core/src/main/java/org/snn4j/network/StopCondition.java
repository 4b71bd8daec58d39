package org.snn4j.network;

import java.util.Objects;

/**
 * When a presentation ends, checked by the engine after every step (after competition and learning of
 * that step). Whatever the condition, a presentation never runs past the source's last step.
 *
 * <ul>
 *   <li>{@link #atEnd()}: run every step of the source (the default without learning);</li>
 *   <li>{@link #atStep(int)}: run steps {@code 0 .. steps-1} at most;</li>
 *   <li>{@link #firstSpike(String)}: end after the first step in which the named layer emits a spike
 *       (after competition), as an event-driven demo that answers with its first output spike;
 *       {@link #afterSpikes(String, int)}: after the step in which its spike count reaches {@code n};</li>
 *   <li>{@link #winnersSettled(String)}: end after the step in which the named layer's competition has
 *       {@link org.snn4j.competition.Competition#settled settled} (for k-winners-take-all: every map has
 *       its winner, or {@code k} winners);</li>
 *   <li>{@link #auto()} (the default with learning): end as soon as no later step can change what the
 *       presentation leaves behind: the last layer run learns, every layer run that competes has a
 *       {@linkplain org.snn4j.competition.Competition#settled settled} competition, every layer that learns
 *       competes and its rule {@linkplain org.snn4j.layer.LearningRule#learnsFromWinnersOnly() learns from
 *       winners only}, no component writes persistent state, and no monitor watches. For a convolution with k-WTA and binary STDP this
 *       is the step where the last winner appears: weights, winners and rates are exactly those of the full
 *       run, and the rest of the presentation is not simulated. Winners are those of the full run; spike
 *       counts of the {@link PresentationResult} cover the steps run. With the engine's fast paths, when the
 *       last layer is a fire-once convolution with pointwise inhibition then k-winners-take-all with a radius,
 *       the positions within the radius of a winner (none of whose neurons can win any more) stop integrating
 *       and firing as well: the winners are the same, that layer's spike count covers the positions still
 *       competing.</li>
 * </ul>
 *
 * @param kind  which condition
 * @param layer the layer the condition watches ({@link Kind#SPIKES}, {@link Kind#WINNERS_SETTLED}), else null
 * @param count the step budget ({@link Kind#AT_STEP}, {@code >= 0}) or the number of spikes ({@link Kind#SPIKES},
 *              {@code >= 1}), else 0
 */
public record StopCondition(Kind kind, String layer, int count) {

    /** The kinds of stop condition. */
    public enum Kind {
        /** Every step of the source. */
        AT_END,
        /** At most {@code count} steps. */
        AT_STEP,
        /** After the step in which {@code layer} has emitted {@code count} spikes in the presentation. */
        SPIKES,
        /** After the step in which {@code layer}'s competition has settled. */
        WINNERS_SETTLED,
        /** As soon as later steps cannot change the presentation's lasting effects. */
        AUTO
    }

    private static final StopCondition AT_END_CONDITION = new StopCondition(Kind.AT_END, null, 0);
    private static final StopCondition AUTO_CONDITION = new StopCondition(Kind.AUTO, null, 0);

    /**
     * Checks that the layer is given exactly for the kinds that watch one, and the step budget.
     */
    public StopCondition {
        Objects.requireNonNull(kind, "kind");
        boolean needsLayer = kind == Kind.SPIKES || kind == Kind.WINNERS_SETTLED;
        if (needsLayer && layer == null) {
            throw new IllegalArgumentException("stop condition " + kind + " needs a layer name, got null");
        }
        if (!needsLayer && layer != null) {
            throw new IllegalArgumentException("stop condition " + kind + " watches no layer, got " + layer);
        }
        int min = kind == Kind.AT_STEP ? 0 : kind == Kind.SPIKES ? 1 : -1;
        if (min < 0 ? count != 0 : count < min) {
            throw new IllegalArgumentException("count must be " + (min < 0 ? "0" : ">= " + min) + " for " + kind
                    + ", got " + count);
        }
    }

    /** Run every step of the source. */
    public static StopCondition atEnd() {
        return AT_END_CONDITION;
    }

    /** Run at most {@code steps} steps ({@code >= 0}). */
    public static StopCondition atStep(int steps) {
        return new StopCondition(Kind.AT_STEP, null, steps);
    }

    /** End after the first step in which the layer called {@code layer} emits a spike. */
    public static StopCondition firstSpike(String layer) {
        return afterSpikes(layer, 1);
    }

    /** End after the step in which the layer called {@code layer} has emitted {@code n >= 1} spikes. */
    public static StopCondition afterSpikes(String layer, int n) {
        return new StopCondition(Kind.SPIKES, Objects.requireNonNull(layer, "layer"), n);
    }

    /** End after the step in which the competition of the layer called {@code layer} has settled. */
    public static StopCondition winnersSettled(String layer) {
        return new StopCondition(Kind.WINNERS_SETTLED, Objects.requireNonNull(layer, "layer"), 0);
    }

    /** End as soon as later steps cannot change what the presentation leaves behind (see the class note). */
    public static StopCondition auto() {
        return AUTO_CONDITION;
    }
}
