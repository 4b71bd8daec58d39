package org.snn4j.layer;

import java.util.ArrayList;
import java.util.List;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.competition.Competition;

/** Test-only driver: runs layers in a chain for one presentation, the way an engine would. */
public final class LayerHarness {
    /** Per step, the sorted output spikes of the last layer; plus the winners of the competed layer. */
    public record Result(List<int[]> spikesPerStep, List<Winner> winners, List<LayerState> states) {
        /** For each output neuron, the first step it fired, or -1. */
        public int[] firstSpike(int size) {
            int[] first = new int[size];
            java.util.Arrays.fill(first, -1);
            for (int t = 0; t < spikesPerStep.size(); t++) {
                for (int i : spikesPerStep.get(t)) {
                    if (first[i] < 0) {
                        first[i] = t;
                    }
                }
            }
            return first;
        }
    }

    private LayerHarness() {
    }

    /**
     * @param inputStep per input neuron, the step at which it fires (or -1)
     * @param competeAt index of the layer that gets {@code competition} (ignored if competition is null)
     */
    public static Result run(List<? extends Layer> layers, int[] inputStep, int steps, Competition competition,
                             int competeAt) {
        List<LayerState> states = new ArrayList<>();
        for (Layer l : layers) {
            LayerState s = l.newState();
            s.reset();
            states.add(s);
        }
        return run(layers, states, inputStep, steps, competition, competeAt);
    }

    public static Result run(List<? extends Layer> layers, List<LayerState> states, int[] inputStep, int steps,
                             Competition competition, int competeAt) {
        StepContext ctx = new StepContext(1f);
        ctx.begin(steps, true);
        List<Winner> winners = new ArrayList<>();
        List<int[]> perStep = new ArrayList<>();
        Spikes in = new Spikes(inputStep.length);
        for (int t = 0; t < steps; t++) {
            ctx.setStep(t);
            in.clear();
            for (int i = 0; i < inputStep.length; i++) {
                if (inputStep[i] == t) {
                    in.add(i);
                }
            }
            Spikes cur = in;
            for (int l = 0; l < layers.size(); l++) {
                Spikes out = new Spikes(layers.get(l).outputShape().size());
                layers.get(l).step(cur, states.get(l), ctx, out);
                if (competition != null && l == competeAt) {
                    competition.apply(states.get(l), out, ctx, winners);
                }
                layers.get(l).endStep(out, states.get(l), ctx);
                cur = out;
            }
            perStep.add(cur.toSortedArray());
        }
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).finish(states.get(l), ctx);
        }
        return new Result(perStep, winners, states);
    }
}
