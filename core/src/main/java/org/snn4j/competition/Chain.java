package org.snn4j.competition;

import java.util.List;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;

/** Two competitions applied one after the other ({@link Competition#andThen}). Immutable. */
record Chain(Competition first, Competition next) implements Persistent, Competition {
    @Override
    public void apply(LayerState state, Spikes fired, StepContext ctx, List<Winner> winners) {
        first.apply(state, fired, ctx, winners);
        next.apply(state, fired, ctx, winners);
    }

    @Override
    public void onPresentationStart(LayerState state, StepContext ctx) {
        first.onPresentationStart(state, ctx);
        next.onPresentationStart(state, ctx);
    }

    @Override
    public void onPresentationEnd(LayerState state, StepContext ctx, List<Winner> winners) {
        first.onPresentationEnd(state, ctx, winners);
        next.onPresentationEnd(state, ctx, winners);
    }

    @Override
    public boolean sendsInhibition() {
        return first.sendsInhibition() || next.sendsInhibition();
    }

    @Override
    public boolean keepsThresholdOffset() {
        return first.keepsThresholdOffset() || next.keepsThresholdOffset();
    }

    @Override
    public boolean settled(LayerState state, StepContext ctx, List<Winner> winners) {
        return first.settled(state, ctx, winners) && next.settled(state, ctx, winners);
    }

    @Override
    public List<Competition> parts() {
        List<Competition> all = new java.util.ArrayList<>(first.parts());
        all.addAll(next.parts());
        return List.copyOf(all);
    }

    @Override
    public String toString() {
        return first + " then " + next;
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return CompetitionCodecs.CHAIN;
    }
}
