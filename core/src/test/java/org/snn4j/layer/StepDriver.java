package org.snn4j.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.snn4j.Spikes;

/**
 * Test-only: drives one layer through one presentation step by step with the public layer calls ({@code step},
 * optionally {@code endStep}, then {@code finish}), with the input spikes of each step given by hand.
 */
public final class StepDriver {
    private StepDriver() {
    }

    /**
     * @param inputs    {@code inputs[t]}: the input spikes of step t
     * @param endStep   whether to call {@code endStep} with the step's spikes (an engine without competition)
     * @param afterStep called with the state after each step (after endStep), or null
     * @return per step, the sorted output spikes
     */
    public static List<int[]> drive(Layer l, LayerState st, float dtMs, int[][] inputs, boolean endStep,
                                    Consumer<LayerState> afterStep) {
        StepContext ctx = new StepContext(dtMs);
        ctx.begin(inputs.length, false);
        Spikes in = new Spikes(l.inputShape().size());
        List<int[]> res = new ArrayList<>();
        for (int t = 0; t < inputs.length; t++) {
            ctx.setStep(t);
            in.clear();
            for (int i : inputs[t]) {
                in.add(i);
            }
            Spikes out = new Spikes(l.outputShape().size());
            l.step(in, st, ctx, out);
            if (endStep) {
                l.endStep(out, st, ctx);
            }
            res.add(out.toSortedArray());
            if (afterStep != null) {
                afterStep.accept(st);
            }
        }
        l.finish(st, ctx);
        return res;
    }
}
