package org.snn4j.network;

import java.util.List;
import java.util.Objects;
import org.snn4j.competition.Winner;
import org.snn4j.layer.LayerState;

/**
 * What one presentation produced.
 *
 * @param steps        the number of steps run
 * @param layersRun    how many layers (from the first) were run
 * @param winners      per layer run, the winners its competition selected (empty lists for layers without
 *                     competition); immutable copies
 * @param outputSpikes per layer run, the output spikes of this presentation (after competition)
 * @param finalState   the state of the last layer run: live, owned by the simulation, valid until its next
 *                     presentation
 */
public record PresentationResult(int steps, int layersRun, List<List<Winner>> winners, long[] outputSpikes,
                                 LayerState finalState) {
    /** Checks non-null fields. */
    public PresentationResult {
        Objects.requireNonNull(winners, "winners");
        Objects.requireNonNull(outputSpikes, "outputSpikes");
        Objects.requireNonNull(finalState, "finalState");
    }

    /** The winners of layer {@code layer} (index in the network). */
    public List<Winner> winners(int layer) {
        return winners.get(layer);
    }

    /** The output spikes of layer {@code layer} in this presentation. */
    public long outputSpikes(int layer) {
        return outputSpikes[Objects.checkIndex(layer, outputSpikes.length)];
    }
}
