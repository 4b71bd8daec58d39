package org.snn4j.monitor;

import java.util.Arrays;
import org.snn4j.Spikes;
import org.snn4j.layer.Layer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;

/**
 * A spike raster of one layer: every output spike as (presentation, step, neuron), in the order they
 * occurred (within a step, in the layer's output order). Storage grows by doubling; nothing is allocated
 * in steps without spikes. Obtain one with {@code Simulation.recordSpikes(layerName)}.
 *
 * <p>Not thread-safe; belongs to one simulation.
 */
public final class SpikeRaster implements Monitor {
    private int[] presentations = new int[64];
    private int[] steps = new int[64];
    private int[] neurons = new int[64];
    private int count;
    private int presentation = -1;

    @Override
    public void onPresentationStart(int presentation, int steps) {
        this.presentation = presentation;
    }

    @Override
    public void onStep(Layer layer, LayerState state, Spikes out, StepContext ctx) {
        int n = out.count();
        if (n == 0) {
            return;
        }
        if (count + n > steps.length) {
            int cap = Math.max(2 * steps.length, count + n);
            presentations = Arrays.copyOf(presentations, cap);
            steps = Arrays.copyOf(steps, cap);
            neurons = Arrays.copyOf(neurons, cap);
        }
        int[] idx = out.indices();
        int t = ctx.step();
        for (int k = 0; k < n; k++) {
            presentations[count] = presentation;
            steps[count] = t;
            neurons[count] = idx[k];
            count++;
        }
    }

    /** Number of spikes recorded. */
    public int count() {
        return count;
    }

    /** The presentation (from 0 for the simulation's first) of spike {@code k}. */
    public int presentation(int k) {
        return presentations[java.util.Objects.checkIndex(k, count)];
    }

    /** The step of spike {@code k}. */
    public int step(int k) {
        return steps[java.util.Objects.checkIndex(k, count)];
    }

    /** The neuron of spike {@code k}. */
    public int neuron(int k) {
        return neurons[java.util.Objects.checkIndex(k, count)];
    }

    /** A copy of the steps of all spikes. */
    public int[] steps() {
        return Arrays.copyOf(steps, count);
    }

    /** A copy of the neurons of all spikes. */
    public int[] neurons() {
        return Arrays.copyOf(neurons, count);
    }

    /** The steps at which {@code neuron} fired, in order (allocates). */
    public int[] spikeSteps(int neuron) {
        int m = 0;
        for (int k = 0; k < count; k++) {
            if (neurons[k] == neuron) {
                m++;
            }
        }
        int[] res = new int[m];
        m = 0;
        for (int k = 0; k < count; k++) {
            if (neurons[k] == neuron) {
                res[m++] = steps[k];
            }
        }
        return res;
    }

    /** Spike count per neuron for a layer of {@code size} neurons (allocates). */
    public int[] countsPerNeuron(int size) {
        int[] c = new int[size];
        for (int k = 0; k < count; k++) {
            c[neurons[k]]++;
        }
        return c;
    }

    /** Forgets every recorded spike. */
    public void clear() {
        count = 0;
    }
}
