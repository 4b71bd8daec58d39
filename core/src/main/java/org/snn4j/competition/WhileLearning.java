package org.snn4j.competition;

import java.util.List;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;

/** A competition active only in learning presentations ({@link Competition#whileLearning}). Immutable. */
record WhileLearning(Competition inner) implements Persistent, Competition {
    @Override
    public void apply(LayerState state, Spikes fired, StepContext ctx, List<Winner> winners) {
        if (ctx.learning()) {
            inner.apply(state, fired, ctx, winners);
        }
    }

    @Override
    public void onPresentationStart(LayerState state, StepContext ctx) {
        if (ctx.learning()) {
            inner.onPresentationStart(state, ctx);
        }
    }

    @Override
    public void onPresentationEnd(LayerState state, StepContext ctx, List<Winner> winners) {
        if (ctx.learning()) {
            inner.onPresentationEnd(state, ctx, winners);
        }
    }

    @Override
    public boolean sendsInhibition() {
        return inner.sendsInhibition();
    }

    @Override
    public boolean keepsThresholdOffset() {
        return inner.keepsThresholdOffset();
    }

    @Override
    public boolean settled(LayerState state, StepContext ctx, List<Winner> winners) {
        return !ctx.learning() || inner.settled(state, ctx, winners);
    }

    @Override
    public String toString() {
        return "whileLearning(" + inner + ")";
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return CompetitionCodecs.WHILE_LEARNING;
    }
}
