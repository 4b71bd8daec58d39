package org.snn4j.network;

import java.util.List;
import java.util.Objects;
import org.snn4j.Winner;
import org.snn4j.layer.LayerState;

/**
 * What one presentation produced.
 *
 * @param steps        the number of steps run (fewer than {@code sourceSteps} when the presentation stopped
 *                     early)
 * @param layersRun    the index of the last layer run plus one
 * @param winners      per layer up to the last run, the winners its competition selected (empty lists for
 *                     layers without competition or not run); immutable copies
 * @param outputSpikes per layer up to the last run, the output spikes of this presentation (after
 *                     competition; 0 for layers not run)
 * @param finalState   the state of the last layer run: live, owned by the simulation, valid until its next
 *                     presentation
 * @param firstLayer   the index of the first layer run
 * @param sourceSteps  the number of steps of the source
 */
public record PresentationResult(int steps, int layersRun, List<List<Winner>> winners, long[] outputSpikes,
                                 LayerState finalState, int firstLayer, int sourceSteps) {
    /** Checks non-null fields. */
    public PresentationResult {
        Objects.requireNonNull(winners, "winners");
        Objects.requireNonNull(outputSpikes, "outputSpikes");
        Objects.requireNonNull(finalState, "finalState");
    }

    /** Whether the presentation ended before the source's last step (its stop condition held). */
    public boolean stoppedEarly() {
        return steps < sourceSteps;
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
