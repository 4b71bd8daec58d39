package org.snn4j.network;

import java.util.Objects;
import java.util.Set;

/**
 * What one presentation runs, given to {@link Simulation#present(org.snn4j.SpikeSource, Presentation)}:
 * which layers run, which of them learn and compete, and when the presentation stops. One network serves
 * every phase of a layer-wise training (no extra {@link Network}s over the same layers):
 *
 * <pre>{@code
 * Presentation conv1Stdp = Presentation.training().upTo("conv1");            // layers 0..conv1, conv1 learns
 * Presentation conv2Stdp = Presentation.training().upTo("conv2").learnOnly("conv2");
 * Presentation replay    = Presentation.training().from("pad1").upTo("conv2"); // source drives pad1's input
 * Presentation test      = Presentation.inference().stopWhen(StopCondition.firstSpike("out"));
 * }</pre>
 *
 * <ul>
 *   <li>Layers run: {@code from} (the first layer run; its input is the source; null: the network's first
 *       layer) to {@code upTo} (the last layer run; null: the network's last), a contiguous part of the
 *       chain. Layers outside it are not touched.</li>
 *   <li>Learning: with {@code learning}, the layers run that have a learning rule learn (get the rule's
 *       lifecycle calls), or only those in {@code learners} when it is not null.</li>
 *   <li>Competition: every layer run applies its competition, except those in {@code withoutCompetition}.</li>
 *   <li>Stop: {@code stop}, or when null {@link StopCondition#auto()} with learning and
 *       {@link StopCondition#atEnd()} without.</li>
 * </ul>
 * Names are checked against the network when the presentation runs. Immutable; reuse one instance for
 * every sample of a phase.
 *
 * @param from               the first layer run, or null for the network's first layer
 * @param upTo               the last layer run (inclusive), or null for the network's last layer
 * @param learning           whether learning rules are active
 * @param learners           the layers that learn (with {@code learning}), or null for every layer run with a
 *                           rule; unmodifiable copy
 * @param withoutCompetition layers run whose competition is skipped; unmodifiable copy
 * @param stop               the stop condition, or null for the default
 */
public record Presentation(String from, String upTo, boolean learning, Set<String> learners,
                           Set<String> withoutCompetition, StopCondition stop) {

    private static final Presentation INFERENCE = new Presentation(null, null, false, null, Set.of(), null);
    private static final Presentation TRAINING = new Presentation(null, null, true, null, Set.of(), null);

    /** Copies the sets; checks that {@code learners} is only given with learning on. */
    public Presentation {
        learners = learners == null ? null : Set.copyOf(learners);
        withoutCompetition = Set.copyOf(Objects.requireNonNull(withoutCompetition, "withoutCompetition"));
        if (learners != null && !learning) {
            throw new IllegalArgumentException("learners " + learners + " given with learning off");
        }
    }

    /** Every layer, no learning, every step of the source. */
    public static Presentation inference() {
        return INFERENCE;
    }

    /** Every layer, every rule learns, stops with {@link StopCondition#auto()}. */
    public static Presentation training() {
        return TRAINING;
    }

    /** A copy whose first layer run is the layer called {@code layer} (the source drives its input). */
    public Presentation from(String layer) {
        return new Presentation(Objects.requireNonNull(layer, "layer"), upTo, learning, learners,
                withoutCompetition, stop);
    }

    /** A copy whose last layer run is the layer called {@code layer}. */
    public Presentation upTo(String layer) {
        return new Presentation(from, Objects.requireNonNull(layer, "layer"), learning, learners,
                withoutCompetition, stop);
    }

    /** A copy in which only the named layers learn (learning must be on). */
    public Presentation learnOnly(String... layers) {
        return new Presentation(from, upTo, learning, Set.of(layers), withoutCompetition, stop);
    }

    /** A copy in which the named layers do not compete. */
    public Presentation withoutCompetition(String... layers) {
        return new Presentation(from, upTo, learning, learners, Set.of(layers), stop);
    }

    /** A copy with stop condition {@code condition}. */
    public Presentation stopWhen(StopCondition condition) {
        return new Presentation(from, upTo, learning, learners, withoutCompetition,
                Objects.requireNonNull(condition, "condition"));
    }

    /**
     * The stop condition in effect: {@link #stop()}, or by default {@link StopCondition#auto()} with
     * learning and {@link StopCondition#atEnd()} without.
     */
    public StopCondition effectiveStop() {
        return stop != null ? stop : learning ? StopCondition.auto() : StopCondition.atEnd();
    }
}
