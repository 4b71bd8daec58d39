package org.snn4j.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.LearningRule;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.layer.StepContext;

/**
 * Test driver playing the engine's part for a layer without dynamics: given the input and output spikes
 * of every step, it fills the state as a layer would (input spike steps, last spike steps), keeps the
 * winners (first spike of each output neuron), and calls the rule's hooks in engine order ({@code beforeStep}
 * and {@code afterStep} of a step back to back: there is no layer in between).
 */
final class Drive {
    private Drive() {
    }

    /** Builds spikes for one step from a list of indices. */
    static Spikes spikes(int capacity, int... idx) {
        Spikes s = new Spikes(capacity);
        for (int i : idx) {
            s.add(i);
        }
        return s;
    }

    static Winner winner(Shape out, int neuron, int step) {
        return new Winner(neuron, out.channelOf(neuron), out.rowOf(neuron), out.colOf(neuron), step, 0f);
    }

    /**
     * One presentation: {@code ins[t]} and {@code outs[t]} are the spikes of step t.
     *
     * @return the winners (first spikes of output neurons, in firing order)
     */
    static List<Winner> present(LearningRule rule, PlasticLayer layer, LayerState state, Spikes[] ins,
                                Spikes[] outs, float reward, float dtMs) {
        state.reset();
        state.neurons().clear();
        StepContext ctx = new StepContext(dtMs);
        ctx.begin(ins.length, true);
        rule.onPresentationStart(layer, state, ctx);
        List<Winner> winners = new ArrayList<>();
        int[] inStep = state.inputSpikeStep();
        int[] last = state.neurons().lastSpikeStep();
        for (int t = 0; t < ins.length; t++) {
            ctx.setStep(t);
            for (int k = 0; k < ins[t].count(); k++) {
                inStep[ins[t].get(k)] = t;
            }
            for (int k = 0; k < outs[t].count(); k++) {
                int j = outs[t].get(k);
                if (last[j] < 0) {
                    winners.add(winner(layer.outputShape(), j, t));
                }
                last[j] = t;
            }
            rule.beforeStep(layer, state, ins[t], ctx);
            rule.afterStep(layer, state, ins[t], outs[t], winners, ctx);
        }
        rule.onPresentationEnd(layer, state, winners, ctx);
        rule.afterSample(layer, state, winners, reward);
        return winners;
    }

    /** Random spikes for {@code steps} steps, each neuron firing with probability {@code p} per step. */
    static Spikes[] random(SplittableRandom rng, int n, int steps, double p) {
        Spikes[] s = new Spikes[steps];
        for (int t = 0; t < steps; t++) {
            s[t] = new Spikes(n);
            for (int i = 0; i < n; i++) {
                if (rng.nextDouble() < p) {
                    s[t].add(i);
                }
            }
        }
        return s;
    }

    /** Empty spikes for {@code steps} steps. */
    static Spikes[] none(int n, int steps) {
        Spikes[] s = new Spikes[steps];
        for (int t = 0; t < steps; t++) {
            s[t] = new Spikes(n);
        }
        return s;
    }
}
